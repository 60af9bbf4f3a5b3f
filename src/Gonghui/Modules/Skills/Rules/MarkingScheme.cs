using System.Globalization;

namespace Gonghui.Modules.Skills.Rules;

/// <summary>How an aspect is assessed (WorldSkills): measurement is objective, judgement is three or more judges scoring 0–3.</summary>
public enum AspectKind { Measurement = 0, Judgement = 1 }

/// <summary>One aspect of a marking scheme: its code, kind and maximum mark, in hundredths of a mark (centimarks: 5.5 marks = 550).</summary>
public sealed record AspectSpec(string Code, AspectKind Kind, int MaxCenti);

/// <summary>
/// A trade's marking scheme (评分标准): aspects worth 100 marks in total. Marks are kept as whole hundredths of a mark
/// (centimarks), so the total of a scheme is exactly 10,000 and no rounding creeps into it.
/// </summary>
public static class MarkingScheme
{
    public const int TotalCenti = 100_00;
    public const int MaxAspects = 100;
    public const int CodeMaxLength = 20;

    /// <summary>The scheme's problems (field, code): no aspects, a bad code or maximum, duplicate codes, a total other than 100.</summary>
    public static List<(string Field, string Code)> Check(IReadOnlyList<AspectSpec> aspects)
    {
        var errors = new List<(string, string)>();
        if (aspects.Count == 0) { errors.Add(("aspects", "scheme.empty")); return errors; }
        if (aspects.Count > MaxAspects) errors.Add(("aspects", "scheme.tooMany"));
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < aspects.Count; i++)
        {
            var a = aspects[i];
            if (string.IsNullOrWhiteSpace(a.Code) || a.Code.Length > CodeMaxLength) errors.Add(($"aspects[{i}].code", "scheme.aspectCode"));
            else if (!codes.Add(a.Code)) errors.Add(($"aspects[{i}].code", "scheme.aspectDuplicate"));
            if (a.MaxCenti <= 0 || a.MaxCenti > TotalCenti) errors.Add(($"aspects[{i}].maxMark", "scheme.aspectMax"));
            if (!Enum.IsDefined(a.Kind)) errors.Add(($"aspects[{i}].kind", "scheme.aspectKind"));
        }
        if (errors.Count == 0 && aspects.Sum(a => (long)a.MaxCenti) != TotalCenti) errors.Add(("aspects", "scheme.total"));
        return errors;
    }

    /// <summary>A mark in marks as centimarks: at most two decimals, never negative; null when it is neither.</summary>
    public static int? ToCenti(decimal mark)
    {
        if (mark < 0 || mark > 100_000) return null;
        var c = mark * 100;
        return c == decimal.Truncate(c) ? (int)c : null;
    }

    public static decimal FromCenti(int centi) => centi / 100m;

    public static string Format(int centi) => FromCenti(centi).ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>What may be entered on a marking sheet, and what a judgement aspect is worth.</summary>
public static class MarkRules
{
    public const int MinScore = 0;
    public const int MaxScore = 3;
    /// <summary>The largest spread of judges' scores on one aspect of one competitor that stands without being resolved.</summary>
    public const int MaxSpread = 1;

    /// <summary>Why a score cannot be entered on an aspect (a stable code), or null when it can.</summary>
    public static string? Refusal(AspectSpec aspect, int centi) => aspect.Kind switch
    {
        // Judgement: a whole score 0, 1, 2 or 3 (WorldSkills' four-point scale), nothing in between.
        AspectKind.Judgement => centi is < MinScore * 100 or > MaxScore * 100 || centi % 100 != 0 ? "marks.judgementScale" : null,
        // Measurement: the objective mark, from 0 to the aspect's maximum.
        _ => centi < 0 || centi > aspect.MaxCenti ? "marks.aboveMax" : null,
    };

    /// <summary>The spread (highest − lowest) of judges' scores on one aspect of one competitor, in whole scores.</summary>
    public static int Spread(IReadOnlyCollection<int> scores) => scores.Count == 0 ? 0 : (scores.Max() - scores.Min()) / 100;

    /// <summary>A judgement aspect's mark: the mean score ÷ 3 × the aspect's maximum (in marks, unrounded).</summary>
    public static double JudgementMark(IReadOnlyCollection<int> scoreCenti, int maxCenti) =>
        scoreCenti.Count == 0 ? 0 : scoreCenti.Average() / 100.0 / MaxScore * (maxCenti / 100.0);
}
