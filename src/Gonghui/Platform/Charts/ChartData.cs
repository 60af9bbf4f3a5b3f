using System.Globalization;
using Gonghui.Platform.Money;

namespace Gonghui.Platform.Charts;

/// <summary>How a chart lays out its labels: categories as horizontal bars (names of any length, a phone's width), or time along the x axis.</summary>
public enum ChartLayout { Categories, Time }

/// <summary>What the figures are: counts, money in fen, or fractions (0.953 is 95.3%).</summary>
public enum ChartUnit { Count, Fen, Fraction }

/// <summary>A series is drawn as bars or, on a time chart, as a line.</summary>
public enum SeriesKind { Bar, Line }

/// <summary>One series: a name and a value per label (null where there is no figure, e.g. a rate of a month without visits).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values, SeriesKind Kind = SeriesKind.Bar);

/// <summary>
/// A chart's figures, as a module's handler computes them: the page draws them (<see cref="ChartSvg"/>) beside a table of the
/// same numbers, and the downloads serve the same figures as SVG, PNG (the page's script draws that SVG) and XLSX (<see cref="ChartXlsx"/>).
/// </summary>
/// <param name="Name">The file name of the downloads (ASCII, e.g. <c>hotline-weeks</c>) and the chart's id on a page.</param>
/// <param name="Title">The chart's title (the SVG's &lt;title&gt;, the table's caption, the sheet's name).</param>
/// <param name="Description">What it shows, in a sentence (the SVG's &lt;desc&gt;: scope, period, definition).</param>
/// <param name="LabelHeader">The heading of the label column (周, 区, 月份, …).</param>
public sealed record ChartData(string Name, string Title, string Description, string LabelHeader, IReadOnlyList<string> Labels,
    IReadOnlyList<ChartSeries> Series, ChartUnit Unit, ChartLayout Layout)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A figure as the table writes it: 1,234 · ¥1,234.56 · 95.3%; "—" for no figure.</summary>
    public string Format(double? v) => v is not { } x ? "—" : Unit switch
    {
        ChartUnit.Fen => new Fen((long)Math.Round(x)).ToString(),
        ChartUnit.Fraction => x.ToString("P1", Inv),
        _ => x.ToString("#,0", Inv),
    };

    /// <summary>A figure written short, for the chart's own labels: 1.2万 · 3.96亿元 · 95.3%.</summary>
    public string Short(double? v) => v is not { } x ? "" : Unit switch
    {
        ChartUnit.Fen => new Fen((long)Math.Round(x)).ToReportString(),
        ChartUnit.Fraction => x.ToString("P1", Inv),
        _ => Math.Abs(x) >= 100_000 ? (x / 10_000).ToString("#,0.#", Inv) + "万" : x.ToString("#,0", Inv),
    };

    /// <summary>A figure as a spreadsheet number: counts as integers, money in yuan (two decimals), fractions as fractions.</summary>
    public object? Cell(double? v) => v is not { } x ? null : Unit switch
    {
        ChartUnit.Fen => (long)Math.Round(x) / 100m,
        ChartUnit.Fraction => x,
        _ => (long)Math.Round(x),
    };
}
