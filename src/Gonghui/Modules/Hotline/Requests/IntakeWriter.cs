using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Notifications;
using Gonghui.Platform.Data.Bulk;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Hotline.Requests;

/// <summary>One filed request waiting for the group commit: its rows, and who filed it (the audit trail's actor).</summary>
public sealed record IntakeItem(HotlineRequest Request, HotlineRequestEvent Event, OutboxMessage? Sms, string Actor)
{
    public IEnumerable<object> Rows()
    {
        yield return Request;
        yield return Event;
        if (Sms is not null) yield return Sms;
    }
}

/// <summary>
/// Group commit for intake (the platform's <see cref="GroupCommit{TItem,TResult}"/>): concurrent filings are written in batches
/// (one transaction, one audit-chain append per batch), each caller answered after its row is committed. Rows go in through
/// <see cref="RowWriter"/> (no change tracker) with the audit entries SaveChanges would have written, each naming the user who
/// filed the request.
/// </summary>
public sealed class IntakeWriter(IServiceScopeFactory scopes, ILogger<IntakeWriter> log) : GroupCommit<IntakeItem, bool>(scopes, log)
{
    internal Task WriteAsync(IntakeItem item, CancellationToken ct) => SubmitAsync(item, ct);

    protected override async Task<IReadOnlyList<bool>> WriteAsync(GonghuiDb db, IReadOnlyList<IntakeItem> items, CancellationToken ct)
    {
        var clock = db.Clock;
        var rows = new List<(object, string)>(items.Count * 3);
        foreach (var it in items)
            foreach (var row in it.Rows()) rows.Add((row, it.Actor));
        await RowWriter.InsertAsync(db, rows, clock.GetUtcNow(), ct);
        if (items.Any(i => i.Request.EnterpriseId is not null))
            await ClusterWatch.CheckAsync(db, items.Select(i => i.Request).ToList(), clock, ct);
        return items.Select(_ => true).ToArray();
    }
}

/// <summary>After intake: raises an alert when a cluster of requests about one enterprise reaches its threshold.</summary>
internal static class ClusterWatch
{
    public static async Task CheckAsync(GonghuiDb db, IReadOnlyList<HotlineRequest> added, TimeProvider clock, CancellationToken ct)
    {
        foreach (var g in added.Where(r => r.EnterpriseId is not null).GroupBy(r => (r.EnterpriseId!.Value, r.Category)))
        {
            var (entId, cat) = g.Key;
            var t = ClusterRules.ThresholdFor(cat, ClusterRules.Defaults);
            var latest = g.Max(r => r.ReceivedAt);
            var since = latest - t.Window;
            var recent = await db.Set<HotlineRequest>().AsNoTracking()
                .Where(r => r.EnterpriseId == entId && r.Category == cat && r.ReceivedAt > since && r.ReceivedAt <= latest)
                .Select(r => new { r.Id, r.ReceivedAt, r.EnterpriseName, r.DistrictCode }).ToListAsync(ct);
            if (recent.Count < t.Count) continue;
            var key = "enterprise:" + entId;
            if (await db.Set<HotlineAlert>().AnyAsync(a => a.Key == key && a.Category == cat && a.Status == AlertStatus.Open, ct)) continue;
            var clusters = ClusterRules.Detect(recent.Select(x => new ClusterItem(x.Id, key, cat, x.ReceivedAt)), ClusterRules.Defaults);
            if (clusters.Count == 0) continue;
            var c = clusters[0];
            var district = recent.Select(x => x.DistrictCode).FirstOrDefault(d => d is not null);
            var scope = district is null ? null : await db.UnitRows().Where(u => u.DistrictCode == district && u.Kind == Organizations.Public.OrgUnitKind.DistrictUnion).Select(u => u.Path).FirstOrDefaultAsync(ct);
            db.Add(new HotlineAlert
            {
                Key = key, Label = recent[0].EnterpriseName ?? key, Category = cat, DistrictCode = district,
                ScopePath = scope ?? await db.UnitRows().Where(u => u.ParentId == null).Select(u => u.Path).FirstAsync(ct),
                Count = c.Count, From = c.From, To = c.To, RaisedAt = clock.GetUtcNow(), Status = AlertStatus.Open,
            });
            await db.SaveChangesAsync(ct);
        }
    }
}
