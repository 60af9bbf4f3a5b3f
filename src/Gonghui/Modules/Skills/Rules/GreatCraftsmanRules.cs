namespace Gonghui.Modules.Skills.Rules;

/// <summary>The published terms of a year's 北京大工匠 selection: who may be nominated, how the score is combined, how many are chosen, how long the announcement runs.</summary>
public sealed record CraftsmanTerms(int MaxAge, int MinYearsInTrade, bool FrontLineOnly, int ChallengeWeightPct, int ReviewWeightPct, int WinnersPerTrade,
    int NomineesPerTrade, decimal MinCombined, int AnnouncementWorkingDays, long WinnerAwardFen = CraftsmanTerms.DefaultWinnerAwardFen,
    long NomineeAwardFen = CraftsmanTerms.DefaultNomineeAwardFen)
{
    /// <summary>The award of a 大工匠 (100,000 yuan) and of a 提名奖 (20,000 yuan) unless the year's selection publishes others: our declared defaults, data on the selection.</summary>
    public const long DefaultWinnerAwardFen = 10_000_000, DefaultNomineeAwardFen = 2_000_000;

    /// <summary>2020: 30 trades, one 大工匠 and one 提名奖 each; challenge contest 60%, expert review 40%; five working days of announcement.</summary>
    public static readonly CraftsmanTerms Default = new(60, 10, true, 60, 40, 1, 1, 60m, 5);
}

/// <summary>A nominee's facts for the eligibility check.</summary>
public sealed record Nominee(bool ActiveMember, bool FrontLine, int Age, int YearsInTrade, bool FormerWinner, bool Disciplined);

public enum CraftsmanAward { None = 0, GreatCraftsman = 1, Nominee = 2 }

/// <summary>One candidate of a trade with their challenge contest total (0–100) and the experts' review scores (0–100 each).</summary>
public sealed record CraftsmanScores(Guid Candidate, decimal Challenge, IReadOnlyList<decimal> Review, bool Withdrawn = false);

public sealed record CraftsmanRanked(Guid Candidate, decimal Review, decimal Combined, int Rank, CraftsmanAward Proposed);

/// <summary>
/// The 北京大工匠 selection, pure (docs/skills.md): eligibility; the review score is the experts' mean without the single highest
/// and lowest score when there are five or more; combined = challenge × w_c + review × w_r (weights in percent, published);
/// candidates of a trade rank by combined score (ties: the higher challenge score, else shared); the first
/// <c>WinnersPerTrade</c> at or above <c>MinCombined</c> are proposed as 大工匠, the next <c>NomineesPerTrade</c> as 提名奖; a withdrawn
/// candidate (an objection upheld during the announcement) is passed over and the next moves up.
/// </summary>
public static class GreatCraftsmanRules
{
    public static List<string> Eligibility(CraftsmanTerms t, Nominee n)
    {
        var refusals = new List<string>();
        if (!n.ActiveMember) refusals.Add("craftsman.notMember");
        if (t.FrontLineOnly && !n.FrontLine) refusals.Add("craftsman.notFrontLine");
        if (n.Age > t.MaxAge) refusals.Add("craftsman.tooOld");
        if (n.YearsInTrade < t.MinYearsInTrade) refusals.Add("craftsman.tooFewYears");
        if (n.FormerWinner) refusals.Add("craftsman.formerWinner");
        if (n.Disciplined) refusals.Add("craftsman.disciplined");
        return refusals;
    }

    /// <summary>What a candidate's award pays in fen: the selection's published amount for 大工匠 or 提名奖, nothing otherwise.</summary>
    public static long AwardFen(CraftsmanTerms t, CraftsmanAward award) => award switch
    {
        CraftsmanAward.GreatCraftsman => t.WinnerAwardFen,
        CraftsmanAward.Nominee => t.NomineeAwardFen,
        _ => 0,
    };

    public static string? TermsRefusal(CraftsmanTerms t) =>
        t.ChallengeWeightPct < 0 || t.ReviewWeightPct < 0 || t.ChallengeWeightPct + t.ReviewWeightPct != 100 ? "craftsman.weights"
        : t.WinnersPerTrade < 0 || t.NomineesPerTrade < 0 ? "craftsman.places"
        : t.AnnouncementWorkingDays < 1 ? "craftsman.announcement"
        : t.WinnerAwardFen < 0 || t.NomineeAwardFen < 0 ? "craftsman.amount"
        : null;

    /// <summary>The experts' review score: the mean, without the single highest and lowest when five or more experts scored.</summary>
    public static decimal ReviewScore(IReadOnlyList<decimal> scores)
    {
        if (scores.Count == 0) return 0;
        var sorted = scores.Order().ToList();
        var kept = sorted.Count >= 5 ? sorted.Skip(1).Take(sorted.Count - 2).ToList() : sorted;
        return Math.Round(kept.Average(), 2, MidpointRounding.AwayFromZero);
    }

    public static decimal Combined(CraftsmanTerms t, decimal challenge, decimal review) =>
        Math.Round((challenge * t.ChallengeWeightPct + review * t.ReviewWeightPct) / 100m, 2, MidpointRounding.AwayFromZero);

    /// <summary>One trade's candidates ranked, with the proposal for the committee.</summary>
    public static List<CraftsmanRanked> Rank(CraftsmanTerms t, IEnumerable<CraftsmanScores> candidates)
    {
        var rows = candidates.Where(c => !c.Withdrawn).Select(c =>
        {
            var review = ReviewScore(c.Review);
            return (c.Candidate, c.Challenge, Review: review, Combined: Combined(t, c.Challenge, review));
        }).OrderByDescending(x => x.Combined).ThenByDescending(x => x.Challenge).ThenBy(x => x.Candidate).ToList();
        var ranked = new List<CraftsmanRanked>();
        int winners = 0, nominees = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var x = rows[i];
            var rank = i > 0 && rows[i - 1].Combined == x.Combined && rows[i - 1].Challenge == x.Challenge ? ranked[i - 1].Rank : i + 1;
            var proposed = CraftsmanAward.None;
            if (x.Combined >= t.MinCombined)
            {
                if (winners < t.WinnersPerTrade) { proposed = CraftsmanAward.GreatCraftsman; winners++; }
                else if (nominees < t.NomineesPerTrade) { proposed = CraftsmanAward.Nominee; nominees++; }
            }
            ranked.Add(new CraftsmanRanked(x.Candidate, x.Review, x.Combined, rank, proposed));
        }
        return ranked;
    }

    /// <summary>The last day of an announcement (公示) that starts on <paramref name="start"/>: the n-th working day counting the start when it is one.</summary>
    public static DateOnly AnnouncementEnds(DateOnly start, int workingDays, Func<DateOnly, bool> isWorkingDay)
    {
        if (workingDays < 1) throw new ArgumentOutOfRangeException(nameof(workingDays));
        var d = start;
        var counted = 0;
        for (var guard = 0; guard < 366; guard++, d = d.AddDays(1))
            if (isWorkingDay(d) && ++counted == workingDays) return d;
        throw new InvalidOperationException("no working days within a year");
    }
}
