using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.MemberCard.Offers;

internal static class OfferEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/offers", async (Guid? merchantId, bool? current, OfferHandlers h, CancellationToken ct) => TypedResults.Ok(await h.ListAsync(merchantId, current, ct)))
            .RequireAuthorization(Permissions.MemberCardRead);
        g.MapGet("/offers/{id:guid}", async (Guid id, OfferHandlers h, CancellationToken ct) =>
            await h.GetAsync(id, ct) is { } o ? Results.Ok(o) : Results.NotFound()).RequireAuthorization(Permissions.MemberCardRead);
        g.MapPost("/offers", async (OfferInput body, OfferHandlers h, IStringLocalizer<MemberCardText> t, CancellationToken ct) =>
            (await h.CreateAsync(body, ct)).ToCreatedResult(o => $"/api/v1/member-card/offers/{o.Id}", o => o, t))
            .RequireAuthorization(Permissions.MemberCardManage);
        g.MapPost("/offers/{id:guid}/pause", async (Guid id, OfferHandlers h, IStringLocalizer<MemberCardText> t, CancellationToken ct) =>
            (await h.SetActiveAsync(id, false, ct)).ToHttpResult(t)).RequireAuthorization(Permissions.MemberCardManage);
        g.MapPost("/offers/{id:guid}/resume", async (Guid id, OfferHandlers h, IStringLocalizer<MemberCardText> t, CancellationToken ct) =>
            (await h.SetActiveAsync(id, true, ct)).ToHttpResult(t)).RequireAuthorization(Permissions.MemberCardManage);
        g.MapPost("/groups", async (GroupListInput body, OfferHandlers h, IStringLocalizer<MemberCardText> t, CancellationToken ct) =>
            (await h.AddToGroupAsync(body, ct)).ToHttpResult(n => TypedResults.Ok(new { added = n }), t)).RequireAuthorization(Permissions.MemberCardManage);
        g.MapGet("/mine", async (OfferHandlers h, CancellationToken ct) => await h.MineAsync(ct) is { } card ? Results.Ok(card) : Results.NotFound())
            .RequireAuthorization(Permissions.SelfService);
    }
}
