using Gonghui.Platform.Calendars;
using Gonghui.Modules.Hotline.Deadlines;
using Gonghui.Modules.Hotline.Rules;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.Hotline.Requests;

public enum ReportPeriod { Day = 0, Week = 1, Quarter = 2, Year = 3 }

/// <summary>Report periods in Beijing local time: a day, an ISO week (Monday first), a calendar quarter, a year. [From, To).</summary>
public static class ReportPeriods
{
    public static (DateOnly From, DateOnly To) Range(ReportPeriod kind, DateOnly date) => kind switch
    {
        ReportPeriod.Day => (date, date.AddDays(1)),
        ReportPeriod.Week => (date.AddDays(-(((int)date.DayOfWeek + 6) % 7)), date.AddDays(-(((int)date.DayOfWeek + 6) % 7) + 7)),
        ReportPeriod.Quarter => (new DateOnly(date.Year, (date.Month - 1) / 3 * 3 + 1, 1), new DateOnly(date.Year, (date.Month - 1) / 3 * 3 + 1, 1).AddMonths(3)),
        _ => (new DateOnly(date.Year, 1, 1), new DateOnly(date.Year + 1, 1, 1)),
    };
}

public sealed record Count(string Key, int N);

public sealed record HotlineReport(ReportPeriod Period, DateOnly From, DateOnly To, int Received, int Resolved, int Overdue,
    IReadOnlyList<Count> ByCategory, IReadOnlyList<Count> ByChannel, IReadOnlyList<Count> ByDistrict, IReadOnlyList<Count> TopEnterprises,
    RatesReport Rates, IReadOnlyList<HotlineRequest> OverdueList);

/// <summary>Daily, weekly, quarterly and annual summaries of the requests in the caller's scope.</summary>
public sealed class HotlineReports(HotlineService svc, HotlineRates rates)
{
    public async Task<HotlineReport> BuildAsync(ReportPeriod kind, DateOnly date, string scopePath, CancellationToken ct)
    {
        var (f, t) = ReportPeriods.Range(kind, date);
        var from = BeijingTime.StartOfDayUtc(f);
        var to = BeijingTime.StartOfDayUtc(t);
        var q = (await svc.VisibleAsync(ct)).AsNoTracking().Where(r => r.ReceivedAt >= from && r.ReceivedAt < to);
        async Task<List<Count>> By(System.Linq.Expressions.Expression<Func<HotlineRequest, string>> key, int take = 50) =>
            (await q.GroupBy(key).Select(g => new { g.Key, N = g.Count() }).OrderByDescending(x => x.N).Take(take).ToListAsync(ct)).Select(x => new Count(x.Key, x.N)).ToList();
        var byCategory = await By(r => r.Category);
        var byChannel = (await q.GroupBy(r => r.Channel).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct)).Select(x => new Count(x.Key.ToString(), x.N)).OrderByDescending(x => x.N).ToList();
        var byDistrict = await By(r => r.DistrictCode ?? "");
        var top = await q.Where(r => r.EnterpriseName != null).GroupBy(r => r.EnterpriseName!).Select(g => new { g.Key, N = g.Count() }).OrderByDescending(x => x.N).Take(10).ToListAsync(ct);
        var finished = new[] { RequestState.Resolved, RequestState.VisitedBack, RequestState.Closed };
        var received = await q.CountAsync(ct);
        var resolved = await q.CountAsync(r => finished.Contains(r.State), ct);
        var overdueQ = q.Where(r => r.Overdue);
        var overdue = await overdueQ.CountAsync(ct);
        var overdueList = await overdueQ.OrderBy(r => r.ReceivedAt).Take(200).ToListAsync(ct);
        var rr = await rates.ComputeAsync(from, to, scopePath, null, ct);
        return new(kind, f, t, received, resolved, overdue, byCategory, byChannel, byDistrict, top.Select(x => new Count(x.Key, x.N)).ToList(), rr, overdueList);
    }
}
