using Gonghui.Modules.Skills.Rules;

namespace Gonghui.Tests.Skills;

/// <summary>The judging rules, pure: marking schemes, the 0–3 scale, spreads, conflicts, standardisation, ranks and ties, medals, the draw, eligibility and stages.</summary>
public class SkillsRuleTests
{
    private static readonly AspectSpec M60 = new("M", AspectKind.Measurement, 60_00);
    private static readonly AspectSpec J40 = new("J", AspectKind.Judgement, 40_00);
    private static readonly ResultOptions Raw = new(Leniency.None, TieRule.Shared, 0);

    private static IEnumerable<Score> Judged(int entry, int aspect, params int[] scores) => scores.Select((s, j) => new Score(entry, aspect, j, s * 100));
    private static Score Measured(int entry, int aspect, decimal mark) => new(entry, aspect, -1, (int)(mark * 100));

    // ---- the marking scheme ----

    [Fact]
    public void A_scheme_must_total_exactly_100_marks()
    {
        Assert.Empty(MarkingScheme.Check([M60, J40]));
        Assert.Empty(MarkingScheme.Check([new("A", AspectKind.Measurement, 33_33), new("B", AspectKind.Measurement, 33_33), new("C", AspectKind.Judgement, 33_34)]));
        Assert.Equal([("aspects", "scheme.total")], MarkingScheme.Check([M60, J40 with { MaxCenti = 39_99 }]));
        Assert.Equal([("aspects", "scheme.total")], MarkingScheme.Check([M60, J40 with { MaxCenti = 40_01 }]));
    }

    [Fact]
    public void A_scheme_names_each_bad_aspect_by_its_position()
    {
        Assert.Equal([("aspects", "scheme.empty")], MarkingScheme.Check([]));
        Assert.Contains(("aspects[1].code", "scheme.aspectDuplicate"), MarkingScheme.Check([M60, M60 with { MaxCenti = 40_00 }]));
        Assert.Contains(("aspects[0].code", "scheme.aspectCode"), MarkingScheme.Check([M60 with { Code = " " }, J40]));
        Assert.Contains(("aspects[0].code", "scheme.aspectCode"), MarkingScheme.Check([M60 with { Code = new string('x', 21) }, J40]));
        Assert.Contains(("aspects[1].maxMark", "scheme.aspectMax"), MarkingScheme.Check([new("A", AspectKind.Measurement, 100_00), J40 with { MaxCenti = 0 }]));
        Assert.Contains(("aspects[0].kind", "scheme.aspectKind"), MarkingScheme.Check([M60 with { Kind = (AspectKind)7 }, J40]));
        Assert.Contains(("aspects", "scheme.tooMany"), MarkingScheme.Check(Enumerable.Range(0, 101).Select(i => new AspectSpec("A" + i, AspectKind.Measurement, 1)).ToList()));
    }

    [Theory]
    [InlineData("5.55", 555)]
    [InlineData("100", 10000)]
    [InlineData("0", 0)]
    [InlineData("0.01", 1)]
    [InlineData("5.555", null)]
    [InlineData("-1", null)]
    [InlineData("0.001", null)]
    public void Marks_are_kept_in_hundredths_and_three_decimals_are_refused(string mark, int? centi) =>
        Assert.Equal(centi, MarkingScheme.ToCenti(decimal.Parse(mark, System.Globalization.CultureInfo.InvariantCulture)));

    // ---- what may be entered ----

    [Theory]
    [InlineData(0, null)]
    [InlineData(100, null)]
    [InlineData(200, null)]
    [InlineData(300, null)]
    [InlineData(400, "marks.judgementScale")]
    [InlineData(-100, "marks.judgementScale")]
    [InlineData(150, "marks.judgementScale")]
    [InlineData(301, "marks.judgementScale")]
    public void Judgement_scores_are_whole_numbers_from_0_to_3(int centi, string? refusal) => Assert.Equal(refusal, MarkRules.Refusal(J40, centi));

    [Theory]
    [InlineData(0, null)]
    [InlineData(6000, null)]
    [InlineData(5999, null)]
    [InlineData(6001, "marks.aboveMax")]
    [InlineData(-1, "marks.aboveMax")]
    public void Measurement_marks_run_from_0_to_the_aspect_maximum(int centi, string? refusal) => Assert.Equal(refusal, MarkRules.Refusal(M60, centi));

