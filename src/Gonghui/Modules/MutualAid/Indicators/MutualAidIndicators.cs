using Gonghui.Modules.MutualAid.Claims;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using static Gonghui.Platform.Indicators.IndicatorValues;

namespace Gonghui.Modules.MutualAid.Indicators;

/// <summary>
/// Medical mutual aid's figures of the annual report: payouts (person-times), the amount paid, the members paid. A period of whole Beijing
/// months (a month, a quarter, a year) reads the roll-up the claims keep on write (<see cref="PaidRollup"/>): payouts and amount from the
/// months' rows, the members of a whole year from the unions' member counts less the members counted under two unions of the scope. Any
/// other period (a day, a week) reads the claims (<see cref="RawAsync"/>); the members of a month or a quarter too. The same figures either
/// way (<c>MutualAidRollupTests</c>).
/// </summary>
public sealed class MutualAidIndicators(GonghuiDb db) : IIndicatorSource, IIndicatorBaseline
{
    private const string Paid = "mutual-aid claims in status Paid (not reversed) whose payment time falls in the period, of members of grassroots unions in the scope";

    public IReadOnlyList<IndicatorDefinition> Definitions { get; } =
    [
        new("mutualaid.payouts", ReportParts.Money, "职工医疗互助受益人次", "Medical mutual-aid payouts (person-times)", IndicatorUnit.Count,
            "Count of " + Paid + " (each paid claim is one person-time).", "/mutual-aid?from={from}&to={to}&unit={unit}"),
        new("mutualaid.amount", ReportParts.Money, "职工医疗互助金额", "Medical mutual aid paid", IndicatorUnit.Fen,
            "Sum of the payouts of " + Paid + ".", "/mutual-aid?from={from}&to={to}&unit={unit}"),
        new("mutualaid.members", ReportParts.Money, "职工医疗互助受益人数", "Members given medical mutual aid", IndicatorUnit.Count,
            "Distinct members of " + Paid + ".", "/mutual-aid"),
    ];

    /// <summary>The period as roll-up month keys [from, to) (yyyymm), or null when it is not whole months.</summary>
    private static (int From, int To)? Months(DateOnly from, DateOnly to) =>
        from.Day == 1 && to.Day == 1 && to > from ? (from.Year * 100 + from.Month, to.Year * 100 + to.Month) : null;

    /// <summary>The period's Beijing year when it is exactly one whole year, else null.</summary>
    private static int? WholeYear(DateOnly from, DateOnly to) => from is { Month: 1, Day: 1 } && to == from.AddYears(1) ? from.Year : null;

    private IQueryable<Guid> UnitsIn(string scopePath) => db.UnitRows().InScope(scopePath, u => u.Path).Select(u => u.Id);

