using System.Text;
using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Tests.Infrastructure;
using Gonghui.Tests.Loans;
using Microsoft.Playwright;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Tests.FeeRefunds;

[Collection("browser")]
public sealed class FeeRefundsBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Fees_imported_on_the_page_are_computed_approved_and_paid_in_a_batch()
    {
        var small = await LoansTestData.FirmAsync(app, "110101", SizeClass.Small);
        var medium = await LoansTestData.FirmAsync(app, "110101", SizeClass.Medium);
        var page = await app.SignedInPageAsync("dongcheng");

        FilePayload Csv(string text) => new() { Name = "fees.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };
        var bad = $"统一社会信用代码,年度,工资总额,会费,企业规模\n{small.CreditCode},2020,395000,,\n{small.CreditCode},20x1,400000,,\n{medium.CreditCode},2020,1000000,,特大型\n";
        await page.GotoAsync("/fee-refunds/import");
        await page.SetInputFilesAsync("#fee-file", Csv(bad));
        await page.ClickAsync("[data-testid=import-submit]");
        await page.WaitForSelectorAsync("[data-testid=import-result]");
        Assert.Contains("未导入", await page.InnerTextAsync("[data-testid=import-result]"));
        var errors = await page.InnerTextAsync("[data-testid=import-errors]");
        Assert.Contains("年度", errors);
        Assert.Contains("企业规模", errors);
        Assert.Matches(@"\b3\b", errors);

        var good = $"统一社会信用代码,年度,工资总额,会费,企业规模\n{small.CreditCode},2020,395000,,\n{small.CreditCode},2021,400000,,\n{medium.CreditCode},2020,1000000,,\n";
        await page.GotoAsync("/fee-refunds/import");
        await page.SetInputFilesAsync("#fee-file", Csv(good));
        await page.ClickAsync("[data-testid=import-submit]");
        await page.WaitForSelectorAsync("[data-testid=import-result]:has-text('已导入 3 条')");

        await page.GotoAsync("/fee-refunds/batch?q=" + Uri.EscapeDataString(small.Name));
        await page.ClickAsync("[data-testid=compute]");
        await page.WaitForSelectorAsync("[data-testid=compute-result]");
        await page.GotoAsync("/fee-refunds/batch?status=Due&q=" + Uri.EscapeDataString(small.Name));
        Assert.Equal(2, await page.Locator("[data-testid=batch-refunds] tbody tr").CountAsync());
        Assert.Contains("¥15,900.00", await page.InnerTextAsync("[data-testid=batch-totals]")); // 7,900 + 8,000
        await page.CheckAsync("[data-testid=all-shown]");
        await page.ClickAsync("[data-testid=batch-approve]");
        await page.WaitForSelectorAsync("[data-testid=batch-result]:has-text('已批准 2 笔')");
        Assert.Contains("¥15,900.00", await page.InnerTextAsync("[data-testid=batch-result]"));

        await page.GotoAsync("/fee-refunds/batch?status=Approved&q=" + Uri.EscapeDataString(small.Name));
        foreach (var box in await page.Locator("[data-testid=batch-refunds] input[name=ids]").AllAsync()) await box.CheckAsync();
        await page.ClickAsync("[data-testid=batch-pay]");
        await page.WaitForSelectorAsync("[data-testid=batch-result]:has-text('已支付 2 笔')");

        await page.GotoAsync($"/fee-refunds/firms/{small.Id}");
        Assert.Contains("¥15,900.00", await page.InnerTextAsync("[data-testid=firm-refunded]"));
        await page.GotoAsync($"/fee-refunds/firms/{medium.Id}");
        Assert.Contains("不属于返还对象", await page.InnerTextAsync("[data-testid=firm-refund]"));
        Assert.Equal(1, await page.Locator("[data-testid=firm-why-not]").CountAsync());
    }
}