    [Fact]
    public void The_spread_is_the_highest_score_minus_the_lowest()
    {
        Assert.Equal(1, MarkRules.Spread([100, 200, 200]));
        Assert.Equal(2, MarkRules.Spread([0, 200, 100]));
        Assert.Equal(3, MarkRules.Spread([0, 300]));
        Assert.Equal(0, MarkRules.Spread([]));
        Assert.Equal(0, MarkRules.Spread([300, 300, 300]));
    }

    [Fact]
    public void A_judgement_mark_is_the_mean_score_over_3_times_the_maximum()
    {
        Assert.Equal(14.0 / 3, MarkRules.JudgementMark([200, 200, 300], 6_00), 10);
        Assert.Equal(6.0, MarkRules.JudgementMark([300, 300, 300], 6_00), 10);
        Assert.Equal(0.0, MarkRules.JudgementMark([0, 0, 0], 6_00), 10);
        Assert.Equal(0.0, MarkRules.JudgementMark([], 6_00), 10);
        Assert.Equal(20.0, MarkRules.JudgementMark([100, 200, 100, 200], 40_00), 10); // mean 1.5 → half of 40
    }

    // ---- conflicts ----

    [Fact]
    public void A_judge_stands_aside_for_their_own_unit_enterprise_or_a_declared_competitor()
    {
        Guid unit = Guid.NewGuid(), union = Guid.NewGuid(), firm = Guid.NewGuid(), entry = Guid.NewGuid();
        var c = new CompetitorTies(entry, unit, union, firm);
        var none = new HashSet<Guid>();
        Assert.Equal(ConflictReason.SameUnit, ConflictRules.Of(new(unit, null, none), c));
        Assert.Equal(ConflictReason.SameUnit, ConflictRules.Of(new(union, null, none), c));
        Assert.Equal(ConflictReason.SameEnterprise, ConflictRules.Of(new(Guid.NewGuid(), firm, none), c));
        Assert.Equal(ConflictReason.Declared, ConflictRules.Of(new(Guid.NewGuid(), null, new HashSet<Guid> { entry }), c));
        Assert.Null(ConflictRules.Of(new(Guid.NewGuid(), Guid.NewGuid(), none), c));
        // Neither has an enterprise: that is not "the same enterprise".
        Assert.Null(ConflictRules.Of(new(Guid.NewGuid(), null, none), c with { EnterpriseId = null }));
        // A declaration about another competitor does not bar this one.
        Assert.Null(ConflictRules.Of(new(Guid.NewGuid(), null, new HashSet<Guid> { Guid.NewGuid() }), c));
    }

    // ---- raw results ----

    [Fact]
    public void Raw_results_add_measurement_and_judgement_marks_computed_by_hand()
    {
        var scores = new List<Score> { Measured(0, 0, 50), Measured(1, 0, 55), Measured(2, 0, 40) };
        scores.AddRange(Judged(0, 1, 3, 3, 2)); // 8/3 / 3 × 40 = 35.555…
        scores.AddRange(Judged(1, 1, 2, 2, 2)); // 26.666…
        scores.AddRange(Judged(2, 1, 3, 3, 3)); // 40
        var r = ResultRules.Compute([M60, J40], 3, scores, Raw);
        Assert.Equal([85.56m, 81.67m, 80.00m], r.Entries.Select(e => e.RawTotal));
        Assert.Equal([35.56m, 26.67m, 40.00m], r.Entries.Select(e => e.RawAspects[1]));
        Assert.Equal([1, 2, 3], r.Entries.Select(e => e.RawRank));
        Assert.Equal(r.Entries.Select(e => e.RawTotal), r.Entries.Select(e => e.StdTotal)); // no correction declared
        Assert.Equal([1, 2, 3], r.Entries.Select(e => e.Place));
        Assert.Equal([Medal.Gold, Medal.Silver, Medal.Bronze], r.Entries.Select(e => e.Medal));
        Assert.Empty(r.Issues);
        Assert.Equal(12, r.ScoresUsed);
    }

