using Gonghui.Modules.LaborRelations.Rules;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.LaborRelations.Bargaining;

internal static class BargainingEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/bargaining/agreements", List).RequireAuthorization(Permissions.LaborRead);
        g.MapPost("/bargaining/agreements", Open).RequireAuthorization(Permissions.LaborWork);
        g.MapGet("/bargaining/agreements/{id:guid}", Get).RequireAuthorization(Permissions.LaborRead);
        g.MapPost("/bargaining/agreements/{id:guid}/response", Respond).RequireAuthorization(Permissions.LaborWork);
        g.MapPost("/bargaining/agreements/{id:guid}/rounds", Round).RequireAuthorization(Permissions.LaborWork);
        g.MapPost("/bargaining/agreements/{id:guid}/sign", Sign).RequireAuthorization(Permissions.LaborWork);
        g.MapPost("/bargaining/agreements/{id:guid}/file", File).RequireAuthorization(Permissions.LaborWork);
        g.MapGet("/bargaining/coverage", Coverage).RequireAuthorization(Permissions.LaborRead);
        g.MapPost("/bargaining/reminders", Remind).RequireAuthorization(Permissions.LaborWork);
    }

    private static OutcomeText Text(IStringLocalizer<LaborRelationsText> t) => OutcomeHttp.Words(t);

    public static async Task<IResult> List(AgreementStatus? status, AgreementKind? kind, int? expiringWithinDays, string? district, int? limit, BargainingHandlers h,
        CancellationToken ct)
    {
        if (expiringWithinDays is < 0 or > 3_650) return new Api.Errors().Add("expiringWithinDays", "0–3650").Problem();
        return TypedResults.Ok((await h.ListAsync(new AgreementFilter(status, kind, expiringWithinDays, district), limit ?? 100, ct)).Select(a => BargainingHandlers.ToDto(a, h.Today)).ToList());
    }

    public static async Task<IResult> Open(AgreementInput body, BargainingHandlers h, IStringLocalizer<LaborRelationsText> t, CancellationToken ct) =>
        (await h.OpenAsync(body, ct)).ToHttpResult(a => TypedResults.Created($"/api/v1/labor-relations/bargaining/agreements/{a.Id}", BargainingHandlers.ToDto(a, h.Today)), Text(t));

    public static async Task<IResult> Get(Guid id, BargainingHandlers h, CancellationToken ct) =>
        await h.GetAsync(id, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    public static async Task<IResult> Respond(Guid id, DateInput body, BargainingHandlers h, IStringLocalizer<LaborRelationsText> t, CancellationToken ct) =>
        (await h.RespondAsync(id, body, ct)).ToHttpResult(a => TypedResults.Ok(BargainingHandlers.ToDto(a, h.Today)), Text(t));

    public static async Task<IResult> Round(Guid id, RoundInput body, BargainingHandlers h, IStringLocalizer<LaborRelationsText> t, CancellationToken ct) =>
        (await h.AddRoundAsync(id, body, ct)).ToHttpResult(r => TypedResults.Created($"/api/v1/labor-relations/bargaining/agreements/{id}",
            new RoundDto(r.Id, r.No, r.HeldOn, r.Topic, r.UnionOfferBp, r.EmployerOfferBp, BargainingRules.OfferGap(r.UnionOfferBp, r.EmployerOfferBp), r.Note)), Text(t));

    public static async Task<IResult> Sign(Guid id, SignInput body, BargainingHandlers h, IStringLocalizer<LaborRelationsText> t, CancellationToken ct) =>
        (await h.SignAsync(id, body, ct)).ToHttpResult(a => TypedResults.Ok(BargainingHandlers.ToDto(a, h.Today)), Text(t));

    public static async Task<IResult> File(Guid id, DateInput body, BargainingHandlers h, IStringLocalizer<LaborRelationsText> t, CancellationToken ct) =>
        (await h.FileAsync(id, body, ct)).ToHttpResult(a => TypedResults.Ok(BargainingHandlers.ToDto(a, h.Today)), Text(t));

    public static async Task<IResult> Coverage(DateOnly? on, BargainingHandlers h, CancellationToken ct) => TypedResults.Ok(await h.CoverageAsync(on, ct));

    /// <summary>Queues the due reminders of the caller's scope now (the daily loop does it for every agreement).</summary>
    public static async Task<IResult> Remind(BargainingHandlers h, CancellationToken ct) => TypedResults.Ok(new { queued = await h.QueueRemindersAsync(false, ct) });
}
