using Gonghui.Modules.Innovation.Rules;
using Gonghui.Platform.Calendars;
using Microsoft.Extensions.Configuration;

namespace Gonghui.Tests.Innovation;

/// <summary>The innovation module's pure rules: CNIPA numbers, the recognition workflow, annual reviews, targets and awards.</summary>
public sealed class PatentNumberTests
{
    [Theory]
    // Real numbers: 201710601862.3 (the weights 2..9,2..5 give 157 mod 11 = 3), 97101765.4 and 88201465.X (pre-2004, 8 digits).
    [InlineData("201710601862.3", "201710601862.3", 2017, PatentKind.Invention)]
    [InlineData("ZL201710601862.3", "201710601862.3", 2017, PatentKind.Invention)]
    [InlineData("zl 2017 1 0601862.3", "201710601862.3", 2017, PatentKind.Invention)]
    [InlineData("CN2017106018623", "201710601862.3", 2017, PatentKind.Invention)]
    [InlineData("2017106018623", "201710601862.3", 2017, PatentKind.Invention)]
    [InlineData("201710601862·3", "201710601862.3", 2017, PatentKind.Invention)]
    [InlineData("97101765.4", "97101765.4", 1997, PatentKind.Invention)]
    [InlineData("ZL88201465.X", "88201465.X", 1988, PatentKind.UtilityModel)]
    [InlineData("ZL88201465.x", "88201465.X", 1988, PatentKind.UtilityModel)]
    public void Real_numbers_parse_to_their_canonical_form(string text, string canonical, int year, PatentKind kind)
    {
        var n = PatentNumber.Parse(text, out var error);
        Assert.Null(error);
        Assert.NotNull(n);
        Assert.Equal(canonical, n.Canonical);
        Assert.Equal(year, n.ApplicationYear);
        Assert.Equal(kind, n.Kind);
    }

    [Theory]
    [InlineData("201710601862", '3')]
    [InlineData("97101765", '4')]
    [InlineData("88201465", 'X')]
    public void The_check_character_is_the_weighted_sum_mod_11_with_ten_as_X(string digits, char check) =>
        Assert.Equal(check, PatentNumber.CheckCharacter(digits));

    [Fact]
    public void The_weights_repeat_2_to_9_then_2_to_5()
    {
        // 1 in each place in turn: the check is that place's weight (mod 11).
        int[] weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
        for (var i = 0; i < 12; i++)
        {
            var digits = new string('0', i) + "1" + new string('0', 11 - i);
            Assert.Equal((char)('0' + weights[i]), PatentNumber.CheckCharacter(digits));
        }
    }

    [Theory]
    [InlineData("201710601862.4")]
    [InlineData("201710601862.X")]
    [InlineData("201710601863.3")]
    [InlineData("97101765.5")]
    [InlineData("ZL88201465.0")]
    public void A_wrong_check_digit_is_refused_as_such(string text)
    {
        Assert.Null(PatentNumber.Parse(text, out var error));
        Assert.Equal(PatentNumber.CheckCode, error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("20171060186.3")]
    [InlineData("2017106018622.3")]
    [InlineData("2017A0601862.3")]
    [InlineData("20171060186X.3")]
    [InlineData("US201710601862.3")]
    [InlineData("一种专利")]
    public void Malformed_numbers_are_format_errors(string? text)
    {
        Assert.Null(PatentNumber.Parse(text, out var error));
        Assert.Equal(PatentNumber.FormatCode, error);
    }

    [Fact]
    public void An_unknown_kind_digit_is_refused()
    {
        var digits = "201740601862";
        Assert.Null(PatentNumber.Parse(digits + PatentNumber.CheckCharacter(digits), out var error));
        Assert.Equal(PatentNumber.KindCode, error);
    }

    [Theory]
    [InlineData('1', true)]
    [InlineData('8', true)]
    [InlineData('2', false)]
    [InlineData('3', false)]
    [InlineData('9', false)]
    public void Only_invention_kinds_are_inventions(char kind, bool invention)
    {
        var digits = $"2019{kind}0601862";
        var n = PatentNumber.Parse(digits + PatentNumber.CheckCharacter(digits), out _);
        Assert.NotNull(n);
        Assert.Equal(invention, n.IsInvention);
    }
}

public sealed class StudioWorkflowTests
{
    private static readonly DateOnly Today = new(2020, 9, 28);

