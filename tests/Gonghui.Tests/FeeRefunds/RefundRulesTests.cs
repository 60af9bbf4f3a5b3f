using Gonghui.Modules.FeeRefunds.Rules;
using Gonghui.Modules.FeeRefunds;
using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Tests.FeeRefunds;

/// <summary>Union fee (2% of payroll) and the 2020–2021 small/micro refund policy as pure functions.</summary>
public class RefundRulesTests
{
    private static readonly RefundPolicyRules Policy = new(2020, 2021, [SizeClass.Small, SizeClass.Micro], 10_000);

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(-100L, 0L)]
    [InlineData(100L, 2L)]
    [InlineData(24L, 0L)]            // 0.48 fen rounds down
    [InlineData(25L, 1L)]            // 0.5 fen rounds half up
    [InlineData(1_000_000_00L, 20_000_00L)]
    [InlineData(395_000_00L, 7_900_00L)]
    public void The_fee_is_two_percent_of_payroll_rounded_to_the_fen(long payroll, long fee) => Assert.Equal(fee, RefundRules.FeeFor(payroll));

    [Theory]
    [InlineData(SizeClass.Small, 2020, 7_900_00L, true)]
    [InlineData(SizeClass.Micro, 2021, 1_234_56L, true)]
    [InlineData(SizeClass.Medium, 2020, 0L, false)]
    [InlineData(SizeClass.Large, 2021, 0L, false)]
    [InlineData(SizeClass.Small, 2019, 0L, false)]
    [InlineData(SizeClass.Micro, 2022, 0L, false)]
    public void Small_and_micro_firms_get_the_whole_fee_back_for_2020_and_2021(SizeClass size, int year, long expected, bool eligible)
    {
        var fee = expected > 0 ? expected : 5_000_00;
        var d = RefundRules.Compute(Policy, year, fee, null, size);
        Assert.Equal(eligible, d.Eligible);
        Assert.Equal(eligible ? fee : 0, d.AmountFen);
        Assert.Equal(eligible ? "refund.share" : year is 2020 or 2021 ? "refund.sizeNotEligible" : "refund.yearNotCovered", d.Lines[^1].Code);
    }

    [Fact]
    public void A_firm_that_changed_size_class_is_judged_by_the_class_of_the_fee_year_and_the_change_is_explained()
    {
        // Small when it paid the 2020 fee, medium in the registry now: 2020 refunded, with the change explained.
        var y2020 = RefundRules.Compute(Policy, 2020, 8_000_00, SizeClass.Small, SizeClass.Medium);
        Assert.True(y2020.Eligible);
        Assert.Equal(8_000_00, y2020.AmountFen);
        var changed = Assert.Single(y2020.Lines, l => l.Code == "refund.sizeChanged");
        Assert.Equal(SizeClass.Small, changed.Class);
        Assert.Equal(SizeClass.Medium, changed.OtherClass);
        // Grew to medium for 2021: not refunded, explained by size.
        var y2021 = RefundRules.Compute(Policy, 2021, 9_000_00, SizeClass.Medium, SizeClass.Medium);
        Assert.False(y2021.Eligible);
        Assert.Equal("refund.sizeNotEligible", y2021.Lines[^1].Code);
        Assert.DoesNotContain(y2021.Lines, l => l.Code == "refund.sizeChanged");
        // No record of the fee year's class: the registry decides.
        Assert.False(RefundRules.Compute(Policy, 2021, 9_000_00, null, SizeClass.Medium).Eligible);
        Assert.True(RefundRules.Compute(Policy, 2021, 9_000_00, null, SizeClass.Micro).Eligible);
    }

    [Fact]
    public void Fees_in_two_years_are_refunded_separately_and_a_partial_share_rounds_down()
    {
        var total = new[] { 2020, 2021 }.Sum(y => RefundRules.Compute(Policy, y, 7_900_00, null, SizeClass.Small).AmountFen);
        Assert.Equal(15_800_00, total);
        var half = Policy with { ShareBp = 5_000 };
        Assert.Equal(50, RefundRules.Compute(half, 2020, 101, null, SizeClass.Small).AmountFen);
        Assert.Equal("refund.noFee", RefundRules.Compute(Policy, 2020, 0, null, SizeClass.Small).Lines[^1].Code);
    }
}

/// <summary>The policy's cap and the checks of a policy as entered.</summary>
public class RefundPolicyRulesTests
{
    [Fact]
    public void A_cap_limits_the_refund_and_is_explained()
    {
        var capped = new RefundPolicyRules(2020, 2021, [SizeClass.Small], 5_000, 1_000_00);
        var d = RefundRules.Compute(capped, 2020, 5_000_00, null, SizeClass.Small);
        Assert.Equal(1_000_00, d.AmountFen);
        Assert.Equal("refund.cap", d.Lines[^1].Code);
        var under = RefundRules.Compute(capped, 2020, 1_000_00, null, SizeClass.Small);
        Assert.Equal(500_00, under.AmountFen);
        Assert.Equal("refund.share", under.Lines[^1].Code);
    }

    [Fact]
    public void A_valid_policy_has_no_problems() =>
        Assert.Empty(RefundPolicyRules.Check("政策", 2020, 2021, [SizeClass.Small, SizeClass.Micro], 10_000, null));

    [Theory]
    [InlineData(null, 2020, 2021, 10_000, null, "name")]
    [InlineData("p", 1999, 2021, 10_000, null, "fromYear")]
    [InlineData("p", 2020, 2101, 10_000, null, "toYear")]
    [InlineData("p", 2022, 2021, 10_000, null, "toYear")]
    [InlineData("p", 2020, 2030, 10_000, null, "toYear")]
    [InlineData("p", 2020, 2021, 0, null, "shareBp")]
    [InlineData("p", 2020, 2021, 10_001, null, "shareBp")]
    [InlineData("p", 2020, 2021, 10_000, 0L, "capFen")]
    [InlineData("p", 2020, 2021, 10_000, 1_000_000_000_001L, "capFen")]
    public void Each_bad_value_names_its_field(string? name, int from, int to, int share, long? cap, string field) =>
        Assert.Equal([field], RefundPolicyRules.Check(name, from, to, [SizeClass.Small], share, cap).Select(e => e.Field));

    [Fact]
    public void No_size_class_or_an_unknown_one_is_refused()
    {
        Assert.Equal(["classes"], RefundPolicyRules.Check("p", 2020, 2020, [], 100, null).Select(e => e.Field));
        Assert.Equal(["classes"], RefundPolicyRules.Check("p", 2020, 2020, [(SizeClass)99], 100, null).Select(e => e.Field));
    }

    [Theory]
    [InlineData("2020-2021-SMALL-MICRO", true)]
    [InlineData("A", true)]
    [InlineData("", false)]
    [InlineData("lower", false)]
    [InlineData("WITH SPACE", false)]
    public void Policy_codes_are_capitals_digits_and_dashes(string code, bool ok) => Assert.Equal(ok, RefundPolicyRules.IsValidCode(code));
}
