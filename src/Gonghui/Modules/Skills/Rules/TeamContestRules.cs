namespace Gonghui.Modules.Skills.Rules;

/// <summary>A contest of teams: a team contest of one event (班组赛), or a key-project labour contest (重点工程劳动竞赛) run in stages.</summary>
public enum TeamContestKind { TeamContest = 1, KeyProject = 2 }

/// <summary>How a contest's stages add up to the cumulative ranking, declared when the contest is created.</summary>
public enum CumulativeRule
{
    /// <summary>Σ stage weight × stage mark ÷ 100 (weights in percent, adding up to 100); a stage without a mark counts 0.</summary>
    WeightedSum = 1,
    /// <summary>Each stage's place earns points (10, 8, 6, 5, 4, 3, 2, 1; shared places share the points); the total is their sum.</summary>
    PointsByPlace = 2,
}

public sealed record StageInput(string? Name, DateOnly? StartsOn, DateOnly? EndsOn, int? WeightPercent);

/// <summary>A team's line in the cumulative ranking: total in hundredths (marks) or whole points, rank (1, 2, 2, 4), and its stage places.</summary>
public sealed record CumulativeRow(int Team, long Total, int Rank, IReadOnlyList<int?> StagePlaces);

/// <summary>
/// The rules of team contests and staged key-project labour contests. Pure: no I/O. Marks are 0–100 with at most two decimals,
/// held in hundredths (centimarks) like the individual contests' marks.
/// </summary>
public static class TeamContestRules
{
    public const int MaxStages = 12;
    public const int MaxTeamSize = 50;
    public const int MaxCenti = 10_000;
    /// <summary>A judged stage's trade has a station per team (the draw gives each team its own, in one session).</summary>
    public const int JudgedStations = 1000;
    public static readonly IReadOnlyList<int> PlacePoints = [10, 8, 6, 5, 4, 3, 2, 1];

    /// <summary>The stages' problems: 1–12 stages, each named, a period (start ≤ end) after the previous stage's end, a weight 1–100;
    /// under <see cref="CumulativeRule.WeightedSum"/> the weights add up to exactly 100.</summary>
    public static List<(string Field, string Code)> CheckStages(IReadOnlyList<StageInput?>? stages, CumulativeRule? rule)
    {
        var errors = new List<(string, string)>();
        if (rule is null || !Enum.IsDefined(rule.Value)) errors.Add(("rule", "teamContest.rule"));
        if (stages is null || stages.Count == 0) { errors.Add(("stages", "stages.required")); return errors; }
        if (stages.Count > MaxStages) { errors.Add(("stages", "stages.tooMany")); return errors; }
        DateOnly? previousEnd = null;
        var weights = 0;
        for (var i = 0; i < stages.Count; i++)
        {
            var s = stages[i];
            if (s is null) { errors.Add(($"stages[{i}]", "stage.required")); continue; }
            if ((s.Name?.Trim().Length ?? 0) is < 1 or > 100) errors.Add(($"stages[{i}].name", "stage.name"));
            if (s.StartsOn is null) errors.Add(($"stages[{i}].startsOn", "stage.startsOn"));
            if (s.EndsOn is null || (s.StartsOn is { } a && s.EndsOn < a)) errors.Add(($"stages[{i}].endsOn", "stage.period"));
            else if (s.StartsOn is { } start && previousEnd is { } pe && start <= pe) errors.Add(($"stages[{i}].startsOn", "stage.overlap"));
            if (s.WeightPercent is not (>= 1 and <= 100)) errors.Add(($"stages[{i}].weightPercent", "stage.weight"));
            else weights += s.WeightPercent.Value;
            if (s.EndsOn is { } end && (s.StartsOn is null || end >= s.StartsOn)) previousEnd = end;
        }
        if (rule == CumulativeRule.WeightedSum && errors.Count == 0 && weights != 100) errors.Add(("stages", "stages.weights"));
        return errors;
    }

    /// <summary>Team size within the contest's declared bounds (1 ≤ min ≤ max ≤ 50).</summary>
    public static bool ValidSizes(int? min, int? max) => min is >= 1 and <= MaxTeamSize && max is >= 1 and <= MaxTeamSize && min <= max;

    /// <summary>A team's problems before the database is asked: a name, members listed once each, their number within min–max.</summary>
    public static List<(string Field, string Code)> CheckTeam(string? name, IReadOnlyList<Guid?>? members, int min, int max)
    {
        var errors = new List<(string, string)>();
        if ((name?.Trim().Length ?? 0) is < 2 or > 100) errors.Add(("name", "team.name"));
        if (members is null || members.Count < min || members.Count > max) errors.Add(("memberIds", "team.size"));
        else if (members.Any(m => m is null || m == Guid.Empty)) errors.Add(("memberIds", "team.member"));
        else if (members.Distinct().Count() != members.Count) errors.Add(("memberIds", "team.duplicate"));
        return errors;
    }

