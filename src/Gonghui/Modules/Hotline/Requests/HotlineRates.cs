using Gonghui.Platform.Charts;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Gonghui.Platform.Scope;

namespace Gonghui.Modules.Hotline.Requests;

public sealed record UnitRate(Guid UnitId, string UnitName, string Path, int ValidVisits, double ResponseRate, double ResolutionRate, double SatisfactionRate, double Score, int Rank);

public sealed record RatesReport(DateTimeOffset From, DateTimeOffset To, RateResult City, IReadOnlyList<UnitRate> Units, IReadOnlyList<UnitRate> Districts);

/// <summary>
/// The three rates per handling unit, per district (its subtree) and city-wide, over the requests whose return visit
/// reached the worker inside [from, to). Counting is one GROUP BY in the database; the formulas are <see cref="RateFormula"/>.
/// </summary>
public sealed class HotlineRates(GonghuiDb db, IOptions<HotlineOptions> options)
{
    public async Task<RatesReport> ComputeAsync(DateTimeOffset from, DateTimeOffset to, string scopePath, Guid? unitId, CancellationToken ct)
    {
        var rows = await db.Set<HotlineRequest>().AsNoTracking()
            .Where(r => r.VisitedAt >= from && r.VisitedAt < to && r.VisitReached == true && r.VisitUnitId != null)
            .GroupBy(r => r.VisitUnitId)
            .Select(g => new
            {
                Unit = g.Key!.Value, N = g.Count(),
                InTime = g.Count(r => r.ContactedInTime == true),
                Solved = g.Count(r => r.VisitSolved == true),
                Sat = g.Count(r => r.VisitSatisfaction == Satisfaction.Satisfied),
                Part = g.Count(r => r.VisitSatisfaction == Satisfaction.PartlySatisfied),
            }).ToListAsync(ct);
        var counts = rows.ToDictionary(r => r.Unit, r => new RateCounts(r.N, r.InTime, r.Solved, r.Sat, r.Part));
        var units = await db.UnitRows().InScope(scopePath, u => u.Path)
            .Select(u => new { u.Id, u.Name, u.Path, u.Kind }).ToListAsync(ct);
        var w = options.Value.RateWeights;
        var inScope = units.Where(u => counts.ContainsKey(u.Id) && (unitId is null || u.Id == unitId)).ToList();
        var unitRates = Rank(inScope.Select(u => (u.Id, u.Name, u.Path, RateFormula.Compute(counts[u.Id], w))));
        var byPath = units.ToDictionary(u => u.Id, u => u.Path);
        var districts = Rank(units.Where(u => u.Kind is OrgUnitKind.DistrictUnion or OrgUnitKind.IndustryUnion).Select(d =>
        {
            var sum = counts.Where(kv => byPath.TryGetValue(kv.Key, out var p) && ScopeFilter.Covers(d.Path, p)).Aggregate(RateCounts.Zero, (a, kv) => a + kv.Value);
            return (d.Id, d.Name, d.Path, RateFormula.Compute(sum, w));
        }).Where(x => x.Item4.ValidVisits > 0));
        var city = counts.Where(kv => byPath.ContainsKey(kv.Key) && (unitId is null || kv.Key == unitId)).Aggregate(RateCounts.Zero, (a, kv) => a + kv.Value);
        return new RatesReport(from, to, RateFormula.Compute(city, w), unitRates, districts);
    }

    /// <summary>
    /// The counts behind the three rates over [from, to) for the subtree at <paramref name="mine"/> and for the wider subtree at
    /// <paramref name="reference"/> (which contains it): one GROUP BY over the period's visits joined to the units in the reference.
    /// </summary>
    public async Task<(RateCounts Mine, RateCounts Reference)> CompareAsync(DateTimeOffset from, DateTimeOffset to, string mine, string reference, CancellationToken ct)
    {
        RateCounts m = RateCounts.Zero, all = RateCounts.Zero;
        foreach (var (path, c) in await CountsByUnitAsync(from, to, reference, ct))
        {
            all += c;
            if (ScopeFilter.Covers(mine, path)) m += c;
        }
        return (m, all);
    }

