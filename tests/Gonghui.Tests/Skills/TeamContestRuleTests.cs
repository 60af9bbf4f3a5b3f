using Gonghui.Modules.Skills.Rules;

namespace Gonghui.Tests.Skills;

/// <summary>The rules of team contests and staged key-project labour contests (pure).</summary>
public sealed class TeamContestRuleTests
{
    private static readonly DateOnly D = new(2020, 3, 1);
    private static StageInput S(int start, int end, int? weight, string? name = "阶段") => new(name, D.AddDays(start), D.AddDays(end), weight);
    private static IReadOnlyList<int?> Row(params int?[] marks) => marks;

    [Fact]
    public void Three_consecutive_stages_weighing_100_are_valid()
    {
        Assert.Empty(TeamContestRules.CheckStages([S(0, 90, 30), S(91, 180, 30), S(181, 270, 40)], CumulativeRule.WeightedSum));
        Assert.Empty(TeamContestRules.CheckStages([S(0, 0, 1)], CumulativeRule.PointsByPlace)); // one day, any weight under points
    }

    [Fact]
    public void Weights_must_add_up_to_100_only_under_the_weighted_sum()
    {
        Assert.Equal([("stages", "stages.weights")], TeamContestRules.CheckStages([S(0, 9, 30), S(10, 19, 30)], CumulativeRule.WeightedSum));
        Assert.Empty(TeamContestRules.CheckStages([S(0, 9, 30), S(10, 19, 30)], CumulativeRule.PointsByPlace));
        Assert.Equal([("stages", "stages.weights")], TeamContestRules.CheckStages([S(0, 9, 60), S(10, 19, 50)], CumulativeRule.WeightedSum));
    }

    [Fact]
    public void A_stage_ending_before_it_starts_or_overlapping_the_previous_one_is_named()
    {
        Assert.Contains(("stages[0].endsOn", "stage.period"), TeamContestRules.CheckStages([S(10, 9, 100)], CumulativeRule.WeightedSum));
        Assert.Contains(("stages[1].startsOn", "stage.overlap"), TeamContestRules.CheckStages([S(0, 10, 50), S(10, 20, 50)], CumulativeRule.WeightedSum));
        Assert.Contains(("stages[1].startsOn", "stage.overlap"), TeamContestRules.CheckStages([S(20, 30, 50), S(0, 10, 50)], CumulativeRule.WeightedSum));
        // Back to back is fine: a stage may start the day after the previous one ends.
        Assert.Empty(TeamContestRules.CheckStages([S(0, 10, 50), S(11, 20, 50)], CumulativeRule.WeightedSum));
    }

    [Theory]
    [InlineData(0, "stages[0].weightPercent")]
    [InlineData(101, "stages[0].weightPercent")]
    [InlineData(-5, "stages[0].weightPercent")]
    public void A_weight_outside_1_to_100_is_named(int weight, string field) =>
        Assert.Contains((field, "stage.weight"), TeamContestRules.CheckStages([S(0, 1, weight)], CumulativeRule.PointsByPlace));

    [Fact]
    public void Missing_stages_names_dates_and_rule_are_each_named()
    {
        Assert.Contains(("stages", "stages.required"), TeamContestRules.CheckStages(null, CumulativeRule.WeightedSum));
        Assert.Contains(("stages", "stages.required"), TeamContestRules.CheckStages([], CumulativeRule.WeightedSum));
        Assert.Contains(("stages", "stages.tooMany"), TeamContestRules.CheckStages(Enumerable.Range(0, 13).Select(i => (StageInput?)S(i * 2, i * 2, 1)).ToList(), CumulativeRule.PointsByPlace));
        Assert.Contains(("stages[0]", "stage.required"), TeamContestRules.CheckStages([null], CumulativeRule.PointsByPlace));
        Assert.Contains(("stages[0].name", "stage.name"), TeamContestRules.CheckStages([S(0, 1, 100, " ")], CumulativeRule.WeightedSum));
        Assert.Contains(("stages[0].startsOn", "stage.startsOn"), TeamContestRules.CheckStages([new StageInput("a", null, D, 100)], CumulativeRule.WeightedSum));
        Assert.Contains(("stages[0].endsOn", "stage.period"), TeamContestRules.CheckStages([new StageInput("a", D, null, 100)], CumulativeRule.WeightedSum));
        Assert.Contains(("rule", "teamContest.rule"), TeamContestRules.CheckStages([S(0, 1, 100)], null));
        Assert.Contains(("rule", "teamContest.rule"), TeamContestRules.CheckStages([S(0, 1, 100)], (CumulativeRule)9));
    }