    /// <summary>A mark of 0–100 with at most two decimals, in hundredths; null when it is not one.</summary>
    public static int? ToCenti(decimal? mark)
    {
        if (mark is not { } m || m < 0 || m > 100) return null;
        var c = m * 100;
        return c == decimal.Truncate(c) ? (int)c : null;
    }

    public static decimal FromCenti(long centi) => centi / 100m;

    /// <summary>Competition ranks (1, 2, 2, 4) of the marked teams by mark, highest first; an unmarked team has no place.</summary>
    public static int?[] Places(IReadOnlyList<int?> marks)
    {
        var places = new int?[marks.Count];
        for (var i = 0; i < marks.Count; i++)
            if (marks[i] is { } m) places[i] = 1 + marks.Count(x => x > m);
        return places;
    }

    /// <summary>Points of a place (10, 8, 6, 5, 4, 3, 2, 1, then 0); no place, no points.</summary>
    public static int PointsFor(int? place) => place is { } p && p >= 1 && p <= PlacePoints.Count ? PlacePoints[p - 1] : 0;

    /// <summary>
    /// The cumulative ranking of <paramref name="marks"/>[team][stage] (hundredths, null = not marked) under the declared rule.
    /// Weighted sum: total = Σ weight × mark ÷ 100, in hundredths, rounded half away from zero. Points by place: Σ points of the
    /// stage places. Equal totals are split by the better place in the latest stage where both teams were placed differently
    /// (the later stage is the nearer to the project's completion); otherwise they share the rank.
    /// </summary>
    public static List<CumulativeRow> Cumulative(CumulativeRule rule, IReadOnlyList<int> weights, IReadOnlyList<IReadOnlyList<int?>> marks)
    {
        var teams = marks.Count;
        var stages = weights.Count;
        if (marks.Any(r => r.Count != stages)) throw new ArgumentException("every team needs one entry per stage", nameof(marks));
        var places = new int?[teams, stages];
        for (var s = 0; s < stages; s++)
        {
            var p = Places(marks.Select(r => r[s]).ToList());
            for (var t = 0; t < teams; t++) places[t, s] = p[t];
        }
        var totals = new long[teams];
        for (var t = 0; t < teams; t++)
        {
            if (rule == CumulativeRule.WeightedSum)
            {
                long sum = 0;
                for (var s = 0; s < stages; s++) sum += (long)weights[s] * (marks[t][s] ?? 0);
                totals[t] = (long)Math.Round(sum / 100m, MidpointRounding.AwayFromZero);
            }
            else
                for (var s = 0; s < stages; s++) totals[t] += PointsFor(places[t, s]);
        }
        int Compare(int a, int b)
        {
            if (totals[a] != totals[b]) return totals[b].CompareTo(totals[a]);
            for (var s = stages - 1; s >= 0; s--)
            {
                var (pa, pb) = (places[a, s], places[b, s]);
                if (pa == pb) continue;
                if (pa is null) return 1;
                if (pb is null) return -1;
                return pa.Value.CompareTo(pb.Value);
            }
            return 0;
        }
        var order = Enumerable.Range(0, teams).ToList();
        order.Sort((a, b) => Compare(a, b) is var c && c != 0 ? c : a.CompareTo(b));
        var rows = new List<CumulativeRow>(teams);
        for (var i = 0; i < order.Count; i++)
        {
            var t = order[i];
            var rank = i > 0 && Compare(order[i - 1], t) == 0 ? rows[i - 1].Rank : i + 1;
            rows.Add(new CumulativeRow(t, totals[t], rank, Enumerable.Range(0, stages).Select(s => places[t, s]).ToList()));
        }
        return rows;
    }

    /// <summary>A stage takes marks from its first day until it is closed.</summary>
    public static string? CanMark(DateOnly today, DateOnly startsOn, bool closed) =>
        closed ? "stage.closed" : today < startsOn ? "stage.notStarted" : null;

    /// <summary>A judged stage's marks are its trade's official totals, final once the trade is signed off (or published); before that it
    /// takes no close.</summary>
    public static bool JudgedFinal(TradeStage trade) => trade is TradeStage.SignedOff or TradeStage.Published;

    /// <summary>A judged stage's mark of a team in hundredths: its official total (<see cref="ResultRules"/>: the standardised total when the
    /// contest corrects leniency, the raw one otherwise), already rounded to 0.01 mark.</summary>
    public static int JudgedCenti(Leniency method, decimal rawTotal, decimal stdTotal) =>
        (int)Math.Round((method == Leniency.None ? rawTotal : stdTotal) * 100, MidpointRounding.AwayFromZero);

    /// <summary>A stage closes after its last day, once every team has its mark, and after the stages before it.</summary>
    public static string? CanClose(DateOnly today, DateOnly endsOn, bool closed, int unmarkedTeams, bool earlierOpen) =>
        closed ? "stage.closed" : earlierOpen ? "stage.order" : today <= endsOn ? "stage.running" : unmarkedTeams > 0 ? "stage.unmarked" : null;
}
