using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.MemberCard.Settlements;

internal static class SettlementEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/settlements", async (string? month, SettlementHandlers h, CancellationToken ct) => TypedResults.Ok(await h.ListAsync(month, ct)))
            .RequireAuthorization(Permissions.MemberCardRead);
        g.MapGet("/settlements/{id:guid}", async (Guid id, SettlementHandlers h, CancellationToken ct) =>
            await h.GetAsync(id, ct) is { } s ? Results.Ok(s) : Results.NotFound()).RequireAuthorization(Permissions.MemberCardRead);
        g.MapPost("/settlements", async (DrawInput body, SettlementHandlers h, IStringLocalizer<MemberCardText> t, CancellationToken ct) =>
            (await h.DrawAsync(body, ct)).ToCreatedResult(s => $"/api/v1/member-card/settlements/{s.Id}", s => s, t))
            .RequireAuthorization(Permissions.MemberCardSettle);
        g.MapPost("/settlements/{id:guid}/pay", async (Guid id, SettlementHandlers h, IStringLocalizer<MemberCardText> t, CancellationToken ct) =>
            (await h.PayAsync(id, ct)).ToHttpResult(t)).RequireAuthorization(Permissions.MemberCardSettle);
    }
}
