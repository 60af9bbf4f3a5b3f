using Gonghui.Modules.LaborRelations.Rules;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.LaborRelations.Risk;

internal static class RiskEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/risk", Top).RequireAuthorization(Permissions.LaborRead);
        g.MapGet("/risk/model", (RiskEngine e) => TypedResults.Ok(e.Model)).RequireAuthorization(Permissions.LaborRead);
        g.MapPost("/risk/recompute", Recompute).RequireAuthorization(Permissions.LaborAlerts);
        g.MapGet("/alerts", List).RequireAuthorization(Permissions.LaborRead);
        g.MapGet("/alerts/{id:guid}", Get).RequireAuthorization(Permissions.LaborRead);
        g.MapPost("/alerts/{id:guid}/{action}", Step).RequireAuthorization(Permissions.LaborAlerts);
    }

    public static async Task<IResult> Top(RiskLevel? level, int? limit, AlertHandlers h, CancellationToken ct) =>
        TypedResults.Ok(await h.TopAsync(level, limit ?? 50, ct));

    public static async Task<IResult> Recompute(RiskEngine engine, CancellationToken ct) => TypedResults.Ok(await engine.RecomputeAsync(ct));

    public static async Task<IResult> List(AlertState? state, bool? open, bool? escalated, RiskLevel? level, int? limit, AlertHandlers h, CancellationToken ct) =>
        TypedResults.Ok((await h.ListAsync(new AlertFilter(state, open ?? false, escalated ?? false, level), limit ?? 100, ct)).Select(AlertHandlers.ToDto).ToList());

    public static async Task<IResult> Get(Guid id, AlertHandlers h, CancellationToken ct) =>
        await h.GetAsync(id, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    /// <summary>POST …/alerts/{id}/verify | act | close | escalate with { note, result (close), version }.</summary>
    public static async Task<IResult> Step(Guid id, string action, AlertStepInput body, AlertHandlers h, IStringLocalizer<LaborRelationsText> t, CancellationToken ct)
    {
        if (!Enum.TryParse<AlertAction>(action, true, out var a) || !Enum.IsDefined(a) || int.TryParse(action, out _))
            return new Api.Errors().Add("action", t["alert.action"]).Problem();
        return (await h.StepAsync(id, a, body, ct)).ToHttpResult(x => TypedResults.Ok(AlertHandlers.ToDto(x)), t);
    }
}
