using Gonghui.Modules.Loans.Rules;
using Gonghui.Modules.Loans;
using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Tests.Loans;

/// <summary>Micro-loan checks, schedules that add up to the fen, early repayment and overdue tracking.</summary>
public class LoanRulesTests
{
    private static readonly DateOnly First = new(2020, 2, 15);

    [Theory]
    [InlineData(100_000_00L, 12, 0)]
    [InlineData(100_000_01L, 12, 0)]
    [InlineData(1L, 3, 0)]
    [InlineData(500_000_00L, 36, 0)]
    [InlineData(333_333_33L, 7, 0)]
    [InlineData(100_000_00L, 12, 435)]   // 4.35% a year
    [InlineData(273_548_29L, 36, 475)]
    [InlineData(99L, 12, 600)]
    [InlineData(8_480_000_00L / 31, 24, 385)]
    public void Schedules_add_up_to_the_principal_exactly(long principal, int months, int rateBp)
    {
        var s = LoanRules.Schedule(principal, months, rateBp, First);
        Assert.Equal(months, s.Count);
        Assert.Equal(principal, s.Sum(i => i.PrincipalFen));
        Assert.All(s, i => Assert.True(i.PrincipalFen >= 0 && i.InterestFen >= 0));
        Assert.Equal(Enumerable.Range(1, months), s.Select(i => i.No));
        Assert.Equal(First.AddMonths(months - 1), s[^1].DueOn);
        if (rateBp == 0) Assert.All(s, i => Assert.Equal(0, i.InterestFen));
    }

    [Fact]
    public void Interest_free_instalments_differ_by_at_most_one_fen_odd_fen_first()
    {
        var s = LoanRules.Schedule(100_000_01, 12, 0, First);
        // 10,000,001 fen / 12 = 833,333 remainder 5: the first five instalments carry one fen more.
        Assert.All(s.Take(5), i => Assert.Equal(833_334, i.PrincipalFen));
        Assert.All(s.Skip(5), i => Assert.Equal(833_333, i.PrincipalFen));
    }

    [Fact]
    public void Equal_instalments_with_interest_are_level_and_interest_falls()
    {
        // 100,000 yuan at 4.35% over 12 months: 8,530.99 yuan a month (standard annuity), total interest 2,371.88.
        var s = LoanRules.Schedule(100_000_00, 12, 435, First);
        Assert.All(s.Take(11), i => Assert.Equal(8_530_99, i.TotalFen));
        Assert.InRange(s[^1].TotalFen, 8_530_90, 8_531_10);
        Assert.Equal(362_50, s[0].InterestFen);
        Assert.True(s.Zip(s.Skip(1)).All(p => p.First.InterestFen >= p.Second.InterestFen));
        Assert.InRange(s.Sum(i => i.InterestFen), 2_371_00, 2_373_00);
    }

    // The terms of the two products the Loans migration seeds (rows in loans_products, not constants in the rules).
    private static readonly LoanProduct SmallFirm = new(500_000_00, 36, 0, ["设备购置", "经营周转", "技术改造", "场地租赁"], MinAmountFen: 10_000_00, MinMonths: 6);
    private static readonly LoanProduct WorkerEntrepreneur = new(200_000_00, 24, 0, ["设备购置", "经营周转", "场地租赁"], MinAmountFen: 5_000_00, MinMonths: 6);

