using Gonghui.Modules.Services.Rules;
using Gonghui.Modules.Services.Statistics;
using Gonghui.Modules.Services.Visits;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Services.Projects;

public sealed record ProjectDto(Guid Id, string Code, string Name, int Year, Guid OwnerUnitId, string OwnerName, ServiceTier Tier, ServiceCategory Category,
    TargetGroup TargetGroup, string? Description, DateOnly? StartsOn, DateOnly? EndsOn, long BudgetFen, string FundCode, int PlannedVisits, ProjectStatus Status,
    DateTimeOffset AppliedAt, string AppliedBy, DateTimeOffset? DecidedAt, string? DecidedBy, string? RejectReason, DateTimeOffset? AcceptedAt, long? SpentFen,
    int? EvaluationScore, EvaluationGrade? EvaluationGrade, string? EvaluationNote, long? Visits, long? Members, int? ReachBp);

internal static class ProjectEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/projects", List).RequireAuthorization(Permissions.ServicesRead);
        g.MapPost("/projects", Apply).RequireAuthorization(Permissions.ServicesEdit);
        g.MapGet("/projects/{id:guid}", Get).RequireAuthorization(Permissions.ServicesRead);
        g.MapPost("/projects/{id:guid}/approve", Approve).RequireAuthorization(Permissions.ServicesApprove);
        g.MapPost("/projects/{id:guid}/reject", Reject).RequireAuthorization(Permissions.ServicesApprove);
        g.MapPost("/projects/{id:guid}/start", Start).RequireAuthorization(Permissions.ServicesEdit);
        g.MapPost("/projects/{id:guid}/finish", Finish).RequireAuthorization(Permissions.ServicesEdit);
        g.MapPost("/projects/{id:guid}/accept", Accept).RequireAuthorization(Permissions.ServicesApprove);
        g.MapGet("/stats", Stats).RequireAuthorization(Permissions.ServicesRead);
    }

    internal static OutcomeText Text(IStringLocalizer<ServicesText> t) => OutcomeHttp.Words(t);

    public static ProjectDto ToDto(ServiceProject p, string owner, long? visits = null, long? members = null) => new(p.Id, p.Code, p.Name, p.Year, p.OwnerUnitId, owner,
        p.Tier, p.Category, p.TargetGroup, p.Description, p.StartsOn, p.EndsOn, p.BudgetFen, p.FundCode, p.PlannedVisits, p.Status, p.AppliedAt, p.AppliedBy,
        p.DecidedAt, p.DecidedBy, p.RejectReason, p.AcceptedAt, p.SpentFen, p.EvaluationScore, p.EvaluationGrade, p.EvaluationNote, visits, members,
        visits is { } v ? ProjectRules.ReachBp(v, p.PlannedVisits) : null);

    public static async Task<IResult> List(int? year, ProjectStatus? status, ServiceCategory? category, ServiceTier? tier, string? q, string? after, string? before, int? limit,
        ProjectHandlers h, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        var slice = await h.ListAsync(new ProjectFilter(year, status, category, tier, q), request, ct);
        return TypedResults.Ok(slice.Map(r => ToDto(r.Project, r.OwnerName)));
    }

    public static async Task<IResult> Apply(ApplyProjectInput body, ProjectHandlers h, IStringLocalizer<ServicesText> t, CancellationToken ct)
    {
        var o = await h.ApplyAsync(body, ct);
        if (!o.IsOk) return o.ToProblem(Text(t));
        return TypedResults.Created($"/api/v1/services/projects/{o.Value!.Id}", ToDto(o.Value, ""));
    }

    public static async Task<IResult> Get(Guid id, ProjectHandlers h, CancellationToken ct) =>
        await h.GetAsync(id, ct) is { } v ? TypedResults.Ok(ToDto(v.Project, v.OwnerName, v.Visits, v.Members)) : TypedResults.NotFound();

    public static async Task<IResult> Approve(Guid id, ProjectHandlers h, IStringLocalizer<ServicesText> t, CancellationToken ct) =>
        (await h.ApproveAsync(id, ct)).ToHttpResult(p => TypedResults.Ok(ToDto(p, "")), Text(t));

    public static async Task<IResult> Reject(Guid id, RejectProjectInput body, ProjectHandlers h, IStringLocalizer<ServicesText> t, CancellationToken ct) =>
        (await h.RejectAsync(id, body, ct)).ToHttpResult(p => TypedResults.Ok(ToDto(p, "")), Text(t));

    public static async Task<IResult> Start(Guid id, ProjectHandlers h, IStringLocalizer<ServicesText> t, CancellationToken ct) =>
        (await h.StartDeliveryAsync(id, ct)).ToHttpResult(p => TypedResults.Ok(ToDto(p, "")), Text(t));

    public static async Task<IResult> Finish(Guid id, ProjectHandlers h, IStringLocalizer<ServicesText> t, CancellationToken ct) =>
        (await h.FinishDeliveryAsync(id, ct)).ToHttpResult(p => TypedResults.Ok(ToDto(p, "")), Text(t));

    public static async Task<IResult> Accept(Guid id, AcceptProjectInput body, ProjectHandlers h, IStringLocalizer<ServicesText> t, CancellationToken ct) =>
        (await h.AcceptAsync(id, body, ct)).ToHttpResult(p => TypedResults.Ok(ToDto(p, "")), Text(t));

    public static async Task<IResult> Stats(int? year, ServiceStats stats, ProjectHandlers h, IStringLocalizer<ServicesText> t, CancellationToken ct)
    {
        var y = year ?? h.Today.Year;
        if (y is < 2000 or > 2100) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = [t["project.yearRange"]] });
        return TypedResults.Ok(await stats.YearAsync(y, ct));
    }
}
