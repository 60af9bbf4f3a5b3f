using System.Globalization;

namespace Gonghui.Modules.Reports.Rules;

/// <summary>A report's period: a year, or one quarter or month of it, as Beijing dates [From, To).</summary>
public sealed record ReportPeriod(int Year, int? Quarter, int? Month)
{
    public DateOnly From => Month is { } m ? new DateOnly(Year, m, 1) : Quarter is { } q ? new DateOnly(Year, (q - 1) * 3 + 1, 1) : new DateOnly(Year, 1, 1);
    public DateOnly To => Month is not null ? From.AddMonths(1) : Quarter is not null ? From.AddMonths(3) : From.AddYears(1);

    /// <summary>The same period one year earlier (the report's comparison).</summary>
    public ReportPeriod PreviousYear => this with { Year = Year - 1 };

    /// <summary>"2020", "2020Q3", "2020-07": the period's short label, also used in file names.</summary>
    public string Label => Month is { } m ? $"{Year}-{m:00}" : Quarter is { } q ? $"{Year}Q{q}" : Year.ToString(CultureInfo.InvariantCulture);

    public override string ToString() => Label;
}

/// <summary>The pure rules of the report: reading a period, comparing with the previous year, ranking, and checking a computed figure against a published one.</summary>
public static class ReportRules
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    /// <summary>
    /// A period from the query: a year (2000–2100) and at most one of a quarter (1–4) or a month (1–12). Errors are (field, code).
    /// </summary>
    public static (ReportPeriod? Period, List<(string Field, string Code)> Errors) ReadPeriod(int? year, int? quarter, int? month)
    {
        var errors = new List<(string, string)>();
        if (year is null) errors.Add(("year", "year-required"));
        else if (year is < FirstYear or > LastYear) errors.Add(("year", "year-range"));
        if (quarter is not null && month is not null) errors.Add(("month", "quarter-and-month"));
        else if (quarter is < 1 or > 4) errors.Add(("quarter", "quarter-range"));
        else if (month is < 1 or > 12) errors.Add(("month", "month-range"));
        return errors.Count > 0 ? (null, errors) : (new ReportPeriod(year!.Value, quarter, month), errors);
    }

    /// <summary>The change from <paramref name="previous"/> to <paramref name="current"/> in basis points of the previous (+2,500 = +25 %); null when there was nothing before.</summary>
    public static long? ChangeBp(long current, long? previous) =>
        previous is null or 0 ? null : (long)Math.Round((current - previous.Value) * 10_000.0 / previous.Value, MidpointRounding.AwayFromZero);

    /// <summary>Competition ranking ("1224"), highest value first; equal values share a rank; ties keep their given order.</summary>
    public static IReadOnlyList<(T Item, long Value, int Rank)> Rank<T>(IEnumerable<(T Item, long Value)> rows)
    {
        var ordered = rows.Select((r, i) => (r.Item, r.Value, i)).OrderByDescending(r => r.Value).ThenBy(r => r.i).ToList();
        var result = new List<(T, long, int)>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && ordered[i].Value == ordered[i - 1].Value ? result[i - 1].Item3 : i + 1;
            result.Add((ordered[i].Item, ordered[i].Value, rank));
        }
        return result;
    }
}

/// <summary>How a published figure is stated: exactly, "about" (rounded to a granularity) or "over".</summary>
public enum SeedKind { Exact, About, Over }

/// <summary>
/// A figure as the federation published it (DESIGN.md §6), and whether a computed value reproduces it (issue 19.4):
/// exact → equal; about with granularity g → the published value is the computed one rounded to g, i.e.
/// value − g/2 ≤ x &lt; value + g/2 (3.96亿元 with g = 1,000,000 yuan means 395,500,000 ≤ x &lt; 396,500,000); over → x &gt; value.
/// </summary>
public sealed record SeedFigure(string Key, long Value, SeedKind Kind, long Granularity = 1, bool Volume = true)
{
    public static SeedFigure Exact(string key, long value) => new(key, value, SeedKind.Exact);
    /// <summary>An exact figure that does not grow with the scenario's scale (27 contest trades, 30 大工匠: a smaller city holds the same contest).</summary>
    public static SeedFigure Fixed(string key, long value) => new(key, value, SeedKind.Exact, 1, false);
    public static SeedFigure About(string key, long value, long granularity) => new(key, value, SeedKind.About, granularity);
    public static SeedFigure Over(string key, long value) => new(key, value, SeedKind.Over);

    /// <summary>The figure scaled (the test's --scale 0.01 year): values and granularity multiplied and rounded, never below 1; a fixed figure stays.</summary>
    public SeedFigure Scaled(double scale) => !Volume ? this : this with
    {
        Value = Math.Max(1, (long)Math.Round(Value * scale, MidpointRounding.AwayFromZero)),
        Granularity = Kind == SeedKind.About ? Math.Max(1, (long)Math.Round(Granularity * scale, MidpointRounding.AwayFromZero)) : Granularity,
    };

    public bool Matches(long computed) => Kind switch
    {
        SeedKind.Exact => computed == Value,
        SeedKind.About => 2 * computed >= 2 * Value - Granularity && 2 * computed < 2 * Value + Granularity,
        SeedKind.Over => computed > Value,
        _ => false,
    };

    /// <summary>The value a generated year aims at: the published one (for "over", 1 % above it, at least one more).</summary>
    public long Target => Kind == SeedKind.Over ? Value + Math.Max(1, Value / 100) : Value;
}