    [Fact]
    public void The_full_path_runs_unit_district_federation_publicity_recognised()
    {
        var s = StudioStatus.Applied;
        foreach (var (action, level, to) in new[]
        {
            (StudioAction.UnitApprove, ReviewLevel.Unit, StudioStatus.UnitReviewed),
            (StudioAction.DistrictApprove, ReviewLevel.District, StudioStatus.DistrictReviewed),
            (StudioAction.FederationApprove, ReviewLevel.Federation, StudioStatus.InPublicity),
            (StudioAction.Recognise, ReviewLevel.Federation, StudioStatus.Recognised),
            (StudioAction.Revoke, ReviewLevel.Federation, StudioStatus.Revoked),
        })
        {
            var v = StudioWorkflow.Decide(action, s, level, Today, Today.AddDays(-1), action == StudioAction.Revoke ? "无创新成果" : null);
            Assert.True(v.Ok, $"{action} from {s}: {v.Error}");
            s = v.To!.Value;
            Assert.Equal(to, s);
        }
    }

    [Theory]
    [InlineData(StudioStatus.Applied, StudioAction.DistrictApprove)]
    [InlineData(StudioStatus.Applied, StudioAction.Recognise)]
    [InlineData(StudioStatus.UnitReviewed, StudioAction.FederationApprove)]
    [InlineData(StudioStatus.Recognised, StudioAction.Reject)]
    [InlineData(StudioStatus.Rejected, StudioAction.UnitApprove)]
    [InlineData(StudioStatus.Revoked, StudioAction.Revoke)]
    [InlineData(StudioStatus.InPublicity, StudioAction.Revoke)]
    public void Steps_out_of_order_are_illegal(StudioStatus from, StudioAction action) =>
        Assert.Equal(StudioWorkflow.IllegalTransition, StudioWorkflow.Decide(action, from, ReviewLevel.Federation, Today, null, "理由").Error);

    [Theory]
    [InlineData(StudioStatus.UnitReviewed, StudioAction.DistrictApprove, ReviewLevel.Unit)]
    [InlineData(StudioStatus.DistrictReviewed, StudioAction.FederationApprove, ReviewLevel.District)]
    [InlineData(StudioStatus.InPublicity, StudioAction.Recognise, ReviewLevel.District)]
    [InlineData(StudioStatus.Recognised, StudioAction.Revoke, ReviewLevel.District)]
    [InlineData(StudioStatus.DistrictReviewed, StudioAction.Reject, ReviewLevel.Unit)]
    [InlineData(StudioStatus.Applied, StudioAction.UnitApprove, ReviewLevel.None)]
    public void A_lower_level_may_not_take_a_higher_step(StudioStatus from, StudioAction action, ReviewLevel level) =>
        Assert.Equal(StudioWorkflow.NotAllowedForLevel, StudioWorkflow.Decide(action, from, level, Today, Today.AddDays(-3), "理由").Error);

    [Fact]
    public void A_higher_level_may_take_a_lower_step()
    {
        Assert.True(StudioWorkflow.Decide(StudioAction.UnitApprove, StudioStatus.Applied, ReviewLevel.Federation, Today, null, null).Ok);
        Assert.True(StudioWorkflow.Decide(StudioAction.UnitApprove, StudioStatus.Applied, ReviewLevel.District, Today, null, null).Ok);
    }

    [Theory]
    [InlineData(StudioStatus.Applied, StudioAction.Reject, null)]
    [InlineData(StudioStatus.InPublicity, StudioAction.Reject, "  ")]
    [InlineData(StudioStatus.Recognised, StudioAction.Revoke, "")]
    public void Rejection_and_revocation_need_a_reason(StudioStatus from, StudioAction action, string? reason) =>
        Assert.Equal(StudioWorkflow.ReasonRequired, StudioWorkflow.Decide(action, from, ReviewLevel.Federation, Today, null, reason).Error);

    [Fact]
    public void Recognition_waits_until_the_last_publicity_day_is_over()
    {
        var end = new DateOnly(2020, 9, 30);
        Assert.Equal(StudioWorkflow.PublicityRunning, StudioWorkflow.Decide(StudioAction.Recognise, StudioStatus.InPublicity, ReviewLevel.Federation, end.AddDays(-1), end, null).Error);
        Assert.Equal(StudioWorkflow.PublicityRunning, StudioWorkflow.Decide(StudioAction.Recognise, StudioStatus.InPublicity, ReviewLevel.Federation, end, end, null).Error);
        Assert.Equal(StudioStatus.Recognised, StudioWorkflow.Decide(StudioAction.Recognise, StudioStatus.InPublicity, ReviewLevel.Federation, end.AddDays(1), end, null).To);
        // Rejecting during publicity (an objection upheld) is allowed at once.
        Assert.True(StudioWorkflow.Decide(StudioAction.Reject, StudioStatus.InPublicity, ReviewLevel.Federation, end.AddDays(-1), end, "公示期间收到实名异议并查实").Ok);
    }

