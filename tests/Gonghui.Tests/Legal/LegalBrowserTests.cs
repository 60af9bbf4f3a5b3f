using Gonghui.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Gonghui.Tests.Legal;

[Collection("browser")]
public sealed class LegalBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task District_staff_open_a_case_see_its_clock_and_the_conflict_refusal_in_words()
    {
        var page = await app.SignedInPageAsync("dongcheng");
        await page.ClickAsync("nav >> text=法律援助");
        await page.WaitForURLAsync("**/legal");
        await page.ClickAsync("text=登记案件");
        await page.SelectOptionAsync("#type", "Mediation");
        await page.FillAsync("#worker", "浏览器职工");
        await page.FillAsync("#phone", "1381234");
        await page.FillAsync("#employer", "北京浏览器测试有限公司");
        await page.FillAsync("#received", "2021-01-20");
        await page.FillAsync("#knew", "2020-12-01");
        await page.SelectOptionAsync("select[name=ClaimKind0]", "Overtime");
        await page.FillAsync("input[name=ClaimAmount0]", "8000");
        await page.ClickAsync("[data-testid=open-case]");
        // A bad phone is worded next to the field and nothing is opened.
        var error = await page.WaitForSelectorAsync(".field-error");
        Assert.Contains("11位手机号码", await error!.InnerTextAsync());

        await page.FillAsync("#phone", "13812345678");
        await page.ClickAsync("[data-testid=open-case]");
        await page.WaitForURLAsync("**/legal/cases/*");
        Assert.Contains("¥8,000.00", await page.InnerTextAsync("[data-testid=claims]"));

        // The limitation (overtime: one year from knowing, 1 Dec 2021) is the running clock; mediation adds its own.
        Assert.Contains("2021-12-01", await page.InnerTextAsync("[data-testid=deadlines]"));
        await page.FillAsync("#MediationAppliedOn", "2021-01-27");
        await page.ClickAsync("[data-testid=save-steps]");
        await page.WaitForSelectorAsync("[data-testid=deadlines]:has-text('调解期限')");
        var deadlines = await page.InnerTextAsync("[data-testid=deadlines]");
        Assert.Contains("2021-02-18", deadlines);
        Assert.Contains("已逾期", deadlines);

        // Acceptance before the application: the reason beside the field, in Chinese.
        await page.FillAsync("#ArbitrationAppliedOn", "2021-02-09");
        await page.FillAsync("#AcceptedOn", "2021-02-01");
        await page.ClickAsync("[data-testid=save-steps]");
        var accepted = await page.WaitForSelectorAsync(".field-error");
        Assert.Contains("受理日不能早于申请仲裁日", await accepted!.InnerTextAsync());

        // Close with the recovered amount; the case shows its outcome.
        await page.FillAsync("#ClosedOn", "2021-02-08");
        await page.FillAsync("#rec0", "6000");
        await page.ClickAsync("[data-testid=close-case]");
        await page.WaitForSelectorAsync("h1:has-text('达成调解协议')");
        Assert.Contains("¥6,000.00", await page.InnerTextAsync("[data-testid=claims]"));

        await page.GotoAsync("/legal/stats?year=2021");
        Assert.Contains("¥6,000.00", await page.InnerTextAsync("main"));
    }
}
