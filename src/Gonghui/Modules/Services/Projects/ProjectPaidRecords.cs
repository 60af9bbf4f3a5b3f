using Gonghui.Modules.Funds.Public;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Services.Projects;

/// <summary>Accepted projects whose spending was paid, as paid records for the ledger's reconciliation and reversals.</summary>
internal sealed class ProjectPaidRecords(GonghuiDb db) : IPaidRecordSource
{
    public string SourceType => ProjectHandlers.SourceType;
    public string Module => "Services";

    public IQueryable<PaidRecordRow> PaidRecords() =>
        db.Set<ServiceProject>().AsNoTracking().Where(p => p.PaidEntryId != null).Select(p => new PaidRecordRow { Id = p.Id, AmountFen = p.SpentFen ?? 0, Year = p.Year });

    public async Task<string?> PaymentReversedAsync(Guid recordId, Guid reversalEntryId, string reason, CancellationToken ct)
    {
        var p = await db.Set<ServiceProject>().FirstOrDefaultAsync(x => x.Id == recordId, ct);
        if (p?.PaidEntryId is null) return null;
        p.PaymentReversed();
        await db.SaveChangesAsync(ct);
        return null;
    }
}
