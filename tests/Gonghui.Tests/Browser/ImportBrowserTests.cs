using Gonghui.Tests.Infrastructure;
using Microsoft.Playwright;
using static Gonghui.Tests.Organizations.ImportFixtures;

namespace Gonghui.Tests.Browser;

[Collection("browser")]
public sealed class ImportBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>
    /// Signs in as dongcheng. The first pages of a cold server (JIT, Razor, password hashing) can take long on a busy
    /// shared machine, so this page waits up to a minute rather than the fixture's 15 s.
    /// </summary>
    private async Task<IPage> SignedInAsync()
    {
        var page = await app.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        page.SetDefaultNavigationTimeout(60_000);
        await page.GotoAsync("/login");
        await page.FillAsync("#userName", "dongcheng");
        await page.FillAsync("#password", GonghuiApp.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(u => !u.Contains("/login"));
        return page;
    }

    [Fact]
    public async Task Staff_uploads_a_file_sees_progress_then_counts_and_row_errors()
    {
        var (unionId, union) = await NewUnionAsync(app, "DC");
        var csv = Csv(Row("网页导入", NewId(), union), Row("错号", "110101199001011235", union));
        var page = await SignedInAsync();

        await page.ClickAsync("nav >> text=批量导入");
        await page.WaitForURLAsync("**/members/import");
        await page.SetInputFilesAsync("#import-file", new FilePayload { Name = "网页.csv", MimeType = "text/csv", Buffer = Utf8(csv, bom: true) });
        await page.CheckAsync("input[name=skipInvalid]");
        await page.ClickAsync("#import-form button[type=submit]");

        await page.WaitForSelectorAsync("text=导入完成");
        Assert.Equal("1", (await page.InnerTextAsync("#count-created")).Trim());
        Assert.Equal("1", (await page.InnerTextAsync("#count-rejected")).Trim());
        var errors = await page.InnerTextAsync("#import-errors");
        Assert.Contains("身份证号", errors);
        Assert.Contains("3", errors);
        Assert.Contains("/errors.csv", await page.GetAttributeAsync("a[download][href*=errors]", "href"));
        Assert.Single(await MembersOfAsync(app, unionId));
    }

    [Fact]
    public async Task A_wrong_file_type_is_refused_next_to_the_field()
    {
        var page = await SignedInAsync();
        await page.GotoAsync("/members/import");
        await page.SetInputFilesAsync("#import-file", new FilePayload { Name = "photo.png", MimeType = "image/png", Buffer = [0x89, 0x50, 0x4E, 0x47] });
        await page.ClickAsync("#import-form button[type=submit]");
        await page.WaitForSelectorAsync("#import-file-error:has-text('CSV')");
        Assert.Contains("只能上传 CSV 或 XLSX 文件", await page.InnerTextAsync("#import-file-error"));
    }
}
