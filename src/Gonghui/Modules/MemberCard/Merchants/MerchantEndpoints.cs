using Gonghui.Modules.MemberCard.Rules;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.MemberCard.Merchants;

internal static class MerchantEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/merchants", async (MerchantKind? kind, MerchantHandlers h, CancellationToken ct) => TypedResults.Ok(await h.ListAsync(kind, ct)))
            .RequireAuthorization(Permissions.MemberCardRead);
        g.MapGet("/merchants/{id:guid}", async (Guid id, MerchantHandlers h, CancellationToken ct) =>
            await h.GetAsync(id, ct) is { } m ? Results.Ok(m) : Results.NotFound()).RequireAuthorization(Permissions.MemberCardRead);
        g.MapPost("/merchants", async (MerchantInput body, MerchantHandlers h, IStringLocalizer<MemberCardText> t, CancellationToken ct) =>
            (await h.CreateAsync(body, ct)).ToCreatedResult(m => $"/api/v1/member-card/merchants/{m.Id}", m => m, t))
            .RequireAuthorization(Permissions.MemberCardManage);
        g.MapPost("/merchants/{id:guid}/products", async (Guid id, ProductInput body, MerchantHandlers h, IStringLocalizer<MemberCardText> t, CancellationToken ct) =>
            (await h.AddProductAsync(id, body, ct)).ToCreatedResult(p => $"/api/v1/member-card/merchants/{id}", p => p, t))
            .RequireAuthorization(Permissions.MemberCardManage);
    }
}
