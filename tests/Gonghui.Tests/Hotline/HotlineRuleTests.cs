using Gonghui.Modules.Hotline.Rules;

namespace Gonghui.Tests.Hotline;

/// <summary>The state machine (every legal and illegal transition), dispatch, the three rates and clustering.</summary>
public sealed class HotlineRuleTests
{
    // Written out independently of the production table: the transitions the issue describes.
    private static readonly string[] Legal =
    [
        "Received:Dispatch>Dispatched", "Received:Resolve>Resolved",
        "Dispatched:Accept>Accepted", "Dispatched:Return>Returned", "Dispatched:Escalate>Escalated",
        "Returned:Dispatch>Dispatched",
        "Accepted:Contact>Contacted", "Accepted:Escalate>Escalated", "Accepted:Extend>Accepted", "Accepted:Pause>Accepted", "Accepted:Resume>Accepted",
        "Contacted:Resolve>Resolved", "Contacted:Escalate>Escalated", "Contacted:Extend>Contacted", "Contacted:Pause>Contacted", "Contacted:Resume>Contacted",
        "Escalated:Accept>Accepted", "Escalated:Contact>Contacted", "Escalated:Resolve>Resolved", "Escalated:Dispatch>Dispatched", "Escalated:Extend>Escalated",
        "Resolved:Visit>VisitedBack", "Resolved:Reopen>Reopened",
        "VisitedBack:Close>Closed", "VisitedBack:Reopen>Reopened",
        "Reopened:Dispatch>Dispatched", "Reopened:Accept>Accepted", "Reopened:Contact>Contacted", "Reopened:Resolve>Resolved", "Reopened:Escalate>Escalated", "Reopened:Extend>Reopened",
        // progress updates keep the state; merging closes the duplicate from any open state
        "Accepted:Progress>Accepted", "Contacted:Progress>Contacted", "Escalated:Progress>Escalated", "Reopened:Progress>Reopened",
        "Received:Merge>Closed", "Returned:Merge>Closed", "Dispatched:Merge>Closed", "Accepted:Merge>Closed", "Contacted:Merge>Closed", "Escalated:Merge>Closed", "Reopened:Merge>Closed",
    ];

