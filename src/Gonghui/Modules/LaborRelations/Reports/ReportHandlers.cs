using Gonghui.Modules.LaborRelations.Risk;
using Gonghui.Modules.LaborRelations.Rules;
using Gonghui.Modules.LaborRelations.Signals;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.LaborRelations.Reports;

public sealed record CountRow(string Key, int Items, int Negative);
public sealed record SeriesPoint(DateOnly Bucket, int Items, int Negative);
public sealed record MajorIncident(Guid Id, DateTimeOffset PublishedAt, string Source, string Title, string? EnterpriseName, string DistrictCode, string Category, string? Handling);

/// <summary>
/// An opinion report (舆情日报/周报/季报/年报) over the items in scope published in the period: totals and the previous period's (the trend),
/// the series by bucket, counts by district, industry and category, the enterprises most written about, the major incidents and their handling.
/// </summary>
public sealed record OpinionReport(ReportPeriod Period, int Items, int Negative, int Major, int PreviousItems, int PreviousNegative,
    IReadOnlyList<SeriesPoint> Series, IReadOnlyList<CountRow> ByDistrict, IReadOnlyList<CountRow> ByIndustry, IReadOnlyList<CountRow> ByCategory,
    IReadOnlyList<CountRow> TopEnterprises, IReadOnlyList<MajorIncident> Incidents);

public sealed record LayoffRow(Guid EnterpriseId, string EnterpriseName, int Workforce, int LaidOff, DateOnly EffectiveOn, bool MassLayoff, bool NoticeLate);

/// <summary>The weekly brief for the tripartite partners (三方通报): levels, alerts raised and closed in the week, the top risks, layoffs, major items.</summary>
public sealed record WeeklyBrief(ReportPeriod Week, IReadOnlyDictionary<RiskLevel, int> Levels, int AlertsRaised, int AlertsClosed, int AlertsOpen, int AlertsEscalated,
    IReadOnlyList<ScoreDto> TopRisks, IReadOnlyList<LayoffRow> Layoffs, IReadOnlyList<MajorIncident> Incidents, int OpinionItems, int OpinionNegative);

/// <summary>The reports, all grouped in the database over the scope (one statement per breakdown; no rows loaded to count them).</summary>
public sealed class ReportHandlers(GonghuiDb db, LaborScope scope, AlertHandlers alerts)
{
    public async Task<OpinionReport> OpinionAsync(PeriodKind kind, DateOnly day, CancellationToken ct)
    {
        var p = ReportPeriod.Of(kind, day);
        var all = db.Set<OpinionItem>().AsNoTracking().InScope(await scope.ScopeAsync(ct), o => o.ScopePath);
        var q = all.Where(o => o.PublishedOn >= p.From && o.PublishedOn < p.To);
        var before = all.Where(o => o.PublishedOn >= p.PreviousFrom && o.PublishedOn < p.From);
        var prevN = await before.CountAsync(ct);
        var prevNeg = prevN == 0 ? 0 : await before.CountAsync(o => o.Sentiment == Sentiment.Negative, ct);
        var byDay = await q.GroupBy(o => o.PublishedOn).Select(g => new { g.Key, N = g.Count(), Neg = g.Count(o => o.Sentiment == Sentiment.Negative), Major = g.Count(o => o.Major) })
            .ToListAsync(ct);
        var series = p.Buckets().Select(b => new SeriesPoint(b, 0, 0)).ToDictionary(s => s.Bucket);
        foreach (var d in byDay)
        {
            var b = p.BucketOf(d.Key);
            var s = series[b];
            series[b] = s with { Items = s.Items + d.N, Negative = s.Negative + d.Neg };
        }
        static List<CountRow> Rows(IEnumerable<(string? Key, int N, int Neg)> rows) =>
            rows.Select(r => new CountRow(r.Key ?? "", r.N, r.Neg)).OrderByDescending(r => r.Items).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        var byDistrict = (await q.GroupBy(o => o.DistrictCode).Select(g => new { g.Key, N = g.Count(), Neg = g.Count(o => o.Sentiment == Sentiment.Negative) }).ToListAsync(ct))
            .Select(r => ((string?)r.Key, r.N, r.Neg));
        var byIndustry = (await q.GroupBy(o => o.Industry).Select(g => new { g.Key, N = g.Count(), Neg = g.Count(o => o.Sentiment == Sentiment.Negative) }).ToListAsync(ct))
            .Select(r => (r.Key, r.N, r.Neg));
        var byCategory = (await q.GroupBy(o => o.Category).Select(g => new { g.Key, N = g.Count(), Neg = g.Count(o => o.Sentiment == Sentiment.Negative) }).ToListAsync(ct))
            .Select(r => ((string?)r.Key, r.N, r.Neg));
        var top = await q.Where(o => o.EnterpriseName != null).GroupBy(o => o.EnterpriseName!)
            .Select(g => new { g.Key, N = g.Count(), Neg = g.Count(o => o.Sentiment == Sentiment.Negative) })
            .OrderByDescending(g => g.Neg).ThenByDescending(g => g.N).ThenBy(g => g.Key).Take(10).ToListAsync(ct);
        var incidents = await Incidents(q, 50, ct);
        return new OpinionReport(p, byDay.Sum(d => d.N), byDay.Sum(d => d.Neg), byDay.Sum(d => d.Major), prevN, prevNeg,
            series.Values.OrderBy(s => s.Bucket).ToList(), Rows(byDistrict), Rows(byIndustry), Rows(byCategory), top.Select(t => new CountRow(t.Key, t.N, t.Neg)).ToList(), incidents);
    }

