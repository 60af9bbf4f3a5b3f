using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Gonghui.Modules.Hotline.Requests;
using Gonghui.Platform.Charts;
using Gonghui.Platform.Time;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Tests.Charts;

/// <summary>What the chart tests read back: a chart's workbook (headers and rows) and its SVG document.</summary>
internal static class ChartFiles
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static (List<string> Headers, List<object?[]> Rows) ReadXlsx(Stream s)
    {
        var rows = MiniExcelLibs.MiniExcel.Query(s, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        s.Position = 0;
        var headers = MiniExcelLibs.MiniExcel.GetColumns(s, useHeaderRow: true).Select(h => h?.ToString() ?? "").ToList();
        return (headers, rows.Select(r => headers.Select(h => r[h]).ToArray()).ToList());
    }

    public static async Task<(List<string> Headers, List<object?[]> Rows)> XlsxAsync(HttpClient c, string url)
    {
        var res = await c.GetAsync(url);
        Assert.True(res.StatusCode == HttpStatusCode.OK, $"{url}: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        Assert.Equal(ChartXlsx.ContentType, res.Content.Headers.ContentType?.MediaType);
        var ms = new MemoryStream(await res.Content.ReadAsByteArrayAsync());
        return ReadXlsx(ms);
    }

    public static async Task<XDocument> SvgAsync(HttpClient c, string url)
    {
        var res = await c.GetAsync(url);
        Assert.True(res.StatusCode == HttpStatusCode.OK, $"{url}: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        Assert.Equal("image/svg+xml", res.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(await res.Content.ReadAsStringAsync());
    }

    /// <summary>A spreadsheet cell as a number (MiniExcel reads numbers back as double); null for an empty cell.</summary>
    public static double? Number(object? cell) => cell switch
    {
        null => null,
        double d => d,
        string { Length: 0 } => null,
        IConvertible c => c.ToDouble(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"not a number: {cell}"),
    };
}

/// <summary>The chart family itself: the SVG is a well-formed, labelled document, the buckets put each date where it belongs.</summary>
public sealed class ChartRenderingTests
{
    private static readonly ChartData Time = new("t", "标题<一>", "说明 & 定义", "月份", ["1月", "2月", "3月"],
        [new ChartSeries("受理量", [3, 0, 12]), new ChartSeries("解决", [1, null, 5], SeriesKind.Line)], ChartUnit.Count, ChartLayout.Time);

    [Fact]
    public void A_chart_without_figures_is_drawn_empty_not_an_error()
    {
        // A district without requests in the last weeks has no categories: the dashboard answered 500 on it once.
        foreach (var layout in new[] { ChartLayout.Categories, ChartLayout.Time })
        {
            var empty = new ChartData("e", "空", "无数据", "类别", [], [new ChartSeries("受理量", [])], ChartUnit.Count, layout);
            var root = XDocument.Parse(ChartSvg.Render(empty)).Root!;
            Assert.DoesNotContain(root.Descendants(ChartFiles.Svg + "rect"), r => (string?)r.Attribute("class") == "bar");
        }
    }

    [Fact]
    public void A_time_chart_is_an_svg_document_with_its_title_description_bars_and_points()
    {
        var doc = XDocument.Parse(ChartSvg.Render(Time));
        var root = doc.Root!;
        Assert.Equal(ChartFiles.Svg + "svg", root.Name);
        Assert.Equal("标题<一>", root.Element(ChartFiles.Svg + "title")!.Value);
        Assert.Equal("说明 & 定义", root.Element(ChartFiles.Svg + "desc")!.Value);
        Assert.Equal("img", root.Attribute("role")!.Value);
        Assert.Equal("chart-t-title chart-t-desc", root.Attribute("aria-labelledby")!.Value);
        Assert.Contains("Noto Sans CJK SC", root.Attribute("font-family")!.Value);
        var bars = root.Descendants(ChartFiles.Svg + "rect").Where(r => (string?)r.Attribute("class") == "bar").ToList();
        Assert.Equal(["3", "0", "12"], bars.Select(b => b.Attribute("data-value")!.Value));
        Assert.Equal("3月 · 受理量：12", bars[2].Element(ChartFiles.Svg + "title")!.Value);
        // The line skips the month without a figure: two points, and no polyline (a run needs two points in a row).
        Assert.Equal(["1", "5"], root.Descendants(ChartFiles.Svg + "circle").Select(c => c.Attribute("data-value")!.Value));
        Assert.Empty(root.Descendants(ChartFiles.Svg + "polyline"));
        Assert.Equal("360", root.Attribute("width")!.Value);
        // The tallest bar reaches the top of a round axis (20 for 12): it is 12/20 of the plot's height.
        var heights = bars.Select(b => double.Parse(b.Attribute("height")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(0, heights[1]);
        Assert.Equal(4.0, heights[2] / heights[0], 1);
    }

    [Fact]
    public void Category_bars_scale_rates_to_the_full_width_and_write_every_figure()
    {
        var d = new ChartData("r", "三率", "d", "单位", ["东城区总工会", "一个名字很长很长的产业工会"],
            [new ChartSeries("响应率", [1.0, 0.5])], ChartUnit.Fraction, ChartLayout.Categories);
        var root = XDocument.Parse(ChartSvg.Render(d)).Root!;
        var bars = root.Descendants(ChartFiles.Svg + "rect").Where(r => (string?)r.Attribute("class") == "bar").ToList();
        var widths = bars.Select(b => double.Parse(b.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2 * widths[1], widths[0], 0);
        Assert.Contains(root.Descendants(ChartFiles.Svg + "text"), t => t.Value == "50.0 %"); // as the rate tables write it (HotlineUi.Pct)
        Assert.Contains(root.Descendants(ChartFiles.Svg + "text"), t => t.Value.EndsWith('…')); // a long name is clipped, its <title> whole
        Assert.Contains(root.Descendants(ChartFiles.Svg + "title"), t => t.Value == "一个名字很长很长的产业工会");
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(7, 10)]
    [InlineData(12, 20)]
    [InlineData(21, 25)]
    [InlineData(2600, 5000)]
    [InlineData(100, 100)]
    public void The_axis_ends_on_a_round_figure(double max, double nice) => Assert.Equal(nice, ChartSvg.Nice(max));

    [Fact]
    public void Buckets_put_each_date_in_its_month_and_nothing_outside()
    {
        var bounds = Buckets.MonthsOf(2026);
        var index = Buckets.Index<DateTimeOffset, DateTimeOffset>(t => t, bounds).Compile();
        var within = Buckets.Within<DateTimeOffset, DateTimeOffset>(t => t, bounds).Compile();
        Assert.Equal(0, index(BeijingTime.ToUtc(new DateOnly(2026, 1, 1), TimeOnly.MinValue)));
        Assert.Equal(0, index(BeijingTime.ToUtc(new DateOnly(2026, 1, 31), new TimeOnly(23, 59))));
        Assert.Equal(1, index(BeijingTime.ToUtc(new DateOnly(2026, 2, 1), TimeOnly.MinValue)));
        Assert.Equal(11, index(BeijingTime.ToUtc(new DateOnly(2026, 12, 31), new TimeOnly(23, 59))));
        Assert.False(within(BeijingTime.ToUtc(new DateOnly(2027, 1, 1), TimeOnly.MinValue)));
        Assert.False(within(BeijingTime.ToUtc(new DateOnly(2025, 12, 31), new TimeOnly(23, 59))));
        // 2026-01-31 16:30 UTC is already 1 February in Beijing.
        Assert.Equal(1, index(new DateTimeOffset(2026, 1, 31, 16, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Figures_are_written_as_the_table_shows_them_and_stored_as_numbers()
    {
        var money = Time with { Unit = ChartUnit.Fen };
        Assert.Equal("¥1,234.56", money.Format(123456));
        Assert.Equal(1234.56m, money.Cell(123456));
        Assert.Equal("—", money.Format(null));
        Assert.Null(money.Cell(null));
        Assert.Equal("95.3 %", (Time with { Unit = ChartUnit.Fraction }).Format(0.953));
        Assert.Equal(12L, Time.Cell(12));
        Assert.Equal("12,345", Time.Format(12345));
    }
}

/// <summary>
/// The hotline's charts over HTTP on SQLite and PostgreSQL: the figures the database groups (weeks, months) equal the same
/// figures counted another way (the rows bucketed here; the rates endpoint month by month), the downloads carry them, the
/// scope holds, and bad input is a 400 naming the field.
/// </summary>
public abstract class HotlineChartsTests<TApp>(TApp app) where TApp : GonghuiApp
{
    [Fact]
    public async Task Intake_by_week_is_the_requests_received_in_each_week_of_the_callers_scope()
    {
        var admin = await app.ClientAsync("admin");
        var (headers, rows) = await ChartFiles.XlsxAsync(admin, "/api/v1/hotline/charts/weeks.xlsx?weeks=10");
        Assert.Equal(2, headers.Count);
        Assert.Equal(10, rows.Count);
        var today = BeijingTime.Today(TimeProvider.System);
        var end = BeijingTime.StartOfDayUtc(today.AddDays(1));
        var received = await app.WithDbAsync(db => db.Set<HotlineRequest>().Select(r => r.ReceivedAt).ToListAsync());
        var expected = Enumerable.Range(0, 10).Select(i => received.Count(t => t >= end.AddDays(-7 * (10 - i)) && t < end.AddDays(-7 * (9 - i)))).ToList();
        Assert.True(expected.Sum() > 0, "the demo has no request in the last ten weeks");
        Assert.Equal(expected, rows.Select(r => (int)ChartFiles.Number(r[1])!.Value));
        Assert.Equal(BeijingTime.ToLocal(end.AddDays(-70)).ToString("MM-dd"), rows[0][0]);

        // The SVG holds the same figures, one bar each.
        var svg = await ChartFiles.SvgAsync(admin, "/api/v1/hotline/charts/weeks.svg?weeks=10");
        Assert.Equal(expected.Select(e => e.ToString()), svg.Descendants(ChartFiles.Svg + "rect").Where(r => (string?)r.Attribute("class") == "bar").Select(r => r.Attribute("data-value")!.Value));

        // A district sees its own requests only: fewer or as many, never more, in every week.
        var dc = await app.ClientAsync("dongcheng");
        var (_, dcRows) = await ChartFiles.XlsxAsync(dc, "/api/v1/hotline/charts/weeks.xlsx?weeks=10");
        Assert.All(dcRows.Zip(rows), p => Assert.True(ChartFiles.Number(p.First[1]) <= ChartFiles.Number(p.Second[1])));

        // By category over the same weeks: the same total.
        var (_, cats) = await ChartFiles.XlsxAsync(admin, "/api/v1/hotline/charts/categories.xlsx?weeks=10");
        Assert.Equal(expected.Sum(), cats.Sum(r => (int)ChartFiles.Number(r[1])!.Value));
    }

    [Fact]
    public async Task The_three_rates_by_month_equal_the_rates_of_each_month_computed_alone()
    {
        var admin = await app.ClientAsync("admin");
        var year = BeijingTime.Year(TimeProvider.System);
        var (headers, rows) = await ChartFiles.XlsxAsync(admin, $"/api/v1/hotline/charts/rates-monthly.xlsx?year={year}");
        Assert.Equal(4, headers.Count);
        Assert.Equal(12, rows.Count);
        var withVisits = 0;
        for (var m = 1; m <= 12; m++)
        {
            var from = BeijingTime.StartOfMonthUtc(year, m);
            var to = m == 12 ? BeijingTime.StartOfYearUtc(year + 1) : BeijingTime.StartOfMonthUtc(year, m + 1);
            var res = await admin.GetAsync($"/api/v1/hotline/rates?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}");
            Assert.Equal(HttpStatusCode.OK, res.StatusCode);
            var city = JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement.GetProperty("city");
            var row = rows[m - 1];
            if (city.GetProperty("validVisits").GetInt32() == 0)
            {
                Assert.All(row.Skip(1), c => Assert.Null(ChartFiles.Number(c)));
                continue;
            }
            withVisits++;
            Assert.Equal(city.GetProperty("responseRate").GetDouble(), ChartFiles.Number(row[1])!.Value, 9);
            Assert.Equal(city.GetProperty("resolutionRate").GetDouble(), ChartFiles.Number(row[2])!.Value, 9);
            Assert.Equal(city.GetProperty("satisfactionRate").GetDouble(), ChartFiles.Number(row[3])!.Value, 9);
        }
        Assert.True(withVisits > 0, "no month of the year has a return visit");

        // The ranking holds every district with visits, ranked; bad input names its field; a unit out of scope is not found.
        var (_, ranking) = await ChartFiles.XlsxAsync(admin, $"/api/v1/hotline/charts/ranking.xlsx?from={year}-01-01");
        Assert.NotEmpty(ranking);
        Assert.StartsWith("1. ", (string)ranking[0][0]!);
        foreach (var (url, field) in new[] { ("rates-monthly.svg?year=1999", "year"), ("rates-monthly.xlsx?unit=x", "unit"), ("ranking.svg?from=2026-13-01", "from"), ("weeks.svg?weeks=1", "weeks") })
        {
            var bad = await admin.GetAsync("/api/v1/hotline/charts/" + url);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.True(JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(field, out _), url);
        }
        var dc = await app.ClientAsync("dongcheng");
        var xicheng = await app.WithDbAsync(db => db.Set<Gonghui.Modules.Organizations.Units.OrgUnit>().Where(u => u.Code == "XC").Select(u => u.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await dc.GetAsync($"/api/v1/hotline/charts/rates-monthly.svg?unit={xicheng}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/hotline/charts/rates-monthly.svg?unit={xicheng}")).StatusCode);
        // An agent works requests and supervises nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("agent")).GetAsync("/api/v1/hotline/charts/weeks.svg")).StatusCode);
    }
}

public sealed class HotlineChartsTests_Sqlite(SqliteApp app) : HotlineChartsTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class HotlineChartsTests_Postgres(PostgresApp app) : HotlineChartsTests<PostgresApp>(app), IClassFixture<PostgresApp>;