    [Fact]
    public void The_last_measurement_mark_stands_and_marks_outside_the_sheet_are_ignored()
    {
        var scores = new List<Score> { Measured(0, 0, 10), Measured(0, 0, 20), new(5, 0, -1, 100), new(0, 9, -1, 100) };
        scores.AddRange(Judged(0, 1, 0, 0, 0));
        var r = ResultRules.Compute([M60, J40], 1, scores, Raw);
        Assert.Equal(20m, r.Entries[0].RawTotal);
        Assert.Equal(5, r.ScoresUsed);
    }

    [Fact]
    public void What_stands_in_the_way_of_the_sign_off_is_listed_per_competitor_and_aspect()
    {
        var scores = new List<Score> { Measured(0, 0, 50) };
        scores.AddRange(Judged(0, 1, 1, 3, 2));  // spread 2: must be resolved
        scores.AddRange(Judged(1, 1, 2, 2));     // two judges only; measurement missing
        var r = ResultRules.Compute([M60, J40], 3, scores, Raw);
        Assert.Contains(new MarkingIssue(0, 1, IssueKind.Spread, 2), r.Issues);
        Assert.Contains(new MarkingIssue(1, 0, IssueKind.Missing, 0), r.Issues);
        Assert.Contains(new MarkingIssue(1, 1, IssueKind.TooFewJudges, 2), r.Issues);
        Assert.Contains(new MarkingIssue(2, 0, IssueKind.Missing, 0), r.Issues);
        Assert.Contains(new MarkingIssue(2, 1, IssueKind.Missing, 0), r.Issues);
        Assert.Equal(5, r.Issues.Count);
        Assert.Equal(2, r.Entries[0].MaxSpread);
    }

    [Fact]
    public void A_spread_of_exactly_one_needs_no_resolution()
    {
        var scores = new List<Score> { Measured(0, 0, 50) };
        scores.AddRange(Judged(0, 1, 2, 3, 3, 2, 2));
        Assert.Empty(ResultRules.Compute([M60, J40], 1, scores, Raw).Issues);
    }

    // ---- ties ----

    private static List<Score> TwoEqualTotals()
    {
        // e0: 60 + 0 = 60; e1: 20 + 40 = 60; e2: 10 + 0 = 10.
        var scores = new List<Score> { Measured(0, 0, 60), Measured(1, 0, 20), Measured(2, 0, 10) };
        scores.AddRange(Judged(0, 1, 0, 0, 0));
        scores.AddRange(Judged(1, 1, 3, 3, 3));
        scores.AddRange(Judged(2, 1, 0, 0, 0));
        return scores;
    }

    [Fact]
    public void Shared_ties_share_the_place_and_skip_the_next()
    {
        var r = ResultRules.Compute([M60, J40], 3, TwoEqualTotals(), Raw);
        Assert.Equal([1, 1, 3], r.Entries.Select(e => e.RawRank));
        Assert.Equal([Medal.Gold, Medal.Gold, Medal.Bronze], r.Entries.Select(e => e.Medal));
    }

    [Fact]
    public void Judgement_first_puts_the_higher_judgement_marks_ahead()
    {
        var r = ResultRules.Compute([M60, J40], 3, TwoEqualTotals(), Raw with { Tie = TieRule.JudgementFirst });
        Assert.Equal([2, 1, 3], r.Entries.Select(e => e.RawRank));
    }

    [Fact]
    public void Aspect_order_compares_marks_in_the_scheme_order()
    {
        var r = ResultRules.Compute([M60, J40], 3, TwoEqualTotals(), Raw with { Tie = TieRule.AspectOrder });
        Assert.Equal([1, 2, 3], r.Entries.Select(e => e.RawRank));
    }

    [Fact]
    public void A_tie_the_rule_cannot_break_is_shared()
    {
        var scores = new List<Score> { Measured(0, 0, 30), Measured(1, 0, 30) };
        scores.AddRange(Judged(0, 1, 2, 2, 2));
        scores.AddRange(Judged(1, 1, 2, 2, 2));
        foreach (var tie in Enum.GetValues<TieRule>())
            Assert.Equal([1, 1], ResultRules.Compute([M60, J40], 2, scores, Raw with { Tie = tie }).Entries.Select(e => e.RawRank));
    }

