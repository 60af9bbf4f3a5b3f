using Gonghui.Modules.FeeRefunds.Refunds;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using static Gonghui.Platform.Indicators.IndicatorValues;

namespace Gonghui.Modules.FeeRefunds.Indicators;

/// <summary>The small-firm union-fee refund's figures of the annual report: firms refunded and the amount.</summary>
public sealed class FeeRefundsIndicators(GonghuiDb db) : IIndicatorSource
{
    private const string Paid = "union-fee refunds in status Paid (not reversed) whose payment time falls in the period, " +
        "funded by a union in the scope (the firm's district union, or the federation; as the refund list scopes them)";

    public IReadOnlyList<IndicatorDefinition> Definitions { get; } =
    [
        new("feerefunds.firms", ReportParts.Money, "小微企业工会经费返还企业", "Small firms refunded union fees", IndicatorUnit.Count,
            "Distinct firms of " + Paid + ".", "/fee-refunds"),
        new("feerefunds.amount", ReportParts.Money, "小微企业工会经费返还金额", "Union fees refunded", IndicatorUnit.Fen,
            "Sum of the amounts of " + Paid + ".", "/fee-refunds?from={from}&to={to}&unit={unit}"),
    ];

    /// <summary>The definitions' records (the one filter of both computations).</summary>
    private IQueryable<UnionFeeRefund> PaidIn(IndicatorQuery query)
    {
        var (from, to) = query.Instants;
        var units = db.UnitRows().InScope(query.ScopePath, u => u.Path).Select(u => u.Id);
        return db.Set<UnionFeeRefund>().AsNoTracking().Where(x => x.Status == RefundStatus.Paid && x.PaidAt >= from && x.PaidAt < to && units.Contains(x.FundingUnitId));
    }

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorQuery query, CancellationToken ct)
    {
        var r = await PaidIn(query).GroupBy(_ => 1).Select(g => new { N = g.Count(), Fen = g.Sum(x => x.AmountFen), Firms = g.Select(x => x.EnterpriseId).Distinct().Count() })
            .SingleOrDefaultAsync(ct);
        return Values(r?.N ?? 0, r?.Fen ?? 0, r?.Firms ?? 0);
    }

    /// <summary>One read of the parent's paid refunds, grouped by the district whose subtree holds the funding unit.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>>> ComputeByDistrictAsync(DistrictQuery query, CancellationToken ct)
    {
        var rows = await (from x in PaidIn(query.Parent)
                          join u in db.UnitRows() on x.FundingUnitId equals u.Id
                          select new { x.AmountFen, x.EnterpriseId, Unit = u.Path })
            .GroupByBranch(query.ParentPath, x => x.Unit)
            .Select(g => new { g.Key, N = g.Count(), Fen = g.Sum(x => x.AmountFen), Firms = g.Select(x => x.EnterpriseId).Distinct().Count() })
            .ToListAsync(ct);
        return query.Complete(rows.ToDictionary(r => r.Key, r => Values(r.N, r.Fen, r.Firms)), () => Values(0, 0, 0));
    }

    private static IReadOnlyList<IndicatorValue> Values(int n, long fen, int firms) =>
        [Count("feerefunds.firms", firms), Amount("feerefunds.amount", fen, n)];
}
