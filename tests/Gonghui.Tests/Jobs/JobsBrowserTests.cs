using System.Text.Json;
using Gonghui.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Gonghui.Tests.Jobs;

[Collection("browser")]
public sealed class JobsBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly ViewportSize Phone = new() { Width = 375, Height = 740 };

    [Fact]
    public async Task A_job_seeker_on_a_phone_searches_opens_a_post_with_its_JSON_LD_and_a_worker_applies()
    {
        var page = await app.NewPageAsync(Phone);
        await page.GotoAsync("/jobs");
        await page.WaitForSelectorAsync("[data-testid=job-card]");
        Assert.True(await page.EvaluateAsync<bool>("document.scrollingElement.scrollWidth <= 375"), "the search page scrolls sideways at 375 px");
        // Narrow to the district of the newest post (the demo's open posts are spread over the registry's districts).
        var code = await page.Locator("[data-testid=job-card]").First.GetAttributeAsync("data-district");
        var district = Gonghui.Modules.Organizations.Public.BeijingDistricts.All.First(d => d.Code == code);
        await page.SelectOptionAsync("#district", district.Code);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"**/jobs?*district={district.Code}*");
        await page.WaitForSelectorAsync("[data-testid=job-card]");
        Assert.All(await page.Locator("[data-testid=job-card]").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.district)"), d => Assert.Equal(district.Code, d));

        await page.Locator("[data-testid=job-card] a.job-title").First.ClickAsync();
        await page.WaitForURLAsync("**/jobs/*-*");
        var ld = JsonDocument.Parse(await page.Locator("script[type='application/ld+json']").TextContentAsync() ?? "{}").RootElement;
        Assert.Equal("JobPosting", ld.GetProperty("@type").GetString());
        Assert.Equal(await page.InnerTextAsync("[data-testid=job-title]"), ld.GetProperty("title").GetString());
        Assert.True(await page.EvaluateAsync<bool>("document.scrollingElement.scrollWidth <= 375"), "the job page scrolls sideways at 375 px");
        var url = page.Url;

        var worker = await app.SignedInPageAsync("worker", Phone);
        await worker.GotoAsync(url);
        await worker.ClickAsync("[data-testid=apply]");
        await worker.WaitForSelectorAsync("[data-testid=applied]");
        await worker.GotoAsync(url);
        await worker.ClickAsync("[data-testid=apply]");
        Assert.Contains("已经申请", await (await worker.WaitForSelectorAsync("[data-testid=apply-error]"))!.InnerTextAsync());
        await worker.GotoAsync("/jobs/mine");
        Assert.Contains(ld.GetProperty("title").GetString()!, await worker.InnerTextAsync("[data-testid=my-applications]"));
    }

    [Fact]
    public async Task Staff_post_a_job_the_salary_range_is_required_and_the_district_publishes_it()
    {
        var page = await app.SignedInPageAsync("dongcheng");
        await page.GotoAsync("/jobs/posts/new");
        await page.FillAsync("#title", "浏览器测试焊工");
        await page.FillAsync("#occupationCode", "6-18-02-04");
        await page.FillAsync("#address", "北京市东城区东直门南大街1号");
        await page.FillAsync("#lat", "39.9388");
        await page.FillAsync("#lng", "116.4339");
        await page.FillAsync("#description", "持证上岗。");
        await page.ClickAsync("[data-testid=submit-post]");
        Assert.Contains("月薪范围", await (await page.WaitForSelectorAsync(".field:has(#salaryMin) .field-error"))!.InnerTextAsync());
        Assert.Equal(1, await page.Locator(".field-error").CountAsync()); // nothing else is wrong: only the salary stops it
        await page.FillAsync("#salaryMin", "7000");
        await page.FillAsync("#salaryMax", "9000");
        await page.ClickAsync("[data-testid=submit-post]");
        await page.WaitForURLAsync("**/jobs/posts/*-*");
        Assert.Contains("待审核", await page.InnerTextAsync("h1"));

        var dc = await app.SignedInPageAsync("admin");
        await dc.GotoAsync("/jobs/review");
        var item = dc.Locator("[data-testid=review-item]", new() { HasText = "浏览器测试焊工" });
        await item.Locator("[data-testid=approve]").ClickAsync();
        await dc.WaitForSelectorAsync("[data-testid=review-item]:has-text('浏览器测试焊工')", new() { State = WaitForSelectorState.Detached });
        await dc.GotoAsync("/jobs?q=" + Uri.EscapeDataString("浏览器测试焊工"));
        Assert.Contains("¥7,000.00", await dc.InnerTextAsync("[data-testid=jobs]"));
    }
}
