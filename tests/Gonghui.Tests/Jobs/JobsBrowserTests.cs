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
}