    [Fact]
    public void Publicity_is_five_working_days_of_the_calendar_across_a_holiday()
    {
        // 2020: National Day and Mid-Autumn 1–8 October off, Sunday 27 September and Saturday 10 October worked (调休).
        var holidays = Enumerable.Range(1, 8).Select(d => new DateOnly(2020, 10, d));
        var cal = new WorkCalendar(holidays, [new DateOnly(2020, 9, 27), new DateOnly(2020, 10, 10)]);
        // Approved Friday 25 Sept: Sun 27, Mon 28, Tue 29, Wed 30 Sept, then Fri 9 Oct is the fifth working day.
        Assert.Equal(new DateOnly(2020, 10, 9), StudioWorkflow.PublicityEnd(new DateOnly(2020, 9, 25), cal));
        // An ordinary week: Monday → the next Monday.
        Assert.Equal(new DateOnly(2020, 11, 9), StudioWorkflow.PublicityEnd(new DateOnly(2020, 11, 2), cal));
    }

    [Fact]
    public void The_buttons_are_the_steps_of_the_status_for_the_level()
    {
        Assert.Equal([StudioAction.UnitApprove, StudioAction.Reject], StudioWorkflow.Available(StudioStatus.Applied, ReviewLevel.Unit));
        Assert.Empty(StudioWorkflow.Available(StudioStatus.UnitReviewed, ReviewLevel.Unit));
        Assert.Equal([StudioAction.Recognise, StudioAction.Reject], StudioWorkflow.Available(StudioStatus.InPublicity, ReviewLevel.Federation));
        Assert.Equal([StudioAction.Revoke], StudioWorkflow.Available(StudioStatus.Recognised, ReviewLevel.Federation));
        Assert.Empty(StudioWorkflow.Available(StudioStatus.Revoked, ReviewLevel.Federation));
        Assert.True(StudioWorkflow.IsOpen(StudioStatus.InPublicity));
        Assert.False(StudioWorkflow.IsOpen(StudioStatus.Recognised));
    }
}

public sealed class StudioRulesTests
{
    [Fact]
    public void A_good_application_has_no_errors() =>
        Assert.Empty(StudioRules.CheckApplication("张建国劳模创新工作室", StudioKind.ModelWorker, StudioLevel.Municipal, "智能制造", 5));

    [Fact]
    public void Each_bad_field_is_named()
    {
        var e = StudioRules.CheckApplication("张", (StudioKind)9, null, "", 51).Select(x => x.Field).ToList();
        Assert.Equal(["name", "kind", "level", "field", "memberIds"], e);
    }

    [Fact]
    public void A_review_is_for_a_past_or_current_year_at_or_after_recognition()
    {
        Assert.Empty(StudioRules.CheckReview(2020, 3, 1, 40, 1_000_000_00, new DateOnly(2019, 5, 1), 2020));
        Assert.Equal(("year", "review.year"), Assert.Single(StudioRules.CheckReview(2021, 0, 0, 0, 0, null, 2020)));
        Assert.Equal(("year", "review.beforeRecognition"), Assert.Single(StudioRules.CheckReview(2018, 0, 0, 0, 0, new DateOnly(2019, 5, 1), 2020)));
        Assert.Equal(("year", "review.year"), Assert.Single(StudioRules.CheckReview(null, 0, 0, 0, 0, null, 2020)));
    }

    [Fact]
    public void Review_outputs_may_not_be_negative_or_missing()
    {
        var e = StudioRules.CheckReview(2020, -1, null, -5, -1, null, 2020).Select(x => x.Field).ToList();
        Assert.Equal(["patents", "projects", "trainees", "economicBenefitFen"], e);
    }
}

public sealed class TargetProgressTests
{
    [Theory]
    [InlineData(StudioLevel.National, true)]
    [InlineData(StudioLevel.MunicipalModel, true)]
    [InlineData(StudioLevel.Municipal, true)]
    [InlineData(StudioLevel.District, false)]
    [InlineData(StudioLevel.Grassroots, false)]
    public void Municipal_counts_municipal_level_and_above(StudioLevel level, bool municipal) =>
        Assert.Equal(municipal, TargetProgress.IsMunicipalOrAbove(level));

