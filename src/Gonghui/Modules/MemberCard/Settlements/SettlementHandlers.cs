using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.MemberCard.Merchants;
using Gonghui.Modules.MemberCard.Public;
using Gonghui.Modules.MemberCard.Redemptions;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Money;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.MemberCard.Settlements;

public sealed record DrawInput(Guid? MerchantId, string? Month);
public sealed record SettlementView(Guid Id, Guid MerchantId, string MerchantName, string Month, int Redemptions, long BillFen, long DiscountFen,
    long UnionShareFen, int Adjustments, long AdjustmentFen, long PayableFen, SettlementStatus Status, DateTimeOffset DrawnAt, string DrawnBy,
    DateTimeOffset? PaidAt, Guid? LedgerEntryId, Reconciliation Reconciliation);
/// <summary>The statement against its redemptions, recomputed now: equal unless a settled redemption was withdrawn since (its share then waits as an adjustment for the next statement).</summary>
public sealed record Reconciliation(int Redemptions, long UnionShareFen, bool Matches, long LedgerPaidFen);

/// <summary>
/// Monthly statements per merchant (结算): drawing one claims every confirmed, unsettled redemption of the merchant's month
/// (a conditional UPDATE: a redemption lands in exactly one statement even if two staff draw at once) and deducts the share
/// of earlier-settled redemptions withdrawn since; paying it posts one payment to the fund ledger (fund member-card) in
/// the same transaction as the statement's state.
/// </summary>
public sealed class SettlementHandlers(GonghuiDb db, CurrentUser me, TimeProvider clock, IFundLedger ledger)
{
    public const string MonthInvalid = "settlement.month", MonthOpen = "settlement.monthOpen", Exists = "settlement.exists",
        NothingToSettle = "settlement.empty", AlreadyPaid = "settlement.paid", MerchantUnknown = "settlement.merchant";

    public static bool TryMonth(string? text, out int month)
    {
        month = 0;
        if (text is not { Length: 7 } || text[4] != '-' || !int.TryParse(text[..4], out var y) || !int.TryParse(text[5..], out var m) || y is < 2000 or > 2100 || m is < 1 or > 12)
            return false;
        month = y * 100 + m;
        return true;
    }

    public static string MonthText(int month) => $"{month / 100:D4}-{month % 100:D2}";

    public async Task<IReadOnlyList<SettlementView>> ListAsync(string? month, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var q = db.Set<Settlement>().AsNoTracking().InScope(scope, s => s.UnitPath);
        if (TryMonth(month, out var mo)) q = q.Where(s => s.Month == mo);
        var rows = await (from s in q join m in db.Set<Merchant>() on s.MerchantId equals m.Id
                          orderby s.Month descending, m.Name select new { s, m.Name }).Take(500).ToListAsync(ct);
        var views = new List<SettlementView>();
        foreach (var r in rows) views.Add(await ViewAsync(r.s, r.Name, ct));
        return views;
    }

    public async Task<SettlementView?> GetAsync(Guid id, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var row = await (from s in db.Set<Settlement>().AsNoTracking().InScope(scope, s => s.UnitPath)
                         join m in db.Set<Merchant>() on s.MerchantId equals m.Id where s.Id == id select new { s, m.Name }).SingleOrDefaultAsync(ct);
        return row is null ? null : await ViewAsync(row.s, row.Name, ct);
    }

