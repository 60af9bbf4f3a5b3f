using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Modules.Venues;
using Gonghui.Modules.Venues.Listing;
using Gonghui.Platform.Http;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Home;

/// <summary>The home page's to-do counts (issue 14.1) per role, against the filtered lists they link to, on both providers.</summary>
public abstract partial class HomeTasksTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private static async Task<string> PageAsync(HttpClient c, string url) => WebUtility.HtmlDecode(await c.GetStringAsync(url));

    [GeneratedRegex("""<a href="(?<href>[^"]*)" class="todo-item[^"]*" data-testid="todo-(?<key>[a-z-]+)" data-count="(?<n>\d+)">""")]
    private static partial Regex TodoRx();

    private static Dictionary<string, (string Href, int Count)> Todos(string html) =>
        TodoRx().Matches(html).ToDictionary(m => m.Groups["key"].Value, m => (m.Groups["href"].Value, int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture)));

    private static async Task<int> TotalAsync(HttpClient c, string url)
    {
        var slice = await c.GetJsonAsync<Slice<JsonElement>>(url);
        Assert.True(slice!.TotalIsExact, url);
        return slice.TotalEstimate;
    }

    [Fact]
    public async Task Each_role_sees_only_the_counts_its_permissions_cover()
    {
        var agent = Todos(await PageAsync(await app.ClientAsync("agent"), "/"));
        Assert.Equal(["hotline-due-today", "hotline-overdue", "hotline-returned"], agent.Keys.Order().ToArray());

        var officer = Todos(await PageAsync(await app.ClientAsync("fundofficer"), "/"));
        Assert.Equal(["fee-refunds-approve", "fee-refunds-pay", "insurance-approve", "insurance-pay", "loans-approve", "loans-overdue", "mutual-aid-approve", "mutual-aid-pay"],
            officer.Keys.Order().ToArray());

        var grassrootsPage = await PageAsync(await app.ClientAsync("dc-grassroots"), "/");
        var grassroots = Todos(grassrootsPage);
        Assert.Equal(["hardship-review", "hotline-due-today", "hotline-overdue", "hotline-returned", "insurance-review", "loans-overdue", "venues-stale"],
            grassroots.Keys.Order().ToArray());
        Assert.Contains("所在区：东城区总工会", grassrootsPage); // a grassroots unit compares itself with its district

        var auditorPage = await PageAsync(await app.ClientAsync("auditor"), "/");
        Assert.Empty(Todos(auditorPage));
        Assert.Contains("data-testid=\"home-rates-hotline\"", auditorPage); // reads the rates, works nothing

        var workerPage = await PageAsync(await app.ClientAsync("worker"), "/");
        var worker = Todos(workerPage);
        Assert.All(worker.Keys, k => Assert.Contains("-mine", k)); // only their own requests, claims and loans, never a staff count
        if (worker.Count == 0) Assert.Contains("data-testid=\"home-nothing\"", workerPage);

        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        anonymous.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var res = await anonymous.GetAsync("/");
        Assert.NotEqual(HttpStatusCode.OK, res.StatusCode);
    }

    [Fact]
    public async Task A_worker_sees_their_own_open_requests_counted_and_linked_to_my_requests()
    {
        var worker = await app.ClientAsync("worker");
        var agent = await app.ClientAsync("agent");
        var before = Todos(await PageAsync(worker, "/")).GetValueOrDefault("hotline-mine-open").Count;
        var agentBefore = (await agent.GetJsonAsync<Slice<JsonElement>>("/api/v1/hotline/requests"))!.TotalEstimate;
        var res = await worker.PostJsonAsync("/api/v1/hotline/requests", new
        {
            category = "labor-dispute", urgency = "Normal", description = "公司拖欠工资 " + Guid.NewGuid().ToString("N")[..8], callerName = "王师傅",
            phone = "139" + Random.Shared.Next(10000000, 99999999), districtCode = "110101", channel = "Phone",
        });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        // Intake writes through the group commit (no SaveChanges): the staff list's cached count still moves at once.
        Assert.Equal(Math.Min(agentBefore + 1, Keyset.CountCap), (await agent.GetJsonAsync<Slice<JsonElement>>("/api/v1/hotline/requests"))!.TotalEstimate);

        var page = await PageAsync(worker, "/");
        var todos = Todos(page);
        var listed = await worker.GetStringAsync("/api/v1/hotline/requests");
        var from = Math.Max(0, page.IndexOf("<h1", StringComparison.Ordinal));
        Assert.True(todos.ContainsKey("hotline-mine-open"), listed[..Math.Min(600, listed.Length)] + " || " + page[from..Math.Min(page.Length, from + 1500)]);
        Assert.Equal((before + 1, "/hotline/mine"), (todos["hotline-mine-open"].Count, todos["hotline-mine-open"].Href));
        Assert.Contains("我的诉求", page);
        Assert.DoesNotContain("data-testid=\"home-nothing\"", page);
        // The agent's home does not count the worker's section, and the worker's has no staff counts.
        Assert.DoesNotContain("hotline-mine-open", Todos(await PageAsync(agent, "/")).Keys);
        Assert.DoesNotContain("hotline-overdue", todos.Keys);
    }

    [Fact]
    public async Task Counts_equal_the_filtered_lists_they_link_to()
    {
        var dc = await app.ClientAsync("dongcheng");
        var todos = Todos(await PageAsync(dc, "/"));
        Assert.Equal("/hotline?due=today", todos["hotline-due-today"].Href);
        Assert.Equal(await TotalAsync(dc, "/api/v1/hotline/requests?due=today&limit=1"), todos["hotline-due-today"].Count);
        Assert.Equal("/hotline?overdue=true", todos["hotline-overdue"].Href);
        Assert.Equal(await TotalAsync(dc, "/api/v1/hotline/requests?overdue=true&limit=1"), todos["hotline-overdue"].Count);
        Assert.Equal("/hotline?status=Returned", todos["hotline-returned"].Href);
        Assert.Equal(await TotalAsync(dc, "/api/v1/hotline/requests?status=Returned&limit=1"), todos["hotline-returned"].Count);
        Assert.Equal(await TotalAsync(dc, "/api/v1/mutual-aid/claims?status=Submitted&limit=1"), todos["mutual-aid-approve"].Count);
        Assert.Equal(await TotalAsync(dc, "/api/v1/mutual-aid/claims?status=Approved&limit=1"), todos["mutual-aid-pay"].Count);
        Assert.Equal(await TotalAsync(dc, "/api/v1/insurance/claims?status=Reviewed&limit=1"), todos["insurance-approve"].Count);
        Assert.Equal(await TotalAsync(dc, "/api/v1/loans?overdue=true&limit=1"), todos["loans-overdue"].Count);
        Assert.Equal(await TotalAsync(dc, "/api/v1/fee-refunds?status=Due&limit=1"), todos["fee-refunds-approve"].Count);
        // The district's review queue is what the queue page lists.
        var queue = await PageAsync(dc, "/hardship/queue");
        Assert.Equal(Regex.Matches(queue, "href=\"/hardship/files/").Count, todos["hardship-review"].Count);

        // The overdue list filters: every row it shows carries the overdue tag, and the due-today filter is validated.
        var overduePage = await PageAsync(dc, "/hotline?overdue=true");
        var rows = Regex.Matches(overduePage, "<tr>\\s*<td><a href=\"/hotline/requests/").Count;
        Assert.Equal(Math.Min(50, todos["hotline-overdue"].Count), rows);
        var bad = await dc.GetAsync("/api/v1/hotline/requests?due=tomorrow");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"due\"", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_venue_whose_hours_went_unconfirmed_for_a_year_is_counted_and_listed_for_its_district_only()
    {
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var (id, name) = await app.WithDbAsync(async db =>
        {
            var xc = await db.Set<OrgUnit>().Where(u => u.Code == "XC").Select(u => u.Path).SingleAsync();
            var units = db.Set<OrgUnit>().InScope(xc, u => u.Path).Select(u => u.Id);
            var v = await db.Set<Venue>().Where(v => units.Contains(v.UnitId) && v.Hours != "").OrderBy(v => v.Name).Select(v => new { v.Id, v.Name }).FirstAsync();
            // Bypasses SaveChanges on purpose: no client of this fixture has counted xicheng's venues yet.
            await db.Set<Venue>().Where(x => x.Id == v.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.UpdatedAt, clock.GetUtcNow().AddDays(-400)));
            return (v.Id, v.Name);
        });
        var xcClient = await app.ClientAsync("xicheng");
        var todos = Todos(await PageAsync(xcClient, "/"));
        var (href, count) = todos["venues-stale"];
        Assert.Equal("/venues?stale=true", href);
        Assert.True(count >= 1);
        var list = await PageAsync(xcClient, href);
        Assert.Contains($"/venues/{id}/edit", list);
        Assert.Contains($"共 {count} 个阵地", list);
        Assert.DoesNotContain($"/venues/{id}/edit", await PageAsync(await app.ClientAsync("dongcheng"), "/venues?stale=true"));
        Assert.DoesNotContain(name, await PageAsync(xcClient, "/venues?stale=true&q=" + Uri.EscapeDataString("不存在的阵地名")));
    }

    [Fact]
    public async Task This_months_rates_are_the_district_subtrees_as_the_rates_report_computes_them()
    {
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var today = BeijingTime.Today(clock);
        var from = BeijingTime.StartOfMonthUtc(today.Year, today.Month);
        var dc = await app.ClientAsync("dongcheng");
        var report = await dc.GetJsonAsync<RatesReport>($"/api/v1/hotline/rates?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(BeijingTime.EndOfDayUtc(today).ToString("O"))}");
        var page = await PageAsync(dc, "/");
        static string Pct(double v) => v.ToString("P1", CultureInfo.InvariantCulture);
        var row = Regex.Match(page, "data-testid=\"rate-resolution\"><th scope=\"row\">[^<]*</th><td class=\"num\">(?<v>[^<↑↓ ]+)");
        Assert.True(row.Success, "the resolution rate row is on the page");
        Assert.Equal(report!.City.ValidVisits > 0 ? Pct(report.City.ResolutionRate) : "—", row.Groups["v"].Value);
        Assert.Contains($"有效回访 {report.City.ValidVisits} 件", page);
        Assert.Contains("全市", page); // a district compares itself with the city
    }
}

public sealed class HomeTasksTests_Sqlite(SqliteApp app) : HomeTasksTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class HomeTasksTests_Postgres(PostgresApp app) : HomeTasksTests<PostgresApp>(app), IClassFixture<PostgresApp>;
