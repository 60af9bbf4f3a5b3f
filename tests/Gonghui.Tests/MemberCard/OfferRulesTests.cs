using Gonghui.Modules.MemberCard.Rules;

namespace Gonghui.Tests.MemberCard;

/// <summary>The offer engine: trigger → conditions → limits → effects, each refusal named; refunds and anomaly flags.</summary>
public sealed class OfferRulesTests
{
    private static readonly DateOnly Today = new(2020, 7, 15);

    private static OfferTerms Terms(long threshold = 99_00, long discount = 50_00, int shareBp = 6_000, MemberGroups groups = MemberGroups.AllMembers,
        int? perDay = 1, int? perMonth = 4, OfferChannels channels = OfferChannels.Both, bool active = true) =>
        new(active, new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31), channels, threshold, discount, shareBp, groups, perDay, perMonth);

    private static RedemptionFacts Facts(long bill = 120_00, RedemptionChannel channel = RedemptionChannel.Till, bool contract = true, bool active = true,
        MemberGroups groups = MemberGroups.AllMembers, int today = 0, int month = 0, long count = 100, long fen = 10_000_00, DateOnly? on = null) =>
        new(on ?? Today, channel, contract, active, groups, bill, today, month, count, fen);

    [Fact]
    public void Spend_99_get_50_off_with_the_union_bearing_60_percent()
    {
        var d = OfferRules.Evaluate(Terms(), Facts(bill: 99_00));
        Assert.True(d.Allowed);
        Assert.Equal(50_00, d.DiscountFen);
        Assert.Equal(30_00, d.UnionShareFen);
        Assert.Equal(49_00, d.PayFen);
    }

    [Theory]
    [InlineData(98_99, false)]
    [InlineData(99_00, true)]
    [InlineData(99_01, true)]
    [InlineData(0, false)]
    public void The_threshold_is_inclusive_and_a_bill_under_it_is_bad_input(long bill, bool allowed)
    {
        var d = OfferRules.Evaluate(Terms(), Facts(bill: bill));
        Assert.Equal(allowed, d.Allowed);
        if (!allowed)
        {
            Assert.Equal(OfferRules.UnderThreshold, d.Code);
            Assert.Equal("billFen", d.Field);
            Assert.True(OfferRules.IsBadInput(d.Code!));
        }
    }

    [Fact]
    public void Trigger_refusals_come_first_in_their_order()
    {
        Assert.Equal(OfferRules.Inactive, OfferRules.Evaluate(Terms(active: false), Facts(bill: 1, contract: false)).Code);
        Assert.Equal(OfferRules.NoContract, OfferRules.Evaluate(Terms(), Facts(bill: 1, contract: false)).Code);
        Assert.Equal(OfferRules.NotStarted, OfferRules.Evaluate(Terms(), Facts(on: new DateOnly(2019, 12, 31))).Code);
        Assert.Equal(OfferRules.Ended, OfferRules.Evaluate(Terms(), Facts(on: new DateOnly(2021, 1, 1))).Code);
        Assert.True(OfferRules.Evaluate(Terms(), Facts(on: new DateOnly(2020, 12, 31))).Allowed);
        Assert.True(OfferRules.Evaluate(Terms(), Facts(on: new DateOnly(2020, 1, 1))).Allowed);
        Assert.Equal(OfferRules.Channel, OfferRules.Evaluate(Terms(channels: OfferChannels.Online), Facts()).Code);
        Assert.Equal(OfferRules.Channel, OfferRules.Evaluate(Terms(channels: OfferChannels.Till), Facts(channel: RedemptionChannel.Online)).Code);
        Assert.True(OfferRules.Evaluate(Terms(channels: OfferChannels.Online), Facts(channel: RedemptionChannel.Online)).Allowed);
    }

    [Fact]
    public void Conditions_member_active_and_in_an_eligible_group()
    {
        Assert.Equal(OfferRules.MemberInactive, OfferRules.Evaluate(Terms(), Facts(active: false)).Code);
        var frontLine = Terms(groups: MemberGroups.FrontLine | MemberGroups.Needy);
        Assert.Equal(OfferRules.NotEligible, OfferRules.Evaluate(frontLine, Facts(groups: MemberGroups.AllMembers)).Code);
        Assert.True(OfferRules.Evaluate(frontLine, Facts(groups: MemberGroups.AllMembers | MemberGroups.FrontLine)).Allowed);
        Assert.True(OfferRules.Evaluate(frontLine, Facts(groups: MemberGroups.AllMembers | MemberGroups.Needy)).Allowed);
        Assert.Equal(OfferRules.NotEligible, OfferRules.Evaluate(frontLine, Facts(groups: MemberGroups.AllMembers | MemberGroups.ArchivedNeedy)).Code);
    }

    [Fact]
    public void Limits_per_member_per_day_and_month_then_budget_count_then_budget_fen()
    {
        Assert.Equal(OfferRules.DayLimit, OfferRules.Evaluate(Terms(perDay: 1), Facts(today: 1, month: 1)).Code);
        Assert.True(OfferRules.Evaluate(Terms(perDay: 2), Facts(today: 1, month: 1)).Allowed);
        Assert.Equal(OfferRules.MonthLimit, OfferRules.Evaluate(Terms(perDay: 2, perMonth: 4), Facts(today: 0, month: 4)).Code);
        Assert.True(OfferRules.Evaluate(Terms(perDay: null, perMonth: null), Facts(today: 50, month: 500)).Allowed);
        Assert.Equal(OfferRules.BudgetCount, OfferRules.Evaluate(Terms(), Facts(count: 0)).Code);
        Assert.Equal(OfferRules.BudgetFen, OfferRules.Evaluate(Terms(), Facts(count: 5, fen: 49_99)).Code);
        Assert.True(OfferRules.Evaluate(Terms(), Facts(count: 1, fen: 50_00)).Allowed);
    }

    [Theory]
    [InlineData(50_00, 10_000, 50_00)]
    [InlineData(50_00, 6_000, 30_00)]
    [InlineData(50_00, 0, 0)]
    [InlineData(33_33, 5_000, 16_67)] // half up
    [InlineData(1, 5_000, 1)]
    [InlineData(1, 4_999, 0)]
    public void The_union_share_rounds_half_up_to_the_fen(long discount, int bp, long share) =>
        Assert.Equal(share, OfferRules.UnionShare(discount, bp));

    [Fact]
    public void A_discount_is_never_more_than_the_bill()
    {
        var d = OfferRules.Evaluate(Terms(threshold: 0, discount: 50_00), Facts(bill: 20_00));
        Assert.True(d.Allowed);
        Assert.Equal(20_00, d.DiscountFen);
        Assert.Equal(0, d.PayFen);
    }

    [Fact]
    public void Offer_terms_are_validated_field_by_field()
    {
        var ok = OfferRules.Validate("满99减50", new(2020, 1, 1), new(2020, 12, 31), OfferChannels.Both, 99_00, 50_00, 6_000, MemberGroups.AllMembers, 1, 4, 100, 5_000_00);
        Assert.Empty(ok);
        var bad = OfferRules.Validate("", new(2020, 2, 1), new(2020, 1, 1), OfferChannels.None, -1, 0, 10_001, MemberGroups.None, 0, 0, 0, 0);
        Assert.Equal(["name", "validTo", "channels", "thresholdFen", "discountFen", "unionSharePercent", "groups", "perMemberPerDay", "perMemberPerMonth", "budgetCount", "budgetFen"],
            bad.Select(e => e.Field).ToArray());
        Assert.Contains(("discountFen", "offer.discountOverThreshold"), OfferRules.Validate("x", new(2020, 1, 1), new(2020, 1, 1), OfferChannels.Till, 40_00, 50_00, 0, MemberGroups.AllMembers, null, null, 1, 100_00));
        Assert.Contains(("perMemberPerMonth", "offer.monthUnderDay"), OfferRules.Validate("x", new(2020, 1, 1), new(2020, 1, 1), OfferChannels.Till, 99_00, 50_00, 0, MemberGroups.AllMembers, 3, 2, 1, 100_00));
        Assert.Contains(("budgetFen", "offer.budgetUnderDiscount"), OfferRules.Validate("x", new(2020, 1, 1), new(2020, 1, 1), OfferChannels.Till, 99_00, 50_00, 0, MemberGroups.AllMembers, null, null, 1, 49_99));
    }

    [Theory]
    [InlineData(150_00, 0, 50_00, 100_00, false)]  // keeps 100 ≥ 99: discount stands
    [InlineData(150_00, 0, 51_01, 98_99, true)]    // keeps 98.99 < 99: withdrawn
    [InlineData(150_00, 50_00, 1_01, 98_99, true)] // a second return crosses the threshold
    [InlineData(120_00, 0, 120_00, 0, true)]       // full refund
    public void Returns_withdraw_the_discount_when_the_kept_bill_falls_under_the_threshold(long bill, long before, long now, long kept, bool withdrawn)
    {
        Assert.Null(RefundRules.Check(bill, before, now));
        Assert.Equal((kept, withdrawn), RefundRules.Apply(bill, before, now, 99_00));
    }

    [Fact]
    public void A_return_of_nothing_or_more_than_is_left_is_refused()
    {
        Assert.Equal(RefundRules.NotPositive, RefundRules.Check(150_00, 0, 0));
        Assert.Equal(RefundRules.NotPositive, RefundRules.Check(150_00, 0, -1));
        Assert.Equal(RefundRules.TooMuch, RefundRules.Check(150_00, 100_00, 50_01));
        Assert.Null(RefundRules.Check(150_00, 100_00, 50_00));
    }

    [Fact]
    public void Three_uses_at_one_till_within_ten_minutes_is_a_rapid_repeat()
    {
        var m = Guid.NewGuid();
        var t0 = 1_600_000_000L;
        var now = new RecentRedemption(t0 + 500, m, "T1", 200_00);
        Assert.Equal(AnomalyFlags.None, AnomalyRules.Flags(now, [new(t0, m, "T1", 200_00)], 99_00));
        Assert.Equal(AnomalyFlags.RapidRepeat, AnomalyRules.Flags(now, [new(t0, m, "T1", 200_00), new(t0 + 100, m, "T1", 200_00)], 99_00));
        // Another till, or outside the window, does not count.
        Assert.Equal(AnomalyFlags.None, AnomalyRules.Flags(now, [new(t0, m, "T2", 200_00), new(t0 + 100, m, "T1", 200_00)], 99_00));
        Assert.Equal(AnomalyFlags.None, AnomalyRules.Flags(now, [new(t0 - 200, m, "T1", 200_00), new(t0 + 100, m, "T1", 200_00)], 99_00));
    }

    [Fact]
    public void Two_bills_just_over_99_at_one_merchant_within_half_an_hour_look_like_a_split_bill()
    {
        var m = Guid.NewGuid();
        var t0 = 1_600_000_000L;
        Assert.True(AnomalyRules.JustOver(99_00, 99_00));
        Assert.True(AnomalyRules.JustOver(108_90, 99_00));
        Assert.False(AnomalyRules.JustOver(108_91, 99_00));
        Assert.False(AnomalyRules.JustOver(98_99, 99_00));
        Assert.Equal(AnomalyFlags.SplitBill, AnomalyRules.Flags(new(t0 + 1_200, m, "T2", 99_50), [new(t0, m, "T1", 100_00)], 99_00));
        Assert.Equal(AnomalyFlags.None, AnomalyRules.Flags(new(t0 + 1_900, m, "T2", 99_50), [new(t0, m, "T1", 100_00)], 99_00));
        Assert.Equal(AnomalyFlags.None, AnomalyRules.Flags(new(t0 + 1_200, m, "T2", 150_00), [new(t0, m, "T1", 100_00)], 99_00));
        Assert.Equal(AnomalyFlags.None, AnomalyRules.Flags(new(t0 + 1_200, Guid.NewGuid(), "T2", 99_50), [new(t0, m, "T1", 100_00)], 99_00));
    }
}
