using Gonghui.Modules.LaborRelations.Rules;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.LaborRelations.Cultivation;

internal static class CultivationEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/cultivation/checklist", () => TypedResults.Ok(new { items = CultivationRules.Checklist, CultivationRules.RecognitionScore, CultivationRules.MinMonths }))
            .RequireAuthorization(Permissions.LaborRead);
        g.MapGet("/cultivation/cohorts", async (CultivationHandlers h, CancellationToken ct) => TypedResults.Ok(await h.CohortsAsync(ct)))
            .RequireAuthorization(Permissions.LaborRead);
        g.MapGet("/cultivation/firms", List).RequireAuthorization(Permissions.LaborRead);
        g.MapPost("/cultivation/firms", Enrol).RequireAuthorization(Permissions.LaborWork);
        g.MapGet("/cultivation/firms/{id:guid}", Get).RequireAuthorization(Permissions.LaborRead);
        g.MapPost("/cultivation/firms/{id:guid}/checks", Check).RequireAuthorization(Permissions.LaborWork);
        g.MapPost("/cultivation/firms/{id:guid}/findings/{findingId:guid}/rectify", Rectify).RequireAuthorization(Permissions.LaborWork);
        g.MapPost("/cultivation/firms/{id:guid}/recognize", Recognize).RequireAuthorization(Permissions.LaborManage);
        g.MapPost("/cultivation/firms/{id:guid}/withdraw", Withdraw).RequireAuthorization(Permissions.LaborManage);
    }

    private static OutcomeText Text(IStringLocalizer<LaborRelationsText> t) => OutcomeHttp.Words(t);

    public static async Task<IResult> List(CultivationStatus? status, int? cohort, int? limit, CultivationHandlers h, CancellationToken ct) =>
        TypedResults.Ok((await h.ListAsync(status, cohort, limit ?? 100, ct)).Select(CultivationHandlers.ToDto).ToList());

    public static async Task<IResult> Enrol(EnrolInput body, CultivationHandlers h, IStringLocalizer<LaborRelationsText> t, CancellationToken ct) =>
        (await h.EnrolAsync(body, ct)).ToHttpResult(f => TypedResults.Created($"/api/v1/labor-relations/cultivation/firms/{f.Id}", CultivationHandlers.ToDto(f)), Text(t));

    public static async Task<IResult> Get(Guid id, CultivationHandlers h, CancellationToken ct) =>
        await h.GetAsync(id, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    public static async Task<IResult> Check(Guid id, CheckInput body, CultivationHandlers h, IStringLocalizer<LaborRelationsText> t, CancellationToken ct) =>
        (await h.CheckAsync(id, body, ct)).ToHttpResult(c => TypedResults.Created($"/api/v1/labor-relations/cultivation/firms/{id}", c), Text(t));

    public static async Task<IResult> Rectify(Guid id, Guid findingId, RectifyInput body, CultivationHandlers h, IStringLocalizer<LaborRelationsText> t, CancellationToken ct) =>
        (await h.RectifyAsync(id, findingId, body, ct)).ToHttpResult(Text(t));

    public static async Task<IResult> Recognize(Guid id, RecognizeInput body, CultivationHandlers h, IStringLocalizer<LaborRelationsText> t, CancellationToken ct) =>
        (await h.RecognizeAsync(id, body, ct)).ToHttpResult(f => TypedResults.Ok(CultivationHandlers.ToDto(f)), Text(t));

    public static async Task<IResult> Withdraw(Guid id, WithdrawInput body, CultivationHandlers h, IStringLocalizer<LaborRelationsText> t, CancellationToken ct) =>
        (await h.WithdrawAsync(id, body, ct)).ToHttpResult(f => TypedResults.Ok(CultivationHandlers.ToDto(f)), Text(t));
}