    [Fact]
    public void A_team_lists_each_member_once_within_the_contests_sizes()
    {
        var a = Guid.NewGuid(); var b = Guid.NewGuid(); var c = Guid.NewGuid();
        Assert.Empty(TeamContestRules.CheckTeam("突击队", [a, b, c], 3, 5));
        Assert.Equal([("memberIds", "team.size")], TeamContestRules.CheckTeam("突击队", [a, b], 3, 5));
        Assert.Equal([("memberIds", "team.size")], TeamContestRules.CheckTeam("突击队", [a, b, c], 1, 2));
        Assert.Equal([("memberIds", "team.duplicate")], TeamContestRules.CheckTeam("突击队", [a, b, a], 3, 5));
        Assert.Equal([("memberIds", "team.member")], TeamContestRules.CheckTeam("突击队", [a, null, c], 3, 5));
        Assert.Equal([("memberIds", "team.size")], TeamContestRules.CheckTeam("突击队", null, 1, 5));
        Assert.Equal([("name", "team.name")], TeamContestRules.CheckTeam("x", [a], 1, 5));
    }

    [Theory]
    [InlineData(1, 1, true)]
    [InlineData(3, 10, true)]
    [InlineData(50, 50, true)]
    [InlineData(0, 5, false)]
    [InlineData(6, 5, false)]
    [InlineData(1, 51, false)]
    public void Team_sizes_are_1_to_50_min_not_above_max(int min, int max, bool valid) => Assert.Equal(valid, TeamContestRules.ValidSizes(min, max));

