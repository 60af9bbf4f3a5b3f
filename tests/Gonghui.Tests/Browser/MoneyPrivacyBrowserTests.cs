using System.Net;
using Gonghui.Modules.Hotline.Endpoints;
using Gonghui.Tests.Infrastructure;

namespace Gonghui.Tests.Browser;

/// <summary>In Chromium: the fee-refund policy form saves new versions with their history; the hotline request page reveals a phone with a reason.</summary>
[Collection("browser")]
public sealed class MoneyPrivacyBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_policy_is_created_and_revised_on_the_page_and_its_history_kept()
    {
        var code = "B-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var page = await app.SignedInPageAsync("admin");
        await page.GotoAsync("/fee-refunds/policies");
        await page.FillAsync("#code", code);
        await page.FillAsync("#name", "页面新建政策");
        await page.FillAsync("#fromYear", "2024");
        await page.FillAsync("#toYear", "2025");
        await page.CheckAsync("input[name=Classes][value=Small]");
        await page.CheckAsync("input[name=Classes][value=Micro]");
        await page.FillAsync("#share", "100");
        await page.ClickAsync("[data-testid=save-policy]");
        // No reason: refused next to the field, nothing saved.
        await page.WaitForSelectorAsync("#reason-error:has-text('原因')");
        await page.FillAsync("#reason", "新政策上线");
        await page.ClickAsync("[data-testid=save-policy]");
        await page.WaitForSelectorAsync("[data-testid=policy-saved]:has-text('第1版')");

        await page.FillAsync("#share", "62.5");
        await page.FillAsync("#cap", "8000");
        await page.FillAsync("#reason", "比例下调");
        await page.ClickAsync("[data-testid=save-policy]");
        await page.WaitForSelectorAsync("[data-testid=policy-saved]:has-text('第2版')");
        var history = page.Locator("[data-testid=policy-history] tbody tr");
        Assert.Equal(2, await history.CountAsync());
        Assert.Contains("62.5%", await history.Nth(0).InnerTextAsync());
        Assert.Contains("¥8,000.00", await history.Nth(0).InnerTextAsync());
        Assert.Contains("比例下调", await history.Nth(0).InnerTextAsync());
        Assert.Contains("100%", await history.Nth(1).InnerTextAsync());
        Assert.Contains("小型", await history.Nth(1).InnerTextAsync());
    }

    [Fact]
    public async Task The_request_page_reveals_a_phone_with_a_reason_and_puts_it_on_the_timeline()
    {
        // The browser fixture serves on a real socket: the API is called there too.
        var agent = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        agent.DefaultRequestHeaders.Authorization = new("Bearer", await app.TokenAsync("agent"));
        var phone = "137" + Random.Shared.Next(10000000, 99999999);
        var filed = await agent.PostJsonAsync("/api/v1/hotline/requests", new
        {
            category = "labor-dispute", urgency = "Normal", description = "拖欠工资", callerName = "李师傅", phone, districtCode = "110101", channel = "Phone",
        });
        var r = (await filed.ReadJsonAsync<RequestDto>())!;
        Assert.Equal(HttpStatusCode.OK, (await agent.PostJsonAsync($"/api/v1/hotline/requests/{r.Id}/dispatch", new { })).StatusCode);

        var page = await app.SignedInPageAsync("dongcheng");
        await page.GotoAsync($"/hotline/requests/{r.Id}");
        Assert.Matches(@"^137\*\*\*\*\d{4}$", (await page.InnerTextAsync("[data-testid=phone]")).Trim());
        await page.FillAsync("#reveal-reason", "核对回访号码");
        await page.ClickAsync("[data-testid=reveal-phone]");
        await page.WaitForSelectorAsync($"[data-testid=phone]:has-text('{phone}')");
        Assert.Contains("核对回访号码", await page.InnerTextAsync("[data-testid=timeline]"));
        Assert.Contains("查看完整电话", await page.InnerTextAsync("[data-testid=timeline]"));
    }
}
