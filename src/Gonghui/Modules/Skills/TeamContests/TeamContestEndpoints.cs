using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Skills.TeamContests;

public sealed record TeamContestSummaryDto(Guid Id, int Year, string Name, Rules.TeamContestKind Kind, string? Project, Rules.CumulativeRule Rule, DateTimeOffset CreatedAt);

/// <summary>Team contests and staged key-project labour contests under /api/v1/skills/team-contests; thin handlers over <see cref="TeamContestService"/>.</summary>
internal static class TeamContestEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/team-contests", async Task<IResult> (int? year, string? after, string? before, int? limit, TeamContestService s, CancellationToken ct) =>
        {
            var errors = new Api.Errors();
            if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
            return TypedResults.Ok((await s.ListAsync(year, request, ct)).Map(ToDto));
        }).RequireAuthorization(Permissions.SkillsRead);
        // A worker's own team contests (我的比赛): teams they are in, each closed stage's mark and place, the final rank.
        g.MapGet("/team-contests/mine", async (TeamContestService s, CancellationToken ct) => TypedResults.Ok(await s.MineAsync(ct)))
            .RequireAuthorization(Permissions.SelfService);
        g.MapPost("/team-contests", async (CreateTeamContestRequest body, TeamContestService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
        {
            var o = await s.CreateAsync(body, ct);
            return o.IsOk ? TypedResults.Created($"/api/v1/skills/team-contests/{o.Value!.Id}", o.Value) : (IResult)o.ToProblem(SkillsEndpoints.Text(t));
        }).RequireAuthorization(Permissions.SkillsManage);
        g.MapGet("/team-contests/{id:guid}", async (Guid id, TeamContestService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
            (await s.DetailAsync(id, ct)).ToHttpResult(SkillsEndpoints.Text(t))).RequireAuthorization(Permissions.SkillsRead);
        g.MapPost("/team-contests/{id:guid}/teams", async (Guid id, EnterTeamRequest body, TeamContestService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
            (await s.EnterTeamAsync(id, body, ct)).ToHttpResult(SkillsEndpoints.Text(t))).RequireAuthorization(Permissions.SkillsRegister);
        g.MapPost("/team-contests/{id:guid}/stages/{stageId:guid}/marks", async (Guid id, Guid stageId, MarkStageRequest body, TeamContestService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
            (await s.MarkStageAsync(id, stageId, body, ct)).ToHttpResult(SkillsEndpoints.Text(t))).RequireAuthorization(Permissions.SkillsManage);
        g.MapPost("/team-contests/{id:guid}/stages/{stageId:guid}/close", async (Guid id, Guid stageId, TeamContestService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
            (await s.CloseStageAsync(id, stageId, ct)).ToHttpResult(SkillsEndpoints.Text(t))).RequireAuthorization(Permissions.SkillsManage);
    }

    internal static TeamContestSummaryDto ToDto(TeamContest c) => new(c.Id, c.Year, c.Name, c.Kind, c.Project, c.Rule, c.CreatedAt);
}
