using Gonghui.Modules.Hotline.Rules;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Hotline.Requests;

/// <summary>The supervisor's dashboard figures over the requests the caller may see.</summary>
/// <param name="UncoveredYear">The first year from now on without a holiday calendar (null when the next three are covered).</param>
/// <param name="Uncertain">Open requests due in that year: their deadlines were counted Monday to Friday.</param>
public sealed record DashboardFigures(int Today, int Open, int Overdue, int UpdateOverdue, int ThisYear, int? UncoveredYear, int Uncertain,
    List<(string Key, int N)> TopCategories, List<(string Key, int N)> TopEnterprises);

/// <summary>The dashboard's counts (today, open, overdue, update overdue, uncertain deadlines), top categories and firms of the last 30 days (intake by week is a chart: HotlineCharts).</summary>
public sealed class HotlineDashboardStats(HotlineService svc, TimeProvider clock)
{
    public async Task<DashboardFigures> FiguresAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var localToday = BeijingTime.DateOf(now);
        var dayStart = BeijingTime.StartOfDayUtc(localToday);
        var q = (await svc.VisibleAsync(ct)).AsNoTracking();
        var today = await q.CountAsync(r => r.ReceivedAt >= dayStart, ct);
        var finished = new[] { RequestState.Resolved, RequestState.VisitedBack, RequestState.Closed };
        var open = await q.CountAsync(r => !finished.Contains(r.State), ct);
        var handling = new[] { RequestState.Dispatched, RequestState.Accepted, RequestState.Contacted, RequestState.Reopened, RequestState.Escalated };
        var overdue = await q.CountAsync(r => r.Overdue || (handling.Contains(r.State) && r.PausedSince == null && ((r.ContactedAt == null && r.ContactDueAt < now) || r.ResolutionDueAt < now || r.UpdateDueAt < now)), ct);
        var updateOverdue = await q.CountAsync(r => handling.Contains(r.State) && r.PausedSince == null && r.UpdateDueAt < now, ct);
        var thisYear = localToday.Year;
        var uncoveredYear = Enumerable.Range(thisYear, 3).Cast<int?>().FirstOrDefault(y => !svc.Calendar.Covers(y!.Value));
        var uncertain = 0;
        if (uncoveredYear is { } uy)
        {
            var boundary = BeijingTime.StartOfYearUtc(uy);
            uncertain = await q.CountAsync(r => !finished.Contains(r.State) && r.ResolutionDueAt >= boundary, ct);
        }
        var since = now.AddDays(-30);
        var topCategories = (await q.Where(r => r.ReceivedAt >= since).GroupBy(r => r.Category).Select(g => new { g.Key, N = g.Count() }).OrderByDescending(x => x.N).Take(8).ToListAsync(ct))
            .Select(x => (x.Key, x.N)).ToList();
        var topEnterprises = (await q.Where(r => r.ReceivedAt >= since && r.EnterpriseName != null).GroupBy(r => r.EnterpriseName!).Select(g => new { g.Key, N = g.Count() }).OrderByDescending(x => x.N).Take(8).ToListAsync(ct))
            .Select(x => (x.Key, x.N)).ToList();
        return new(today, open, overdue, updateOverdue, thisYear, uncoveredYear, uncertain, topCategories, topEnterprises);
    }
}
