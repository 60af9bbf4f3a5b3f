using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Tests.Infrastructure;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Tests.Loans;

[Collection("browser")]
public sealed class LoansBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Staff_apply_for_a_loan_approve_and_disburse_it_in_the_review_queue_and_record_a_repayment()
    {
        var firm = await LoansTestData.FirmAsync(app, "110101", SizeClass.Micro);
        await LoansTestData.BudgetAsync(app, "/BJ/DC/", 24_000_00);
        var page = await app.SignedInPageAsync("dongcheng");

        await page.GotoAsync("/loans/new?product=small-firm");
        await page.FillAsync("#creditCode", firm.CreditCode);
        await page.FillAsync("#amount", "600000");
        await page.FillAsync("#months", "12");
        await page.SelectOptionAsync("#purpose", "设备购置");
        await page.FillAsync("#guarantor", "北京市中小企业融资再担保有限公司");
        await page.ClickAsync("[data-testid=apply]");
        // Over the product's limit: the form says so next to the amount and keeps what was typed.
        await page.WaitForSelectorAsync("#amount-error:has-text('最高额度')");
        Assert.Equal(firm.CreditCode, await page.InputValueAsync("#creditCode"));

        await page.FillAsync("#amount", "24000");
        await page.FillAsync("#phone", "13800001111");
        await page.ClickAsync("[data-testid=apply]");
        await page.WaitForURLAsync(u => u.Contains("/loans/") && !u.Contains("/new"));
        var loanUrl = page.Url;
        Assert.Contains("待审核", await page.InnerTextAsync("[data-testid=loan-status]"));
        Assert.Contains("¥2,000.00", await page.InnerTextAsync("[data-testid=loan-schedule]"));

        await page.GotoAsync("/loans/review");
        await page.Locator("[data-testid=review-applied] tr", new() { HasText = firm.Name }).Locator("button[value=approve]").ClickAsync();
        await page.WaitForSelectorAsync($"[data-testid=review-message]:has-text('{firm.Name}')");
        await page.Locator("[data-testid=review-approved] tr", new() { HasText = firm.Name }).Locator("button[value=disburse]").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=review-message]:has-text('放款')");

        await page.GotoAsync(loanUrl);
        Assert.Contains("还款中", await page.InnerTextAsync("[data-testid=loan-status]"));
        Assert.Contains("¥24,000.00", await page.InnerTextAsync("[data-testid=loan-payoff]"));
        await page.FillAsync("#repay-amount", "2000");
        await page.ClickAsync("[data-testid=repay]");
        await page.WaitForSelectorAsync("[data-testid=loan-repaid]:has-text('¥2,000.00')");
        Assert.Contains("已还清", await page.InnerTextAsync("[data-testid=loan-schedule] tbody tr:first-child"));
        Assert.Contains("¥22,000.00", await page.InnerTextAsync("[data-testid=loan-payoff]"));
        var history = await page.InnerTextAsync("[data-testid=loan-history]");
        Assert.Contains("批准", history);
        Assert.Contains("登记还款 ¥2,000.00", history);
        Assert.Contains("支付", await page.InnerTextAsync("[data-testid=loan-ledger]"));

        // Too much is refused next to the field.
        await page.FillAsync("#repay-amount", "30000");
        await page.ClickAsync("[data-testid=repay]");
        await page.WaitForSelectorAsync("#repay-amount-error:has-text('提前结清')");

        await page.GotoAsync("/loans?status=Disbursed&q=" + Uri.EscapeDataString(firm.Name));
        Assert.Contains(firm.Name, await page.InnerTextAsync("[data-testid=loans]"));
    }
}
