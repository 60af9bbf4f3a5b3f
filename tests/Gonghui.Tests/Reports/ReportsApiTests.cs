using System.Net;
using System.Text;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Reports.Indicators;
using Gonghui.Platform.Indicators;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Tests.Reports;

/// <summary>The report over the demo data (scale 0.01) on each provider: scope, bad input, the districts adding up, XLSX and PDF.</summary>
public abstract class ReportsApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private const string Base = "/api/v1/reports";

    private static async Task<IndicatorReportDto> ReportAsync(HttpClient c, string query)
    {
        var res = await c.GetAsync($"{Base}/indicators?{query}");
        Assert.True(res.StatusCode == HttpStatusCode.OK, await res.Content.ReadAsStringAsync());
        return (await res.ReadJsonAsync<IndicatorReportDto>())!;
    }

    [Fact]
    public async Task Every_registered_figure_is_in_the_report_once_under_its_part()
    {
        var admin = await app.ClientAsync("admin");
        var defs = (await (await admin.GetAsync($"{Base}/definitions")).ReadJsonAsync<List<DefinitionDto>>())!;
        Assert.Equal(defs.Count, defs.Select(d => d.Key).Distinct().Count());
        Assert.All(defs, d => Assert.Contains(d.Part, ReportParts.All));
        var report = await ReportAsync(admin, "year=2020");
        Assert.Equal(defs.Select(d => d.Key), report.Parts.SelectMany(p => p.Figures).Select(f => f.Key));
        Assert.All(report.Parts.SelectMany(p => p.Figures), f => Assert.NotEqual("error", f.Flag));
        Assert.Equal(new DateOnly(2020, 1, 1), report.From);
        Assert.Equal(new DateOnly(2021, 1, 1), report.To);
    }

    [Fact]
    public async Task The_districts_add_up_to_no_more_than_the_city_and_a_district_sees_its_own_figures()
    {
        var admin = await app.ClientAsync("admin");
        var city = await ReportAsync(admin, "year=2020&districts=true");
        foreach (var f in city.Parts.SelectMany(p => p.Figures).Where(f => f.Unit != IndicatorUnit.BasisPoints && f.Flag is null))
        {
            // A district's figure never exceeds the city's (sums can't, and distinct counts such as trades overlap between districts).
            Assert.All(f.Districts, d => Assert.True(d.Value <= f.Value, $"{f.Key}: {d.Name} {d.Value} > city {f.Value}"));
            Assert.Equal(f.Districts.OrderByDescending(d => d.Value).Select(d => d.Value), f.Districts.OrderBy(d => d.Rank).Select(d => d.Value));
        }
        var dongcheng = await app.WithDbAsync(db => db.UnitRows().Where(u => u.Code == "DC").Select(u => u.Id).SingleAsync());
        var dc = await ReportAsync(await app.ClientAsync("dongcheng"), "year=2020");
        var asAdmin = await ReportAsync(admin, $"year=2020&unit={dongcheng}");
        Assert.Equal(dongcheng, dc.Unit.Id);
        Assert.Equal(asAdmin.Parts.SelectMany(p => p.Figures).Select(f => (f.Key, f.Value)), dc.Parts.SelectMany(p => p.Figures).Select(f => (f.Key, f.Value)));
        foreach (var f in city.Parts.SelectMany(p => p.Figures).Where(f => f.Districts.Count > 0))
            Assert.Equal(f.Districts.Single(d => d.UnitId == dongcheng).Value,
                asAdmin.Parts.SelectMany(p => p.Figures).Single(x => x.Key == f.Key).Value);
    }

    [Fact]
    public async Task A_unit_out_of_scope_is_not_found_and_bad_periods_name_the_field()
    {
        var xicheng = await app.WithDbAsync(db => db.UnitRows().Where(u => u.Code == "XC").Select(u => u.Id).SingleAsync());
        var dc = await app.ClientAsync("dongcheng");
        Assert.Equal(HttpStatusCode.NotFound, (await dc.GetAsync($"{Base}/indicators?year=2020&unit={xicheng}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dc.GetAsync($"{Base}/indicators?year=2020&unit={Guid.NewGuid()}")).StatusCode);
        foreach (var (query, field) in new[] { ("", "year"), ("year=1999", "year"), ("year=2020&quarter=5", "quarter"), ("year=2020&quarter=1&month=2", "month"),
                     ("year=2020&month=0", "month") })
        {
            var res = await dc.GetAsync($"{Base}/indicators?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
            Assert.Contains($"\"{field}\"", await res.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await dc.GetAsync($"{Base}/indicators?year=abc")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("worker")).GetAsync($"{Base}/indicators?year=2020")).StatusCode);
    }

    [Fact]
    public async Task A_year_without_records_answers_with_its_figures_flagged_not_zero()
    {
        var report = await ReportAsync(await app.ClientAsync("admin"), "year=2001");
        var figures = report.Parts.SelectMany(p => p.Figures).ToDictionary(f => f.Key);
        // Flows with no record in 2001 are flagged, never a silent 0 (stock figures such as the trades of the contests may still count).
        foreach (var key in new[] { "hotline.requests", "legal.cases", "mutualaid.payouts" }.Where(figures.ContainsKey))
            Assert.Equal((0L, "no-data"), (figures[key].Value, figures[key].Flag));
        Assert.All(figures.Values, f => Assert.True(f.Flag is not null || f.Value >= 0, f.Key));
    }

    [Fact]
    public async Task The_workbook_has_a_cover_and_a_sheet_per_part_with_numbers_as_numbers()
    {
        var admin = await app.ClientAsync("admin");
        var report = await ReportAsync(admin, "year=2020");
        var res = await admin.GetAsync($"{Base}/annual.xlsx?year=2020");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        using var ms = new MemoryStream(await res.Content.ReadAsByteArrayAsync());
        var sheets = MiniExcelLibs.MiniExcel.GetSheetNames(ms);
        Assert.Equal("封面", sheets[0]);
        Assert.Equal(report.Parts.Count, sheets.Count(s => s != "封面" && s != "各区排名"));
        foreach (var part in report.Parts)
        {
            ms.Position = 0;
            var rows = MiniExcelLibs.MiniExcel.Query(ms, useHeaderRow: true, sheetName: sheets[report.Parts.ToList().IndexOf(part) + 1])
                .Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(part.Figures.Select(f => f.Key), rows.Select(r => r["代码"]?.ToString()));
            foreach (var (f, r) in part.Figures.Zip(rows).Where(x => x.First.Flag is null))
            {
                var cell = r["数值"];
                Assert.True(cell is double or decimal or long or int, $"{f.Key}: {cell?.GetType().Name}");
                var expected = f.Unit switch { IndicatorUnit.Fen => f.Value / 100m, IndicatorUnit.BasisPoints => f.Value / 10_000m, _ => f.Value };
                Assert.Equal(expected, Convert.ToDecimal(cell, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public async Task The_PDF_embeds_a_Chinese_font_and_has_a_page_per_part()
    {
        var admin = await app.ClientAsync("admin");
        var report = await ReportAsync(admin, "year=2020");
        var res = await admin.GetAsync($"{Base}/annual.pdf?year=2020");
        Assert.True(res.StatusCode == HttpStatusCode.OK, await res.Content.ReadAsStringAsync());
        Assert.Equal("application/pdf", res.Content.Headers.ContentType?.MediaType);
        var bytes = await res.Content.ReadAsByteArrayAsync();
        var text = Encoding.Latin1.GetString(bytes);
        Assert.StartsWith("%PDF-", text);
        Assert.Matches(@"/FontName\s*/[A-Z]{6}\+NotoSansCJKsc", text); // a subset of Noto Sans CJK SC (simplified Chinese), embedded
        var pages = System.Text.RegularExpressions.Regex.Matches(text, @"/Type\s*/Page[^s]").Count;
        Assert.True(pages >= report.Parts.Count + 3, $"{pages} pages for {report.Parts.Count} parts"); // cover, contents, parts, definitions
        // The printable page is the same document.
        var html = await (await admin.GetAsync("/reports/print?year=2020")).Content.ReadAsStringAsync();
        Assert.Contains("2020", html);
        foreach (var p in report.Parts) Assert.Contains(p.Title, html);
    }
}

public sealed class ReportsApiTests_Sqlite(SqliteApp app) : ReportsApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class ReportsApiTests_Postgres(PostgresApp app) : ReportsApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
