using Gonghui.Modules.Funds.Public;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Skills.Craftsmen;

/// <summary>Paid 北京大工匠 and 提名奖 awards as paid records for the fund ledger's reconciliation and reversals.</summary>
internal sealed class CraftsmanPaidRecords(GonghuiDb db) : IPaidRecordSource
{
    public string SourceType => CraftsmenService.PaymentSource;
    public string Module => "Skills";

    public IQueryable<PaidRecordRow> PaidRecords() =>
        from c in db.Set<CraftsmanCandidate>().AsNoTracking()
        join s in db.Set<CraftsmanSelection>().AsNoTracking() on c.SelectionId equals s.Id
        where c.PaymentEntryId != null && c.ReversalEntryId == null
        select new PaidRecordRow { Id = c.Id, AmountFen = c.AmountFen, Year = s.Year };

    public async Task<string?> PaymentReversedAsync(Guid recordId, Guid reversalEntryId, string reason, CancellationToken ct)
    {
        var c = await db.Set<CraftsmanCandidate>().FirstOrDefaultAsync(x => x.Id == recordId, ct);
        if (c is not { Paid: true }) return null;
        c.MarkReversed(reversalEntryId);
        await db.SaveChangesAsync(ct);
        return null;
    }
}
