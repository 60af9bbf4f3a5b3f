namespace Gonghui.Modules.MemberCard.Rules;

/// <summary>Who sells under the member card: a shop (till), an online store, or a producer of an aided region (消费扶贫).</summary>
public enum MerchantKind { Shop = 0, OnlineStore = 1, AidedProducer = 2 }

/// <summary>The regions Beijing supports (对口支援/扶贫协作) whose producers sell through 消费扶贫 offers.</summary>
public enum OriginRegion { InnerMongolia = 0, Hebei = 1, Xinjiang = 2, Lhasa = 3, Qinghai = 4 }

/// <summary>Where a redemption happens.</summary>
public enum RedemptionChannel { Till = 0, Online = 1 }

/// <summary>Which channels an offer is good for.</summary>
[Flags]
public enum OfferChannels { None = 0, Till = 1, Online = 2, Both = Till | Online }

/// <summary>Groups an offer may be limited to. A member is in AllMembers when active; the other groups come from the
/// module's eligibility lists (送清凉 target lists: archived needy workers, needy workers, front-line workers, …).</summary>
[Flags]
public enum MemberGroups
{
    None = 0,
    AllMembers = 1,
    ArchivedNeedy = 2,
    Needy = 4,
    FrontLine = 8,
    ModelWorker = 16,
}

/// <summary>An offer as the engine reads it (Open Loyalty's shape: trigger → conditions → limits → effects).</summary>
/// <param name="UnionShareBp">The union's share of each discount in basis points (the rest is the merchant's own promotion); the union's share is what settlement pays the merchant.</param>
public sealed record OfferTerms(
    bool Active, DateOnly ValidFrom, DateOnly ValidTo, OfferChannels Channels,
    long ThresholdFen, long DiscountFen, int UnionShareBp,
    MemberGroups Groups, int? PerMemberPerDay, int? PerMemberPerMonth);

/// <summary>What is known at the till when a member asks for the offer.</summary>
public sealed record RedemptionFacts(
    DateOnly Today, RedemptionChannel Channel, bool MerchantUnderContract,
    bool MemberActive, MemberGroups MemberGroups, long BillFen,
    int UsedToday, int UsedThisMonth, long RemainingCount, long RemainingFen);

/// <summary>The engine's answer: allowed with the effects, or the first rule that refused (a stable code and the field it concerns).</summary>
public sealed record OfferDecision(bool Allowed, string? Code, string? Field, long DiscountFen, long UnionShareFen, long PayFen)
{
    public static OfferDecision No(string code, string? field = null) => new(false, code, field, 0, 0, 0);
}

/// <summary>The member-card offer engine: pure functions, no I/O. The budget and the per-member limits are checked here for
/// the answer's reason and enforced again in the database by conditional updates (the only check that holds under concurrency).</summary>
public static class OfferRules
{
    public const string Inactive = "offer.inactive", NotStarted = "offer.notStarted", Ended = "offer.ended", Channel = "offer.channel",
        NoContract = "merchant.noContract", MemberInactive = "member.inactive", NotEligible = "member.notEligible",
        UnderThreshold = "bill.underThreshold", DayLimit = "limit.day", MonthLimit = "limit.month",
        BudgetCount = "budget.count", BudgetFen = "budget.fen";

    /// <summary>Codes answered as bad input (400 naming the field) rather than as a refusal (409).</summary>
    public static bool IsBadInput(string code) => code == UnderThreshold;

    public static OfferDecision Evaluate(OfferTerms o, RedemptionFacts f)
    {
        // Trigger: an active offer of a merchant under contract, in its period, on this channel.
        if (!o.Active) return OfferDecision.No(Inactive, "offerId");
        if (!f.MerchantUnderContract) return OfferDecision.No(NoContract);
        if (f.Today < o.ValidFrom) return OfferDecision.No(NotStarted, "offerId");
        if (f.Today > o.ValidTo) return OfferDecision.No(Ended, "offerId");
        if (!o.Channels.HasFlag(f.Channel == RedemptionChannel.Till ? OfferChannels.Till : OfferChannels.Online)) return OfferDecision.No(Channel, "channel");
        // Conditions: an active member of an eligible group, a bill at the threshold.
        if (!f.MemberActive) return OfferDecision.No(MemberInactive, "pass");
        if (!IsEligible(o.Groups, f.MemberGroups)) return OfferDecision.No(NotEligible, "pass");
        if (f.BillFen < o.ThresholdFen) return OfferDecision.No(UnderThreshold, "billFen");
        // Limits: per member per day and month, then the offer's budget in count and in fen.
        if (o.PerMemberPerDay is { } d && f.UsedToday >= d) return OfferDecision.No(DayLimit);
        if (o.PerMemberPerMonth is { } m && f.UsedThisMonth >= m) return OfferDecision.No(MonthLimit);
        var discount = Discount(o, f.BillFen);
        if (f.RemainingCount < 1) return OfferDecision.No(BudgetCount);
        if (f.RemainingFen < discount) return OfferDecision.No(BudgetFen);
        // Effects: the discount, the union's share of it, what the member pays.
        var share = UnionShare(discount, o.UnionShareBp);
        return new OfferDecision(true, null, null, discount, share, f.BillFen - discount);
    }

