using Gonghui.Modules.Loans;

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

    [Theory]
    [InlineData(LoanApplicant.SmallFirm, 500_000_00L, 36, "经营周转", "担保公司", null)]
    [InlineData(LoanApplicant.SmallFirm, 500_000_01L, 36, "经营周转", "担保公司", "loan.overLimit")]
    [InlineData(LoanApplicant.SmallFirm, 0L, 36, "经营周转", "担保公司", "loan.amount")]
    [InlineData(LoanApplicant.SmallFirm, 100_00L, 37, "经营周转", "担保公司", "loan.term")]
    [InlineData(LoanApplicant.SmallFirm, 100_00L, 0, "经营周转", "担保公司", "loan.term")]
    [InlineData(LoanApplicant.SmallFirm, 100_00L, 12, "炒股", "担保公司", "loan.purpose")]
    [InlineData(LoanApplicant.SmallFirm, 100_00L, 12, "设备购置", " ", "loan.guarantor")]
    [InlineData(LoanApplicant.WorkerEntrepreneur, 200_000_01L, 12, "设备购置", "张三", "loan.overLimit")]
    [InlineData(LoanApplicant.WorkerEntrepreneur, 200_000_00L, 25, "设备购置", "张三", "loan.term")]
    [InlineData(LoanApplicant.WorkerEntrepreneur, 200_000_00L, 24, "技术改造", "张三", "loan.purpose")]
    public void Applications_are_checked_against_the_product(LoanApplicant kind, long amount, int months, string purpose, string guarantor, string? error)
    {
        var p = kind == LoanApplicant.SmallFirm ? LoanRules.SmallFirm : LoanRules.WorkerEntrepreneur;
        Assert.Equal(error, LoanRules.Check(p, amount, months, purpose, guarantor)?.Code);
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
}
