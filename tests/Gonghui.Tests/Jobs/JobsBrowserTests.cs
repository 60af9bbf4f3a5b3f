using System.Text.Json;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
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
    public async Task An_employer_posts_a_job_the_salary_range_is_required_and_it_is_public_only_after_review()
    {
        var title = "浏览器测试焊工" + Guid.NewGuid().ToString("N")[..4];
        var page = await app.SignedInPageAsync("dongcheng");
        await page.GotoAsync("/jobs/posts/new");
        await page.FillAsync("#title", title);
        await page.FillAsync("#occupationCode", "6-18-02-04");
        await page.FillAsync("#address", "北京市东城区东直门南大街1号");
        await page.FillAsync("#lat", "39.9388");
        await page.FillAsync("#lng", "116.4339");
        await page.FillAsync("#description", "持证上岗。");
        await page.ClickAsync("[data-testid=submit-post]");
        // No salary range: refused next to the salary, and nothing else is wrong.
        Assert.Contains("月薪范围", await (await page.WaitForSelectorAsync(".field:has(#salaryMin) .field-error"))!.InnerTextAsync());
        Assert.Equal(1, await page.Locator(".field-error").CountAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Gonghui.Modules.Jobs.Posts.JobPost>().CountAsync(p => p.Title == title)));
        await page.FillAsync("#salaryMin", "7000");
        await page.FillAsync("#salaryMax", "9000");
        await page.ClickAsync("[data-testid=submit-post]");
        await page.WaitForURLAsync("**/jobs/posts/*-*");
        Assert.Contains("待审核", await page.InnerTextAsync("h1"));

        // Not public while it waits for review.
        var seeker = await app.NewPageAsync(new ViewportSize { Width = 375, Height = 740 });
        await seeker.GotoAsync("/jobs?q=" + Uri.EscapeDataString(title));
        Assert.DoesNotContain(title, await seeker.InnerTextAsync("main"));

        // The federation reviews it (the poster may not review their own post): the queue is oldest first, so page on until it shows.
        var admin = await app.SignedInPageAsync("admin");
        await admin.GotoAsync("/jobs/review");
        var item = admin.Locator("[data-testid=review-item]", new() { HasText = title });
        for (var pages = 0; await item.CountAsync() == 0 && pages < 20; pages++)
        {
            Assert.True(await admin.Locator("a[rel=next]").CountAsync() == 1, "the post is not in the review queue");
            await admin.ClickAsync("a[rel=next]");
            await admin.WaitForLoadStateAsync();
        }
        await item.Locator("[data-testid=approve]").ClickAsync();
        await admin.WaitForSelectorAsync($"[data-testid=review-item]:has-text('{title}')", new() { State = WaitForSelectorState.Detached });
        Assert.Equal(0, await admin.Locator("[data-testid=review-error]").CountAsync());

        await seeker.GotoAsync("/jobs?q=" + Uri.EscapeDataString(title));
        var card = seeker.Locator("[data-testid=job-card]", new() { HasText = title });
        await card.WaitForAsync();
        Assert.Contains("¥7,000.00", await card.InnerTextAsync());
        Assert.Contains("¥9,000.00", await card.InnerTextAsync());
    }
}