    [Fact]
    public void Ranks_are_by_the_published_total_to_the_hundredth()
    {
        // 35.5555… and 35.5600 are both published as 35.56: the same total.
        var totals = new[] { 35.56m, 35.56m, 40m, 10m };
        var ranks = ResultRules.Rank(totals, _ => 0, totals.Select(_ => Array.Empty<decimal>()).ToArray(), TieRule.Shared);
        Assert.Equal([2, 2, 1, 4], ranks);
    }

    // ---- medals, titles, the 700 scale ----

    [Theory]
    [InlineData(1, 600, Medal.Gold)]
    [InlineData(2, 650, Medal.Silver)]
    [InlineData(3, 700, Medal.Bronze)]
    [InlineData(4, 700, Medal.Excellence)]
    [InlineData(4, 699, Medal.None)]
    [InlineData(10, 760, Medal.Excellence)]
    public void Medals_by_place_and_the_medallion_for_excellence_at_700(int place, int points, Medal medal) => Assert.Equal(medal, ResultRules.MedalFor(place, points));

    [Fact]
    public void The_700_scale_puts_the_median_at_700_and_a_standard_deviation_at_33_points()
    {
        Assert.Equal([659, 700, 741], ResultRules.ScalePoints([60m, 70m, 80m])); // σ = 8.165: 10/σ × 33.3 = 40.8
        Assert.Equal([700, 700], ResultRules.ScalePoints([55m, 55m]));
        Assert.Empty(ResultRules.ScalePoints([]));
        var even = ResultRules.ScalePoints([10m, 20m, 30m, 40m]); // median 25
        Assert.Equal(1400, even[1] + even[2]);
    }

    [Fact]
    public void Titles_go_to_the_declared_number_of_places()
    {
        var scores = new List<Score>();
        for (var e = 0; e < 4; e++) { scores.Add(Measured(e, 0, 60 - e * 10)); scores.AddRange(Judged(e, 1, 2, 2, 2)); }
        var r = ResultRules.Compute([M60, J40], 4, scores, Raw with { TitlePlaces = 2 });
        Assert.Equal([true, true, false, false], r.Entries.Select(e => e.Title));
    }

    // ---- leniency ----

    /// <summary>Ten competitors of the same quality in pairs: 0–4 marked by three strict judges, 5–9 by three lenient ones (+1 on everything).</summary>
    private static List<Score> TwoPanels()
    {
        int[] quality = [0, 1, 1, 2, 2];
        var scores = new List<Score>();
        for (var i = 0; i < 5; i++)
            for (var j = 0; j < 3; j++)
            {
                scores.Add(new Score(i, 0, j, quality[i] * 100));
                scores.Add(new Score(i + 5, 0, j + 3, (quality[i] + 1) * 100));
            }
        return scores;
    }

    private static readonly AspectSpec J100 = new("J", AspectKind.Judgement, 100_00);

    [Fact]
    public void Z_scores_take_a_lenient_panel_out_of_the_ranking()
    {
        var r = ResultRules.Compute([J100], 10, TwoPanels(), new ResultOptions(Leniency.ZScore, TieRule.Shared, 0));
        for (var i = 0; i < 5; i++)
        {
            // Raw: the leniently marked twin is a third of the aspect ahead; standardised: the twins are equal.
            Assert.InRange(r.Entries[i + 5].RawTotal - r.Entries[i].RawTotal, 33.33m, 33.34m);
            Assert.Equal(r.Entries[i].StdTotal, r.Entries[i + 5].StdTotal);
            Assert.Equal(r.Entries[i].StdRank, r.Entries[i + 5].StdRank);
        }
        Assert.NotEqual(r.Entries[0].RawRank, r.Entries[5].RawRank);
        // The official place follows the standardised rank when a correction is declared.
        Assert.Equal(r.Entries.Select(e => e.StdRank), r.Entries.Select(e => e.Place));
    }

    [Fact]
    public void Z_scores_land_where_the_formula_says()
    {
        var r = ResultRules.Compute([J100], 10, TwoPanels(), new ResultOptions(Leniency.ZScore, TieRule.Shared, 0));
        // Pooled over 30 scores: mean 1.7, σ_a = √(Σs²/30 − 1.7²); each judge: mean 1.2 (strict) or 2.2, σ_j = √0.56.
        double[] all = [0, 1, 1, 2, 2, 1, 2, 2, 3, 3];
        var ma = all.Average();
        var sa = Math.Sqrt(all.Select(x => x * x).Average() - ma * ma);
        var sj = Math.Sqrt(0.56);
        var expected = ma + (0 - 1.2) / sj * sa; // the lowest competitor, strict panel
        Assert.Equal(ResultRules.Round(expected / 3 * 100), r.Entries[0].StdTotal);
    }

