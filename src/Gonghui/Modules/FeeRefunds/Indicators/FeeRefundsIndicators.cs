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
            "Sum of the amounts of " + Paid + ".", "/fee-refunds"),
    ];

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorQuery query, CancellationToken ct)
    {
        var (from, to) = query.Instants;
        var units = db.UnitRows().InScope(query.ScopePath, u => u.Path).Select(u => u.Id);
        var r = await db.Set<UnionFeeRefund>().AsNoTracking()
            .Where(x => x.Status == RefundStatus.Paid && x.PaidAt >= from && x.PaidAt < to && units.Contains(x.FundingUnitId))
            .GroupBy(_ => 1).Select(g => new { N = g.Count(), Fen = g.Sum(x => x.AmountFen), Firms = g.Select(x => x.EnterpriseId).Distinct().Count() })
            .FirstOrDefaultAsync(ct);
        return [Count("feerefunds.firms", r?.Firms ?? 0), Amount("feerefunds.amount", r?.Fen ?? 0, r?.N ?? 0)];
    }
}
