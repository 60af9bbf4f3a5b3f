using Gonghui.Modules.Hotline.Deadlines;
using Gonghui.Modules.Hotline.Public;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Hotline.Requests;

/// <summary>The hotline's <see cref="IHotlineSignals"/>: one indexed query (enterprise, category, received).</summary>
internal sealed class HotlineSignalsReader(GonghuiDb db) : IHotlineSignals
{
    public const string WageArrears = "wage-arrears";

    public async Task<IReadOnlyList<HotlineSignalRow>> SinceAsync(DateTimeOffset since, CancellationToken ct) =>
        await db.Set<HotlineRequest>().AsNoTracking()
            .Where(r => r.EnterpriseId != null && r.MergedIntoId == null && r.ReceivedAt >= since
                        && (r.SubCategory == WageArrears || r.Urgency == Urgency.Collective))
            .Select(r => new HotlineSignalRow(r.Id, r.EnterpriseId!.Value, r.EnterpriseName, r.ReceivedAt, r.SubCategory == WageArrears, r.Urgency == Urgency.Collective))
            .ToListAsync(ct);
}
