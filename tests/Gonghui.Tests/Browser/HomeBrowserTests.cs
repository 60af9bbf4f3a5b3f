using Gonghui.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Gonghui.Tests.Browser;

/// <summary>
/// The home page in Chromium on a phone-sized screen (375 × 812) for three roles: the counts they may see, a count's link opening the
/// list filtered to exactly those rows, and no sideways scroll. With GONGHUI_SCREENS set to a folder (tools/screens.sh) each role's
/// home page is saved there as a screenshot.
/// </summary>
[Collection("browser")]
public sealed class HomeBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly ViewportSize Phone = new() { Width = 375, Height = 812 };

    [Theory]
    [InlineData("dongcheng", "hardship-review", "[data-testid=queue] tbody tr", 500)]
    [InlineData("agent", "hotline-overdue", "[data-testid=hotline-queue] tbody tr", 50)]
    [InlineData("fundofficer", "mutual-aid-approve", "table.grid tbody tr", 20)]
    public async Task Home_counts_open_the_filtered_list_and_the_page_fits_a_phone(string user, string key, string rowSelector, int pageSize)
    {
        var page = await app.SignedInPageAsync(user, Phone);
        await page.GotoAsync("/");
        var item = page.Locator($"[data-testid=todo-{key}]");
        await item.WaitForAsync();
        Assert.True(await page.EvaluateAsync<int>("document.scrollingElement.scrollWidth") <= 375, "the home page scrolls sideways at 375 px");
        if (Environment.GetEnvironmentVariable("GONGHUI_SCREENS") is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, $"home-{user}.png"), FullPage = true });
        }
        var count = int.Parse(await item.GetAttributeAsync("data-count") ?? "-1");
        var href = await item.GetAttributeAsync("href");
        await item.ClickAsync();
        await page.WaitForURLAsync(u => u.EndsWith(href!, StringComparison.Ordinal));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (count > 0) await page.Locator(rowSelector).First.WaitForAsync();
        Assert.Equal(Math.Min(count, pageSize), await page.Locator(rowSelector).CountAsync());
    }

    [Fact]
    public async Task The_worker_has_nothing_to_do_and_a_stranger_is_asked_to_sign_in()
    {
        var worker = await app.SignedInPageAsync("worker", Phone);
        await worker.GotoAsync("/");
        await worker.Locator("h1").WaitForAsync();
        // A worker sees only their own things (requests, claims, loans), never a staff count; with none, a plain message.
        var keys = await worker.Locator(".todo-item").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.testid)");
        Assert.All(keys, k => Assert.Contains("-mine", k));
        if (keys.Length == 0) await worker.Locator("[data-testid=home-nothing]").WaitForAsync();

        var stranger = await app.NewPageAsync(Phone);
        await stranger.GotoAsync("/");
        Assert.Contains("/login", stranger.Url);
    }
}
