using Gonghui.Modules.Funds.Public;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.FeeRefunds.Refunds;

/// <summary>Fee refunds as paid records for the fund ledger: reconciliation and reversal of a refund payment.</summary>
internal sealed class RefundPaidRecords(GonghuiDb db, TimeProvider clock) : IPaidRecordSource
{
    public string SourceType => RefundScope.SourceType;
    public string Module => "FeeRefunds";

    public IQueryable<PaidRecordRow> PaidRecords() =>
        db.Set<UnionFeeRefund>().AsNoTracking().Where(r => r.Status == RefundStatus.Paid)
            .Select(r => new PaidRecordRow { Id = r.Id, AmountFen = r.AmountFen, Year = r.Year });

    public async Task<string?> PaymentReversedAsync(Guid recordId, Guid reversalEntryId, string reason, CancellationToken ct)
    {
        var refund = await db.Set<UnionFeeRefund>().FirstOrDefaultAsync(r => r.Id == recordId, ct);
        if (refund is not { Status: RefundStatus.Paid }) return null;
        refund.MarkReversed(reversalEntryId, reason, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return null;
    }
}
