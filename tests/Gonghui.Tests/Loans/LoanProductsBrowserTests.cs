using Gonghui.Modules.Loans;
using Gonghui.Platform.Identity;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Gonghui.Modules.Loans.Applications;

namespace Gonghui.Tests.Loans;

/// <summary>The loan products page (federation admin) and a worker applying for a start-up loan, in a real browser.</summary>
[Collection("browser")]
public sealed class LoanProductsBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_federation_admin_adds_a_product_in_yuan_with_errors_beside_the_fields_first()
    {
        var page = await app.SignedInPageAsync("admin");
        await page.GotoAsync(app.BaseUrl + "/loans");
        await page.ClickAsync(".toolbar >> text=贷款产品");
        await page.WaitForURLAsync("**/loans/products");
        var code = "ui-" + Guid.NewGuid().ToString("N")[..8];
        await page.FillAsync("#code", code);
        await page.FillAsync("#name", "页面新增贷款");
        await page.SelectOptionAsync("#kind", "WorkerEntrepreneur");
        await page.FillAsync("#minAmount", "5000");
        await page.FillAsync("#maxAmount", "1000.5");
        await page.FillAsync("#minMonths", "6");
        await page.FillAsync("#maxMonths", "24");
        await page.FillAsync("#rate", "4.35");
        await page.FillAsync("#purposes", "设备购置\n经营周转");
        await page.ClickAsync("[data-testid=save-product]");
        await page.WaitForSelectorAsync("#minAmount-error:not(:empty)");
        Assert.Contains("最低额度", await page.InnerTextAsync("#minAmount-error"));

        await page.FillAsync("#maxAmount", "200000.50");
        await page.ClickAsync("[data-testid=save-product]");
        await page.WaitForSelectorAsync("[data-testid=product-created]");
        var p = await app.WithDbAsync(db => db.Set<LoanProductRecord>().SingleAsync(x => x.Code == code));
        Assert.Equal((5_000_00L, 200_000_50L, 435, 6, 24), (p.MinAmountFen, p.MaxAmountFen, p.AnnualRateBp, p.MinMonths, p.MaxMonths));
        Assert.Equal(["设备购置", "经营周转"], p.PurposeList());
        Assert.Contains(code, await page.InnerTextAsync("[data-testid=products]"));
    }

    [Fact]
    public async Task A_worker_applies_for_a_start_up_loan_from_my_loans()
    {
        var page = await app.SignedInPageAsync("worker");
        await page.GotoAsync(app.BaseUrl + "/me/loans");
        await page.ClickAsync("[data-testid=my-loan-apply]");
        await page.WaitForURLAsync("**/me/loans/apply");
        if (await page.Locator("select#product").CountAsync() > 0) await page.SelectOptionAsync("select#product", LoanProductRecord.WorkerId.ToString());
        await page.FillAsync("#amount", "300000");
        await page.FillAsync("#months", "12");
        await page.SelectOptionAsync("#purpose", "经营周转");
        await page.FillAsync("#guarantor", "李四");
        await page.ClickAsync("[data-testid=apply-mine]");
        await page.WaitForSelectorAsync("#amount-error:not(:empty)");
        Assert.Contains("最高额度", await page.InnerTextAsync("#amount-error"));

        await page.FillAsync("#amount", "12345.67");
        await page.ClickAsync("[data-testid=apply-mine]");
        await page.WaitForURLAsync("**/me/loans");
        var own = await app.WithDbAsync(db => db.Set<AppUser>().Where(u => u.UserName == "worker").Select(u => u.MemberId).SingleAsync());
        Assert.True(await app.WithDbAsync(db => db.Set<Loan>().AnyAsync(l => l.MemberId == own && l.AmountFen == 12_345_67 && l.Status == LoanStatus.Applied)));
        Assert.Contains("¥12,345.67", System.Net.WebUtility.HtmlDecode(await page.ContentAsync()));
    }
}
