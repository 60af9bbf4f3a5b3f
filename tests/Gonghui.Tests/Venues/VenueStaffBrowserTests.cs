using System.Text;
using Gonghui.Tests.Infrastructure;

namespace Gonghui.Tests.Venues;

[Collection("browser")]
public sealed class VenueStaffBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Staff_add_a_venue_with_a_wrong_field_then_fix_it_and_find_it_in_the_list()
    {
        var page = await app.SignedInPageAsync("dongcheng");
        var tag = Guid.NewGuid().ToString("N")[..8];
        await page.GotoAsync("/venues/new");
        await page.WaitForSelectorAsync("#pin-map .leaflet-marker-icon"); // the pin map is up
        await page.FillAsync("#name", $"浏览器驿站{tag}");
        await page.FillAsync("#address", "北京市东城区测试路9号");
        await page.FillAsync("#hours", "sometimes");
        await page.ClickAsync("#venue-form button[type=submit]");
        await page.WaitForSelectorAsync("#hours[aria-invalid=true]");
        Assert.Contains("开放时间格式不正确", await page.InnerTextAsync("#venue-form"));
        Assert.Equal($"浏览器驿站{tag}", await page.InputValueAsync("#name")); // what was typed is kept

        await page.FillAsync("#hours", "Mo-Su 22:00-06:00");
        await page.ClickAsync("#pin-map", new() { Position = new() { X = 60, Y = 60 } }); // placing the pin fills the coordinates
        Assert.Equal("wgs84", await page.InputValueAsync("#crs"));
        await page.ClickAsync("#venue-form button[type=submit]");
        await page.WaitForURLAsync("**/venues?saved=1");
        await page.FillAsync("#q", tag);
        await page.ClickAsync("form[role=search] button[type=submit]");
        await page.WaitForSelectorAsync($"text=浏览器驿站{tag}");
        // The list says the hours in words (HoursInWords), not in OpenStreetMap's syntax.
        var grid = await page.InnerTextAsync("table.grid");
        Assert.Contains("22:00", grid);
        Assert.DoesNotContain("Mo-Su", grid);
    }

    [Fact]
    public async Task Staff_see_coverage_and_import_a_file()
    {
        var page = await app.SignedInPageAsync("dongcheng");
        await page.GotoAsync("/venues/coverage");
        Assert.Contains("东城区", await page.InnerTextAsync("table.grid"));

        var tag = Guid.NewGuid().ToString("N")[..8];
        await page.GotoAsync("/venues/import");
        await page.SetInputFilesAsync("#file", new Microsoft.Playwright.FilePayload
        {
            Name = "venues.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes($"类型,名称,地址,区县,纬度,经度,开放时间\n暖心驿站,导入驿站{tag},东城区某路1号,东城区,39.93,116.41,24/7\n母婴关爱室,坏行{tag},东城区某路2号,东城区,abc,116.41,24/7\n"),
        });
        await page.ClickAsync("button.primary");
        await page.WaitForSelectorAsync("[data-testid=import-result]");
        Assert.Contains("未导入任何数据", await page.InnerTextAsync("[data-testid=import-result]"));
        Assert.Contains("纬度", await page.InnerTextAsync("table.grid"));

        await page.SetInputFilesAsync("#file", new Microsoft.Playwright.FilePayload
        {
            Name = "venues.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes($"类型,名称,地址,区县,纬度,经度,开放时间\n暖心驿站,导入驿站{tag},东城区某路1号,东城区,39.93,116.41,24/7\n母婴关爱室,坏行{tag},东城区某路2号,东城区,abc,116.41,24/7\n"),
        });
        await page.CheckAsync("input[name=skipInvalid]");
        await page.ClickAsync("button.primary");
        await page.WaitForSelectorAsync("[data-testid=import-result].notice");
        Assert.Contains("已导入 1 个阵地", await page.InnerTextAsync("[data-testid=import-result]"));
    }

    [Fact]
    public async Task The_unit_of_a_venue_is_picked_by_typing_its_name_and_a_name_that_matches_nothing_is_not_taken()
    {
        var page = await app.SignedInPageAsync("dongcheng");
        await page.GotoAsync("/venues/new");
        await page.WaitForSelectorAsync("[data-testid=typeahead]");
        // The select stays in the form (it carries the value) but the search box takes its place and its label.
        Assert.False(await page.IsVisibleAsync("#unitId"));
        Assert.Equal("主办单位", (await page.InnerTextAsync("label[for=unitId-search]")).Trim());
        var options = await page.EvalOnSelectorAllAsync<string[][]>("#unitId option", "os => os.filter(o => o.value).map(o => [o.value, o.text])");
        Assert.True(options.Length >= 2, "Dongcheng has several units");
        Assert.Equal(options[0][1], await page.InputValueAsync("[data-testid=typeahead]")); // the selected unit is shown
        var target = options.Last();
        await page.FillAsync("[data-testid=typeahead]", target[1]);
        Assert.Equal(target[0], await page.EvalOnSelectorAsync<string>("#unitId", "s => s.value"));
        Assert.Equal(options.Length, await page.Locator("#unitId-choices option").CountAsync());
        await page.FillAsync("[data-testid=typeahead]", "没有这个单位");
        Assert.Equal(-1, await page.EvalOnSelectorAsync<int>("#unitId", "s => s.selectedIndex"));
        Assert.False(await page.EvalOnSelectorAsync<bool>("[data-testid=typeahead]", "i => i.validity.valid"));
    }
}