    [Fact]
    public void Growth_is_the_mean_of_the_last_three_years()
    {
        Assert.Equal(0, TargetProgress.AverageGrowth([]));
        Assert.Equal(0, TargetProgress.AverageGrowth([(2020, 100)]));
        Assert.Equal(50, TargetProgress.AverageGrowth([(2019, 50), (2020, 100)]));
        // 2016 is outside the window: (1300 − 400) / 3.
        Assert.Equal(300, TargetProgress.AverageGrowth([(2016, 0), (2017, 400), (2018, 700), (2019, 1000), (2020, 1300)]));
    }

    [Fact]
    public void Projection_and_yearly_need_to_the_2025_targets()
    {
        var trend = new List<YearCount> { new(2017, 4000, 400), new(2018, 4600, 480), new(2019, 5200, 560), new(2020, 5800, 640) };
        var p = TargetProgress.Compute(StudioTargets.Of2025, 2020, trend, 5800, 640);
        // Total: +600 a year → 5800 + 5 × 600 = 8800 > 8000: on track; needs ⌈(8001 − 5800) / 5⌉ = 441 a year.
        Assert.Equal(8001, p.Total.Target);
        Assert.Equal(600, p.Total.AverageGrowth);
        Assert.Equal(8800, p.Total.Projected);
        Assert.True(p.Total.OnTrack);
        Assert.Equal(441, p.Total.NeededPerYear);
        Assert.Equal(72, p.Total.PercentOfTarget);
        // Municipal: +80 a year → 640 + 400 = 1040 ≥ 901: on track; needs ⌈261 / 5⌉ = 53.
        Assert.Equal(1040, p.Municipal.Projected);
        Assert.Equal(53, p.Municipal.NeededPerYear);
        Assert.True(p.Municipal.OnTrack);
    }

    [Fact]
    public void Behind_when_the_trend_falls_short_and_nothing_needed_once_met()
    {
        var slow = TargetProgress.Compute(StudioTargets.Of2025, 2020, [new(2019, 900, 90), new(2020, 1000, 100)], 1000, 100);
        Assert.False(slow.Total.OnTrack);
        Assert.Equal(1500, slow.Total.Projected);
        Assert.Equal(1401, slow.Total.NeededPerYear);
        var met = TargetProgress.Compute(StudioTargets.Of2025, 2025, [new(2025, 9000, 950)], 9000, 950);
        Assert.True(met.Total.OnTrack);
        Assert.Equal(0, met.Total.NeededPerYear);
        Assert.Equal(100, met.Total.PercentOfTarget);
        // In the target year with a gap, the whole gap is needed now.
        var late = TargetProgress.Compute(StudioTargets.Of2025, 2025, [new(2025, 7000, 800)], 7000, 800);
        Assert.Equal(1001, late.Total.NeededPerYear);
        Assert.False(late.Total.OnTrack);
    }

    [Fact]
    public void Cumulative_counts_add_recognitions_and_take_off_revocations()
    {
        var trend = TargetProgress.Cumulative([(2018, true, 2), (2018, false, 5), (2019, false, 3), (2020, true, 1)], [(2020, false, 2)], 2017, 2020);
        Assert.Equal([new YearCount(2017, 0, 0), new YearCount(2018, 7, 2), new YearCount(2019, 10, 2), new YearCount(2020, 9, 3)], trend);
    }
}

public sealed class AwardRulesTests
{
    private static PatentNumber Number(char kind = '1', int year = 2019)
    {
        var digits = $"{year}{kind}0601862";
        return PatentNumber.Parse(digits + PatentNumber.CheckCharacter(digits), out _)!;
    }

    private static PatentFacts Facts(PatentNumber? n = null, DateOnly? granted = null, bool frontLine = true, bool member = true, bool first = true) =>
        new(n ?? Number(), granted ?? new DateOnly(2020, 6, 1), 2020, frontLine, member, first);

    [Fact]
    public void An_eligible_claim_breaks_no_rule_and_is_worth_3000_yuan()
    {
        Assert.Empty(AwardRules.CheckPatent(AwardRuleBook.Default, Facts()));
        Assert.Equal(3_000_00, AwardRuleBook.Default.PatentAmountFen);
    }

