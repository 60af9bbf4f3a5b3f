using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Innovation.Alliances;
using Gonghui.Modules.Innovation.Awards;
using Gonghui.Modules.Innovation.Rules;
using Gonghui.Modules.Innovation.Studios;
using Gonghui.Modules.Innovation.Training;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Innovation.Alliances;

public sealed record AllianceDto(Guid Id, string Name, AllianceKind Kind, string? Description, Guid LeadStudioId, string LeadStudioName, DateTimeOffset CreatedAt);
public sealed record AllianceDetailDto(AllianceDto Alliance, IReadOnlyList<AllianceMemberView> Members, AllianceSpan Span, IReadOnlyList<SharedProjectView> Projects);
public sealed record NeedDto(Guid Id, Guid? AllianceId, string Enterprise, string Title, string Problem, NeedStatus Status, DateTimeOffset PostedAt, string PostedBy, int Offers);
public sealed record NeedOfferDto(Guid StudioId, string StudioName, string? Note, DateTimeOffset At);
public sealed record NeedDetailDto(NeedDto Need, IReadOnlyList<NeedOfferDto> Offers);

/// <summary>Alliances of studios and the supply-and-demand board under /api/v1/innovation; thin handlers over <see cref="AllianceService"/>.</summary>
internal static class AllianceEndpoints
{
    /// <summary>Alliances of studios and the supply-and-demand board (city-wide; callers bring in studios of their own subtree).</summary>
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/alliances", async Task<IResult> (AllianceKind? kind, string? q, string? after, string? before, int? limit, AllianceService s, CancellationToken ct) =>
        {
            var errors = new Api.Errors();
            if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
            return TypedResults.Ok((await s.AlliancesAsync(kind, q, request, ct)).Map(ToDto));
        }).RequireAuthorization(Permissions.InnovationRead);
        g.MapPost("/alliances", async (CreateAllianceRequest body, AllianceService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
        {
            var o = await s.CreateAsync(body, ct);
            return o.IsOk ? TypedResults.Created($"/api/v1/innovation/alliances/{o.Value!.Id}", ToDto(o.Value)) : (IResult)o.ToProblem(t);
        }).RequireAuthorization(Permissions.InnovationEdit);
        g.MapGet("/alliances/{id:guid}", async (Guid id, AllianceService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
            (await s.DetailAsync(id, ct)).ToHttpResult(d => TypedResults.Ok(ToDto(d)), t)).RequireAuthorization(Permissions.InnovationRead);
        g.MapPost("/alliances/{id:guid}/members", async (Guid id, JoinAllianceRequest body, AllianceService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
            (await s.JoinAsync(id, body, ct)).ToHttpResult(d => TypedResults.Ok(ToDto(d)), t)).RequireAuthorization(Permissions.InnovationEdit);
        g.MapPost("/alliances/{id:guid}/projects", async (Guid id, ProposeProjectRequest body, AllianceService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
        {
            var o = await s.ProposeProjectAsync(id, body, ct);
            return o.IsOk ? TypedResults.Created($"/api/v1/innovation/alliance-projects/{o.Value!.Id}", o.Value) : (IResult)o.ToProblem(t);
        }).RequireAuthorization(Permissions.InnovationEdit);
        g.MapGet("/alliance-projects/{id:guid}", async (Guid id, AllianceService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
            (await s.ProjectAsync(id, ct)).ToHttpResult(t)).RequireAuthorization(Permissions.InnovationRead);
        g.MapPost("/alliance-projects/{id:guid}/studios", async (Guid id, JoinProjectRequest body, AllianceService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
            (await s.JoinProjectAsync(id, body, ct)).ToHttpResult(t)).RequireAuthorization(Permissions.InnovationEdit);
        g.MapPost("/alliance-projects/{id:guid}/status", async (Guid id, MoveProjectRequest body, AllianceService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
            (await s.MoveProjectAsync(id, body, ct)).ToHttpResult(t)).RequireAuthorization(Permissions.InnovationEdit);
        g.MapGet("/needs", async Task<IResult> (NeedStatus? status, Guid? allianceId, string? after, string? before, int? limit, AllianceService s, CancellationToken ct) =>
        {
            var errors = new Api.Errors();
            if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
            return TypedResults.Ok((await s.NeedsAsync(status, allianceId, request, ct)).Map(ToDto));
        }).RequireAuthorization(Permissions.InnovationRead);
        g.MapPost("/needs", async (PostNeedRequest body, AllianceService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
        {
            var o = await s.PostNeedAsync(body, ct);
            return o.IsOk ? TypedResults.Created($"/api/v1/innovation/needs/{o.Value!.Id}", ToDto(o.Value)) : (IResult)o.ToProblem(t);
        }).RequireAuthorization(Permissions.InnovationEdit);
        g.MapGet("/needs/{id:guid}", async (Guid id, AllianceService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
            (await s.NeedAsync(id, ct)).ToHttpResult(d => TypedResults.Ok(ToDto(d)), t)).RequireAuthorization(Permissions.InnovationRead);
        g.MapPost("/needs/{id:guid}/offers", async (Guid id, OfferRequest body, AllianceService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
            (await s.OfferAsync(id, body, ct)).ToHttpResult(d => TypedResults.Ok(ToDto(d)), t)).RequireAuthorization(Permissions.InnovationEdit);
        g.MapPost("/needs/{id:guid}/close", async (Guid id, AllianceService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
            (await s.CloseNeedAsync(id, ct)).ToHttpResult(d => TypedResults.Ok(ToDto(d)), t)).RequireAuthorization(Permissions.InnovationEdit);
    }

    internal static AllianceDto ToDto(StudioAlliance a) => new(a.Id, a.Name, a.Kind, a.Description, a.LeadStudioId, a.LeadStudioName, a.CreatedAt);
    internal static AllianceDetailDto ToDto(AllianceDetail d) => new(ToDto(d.Alliance), d.Members, d.Span, d.Projects);
    internal static NeedDto ToDto(TechNeed n) => new(n.Id, n.AllianceId, n.Enterprise, n.Title, n.Problem, n.Status, n.PostedAt, n.PostedBy, n.Offers);
    internal static NeedDetailDto ToDto(NeedDetail d) => new(ToDto(d.Need), d.Offers.Select(o => new NeedOfferDto(o.StudioId, o.StudioName, o.Note, o.At)).ToList());
}
