using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Services.Projects;
using Gonghui.Modules.Services.Rules;
using Gonghui.Modules.Services.Visits;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Services.Statistics;

/// <summary>One row of the statistics: a group's projects, budget, spent and visits.</summary>
public sealed record StatRow(string Key, int Projects, long BudgetFen, long SpentFen, long Visits);

/// <summary>A year's service figures in a scope: totals and by tier, district and category.</summary>
public sealed record ServiceYearStats(int Year, StatRow Total, IReadOnlyList<StatRow> ByTier, IReadOnlyList<StatRow> ByDistrict, IReadOnlyList<StatRow> ByCategory,
    double Milliseconds);

/// <summary>
/// The year's service statistics. Visits are counted in SQL, grouped by project over the unique index (project_id, served_on,
/// member_id) — millions of visits never leave the database — and the few thousand project rows are grouped by tier, district and
/// category in memory. Projects counted are those of the year not rejected.
/// </summary>
public sealed class ServiceStats(GonghuiDb db, CurrentUser me)
{
    public async Task<ServiceYearStats> YearAsync(int year, CancellationToken ct) => await ComputeAsync(db, await me.ScopePathAsync(ct), year, ct);

    public static async Task<ServiceYearStats> ComputeAsync(GonghuiDb db, string scope, int year, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var projects = await db.Set<ServiceProject>().AsNoTracking().InScope(scope, p => p.ScopePath)
            .Where(p => p.Year == year && p.Status != ProjectStatus.Rejected)
            .Select(p => new { p.Id, p.Tier, p.District, p.Category, p.BudgetFen, Spent = p.SpentFen ?? 0 }).ToListAsync(ct);
        var visits = await VisitsByProjectAsync(db, scope, new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1), ct);
        List<StatRow> By<TKey>(Func<(Guid Id, ServiceTier Tier, string District, ServiceCategory Category, long Budget, long Spent), TKey> key, Func<TKey, string> name) where TKey : notnull =>
            projects.Select(p => (p.Id, p.Tier, p.District, p.Category, Budget: p.BudgetFen, p.Spent)).GroupBy(key)
                .Select(g => new StatRow(name(g.Key), g.Count(), g.Sum(p => p.Budget), g.Sum(p => p.Spent), g.Sum(p => visits.GetValueOrDefault(p.Id))))
                .OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        var byTier = By(p => p.Tier, t => t.ToString());
        var byDistrict = By(p => p.District, d => d);
        var byCategory = By(p => p.Category, c => c.ToString());
        var total = new StatRow("", projects.Count, projects.Sum(p => p.BudgetFen), projects.Sum(p => p.Spent), projects.Sum(p => visits.GetValueOrDefault(p.Id)));
        return new ServiceYearStats(year, total, byTier, byDistrict, byCategory, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>
    /// Visits per project with a Beijing day in [from, to) for the projects in scope, counted by the database: for a period of whole months
    /// from the roll-up (<see cref="VisitRollup"/>: visits per project and month), for any other from the visits.
    /// </summary>
    public static async Task<Dictionary<Guid, long>> VisitsByProjectAsync(GonghuiDb db, string scope, DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (from.Day == 1 && to.Day == 1 && to > from)
        {
            var (m0, m1) = (VisitRollup.MonthOf(from), VisitRollup.MonthOf(to));
            var months = db.Set<VisitMonth>().AsNoTracking().Where(v => v.Month >= m0 && v.Month < m1);
            if (!await db.UnitRows().AnyAsync(u => u.ParentId == null && u.Path == scope, ct))
            {
                var inScope = await db.Set<ServiceProject>().AsNoTracking().InScope(scope, p => p.ScopePath).Select(p => p.Id).ToListAsync(ct);
                if (inScope.Count == 0) return [];
                months = months.Where(v => inScope.Contains(v.ProjectId));
            }
            return (await months.GroupBy(v => v.ProjectId).Select(g => new { g.Key, Count = g.Sum(v => v.Visits) }).ToListAsync(ct))
                .Where(x => x.Count != 0).ToDictionary(x => x.Key, x => x.Count);
        }
        return await RawVisitsByProjectAsync(db, scope, from, to, ct);
    }

    /// <summary>Visits per project counted from the visits themselves (any period; the roll-up's reference in the tests).</summary>
    internal static async Task<Dictionary<Guid, long>> RawVisitsByProjectAsync(GonghuiDb db, string scope, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var visits = db.Set<ServiceVisit>().AsNoTracking().Where(v => v.ServedOn >= from && v.ServedOn < to);
        // The whole city needs no project filter; a district or unit counts only its own projects' visits (an IN over their ids).
        var isRoot = await db.UnitRows().AnyAsync(u => u.ParentId == null && u.Path == scope, ct); // not merely a path of one level: a scope that names no unit counts nothing
        if (!isRoot)
        {
            // The ids as a list (PostgreSQL: project_id = ANY(@ids); SQLite: json_each), not a subquery: the planner then probes the
            // (project_id, served_on, member_id) index once per project instead of joining the whole year's visits.
            var ids = await db.Set<ServiceProject>().AsNoTracking().InScope(scope, p => p.ScopePath).Select(p => p.Id).ToListAsync(ct);
            if (ids.Count == 0) return [];
            visits = visits.Where(v => ids.Contains(v.ProjectId));
        }
        return await visits.GroupBy(v => v.ProjectId).Select(g => new { g.Key, Count = g.LongCount() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }
}
