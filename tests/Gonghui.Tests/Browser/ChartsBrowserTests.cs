using System.Buffers.Binary;
using System.Xml.Linq;
using Gonghui.Tests.Charts;
using Gonghui.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Gonghui.Tests.Browser;

/// <summary>
/// A chart page in Chromium (issue 14.2): the hotline dashboard draws intake by week as an SVG chart beside a table with the
/// same figures, and the chart downloads as SVG (the same markup), PNG (drawn by the page's script: a real PNG at three
/// times the chart's width) and XLSX (the table's figures as numbers). With GONGHUI_SCREENS set (tools/screens.sh) the
/// page is saved as a screenshot.
/// </summary>
[Collection("browser")]
public sealed class ChartsBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_chart_shows_the_figures_of_its_table_and_downloads_as_SVG_PNG_and_XLSX()
    {
        var page = await app.SignedInPageAsync("admin");
        await page.GotoAsync("/hotline/dashboard");
        var block = page.Locator("[data-testid=weeks-chart]");
        await block.WaitForAsync();

        // The table beside the chart: one row per week, the same figures as the bars (and each bar's title says its figure).
        var labels = await page.EvalOnSelectorAllAsync<string[]>("[data-testid=weeks-chart-table] tbody th", "ths => ths.map(t => t.textContent.trim())");
        var table = await page.EvalOnSelectorAllAsync<string[]>("[data-testid=weeks-chart-table] tbody td", "tds => tds.map(t => t.textContent.trim())");
        var bars = await page.EvalOnSelectorAllAsync<string[]>("[data-testid=weeks-chart] svg rect.bar", "rs => rs.map(r => r.getAttribute('data-value'))");
        var titles = await page.EvalOnSelectorAllAsync<string[]>("[data-testid=weeks-chart] svg rect.bar title", "ts => ts.map(t => t.textContent)");
        Assert.Equal(8, labels.Length);
        var figures = table.Select(t => int.Parse(t.Replace(",", ""))).ToList();
        Assert.Equal(figures, bars.Select(int.Parse));
        Assert.True(figures.Sum() > 0, "the demo has no request in the last eight weeks");
        Assert.Equal(labels.Select((l, i) => $"{l} · 受理量：{table[i]}"), titles);
        Assert.Equal("近8周受理量", await page.Locator("[data-testid=weeks-chart] svg > title").TextContentAsync());
        await PhoneLayoutBrowserTests.ScreenAsync(page, "chart-hotline-weeks");

        // SVG: the same document as the page's (its root, its bars).
        var svg = await page.RunAndWaitForDownloadAsync(() => block.Locator("[data-download=svg]").ClickAsync());
        Assert.Equal("hotline-weeks.svg", svg.SuggestedFilename);
        var doc = XDocument.Load(await svg.PathAsync());
        Assert.Equal(ChartFiles.Svg + "svg", doc.Root!.Name);
        Assert.Equal(bars, doc.Root.Descendants(ChartFiles.Svg + "rect").Where(r => (string?)r.Attribute("class") == "bar").Select(r => r.Attribute("data-value")!.Value));

        // PNG: a PNG signature, 1080 px wide (three times the 360-unit viewBox), and more than a blank image's bytes.
        var png = await page.RunAndWaitForDownloadAsync(() => block.Locator("[data-download=png]").ClickAsync());
        Assert.Equal("hotline-weeks.png", png.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync(await png.PathAsync());
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal(1080, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.True(BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)) > 300, "the PNG is too short to hold the chart");
        Assert.True(bytes.Length > 10_000, $"the PNG has only {bytes.Length} bytes");

        // XLSX: the table's labels and figures, the figures as numbers.
        var xlsx = await page.RunAndWaitForDownloadAsync(() => block.Locator("[data-download=xlsx]").ClickAsync());
        Assert.Equal("hotline-weeks.xlsx", xlsx.SuggestedFilename);
        await using var file = File.OpenRead(await xlsx.PathAsync());
        var ms = new MemoryStream();
        await file.CopyToAsync(ms);
        ms.Position = 0;
        var (headers, rows) = ChartFiles.ReadXlsx(ms);
        Assert.Equal(["周（起始日）", "受理量"], headers);
        Assert.Equal(labels, rows.Select(r => (string)r[0]!));
        Assert.All(rows, r => Assert.False(r[1] is null or string, $"{r[0]}: the figure is not stored as a number"));
        Assert.Equal(figures, rows.Select(r => (int)ChartFiles.Number(r[1])!.Value));
        await page.Context.CloseAsync();
    }
}
