using Gonghui.Modules.Legal.Cases;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Legal.Fees;

internal static class FeeEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/cases/{id:guid}/fees", List).RequireAuthorization(Permissions.LegalRead);
        g.MapPost("/cases/{id:guid}/fees", Approve).RequireAuthorization(Permissions.LegalFees);
        g.MapPost("/fees/{id:guid}/pay", Pay).RequireAuthorization(Permissions.LegalPay);
        g.MapGet("/fees/{id:guid}/entries", Entries).RequireAuthorization(Permissions.LegalRead);
    }

    public static async Task<IResult> List(Guid id, FeeHandlers h, CancellationToken ct) =>
        await h.ListAsync(id, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    public static async Task<IResult> Approve(Guid id, FeeInput body, FeeHandlers h, IStringLocalizer<LegalText> t, CancellationToken ct) =>
        (await h.ApproveAsync(id, body, ct)).ToHttpResult(f => TypedResults.Created($"/api/v1/legal/fees/{f.Id}/entries", f), CaseEndpoints.Text(t));

    public static async Task<IResult> Pay(Guid id, FeeHandlers h, IStringLocalizer<LegalText> t, CancellationToken ct) =>
        (await h.PayAsync(id, ct)).ToHttpResult(CaseEndpoints.Text(t));

    public static async Task<IResult> Entries(Guid id, FeeHandlers h, CancellationToken ct) =>
        await h.EntriesAsync(id, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();
}
