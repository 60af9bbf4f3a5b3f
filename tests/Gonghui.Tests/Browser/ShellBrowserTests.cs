using Gonghui.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Gonghui.Tests.Browser;

[Collection("browser")]
public sealed class ShellBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Staff_logs_in_browses_the_tree_and_switches_to_English()
    {
        var page = await app.SignedInPageAsync("admin");
        Assert.Contains("市总管理员", await page.InnerTextAsync("header"));

        await page.ClickAsync("nav >> text=组织架构");
        await page.WaitForURLAsync("**/orgs");
        await page.ClickAsync("text=东城区总工会");
        await page.WaitForSelectorAsync("h2");
        Assert.Contains("东城区总工会", await page.InnerTextAsync("main"));

        await page.ClickAsync("[data-testid=lang-switch]");
        await page.WaitForSelectorAsync("text=Units below");
        Assert.Contains("Organisations", await page.InnerTextAsync("nav.sidenav"));
    }

    [Fact]
    public async Task Wrong_password_shows_a_Chinese_error()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#userName", "admin");
        await page.FillAsync("#password", "wrong-password");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("[role=alert]");
        Assert.Contains("用户名或密码不正确", await page.InnerTextAsync("[role=alert]"));
    }
}