    [Fact]
    public void Every_broken_rule_is_named_with_its_field()
    {
        var e = AwardRules.CheckPatent(AwardRuleBook.Default, Facts(Number('2'), new DateOnly(2019, 12, 31), frontLine: false, member: false, first: false));
        Assert.Equal([("patentNumber", "patent.notInvention"), ("grantedOn", "patent.grantNotInYear"), ("memberId", "patent.notMember"),
            ("firstInventor", "patent.notFirstInventor"), ("frontLine", "patent.notFrontLine")], e);
    }

    [Fact]
    public void A_grant_before_the_application_year_is_refused() =>
        Assert.Contains(("grantedOn", "patent.grantBeforeApplication"), AwardRules.CheckPatent(AwardRuleBook.Default, Facts(Number(year: 2021), new DateOnly(2020, 3, 1))));

    [Fact]
    public void The_rules_are_data_a_rule_turned_off_no_longer_refuses()
    {
        var lenient = AwardRuleBook.Default with { PatentFrontLineOnly = false, PatentGrantWithinYear = false, PatentInventionsOnly = false, PatentAmountFen = 5_000_00 };
        Assert.Empty(AwardRules.CheckPatent(lenient, Facts(Number('2'), new DateOnly(2019, 12, 31), frontLine: false)));
        Assert.Equal(5_000_00, lenient.PatentAmountFen);
    }

    [Fact]
    public void The_rule_book_binds_from_configuration()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gonghui:Innovation:Awards:PatentAmountFen"] = "400000",
            ["Gonghui:Innovation:Awards:ProjectPassMark"] = "70",
            ["Gonghui:Innovation:Awards:ProjectAmountFen:Grassroots"] = "1000000",
        }).Build();
        var book = AwardRuleBook.From(config);
        Assert.Equal(4_000_00, book.PatentAmountFen);
        Assert.Equal(70, book.ProjectPassMark);
        Assert.Equal(10_000_00, AwardRules.ProjectAmount(book, StudioLevel.Grassroots));
        Assert.Same(AwardRuleBook.Default, AwardRuleBook.From(new ConfigurationBuilder().Build()));
    }

    [Theory]
    [InlineData(StudioLevel.National, 100_000_00L)]
    [InlineData(StudioLevel.MunicipalModel, 100_000_00L)]
    [InlineData(StudioLevel.Municipal, 50_000_00L)]
    [InlineData(StudioLevel.District, 30_000_00L)]
    [InlineData(StudioLevel.Grassroots, null)]
    public void Project_amounts_go_by_the_studios_level(StudioLevel level, long? fen) =>
        Assert.Equal(fen, AwardRules.ProjectAmount(AwardRuleBook.Default, level));

    [Theory]
    [InlineData(new int[0], null)]
    [InlineData(new[] { 80 }, 800)]
    [InlineData(new[] { 80, 81 }, 805)]
    [InlineData(new[] { 70, 71, 71 }, 707)]
    [InlineData(new[] { 60, 60, 61 }, 603)]
    [InlineData(new[] { 100, 100, 100 }, 1000)]
    [InlineData(new[] { 0, 0, 1 }, 3)]
    public void The_mean_is_rounded_half_up_to_tenths(int[] scores, int? tenths) => Assert.Equal(tenths, AwardRules.MeanTenths(scores));

    [Fact]
    public void A_project_needs_three_experts_a_pass_and_an_eligible_level()
    {
        var book = AwardRuleBook.Default;
        Assert.Null(AwardRules.CheckProject(book, StudioLevel.Municipal, [60, 60, 60]));
        Assert.Equal("project.tooFewScores", AwardRules.CheckProject(book, StudioLevel.Municipal, [90, 90]));
        Assert.Equal("project.belowPassMark", AwardRules.CheckProject(book, StudioLevel.Municipal, [59, 60, 60]));
        Assert.Equal("project.levelNotEligible", AwardRules.CheckProject(book, StudioLevel.Grassroots, [90, 90, 90]));
        Assert.True(AwardRules.IsScore(0));
        Assert.True(AwardRules.IsScore(100));
        Assert.False(AwardRules.IsScore(101));
        Assert.False(AwardRules.IsScore(-1));
        Assert.False(AwardRules.IsScore(null));
    }
}