    [Theory]
    [InlineData(LoanApplicant.SmallFirm, 500_000_00L, 36, "经营周转", "担保公司", null)]
    [InlineData(LoanApplicant.SmallFirm, 10_000_00L, 6, "经营周转", "担保公司", null)]
    [InlineData(LoanApplicant.SmallFirm, 9_999_99L, 6, "经营周转", "担保公司", "loan.underLimit")]
    [InlineData(LoanApplicant.SmallFirm, 500_000_01L, 36, "经营周转", "担保公司", "loan.overLimit")]
    [InlineData(LoanApplicant.SmallFirm, 0L, 36, "经营周转", "担保公司", "loan.amount")]
    [InlineData(LoanApplicant.SmallFirm, 20_000_00L, 37, "经营周转", "担保公司", "loan.term")]
    [InlineData(LoanApplicant.SmallFirm, 20_000_00L, 5, "经营周转", "担保公司", "loan.term")]
    [InlineData(LoanApplicant.SmallFirm, 20_000_00L, 0, "经营周转", "担保公司", "loan.term")]
    [InlineData(LoanApplicant.SmallFirm, 20_000_00L, 12, "炒股", "担保公司", "loan.purpose")]
    [InlineData(LoanApplicant.SmallFirm, 20_000_00L, 12, "设备购置", " ", "loan.guarantor")]
    [InlineData(LoanApplicant.WorkerEntrepreneur, 200_000_01L, 12, "设备购置", "张三", "loan.overLimit")]
    [InlineData(LoanApplicant.WorkerEntrepreneur, 4_999_99L, 12, "设备购置", "张三", "loan.underLimit")]
    [InlineData(LoanApplicant.WorkerEntrepreneur, 200_000_00L, 25, "设备购置", "张三", "loan.term")]
    [InlineData(LoanApplicant.WorkerEntrepreneur, 200_000_00L, 24, "技术改造", "张三", "loan.purpose")]
    public void Applications_are_checked_against_the_product(LoanApplicant kind, long amount, int months, string purpose, string guarantor, string? error)
    {
        var p = kind == LoanApplicant.SmallFirm ? SmallFirm : WorkerEntrepreneur;
        Assert.Equal(error, LoanRules.Check(p, amount, months, purpose, guarantor)?.Code);
    }

    [Theory]
    [InlineData("green-loan", "绿色创业贷", LoanApplicant.SmallFirm, 10_000_00L, 300_000_00L, 6, 24, 435, "设备购置", null)]
    [InlineData("worker_2", "职工贷", LoanApplicant.WorkerEntrepreneur, null, 1L, null, 1, 0, "经营周转", null)]
    [InlineData("", "名称", LoanApplicant.SmallFirm, 1L, 100L, 1, 12, 0, "设备购置", "code")]
    [InlineData("有中文", "名称", LoanApplicant.SmallFirm, 1L, 100L, 1, 12, 0, "设备购置", "code")]
    [InlineData("x", " ", LoanApplicant.SmallFirm, 1L, 100L, 1, 12, 0, "设备购置", "name")]
    [InlineData("x", "名称", null, 1L, 100L, 1, 12, 0, "设备购置", "applicantKind")]
    [InlineData("x", "名称", LoanApplicant.SmallFirm, 1L, 0L, 1, 12, 0, "设备购置", "maxAmountFen")]
    [InlineData("x", "名称", LoanApplicant.SmallFirm, 1L, null, 1, 12, 0, "设备购置", "maxAmountFen")]
    [InlineData("x", "名称", LoanApplicant.SmallFirm, 101L, 100L, 1, 12, 0, "设备购置", "minAmountFen")]
    [InlineData("x", "名称", LoanApplicant.SmallFirm, 0L, 100L, 1, 12, 0, "设备购置", "minAmountFen")]
    [InlineData("x", "名称", LoanApplicant.SmallFirm, 1L, 100L, 1, 121, 0, "设备购置", "maxMonths")]
    [InlineData("x", "名称", LoanApplicant.SmallFirm, 1L, 100L, 1, 0, 0, "设备购置", "maxMonths")]
    [InlineData("x", "名称", LoanApplicant.SmallFirm, 1L, 100L, 13, 12, 0, "设备购置", "minMonths")]
    [InlineData("x", "名称", LoanApplicant.SmallFirm, 1L, 100L, 1, 12, -1, "设备购置", "annualRateBp")]
    [InlineData("x", "名称", LoanApplicant.SmallFirm, 1L, 100L, 1, 12, 2401, "设备购置", "annualRateBp")]
    [InlineData("x", "名称", LoanApplicant.SmallFirm, 1L, 100L, 1, 12, 2400, "", "purposes")]
    [InlineData("x", "名称", LoanApplicant.SmallFirm, 1L, 100L, 1, 12, 2400, "a;b", "purposes")]
    public void New_products_are_checked_field_by_field(string code, string name, LoanApplicant? kind, long? min, long? max, int? minMonths, int? maxMonths, int? rate,
        string purposes, string? failedField)
    {
        var list = purposes.Length == 0 ? [] : purposes.Split('|').ToList();
        var errors = LoanRules.CheckProduct(code, name, kind, min, max, minMonths, maxMonths, rate, list);
        if (failedField is null) Assert.Empty(errors);
        else Assert.Equal(failedField, Assert.Single(errors).Field);
    }

