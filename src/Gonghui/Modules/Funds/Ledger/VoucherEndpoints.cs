using Gonghui.Modules.Funds.Pages;
using Gonghui.Modules.Funds.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Printing;
using Gonghui.Platform.Time;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Funds.Ledger;

/// <summary>What a payment voucher prints: the payment entry, its unit's name, who prints it and when.</summary>
public sealed record Voucher(LedgerEntryView Entry, string UnitName, string PrintedBy, DateTimeOffset PrintedAt);

/// <summary>
/// The payment voucher (付款凭证) of a ledger payment: <c>/funds/entries/{id}/voucher</c> (the printable page) and
/// <c>/api/v1/funds/entries/{id}/voucher.pdf</c>. Only a payment entry of a unit in the caller's subtree has one: anything else
/// is 404, as an entry out of scope is everywhere in the ledger.
/// </summary>
internal static class VoucherEndpoints
{
    public static void Map(RouteGroupBuilder api) => api.MapGet("/entries/{id:guid}/voucher.pdf", Pdf).RequireAuthorization(Permissions.FundsRead);

    public static void MapPrint(IEndpointRouteBuilder app) =>
        app.MapGet("/funds/entries/{id:guid}/voucher", Html).RequireAuthorization(Permissions.FundsRead).ExcludeFromDescription();

    private static async Task<Voucher?> LoadAsync(Guid id, GonghuiDb db, FundLedger ledger, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var entry = await ledger.EntryAsync(id, ct);
        if (entry is not { Kind: EntryKind.Payment }) return null;
        var unit = await FundEndpoints.UnitInScopeAsync(db, me, entry.OrgUnitId, ct);
        return unit is null ? null : new Voucher(entry, unit.Name, me.Name, clock.GetUtcNow());
    }

    private static async Task<IResult> Html(Guid id, GonghuiDb db, FundLedger ledger, CurrentUser me, TimeProvider clock, PdfPrinter printer, CancellationToken ct) =>
        await LoadAsync(id, db, ledger, me, clock, ct) is { } v
            ? await printer.HtmlResultAsync<VoucherDocument>(new Dictionary<string, object?> { [nameof(VoucherDocument.Voucher)] = v })
            : Results.NotFound();

    private static async Task<IResult> Pdf(Guid id, GonghuiDb db, FundLedger ledger, CurrentUser me, TimeProvider clock, PdfPrinter printer,
        IStringLocalizer<FundsText> t, CancellationToken ct) =>
        await LoadAsync(id, db, ledger, me, clock, ct) is { } v
            ? await printer.PdfResultAsync<VoucherDocument>(new Dictionary<string, object?> { [nameof(VoucherDocument.Voucher)] = v },
                $"voucher-{v.Entry.Id:N}.pdf", t["Voucher.Unavailable"], ct)
            : Results.NotFound();
}
