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

        // The form previews first (the default mode): nothing is written until the user confirms.
        await page.WaitForSelectorAsync("#import-confirm");
        Assert.Equal("1", (await page.InnerTextAsync("#preview-new")).Trim());
        Assert.Equal("1", (await page.InnerTextAsync("#preview-errors")).Trim());
        Assert.Empty(await MembersOfAsync(app, unionId));
        await page.ClickAsync("#import-confirm button[type=submit]");

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
    public async Task A_preview_shows_a_registered_persons_old_and_new_values_and_the_change_lands_only_when_confirmed()
    {
        var (unionId, union) = await NewUnionAsync(app, "DC");
        var id = NewId();
        var page = await SignedInAsync();
        // Register the person through the page itself (preview, confirm), then upload a file that renames them.
        await UploadThroughThePageAsync(page, Csv(Row("陈静", id, union, phone: "13712345678")));
        await page.ClickAsync("#import-confirm button[type=submit]");
        await page.WaitForSelectorAsync("text=导入完成");

        await UploadThroughThePageAsync(page, Csv(Row("陈晶", id, union, phone: "13712340000"), Row("新同事", NewId(), union)));

        Assert.Equal("1", (await page.InnerTextAsync("#preview-new")).Trim());
        Assert.Equal("1", (await page.InnerTextAsync("#preview-changed")).Trim());
        var changes = await page.InnerTextAsync("#import-changes");
        Assert.Contains("陈静", changes);
        Assert.Contains("陈晶", changes);
        Assert.Contains("姓名", changes);
        Assert.Contains("手机号", changes);
        Assert.DoesNotContain(id, changes);
        Assert.DoesNotContain("13712345678", changes); // phones masked on both sides
        Assert.Equal("陈静", Assert.Single(await MembersOfAsync(app, unionId)).Name);
        Assert.Contains("变更 1 人", await page.InnerTextAsync("#import-confirm button[type=submit]"));

        await page.ClickAsync("#import-confirm button[type=submit]");
        await page.WaitForSelectorAsync("text=导入完成");
        Assert.Equal("1", (await page.InnerTextAsync("#count-updated")).Trim());
        Assert.Equal(new[] { "陈晶", "新同事" }.Order(StringComparer.Ordinal), (await MembersOfAsync(app, unionId)).Select(m => m.Name).Order(StringComparer.Ordinal));
    }

    private static async Task UploadThroughThePageAsync(IPage page, string csv)
    {
        await page.GotoAsync("/members/import");
        await page.SetInputFilesAsync("#import-file", new FilePayload { Name = "名单.csv", MimeType = "text/csv", Buffer = Utf8(csv, bom: true) });
        await page.ClickAsync("#import-form button[type=submit]");
        await page.WaitForSelectorAsync("#import-confirm");
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