    [Fact]
    public void Every_wrong_field_of_a_product_is_reported_at_once()
    {
        var errors = LoanRules.CheckProduct(null, null, null, null, null, null, null, -5, []);
        Assert.Equal(["code", "name", "applicantKind", "maxAmountFen", "maxMonths", "annualRateBp", "purposes"], errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.StartsWith("product.", e.Code));
    }

    [Fact]
    public void Overdue_applies_repayments_to_the_oldest_instalments_first()
    {
        var s = LoanRules.Schedule(120_000_00, 12, 0, First); // 10,000 a month from 2020-02-15
        Assert.Empty(LoanRules.Overdue(s, 0, new DateOnly(2020, 2, 15)));          // due today is not overdue
        var o = LoanRules.Overdue(s, 0, new DateOnly(2020, 4, 1));
        Assert.Equal([1, 2], o.Select(x => x.No));
        Assert.Equal(46, o[0].DaysOverdue);
        var partly = LoanRules.Overdue(s, 15_000_00, new DateOnly(2020, 4, 1));
        var one = Assert.Single(partly);
        Assert.Equal(2, one.No);
        Assert.Equal(5_000_00, one.OutstandingFen);
        Assert.Empty(LoanRules.Overdue(s, 20_000_00, new DateOnly(2020, 4, 1)));
    }

    [Fact]
    public void Early_repayment_owes_the_remaining_principal_and_only_interest_already_due()
    {
        var free = LoanRules.Schedule(120_000_00, 12, 0, First);
        Assert.Equal(120_000_00, LoanRules.EarlyPayoff(free, 0, new DateOnly(2020, 1, 20)));
        Assert.Equal(90_000_00, LoanRules.EarlyPayoff(free, 30_000_00, new DateOnly(2020, 5, 1)));
        Assert.Equal(0, LoanRules.EarlyPayoff(free, 120_000_00, new DateOnly(2020, 5, 1)));

        var paid = LoanRules.Schedule(100_000_00, 12, 435, First);
        // Before the first due date no interest is owed: the principal alone.
        Assert.Equal(100_000_00, LoanRules.EarlyPayoff(paid, 0, new DateOnly(2020, 1, 20)));
        // After two instalments were paid and the third is due today: remaining principal plus the third month's interest.
        var twoPaid = paid[0].TotalFen + paid[1].TotalFen;
        var remaining = paid.Skip(2).Sum(i => i.PrincipalFen);
        Assert.Equal(remaining + paid[2].InterestFen, LoanRules.EarlyPayoff(paid, twoPaid, paid[2].DueOn));
        Assert.Equal(remaining, LoanRules.EarlyPayoff(paid, twoPaid, paid[2].DueOn.AddDays(-1)));
    }

    public static TheoryData<long, int, int> ManySchedules()
    {
        var d = new TheoryData<long, int, int>();
        var rng = new Random(31);
        foreach (var rate in new[] { 0, 1, 100, 385, 435, 475, 600, 1200, 2400 })
            for (var k = 0; k < 12; k++)
                d.Add(rng.NextInt64(1, 500_000_01), rng.Next(1, 61), rate);
        d.Add(1, 1, 0); d.Add(1, 60, 0); d.Add(59, 60, 0); d.Add(61, 60, 0); d.Add(1, 36, 435); d.Add(500_000_00, 1, 435); d.Add(500_000_00, 60, 2400);
        return d;
    }