    [Fact]
    public void Z_scores_change_nothing_when_judges_agree()
    {
        var scores = new List<Score>();
        int[] q = [0, 1, 2, 3, 2, 1];
        for (var e = 0; e < q.Length; e++) scores.AddRange(Judged(e, 0, q[e], q[e], q[e]));
        var r = ResultRules.Compute([J100], q.Length, scores, new ResultOptions(Leniency.ZScore, TieRule.Shared, 0));
        Assert.Equal(r.Entries.Select(e => e.RawTotal), r.Entries.Select(e => e.StdTotal));
    }

    [Fact]
    public void A_judge_with_too_few_scores_stays_raw_and_standardised_scores_stay_on_the_0_to_3_scale()
    {
        // Four competitors only (under the minimum sample of 5): nothing is standardised.
        var scores = new List<Score>();
        for (var e = 0; e < 4; e++) scores.AddRange(Judged(e, 0, e % 4, 3, 0));
        var r = ResultRules.Compute([J100], 4, scores, new ResultOptions(Leniency.ZScore, TieRule.Shared, 0));
        Assert.Equal(r.Entries.Select(e => e.RawTotal), r.Entries.Select(e => e.StdTotal));
        // Many competitors: every standardised aspect mark stays within 0 … max.
        var many = new List<Score>();
        var rng = new Random(7);
        for (var e = 0; e < 50; e++) many.AddRange(Judged(e, 0, rng.Next(4), rng.Next(2) + 2, rng.Next(2)));
        var r2 = ResultRules.Compute([J100], 50, many, new ResultOptions(Leniency.ZScore, TieRule.Shared, 0));
        Assert.All(r2.Entries, e => Assert.InRange(e.StdTotal, 0m, 100m));
    }

    [Fact]
    public void A_judge_who_gives_everyone_the_same_score_is_shifted_to_the_pooled_mean()
    {
        var scores = new List<Score>();
        int[] q = [0, 1, 2, 1, 2];
        for (var e = 0; e < 5; e++) { scores.Add(new(e, 0, 0, q[e] * 100)); scores.Add(new(e, 0, 1, q[e] * 100)); scores.Add(new(e, 0, 2, 300)); }
        var r = ResultRules.Compute([J100], 5, scores, new ResultOptions(Leniency.ZScore, TieRule.Shared, 0));
        // Judge 2 gives 3 to all: σ_j = 0, so 3 becomes 3 − 3 + pooled mean; the order of the others decides.
        Assert.Equal([5, 3, 1, 3, 1], r.Entries.Select(e => e.StdRank));
        Assert.True(r.Entries[0].StdTotal < r.Entries[0].RawTotal); // the lenient 3 no longer lifts the weakest
    }

    [Fact]
    public void The_trimmed_mean_drops_the_single_highest_and_lowest()
    {
        var scores = new List<Score>();
        scores.AddRange(Judged(0, 0, 0, 3, 3, 3, 3)); // [3,3,3] → 3
        scores.AddRange(Judged(1, 0, 1, 2, 3));       // median 2
        scores.AddRange(Judged(2, 0, 1, 3));          // two scores: plain mean 2
        scores.AddRange(Judged(3, 0, 0, 0, 3, 3));    // [0,3] → 1.5
        var r = ResultRules.Compute([J100], 4, scores, new ResultOptions(Leniency.TrimmedMean, TieRule.Shared, 0));
        Assert.Equal([100m, 66.67m, 66.67m, 50m], r.Entries.Select(e => e.StdTotal));
        Assert.Equal([80m, 66.67m, 66.67m, 50m], r.Entries.Select(e => e.RawTotal));
    }

    [Fact]
    public void Measurement_marks_are_never_standardised()
    {
        var scores = new List<Score>();
        for (var e = 0; e < 6; e++) { scores.Add(Measured(e, 0, 10 * e)); scores.AddRange(Judged(e, 1, e % 4, 3, 0)); }
        foreach (var m in Enum.GetValues<Leniency>())
        {
            var r = ResultRules.Compute([M60, J40], 6, scores, new ResultOptions(m, TieRule.Shared, 0));
            Assert.All(r.Entries, e => Assert.Equal(e.RawAspects[0], e.StdAspects[0]));
        }
    }

