using System.Text.Json;
using System.Text.RegularExpressions;
using Gonghui.Platform.Identity;
using Gonghui.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Gonghui.Tests.Browser;

/// <summary>
/// Every routable page on a phone (375 × 812, issue 14.3): the pages are read from the app's route table (every endpoint a Razor
/// component serves), each is opened as the first demo account whose role holds the page's permission (anonymously for public
/// pages), and each must fit the screen: the document no wider than the viewport, no text laid out one character per line, the
/// menu collapsed and the page's own content on the first screen. A page with route parameters is opened through a link to it
/// found on the pages already visited (so the ids are real demo rows the account may see); <see cref="SampleAsync"/> gives the few
/// addresses no page links to, <see cref="Exempt"/> the routes not opened and why. One browser, one sign-in per account.
/// </summary>
[Collection("browser")]
public sealed partial class PhoneLayoutBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly ViewportSize Phone = new() { Width = 375, Height = 812 };

    /// <summary>Accounts in order of preference: the federation's administrator sees the most rows (the widest tables).</summary>
    private static readonly (string Role, string User)[] Accounts =
    [
        (Roles.FederationAdmin, "admin"), (Roles.Worker, "worker"), (Roles.Evaluator, "evaluator"), (Roles.Judge, "judge"),
        (Roles.Merchant, "merchant"), (Roles.DistrictStaff, "dongcheng"), (Roles.FundOfficer, "fundofficer"),
        (Roles.HotlineAgent, "agent"), (Roles.Auditor, "auditor"), (Roles.Lawyer, "lawyer"),
    ];

    /// <summary>Routes not opened, with the reason (keep it short: each one is a page no test proves fits a phone).</summary>
    private static readonly Dictionary<string, string> Exempt = new()
    {
        ["/culture/attempts/{Id:guid}"] = "an attempt exists only once a worker starts a quiz (a POST); CultureBrowserTests takes one at 375 px",
        ["/hotline/topics/{Id:guid}"] = "the demo has no topic: a topic is promoted from a month's alert",
        ["/hardship/precision/sample/{Id:guid}"] = "the demo draws no precision sample for the evaluator (the federation draws one; the precision tests open it)",
    };

    /// <summary>Pages opened (as the account) only to find links on them that the preferred account does not see.</summary>
    private static readonly (string User, string Url)[] Browse =
    [
        ("evaluator", "/hardship/precision"), // its samples, once drawn
        ("judge", "/skills/judging"), // the judge's marking sheets (a trade's page links them only once past registration)
    ];

    /// <summary>Error and sign-in pages answer with their own status by design.</summary>
    private static readonly HashSet<string> NotOk = ["/not-found", "/error", "/error/{Code:int}", "/denied"];

    /// <summary>An address for a route no page links to (null: none found).</summary>
    private async Task<string?> SampleAsync(string template, IEnumerable<string> links) => template switch
    {
        "/error/{Code:int}" => "/error/404",
        // The map draws its venues with script: a venue's public page is found through the staff list's edit links.
        "/map/venues/{Id:guid}" => links.Select(l => VenueEdit().Match(l)).FirstOrDefault(m => m.Success) is { } m ? $"/map/venues/{m.Groups[1].Value}" : null,
        // The refund list opens on the current year, which the demo's fee records precede.
        "/fee-refunds/firms/{Id:guid}" => await app.WithDbAsync(async db =>
        {
            var conn = db.Database.GetDbConnection();
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "SELECT enterprise_id FROM fee_refunds_fees ORDER BY enterprise_id LIMIT 1";
            return await cmd.ExecuteScalarAsync() is { } id ? $"/fee-refunds/firms/{id}" : null;
        }),
        _ => null,
    };

    [GeneratedRegex("^/venues/([0-9a-fA-F-]{36})/edit$")]
    private static partial Regex VenueEdit();

    private sealed record PageRoute(string Template, string? Policy, bool Anonymous)
    {
        public bool HasParameters => Template.Contains('{');
    }

    private sealed record Check(int Width, bool MenuCollapsed, double ContentTop, string[] Singles, string[] Wide, string[] Links);

    private List<PageRoute> Routes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Select(e => new PageRoute("/" + (e.RoutePattern.RawText ?? "").TrimStart('/'),
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(d => d.Policy).OfType<string>().FirstOrDefault(),
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null))
            .DistinctBy(r => r.Template).OrderBy(r => r.Template, StringComparer.Ordinal).ToList();

    private static string? AccountFor(PageRoute r) =>
        r.Anonymous ? null : Accounts.FirstOrDefault(a => r.Policy is not null && RolePermissions.Has(a.Role, r.Policy)).User
            ?? throw new InvalidOperationException($"no demo account may open {r.Template} ({r.Policy})");

    private static Regex Matcher(string template) => new("^" + RouteParameter().Replace(Regex.Escape(template).Replace(@"\{", "{"), m =>
        m.Value.Contains(":guid", StringComparison.Ordinal) ? "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
        : m.Value.Contains(":int", StringComparison.Ordinal) ? "[0-9]+" : "[^/?#]+") + "$");

    [GeneratedRegex(@"\{\*?[A-Za-z]+(:[^}]*)?\??\}")]
    private static partial Regex RouteParameter();

    private const string Probe = """
        () => {
          const vw = window.innerWidth;
          const nav = document.getElementById('sidenav');
          const menuCollapsed = !nav || nav.getBoundingClientRect().height === 0;
          const main = document.querySelector('main');
          const contentTop = main ? main.getBoundingClientRect().top + window.scrollY : 0;
          const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '');
          const singles = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          const range = document.createRange();
          for (let n; (n = walker.nextNode());) {
            const text = n.textContent.replace(/\s+/g, '');
            if (text.length < 2) continue;
            range.selectNodeContents(n);
            const tops = new Set([...range.getClientRects()].filter(r => r.width > 0 && r.height > 0).map(r => Math.round(r.top)));
            if (n.parentElement.getBoundingClientRect().width < 2) continue; // visually hidden, for screen readers
            if (tops.size >= 2 && tops.size >= text.length) singles.push('"' + text.slice(0, 12) + '" in ' + describe(n.parentElement));
          }
          const wide = [];
          for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.right > vw + 1 && r.width > 0 && ![...el.children].some(c => c.getBoundingClientRect().right > vw + 1)) {
              let inScroller = false;
              for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                const s = getComputedStyle(p);
                if (s.overflowX === 'auto' || s.overflowX === 'scroll' || s.overflowX === 'hidden') { inScroller = true; break; }
              }
              if (!inScroller) wide.push(describe(el) + ' right=' + Math.round(r.right));
            }
            if (wide.length >= 3) break;
          }
          const links = [...document.querySelectorAll('a[href]')].map(a => new URL(a.href, location.href))
            .filter(u => u.origin === location.origin).map(u => u.pathname);
          return JSON.stringify({ width: document.scrollingElement.scrollWidth, menuCollapsed, contentTop, singles: singles.slice(0, 5), wide, links: [...new Set(links)] });
        }
        """;

    [Fact]
    public async Task Every_page_fits_a_phone_with_the_menu_collapsed()
    {
        var routes = Routes();
        Assert.True(routes.Count > 100, $"only {routes.Count} routable pages found in the route table");
        Assert.All(Exempt.Keys, k => Assert.Contains(k, routes.Select(r => r.Template)));
        var pages = new Dictionary<string, IPage>();
        async Task<IPage> PageFor(string? user)
        {
            var key = user ?? "";
            if (!pages.TryGetValue(key, out var p))
                pages[key] = p = user is null ? await app.NewPageAsync(Phone) : await app.SignedInPageAsync(user, Phone);
            return p;
        }

        var failures = new List<string>();
        // Each link with the account whose page showed it first: a route is opened as that account when it may (an evaluator's
        // sample is the evaluator's to open), else as the route's own account.
        var links = new Dictionary<string, string?>(StringComparer.Ordinal);
        var visited = 0;
        var started = System.Diagnostics.Stopwatch.StartNew();

        async Task VisitAsync(PageRoute r, string url, string? asUser = null)
        {
            var user = asUser ?? AccountFor(r);
            var page = await PageFor(user);
            var response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            visited++;
            var who = $"{url} ({user ?? "anonymous"})";
            var path = new Uri(page.Url).AbsolutePath;
            if (!r.Anonymous && (path.StartsWith("/login", StringComparison.Ordinal) || path.StartsWith("/denied", StringComparison.Ordinal)))
            {
                failures.Add($"{who}: sent to {path}");
                return;
            }
            if (response is { Status: not 200 } && !NotOk.Contains(r.Template)) failures.Add($"{who}: answered {response.Status}");
            var c = JsonSerializer.Deserialize<Check>(await page.EvaluateAsync<string>(Probe), JsonSerializerOptions.Web)!;
            if (c.Width > Phone.Width + 1) failures.Add($"{who}: {c.Width} px wide; beyond the screen: {string.Join(", ", c.Wide)}");
            if (c.Singles.Length > 0) failures.Add($"{who}: one character per line: {string.Join("; ", c.Singles)}");
            if (!c.MenuCollapsed) failures.Add($"{who}: the menu is open");
            if (c.ContentTop > 300) failures.Add($"{who}: the page's content starts at {c.ContentTop:0} px, below the first screen's top");
            foreach (var l in c.Links) links.TryAdd(l, user);
        }

        foreach (var r in routes.Where(r => !r.HasParameters).OrderBy(r => AccountFor(r) ?? "", StringComparer.Ordinal))
            await VisitAsync(r, r.Template);
        foreach (var (user, url) in Browse) await VisitAsync(routes.Single(r => r.Template == url), url, user);
        var pending = routes.Where(r => r.HasParameters && !Exempt.ContainsKey(r.Template)).ToList();
        for (var progress = true; progress && pending.Count > 0;)
        {
            progress = false;
            foreach (var r in pending.ToList())
            {
                var m = Matcher(r.Template);
                var found = links.Where(l => m.IsMatch(l.Key)).OrderBy(l => l.Key, StringComparer.Ordinal).ToList();
                var byFinder = found.FirstOrDefault(l => !r.Anonymous && l.Value is { } u && r.Policy is not null
                    && RolePermissions.Has(Accounts.First(a => a.User == u).Role, r.Policy));
                var url = byFinder.Key ?? found.Select(l => l.Key).FirstOrDefault() ?? await SampleAsync(r.Template, links.Keys);
                if (url is null) continue;
                pending.Remove(r);
                progress = true;
                await VisitAsync(r, url, byFinder.Key is null ? null : byFinder.Value);
            }
        }
        failures.AddRange(pending.Select(r => $"{r.Template}: no page links to it (give it a sample address in SampleAsync or an exemption with a reason)"));

        TestContext.Current.SendDiagnosticMessage($"phone layout: {visited} pages of {routes.Count} routes opened at 375 px in {started.Elapsed.TotalSeconds:0} s, {failures.Count} failures");
        foreach (var p in pages.Values) await p.Context.CloseAsync();
        Assert.True(failures.Count == 0, $"{failures.Count} pages do not fit a phone:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task The_menu_opens_from_its_button_on_a_phone_and_is_the_side_navigation_on_a_desktop()
    {
        var phone = await app.SignedInPageAsync("admin", Phone);
        await phone.GotoAsync("/");
        var nav = phone.Locator("nav.sidenav");
        Assert.False(await nav.IsVisibleAsync(), "the menu is open on a phone before it is asked for");
        await phone.ClickAsync("[data-testid=menu-button]");
        Assert.True(await nav.IsVisibleAsync(), "the menu button did not open the menu");
        Assert.Contains("组织与会员", await nav.InnerTextAsync()); // the links stay grouped by area
        await phone.ClickAsync("nav.sidenav a[href=\"/members\"]");
        await phone.WaitForURLAsync("**/members");
        await phone.Locator("main h1").WaitForAsync();
        Assert.True(await phone.EvaluateAsync<int>("document.scrollingElement.scrollWidth") <= 376, "the member list scrolls sideways at 375 px");

        var desktop = await app.SignedInPageAsync("admin");
        await desktop.GotoAsync("/");
        Assert.True(await desktop.Locator("nav.sidenav").IsVisibleAsync(), "the side navigation is hidden on a desktop");
        Assert.False(await desktop.Locator("[data-testid=menu-button]").IsVisibleAsync(), "the phone's menu button shows on a desktop");
        await phone.Context.CloseAsync();
        await desktop.Context.CloseAsync();
    }

    [Fact]
    public async Task The_rates_and_the_funds_are_drawn_as_server_side_charts_beside_their_tables()
    {
        var page = await app.SignedInPageAsync("admin", Phone);
        await page.GotoAsync("/hotline/rates?from=2020-01-01");
        var districts = await page.Locator("[data-testid=district-rates] tbody tr").CountAsync();
        Assert.True(districts > 0, "no district in the rates table");
        Assert.Equal(3 * districts, await page.Locator("[data-testid=rates-chart] svg rect.bar").CountAsync());
        var box = await page.Locator("[data-testid=rates-chart] svg").BoundingBoxAsync();
        Assert.True(box is { Width: > 200 and <= 375 }, $"the chart is {box?.Width} px wide on a 375 px screen");
        await ScreenAsync(page, "rates-chart");

        await page.GotoAsync("/funds?year=2020");
        var funds = await page.EvalOnSelectorAllAsync<string[]>("[data-testid=fund-balances] tbody tr td:nth-child(2)", "tds => [...new Set(tds.map(t => t.textContent.trim()))]");
        Assert.NotEmpty(funds);
        Assert.Equal(3 * funds.Length, await page.Locator("[data-testid=funds-chart] svg rect.bar").CountAsync());
        Assert.True(await page.EvaluateAsync<int>("document.scrollingElement.scrollWidth") <= 376);
        await ScreenAsync(page, "funds-chart");
        await page.Context.CloseAsync();
    }

    /// <summary>With GONGHUI_SCREENS set to a folder (tools/screens.sh), the page as it is now, saved there as NAME.png.</summary>
    internal static async Task ScreenAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("GONGHUI_SCREENS") is not { Length: > 0 } dir) return;
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }
}