    [Theory]
    [InlineData("0", 0)]
    [InlineData("100", 10000)]
    [InlineData("87.25", 8725)]
    [InlineData("87.2", 8720)]
    public void Marks_are_0_to_100_in_hundredths(string mark, int centi) => Assert.Equal(centi, TeamContestRules.ToCenti(decimal.Parse(mark, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("-0.01")]
    [InlineData("100.01")]
    [InlineData("87.255")]
    public void Marks_out_of_range_or_with_three_decimals_are_refused(string mark) => Assert.Null(TeamContestRules.ToCenti(decimal.Parse(mark, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void No_mark_is_not_a_mark() => Assert.Null(TeamContestRules.ToCenti(null));

    [Fact]
    public void Stage_places_are_competition_ranks_and_an_unmarked_team_has_none() =>
        Assert.Equal([2, 1, 2, null, 4], TeamContestRules.Places([8000, 9000, 8000, null, 7000]));

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 8)]
    [InlineData(3, 6)]
    [InlineData(8, 1)]
    [InlineData(9, 0)]
    public void Places_earn_10_8_6_5_4_3_2_1(int place, int points) => Assert.Equal(points, TeamContestRules.PointsFor(place));

    [Fact]
    public void No_place_no_points() => Assert.Equal(0, TeamContestRules.PointsFor(null));

    [Fact]
    public void The_weighted_sum_weighs_each_stage_and_rounds_half_away_from_zero()
    {
        // Team 0: 0.3×80 + 0.3×90 + 0.4×85 = 24 + 27 + 34 = 85.00; team 1: 0.3×90.01 + 0.3×70 + 0.4×88 = 27.003 + 21 + 35.2 = 83.203 → 83.20.
        var rows = TeamContestRules.Cumulative(CumulativeRule.WeightedSum, [30, 30, 40], [Row(8000, 9000, 8500), Row(9001, 7000, 8800)]);
        Assert.Equal((0, 8500L, 1), (rows[0].Team, rows[0].Total, rows[0].Rank));
        Assert.Equal((1, 8320L, 2), (rows[1].Team, rows[1].Total, rows[1].Rank));
        // 0.5 × 0.01 = 0.005 → 0.01 (half away from zero).
        Assert.Equal(1L, TeamContestRules.Cumulative(CumulativeRule.WeightedSum, [50, 50], [Row(1, 0)])[0].Total);
    }

    [Fact]
    public void Under_the_weighted_sum_a_stage_without_a_mark_counts_zero()
    {
        var rows = TeamContestRules.Cumulative(CumulativeRule.WeightedSum, [50, 50], [Row(9000, null), Row(6000, 6000)]);
        Assert.Equal(1, rows[0].Team); // 60.00 beats 45.00
        Assert.Equal(4500L, rows[1].Total);
        Assert.Equal([1, null], rows[1].StagePlaces);
    }

    [Fact]
    public void Points_by_place_adds_the_stage_points_and_shared_places_share_them()
    {
        // Stage 1: A 90, B 90, C 80 → places 1, 1, 3 → 10, 10, 6. Stage 2: C 95, A 90, B 70 → 10, 8, 6.
        var rows = TeamContestRules.Cumulative(CumulativeRule.PointsByPlace, [50, 50], [Row(9000, 9000), Row(9000, 7000), Row(8000, 9500)]);
        Assert.Equal([(0, 18L, 1), (2, 16L, 2), (1, 16L, 3)], rows.Select(r => (r.Team, r.Total, r.Rank)).ToArray());
    }

    [Fact]
    public void Equal_totals_go_to_the_better_place_in_the_latest_stage()
    {
        // Both total 80.00: team 0 won the last stage.
        var rows = TeamContestRules.Cumulative(CumulativeRule.WeightedSum, [50, 50], [Row(7000, 9000), Row(9000, 7000)]);
        Assert.Equal([0, 1], rows.Select(r => r.Team).ToArray());
        Assert.Equal([1, 2], rows.Select(r => r.Rank).ToArray());
    }

    [Fact]
    public void Equal_totals_and_equal_places_in_every_stage_share_the_rank()
    {
        var rows = TeamContestRules.Cumulative(CumulativeRule.WeightedSum, [40, 60], [Row(8000, 8000), Row(7000, 7000), Row(8000, 8000)]);
        Assert.Equal([(0, 1), (2, 1), (1, 3)], rows.Select(r => (r.Team, r.Rank)).ToArray());
    }

    [Fact]
    public void A_later_stage_decides_before_an_earlier_one_when_both_differ()
    {
        // Equal points (10 + 8 = 18 each... A: 1st then 2nd; B: 2nd then 1st) → B, the latest stage's winner, ranks first.
        var rows = TeamContestRules.Cumulative(CumulativeRule.PointsByPlace, [1, 1], [Row(9000, 8000), Row(8000, 9000)]);
        Assert.Equal([1, 0], rows.Select(r => r.Team).ToArray());
        Assert.Equal(18L, rows[0].Total);
    }

    [Fact]
    public void No_teams_no_rows_and_a_ragged_grid_is_a_programming_error()
    {
        Assert.Empty(TeamContestRules.Cumulative(CumulativeRule.WeightedSum, [100], []));
        Assert.Throws<ArgumentException>(() => TeamContestRules.Cumulative(CumulativeRule.WeightedSum, [50, 50], [Row(1)]));
    }

    [Fact]
    public void A_stage_takes_marks_from_its_first_day_until_closed()
    {
        Assert.Equal("stage.notStarted", TeamContestRules.CanMark(D.AddDays(-1), D, closed: false));
        Assert.Null(TeamContestRules.CanMark(D, D, closed: false));
        Assert.Null(TeamContestRules.CanMark(D.AddDays(400), D, closed: false)); // late marks are fine until the close
        Assert.Equal("stage.closed", TeamContestRules.CanMark(D.AddDays(5), D, closed: true));
    }

    [Fact]
    public void A_stage_closes_after_its_last_day_fully_marked_and_in_order()
    {
        Assert.Null(TeamContestRules.CanClose(D.AddDays(1), D, closed: false, unmarkedTeams: 0, earlierOpen: false));
        Assert.Equal("stage.running", TeamContestRules.CanClose(D, D, closed: false, unmarkedTeams: 0, earlierOpen: false));
        Assert.Equal("stage.unmarked", TeamContestRules.CanClose(D.AddDays(1), D, closed: false, unmarkedTeams: 2, earlierOpen: false));
        Assert.Equal("stage.order", TeamContestRules.CanClose(D.AddDays(1), D, closed: false, unmarkedTeams: 0, earlierOpen: true));
        Assert.Equal("stage.closed", TeamContestRules.CanClose(D.AddDays(1), D, closed: true, unmarkedTeams: 0, earlierOpen: false));
    }
}

/// <summary>Team contests judged per judge: when a stage's marks are final, what a stage mark is, and which judges stand aside for a team.</summary>
public sealed class JudgedTeamContestRuleTests
{
    [Theory]
    [InlineData(TradeStage.Registration, false)]
    [InlineData(TradeStage.Drawn, false)]
    [InlineData(TradeStage.SignedOff, true)]
    [InlineData(TradeStage.Published, true)]
    public void A_judged_stage_is_final_once_its_trade_is_signed_off(TradeStage stage, bool final) => Assert.Equal(final, TeamContestRules.JudgedFinal(stage));

    [Theory]
    [InlineData(Leniency.None, "90.00", "80.00", 9000)]
    [InlineData(Leniency.ZScore, "90.00", "80.00", 8000)]
    [InlineData(Leniency.TrimmedMean, "90.00", "81.67", 8167)]
    [InlineData(Leniency.None, "0", "55.5", 0)]
    [InlineData(Leniency.None, "100", "0", 10000)]
    [InlineData(Leniency.ZScore, "12.34", "56.78", 5678)]
    [InlineData(Leniency.TrimmedMean, "0.01", "0.01", 1)]
    public void A_judged_stage_mark_is_the_official_total_in_hundredths(Leniency method, string raw, string std, int centi) =>
        Assert.Equal(centi, TeamContestRules.JudgedCenti(method, decimal.Parse(raw, System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(std, System.Globalization.CultureInfo.InvariantCulture)));

    private static readonly Guid TeamUnit = Guid.NewGuid();
    private static readonly Guid Firm = Guid.NewGuid();

    private static Gonghui.Modules.Skills.Contests.SkillsEntry TeamEntry(Guid? firm) =>
        Gonghui.Modules.Skills.Contests.SkillsEntry.ForTeam(Gonghui.Modules.Skills.Contests.SkillsTrade.Create(Guid.NewGuid(), "S1", "第一阶段", null, 1, 1000, 0),
            Guid.NewGuid(), "东城突击队", TeamUnit, "/BJ/DC/", firm, DateTimeOffset.UnixEpoch, "test");

    public static TheoryData<string, bool, bool, bool, ConflictReason?> Judges => new()
    {
        // judge's unit, the judge's firm is the team's, the team shares a firm, declared → reason
        { "team", false, true, false, ConflictReason.SameUnit },
        { "team", false, false, false, ConflictReason.SameUnit },
        { "other", true, true, false, ConflictReason.SameEnterprise },
        { "other", true, false, false, null },          // the members work for different firms: no team firm to share
        { "other", false, true, false, null },
        { "other", false, false, false, null },
        { "none", false, false, false, null },          // a judge without a firm against a team without one: no conflict
        { "other", false, true, true, ConflictReason.Declared },
        { "team", true, true, true, ConflictReason.Declared },
    };

    [Theory]
    [MemberData(nameof(Judges))]
    public void A_judge_stands_aside_for_a_team_of_their_unit_or_firm_or_declared(string unit, bool judgeOfFirm, bool teamHasFirm, bool declared, ConflictReason? expected)
    {
        var entry = TeamEntry(teamHasFirm ? Firm : null);
        Assert.Equal(Guid.Empty, entry.MemberId); // a team's entry is no member's
        Assert.NotNull(entry.TeamId);
        var judgeUnit = unit == "team" ? TeamUnit : Guid.NewGuid();
        Guid? judgeFirm = judgeOfFirm ? Firm : unit == "none" ? null : Guid.NewGuid();
        var ties = new JudgeTies(judgeUnit, judgeFirm, declared ? new HashSet<Guid> { entry.Id } : new HashSet<Guid>());
        Assert.Equal(expected, ConflictRules.Of(ties, entry.Ties()));
    }
}