    [Fact]
    public void A_contest_sized_trade_computes_quickly()
    {
        // 111 competitors, 20 aspects (10 judged by 9 judges): ~11,000 scores.
        var aspects = Enumerable.Range(0, 20).Select(i => new AspectSpec("A" + i, i % 2 == 0 ? AspectKind.Measurement : AspectKind.Judgement, 5_00)).ToList();
        var rng = new Random(1);
        var scores = new List<Score>();
        for (var e = 0; e < 111; e++)
            for (var a = 0; a < 20; a++)
                if (a % 2 == 0) scores.Add(new(e, a, -1, rng.Next(501)));
                else for (var j = 0; j < 9; j++) scores.Add(new(e, a, j, rng.Next(4) * 100));
        var r = ResultRules.Compute(aspects, 111, scores, new ResultOptions(Leniency.ZScore, TieRule.JudgementFirst, 3));
        Assert.Equal(111, r.Entries.Count);
        // A competition ranking: sorted, each rank repeats the one before (a tie) or equals its position.
        var ranks = r.Entries.Select(e => e.StdRank).Order().ToList();
        Assert.Equal(1, ranks[0]);
        for (var k = 1; k < ranks.Count; k++) Assert.True(ranks[k] == ranks[k - 1] || ranks[k] == k + 1, $"rank {ranks[k]} at {k}");
        Assert.Contains(r.Entries, e => e.Medal == Medal.Gold);
    }

    // ---- the draw ----

    [Fact]
    public void The_draw_is_a_permutation_recomputable_from_the_seed()
    {
        var entries = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToList();
        var a = DrawRules.Draw(entries, 20200915, "T01", 8);
        var b = DrawRules.Draw(Enumerable.Reverse(entries), 20200915, "T01", 8);
        Assert.Equal(a, b); // the order the entries come in does not matter
        Assert.Equal(entries.Order(), a.Select(s => s.Entry).Order());
        Assert.Equal(Enumerable.Range(1, 30), a.Select(s => s.StartOrder));
        Assert.NotEqual(a.Select(s => s.Entry), DrawRules.Draw(entries, 20200916, "T01", 8).Select(s => s.Entry));
        Assert.NotEqual(a.Select(s => s.Entry), DrawRules.Draw(entries, 20200915, "T02", 8).Select(s => s.Entry));
    }

    [Fact]
    public void Start_order_fills_stations_session_by_session()
    {
        var slots = DrawRules.Draw(Enumerable.Range(0, 7).Select(_ => Guid.NewGuid()), 1, "X", 3);
        Assert.Equal([1, 2, 3, 1, 2, 3, 1], slots.Select(s => s.Station));
        Assert.Equal([1, 1, 1, 2, 2, 2, 3], slots.Select(s => s.Session));
        Assert.Throws<ArgumentOutOfRangeException>(() => DrawRules.Draw([Guid.NewGuid()], 1, "X", 0));
    }

    [Fact]
    public void The_generator_is_splitmix64_so_anyone_can_recompute_it()
    {
        ulong state = 0;
        Assert.Equal(0xE220A8397B1DCDAFUL, DrawRules.Next(ref state)); // the published first output of SplitMix64 from 0
        Assert.Equal(0xcbf29ce484222325UL, DrawRules.Fnv1a("")); // FNV-1a's offset basis
    }

    // ---- eligibility ----

    private static readonly EntryTerms Terms = new(true, 18, 60, new DateOnly(2020, 9, 15), null, 2);
    private static Candidate Person(DateOnly birth, bool member = true, string? occupation = null, int soFar = 0, bool already = false) =>
        new(member, birth, occupation, soFar, already);