    /// <summary>
    /// The counts behind the three rates over [from, to) for each visiting unit in the subtree at <paramref name="scope"/>, by the unit's
    /// path: one GROUP BY over the period's visits joined to the units in the scope (the callers add them up for any subtree).
    /// </summary>
    public async Task<IReadOnlyList<(string Path, RateCounts Counts)>> CountsByUnitAsync(DateTimeOffset from, DateTimeOffset to, string scope, CancellationToken ct)
    {
        var rows = await (from r in db.Set<HotlineRequest>().AsNoTracking()
                          where r.VisitedAt >= @from && r.VisitedAt < to && r.VisitReached == true && r.VisitUnitId != null
                          join u in db.UnitRows().InScope(scope, u => u.Path) on r.VisitUnitId equals u.Id
                          select new { r.ContactedInTime, r.VisitSolved, r.VisitSatisfaction, u.Path })
            .GroupBy(x => x.Path)
            .Select(g => new
            {
                Path = g.Key, N = g.Count(),
                InTime = g.Count(x => x.ContactedInTime == true),
                Solved = g.Count(x => x.VisitSolved == true),
                Sat = g.Count(x => x.VisitSatisfaction == Satisfaction.Satisfied),
                Part = g.Count(x => x.VisitSatisfaction == Satisfaction.PartlySatisfied),
            }).ToListAsync(ct);
        return rows.Select(r => (r.Path, new RateCounts(r.N, r.InTime, r.Solved, r.Sat, r.Part))).ToList();
    }

    /// <summary>
    /// The counts behind the three rates for each month of <paramref name="year"/> (Beijing time) over the visits of the
    /// units in the subtree at <paramref name="scope"/>: one GROUP BY on the month (Platform/Charts/Buckets), twelve rows at most.
    /// </summary>
    public async Task<RateCounts[]> MonthlyAsync(int year, string scope, CancellationToken ct)
    {
        var bounds = Buckets.MonthsOf(year);
        System.Linq.Expressions.Expression<Func<HotlineRequest, DateTimeOffset>> at = r => r.VisitedAt!.Value;
        var visits = from r in db.Set<HotlineRequest>().AsNoTracking()
                     where r.VisitedAt != null && r.VisitReached == true && r.VisitUnitId != null
                     join u in db.UnitRows().InScope(scope, u => u.Path) on r.VisitUnitId equals u.Id
                     select r;
        var rows = await visits.Where(Buckets.Within(at, bounds)).GroupBy(Buckets.Index(at, bounds))
            .Select(g => new
            {
                Month = g.Key, N = g.Count(),
                InTime = g.Count(r => r.ContactedInTime == true),
                Solved = g.Count(r => r.VisitSolved == true),
                Sat = g.Count(r => r.VisitSatisfaction == Satisfaction.Satisfied),
                Part = g.Count(r => r.VisitSatisfaction == Satisfaction.PartlySatisfied),
            }).ToListAsync(ct);
        var months = Enumerable.Repeat(RateCounts.Zero, 12).ToArray();
        foreach (var r in rows) months[r.Month] = new RateCounts(r.N, r.InTime, r.Solved, r.Sat, r.Part);
        return months;
    }

    /// <summary>The district (or industry) union whose subtree holds <paramref name="scope"/>, strictly above it; null for a district or the federation itself.</summary>
    public async Task<(string Path, string Name)?> DistrictAboveAsync(string scope, CancellationToken ct)
    {
        var districts = await db.UnitRows().Where(u => u.Kind == OrgUnitKind.DistrictUnion || u.Kind == OrgUnitKind.IndustryUnion)
            .Select(u => new { u.Path, u.Name }).ToListAsync(ct);
        var d = districts.Where(x => ScopeFilter.StrictlyCovers(x.Path, scope)).OrderByDescending(x => x.Path.Length).FirstOrDefault();
        return d is null ? null : (d.Path, d.Name);
    }

    public RateResult Rates(RateCounts counts) => RateFormula.Compute(counts, options.Value.RateWeights);

    private static List<UnitRate> Rank(IEnumerable<(Guid Id, string Name, string Path, RateResult R)> items) =>
        items.OrderByDescending(x => x.R.Score).ThenByDescending(x => x.R.ValidVisits).ThenBy(x => x.Path)
            .Select((x, i) => new UnitRate(x.Id, x.Name, x.Path, x.R.ValidVisits, x.R.ResponseRate, x.R.ResolutionRate, x.R.SatisfactionRate, x.R.Score, i + 1)).ToList();
}
