using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Passes;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.MemberCard.Redemptions;

/// <summary>The till's API (a merchant's cashier, role Merchant, at their own merchant only): check, reserve, confirm, release, return.</summary>
internal static class RedemptionEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/redemptions", List).RequireAuthorization(Permissions.MemberCardRead);
        var till = g.MapGroup("/till").RequireAuthorization(Permissions.MemberCardRedeem);
        till.MapPost("/check", (TillInput body, RedemptionHandlers h, Words w, CancellationToken ct) =>
            AsMerchant(h, w, ct, async m => (await h.CheckAsync(m, body, ct)).ToHttpResult(w.Text)));
        till.MapPost("/redemptions", (TillInput body, RedemptionHandlers h, Words w, CancellationToken ct) =>
            AsMerchant(h, w, ct, async m =>
            {
                var o = await h.ReserveAsync(m, body, ct);
                return o.IsOk ? TypedResults.Created($"/api/v1/member-card/till/redemptions/{o.Value!.Id}", o.Value) : (IResult)o.ToProblem(w.Text);
            }));
        till.MapGet("/redemptions", (int? limit, RedemptionHandlers h, Words w, CancellationToken ct) =>
            AsMerchant(h, w, ct, async m => TypedResults.Ok(await h.RecentAtMerchantAsync(m, limit ?? 20, ct))));
        till.MapPost("/redemptions/{id:guid}/confirm", (Guid id, RedemptionHandlers h, Words w, CancellationToken ct) =>
            AsMerchant(h, w, ct, async m => (await h.ConfirmAsync(m, id, ct)).ToHttpResult(w.Text)));
        till.MapPost("/redemptions/{id:guid}/release", (Guid id, RedemptionHandlers h, Words w, CancellationToken ct) =>
            AsMerchant(h, w, ct, async m => (await h.ReleaseAsync(m, id, ct)).ToHttpResult(w.Text)));
        till.MapPost("/redemptions/{id:guid}/return", (Guid id, ReturnInput body, RedemptionHandlers h, Words w, CancellationToken ct) =>
            AsMerchant(h, w, ct, async m => (await h.ReturnAsync(m, id, body, ct)).ToHttpResult(w.Text)));
    }

    /// <summary>Staff's list of redemptions in scope; the report's drill-down's from/to/unit (a bad one: 400 naming the field).</summary>
    private static async Task<IResult> List(DateOnly? from, DateOnly? to, Guid? unit, bool? flagged, string? after, string? before, int? limit,
        RedemptionHandlers h, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        var drill = await h.DrillAsync(from, to, unit, errors, ct);
        if (drill is null) return errors.Problem();
        return TypedResults.Ok(await h.ListAsync(drill, flagged == true, request, ct));
    }

    /// <summary>Runs the till action for the caller's merchant; an account linked to no merchant is refused (409 till.notMerchant).</summary>
    private static async Task<IResult> AsMerchant(RedemptionHandlers h, Words w, CancellationToken ct, Func<Guid, Task<IResult>> action) =>
        await h.MerchantOfCallerAsync(ct) is { } m ? await action(m)
            : Api.Conflict(w.Text(RedemptionHandlers.NotMerchant, []), null, RedemptionHandlers.NotMerchant);
}

/// <summary>The module's wording with the member pass's codes (expired, replayed, …) worded by the platform's texts.</summary>
public sealed class Words(IStringLocalizer<MemberCardText> t, IStringLocalizer<PassText> pass)
{
    public IStringLocalizer<MemberCardText> Localizer => t;
    public OutcomeText Text { get; } = PassText.Words(pass, OutcomeHttp.Words(t));
}
