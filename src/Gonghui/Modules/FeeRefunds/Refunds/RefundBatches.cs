using Gonghui.Modules.FeeRefunds.Rules;
using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Importing;
using Gonghui.Platform.Money;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Scope;

namespace Gonghui.Modules.FeeRefunds.Refunds;

/// <summary>Batch approval (ledger commit) and payment (ledger payment, four-eyes above the threshold) of refunds, once per idempotency key.</summary>
internal sealed class RefundBatches(GonghuiDb db, CurrentUser me, IFundLedger ledger, TimeProvider clock, IConfiguration config, RefundScope scope)
{
    private const string SourceType = RefundScope.SourceType;

    public async Task<List<BatchItemResult>> ApproveAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var results = new List<BatchItemResult>();
        foreach (var id in ids.Distinct())
        {
            var r = await (await scope.RefundsInScopeAsync(ct)).FirstOrDefaultAsync(x => x.Id == id, ct);
            if (r is null) { results.Add(new(id, "NotFound", "refund.notFound")); continue; }
            if (r.Status is RefundStatus.Approved or RefundStatus.Paid) { results.Add(new(id, "AlreadyDone", "refund.already")); continue; }
            if (r.Status != RefundStatus.Due) { results.Add(new(id, "Conflict", "refund.notDue")); continue; }
            var l = await ledger.CommitAsync(FundCodes.FeeRefund, r.FundingUnitId, r.Year, new Fen(r.AmountFen), new SourceRef(SourceType, r.Id), $"fee-refund:commit:{r.Id}", ct);
            if (!l.IsOk) { results.Add(new(id, "Conflict", l.Code == LedgerCodes.InsufficientBudget ? "refund.insufficientBudget" : "refund.ledgerRefused")); continue; }
            r.Approve(l.Value, me.Name, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            results.Add(new(id, "Done", null));
        }
        return results;
    }

    public async Task<List<BatchItemResult>> PayAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var results = new List<BatchItemResult>();
        foreach (var id in ids.Distinct())
        {
            var r = await (await scope.RefundsInScopeAsync(ct)).FirstOrDefaultAsync(x => x.Id == id, ct);
            if (r is null) { results.Add(new(id, "NotFound", "refund.notFound")); continue; }
            if (r.Status == RefundStatus.Paid) { results.Add(new(id, "AlreadyDone", "refund.already")); continue; }
            if (r.Status != RefundStatus.Approved) { results.Add(new(id, "Conflict", "refund.notApproved")); continue; }
            // Four-eyes: above the threshold the person who approved the refund may not also pay it.
            if (!FourEyes.Allows(r.AmountFen, FourEyes.ThresholdFen(config), r.ApprovedBy, me.Name)) { results.Add(new(id, "Conflict", FourEyes.Code)); continue; }
            var l = await ledger.PayAsync(FundCodes.FeeRefund, r.FundingUnitId, r.Year, new Fen(r.AmountFen), new SourceRef(SourceType, r.Id), $"fee-refund:pay:{r.Id}", ct);
            if (!l.IsOk) { results.Add(new(id, "Conflict", l.Code == LedgerCodes.InsufficientBudget ? "refund.insufficientBudget" : "refund.ledgerRefused")); continue; }
            r.MarkPaid(l.Value, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            results.Add(new(id, "Done", null));
        }
        return results;
    }

    /// <summary>Approves or pays a batch; with a key, a retry returns the remembered answer (null results: the key was used for the other action).</summary>
    public async Task<(List<BatchItemResult>? Results, bool Replayed)> BatchAsync(string action, IReadOnlyCollection<Guid> ids, string? key, CancellationToken ct)
    {
        if (key is not null && await db.Set<FeeRefundBatchKey>().AsNoTracking().FirstOrDefaultAsync(k => k.Key == key, ct) is { } seen)
            return seen.Action == action ? (System.Text.Json.JsonSerializer.Deserialize<List<BatchItemResult>>(seen.ResultJson, UnionFeeRefund.JsonOptions), true) : (null, false);
        var results = action == "approve" ? await ApproveAsync(ids, ct) : await PayAsync(ids, ct);
        if (key is null) return (results, false);
        db.Add(FeeRefundBatchKey.Of(key, action, System.Text.Json.JsonSerializer.Serialize(results, UnionFeeRefund.JsonOptions), clock.GetUtcNow()));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.ChangeTracker.Clear(); } // a simultaneous retry stored it first; every item was idempotent anyway
        return (results, false);
    }
}