    [Fact]
    public void Age_counts_full_years_on_the_contest_day()
    {
        Assert.Empty(EligibilityRules.Check(Terms, Person(new DateOnly(2002, 9, 15))));                           // 18 that day
        Assert.Equal([("memberId", "entry.tooYoung")], EligibilityRules.Check(Terms, Person(new DateOnly(2002, 9, 16))));
        Assert.Empty(EligibilityRules.Check(Terms, Person(new DateOnly(1959, 9, 16))));                           // 60, 61 tomorrow
        Assert.Equal([("memberId", "entry.tooOld")], EligibilityRules.Check(Terms, Person(new DateOnly(1959, 9, 15))));
        Assert.Equal(19, EligibilityRules.AgeOn(new DateOnly(2000, 2, 29), new DateOnly(2020, 2, 28)));
        Assert.Equal(20, EligibilityRules.AgeOn(new DateOnly(2000, 2, 29), new DateOnly(2020, 2, 29)));
    }

    [Fact]
    public void Members_only_one_entry_per_contest_and_the_unit_quota()
    {
        var birth = new DateOnly(1990, 1, 1);
        Assert.Equal([("memberId", "entry.notMember")], EligibilityRules.Check(Terms, Person(birth, member: false)));
        Assert.Empty(EligibilityRules.Check(Terms with { MembersOnly = false }, Person(birth, member: false)));
        Assert.Equal([("memberId", "entry.duplicate")], EligibilityRules.Check(Terms, Person(birth, already: true)));
        Assert.Empty(EligibilityRules.Check(Terms, Person(birth, soFar: 1)));
        Assert.Equal([("unitId", "entry.quota")], EligibilityRules.Check(Terms, Person(birth, soFar: 2)));
        Assert.Empty(EligibilityRules.Check(Terms with { MinAge = null, MaxAge = null }, Person(new DateOnly(2010, 1, 1))));
    }

    [Theory]
    [InlineData(null, "entry.occupationRequired")]
    [InlineData("6-18-01", "entry.occupationFormat")]
    [InlineData("6-18-01-02", "entry.occupationOther")]
    [InlineData("6-18-01-01", null)]
    public void A_trade_that_names_an_occupation_needs_that_code(string? given, string? code)
    {
        var errors = EligibilityRules.Check(Terms with { OccupationCode = "6-18-01-01" }, Person(new DateOnly(1990, 1, 1), occupation: given));
        if (code is null) Assert.Empty(errors);
        else Assert.Equal([("occupationCode", code)], errors);
    }

    [Theory]
    [InlineData("6-18-01-01", true)]
    [InlineData("4-04-05-01", true)]
    [InlineData("9-18-01-01", false)]
    [InlineData("6-18-1-01", false)]
    [InlineData("6180101", false)]
    [InlineData(" 6-18-01-01", false)]
    [InlineData("", false)]
    public void Occupation_codes_follow_the_2022_classification(string code, bool ok) => Assert.Equal(ok, EligibilityRules.IsOccupationCode(code));

    // ---- stages ----

    [Fact]
    public void Marks_are_entered_between_the_draw_and_the_sign_off_only()
    {
        Assert.Equal("marks.notDrawn", StageRules.MarkingRefusal(TradeStage.Registration));
        Assert.Null(StageRules.MarkingRefusal(TradeStage.Drawn));
        Assert.Equal("marks.locked", StageRules.MarkingRefusal(TradeStage.SignedOff));
        Assert.Equal("marks.locked", StageRules.MarkingRefusal(TradeStage.Published));
    }

    [Fact]
    public void Results_are_published_after_the_appeals_window_with_every_appeal_decided()
    {
        var close = new DateTimeOffset(2020, 9, 20, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal("publish.notSignedOff", StageRules.PublishRefusal(TradeStage.Drawn, close, close, 0));
        Assert.Equal("publish.appealsOpen", StageRules.PublishRefusal(TradeStage.SignedOff, close.AddSeconds(-1), close, 0));
        Assert.Equal("publish.openAppeals", StageRules.PublishRefusal(TradeStage.SignedOff, close, close, 1));
        Assert.Null(StageRules.PublishRefusal(TradeStage.SignedOff, close, close, 0));
        Assert.Equal("publish.already", StageRules.PublishRefusal(TradeStage.Published, close, close, 0));
        Assert.Null(StageRules.AppealRefusal(TradeStage.SignedOff, close.AddSeconds(-1), close));
        Assert.Equal("appeal.windowClosed", StageRules.AppealRefusal(TradeStage.SignedOff, close, close));
        Assert.Equal("appeal.notSignedOff", StageRules.AppealRefusal(TradeStage.Drawn, close, close));
    }
}
