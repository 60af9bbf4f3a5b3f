using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace Gonghui.Tests.Infrastructure;

/// <summary>The platform on a real loopback socket (SQLite) and Debian's headless Chromium driven by Playwright.</summary>
public class BrowserApp : SqliteApp
{
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public override async ValueTask InitializeAsync()
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        ClientOptions.BaseAddress = new Uri(BaseUrl); // ClientAsync and CreateClient talk to the real socket, not localhost:80
        StartServer();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("GONGHUI_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            Locale = "zh-CN",
        });
        context.SetDefaultTimeout(30000); // generous: CI machines have 2 cores and the suite runs servers beside the browser
        return await context.NewPageAsync();
    }

    /// <summary>Opens /login and signs in as a demo account.</summary>
    public async Task<IPage> SignedInPageAsync(string user, ViewportSize? viewport = null)
    {
        var page = await NewPageAsync(viewport);
        // Signing in is the set-up of most browser tests, not what they test (LoginTests and SessionTests do): on a loaded
        // machine a first sign-in once stayed on /login for 30 s, so a second try is allowed, and a failure says what the
        // page showed.
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync("/login");
            await page.FillAsync("#userName", user);
            await page.FillAsync("#password", Password);
            await page.ClickAsync("button[type=submit]");
            try
            {
                // Leaving /login is the sign-in; the page it lands on may stream (Blazor's streaming rendering keeps the
                // response open until its counts are computed), so waiting for its load event would time out a slow home page
                // rather than the sign-in. The test's next step waits for what it needs.
                await page.WaitForURLAsync(u => !u.Contains("/login"), new() { WaitUntil = WaitUntilState.Commit });
                return page;
            }
            catch (TimeoutException) when (attempt < 2)
            {
                var shown = await page.Locator("[role=alert]").AllInnerTextsAsync();
                TestContext.Current.SendDiagnosticMessage($"Sign-in of {user} stayed on {page.Url}; the page said: {string.Join(" | ", shown)}. Trying again.");
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
