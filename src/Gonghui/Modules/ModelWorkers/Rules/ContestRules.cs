namespace Gonghui.Modules.ModelWorkers.Rules;

/// <summary>The rounds of the speech contest 八小时约定: preliminary (初赛), semi-final (复赛), final (决赛).</summary>
public enum ContestRound { Preliminary = 0, SemiFinal = 1, Final = 2 }

/// <summary>A round's state: open for entries (preliminary only) or scoring, then closed with its results; the contest's final closes it.</summary>
public enum RoundStatus { Open = 0, Closed = 1 }

/// <summary>Prizes of the final: 一等奖, 二等奖, 三等奖, 优秀奖 (every other finalist).</summary>
public enum Prize { None = 0, First = 1, Second = 2, Third = 3, Excellence = 4 }

/// <summary>The speech contest's rules: entries, how many go through, the prizes. The scoring is the skills contests' (Skills.Public.Judging). Pure.</summary>
public static class ContestRules
{
    public const int TitleMax = 100, NameMax = 100;

    /// <summary>The criteria of a speech (content 40, delivery 30, language 20, presence 10 = 100 marks), each judged 0–3 by every judge.</summary>
    public static readonly IReadOnlyList<(string Code, int MaxCenti)> Criteria = [("content", 4000), ("delivery", 3000), ("language", 2000), ("presence", 1000)];

    public static List<(string Field, string Code)> CheckContest(string? name, int? year, int? semiFinalists, int? finalists, int? entriesPerUnit, int thisYear)
    {
        var e = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > NameMax) e.Add(("name", "contest.name"));
        if (year is null || year < 2000 || year > thisYear + 1) e.Add(("year", "contest.year"));
        if (semiFinalists is null or < 2 or > 500) e.Add(("semiFinalists", "contest.semiFinalists"));
        if (finalists is null or < 2 || finalists >= semiFinalists) e.Add(("finalists", "contest.finalists"));
        if (entriesPerUnit is null or < 1 or > 20) e.Add(("entriesPerUnit", "contest.entriesPerUnit"));
        return e;
    }

    public static List<(string Field, string Code)> CheckEntry(string? title, int unitEntries, int quota)
    {
        var e = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > TitleMax) e.Add(("title", "entry.title"));
        if (unitEntries >= quota) e.Add(("unitId", "entry.quota"));
        return e;
    }

    /// <summary>How many go through from a round to the next (null from the final).</summary>
    public static int? Advancing(ContestRound round, int semiFinalists, int finalists) => round switch
    {
        ContestRound.Preliminary => semiFinalists,
        ContestRound.SemiFinal => finalists,
        _ => null,
    };

    /// <summary>
    /// Who goes through: every entry placed within the quota (an entry tied with the last place goes through too, so a tie is
    /// never broken by chance).
    /// </summary>
    public static IReadOnlyList<int> Through(IReadOnlyList<(int Entry, int Place)> placed, int quota) =>
        placed.Where(p => p.Place <= quota).OrderBy(p => p.Place).ThenBy(p => p.Entry).Select(p => p.Entry).ToList();

    /// <summary>
    /// The final's prizes by place among <paramref name="finalists"/>: first place 一等奖; the next 20% (at least one) 二等奖;
    /// the next 30% (at least one) 三等奖; the rest 优秀奖. Shared places share the prize.
    /// </summary>
    public static Prize PrizeFor(int place, int finalists)
    {
        if (place < 1 || finalists < 1) return Prize.None;
        if (place == 1) return Prize.First;
        var second = 1 + Math.Max(1, (int)Math.Round(finalists * 0.2, MidpointRounding.AwayFromZero));
        var third = second + Math.Max(1, (int)Math.Round(finalists * 0.3, MidpointRounding.AwayFromZero));
        return place <= second ? Prize.Second : place <= third ? Prize.Third : Prize.Excellence;
    }

    /// <summary>The next round, or null after the final.</summary>
    public static ContestRound? Next(ContestRound r) => r == ContestRound.Final ? null : r + 1;

    /// <summary>A certificate number: "BXS" + year + round-free serial of the entry in the final's order (BXS2020-007).</summary>
    public static string CertificateNo(int year, int place, int serial) => $"BXS{year}-{place:00}{serial:000}";
}
