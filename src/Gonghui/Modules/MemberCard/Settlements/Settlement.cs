using Gonghui.Platform.Audit;

namespace Gonghui.Modules.MemberCard.Settlements;

public enum SettlementStatus { Drawn = 0, Paid = 1 }

/// <summary>
/// A merchant's monthly statement (结算单): the union's share of the discounts of the redemptions confirmed in the month,
/// less the share of earlier-settled redemptions whose discount was withdrawn since (returns), paid through the fund ledger
/// (fund <c>member-card</c>, the merchant's unit, the month's year). Each redemption belongs to at most one statement.
/// </summary>
public sealed class Settlement : IAudited
{
    private Settlement() { }
    public Guid Id { get; private set; }
    public Guid MerchantId { get; private set; }
    /// <summary>yyyymm (Beijing).</summary>
    public int Month { get; private set; }
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public int Redemptions { get; private set; }
    public long BillFen { get; private set; }
    public long DiscountFen { get; private set; }
    public long UnionShareFen { get; private set; }
    /// <summary>Share of earlier statements' redemptions withdrawn since (a deduction, ≥ 0).</summary>
    public int Adjustments { get; private set; }
    public long AdjustmentFen { get; private set; }
    public SettlementStatus Status { get; private set; }
    public DateTimeOffset DrawnAt { get; private set; }
    public string DrawnBy { get; private set; } = "";
    public DateTimeOffset? PaidAt { get; private set; }
    public Guid? LedgerEntryId { get; private set; }

    /// <summary>What the union pays the merchant for this statement.</summary>
    public long PayableFen => Math.Max(0, UnionShareFen - AdjustmentFen);

    public static Settlement Draw(Guid id, Guid merchantId, int month, Guid unitId, string unitPath, int count, long billFen, long discountFen, long shareFen,
        int adjustments, long adjustmentFen, DateTimeOffset now, string by) => new()
    {
        Id = id, MerchantId = merchantId, Month = month, UnitId = unitId, UnitPath = unitPath, Redemptions = count, BillFen = billFen,
        DiscountFen = discountFen, UnionShareFen = shareFen, Adjustments = adjustments, AdjustmentFen = adjustmentFen,
        Status = SettlementStatus.Drawn, DrawnAt = now, DrawnBy = by,
    };

    public void MarkPaid(Guid entryId, DateTimeOffset now)
    {
        Status = SettlementStatus.Paid;
        LedgerEntryId = entryId;
        PaidAt = now;
    }
}
