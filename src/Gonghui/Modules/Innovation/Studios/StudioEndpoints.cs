using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Innovation.Alliances;
using Gonghui.Modules.Innovation.Awards;
using Gonghui.Modules.Innovation.Rules;
using Gonghui.Modules.Innovation.Studios;
using Gonghui.Modules.Innovation.Training;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Innovation.Studios;

public sealed record StudioDto(Guid Id, string Name, StudioKind Kind, StudioLevel Level, string Field, Guid UnitId, string? DistrictCode, Guid? EnterpriseId,
    string? EnterpriseName, Guid LeaderMemberId, string LeaderName, int TeamSize, StudioStatus Status, DateTimeOffset AppliedAt, DateOnly? PublicityEndsOn,
    DateOnly? RecognisedOn, string? Reason);
public sealed record StudioMemberDto(Guid MemberId, string Name, bool IsLeader);
public sealed record StudioEventDto(StudioAction? Action, StudioStatus To, DateTimeOffset At, string Actor, string? Note);
public sealed record AnnualReviewDto(Guid Id, int Year, int Patents, int Projects, int Trainees, long EconomicBenefitFen, DateTimeOffset RecordedAt, string RecordedBy);
public sealed record StudioDetailDto(StudioDto Studio, IReadOnlyList<StudioMemberDto> Team, IReadOnlyList<StudioEventDto> History,
    IReadOnlyList<AnnualReviewDto> Reviews, IReadOnlyList<StudioAction> Actions);

/// <summary>Studios under /api/v1/innovation: applying, the recognition workflow, annual reviews, the dashboard; thin handlers over <see cref="StudioService"/>.</summary>
internal static class StudioEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/studios", Studios).RequireAuthorization(Permissions.InnovationRead);
        g.MapPost("/studios", Apply).RequireAuthorization(Permissions.InnovationEdit);
        g.MapGet("/studios/{id:guid}", Studio).RequireAuthorization(Permissions.InnovationRead);
        g.MapPost("/studios/{id:guid}/transitions", Transition).RequireAuthorization(Permissions.InnovationReview);
        g.MapPost("/studios/{id:guid}/reviews", Review).RequireAuthorization(Permissions.InnovationEdit);
        g.MapGet("/dashboard", Dashboard).RequireAuthorization(Permissions.InnovationRead);
    }

    internal static StudioDto ToDto(InnovationStudio s) => new(s.Id, s.Name, s.Kind, s.Level, s.Field, s.UnitId, s.DistrictCode, s.EnterpriseId, s.EnterpriseName,
        s.LeaderMemberId, s.LeaderName, s.TeamSize, s.Status, s.AppliedAt, s.PublicityEndsOn, s.RecognisedOn, s.Reason);

    internal static AnnualReviewDto ToDto(StudioAnnualReview r) => new(r.Id, r.Year, r.Patents, r.Projects, r.Trainees, r.EconomicBenefitFen, r.RecordedAt, r.RecordedBy);

    internal static StudioDetailDto ToDto(StudioDetail d) => new(ToDto(d.Studio), d.Team.Select(m => new StudioMemberDto(m.MemberId, m.Name, m.IsLeader)).ToList(),
        d.History.Select(e => new StudioEventDto(e.Action, e.To, e.At, e.Actor, e.Note)).ToList(), d.Reviews.Select(ToDto).ToList(), d.Actions);

    public static async Task<IResult> Studios(StudioLevel? level, StudioStatus? status, StudioKind? kind, string? district, string? q, string? after, string? before,
        int? limit, StudioService svc, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        return TypedResults.Ok((await svc.ListAsync(new StudioFilter(level, status, kind, district, q), request, ct)).Map(ToDto));
    }

    public static async Task<IResult> Apply(ApplyStudioRequest body, StudioService svc, IStringLocalizer<InnovationText> t, CancellationToken ct)
    {
        var o = await svc.ApplyAsync(body, ct);
        return o.IsOk ? TypedResults.Created($"/api/v1/innovation/studios/{o.Value!.Id}", ToDto(o.Value)) : o.ToProblem(t);
    }

    public static async Task<IResult> Studio(Guid id, StudioService svc, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
        (await svc.DetailAsync(id, ct)).ToHttpResult(d => TypedResults.Ok(ToDto(d)), t);

    public static async Task<IResult> Transition(Guid id, StudioTransitionRequest body, StudioService svc, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
        (await svc.TransitionAsync(id, body, ct)).ToHttpResult(s => TypedResults.Ok(ToDto(s)), t);

    public static async Task<IResult> Review(Guid id, AnnualReviewRequest body, StudioService svc, IStringLocalizer<InnovationText> t, CancellationToken ct)
    {
        var o = await svc.ReviewAsync(id, body, ct);
        return o.IsOk ? TypedResults.Created($"/api/v1/innovation/studios/{id}", ToDto(o.Value!)) : o.ToProblem(t);
    }

    public static async Task<IResult> Dashboard(int? year, StudioService svc, CancellationToken ct)
    {
        if (year is < 2000 or > 2100) return new Api.Errors().Add("year", "year must be between 2000 and 2100.").Problem();
        return TypedResults.Ok(await svc.DashboardAsync(year, ct));
    }

}