    [Theory]
    [MemberData(nameof(ManySchedules))]
    public void Every_schedule_sums_exactly_and_is_level(long principal, int months, int rateBp)
    {
        var s = LoanRules.Schedule(principal, months, rateBp, First);
        Assert.Equal(principal, s.Sum(i => i.PrincipalFen));
        Assert.All(s, i => Assert.True(i.PrincipalFen >= 0 && i.InterestFen >= 0));
        if (rateBp == 0)
        {
            Assert.True(s.Max(i => i.PrincipalFen) - s.Min(i => i.PrincipalFen) <= 1);
            Assert.True(s.Zip(s.Skip(1)).All(p => p.First.PrincipalFen >= p.Second.PrincipalFen), "the odd fen go first");
        }
        else if (principal >= 100_00 * months)
        {
            // Level payments: every instalment but the last is the same total; the last differs by rounding only.
            var level = s[0].TotalFen;
            Assert.All(s.Take(months - 1), i => Assert.Equal(level, i.TotalFen));
            Assert.InRange(s[^1].TotalFen - level, -4 * months, 4 * months);
        }
        // Interest on the outstanding balance, rounded half up to the fen.
        var balance = principal;
        foreach (var i in s)
        {
            Assert.Equal((long)Math.Round(balance * (rateBp / 120_000m), MidpointRounding.AwayFromZero), i.InterestFen);
            balance -= i.PrincipalFen;
        }
        Assert.Equal(0, balance);
    }

    [Fact]
    public void Due_dates_keep_the_disbursement_day_of_month()
    {
        var s = LoanRules.ScheduleFrom(120_000_00, 4, 0, new DateOnly(2020, 1, 31));
        Assert.Equal([new DateOnly(2020, 2, 29), new DateOnly(2020, 3, 31), new DateOnly(2020, 4, 30), new DateOnly(2020, 5, 31)], s.Select(i => i.DueOn));
        Assert.Equal(120_000_00, s.Sum(i => i.PrincipalFen));
    }

    [Theory]
    [InlineData(SizeClass.Small, null)]
    [InlineData(SizeClass.Micro, null)]
    [InlineData(SizeClass.Medium, "loan.firmSize")]
    [InlineData(SizeClass.Large, "loan.firmSize")]
    public void Only_small_and_micro_firms_borrow(SizeClass size, string? error) => Assert.Equal(error, LoanRules.CheckFirmSize(size));

    [Theory]
    [InlineData(9_999_99L, 12, "x", "loan.underLimit")]
    [InlineData(10_000_00L, 5, "x", "loan.term")]
    [InlineData(10_000_00L, 6, "", null)]
    [InlineData(10_000_00L, 6, "x", null)]
    public void Product_minimums_and_an_optional_guarantor(long amount, int months, string guarantor, string? error)
    {
        var p = new LoanProduct(100_000_00, 24, 0, ["经营周转"], MinAmountFen: 10_000_00, MinMonths: 6, GuarantorRequired: false);
        Assert.Equal(error, LoanRules.Check(p, amount, months, "经营周转", guarantor)?.Code);
        var strict = p with { GuarantorRequired = true };
        Assert.Equal(error ?? (guarantor == "" ? "loan.guarantor" : null), LoanRules.Check(strict, amount, months, "经营周转", guarantor)?.Code);
    }

