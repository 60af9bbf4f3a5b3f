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
}
