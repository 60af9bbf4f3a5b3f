using Gonghui.Modules.LaborRelations.Risk;
using Gonghui.Modules.LaborRelations.Rules;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.LaborRelations.Signals;

public sealed record LayoffDto(Guid Id, Guid EnterpriseId, string EnterpriseName, int Workforce, int LaidOff, DateOnly EffectiveOn, DateOnly? UnionNotifiedOn,
    bool MassLayoff, int ShareBp, DateOnly? NoticeDueBy, bool NoticeLate);

public sealed record EnterpriseRiskDto(Guid EnterpriseId, string Name, string DistrictCode, RiskExplanation Explanation, IReadOnlyList<SignalDto> Signals);

internal static class SignalEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/layoffs", Layoff).RequireAuthorization(Permissions.LaborWork);
        g.MapPost("/signals", Record).RequireAuthorization(Permissions.LaborWork);
        g.MapGet("/enterprises/{id:guid}/risk", Risk).RequireAuthorization(Permissions.LaborRead);
    }

    internal static OutcomeText Text(IStringLocalizer<LaborRelationsText> t) => OutcomeHttp.Words(t);

    public static async Task<IResult> Layoff(LayoffInput body, SignalHandlers h, IStringLocalizer<LaborRelationsText> t, CancellationToken ct)
    {
        var o = await h.RecordLayoffAsync(body, ct);
        if (!o.IsOk) return o.ToProblem(Text(t));
        var (r, a) = (o.Value!.Report, o.Value.Assessment);
        return TypedResults.Created($"/api/v1/labor-relations/enterprises/{r.EnterpriseId}/risk", new LayoffDto(r.Id, r.EnterpriseId, r.EnterpriseName, r.Workforce, r.LaidOff,
            r.EffectiveOn, r.UnionNotifiedOn, a.MassLayoff, a.ShareBp, a.NoticeDueBy, a.NoticeLate));
    }

    public static async Task<IResult> Record(SignalInput body, SignalHandlers h, IStringLocalizer<LaborRelationsText> t, CancellationToken ct)
    {
        var o = await h.RecordAsync(body, ct);
        if (!o.IsOk) return o.ToProblem(Text(t));
        return TypedResults.Created($"/api/v1/labor-relations/enterprises/{o.Value!.EnterpriseId}/risk", SignalHandlers.ToDto(o.Value));
    }

    public static async Task<IResult> Risk(Guid id, LaborScope scope, SignalHandlers h, RiskEngine engine, CancellationToken ct)
    {
        var e = await scope.VisibleEnterpriseAsync(id, ct);
        if (e is null) return TypedResults.NotFound();
        return TypedResults.Ok(new EnterpriseRiskDto(e.Id, e.Name, e.DistrictCode, await engine.ExplainAsync(id, ct),
            (await h.OfEnterpriseAsync(id, ct)).Select(SignalHandlers.ToDto).ToList()));
    }
}
