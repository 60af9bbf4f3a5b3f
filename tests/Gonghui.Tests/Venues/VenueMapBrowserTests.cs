using Gonghui.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Gonghui.Tests.Venues;

[Collection("browser")]
public sealed class VenueMapBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_worker_on_a_phone_finds_open_warm_stations_nearest_first_and_opens_one()
    {
        var page = await app.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await page.GotoAsync("/map");
        await page.WaitForSelectorAsync("#venue-list li");

        await page.FillAsync("#map-where", "39.9087, 116.3975");
        await page.ClickAsync("#map-go");
        await page.SelectOptionAsync("#map-type", "WarmStation");
        await page.CheckAsync("#map-open");
        // The list reloads after each change; wait until every entry is an open warm station.
        await page.WaitForFunctionAsync("""
            () => { const li = [...document.querySelectorAll('#venue-list li')];
                    return li.length > 0 && li.every(x => x.dataset.type === 'WarmStation'); }
            """);
        var distances = await page.EvalOnSelectorAllAsync<double[]>("#venue-list li", "els => els.map(e => parseFloat(e.dataset.distance))");
        Assert.NotEmpty(distances);
        Assert.Equal(distances.Order(), distances);
        var badges = await page.Locator("#venue-list li .tag.ok").CountAsync();
        Assert.Equal(distances.Length, badges);
        // Markers are drawn (clustered) on the plain background: no tile server is configured.
        await page.WaitForSelectorAsync("#map .leaflet-marker-icon");
        Assert.Contains("no-tiles", await page.GetAttributeAsync("#map", "class"));

        var first = page.Locator("#venue-list li a.venue-name").First;
        var name = await first.InnerTextAsync();
        await first.ClickAsync();
        await page.WaitForURLAsync("**/map/venues/**");
        await page.Locator("h1", new() { HasText = name }).WaitForAsync();
        Assert.Contains("暖心驿站", await page.InnerTextAsync("main"));
        Assert.StartsWith("tel:", await page.GetAttributeAsync("a[href^='tel:']", "href"));
        Assert.Contains("uri.amap.com", await page.GetAttributeAsync("text=高德地图", "href"));
        Assert.Contains("coord_type=bd09ll", await page.GetAttributeAsync("text=百度地图", "href"));
    }
}
