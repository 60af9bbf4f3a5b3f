using Gonghui.Modules.Reports.Rules;

namespace Gonghui.Tests.Reports;

public class ReportRulesTests
{
    [Theory]
    [InlineData(2020, null, null, "2020-01-01", "2021-01-01", "2020")]
    [InlineData(2020, 1, null, "2020-01-01", "2020-04-01", "2020Q1")]
    [InlineData(2020, 4, null, "2020-10-01", "2021-01-01", "2020Q4")]
    [InlineData(2020, null, 2, "2020-02-01", "2020-03-01", "2020-02")]
    [InlineData(2020, null, 12, "2020-12-01", "2021-01-01", "2020-12")]
    public void A_period_is_a_year_a_quarter_or_a_month(int year, int? quarter, int? month, string from, string to, string label)
    {
        var (p, errors) = ReportRules.ReadPeriod(year, quarter, month);
        Assert.Empty(errors);
        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to), label), (p!.From, p.To, p.Label));
        Assert.Equal(DateOnly.Parse(from).AddYears(-1), p.PreviousYear.From);
    }

    [Theory]
    [InlineData(null, null, null, "year", "year-required")]
    [InlineData(1999, null, null, "year", "year-range")]
    [InlineData(2101, null, null, "year", "year-range")]
    [InlineData(2020, 0, null, "quarter", "quarter-range")]
    [InlineData(2020, 5, null, "quarter", "quarter-range")]
    [InlineData(2020, null, 13, "month", "month-range")]
    [InlineData(2020, 1, 1, "month", "quarter-and-month")]
    public void A_bad_period_names_its_field(int? year, int? quarter, int? month, string field, string code)
    {
        var (p, errors) = ReportRules.ReadPeriod(year, quarter, month);
        Assert.Null(p);
        Assert.Contains((field, code), errors);
    }

    [Theory]
    [InlineData(125, 100L, 2_500L)]
    [InlineData(75, 100L, -2_500L)]
    [InlineData(100, 100L, 0L)]
    [InlineData(1, 3L, -6_667L)]
    [InlineData(5, null, null)]
    [InlineData(5, 0L, null)]
    public void The_change_is_in_basis_points_of_the_previous_year(long current, long? previous, long? expected) =>
        Assert.Equal(expected, ReportRules.ChangeBp(current, previous));

    [Fact]
    public void Ranking_shares_a_rank_between_equal_values_and_skips_after_them()
    {
        var ranked = ReportRules.Rank([("a", 5L), ("b", 9L), ("c", 5L), ("d", 1L)]);
        Assert.Equal([("b", 1), ("a", 2), ("c", 2), ("d", 4)], ranked.Select(r => (r.Item, r.Rank)));
    }

    [Theory]
    // 3.96亿元 = about 396,000,000 yuan to the million: 395,500,000 ≤ x < 396,500,000 (in fen here).
    [InlineData(39_550_000_000L, true)]
    [InlineData(39_649_999_999L, true)]
    [InlineData(39_650_000_000L, false)]
    [InlineData(39_549_999_999L, false)]
    public void About_means_the_published_value_is_the_computed_one_rounded(long computedFen, bool matches) =>
        Assert.Equal(matches, SeedFigure.About("hardship.warmth", 39_600_000_000L, 100_000_000L).Matches(computedFen));

    [Fact]
    public void Exact_and_over_and_scaled()
    {
        Assert.True(SeedFigure.Exact("jobs.employers", 1_760).Matches(1_760));
        Assert.False(SeedFigure.Exact("jobs.employers", 1_760).Matches(1_761));
        Assert.True(SeedFigure.Over("jobs.posts", 110_000).Matches(110_001));
        Assert.False(SeedFigure.Over("jobs.posts", 110_000).Matches(110_000));
        var scaled = SeedFigure.About("services.visits", 4_773_700, 100).Scaled(0.01);
        Assert.Equal((47_737L, 1L), (scaled.Value, scaled.Granularity));
        Assert.Equal(1, SeedFigure.Exact("loans.firms", 31).Scaled(0.01).Value);
    }
}
