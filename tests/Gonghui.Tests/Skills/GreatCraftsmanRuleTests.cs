using Gonghui.Modules.Skills.Rules;

namespace Gonghui.Tests.Skills;

/// <summary>The 北京大工匠 selection rules, pure: eligibility, the review score, the combined formula, ranking and proposals, the announcement's working days.</summary>
public class GreatCraftsmanRuleTests
{
    private static readonly CraftsmanTerms T = CraftsmanTerms.Default;
    private static readonly Nominee Good = new(true, true, 45, 20, false, false);

    [Fact]
    public void Eligibility_names_every_reason()
    {
        Assert.Empty(GreatCraftsmanRules.Eligibility(T, Good));
        Assert.Empty(GreatCraftsmanRules.Eligibility(T, Good with { Age = 60, YearsInTrade = 10 }));
        Assert.Equal(["craftsman.tooOld"], GreatCraftsmanRules.Eligibility(T, Good with { Age = 61 }));
        Assert.Equal(["craftsman.tooFewYears"], GreatCraftsmanRules.Eligibility(T, Good with { YearsInTrade = 9 }));
        Assert.Equal(["craftsman.notMember", "craftsman.notFrontLine", "craftsman.formerWinner", "craftsman.disciplined"],
            GreatCraftsmanRules.Eligibility(T, Good with { ActiveMember = false, FrontLine = false, FormerWinner = true, Disciplined = true }));
        Assert.Empty(GreatCraftsmanRules.Eligibility(T with { FrontLineOnly = false }, Good with { FrontLine = false }));
    }

    [Fact]
    public void The_weights_must_add_up_to_100_percent()
    {
        Assert.Null(GreatCraftsmanRules.TermsRefusal(T));
        Assert.Equal("craftsman.weights", GreatCraftsmanRules.TermsRefusal(T with { ReviewWeightPct = 41 }));
        Assert.Equal("craftsman.weights", GreatCraftsmanRules.TermsRefusal(T with { ChallengeWeightPct = 110, ReviewWeightPct = -10 }));
        Assert.Equal("craftsman.announcement", GreatCraftsmanRules.TermsRefusal(T with { AnnouncementWorkingDays = 0 }));
    }

    [Fact]
    public void The_review_drops_the_highest_and_lowest_of_five_or_more_experts()
    {
        Assert.Equal(80m, GreatCraftsmanRules.ReviewScore([60m, 80m, 80m, 80m, 100m]));
        Assert.Equal(80m, GreatCraftsmanRules.ReviewScore([70m, 90m]));
        Assert.Equal(83.33m, GreatCraftsmanRules.ReviewScore([80m, 80m, 90m]));
        Assert.Equal(0m, GreatCraftsmanRules.ReviewScore([]));
    }

    [Fact]
    public void The_combined_score_is_60_percent_challenge_and_40_percent_review()
    {
        Assert.Equal(86m, GreatCraftsmanRules.Combined(T, 90m, 80m));
        Assert.Equal(85.33m, GreatCraftsmanRules.Combined(T, 88.88m, 80m)); // 53.328 + 32 = 85.328
    }

    [Fact]
    public void One_winner_and_one_nominee_per_trade_above_the_floor_and_a_withdrawal_moves_the_next_up()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid(), d = Guid.NewGuid();
        var scores = new List<CraftsmanScores>
        {
            new(a, 90m, [80m, 80m, 80m]),  // 86
            new(b, 95m, [70m, 70m, 70m]),  // 85
            new(c, 80m, [85m, 85m, 85m]),  // 82
            new(d, 50m, [50m, 50m, 50m]),  // 50: below the floor
        };
        var r = GreatCraftsmanRules.Rank(T, scores);
        Assert.Equal([a, b, c, d], r.Select(x => x.Candidate));
        Assert.Equal([CraftsmanAward.GreatCraftsman, CraftsmanAward.Nominee, CraftsmanAward.None, CraftsmanAward.None], r.Select(x => x.Proposed));
        // An objection upheld against a: b is proposed as the winner, c as the nominee.
        scores[0] = scores[0] with { Withdrawn = true };
        var again = GreatCraftsmanRules.Rank(T, scores);
        Assert.Equal([(b, CraftsmanAward.GreatCraftsman), (c, CraftsmanAward.Nominee), (d, CraftsmanAward.None)], again.Select(x => (x.Candidate, x.Proposed)));
    }

    [Fact]
    public void Equal_combined_scores_go_to_the_higher_challenge_score_else_share_the_rank()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid();
        var r = GreatCraftsmanRules.Rank(T, [new(a, 80m, [90m]), new(b, 90m, [75m]), new(c, 90m, [75m])]); // 84, 84, 84
        Assert.Equal(84m, r[0].Combined);
        Assert.Equal([1, 1, 3], r.Select(x => x.Rank));
        Assert.Equal(a, r[2].Candidate);
    }

    [Fact]
    public void The_announcement_runs_five_working_days_skipping_weekends_and_holidays()
    {
        // 2020-09-28 (Mon) … National Day holiday 1–8 October; 27 September (Sun) and 10 October (Sat) were adjusted working days.
        var holidays = Enumerable.Range(1, 8).Select(d => new DateOnly(2020, 10, d)).ToHashSet();
        var adjusted = new HashSet<DateOnly> { new(2020, 9, 27), new(2020, 10, 10) };
        bool Working(DateOnly d) => adjusted.Contains(d) || (!holidays.Contains(d) && d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
        Assert.Equal(new DateOnly(2020, 10, 10), GreatCraftsmanRules.AnnouncementEnds(new DateOnly(2020, 9, 28), 5, Working)); // 28, 29, 30 Sep, 9, 10 Oct
        Assert.Equal(new DateOnly(2020, 9, 29), GreatCraftsmanRules.AnnouncementEnds(new DateOnly(2020, 9, 24), 5, Working)); // 24, 25, 27 (adjusted Sunday), 28, 29
        Assert.Equal(new DateOnly(2020, 10, 9), GreatCraftsmanRules.AnnouncementEnds(new DateOnly(2020, 10, 3), 1, Working)); // a holiday start counts from the next working day
    }
}
