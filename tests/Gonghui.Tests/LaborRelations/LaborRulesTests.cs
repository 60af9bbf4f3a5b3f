using Gonghui.Modules.LaborRelations.Risk;
using Gonghui.Modules.LaborRelations.Rules;

namespace Gonghui.Tests.LaborRelations;

/// <summary>The pure rules: Art. 41 layoffs, the risk model, the alert workflow, the report periods.</summary>
public class LaborRulesTests
{
    private static readonly DateOnly Effective = new(2020, 7, 31);

    [Theory]
    [InlineData(1000, 20, true)]   // 20 or more, whatever the share
    [InlineData(5000, 19, false)]  // fewer than 20 and under 10 %
    [InlineData(190, 19, true)]    // exactly 10 %
    [InlineData(191, 19, false)]   // just under 10 %
    [InlineData(50, 5, true)]
    [InlineData(50, 4, false)]
    [InlineData(10, 1, true)]
    public void A_mass_layoff_is_20_or_more_or_at_least_ten_percent(int workforce, int laidOff, bool mass)
    {
        var a = LayoffRule.Assess(new LayoffFacts(workforce, laidOff, Effective, Effective.AddDays(-40)));
        Assert.Equal(mass, a.MassLayoff);
        Assert.Equal((int)(10_000L * laidOff / workforce), a.ShareBp);
    }

    [Fact]
    public void The_union_must_be_told_30_days_ahead()
    {
        // effective 31 July 2020: told on 1 July is 30 days ahead (in time), on 2 July one day late, never is late
        Assert.Equal(new DateOnly(2020, 7, 1), LayoffRule.Assess(new(100, 30, Effective, null)).NoticeDueBy);
        Assert.False(LayoffRule.Assess(new(100, 30, Effective, new DateOnly(2020, 7, 1))).NoticeLate);
        Assert.True(LayoffRule.Assess(new(100, 30, Effective, new DateOnly(2020, 7, 2))).NoticeLate);
        Assert.True(LayoffRule.Assess(new(100, 30, Effective, null)).NoticeLate);
        // below the thresholds there is no notice duty
        var small = LayoffRule.Assess(new(1000, 5, Effective, null));
        Assert.Equal((false, (DateOnly?)null), (small.NoticeLate, small.NoticeDueBy));
        Assert.Equal(1, LayoffRule.SignalUnits(small));
        Assert.Equal(2, LayoffRule.SignalUnits(LayoffRule.Assess(new(100, 30, Effective, new DateOnly(2020, 6, 1)))));
        Assert.Equal(3, LayoffRule.SignalUnits(LayoffRule.Assess(new(100, 30, Effective, null))));
    }

    [Fact]
    public void A_layoff_report_is_checked_field_by_field()
    {
        Assert.Contains(("laidOff", "layoff.aboveWorkforce"), LayoffRule.Validate(10, 11, Effective, null));
        Assert.Contains(("workforce", "required"), LayoffRule.Validate(null, 3, Effective, null));
        Assert.Contains(("laidOff", "out-of-range"), LayoffRule.Validate(10, 0, Effective, null));
        Assert.Contains(("effectiveOn", "required"), LayoffRule.Validate(10, 3, null, null));
        Assert.Empty(LayoffRule.Validate(10, 10, Effective, Effective.AddDays(-30)));
        Assert.Throws<ArgumentException>(() => LayoffRule.Assess(new(10, 11, Effective, null)));
    }

    [Fact]
    public void The_shipped_model_is_complete_and_explains_each_term()
    {
        var m = RiskModel.Default;
        Assert.Equal(Enum.GetValues<SignalKind>().Length, m.Weights.Count);
        var asOf = new DateOnly(2020, 12, 31);
        // 8 wage-arrears requests (cap 6 × 5), 2 collective incidents (2 × 25), 1 opinion item outside its 30-day window
        var signals = Enumerable.Range(0, 8).Select(i => (SignalKind.HotlineWageArrears, asOf.AddDays(-i), 1))
            .Concat([(SignalKind.CollectiveIncident, asOf.AddDays(-10), 1), (SignalKind.CollectiveIncident, asOf.AddDays(-179), 1), (SignalKind.Opinion, asOf.AddDays(-30), 1)]);
        var x = m.Explain(asOf, signals);
        var wage = x.Terms.Single(t => t.Kind == SignalKind.HotlineWageArrears);
        Assert.Equal((8, 6, 30), (wage.Units, wage.Counted, wage.Points));
        var incidents = x.Terms.Single(t => t.Kind == SignalKind.CollectiveIncident);
        Assert.Equal((2, 50, asOf.AddDays(-179)), (incidents.Units, incidents.Points, incidents.WindowFrom)); // the window's first day counts
        Assert.Equal(0, x.Terms.Single(t => t.Kind == SignalKind.Opinion).Units); // 31 days back: outside
        Assert.Equal(80, x.Score);
        Assert.Equal(x.Terms.Sum(t => t.Points), x.Score);
        Assert.Equal(RiskLevel.Red, x.Level);
        // a signal after the day scored does not count
        Assert.Equal(0, m.Explain(asOf, new[] { (SignalKind.LegalCase, asOf.AddDays(1), 1) }).Score);
    }