    /// <summary>Yuan as the offer's name says them: 9900 → "99", 3350 → "33.5" (满99减50).</summary>
    public static string Yuan(long fen) => (fen / 100m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The discount of a bill: the offer's amount, never more than the bill.</summary>
    public static long Discount(OfferTerms o, long billFen) => Math.Min(o.DiscountFen, Math.Max(0, billFen));

    /// <summary>The union's share of a discount, rounded half up to the fen (never more than the discount).</summary>
    public static long UnionShare(long discountFen, int bp) => Math.Min(discountFen, (discountFen * bp + 5_000) / 10_000);

    /// <summary>AllMembers admits every active member; otherwise the member must be on one of the offer's lists.</summary>
    public static bool IsEligible(MemberGroups offer, MemberGroups member) =>
        offer.HasFlag(MemberGroups.AllMembers) || (offer & member & ~MemberGroups.AllMembers) != MemberGroups.None;

    /// <summary>Field errors of an offer's terms (field, code), empty when it may be saved.</summary>
    public static List<(string Field, string Code)> Validate(string? name, DateOnly from, DateOnly to, OfferChannels channels, long thresholdFen, long discountFen,
        int unionShareBp, MemberGroups groups, int? perDay, int? perMonth, long budgetCount, long budgetFen)
    {
        var e = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100) e.Add(("name", "offer.name"));
        if (to < from) e.Add(("validTo", "offer.period"));
        if (channels == OfferChannels.None || (channels & ~OfferChannels.Both) != 0) e.Add(("channels", "offer.channels"));
        if (thresholdFen is < 0 or > 100_000_000) e.Add(("thresholdFen", "offer.threshold"));
        if (discountFen <= 0 || discountFen > 10_000_000) e.Add(("discountFen", "offer.discount"));
        else if (thresholdFen > 0 && discountFen > thresholdFen) e.Add(("discountFen", "offer.discountOverThreshold"));
        if (unionShareBp is < 0 or > 10_000) e.Add(("unionSharePercent", "offer.unionShare"));
        if (groups == MemberGroups.None || (groups & ~(MemberGroups.AllMembers | MemberGroups.ArchivedNeedy | MemberGroups.Needy | MemberGroups.FrontLine | MemberGroups.ModelWorker)) != 0)
            e.Add(("groups", "offer.groups"));
        if (perDay is < 1 or > 100) e.Add(("perMemberPerDay", "offer.limit"));
        if (perMonth is < 1 or > 1000) e.Add(("perMemberPerMonth", "offer.limit"));
        if (perDay is { } d && perMonth is { } m && m < d) e.Add(("perMemberPerMonth", "offer.monthUnderDay"));
        if (budgetCount is < 1 or > 100_000_000) e.Add(("budgetCount", "offer.budgetCount"));
        if (budgetFen < 1 || budgetFen > 100_000_000_000) e.Add(("budgetFen", "offer.budgetFen"));
        else if (discountFen > 0 && budgetFen < discountFen) e.Add(("budgetFen", "offer.budgetUnderDiscount"));
        return e;
    }
}

/// <summary>Returns after a confirmed redemption: what the member keeps, and whether the discount is lost (and its budget restored).</summary>
public static class RefundRules
{
    public const string TooMuch = "refund.tooMuch", NotPositive = "refund.amount";

    /// <summary>The outcome of returning goods worth <paramref name="returnFen"/> more.</summary>
    /// <returns>The bill kept after the return, and true when the kept bill fell under the threshold (or to nothing): the
    /// discount no longer applies, so the member repays it from the refund, the union owes no share of it, and the offer's
    /// budget gets the count and the fen back.</returns>
    public static (long KeptFen, bool DiscountWithdrawn) Apply(long billFen, long returnedSoFarFen, long returnFen, long thresholdFen)
    {
        var kept = billFen - returnedSoFarFen - returnFen;
        return (kept, kept <= 0 || kept < thresholdFen);
    }

    /// <summary>The error of a return request (field returnFen), or null.</summary>
    public static string? Check(long billFen, long returnedSoFarFen, long returnFen) =>
        returnFen <= 0 ? NotPositive : returnFen > billFen - returnedSoFarFen ? TooMuch : null;
}

/// <summary>Anomaly flags on a redemption, for the staff's review (not a refusal: a real shopper can look like this).</summary>
[Flags]
public enum AnomalyFlags
{
    None = 0,
    /// <summary>One card used again and again at one till within minutes.</summary>
    RapidRepeat = 1,
    /// <summary>Bills just over the threshold at one merchant within a short time: a big bill split to take the discount twice.</summary>
    SplitBill = 2,
}

/// <summary>A member's earlier redemption as the anomaly rules read it.</summary>
public sealed record RecentRedemption(long AtUnix, Guid MerchantId, string Till, long BillFen);

public static class AnomalyRules
{
    /// <summary>This many uses (this one included) at one till within <see cref="RapidWindowSeconds"/> is a rapid repeat.</summary>
    public const int RapidCount = 3;
    public const long RapidWindowSeconds = 10 * 60;
    /// <summary>A bill is "just over" the threshold up to this many basis points above it (10%).</summary>
    public const int JustOverBp = 1_000;
    public const long SplitWindowSeconds = 30 * 60;

    public static bool JustOver(long billFen, long thresholdFen) =>
        thresholdFen > 0 && billFen >= thresholdFen && billFen * 10_000 <= thresholdFen * (10_000L + JustOverBp);

    public static AnomalyFlags Flags(RecentRedemption now, IEnumerable<RecentRedemption> earlier, long thresholdFen)
    {
        var flags = AnomalyFlags.None;
        var list = earlier.Where(e => e.AtUnix <= now.AtUnix).ToList();
        if (list.Count(e => e.Till == now.Till && e.MerchantId == now.MerchantId && now.AtUnix - e.AtUnix <= RapidWindowSeconds) + 1 >= RapidCount)
            flags |= AnomalyFlags.RapidRepeat;
        if (JustOver(now.BillFen, thresholdFen) && list.Any(e => e.MerchantId == now.MerchantId && now.AtUnix - e.AtUnix <= SplitWindowSeconds && JustOver(e.BillFen, thresholdFen)))
            flags |= AnomalyFlags.SplitBill;
        return flags;
    }
}
