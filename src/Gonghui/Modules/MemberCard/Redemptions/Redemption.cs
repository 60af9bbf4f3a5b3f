using Gonghui.Modules.MemberCard.Rules;

namespace Gonghui.Modules.MemberCard.Redemptions;

public enum RedemptionStatus
{
    /// <summary>The discount is held for the member (budget taken) until confirmed, released or expired.</summary>
    Reserved = 0,
    Confirmed = 1,
    /// <summary>The till cancelled it before payment; the budget is back.</summary>
    Released = 2,
    /// <summary>Not confirmed in time; the sweeper gave the budget back.</summary>
    Expired = 3,
    /// <summary>Goods returned so that the discount no longer applies (full refund, or the kept bill fell under the threshold); the budget is back.</summary>
    Withdrawn = 4,
}

/// <summary>
/// One use of an offer (核销): reserved at the till or online, then confirmed, released or expired; returns may withdraw the
/// discount. Not audited row by row (a till writes many), but every state change is a conditional UPDATE from the state it
/// expects, and instants the SQL compares are kept as Unix seconds and Beijing day/month numbers (both engines compare them).
/// </summary>
public sealed class Redemption
{
    private Redemption() { }
    public Guid Id { get; private set; }
    public Guid OfferId { get; private set; }
    public Guid MerchantId { get; private set; }
    public Guid MemberId { get; private set; }
    public RedemptionChannel Channel { get; private set; }
    public string Till { get; private set; } = "";
    public string? BillRef { get; private set; }
    public long BillFen { get; private set; }
    public long DiscountFen { get; private set; }
    public long UnionShareFen { get; private set; }
    public long ReturnedFen { get; private set; }
    public RedemptionStatus Status { get; private set; }
    public AnomalyFlags Flags { get; private set; }
    public DateTimeOffset ReservedAt { get; private set; }
    public long ReservedAtUnix { get; private set; }
    public long ExpiresAtUnix { get; private set; }
    public DateTimeOffset? ConfirmedAt { get; private set; }
    /// <summary>The Beijing date of confirmation as yyyymmdd (the figures' period), and its month yyyymm (the settlement's).</summary>
    public int? ConfirmedDay { get; private set; }
    public int? ConfirmedMonth { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    /// <summary>The Beijing month (yyyymm) the discount was withdrawn in, for the settlement adjustment.</summary>
    public int? WithdrawnMonth { get; private set; }
    public Guid? SettlementId { get; private set; }
    /// <summary>The later statement that deducted this settled redemption's withdrawn share.</summary>
    public Guid? AdjustedInSettlementId { get; private set; }
    public string Cashier { get; private set; } = "";

    public static Redemption Reserve(Guid id, Guid offerId, Guid merchantId, Guid memberId, RedemptionChannel channel, string till, string? billRef,
        long billFen, long discountFen, long unionShareFen, AnomalyFlags flags, DateTimeOffset now, TimeSpan hold, string cashier) => new()
    {
        Id = id, OfferId = offerId, MerchantId = merchantId, MemberId = memberId, Channel = channel, Till = till, BillRef = billRef,
        BillFen = billFen, DiscountFen = discountFen, UnionShareFen = unionShareFen, Status = RedemptionStatus.Reserved, Flags = flags,
        ReservedAt = now, ReservedAtUnix = now.ToUnixTimeSeconds(), ExpiresAtUnix = (now + hold).ToUnixTimeSeconds(), Cashier = cashier,
    };

    /// <summary>What the member pays after the discount.</summary>
    public long PayFen => BillFen - DiscountFen;

    /// <summary>An untracked copy follows the conditional UPDATE that confirmed the stored row (the till's answer is built from it).</summary>
    internal void ConfirmedCopy(DateTimeOffset at, int day)
    {
        Status = RedemptionStatus.Confirmed; ConfirmedAt = at; ConfirmedDay = day; ConfirmedMonth = day / 100;
    }

    /// <summary>Demo and bench rows written in bulk: the statement that settled this redemption.</summary>
    internal void SettledIn(Guid settlementId) => SettlementId = settlementId;

    /// <summary>Demo and bench rows: a confirmed redemption written in bulk.</summary>
    internal static Redemption Confirmed(Guid id, Guid offerId, Guid merchantId, Guid memberId, RedemptionChannel channel, string till, long billFen,
        long discountFen, long unionShareFen, DateTimeOffset at, int day, AnomalyFlags flags = AnomalyFlags.None) => new()
    {
        Id = id, OfferId = offerId, MerchantId = merchantId, MemberId = memberId, Channel = channel, Till = till, BillFen = billFen,
        DiscountFen = discountFen, UnionShareFen = unionShareFen, Status = RedemptionStatus.Confirmed, Flags = flags, ReservedAt = at,
        ReservedAtUnix = at.ToUnixTimeSeconds(), ExpiresAtUnix = at.ToUnixTimeSeconds() + 600, ConfirmedAt = at, ConfirmedDay = day, ConfirmedMonth = day / 100,
        Cashier = "demo",
    };
}

/// <summary>
/// The redemptions the member-card figures count in a period (membercard.redemptions, .discount, .union-share, .members,
/// .assistance-sales): confirmed (released, expired and withdrawn ones are not) on a Beijing date in [from, to) (either end open when
/// null). One filter for the figures and for their list's drill-down, so the list counts what membercard.redemptions counts.
/// </summary>
internal static class CountedRedemptions
{
    /// <summary>A Beijing date as <see cref="Redemption.ConfirmedDay"/> stores it (yyyymmdd).</summary>
    public static int DayNumber(DateOnly d) => d.Year * 10000 + d.Month * 100 + d.Day;

    public static IQueryable<Redemption> ConfirmedBetween(this IQueryable<Redemption> query, DateOnly? from, DateOnly? to)
    {
        query = query.Where(r => r.Status == RedemptionStatus.Confirmed);
        if (from is { } f) { var day = DayNumber(f); query = query.Where(r => r.ConfirmedDay >= day); }
        if (to is { } t) { var day = DayNumber(t); query = query.Where(r => r.ConfirmedDay < day); }
        return query;
    }
}
