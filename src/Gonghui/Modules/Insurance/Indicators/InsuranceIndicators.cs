using Gonghui.Modules.Insurance.Claims;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using static Gonghui.Platform.Indicators.IndicatorValues;

namespace Gonghui.Modules.Insurance.Indicators;

/// <summary>Accident insurance's figures of the annual report: claims paid and the amount.</summary>
public sealed class InsuranceIndicators(GonghuiDb db) : IIndicatorSource
{
    private const string Paid = "accident-insurance claims in status Paid (not reversed) whose payment time falls in the period, of insured people of grassroots unions in the scope";

    /// <summary>The claim list with the report's period and unit (the claims paid in it, of the unions in the subtree).</summary>
    private const string Drill = "/insurance?from={from}&to={to}&unit={unit}";

    public IReadOnlyList<IndicatorDefinition> Definitions { get; } =
    [
        new("insurance.claims", ReportParts.Money, "非工伤意外伤害险理赔", "Accident-insurance claims paid", IndicatorUnit.Count, "Count of " + Paid + ".", Drill),
        new("insurance.amount", ReportParts.Money, "非工伤意外伤害险理赔金额", "Accident-insurance payouts", IndicatorUnit.Fen, "Sum of the payouts of " + Paid + ".", Drill),
        new("insurance.claims.family", ReportParts.Money, "家属理赔", "Claims paid for family members", IndicatorUnit.Count,
            "Of insurance.claims, those for an insured family member (not the member).", "/insurance?family=true&from={from}&to={to}&unit={unit}"),
    ];

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorQuery query, CancellationToken ct)
    {
        var (from, to) = query.Instants;
        var units = db.UnitRows().InScope(query.ScopePath, u => u.Path).Select(u => u.Id);
        var r = await db.Set<AccidentClaim>().AsNoTracking()
            .Where(c => c.Status == AccidentClaimStatus.Paid && c.PaidAt >= from && c.PaidAt < to && units.Contains(c.UnionId))
            .GroupBy(_ => 1).Select(g => new { N = g.Count(), Fen = g.Sum(c => c.PayoutFen), Family = g.Count(c => c.IsFamily) })
            .SingleOrDefaultAsync(ct);
        return [Count("insurance.claims", r?.N ?? 0), Amount("insurance.amount", r?.Fen ?? 0, r?.N ?? 0), Count("insurance.claims.family", r?.Family ?? 0)];
    }

    /// <summary>One read of the parent's paid claims, grouped by the district whose subtree holds the claim's union.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>>> ComputeByDistrictAsync(DistrictQuery query, CancellationToken ct)
    {
        var (from, to) = query.Parent.Instants;
        var rows = await (from c in db.Set<AccidentClaim>().AsNoTracking()
                          join u in db.UnitRows().InScope(query.ParentPath, u => u.Path) on c.UnionId equals u.Id
                          where c.Status == AccidentClaimStatus.Paid && c.PaidAt >= @from && c.PaidAt < to
                          select new { c.PayoutFen, c.IsFamily, u.Path })
            .GroupByBranch(query.ParentPath, x => x.Path).Select(g => new { g.Key, N = g.Count(), Fen = g.Sum(c => c.PayoutFen), Family = g.Count(c => c.IsFamily) })
            .ToDictionaryAsync(x => x.Key, ct);
        return query.DistrictPaths.ToDictionary(d => d, d =>
        {
            var r = rows.GetValueOrDefault(d);
            return (IReadOnlyList<IndicatorValue>)[Count("insurance.claims", r?.N ?? 0), Amount("insurance.amount", r?.Fen ?? 0, r?.N ?? 0), Count("insurance.claims.family", r?.Family ?? 0)];
        }, StringComparer.Ordinal);
    }
}