    /// <summary>The definitions' records: paid in the period, of the unions in the scope (the one filter of the raw computations).</summary>
    private IQueryable<MutualAidClaim> PaidIn(IndicatorQuery query)
    {
        var (from, to) = query.Instants;
        var units = UnitsIn(query.ScopePath);
        return db.Set<MutualAidClaim>().AsNoTracking().Where(c => c.Status == ClaimStatus.Paid && c.PaidAt >= from && c.PaidAt < to && units.Contains(c.UnionId));
    }

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorQuery query, CancellationToken ct)
    {
        if (Months(query.From, query.To) is not { } months) return await RawAsync(query, ct);
        var units = UnitsIn(query.ScopePath);
        var r = await db.Set<PaidMonth>().AsNoTracking().Where(m => m.Month >= months.From && m.Month < months.To && units.Contains(m.UnionId))
            .GroupBy(_ => 1).Select(g => new { N = g.Sum(m => m.Payouts), Fen = g.Sum(m => m.PayoutFen) }).SingleOrDefaultAsync(ct);
        long members;
        if (WholeYear(query.From, query.To) is { } year)
        {
            var counted = await db.Set<PaidUnionYear>().AsNoTracking().Where(u => u.Year == year && units.Contains(u.UnionId)).SumAsync(u => (long)u.Members, ct);
            var twice = await db.Set<PaidMember>().AsNoTracking().Where(m => m.Year == year && m.Shared && m.Payouts > 0 && units.Contains(m.UnionId))
                .GroupBy(_ => 1).Select(g => new { Rows = g.Count(), Distinct = g.Select(m => m.MemberId).Distinct().Count() }).SingleOrDefaultAsync(ct);
            members = counted - ((twice?.Rows ?? 0) - (twice?.Distinct ?? 0));
        }
        else members = await PaidIn(query).Select(c => c.MemberId).Distinct().CountAsync(ct);
        return Values(r?.N ?? 0, r?.Fen ?? 0, members);
    }

    /// <summary>The figures counted from the claims themselves (any period; the roll-up's reference in the tests).</summary>
    internal async Task<IReadOnlyList<IndicatorValue>> RawAsync(IndicatorQuery query, CancellationToken ct)
    {
        var r = await PaidIn(query).GroupBy(_ => 1).Select(g => new { N = g.Count(), Fen = g.Sum(c => c.PayoutFen), Members = g.Select(c => c.MemberId).Distinct().Count() })
            .SingleOrDefaultAsync(ct);
        return Values(r?.N ?? 0, r?.Fen ?? 0, r?.Members ?? 0);
    }

    /// <summary>
    /// Every district in one read: whole months from the roll-up, grouped by the district whose subtree holds the row's union (the union's
    /// path cut below the parent); other periods from the claims, the same way (<see cref="RawByDistrictAsync"/>).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>>> ComputeByDistrictAsync(DistrictQuery query, CancellationToken ct)
    {
        if (Months(query.From, query.To) is not { } months) return await RawByDistrictAsync(query, ct);
        var units = db.UnitRows().InScope(query.ParentPath, u => u.Path);
        var sums = await (from m in db.Set<PaidMonth>().AsNoTracking().Where(m => m.Month >= months.From && m.Month < months.To)
                          join u in units on m.UnionId equals u.Id
                          select new { m.Payouts, m.PayoutFen, Union = u.Path })
            .GroupByBranch(query.ParentPath, x => x.Union)
            .Select(g => new { g.Key, N = g.Sum(x => x.Payouts), Fen = g.Sum(x => x.PayoutFen) })
            .ToDictionaryAsync(x => x.Key, ct);
        Dictionary<string, long> members;
        if (WholeYear(query.From, query.To) is { } year)
        {
            var counted = await (from c in db.Set<PaidUnionYear>().AsNoTracking().Where(c => c.Year == year)
                                 join u in units on c.UnionId equals u.Id
                                 select new { c.Members, Union = u.Path })
                .GroupByBranch(query.ParentPath, x => x.Union).Select(g => new { g.Key, N = g.Sum(x => (long)x.Members) })
                .ToDictionaryAsync(x => x.Key, x => x.N, ct);
            var twice = await (from m in db.Set<PaidMember>().AsNoTracking().Where(m => m.Year == year && m.Shared && m.Payouts > 0)
                               join u in units on m.UnionId equals u.Id
                               select new { m.MemberId, Union = u.Path })
                .GroupByBranch(query.ParentPath, x => x.Union).Select(g => new { g.Key, Extra = g.Count() - g.Select(x => x.MemberId).Distinct().Count() })
                .ToDictionaryAsync(x => x.Key, x => x.Extra, ct);
            members = counted.ToDictionary(kv => kv.Key, kv => kv.Value - twice.GetValueOrDefault(kv.Key));
        }
        else
            members = await (from c in PaidIn(query.Parent)
                             join u in db.UnitRows() on c.UnionId equals u.Id
                             select new { c.MemberId, Union = u.Path })
                .GroupByBranch(query.ParentPath, x => x.Union).Select(g => new { g.Key, N = g.Select(x => x.MemberId).Distinct().Count() })
                .ToDictionaryAsync(x => x.Key, x => (long)x.N, ct);
        var found = sums.Keys.Union(members.Keys).ToDictionary(k => k, k =>
        {
            var s = sums.GetValueOrDefault(k);
            return Values(s?.N ?? 0, s?.Fen ?? 0, members.GetValueOrDefault(k));
        });
        return query.Complete(found, () => Values(0, 0, 0));
    }

    /// <summary>
    /// One read of the parent's paid claims, grouped by the district whose subtree holds the claim's union (at full scale 4 s where a join of
    /// every claim to the districts by path prefix took 67 s on SQLite).
    /// </summary>
    internal async Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>>> RawByDistrictAsync(DistrictQuery query, CancellationToken ct)
    {
        var rows = await (from c in PaidIn(query.Parent)
                          join u in db.UnitRows() on c.UnionId equals u.Id
                          select new { c.PayoutFen, c.MemberId, Union = u.Path })
            .GroupByBranch(query.ParentPath, x => x.Union)
            .Select(g => new { g.Key, N = g.Count(), Fen = g.Sum(x => x.PayoutFen), Members = g.Select(x => x.MemberId).Distinct().Count() })
            .ToListAsync(ct);
        return query.Complete(rows.ToDictionary(r => r.Key, r => Values(r.N, r.Fen, r.Members)), () => Values(0, 0, 0));
    }

    private sealed class Tally { public long N, Fen; public readonly HashSet<Guid> Members = []; }

    /// <summary>
    /// The baseline (<see cref="IIndicatorBaseline"/>): every claim paid in the period streamed into memory with its union's path (the units
    /// of the parent loaded first), counted and summed in C#, the distinct members kept in a set per district and for the parent.
    /// </summary>
    public async Task<BaselineFigures> FromRowsAsync(DistrictQuery query, CancellationToken ct)
    {
        var paths = await db.UnitPathsAsync(query.ParentPath, ct);
        var (from, to) = query.Parent.Instants;
        var tally = new BaselineTally<Tally>(query);
        await foreach (var c in db.Set<MutualAidClaim>().AsNoTracking().Where(c => c.Status == ClaimStatus.Paid && c.PaidAt >= from && c.PaidAt < to)
                           .Select(c => new { c.UnionId, c.MemberId, c.PayoutFen }).AsAsyncEnumerable().WithCancellation(ct))
            tally.Add(paths.GetValueOrDefault(c.UnionId), c, static (t, row) => { t.N++; t.Fen += row.PayoutFen; t.Members.Add(row.MemberId); });
        return tally.Figures(t => Values(t.N, t.Fen, t.Members.Count));
    }

    private static IReadOnlyList<IndicatorValue> Values(long n, long fen, long members) =>
        [Count("mutualaid.payouts", n), Amount("mutualaid.amount", fen, n), Count("mutualaid.members", members)];
}
