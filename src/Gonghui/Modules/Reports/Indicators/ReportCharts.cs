using Gonghui.Platform.Charts;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Indicators;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Reports.Indicators;

/// <summary>
/// The report's district rankings as charts of the platform's family (issue 14.2): one chart per figure, drawn on /reports with
/// its table and SVG/PNG/XLSX downloads (<c>/api/v1/reports/charts/ranking.svg|.xlsx?year=…&amp;figure=KEY</c>, the same query as
/// the page), and in the report's PDF as the same SVG.
/// </summary>
public sealed class ReportCharts(ReportBuilder builder, IStringLocalizer<ReportsText> L)
{
    /// <summary>How many districts a ranking shows (Beijing has 16; a longer list of units is cut).</summary>
    public const int MaxRows = 20;

    /// <summary>The ranking of one figure of a computed report (the page and the PDF draw the report they already have).</summary>
    public static ChartData Ranking(IndicatorReportDto report, FigureDto f, IStringLocalizer<ReportsText> L)
    {
        var rows = f.Districts.OrderBy(d => d.Rank).ThenBy(d => d.Name, StringComparer.Ordinal).Take(MaxRows).ToList();
        var (unit, scale) = f.Unit switch
        {
            IndicatorUnit.Fen => (ChartUnit.Fen, 1.0),
            IndicatorUnit.BasisPoints => (ChartUnit.Fraction, 10_000.0),
            _ => (ChartUnit.Count, 1.0),
        };
        return new ChartData("report-ranking-" + f.Key.Replace('.', '-'), L["RankingOf", f.Name],
            $"{report.Unit.Name} · {report.Period} · {f.Definition}", L["Xlsx.District"],
            [.. rows.Select(d => $"{d.Rank}. {d.Name}")],
            [new ChartSeries(report.Period, [.. rows.Select(d => (double?)(d.Value / scale))])], unit, ChartLayout.Categories);
    }

    /// <summary>The ranking of the figure named by <c>figure</c>, for the period and unit of the query (as <c>/reports</c> reads them).</summary>
    public async Task<Outcome<ChartData>> RankingAsync(IQueryCollection q, CancellationToken ct)
    {
        if (!ChartEndpoints.TryInt(q, "year", 2000, 2100, out var year, out var bad)
            || !ChartEndpoints.TryInt(q, "quarter", 1, 4, out var quarter, out bad)
            || !ChartEndpoints.TryInt(q, "month", 1, 12, out var month, out bad)) return bad;
        var u = q["unit"].ToString();
        Guid? unit = null;
        if (u.Length > 0)
        {
            if (!Guid.TryParse(u, out var id)) return Outcome<ChartData>.Invalid("unit", "chart.unit");
            unit = id;
        }
        var key = q["figure"].ToString();
        var o = await builder.BuildAsync(year, quarter, month, unit, true, ct);
        if (!o.IsOk) return o.As<ChartData>();
        var figure = o.Value!.Parts.SelectMany(p => p.Figures).FirstOrDefault(f => f.Key == key);
        return figure is null ? Outcome<ChartData>.NotFound() : Outcome<ChartData>.Ok(Ranking(o.Value, figure, L));
    }

    internal static void Map(IEndpointRouteBuilder app) =>
        app.MapChart<ReportCharts>("/api/v1/reports/charts/ranking", Permissions.ReportsRead, (c, q, ct) => c.RankingAsync(q, ct));
}
