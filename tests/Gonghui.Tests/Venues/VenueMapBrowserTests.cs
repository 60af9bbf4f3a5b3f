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
        Assert.True(await page.IsVisibleAsync("[data-testid=map-offline]"), "no notice that the base map is missing");

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

/// <summary>A tile server is configured but cannot be reached (no internet): the map says so and the list still works.</summary>
public sealed class UnreachableTilesBrowserApp : BrowserApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [new("Gonghui:Venues:TileUrl", "https://tiles.gonghui.invalid/{z}/{x}/{y}.png")];
}

[Collection("browser")]
public sealed class OfflineMapBrowserTests(UnreachableTilesBrowserApp app) : IClassFixture<UnreachableTilesBrowserApp>
{
    [Fact]
    public async Task Without_the_online_tiles_the_map_says_so_and_the_list_still_finds_venues()
    {
        var page = await app.NewPageAsync(new ViewportSize { Width = 375, Height = 812 });
        // Every request that leaves this machine fails, as on a phone without internet (the tiles among them).
        var blocked = new System.Collections.Concurrent.ConcurrentBag<string>();
        await page.RouteAsync("**/*", async r =>
        {
            var host = new Uri(r.Request.Url).Host;
            if (host is "localhost" || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip)))
                await r.ContinueAsync();
            else { blocked.Add(r.Request.Url); await r.AbortAsync("internetdisconnected"); }
        });
        await page.GotoAsync("/map");
        var notice = page.Locator("[data-testid=map-offline]");
        await notice.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        Assert.Contains("在线底图无法加载", await notice.InnerTextAsync());
        Assert.Contains(blocked, u => u.StartsWith("https://tiles.gonghui.invalid/", StringComparison.Ordinal));
        // The shipped district outlines and their 16 names are drawn under the venues.
        await page.WaitForFunctionAsync("() => document.querySelector('#venue-map-page').dataset.districtsDrawn === '16'");
        Assert.Equal(16, await page.Locator("#map path.district-shape").CountAsync());
        var drawn = await page.Locator("#map .leaflet-pane path.district-shape").EvaluateAllAsync<int>(
            "ps => ps.filter(p => (p.getAttribute('d') || '').length > 10).length");
        Assert.True(drawn >= 2, $"only {drawn} district outlines visible around Tiananmen");
        var labels = await page.Locator("#map .district-label").AllInnerTextsAsync();
        Assert.Equal(Gonghui.Modules.Organizations.Public.BeijingDistricts.All.Select(d => d.Name).Order(), labels.Order());
        Assert.True(await page.Locator("#map .district-label", new() { HasText = "东城区" }).IsVisibleAsync(), "东城区 is not labelled at Tiananmen");
        var panes = await page.EvaluateAsync<int[]>("""
            () => ['districts', 'district-labels', 'marker'].map(n => +getComputedStyle(document.querySelector('.leaflet-' + n + '-pane')).zIndex)
            """);
        Assert.True(panes[0] < panes[2] && panes[1] < panes[2], "the districts are not drawn under the venues");
        await page.WaitForSelectorAsync("#venue-list li");
        await page.FillAsync("#map-where", "东城区");
        await page.ClickAsync("#map-go");
        await page.WaitForFunctionAsync("() => document.querySelector('#map-list-origin').textContent.includes('东城')");
        Assert.True(await page.Locator("#venue-list li").CountAsync() > 0);
        Assert.True(await page.EvaluateAsync<int>("document.scrollingElement.scrollWidth") <= 376, "the map page scrolls sideways at 375 px");
        await Gonghui.Tests.Browser.PhoneLayoutBrowserTests.ScreenAsync(page, "map-phone-offline");
        await page.Context.CloseAsync();
    }
}