    [Theory]
    [InlineData(0, RiskLevel.Green)]
    [InlineData(14, RiskLevel.Green)]
    [InlineData(15, RiskLevel.Yellow)]
    [InlineData(30, RiskLevel.Orange)]
    [InlineData(49, RiskLevel.Orange)]
    [InlineData(50, RiskLevel.Red)]
    public void Levels_follow_the_thresholds(int score, RiskLevel level) => Assert.Equal(level, RiskModel.Default.LevelOf(score));

    [Fact]
    public void A_bad_model_is_refused()
    {
        var m = RiskModel.Default;
        Assert.Throws<InvalidDataException>(() => (m with { Orange = m.Yellow }).Check());
        Assert.Throws<InvalidDataException>(() => (m with { Weights = m.Weights.Skip(1).ToList() }).Check());
    }

    [Fact]
    public void The_score_statement_has_one_window_and_weight_per_kind()
    {
        var sql = RiskEngine.ScoreSql(RiskModel.Default);
        foreach (var w in RiskModel.Default.Weights)
            Assert.Contains($"WHEN {(int)w.Kind} THEN {w.Weight} * (CASE WHEN SUM(units) > {w.Cap} THEN {w.Cap}", sql);
        Assert.Contains("(kind = 6 AND occurred_on >= {7})", sql);
        Assert.DoesNotContain("{{", sql);
    }

    [Fact]
    public void An_alert_is_verified_then_acted_on_then_closed()
    {
        Assert.True(AlertWorkflow.Can(AlertState.Raised, AlertAction.Verify));
        Assert.False(AlertWorkflow.Can(AlertState.Raised, AlertAction.Close));
        Assert.False(AlertWorkflow.Can(AlertState.Raised, AlertAction.Act));
        Assert.True(AlertWorkflow.Can(AlertState.Verified, AlertAction.Close)); // a false alarm closes at once
        Assert.True(AlertWorkflow.Can(AlertState.Acting, AlertAction.Close));
        Assert.False(AlertWorkflow.Can(AlertState.Closed, AlertAction.Escalate));
        Assert.True(AlertWorkflow.Can(AlertState.Acting, AlertAction.Escalate, 0));
        Assert.False(AlertWorkflow.Can(AlertState.Acting, AlertAction.Escalate, 1));
        Assert.Equal("alert.resultRequired", AlertWorkflow.WhyNotClose(AlertState.Acting, null, "x"));
        Assert.Equal("alert.noteRequired", AlertWorkflow.WhyNotClose(AlertState.Acting, AlertClosure.Resolved, " "));
        Assert.Equal("alert.falseAlarmAfterAction", AlertWorkflow.WhyNotClose(AlertState.Acting, AlertClosure.FalseAlarm, "x"));
        Assert.Null(AlertWorkflow.WhyNotClose(AlertState.Verified, AlertClosure.FalseAlarm, "x"));
        var by = new DateOnly(2020, 3, 5);
        Assert.False(AlertWorkflow.Overdue(AlertState.Raised, by, by, 0));
        Assert.True(AlertWorkflow.Overdue(AlertState.Raised, by, by.AddDays(1), 0));
        Assert.False(AlertWorkflow.Overdue(AlertState.Verified, by, by.AddDays(1), 0));
        Assert.False(AlertWorkflow.Overdue(AlertState.Raised, by, by.AddDays(1), 1));
    }

    [Fact]
    public void Report_periods_are_the_day_the_week_from_Monday_the_quarter_and_the_year()
    {
        var d = new DateOnly(2020, 8, 13); // a Thursday
        Assert.Equal((d, d.AddDays(1), 1), ReportPeriod.Of(PeriodKind.Daily, d) is var p0 ? (p0.From, p0.To, p0.Buckets().Count) : default);
        var w = ReportPeriod.Of(PeriodKind.Weekly, d);
        Assert.Equal((new DateOnly(2020, 8, 10), new DateOnly(2020, 8, 17), new DateOnly(2020, 8, 3), 7), (w.From, w.To, w.PreviousFrom, w.Buckets().Count));
        Assert.Equal(w.From, ReportPeriod.Of(PeriodKind.Weekly, new DateOnly(2020, 8, 16)).From); // Sunday belongs to the week before it
        var q = ReportPeriod.Of(PeriodKind.Quarterly, d);
        Assert.Equal((new DateOnly(2020, 7, 1), new DateOnly(2020, 10, 1), "2020Q3"), (q.From, q.To, q.Label));
        Assert.Equal(q.From, q.Buckets()[0]);
        var y = ReportPeriod.Of(PeriodKind.Annual, d);
        Assert.Equal((new DateOnly(2020, 1, 1), new DateOnly(2021, 1, 1), 12), (y.From, y.To, y.Buckets().Count));
    }

    [Fact]
    public void Opinion_fields_are_read_in_Chinese_or_English()
    {
        Assert.Equal("wage-arrears", OpinionRules.Category("欠薪"));
        Assert.Equal("layoff", OpinionRules.Category("LAYOFF"));
        Assert.Null(OpinionRules.Category("天气"));
        Assert.Equal("Negative", OpinionRules.Sentiment("负面"));
        Assert.Null(OpinionRules.Sentiment("很差"));
        Assert.Equal(new DateTime(2020, 6, 1, 9, 30, 0), OpinionRules.LocalTime("2020-06-01 09:30"));
        Assert.Null(OpinionRules.LocalTime("6月1日"));
        Assert.Equal((false, true, (bool?)null), (OpinionRules.YesNo(null)!.Value, OpinionRules.YesNo("是")!.Value, OpinionRules.YesNo("也许")));
    }
}