    [Fact]
    public void A_partial_payment_before_anything_is_due_reduces_principal_not_interest()
    {
        var s = LoanRules.Schedule(100_000_00, 12, 435, First);
        // 100 yuan paid before the first due date: no interest is owed yet, so all of it is principal.
        Assert.Equal(100_000_00 - 100_00, LoanRules.EarlyPayoff(s, 100_00, new DateOnly(2020, 2, 1)));
        // On the first due date the first month's interest is owed and the 100 yuan pays it first.
        Assert.Equal(100_000_00 + s[0].InterestFen - 100_00, LoanRules.EarlyPayoff(s, 100_00, First));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(435)]
    [InlineData(1200)]
    public void Paying_instalments_then_the_payoff_repays_exactly_principal_plus_interest_due(int rateBp)
    {
        var s = LoanRules.Schedule(273_548_29, 24, rateBp, First);
        for (var k = 0; k <= 24; k++)
        {
            var paid = s.Take(k).Sum(i => i.TotalFen);
            var day = k == 0 ? First.AddDays(-1) : s[k - 1].DueOn.AddDays(1);
            var payoff = LoanRules.EarlyPayoff(s, paid, day);
            Assert.Equal(s.Skip(k).Sum(i => i.PrincipalFen), payoff);
            Assert.Equal(273_548_29 + s.Take(k).Sum(i => i.InterestFen), paid + payoff);
            Assert.Empty(LoanRules.Overdue(s, paid, day));
        }
    }

    [Fact]
    public void Overdue_as_of_a_date_counts_days_and_amounts()
    {
        var s = LoanRules.ScheduleFrom(36_000_00, 12, 0, new DateOnly(2020, 1, 10)); // 3,000 a month from 2020-02-10
        var st = LoanRules.Standing(s, 4_000_00, new DateOnly(2020, 4, 20));
        Assert.Equal([InstalmentState.Paid, InstalmentState.Overdue, InstalmentState.Overdue, InstalmentState.Open], st.Take(4).Select(x => x.State));
        Assert.Equal(2_000_00, st[1].OutstandingFen);
        Assert.Equal(41, st[1].DaysOverdue); // 10 March → 20 April: 21 + 20 days
        Assert.Equal(10, st[2].DaysOverdue);
        Assert.Equal(5_000_00, st.Where(x => x.State == InstalmentState.Overdue).Sum(x => x.OutstandingFen));
        Assert.Equal(InstalmentState.PartlyPaid, LoanRules.Standing(s, 4_000_00, new DateOnly(2020, 3, 10))[1].State); // due today is not overdue
        Assert.All(LoanRules.Standing(s, 36_000_00, new DateOnly(2030, 1, 1)), x => Assert.Equal(InstalmentState.Paid, x.State));
    }

    [Fact]
    public void Reminders_cover_instalments_due_within_the_window_and_overdue_ones()
    {
        var s = LoanRules.ScheduleFrom(36_000_00, 12, 0, new DateOnly(2020, 1, 10));
        // 7 March: the 10 March instalment is due in 3 days; nothing overdue (February's was paid).
        var r = LoanRules.RemindersDue(s, 3_000_00, new DateOnly(2020, 3, 7), 3);
        var one = Assert.Single(r);
        Assert.Equal((2, ReminderKind.DueSoon, 3_000_00L, 3), (one.No, one.Kind, one.AmountFen, one.Days));
        Assert.Empty(LoanRules.RemindersDue(s, 3_000_00, new DateOnly(2020, 3, 6), 3));   // 4 days ahead: not yet
        Assert.Empty(LoanRules.RemindersDue(s, 6_000_00, new DateOnly(2020, 3, 7), 3));   // already paid ahead
        // 12 March, half of March paid: March is overdue by 2 days for 1,500 yuan.
        var late = Assert.Single(LoanRules.RemindersDue(s, 4_500_00, new DateOnly(2020, 3, 12), 3));
        Assert.Equal((2, ReminderKind.Overdue, 1_500_00L, 2), (late.No, late.Kind, late.AmountFen, late.Days));
        // Due today is a due-soon reminder (0 days), and the window can be zero.
        Assert.Equal(ReminderKind.DueSoon, Assert.Single(LoanRules.RemindersDue(s, 3_000_00, new DateOnly(2020, 3, 10), 0)).Kind);
        // Months behind: one overdue reminder per instalment plus the one coming up.
        var behind = LoanRules.RemindersDue(s, 0, new DateOnly(2020, 5, 8), 3);
        Assert.Equal([(1, ReminderKind.Overdue), (2, ReminderKind.Overdue), (3, ReminderKind.Overdue), (4, ReminderKind.DueSoon)], behind.Select(x => (x.No, x.Kind)));
    }
}
