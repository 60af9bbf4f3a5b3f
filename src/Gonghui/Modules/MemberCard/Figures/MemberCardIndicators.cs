using Gonghui.Modules.MemberCard.Merchants;
using Gonghui.Modules.MemberCard.Offers;
using Gonghui.Modules.MemberCard.Redemptions;
using Gonghui.Modules.MemberCard.Rules;
using Gonghui.Modules.MemberCard.Settlements;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.MemberCard.Figures;

/// <summary>The member card's figures (DESIGN §6 "member card"): redemptions, discounts, the union's share, members served,
/// 消费扶贫 sales, statements paid. A redemption counts in the period of its confirmation date (Beijing), in the scope of its
/// merchant's unit; withdrawn discounts (returns) are not counted.</summary>
internal sealed class MemberCardIndicators(GonghuiDb db) : IIndicatorSource
{
    // The list behind the counted redemptions, narrowed to the report's period and unit (the same filter: CountedRedemptions, merchants in the unit's subtree).
    private const string Drill = "/member-card/redemptions?from={from}&to={to}&unit={unit}";

    public IReadOnlyList<IndicatorDefinition> Definitions { get; } =
    [
        new("membercard.redemptions", ReportParts.Services, "会员卡优惠核销笔数", "Member-card redemptions", IndicatorUnit.Count,
            "Redemptions confirmed at the till or online whose Beijing confirmation date falls in the period, at merchants of units in scope; released, expired and withdrawn (returned) ones are not counted.", Drill),
        new("membercard.discount", ReportParts.Services, "会员优惠金额", "Discounts given to members", IndicatorUnit.Fen,
            "Sum of the discounts of the redemptions counted in membercard.redemptions.", Drill),
        new("membercard.union-share", ReportParts.Services, "工会承担优惠金额", "Union's share of the discounts", IndicatorUnit.Fen,
            "Sum of the union's share of those discounts (what the monthly statements owe the merchants).", Drill),
        new("membercard.members", ReportParts.Services, "享受优惠会员人数", "Members who used an offer", IndicatorUnit.Count,
            "Distinct members with at least one redemption counted in membercard.redemptions.", Drill),
        new("membercard.assistance-sales", ReportParts.Services, "消费扶贫销售额", "Consumption-assistance sales", IndicatorUnit.Fen,
            "Bills (before discount, less goods returned) of the counted redemptions at aided-region producers (消费扶贫).", Drill),
        new("membercard.settled-paid", ReportParts.Services, "商户结算支付金额", "Statements paid to merchants", IndicatorUnit.Fen,
            "Amounts of merchants' monthly statements for months in the period that the fund ledger has paid (units in scope).", "/member-card/settlements"),
    ];

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorQuery query, CancellationToken ct)
    {
        var merchants = db.Set<Merchant>().AsNoTracking().InScope(query.ScopePath, m => m.UnitPath);
        var rows = from r in db.Set<Redemption>().AsNoTracking().ConfirmedBetween(query.From, query.To)
                   join m in merchants on r.MerchantId equals m.Id
                   select new { r.MemberId, r.DiscountFen, r.UnionShareFen, r.BillFen, r.ReturnedFen, Aided = m.Kind == MerchantKind.AidedProducer };
        var sums = await rows.GroupBy(_ => 1).Select(g => new
        {
            N = g.LongCount(),
            Discount = g.Sum(x => x.DiscountFen),
            Share = g.Sum(x => x.UnionShareFen),
            Aided = g.Sum(x => x.Aided ? x.BillFen - x.ReturnedFen : 0),
        }).SingleOrDefaultAsync(ct);
        var members = await rows.Select(x => x.MemberId).Distinct().LongCountAsync(ct);
        var fromMonth = query.From.Year * 100 + query.From.Month;
        var toMonth = query.To.Day == 1 ? query.To.Year * 100 + query.To.Month : query.To.Year * 100 + query.To.Month + 1;
        var paid = await db.Set<Settlement>().AsNoTracking().InScope(query.ScopePath, s => s.UnitPath)
            .Where(s => s.Status == SettlementStatus.Paid && s.Month >= fromMonth && s.Month < toMonth)
            .SumAsync(s => (long?)(s.UnionShareFen - s.AdjustmentFen), ct) ?? 0;
        return Values(sums?.N ?? 0, sums?.Discount ?? 0, sums?.Share ?? 0, members, sums?.Aided ?? 0, paid);
    }

    /// <summary>One read of the parent's counted redemptions and one of its paid statements, grouped by the district whose subtree holds the merchant's unit.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>>> ComputeByDistrictAsync(DistrictQuery query, CancellationToken ct)
    {
        var sums = await (from r in db.Set<Redemption>().AsNoTracking().ConfirmedBetween(query.From, query.To)
                          join m in db.Set<Merchant>().AsNoTracking().InScope(query.ParentPath, m => m.UnitPath) on r.MerchantId equals m.Id
                          select new { r.MemberId, r.DiscountFen, r.UnionShareFen, r.BillFen, r.ReturnedFen, Aided = m.Kind == MerchantKind.AidedProducer, m.UnitPath })
            .GroupByBranch(query.ParentPath, x => x.UnitPath).Select(g => new
            {
                g.Key,
                N = g.LongCount(),
                Discount = g.Sum(x => x.DiscountFen),
                Share = g.Sum(x => x.UnionShareFen),
                Aided = g.Sum(x => x.Aided ? x.BillFen - x.ReturnedFen : 0),
                Members = g.Select(x => x.MemberId).Distinct().LongCount(),
            }).ToDictionaryAsync(x => x.Key, ct);
        var fromMonth = query.From.Year * 100 + query.From.Month;
        var toMonth = query.To.Day == 1 ? query.To.Year * 100 + query.To.Month : query.To.Year * 100 + query.To.Month + 1;
        var paid = await db.Set<Settlement>().AsNoTracking().InScope(query.ParentPath, s => s.UnitPath)
            .Where(s => s.Status == SettlementStatus.Paid && s.Month >= fromMonth && s.Month < toMonth)
            .GroupBy(s => s.UnitPath).Select(g => new { Path = g.Key, Fen = g.Sum(s => s.UnionShareFen - s.AdjustmentFen) }).ToListAsync(ct);
        return query.DistrictPaths.ToDictionary(d => d, d =>
        {
            var x = sums.GetValueOrDefault(d);
            return Values(x?.N ?? 0, x?.Discount ?? 0, x?.Share ?? 0, x?.Members ?? 0, x?.Aided ?? 0, paid.Where(p => ScopeFilter.Covers(d, p.Path)).Sum(p => p.Fen));
        }, StringComparer.Ordinal);
    }

    // None in the period and scope: no-data.
    private static IReadOnlyList<IndicatorValue> Values(long n, long discount, long share, long members, long aided, long paid) =>
    [
        IndicatorValues.Count("membercard.redemptions", n),
        IndicatorValues.Count("membercard.discount", discount),
        IndicatorValues.Count("membercard.union-share", share),
        IndicatorValues.Count("membercard.members", members),
        IndicatorValues.Count("membercard.assistance-sales", aided),
        IndicatorValues.Count("membercard.settled-paid", paid),
    ];
}