    private static Task<List<MajorIncident>> Incidents(IQueryable<OpinionItem> q, int limit, CancellationToken ct) =>
        q.Where(o => o.Major).OrderByDescending(o => o.PublishedOn).ThenByDescending(o => o.Id).Take(limit)
            .Select(o => new MajorIncident(o.Id, o.PublishedAt, o.Source, o.Title, o.EnterpriseName, o.DistrictCode, o.Category, o.Handling)).ToListAsync(ct);

    /// <summary>The name of the caller's unit (the brief's scope line), or the path when it has none.</summary>
    public async Task<string> ScopeNameAsync(CancellationToken ct)
    {
        var path = await scope.ScopeAsync(ct);
        return await db.UnitRows().Where(u => u.Path == path).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? path;
    }

    public async Task<WeeklyBrief> BriefAsync(DateOnly day, CancellationToken ct)
    {
        var w = ReportPeriod.Of(PeriodKind.Weekly, day);
        var path = await scope.ScopeAsync(ct);
        var a = db.Set<RiskAlert>().AsNoTracking().InScope(path, x => x.ScopePath);
        var raised = await a.CountAsync(x => x.RaisedOn >= w.From && x.RaisedOn < w.To, ct);
        var closed = await a.CountAsync(x => x.ClosedOn >= w.From && x.ClosedOn < w.To, ct);
        var open = await a.CountAsync(x => x.State != AlertState.Closed, ct);
        var escalated = await a.CountAsync(x => x.State != AlertState.Closed && x.Escalation > 0, ct);
        var layoffs = await (from l in db.Set<LayoffReport>().AsNoTracking().InScope(path, x => x.ScopePath)
                             where l.CreatedAt >= Gonghui.Platform.Time.BeijingTime.StartOfDayUtc(w.From) && l.CreatedAt < Gonghui.Platform.Time.BeijingTime.StartOfDayUtc(w.To)
                             orderby l.CreatedAt descending
                             select new LayoffRow(l.EnterpriseId, l.EnterpriseName, l.Workforce, l.LaidOff, l.EffectiveOn, l.MassLayoff, l.NoticeLate)).Take(100).ToListAsync(ct);
        var items = db.Set<OpinionItem>().AsNoTracking().InScope(path, o => o.ScopePath).Where(o => o.PublishedOn >= w.From && o.PublishedOn < w.To);
        var itemCount = await items.CountAsync(ct);
        var negative = itemCount == 0 ? 0 : await items.CountAsync(o => o.Sentiment == Sentiment.Negative, ct);
        return new WeeklyBrief(w, await alerts.LevelsAsync(ct), raised, closed, open, escalated, await alerts.TopAsync(null, 20, ct), layoffs,
            await Incidents(items, 20, ct), itemCount, negative);
    }
}
