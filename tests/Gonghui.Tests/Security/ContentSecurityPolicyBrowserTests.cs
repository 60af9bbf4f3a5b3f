using Gonghui.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Gonghui.Tests.Security;

/// <summary>The pages still work under the Content-Security-Policy: the browser reports no violation on any of them.</summary>
[Collection("browser")]
public sealed class ContentSecurityPolicyBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Collect = """
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
        """;

    private static async Task<string[]> ViolationsAsync(IPage page) => await page.EvaluateAsync<string[]>("() => window.__csp || []");

    [Fact]
    public async Task Login_map_staff_pages_and_the_api_reference_run_without_a_violation()
    {
        var page = await app.NewPageAsync();
        await page.Context.AddInitScriptAsync(Collect);

        await page.GotoAsync("/map");
        await page.WaitForSelectorAsync("#map .leaflet-marker-icon"); // Leaflet ran and drew markers
        await page.WaitForSelectorAsync("#venue-list li");
        Assert.Empty(await ViolationsAsync(page));

        await page.GotoAsync("/login");
        await page.FillAsync("#userName", "admin");
        await page.FillAsync("#password", GonghuiApp.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(u => !u.Contains("/login"));
        Assert.Empty(await ViolationsAsync(page));

        // Enhanced navigation (blazor.web.js fetches and patches the page) and a page with inline style attributes.
        await page.ClickAsync("nav >> text=组织架构");
        await page.WaitForURLAsync("**/orgs");
        await page.ClickAsync("text=东城区总工会");
        await page.WaitForSelectorAsync("h2");
        Assert.Empty(await ViolationsAsync(page));

        await page.GotoAsync("/hotline/dashboard");
        await page.WaitForSelectorAsync("main h1");
        Assert.Empty(await ViolationsAsync(page));

        await page.GotoAsync("/docs/api");
        try
        {
            // The page is an empty mount point until Scalar's script renders the reference (with the modules' tags).
            await page.WaitForFunctionAsync("() => document.body.innerText.length > 200 && document.body.innerText.includes('Hotline')",
                null, new() { Timeout = 20000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail("Scalar did not render; CSP violations: " + string.Join(" | ", await ViolationsAsync(page)));
        }
        Assert.Empty(await ViolationsAsync(page));
    }
}
