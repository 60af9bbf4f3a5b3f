using Gonghui.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Gonghui.Tests.Hotline;

[Collection("browser")]
public sealed class HotlineBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static Task StateIs(IPage page, string text) =>
        page.Locator("[data-testid=state]").Filter(new() { HasText = text }).WaitForAsync();

    [Fact]
    public async Task Agent_takes_a_call_dongcheng_handles_it_agent_visits_back_and_the_rates_change()
    {
        // The rates are the supervisor's page; the agent takes and visits back the call.
        var supervisor = await app.SignedInPageAsync("admin");
        await supervisor.GotoAsync("/hotline/rates");
        var before = int.Parse(await supervisor.InnerTextAsync("[data-testid=city-visits]"));
        var agent = await app.SignedInPageAsync("agent");
        await agent.GotoAsync("/");

        await agent.ClickAsync("nav >> text=来电受理");
        await agent.WaitForURLAsync("**/hotline/intake");
        var phone = "1381234" + Random.Shared.Next(1000, 9999);
        await agent.FillAsync("#phone", phone);
        await agent.SelectOptionAsync("#category", "labor-dispute");
        await agent.SelectOptionAsync("#district", "110101");
        await agent.FillAsync("#callerName", "李师傅");
        await agent.FillAsync("#description", "浏览器测试：公司拖欠两个月工资");
        await agent.ClickAsync("[data-testid=intake-form] button[type=submit]");
        await agent.WaitForURLAsync("**/hotline/requests/**");
        await StateIs(agent, "已受理");
        var url = agent.Url;
        // The suggestion is the district union of 东城; the agent keeps it and dispatches.
        // The units are a type-ahead: the suggested one shows in its search box, and the agent types it to keep it.
        Assert.Equal("东城区总工会", (await agent.Locator("#unit option:checked").InnerTextAsync()).Trim());
        Assert.Equal("东城区总工会", await agent.InputValueAsync("#unit-search"));
        await agent.KeepChoiceByTypingAsync("#unit");
        await agent.ClickAsync("button[data-action=dispatch]");
        await StateIs(agent, "已派单");

        var dc = await app.SignedInPageAsync("dongcheng");
        await dc.GotoAsync("/hotline?status=Dispatched");
        await dc.ClickAsync($"a[href='{new Uri(url).AbsolutePath}']");
        await StateIs(dc, "已派单");
        await dc.ClickAsync("button[data-action=accept]");
        await StateIs(dc, "已签收");
        await dc.ClickAsync("button[data-action=contact]");
        await StateIs(dc, "已联系");
        await dc.FillAsync("#note", "已督促企业发放工资");
        await dc.ClickAsync("button[data-action=resolve]");
        await StateIs(dc, "已办结");

        await agent.GotoAsync(url);
        await StateIs(agent, "已办结");
        await agent.CheckAsync("input[name='Form.Solved']");
        await agent.SelectOptionAsync("#sat", "Satisfied");
        await agent.FillAsync("#note", "职工满意");
        await agent.ClickAsync("button[data-action=visit]");
        await StateIs(agent, "已结案");
        var timeline = await agent.InnerTextAsync("[data-testid=timeline]");
        foreach (var step in new[] { "派单", "签收", "已联系来电人", "办结", "回访", "结案" }) Assert.Contains(step, timeline);

        await supervisor.GotoAsync("/hotline/rates");
        Assert.Equal(before + 1, int.Parse(await supervisor.InnerTextAsync("[data-testid=city-visits]")));
        Assert.Contains("东城区总工会", await supervisor.InnerTextAsync("[data-testid=unit-rates]"));

        // The same caller phones again: the intake lists the earlier request with its state in words, not its code.
        await agent.GotoAsync("/hotline/intake");
        await agent.FillAsync("#phone", phone);
        var earlier = agent.Locator("#earlier li a");
        await earlier.First.WaitForAsync();
        var line = await earlier.First.InnerTextAsync();
        Assert.Contains("已结案", line);
        Assert.DoesNotContain("Closed", line, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Worker_files_on_the_portal_and_follows_with_the_tracking_code()
    {
        var page = await app.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await page.GotoAsync("/hotline/new");
        await page.ClickAsync("button[type=submit]");
        await page.Locator(".field-error").First.WaitForAsync();
        await page.SelectOptionAsync("#category", "social-insurance");
        await page.FillAsync("#description", "单位未缴社保");
        await page.FillAsync("#phone", "13911223344");
        await page.ClickAsync("button[type=submit]");
        var text = await page.InnerTextAsync("[data-testid=tracking]");
        var code = System.Text.RegularExpressions.Regex.Match(text, "GH[0-9A-Z]{10}").Value;
        Assert.False(string.IsNullOrEmpty(code));
        await page.GotoAsync($"/hotline/track?code={code}");
        await page.FillAsync("#phone", "13911223344");
        await page.ClickAsync("button[type=submit]");
        Assert.Equal("已受理", (await page.InnerTextAsync("[data-testid=track-state]")).Trim());
    }
}
