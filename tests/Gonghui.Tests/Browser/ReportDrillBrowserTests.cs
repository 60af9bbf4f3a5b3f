using Gonghui.Modules.Reports.Scenario;
using Gonghui.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Gonghui.Tests.Browser;

/// <summary>The browser app with the 2020 scenario generated at the test scale (0.01), for the report page's drill-down.</summary>
public sealed class ScenarioBrowserApp : BrowserApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Gonghui:Scenario", ScenarioCli.Name)];
}

/// <summary>
/// Issue 19 leftover: a figure of the 2020 report links to the list of its records with the report's period and unit, and the list
/// counts the same records (hotline requests: 870 at 0.01, under the lists' exact-count cap of 1,000) for the city and for a district.
/// </summary>
[Collection("browser")]
public sealed class ReportDrillBrowserTests(ScenarioBrowserApp app) : IClassFixture<ScenarioBrowserApp>
{
    [Fact]
    public async Task Clicking_a_figure_of_the_2020_report_lists_as_many_records_for_the_city_and_for_a_district()
    {
        var page = await app.SignedInPageAsync("admin");
        await page.GotoAsync("/reports?year=2020");
        var units = await page.EvalOnSelectorAllAsync<string[]>("#unit option", "os => os.map(o => o.value)");
        Assert.True(units.Length > 2, "the federation offers its districts");

        foreach (var query in new[] { "year=2020", $"year=2020&quarter=2&unit={units[1]}" })
        {
            await page.GotoAsync("/reports?" + query);
            var figure = page.Locator("[data-testid='drill-hotline.requests']");
            await figure.WaitForAsync();
            var shown = (await figure.TextContentAsync())!.Trim();
            var href = await figure.GetAttributeAsync("href");
            Assert.Contains("from=2020-", href);
            Assert.Contains("to=202", href);
            if (query.Contains("unit=")) Assert.Contains("unit=" + units[1], href);
            var count = long.Parse(shown.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(count is > 0 and < 1000, $"{query}: {shown} requests (the list counts exactly below 1,000)");

            await figure.ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("/hotline?", StringComparison.Ordinal));
            await page.Locator("[data-testid=drill-filter]").WaitForAsync();
            var total = (await page.Locator("[data-testid=queue-total]").TextContentAsync())!;
            Assert.Equal($"共 {count} 件", total.Trim());
        }

        // A bad period is a message on the page, not a list of everything.
        await page.GotoAsync("/hotline?from=2020-13-01&to=2021-01-01");
        await page.Locator("[data-testid=drill-error]").WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-testid=hotline-queue]").CountAsync());
    }

    /// <summary>Service visits (4.77M a year at full scale) drill to the visits list: a district's month, under the exact-count cap, counts the same.</summary>
    [Fact]
    public async Task Clicking_the_service_visits_of_a_districts_month_lists_as_many_visits()
    {
        var page = await app.SignedInPageAsync("admin");
        await page.GotoAsync("/reports?year=2020");
        var units = await page.EvalOnSelectorAllAsync<string[]>("#unit option", "os => os.map(o => o.value)");
        await page.GotoAsync($"/reports?year=2020&month=7&unit={units[1]}");
        var figure = page.Locator("[data-testid='drill-services.visits']");
        await figure.WaitForAsync();
        var href = await figure.GetAttributeAsync("href");
        Assert.Equal($"/services/visits?from=2020-07-01&to=2020-08-01&unit={units[1]}", href);
        var count = long.Parse((await figure.TextContentAsync())!.Trim().Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(count is > 0 and < 1000, $"{count} visits (the list counts exactly below 1,000)");

        await figure.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/services/visits?", StringComparison.Ordinal));
        await page.Locator("[data-testid=drill-filter]").WaitForAsync();
        Assert.Equal($"共 {count} 人次", (await page.Locator("[data-testid=visits-total]").TextContentAsync())!.Trim());
        var rows = page.Locator("[data-testid=service-visits] tbody tr");
        Assert.Equal((int)Math.Min(count, 50), await rows.CountAsync());
        // The rows are the month's, newest first, the members' names masked.
        var times = await page.EvalOnSelectorAllAsync<string[]>("[data-testid=service-visits] tbody tr td:first-child", "tds => tds.map(t => t.textContent.trim())");
        Assert.All(times, t => Assert.StartsWith("2020-07-", t));
        Assert.Equal(times.OrderByDescending(t => t, StringComparer.Ordinal), times);
        Assert.All(await page.EvalOnSelectorAllAsync<string[]>("[data-testid=service-visits] tbody tr td:nth-child(4)", "tds => tds.map(t => t.textContent)"),
            n => Assert.Contains("*", n));
        if (count > 50)
        {
            await page.Locator("nav.pager a[rel=next]").ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("after=", StringComparison.Ordinal));
            Assert.Equal($"共 {count} 人次", (await page.Locator("[data-testid=visits-total]").TextContentAsync())!.Trim());
        }

        // A bad period is a message on the page, not a list of everything.
        await page.GotoAsync("/services/visits?from=2020-07-01&to=2020-06-01");
        await page.Locator("[data-testid=drill-error]").WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-testid=service-visits]").CountAsync());
    }
}
