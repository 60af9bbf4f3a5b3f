using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
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

    [Fact]
    public async Task A_worker_types_a_street_or_an_employer_and_the_map_centres_on_the_hit_with_reading_rooms_beside_the_venues()
    {
        var page = await app.NewPageAsync(new ViewportSize { Width = 375, Height = 812 });
        await page.GotoAsync("/map");
        await page.WaitForSelectorAsync("#venue-list li");

        // A district by its short name: the type-ahead offers it, Enter takes the first hit.
        await page.Locator("#map-where").PressSequentiallyAsync("海淀");
        await page.Locator("#map-suggest li[data-kind=district]", new() { HasText = "海淀区" }).WaitForAsync();
        Assert.Equal("true", await page.GetAttributeAsync("#map-where", "aria-expanded"));
        await page.Locator("#map-where").PressAsync("ArrowDown");
        await page.Locator("#map-where").PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.querySelector('#venue-map-page').dataset.highlighted === 'district:海淀区'");
        Assert.Contains("海淀区", await page.InnerTextAsync("#map-list-origin"));
        Assert.Equal(1, await page.Locator("#map path.search-hit").CountAsync());

        // A venue by a piece of its street address, picked with the pointer: the list is then nearest that venue.
        var picked = await app.WithDbAsync(db => db.Set<Gonghui.Modules.Venues.Listing.Venue>().Where(v => v.Published && v.DistrictCode == "110105")
            .OrderBy(v => v.Name).Select(v => new { v.Name, v.Address }).FirstAsync());
        var (name, address) = (picked.Name, picked.Address);
        var street = address.StartsWith("北京市", StringComparison.Ordinal) ? address[3..] : address; // e.g. 朝阳区建国路123号
        await page.FillAsync("#map-where", "");
        await page.Locator("#map-where").PressSequentiallyAsync(street);
        var venueHit = page.Locator("#map-suggest li[data-kind=venue]", new() { HasText = name });
        await venueHit.WaitForAsync();
        await venueHit.ClickAsync();
        await page.WaitForFunctionAsync("n => document.querySelector('#venue-map-page').dataset.highlighted === 'venue:' + n", name);
        await page.WaitForFunctionAsync("n => document.querySelector('#venue-list li a.venue-name')?.textContent === n", name);
        Assert.True(await page.Locator("#map-suggest").IsHiddenAsync());

        // An employer from the registry.
        var firm = await app.WithDbAsync(db => Gonghui.Modules.Organizations.Public.RegistryQueries.EnterpriseRows(db).OrderBy(e => e.Name).Select(e => e.Name).FirstAsync());
        await page.FillAsync("#map-where", "");
        await page.Locator("#map-where").PressSequentiallyAsync(firm);
        await page.Locator("#map-suggest li[data-kind=employer]", new() { HasText = firm }).WaitForAsync();
        Assert.Equal("单位", await page.Locator("#map-suggest li[data-kind=employer] .tag").First.InnerTextAsync());

        // Reading rooms are drawn as their own layer where the map looks (demo rooms lie around each district's centre).
        await page.FillAsync("#map-where", "");
        await page.Locator("#map-where").PressSequentiallyAsync("东城区");
        await page.Locator("#map-suggest li[data-kind=district]").First.WaitForAsync();
        await page.Locator("#map-where").PressAsync("Enter");
        await page.WaitForFunctionAsync("() => +(document.querySelector('#venue-map-page').dataset.roomsLoaded || 0) > 0");
        Assert.True(await page.Locator("#map .room-dot").CountAsync() > 0);
        // Filtering venues by type hides the rooms (they are not venues).
        await page.SelectOptionAsync("#map-type", "WarmStation");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#map .room-dot').length === 0");
        Assert.True(await page.EvaluateAsync<int>("document.scrollingElement.scrollWidth") <= 376, "the map page scrolls sideways at 375 px");
        await page.Context.CloseAsync();
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