    public static TheoryData<RequestState, RequestAction> AllPairs()
    {
        var d = new TheoryData<RequestState, RequestAction>();
        foreach (var s in Enum.GetValues<RequestState>())
            foreach (var a in Enum.GetValues<RequestAction>()) d.Add(s, a);
        return d;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Every_transition_is_legal_or_refused_as_the_table_says(RequestState state, RequestAction action)
    {
        var expected = Legal.FirstOrDefault(l => l.StartsWith($"{state}:{action}>", StringComparison.Ordinal));
        var ok = RequestStateMachine.TryApply(state, action, out var next);
        Assert.Equal(expected is not null, ok);
        if (expected is not null) Assert.Equal(expected.Split('>')[1], next.ToString());
    }

    [Fact]
    public void Closed_is_terminal_and_the_table_has_exactly_the_listed_transitions()
    {
        Assert.Empty(RequestStateMachine.AllowedFrom(RequestState.Closed));
        Assert.Equal(Legal.Length, RequestStateMachine.Table.Count);
    }

    [Fact]
    public void The_happy_path_runs_from_received_to_closed()
    {
        var s = RequestState.Received;
        foreach (var a in new[] { RequestAction.Dispatch, RequestAction.Accept, RequestAction.Contact, RequestAction.Resolve, RequestAction.Visit, RequestAction.Close })
            Assert.True(RequestStateMachine.TryApply(s, a, out s));
        Assert.Equal(RequestState.Closed, s);
    }

    private static readonly Guid Counselling = Guid.NewGuid(), Federation = Guid.NewGuid(), District = Guid.NewGuid(), Grassroots = Guid.NewGuid();

    [Fact]
    public void Psychological_help_goes_to_the_counselling_team()
    {
        var s = DispatchRules.Suggest(new("psych-help", Grassroots, District), Counselling, Federation);
        Assert.Equal(Counselling, s.LeadUnitId);
        Assert.Empty(s.CoUnitIds);
    }

    [Fact]
    public void Psychological_help_without_a_counselling_team_falls_back_to_the_district()
    {
        var s = DispatchRules.Suggest(new("psych-help", null, District), null, Federation);
        Assert.Equal(District, s.LeadUnitId);
    }

    [Fact]
    public void Wage_arrears_goes_to_the_district_with_the_enterprise_union_co_handling()
    {
        var s = DispatchRules.Suggest(new("labor-dispute", Grassroots, District), Counselling, Federation);
        Assert.Equal(District, s.LeadUnitId);
        Assert.Equal([Grassroots], s.CoUnitIds);
    }

    [Fact]
    public void Joining_a_union_goes_to_the_grassroots_union_first()
    {
        var s = DispatchRules.Suggest(new("union-join", Grassroots, District), Counselling, Federation);
        Assert.Equal(Grassroots, s.LeadUnitId);
        Assert.Equal([District], s.CoUnitIds);
        var noUnion = DispatchRules.Suggest(new("union-join", null, District), Counselling, Federation);
        Assert.Equal(District, noUnion.LeadUnitId);
    }

    [Fact]
    public void Without_district_or_enterprise_the_federation_keeps_it()
    {
        Assert.Equal(Federation, DispatchRules.Suggest(new("other", null, null), Counselling, Federation).LeadUnitId);
        Assert.Equal(Grassroots, DispatchRules.Suggest(new("other", Grassroots, null), Counselling, Federation).LeadUnitId);
    }

    [Fact]
    public void Rates_follow_the_issue_formulas()
    {
        var a = new RateCounts(10, 9, 8, 6, 3);
        var r = RateFormula.Compute(a, RateWeights.Default);
        Assert.Equal(0.9, r.ResponseRate);
        Assert.Equal(0.8, r.ResolutionRate);
        Assert.Equal(0.87, r.SatisfactionRate);
        Assert.Equal(83.8, r.Score);

        var b = RateFormula.Compute(new RateCounts(4, 4, 2, 1, 1), RateWeights.Default);
        Assert.Equal((1.0, 0.5, 0.475, 54.0), (b.ResponseRate, b.ResolutionRate, b.SatisfactionRate, b.Score));

        var none = RateFormula.Compute(RateCounts.Zero, RateWeights.Default);
        Assert.Equal((0, 0.0, 0.0), (none.ValidVisits, none.ResponseRate, none.Score));
    }

    [Fact]
    public void Rate_weights_are_configurable()
    {
        var w = new RateWeights(Response: 0.2, Resolution: 0.4, Satisfaction: 0.4, PartlySatisfied: 0.5);
        var r = RateFormula.Compute(new RateCounts(10, 9, 8, 6, 3), w);
        Assert.Equal(0.75, r.SatisfactionRate);
        Assert.Equal(80.0, r.Score);
    }

    [Fact]
    public void Counts_add_up_visit_by_visit()
    {
        var sum = RateCounts.Zero + RateFormula.Of(true, true, Satisfaction.Satisfied) + RateFormula.Of(false, true, Satisfaction.PartlySatisfied) + RateFormula.Of(true, false, Satisfaction.Dissatisfied);
        Assert.Equal(new RateCounts(3, 2, 2, 1, 1), sum);
    }

    [Theory]
    [InlineData(true, true, Satisfaction.Satisfied, 0, VisitOutcome.Next.Close)]
    [InlineData(true, true, Satisfaction.PartlySatisfied, 0, VisitOutcome.Next.Close)]
    [InlineData(true, true, Satisfaction.Dissatisfied, 0, VisitOutcome.Next.ReopenAndEscalate)]
    [InlineData(true, false, Satisfaction.Satisfied, 0, VisitOutcome.Next.ReopenAndEscalate)]
    [InlineData(true, false, Satisfaction.Dissatisfied, 1, VisitOutcome.Next.CloseUnsolved)]
    [InlineData(false, false, Satisfaction.Dissatisfied, 0, VisitOutcome.Next.Close)]
    public void Unsolved_or_dissatisfied_reopens_once(bool reached, bool solved, Satisfaction s, int reopened, VisitOutcome.Next expected) =>
        Assert.Equal(expected, VisitOutcome.After(reached, solved, s, reopened));

    private static ClusterItem Item(string key, string cat, int dayOffset) =>
        new(Guid.NewGuid(), key, cat, new DateTimeOffset(2020, 5, 1, 10, 0, 0, TimeSpan.FromHours(8)).AddDays(dayOffset));

    [Fact]
    public void Five_wage_arrears_requests_about_one_enterprise_in_seven_days_make_a_cluster()
    {
        var items = new[] { 0, 1, 2, 4, 6 }.Select(d => Item("ent-1", "labor-dispute", d)).ToList();
        var c = Assert.Single(ClusterRules.Detect(items, ClusterRules.Defaults));
        Assert.Equal(("ent-1", 5), (c.Key, c.Count));
    }

    [Fact]
    public void Four_requests_or_five_spread_over_more_than_seven_days_do_not()
    {
        Assert.Empty(ClusterRules.Detect(new[] { 0, 1, 2, 3 }.Select(d => Item("ent-1", "labor-dispute", d)), ClusterRules.Defaults));
        Assert.Empty(ClusterRules.Detect(new[] { 0, 2, 4, 6, 7 }.Select(d => Item("ent-1", "labor-dispute", d)), ClusterRules.Defaults));
    }

    [Fact]
    public void Clusters_are_per_enterprise_and_category_with_their_own_threshold()
    {
        var items = new List<ClusterItem>();
        items.AddRange(new[] { 0, 1, 2, 3 }.Select(d => Item("ent-1", "labor-dispute", d)));
        items.AddRange(new[] { 0, 1 }.Select(d => Item("ent-2", "labor-dispute", d)));
        items.AddRange(Enumerable.Range(0, 9).Select(_ => Item("ent-1", "social-insurance", 1)));
        Assert.Empty(ClusterRules.Detect(items, ClusterRules.Defaults));
        items.Add(Item("ent-1", "social-insurance", 2));
        var c = Assert.Single(ClusterRules.Detect(items, ClusterRules.Defaults));
        Assert.Equal(("social-insurance", 10), (c.Category, c.Count));
    }
}

public sealed class ReportPeriodTests
{
    [Theory]
    [InlineData(Gonghui.Modules.Hotline.Requests.ReportPeriod.Day, "2020-02-03", "2020-02-03", "2020-02-04")]
    [InlineData(Gonghui.Modules.Hotline.Requests.ReportPeriod.Week, "2020-02-05", "2020-02-03", "2020-02-10")]
    [InlineData(Gonghui.Modules.Hotline.Requests.ReportPeriod.Week, "2020-02-09", "2020-02-03", "2020-02-10")]
    [InlineData(Gonghui.Modules.Hotline.Requests.ReportPeriod.Week, "2020-02-03", "2020-02-03", "2020-02-10")]
    [InlineData(Gonghui.Modules.Hotline.Requests.ReportPeriod.Quarter, "2020-05-17", "2020-04-01", "2020-07-01")]
    [InlineData(Gonghui.Modules.Hotline.Requests.ReportPeriod.Quarter, "2020-12-31", "2020-10-01", "2021-01-01")]
    [InlineData(Gonghui.Modules.Hotline.Requests.ReportPeriod.Year, "2020-07-01", "2020-01-01", "2021-01-01")]
    public void Report_periods_are_day_iso_week_quarter_and_year(Gonghui.Modules.Hotline.Requests.ReportPeriod kind, string date, string from, string to) =>
        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to)), Gonghui.Modules.Hotline.Requests.ReportPeriods.Range(kind, DateOnly.Parse(date)));
}
