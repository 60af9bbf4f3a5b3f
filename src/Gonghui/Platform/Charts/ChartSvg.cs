using System.Globalization;
using System.Net;
using System.Text;

namespace Gonghui.Platform.Charts;

/// <summary>
/// Draws a <see cref="ChartData"/> as a standalone SVG document: the same markup is inlined in the page and served as the
/// .svg download, and the page's script draws it onto a canvas for the PNG. No script and no chart library: the viewBox is a
/// phone's width (360), so on a phone text is at its natural size and on a desktop the chart grows with its box; the
/// font stack names the CJK fonts, so the file renders Chinese labels on its own. Accessible: role="img" labelled by its
/// &lt;title&gt; and &lt;desc&gt;, and each bar and point carries a &lt;title&gt; with its label, series and figure.
/// </summary>
public static class ChartSvg
{
    public const int Width = 360;
    private const string Font = "'Noto Sans CJK SC','PingFang SC','Microsoft YaHei','Source Han Sans SC',sans-serif";
    private static readonly string[] Colours = ["#b4121b", "#1d4ed8", "#1a7f37", "#9a6700", "#6e40c9", "#0e7490"];
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Colour(int series) => Colours[series % Colours.Length];

    public static string Render(ChartData d)
    {
        var sb = new StringBuilder(4096);
        var body = new StringBuilder(4096);
        var legendHeight = Legend(body, d);
        var height = d.Layout == ChartLayout.Categories ? Categories(body, d, legendHeight) : Time(body, d, legendHeight);
        var id = "chart-" + d.Name;
        sb.Append(Inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" ");
        sb.Append(Inv, $"aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{Font}\" preserveAspectRatio=\"xMinYMin meet\">");
        sb.Append(Inv, $"<title id=\"{id}-title\">{E(d.Title)}</title><desc id=\"{id}-desc\">{E(d.Description)}</desc>");
        sb.Append(Inv, $"<rect width=\"{Width}\" height=\"{height}\" fill=\"#fff\"/>");
        sb.Append(body);
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>One swatch and name per series, wrapped onto as many lines as the width needs; returns the height used.</summary>
    private static int Legend(StringBuilder sb, ChartData d)
    {
        double x = 0;
        var y = 2;
        for (var s = 0; s < d.Series.Count; s++)
        {
            var w = 24 + TextWidth(d.Series[s].Name, 11);
            if (x > 0 && x + w > Width) { x = 0; y += 16; }
            var mark = d.Series[s].Kind == SeriesKind.Line
                ? $"<line x1=\"{F(x)}\" y1=\"{y + 5}\" x2=\"{F(x + 10)}\" y2=\"{y + 5}\" stroke=\"{Colour(s)}\" stroke-width=\"2\"/>"
                : $"<rect x=\"{F(x)}\" y=\"{y}\" width=\"10\" height=\"10\" fill=\"{Colour(s)}\"/>";
            sb.Append(Inv, $"<g class=\"legend\">{mark}<text x=\"{F(x + 14)}\" y=\"{y + 9}\" font-size=\"11\">{E(d.Series[s].Name)}</text></g>");
            x += w;
        }
        return y + 16;
    }

    /// <summary>Horizontal bars: a group per label, a bar per series, the figure written at the bar's end.</summary>
    private static int Categories(StringBuilder sb, ChartData d, int top)
    {
        const int labelWidth = 104, barHeight = 8;
        const int barWidth = Width - labelWidth - 60; // room for the figure after the longest bar
        var bars = d.Series.Count;
        var group = 6 + bars * (barHeight + 1);
        var max = d.Unit == ChartUnit.Fraction ? 1 : d.Series.SelectMany(s => s.Values).Select(v => v ?? 0).DefaultIfEmpty(0).Max(); // no labels: an empty chart, not an error
        for (var r = 0; r < d.Labels.Count; r++)
        {
            var y0 = top + r * group;
            var label = d.Labels[r];
            sb.Append(Inv, $"<g><text x=\"0\" y=\"{F(y0 + group / 2.0 + 2)}\" font-size=\"11\"><title>{E(label)}</title>{E(Clip(label, 8))}</text></g>");
            for (var s = 0; s < bars; s++)
            {
                var v = d.Series[s].Values.Count > r ? d.Series[s].Values[r] : null;
                var w = max <= 0 || v is not { } x ? 0 : Math.Clamp(x / max, 0, 1) * barWidth;
                var y = y0 + 3 + s * (barHeight + 1);
                sb.Append(Inv, $"<g><rect class=\"bar\" x=\"{labelWidth}\" y=\"{y}\" width=\"{F(w)}\" height=\"{barHeight}\" fill=\"{Colour(s)}\" data-value=\"{V(v)}\">");
                sb.Append(Inv, $"<title>{E(label)} · {E(d.Series[s].Name)}：{E(d.Format(v))}</title></rect>");
                sb.Append(Inv, $"<text x=\"{F(labelWidth + w + 3)}\" y=\"{y + barHeight - 1}\" font-size=\"9\" fill=\"#333\">{E(d.Short(v))}</text></g>");
            }
        }
        return top + Math.Max(1, d.Labels.Count) * group + 4;
    }

    /// <summary>Time along the x axis: bars for the bar series (side by side), a line with points for each line series, one y axis.</summary>
    private static int Time(StringBuilder sb, ChartData d, int top)
    {
        const int left = 46, right = 8, plotHeight = 170, axisLabels = 22;
        var plotTop = top + 6;
        var plotWidth = Width - left - right;
        var bottom = plotTop + plotHeight;
        var values = d.Series.SelectMany(s => s.Values).Where(v => v is not null).Select(v => v!.Value).ToList();
        var (min, max) = d.Unit == ChartUnit.Fraction ? (0.0, 1.0) : (Math.Min(0, values.DefaultIfEmpty(0).Min()), Nice(values.DefaultIfEmpty(0).Max()));
        if (max <= min) max = min + 1;
        double Y(double v) => bottom - (v - min) / (max - min) * plotHeight;

        // Grid and y axis: five lines from the floor to the top, the figures written short.
        for (var i = 0; i <= 4; i++)
        {
            var v = min + (max - min) * i / 4;
            var y = Y(v);
            sb.Append(Inv, $"<line x1=\"{left}\" y1=\"{F(y)}\" x2=\"{Width - right}\" y2=\"{F(y)}\" stroke=\"{(i == 0 ? "#888" : "#ddd")}\" stroke-width=\"1\"/>");
            sb.Append(Inv, $"<g><text x=\"{left - 4}\" y=\"{F(y + 3)}\" font-size=\"9\" text-anchor=\"end\" fill=\"#555\">{E(Tick(d, v))}</text></g>");
        }
        var n = Math.Max(1, d.Labels.Count);
        var slot = plotWidth / (double)n;
        double X(int i) => left + slot * (i + 0.5);
        // x labels: as many as fit without touching, the last one always.
        var widest = d.Labels.Select(l => TextWidth(l, 9)).DefaultIfEmpty(0).Max() + 4;
        var step = Math.Max(1, (int)Math.Ceiling(widest / slot));
        for (var i = 0; i < d.Labels.Count; i++)
            if (i % step == 0 || (i == d.Labels.Count - 1 && (d.Labels.Count - 1) % step >= step / 2.0))
                sb.Append(Inv, $"<g><text x=\"{F(X(i))}\" y=\"{bottom + 13}\" font-size=\"9\" text-anchor=\"middle\" fill=\"#333\">{E(d.Labels[i])}</text></g>");

        var barSeries = Enumerable.Range(0, d.Series.Count).Where(s => d.Series[s].Kind == SeriesKind.Bar).ToList();
        var barWidth = barSeries.Count == 0 ? 0 : slot * 0.8 / barSeries.Count;
        for (var b = 0; b < barSeries.Count; b++)
        {
            var s = barSeries[b];
            for (var i = 0; i < d.Labels.Count; i++)
            {
                var v = d.Series[s].Values.Count > i ? d.Series[s].Values[i] : null;
                var y = v is { } x ? Y(Math.Max(min, x)) : bottom;
                var zero = Y(Math.Max(min, 0));
                var x0 = left + slot * i + slot * 0.1 + b * barWidth;
                sb.Append(Inv, $"<rect class=\"bar\" x=\"{F(x0)}\" y=\"{F(Math.Min(y, zero))}\" width=\"{F(Math.Max(0.5, barWidth - 1))}\" height=\"{F(Math.Abs(zero - y))}\" fill=\"{Colour(s)}\" data-value=\"{V(v)}\">");
                sb.Append(Inv, $"<title>{E(d.Labels[i])} · {E(d.Series[s].Name)}：{E(d.Format(v))}</title></rect>");
            }
        }
        for (var s = 0; s < d.Series.Count; s++)
        {
            if (d.Series[s].Kind != SeriesKind.Line) continue;
            // A gap (no figure) breaks the line: one polyline per run of figures.
            var run = new List<string>();
            void Flush()
            {
                if (run.Count > 1) sb.Append(Inv, $"<polyline fill=\"none\" stroke=\"{Colour(s)}\" stroke-width=\"2\" points=\"{string.Join(' ', run)}\"/>");
                run.Clear();
            }
            for (var i = 0; i < d.Labels.Count; i++)
            {
                var v = d.Series[s].Values.Count > i ? d.Series[s].Values[i] : null;
                if (v is not { } x) { Flush(); continue; }
                run.Add($"{F(X(i))},{F(Y(x))}");
            }
            Flush();
            for (var i = 0; i < d.Labels.Count; i++)
            {
                if ((d.Series[s].Values.Count > i ? d.Series[s].Values[i] : null) is not { } x) continue;
                sb.Append(Inv, $"<circle class=\"point\" cx=\"{F(X(i))}\" cy=\"{F(Y(x))}\" r=\"2.5\" fill=\"{Colour(s)}\" data-value=\"{V(x)}\">");
                sb.Append(Inv, $"<title>{E(d.Labels[i])} · {E(d.Series[s].Name)}：{E(d.Format(x))}</title></circle>");
            }
        }
        return bottom + axisLabels;
    }

    /// <summary>The smallest of 1, 2, 2.5, 5 × 10^k at or above the value (an axis that ends on a round figure).</summary>
    internal static double Nice(double v)
    {
        if (v <= 0) return 1;
        var p = Math.Pow(10, Math.Floor(Math.Log10(v)));
        foreach (var m in new[] { 1, 2, 2.5, 5, 10 })
            if (m * p >= v) return m * p;
        return 10 * p;
    }

    private static string Tick(ChartData d, double v) => d.Unit switch
    {
        ChartUnit.Fraction => v.ToString("P0", Inv),
        ChartUnit.Fen => Math.Abs(v) >= 100_000_000_00 ? (v / 100_000_000_00).ToString("0.##", Inv) + "亿" :
                         Math.Abs(v) >= 1_000_000 ? (v / 1_000_000).ToString("0.##", Inv) + "万" : (v / 100).ToString("#,0", Inv),
        _ => Math.Abs(v) >= 100_000 ? (v / 10_000).ToString("0.##", Inv) + "万" : v.ToString("#,0.##", Inv),
    };

    /// <summary>An estimate of a label's width: a CJK character is one em, anything else about 0.6 em.</summary>
    internal static double TextWidth(string s, double size) => s.Sum(c => c > 0x2E80 ? size : size * 0.6);

    private static string Clip(string label, int chars) => label.Length <= chars ? label : label[..(chars - 1)] + "…";
    private static string E(string s) => WebUtility.HtmlEncode(s);
    private static string F(double v) => v.ToString("0.#", Inv);
    private static string V(double? v) => v is { } x ? x.ToString("R", Inv) : "";
}