    /// <summary>Draws the merchant's statement for a finished month.</summary>
    public async Task<Outcome<SettlementView>> DrawAsync(DrawInput input, CancellationToken ct)
    {
        if (!TryMonth(input.Month, out var month)) return Outcome<SettlementView>.Invalid("month", MonthInvalid);
        var today = BeijingTime.Today(clock);
        if (month >= today.Year * 100 + today.Month) return Outcome<SettlementView>.Invalid("month", MonthOpen);
        var scope = await me.ScopePathAsync(ct);
        var merchant = await db.Set<Merchant>().AsNoTracking().InScope(scope, m => m.UnitPath).SingleOrDefaultAsync(m => m.Id == input.MerchantId, ct);
        if (merchant is null) return Outcome<SettlementView>.Invalid("merchantId", MerchantUnknown);
        if (await db.Set<Settlement>().AnyAsync(s => s.MerchantId == merchant.Id && s.Month == month, ct)) return Outcome<SettlementView>.Conflict(Exists);
        var id = Guid.CreateVersion7();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.Set<Redemption>()
                .Where(r => r.MerchantId == merchant.Id && r.ConfirmedMonth == month && r.SettlementId == null && r.Status == RedemptionStatus.Confirmed)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.SettlementId, id), ct);
            var adjusted = await db.Set<Redemption>()
                .Where(r => r.MerchantId == merchant.Id && r.Status == RedemptionStatus.Withdrawn && r.SettlementId != null && r.SettlementId != id
                    && r.AdjustedInSettlementId == null && r.WithdrawnMonth <= month)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.AdjustedInSettlementId, id), ct);
            if (claimed == 0 && adjusted == 0) return Outcome<SettlementView>.Conflict(NothingToSettle);
            var sums = await db.Set<Redemption>().Where(r => r.SettlementId == id)
                .GroupBy(_ => 1).Select(g => new { N = g.Count(), Bill = g.Sum(r => r.BillFen), Discount = g.Sum(r => r.DiscountFen), Share = g.Sum(r => r.UnionShareFen) })
                .SingleOrDefaultAsync(ct);
            var adj = await db.Set<Redemption>().Where(r => r.AdjustedInSettlementId == id).SumAsync(r => (long?)r.UnionShareFen, ct) ?? 0;
            var s = Settlement.Draw(id, merchant.Id, month, merchant.UnitId, merchant.UnitPath, sums?.N ?? 0, sums?.Bill ?? 0, sums?.Discount ?? 0, sums?.Share ?? 0,
                adjusted, adj, clock.GetUtcNow(), me.Name);
            db.Add(s);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Outcome<SettlementView>.Ok((await GetAsync(id, ct))!);
        });
    }

    /// <summary>Pays a drawn statement through the ledger (fund member-card, the merchant's unit, the month's year); a repeat answers the payment made.</summary>
    public async Task<Outcome<SettlementView>> PayAsync(Guid id, CancellationToken ct)
    {
        var view = await GetAsync(id, ct);
        if (view is null) return Outcome<SettlementView>.NotFound();
        if (view.Status == SettlementStatus.Paid) return Outcome<SettlementView>.Ok(view, replayed: true);
        var s = await db.Set<Settlement>().SingleAsync(x => x.Id == id, ct);
        if (s.PayableFen <= 0) return Outcome<SettlementView>.Conflict(NothingToSettle);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var paid = await ledger.PayAsync(FundCodes.MemberCard, s.UnitId, s.Month / 100, new Fen(s.PayableFen),
                new SourceRef(MemberCardSources.Settlement, s.Id), $"membercard:settlement:{s.Id}", ct);
            if (!paid.IsOk) return paid.As<SettlementView>();
            s.MarkPaid(paid.Value, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Outcome<SettlementView>.Ok((await GetAsync(id, ct))!);
        });
    }

    private async Task<SettlementView> ViewAsync(Settlement s, string merchant, CancellationToken ct)
    {
        var now = await db.Set<Redemption>().Where(r => r.SettlementId == s.Id && r.Status == RedemptionStatus.Confirmed)
            .GroupBy(_ => 1).Select(g => new { N = g.Count(), Share = g.Sum(r => r.UnionShareFen) }).SingleOrDefaultAsync(ct);
        var paid = s.Status == SettlementStatus.Paid ? (await ledger.PaymentOfAsync(new SourceRef(MemberCardSources.Settlement, s.Id), ct))?.Amount.Value ?? 0 : 0;
        var rec = new Reconciliation(now?.N ?? 0, now?.Share ?? 0, (now?.Share ?? 0) == s.UnionShareFen && (now?.N ?? 0) == s.Redemptions, paid);
        return new SettlementView(s.Id, s.MerchantId, merchant, MonthText(s.Month), s.Redemptions, s.BillFen, s.DiscountFen, s.UnionShareFen, s.Adjustments,
            s.AdjustmentFen, s.PayableFen, s.Status, s.DrawnAt, s.DrawnBy, s.PaidAt, s.LedgerEntryId, rec);
    }
}

/// <summary>The statements the ledger paid, for its reconciliation (paid statements against live payments).</summary>
internal sealed class SettlementPaidRecords(GonghuiDb db) : IPaidRecordSource
{
    public string SourceType => MemberCardSources.Settlement;
    public string Module => "MemberCard";

    public IQueryable<PaidRecordRow> PaidRecords() => db.Set<Settlement>().AsNoTracking().Where(s => s.Status == SettlementStatus.Paid)
        .Select(s => new PaidRecordRow { Id = s.Id, AmountFen = s.UnionShareFen - s.AdjustmentFen > 0 ? s.UnionShareFen - s.AdjustmentFen : 0, Year = s.Month / 100 });

    public Task<string?> PaymentReversedAsync(Guid recordId, Guid reversalEntryId, string reason, CancellationToken ct) =>
        Task.FromResult<string?>("A member-card statement's payment is not reversed; draw an adjustment on the next statement instead.");
}
