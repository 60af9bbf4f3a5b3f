using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Hardship.Files;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Hardship.Assistance;

/// <summary>Hardship assistance as paid records for the fund ledger: reconciliation and reversal of a payment (a step on the file's timeline; the report's roll-up follows).</summary>
internal sealed class AssistancePaidRecords(GonghuiDb db, TimeProvider clock) : IPaidRecordSource
{
    public string SourceType => AssistanceHandlers.SourceType;
    public string Module => "Hardship";

    public IQueryable<PaidRecordRow> PaidRecords() =>
        db.Set<HardshipAssistance>().AsNoTracking().Where(a => a.Status == AssistanceStatus.Paid)
            .Select(a => new PaidRecordRow { Id = a.Id, AmountFen = a.AmountFen, Year = a.Year });

    public async Task<string?> PaymentReversedAsync(Guid recordId, Guid reversalEntryId, string reason, CancellationToken ct)
    {
        var a = await db.Set<HardshipAssistance>().FirstOrDefaultAsync(x => x.Id == recordId, ct);
        if (a is not { Status: AssistanceStatus.Paid }) return null;
        var at = clock.GetUtcNow();
        a.MarkReversed(reversalEntryId, reason, at);
        db.Add(HardshipEvent.Create(a.FileId, at, db.Actor.Name, "Reversed", null, null, reason));
        await db.SaveChangesAsync(ct);
        // The report's roll-up follows, in the ledger's transaction (the reversal, the record and the roll-up commit together).
        var union = await db.Set<HardshipFile>().AsNoTracking().Where(f => f.Id == a.FileId).Select(f => f.OrgUnitId).SingleAsync(ct);
        await AssistanceRollup.ApplyAsync(db, [AssistanceChange.Reversed(a, union)], ct);
        return null;
    }
}
