using System.Text.RegularExpressions;

namespace Gonghui.Modules.Skills.Rules;

/// <summary>Who may enter a trade: membership, age on the contest's first day, and the occupation (2022 职业分类大典) when the trade names one.</summary>
public sealed record EntryTerms(bool MembersOnly, int? MinAge, int? MaxAge, DateOnly AgeOn, string? OccupationCode, int QuotaPerUnit);

/// <summary>The person entered: whether they are an active member, their birth date, the occupation code given, and how many the unit already entered in the trade.</summary>
public sealed record Candidate(bool ActiveMember, DateOnly BirthDate, string? OccupationCode, int UnitEntriesSoFar, bool AlreadyEntered);

/// <summary>Registration checks (报名资格审查), pure: each failure names the field and a stable code.</summary>
public static partial class EligibilityRules
{
    /// <summary>A detailed occupation of the 2022 classification: major group 1–8, then three two-digit levels ("6-18-01-01").</summary>
    [GeneratedRegex(@"^[1-8]-\d{2}-\d{2}-\d{2}$")]
    private static partial Regex OccupationPattern();

    public static bool IsOccupationCode(string? code) => code is not null && OccupationPattern().IsMatch(code);

    /// <summary>Age in full years on a day.</summary>
    public static int AgeOn(DateOnly birth, DateOnly on) =>
        on.Year - birth.Year - (on.Month < birth.Month || (on.Month == birth.Month && on.Day < birth.Day) ? 1 : 0);

    public static List<(string Field, string Code)> Check(EntryTerms t, Candidate c)
    {
        var errors = new List<(string, string)>();
        if (t.MembersOnly && !c.ActiveMember) errors.Add(("memberId", "entry.notMember"));
        if (c.AlreadyEntered) errors.Add(("memberId", "entry.duplicate"));
        var age = AgeOn(c.BirthDate, t.AgeOn);
        if (t.MinAge is { } min && age < min) errors.Add(("memberId", "entry.tooYoung"));
        if (t.MaxAge is { } max && age > max) errors.Add(("memberId", "entry.tooOld"));
        if (t.OccupationCode is { } need)
        {
            if (string.IsNullOrWhiteSpace(c.OccupationCode)) errors.Add(("occupationCode", "entry.occupationRequired"));
            else if (!IsOccupationCode(c.OccupationCode)) errors.Add(("occupationCode", "entry.occupationFormat"));
            else if (!string.Equals(need, c.OccupationCode, StringComparison.Ordinal)) errors.Add(("occupationCode", "entry.occupationOther"));
        }
        else if (!string.IsNullOrWhiteSpace(c.OccupationCode) && !IsOccupationCode(c.OccupationCode)) errors.Add(("occupationCode", "entry.occupationFormat"));
        if (c.UnitEntriesSoFar >= t.QuotaPerUnit) errors.Add(("unitId", "entry.quota"));
        return errors;
    }
}

/// <summary>A competitor's start: the order they start in, their station (工位) and session (场次).</summary>
public readonly record struct DrawSlot(Guid Entry, int StartOrder, int Station, int Session);

/// <summary>
/// The draw (抽签) for start order and stations: deterministic from the contest's published seed and the trade's code, so anyone
/// can recompute it. Entries are taken in id order, shuffled by Fisher–Yates with SplitMix64 seeded by seed ⊕ FNV-1a(trade code);
/// start order n goes to station ((n − 1) mod stations) + 1 in session ⌊(n − 1) / stations⌋ + 1.
/// </summary>
public static class DrawRules
{
    public static IReadOnlyList<DrawSlot> Draw(IEnumerable<Guid> entries, long seed, string tradeCode, int stations)
    {
        if (stations < 1) throw new ArgumentOutOfRangeException(nameof(stations));
        var list = entries.Distinct().OrderBy(g => g.ToString("N"), StringComparer.Ordinal).ToArray();
        var state = unchecked((ulong)seed ^ Fnv1a(tradeCode));
        for (var i = list.Length - 1; i > 0; i--)
        {
            var j = (int)(Next(ref state) % (ulong)(i + 1));
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list.Select((g, i) => new DrawSlot(g, i + 1, i % stations + 1, i / stations + 1)).ToList();
    }

    public static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static ulong Fnv1a(string s)
    {
        var h = 14695981039346656037UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(s)) { h ^= b; h *= 1099511628211UL; }
        return h;
    }
}

/// <summary>The life of a trade's marking: registration, drawn, marking, signed off (locked; appeals window), published.</summary>
public enum TradeStage { Registration = 0, Drawn = 1, SignedOff = 2, Published = 3 }

public static class StageRules
{
    /// <summary>Marks may be entered only between the draw and the sign-off.</summary>
    public static string? MarkingRefusal(TradeStage s) => s switch
    {
        TradeStage.Registration => "marks.notDrawn",
        TradeStage.SignedOff or TradeStage.Published => "marks.locked",
        _ => null,
    };

    /// <summary>Results are published after the sign-off, once the appeals window has closed and every appeal is decided.</summary>
    public static string? PublishRefusal(TradeStage s, DateTimeOffset now, DateTimeOffset? appealsClose, int openAppeals) =>
        s == TradeStage.Published ? "publish.already"
        : s != TradeStage.SignedOff ? "publish.notSignedOff"
        : appealsClose is { } c && now < c ? "publish.appealsOpen"
        : openAppeals > 0 ? "publish.openAppeals"
        : null;

    public static string? AppealRefusal(TradeStage s, DateTimeOffset now, DateTimeOffset? appealsClose) =>
        s != TradeStage.SignedOff ? "appeal.notSignedOff"
        : appealsClose is { } c && now >= c ? "appeal.windowClosed"
        : null;
}
