using Gonghui.Modules.Funds.Public;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Innovation.Awards;

/// <summary>Patent awards as paid records for the fund ledger's reconciliation and reversals.</summary>
internal sealed class PatentAwardPaidRecords(GonghuiDb db) : IPaidRecordSource
{
    public string SourceType => AwardService.PatentSource;
    public string Module => "Innovation";

    public IQueryable<PaidRecordRow> PaidRecords() =>
        db.Set<PatentAward>().AsNoTracking().Where(a => a.Status == AwardStatus.Paid).Select(a => new PaidRecordRow { Id = a.Id, AmountFen = a.AmountFen, Year = a.Year });

    public async Task<string?> PaymentReversedAsync(Guid recordId, Guid reversalEntryId, string reason, CancellationToken ct)
    {
        var a = await db.Set<PatentAward>().FirstOrDefaultAsync(x => x.Id == recordId, ct);
        if (a is not { Status: AwardStatus.Paid }) return null;
        a.MarkReversed(reversalEntryId, reason);
        await db.SaveChangesAsync(ct);
        return null;
    }
}

/// <summary>Project awards as paid records for the fund ledger's reconciliation and reversals.</summary>
internal sealed class ProjectAwardPaidRecords(GonghuiDb db) : IPaidRecordSource
{
    public string SourceType => AwardService.ProjectSource;
    public string Module => "Innovation";

    public IQueryable<PaidRecordRow> PaidRecords() =>
        db.Set<InnovationProject>().AsNoTracking().Where(p => p.Status == AwardStatus.Paid).Select(p => new PaidRecordRow { Id = p.Id, AmountFen = p.AmountFen, Year = p.Year });

    public async Task<string?> PaymentReversedAsync(Guid recordId, Guid reversalEntryId, string reason, CancellationToken ct)
    {
        var p = await db.Set<InnovationProject>().FirstOrDefaultAsync(x => x.Id == recordId, ct);
        if (p is not { Status: AwardStatus.Paid }) return null;
        p.MarkReversed(reversalEntryId, reason);
        await db.SaveChangesAsync(ct);
        return null;
    }
}
