using Gonghui.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Gonghui.Tests.Services;

/// <summary>The services pages in Chromium: a grassroots union applies, its district approves, in Chinese; the worker's page and the import page on a phone.</summary>
[Collection("browser")]
public sealed class ServicesBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly ViewportSize Phone = new() { Width = 375, Height = 812 };

    [Fact]
    public async Task A_grassroots_union_applies_and_its_district_approves_with_errors_worded_next_to_the_field()
    {
        var page = await app.SignedInPageAsync("dc-grassroots");
        await page.GotoAsync("/services/projects/new");
        await page.FillAsync("#name", "浏览器测试：送健康进企业");
        await page.SelectOptionAsync("#category", "SendHealth");
        await page.FillAsync("#budget", "-1");
        await page.ClickAsync("button[type=submit].primary");
        var error = await page.WaitForSelectorAsync(".field-error");
        Assert.Contains("预算须在", await error!.InnerTextAsync());
        await page.FillAsync("#budget", "12000");
        await page.ClickAsync("button[type=submit].primary");
        await page.WaitForURLAsync("**/services/projects/*-*");
        Assert.Equal("已申报", (await page.InnerTextAsync("[data-testid=project-status]")).Trim());
        Assert.Contains("街道·基层", await page.InnerTextAsync("main"));
        Assert.Contains("¥12,000.00", await page.InnerTextAsync("main"));
        var url = page.Url;

        var district = await app.SignedInPageAsync("dongcheng");
        await district.GotoAsync(url);
        await district.ClickAsync("button:text-is('批准')");
        await district.WaitForSelectorAsync("[data-testid=project-status]:has-text('已批准')");

        await district.GotoAsync("/services/stats"); // this year: the project just approved counts
        var stats = await district.InnerTextAsync("main");
        Assert.Contains("按类别", stats);
        Assert.Contains("街道·基层", stats);
        Assert.Contains("合计", stats);
    }

    [Fact]
    public async Task The_worker_page_the_campaign_and_the_import_page_fit_a_phone()
    {
        var worker = await app.SignedInPageAsync("worker", Phone);
        await worker.GotoAsync("/services/mine");
        Assert.Contains("我享受的服务", await worker.InnerTextAsync("h1"));
        Assert.True(await worker.Locator("[data-testid=my-visit]").CountAsync() >= 1);
        Assert.True(await worker.EvaluateAsync<int>("document.scrollingElement.scrollWidth") <= 375, "my services scroll sideways at 375 px");

        var staff = await app.SignedInPageAsync("dc-grassroots", Phone);
        await staff.GotoAsync("/services/visits/import");
        Assert.Contains("身份证号", await staff.InnerTextAsync("main"));
        Assert.True(await staff.EvaluateAsync<int>("document.scrollingElement.scrollWidth") <= 375, "the import page scrolls sideways at 375 px");
        // The 2020 summer campaign is the federation's.
        var admin = await app.SignedInPageAsync("admin", Phone);
        await admin.GotoAsync("/services/campaigns");
        await admin.ClickAsync("text=2020年消费扶贫送清凉");
        await admin.WaitForSelectorAsync("[data-testid=campaign-results]");
        Assert.Contains("一线职工", await admin.InnerTextAsync("[data-testid=campaign-results]"));
        Assert.True(await admin.EvaluateAsync<int>("document.scrollingElement.scrollWidth") <= 375, "the campaign page scrolls sideways at 375 px");
    }

    [Fact]
    public async Task Campaign_staff_build_the_list_and_give_from_the_page()
    {
        var admin = await app.SignedInPageAsync("admin");
        await admin.GotoAsync("/services/campaigns");
        await admin.ClickAsync("text=2020年消费扶贫送清凉");
        await admin.WaitForSelectorAsync("[data-testid=campaign-actions]");
        await admin.ClickAsync("[data-testid=build-targets]");
        var built = await admin.WaitForSelectorAsync("[data-testid=campaign-message]");
        Assert.Contains("已加入", await built!.InnerTextAsync());
        // A listed recipient's "give" answers in words on the page (given, or why not: publicity, permission), never an error page.
        var gift = admin.Locator("[data-testid=gift]").First;
        if (await gift.CountAsync() > 0)
        {
            await gift.ClickAsync();
            await admin.WaitForSelectorAsync("[data-testid=campaign-message], [data-testid=campaign-problem]");
            Assert.False(string.IsNullOrWhiteSpace(await admin.InnerTextAsync("[data-testid=campaign-actions]")));
        }
    }

    [Fact]
    public async Task District_staff_plan_their_campaign_per_unit_and_see_the_results_against_it()
    {
        var page = await app.SignedInPageAsync("dongcheng", Phone);
        await page.GotoAsync("/services/campaigns");
        await page.ClickAsync("text=年冬送温暖");
        await page.WaitForSelectorAsync("[data-testid=campaign-plan]");
        // Not a number: refused next to that line, nothing planned.
        var first = page.Locator("[data-testid=plan-planned]").First;
        await first.FillAsync("十个");
        await page.ClickAsync("[data-testid=plan-save]");
        await page.WaitForSelectorAsync("[data-testid=campaign-plan] td .field-error");
        Assert.Contains("计划人数", await page.InnerTextAsync("[data-testid=campaign-plan] td .field-error"));
        Assert.Equal("十个", await page.Locator("[data-testid=plan-planned]").First.InputValueAsync()); // what was typed stays
        Assert.DoesNotContain("计划已保存", await page.InnerTextAsync("main"));

        await page.Locator("[data-testid=plan-planned]").First.FillAsync("8");
        await page.ClickAsync("[data-testid=plan-save]");
        await page.WaitForSelectorAsync("[data-testid=plan-message]");
        var firstRow = page.Locator("[data-testid=campaign-results] tbody tr").First;
        Assert.Equal("8", (await firstRow.Locator("td").Nth(2).InnerTextAsync()).Trim());

        // A new line: a unit of the district's choice with its front-line workers planned.
        var unit = await page.Locator("#plan-unit option").Nth(1).InnerTextAsync();
        await page.PickByTypingAsync("#plan-unit", await page.Locator("#plan-unit option").Nth(1).GetAttributeAsync("value") ?? "");
        await page.SelectOptionAsync("#plan-group", "FrontLine");
        await page.FillAsync("#plan-planned", "12");
        await page.ClickAsync("[data-testid=plan-save]");
        await page.WaitForSelectorAsync("[data-testid=plan-message]");
        var row = page.Locator("[data-testid=campaign-results] tbody tr", new() { HasText = unit.Trim() }).Filter(new() { HasText = "一线职工" });
        Assert.Equal("12", (await row.Locator("td").Nth(2).InnerTextAsync()).Trim());
        Assert.True(await page.EvaluateAsync<int>("document.scrollingElement.scrollWidth") <= 375, "the campaign plan scrolls sideways at 375 px");
    }
}
