using Gonghui.Modules.Legal.Public;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Legal.Cases;

/// <summary>Legal aid's <see cref="ILegalSignals"/>: one query over (received_on) with the employer known.</summary>
internal sealed class LegalSignalsReader(GonghuiDb db) : ILegalSignals
{
    public async Task<IReadOnlyList<LegalSignalRow>> SinceAsync(DateOnly since, CancellationToken ct) =>
        await db.Set<LegalCase>().AsNoTracking().Where(c => c.EmployerId != null && c.ReceivedOn >= since)
            .Select(c => new LegalSignalRow(c.Id, c.EmployerId!.Value, c.EmployerName, c.ReceivedOn, c.Workers)).ToListAsync(ct);
}
