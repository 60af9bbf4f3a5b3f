using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Data;
using Gonghui.Platform.Notifications;
using Gonghui.Platform.Security;
using Gonghui.Tests.Infrastructure;
using Gonghui.Tests.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Platform;

/// <summary>The SMS gateway both nodes share in the test: records every message it is asked to send (a test double of
/// the external gateway), slowly enough that two nodes delivering at once would overlap.</summary>
public sealed class RecordingSms : ISmsSender
{
    public ConcurrentBag<string> Sent { get; } = [];

    public async Task SendAsync(string channel, string? phone, Guid? unitId, string body, CancellationToken ct)
    {
        await Task.Delay(2, ct);
        Sent.Add(body);
    }
}

/// <summary>Node A: a fresh PostgreSQL database with the demo data, the recording gateway, a scrape token and fast loops.</summary>
public sealed class NodeA : PostgresApp
{
    public const string MetricsToken = "scrape-token-for-tests";
    public RecordingSms Sms { get; } = new();
    public string Database => ConnectionString;

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [new("Gonghui:Telemetry:MetricsToken", MetricsToken), new("Gonghui:Hotline:LoopSeconds", "1"), new("Gonghui:Notifications:LoopSeconds", "1")];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<ISmsSender>(Sms));
    }
}

/// <summary>Node B: a second app on node A's database, with its own data folder, no demo loading, the same gateway.</summary>
public sealed class NodeB(NodeA a) : GonghuiApp
{
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
    protected override string ConnectionString => a.Database;

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [new("Gonghui:Demo", "false"), new("Gonghui:Hotline:LoopSeconds", "1"), new("Gonghui:Notifications:LoopSeconds", "1")];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<ISmsSender>(a.Sms));
    }
}

/// <summary>Two nodes started in one fixture: A first (it migrates and loads the demo), then B on the same database.</summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public NodeA A { get; } = new();
    public NodeB B { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await A.InitializeAsync();
        B = new NodeB(A);
        await B.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
    }
}

/// <summary>Several app nodes on one PostgreSQL (issue 13.6): sign-ins travel between nodes, background work runs once.</summary>
public sealed class MultiNodeTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private NodeA A => nodes.A;
    private NodeB B => nodes.B;

    [Fact]
    public async Task A_bearer_token_issued_by_one_node_is_accepted_by_the_other()
    {
        var token = await A.TokenAsync("dongcheng");
        var onB = B.CreateClient(new() { AllowAutoRedirect = false });
        onB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/v1/orgs")).StatusCode);
        // …and a forged one is not: B checks it, it does not just wave bearer tokens through.
        var forged = B.CreateClient(new() { AllowAutoRedirect = false });
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token[..^8] + "AAAAAAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/orgs")).StatusCode);
    }

    [Fact]
    public async Task A_cookie_signed_in_on_one_node_works_on_the_other_and_its_logout_form_too()
    {
        var onA = CookieClient.For(A);
        Assert.Equal(HttpStatusCode.Redirect, (await onA.SignInAsync("dongcheng")).StatusCode);
        Assert.Contains("gonghui.auth=", onA.Cookies);

        // The load balancer sends the next request to B, with the cookie A set.
        var onB = CookieClient.For(B);
        var cookies = onA.Cookies;
        Assert.Equal(HttpStatusCode.OK, (await onB.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/orgs") { Headers = { { "Cookie", cookies } } })).StatusCode);
        var page = await onB.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/orgs") { Headers = { { "Cookie", cookies } } });
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        // A form rendered by A (its antiforgery token) is posted to B: log out there.
        var token = await onA.TokenFromAsync("/");
        Assert.NotEmpty(token);
        var logout = await onB.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/account/logout")
        {
            Headers = { { "Cookie", cookies } },
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        });
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        // The session ended in the database: A refuses the cookie once its short "still live" cache runs out.
        var refused = false;
        for (var i = 0; i < 120 && !refused; i++) // up to 30 s: a loaded CI machine is slow
        {
            refused = (await onA.GetAsync("/api/v1/orgs")).StatusCode == HttpStatusCode.Unauthorized;
            if (!refused) await Task.Delay(250);
        }
        Assert.True(refused, "A still accepts a cookie whose session B ended");
    }

    [Fact]
    public async Task The_outbox_delivered_by_both_nodes_at_once_sends_every_message_exactly_once()
    {
        var unit = await A.WithDbAsync(db => db.Set<OrgUnit>().Select(u => u.Id).FirstAsync());
        var now = DateTimeOffset.UtcNow;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var bodies = Enumerable.Range(0, 600).Select(i => $"【12351测试 {tag}】{i}").ToList();
        await A.WithDbAsync(async db =>
        {
            db.AddRange(bodies.Select(b => new OutboxMessage { Channel = "unit", ToUnitId = unit, Body = b, CreatedAt = now, NextAttemptAt = now.AddMinutes(-1) }));
            return await db.SaveChangesAsync();
        });

        // Both nodes deliver in a loop at the same time (their background loops run too) until nothing is left. Rows a
        // background loop has claimed stay pending until it commits, so each deliverer waits (up to 30 s) rather than
        // giving up after a fixed number of rounds that skipped only locked rows.
        async Task DeliverAsync(GonghuiApp node)
        {
            var until = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < until)
            {
                using var scope = node.Services.CreateScope();
                var delivery = scope.ServiceProvider.GetRequiredService<OutboxDelivery>();
                if (await delivery.RunOnceAsync(now.AddMinutes(1)) == 0) await Task.Delay(20);
                if (await delivery.PendingAsync() == 0) return;
            }
        }
        await Task.WhenAll(DeliverAsync(A), DeliverAsync(A), DeliverAsync(B), DeliverAsync(B));

        var ours = A.Sms.Sent.Where(b => b.Contains(tag)).ToList();
        var twice = ours.GroupBy(b => b).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"sent twice: {string.Join(", ", twice.Take(5))}");
        Assert.Equal(bodies.Count, ours.Count);
        var unsent = await A.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Body.Contains(tag) && m.SentAt == null));
        Assert.Equal(0, unsent);
    }

    [Fact]
    public async Task Overdue_scans_on_both_nodes_at_once_escalate_each_request_once()
    {
        var open = new[] { Gonghui.Modules.Hotline.Rules.RequestState.Dispatched, Gonghui.Modules.Hotline.Rules.RequestState.Accepted,
            Gonghui.Modules.Hotline.Rules.RequestState.Contacted, Gonghui.Modules.Hotline.Rules.RequestState.Reopened };
        // Fresh dispatched requests: overdue a year from now (the demo's overdue ones the background loops escalate at once).
        var agent = await A.ClientAsync("agent");
        for (var i = 0; i < 8; i++)
        {
            var filed = await agent.PostJsonAsync("/api/v1/hotline/requests", new
            {
                category = "labor-dispute", urgency = "Normal", description = "拖欠工资 " + Guid.NewGuid().ToString("N")[..8], callerName = "王师傅",
                phone = "139" + Random.Shared.Next(10000000, 99999999), districtCode = "110101", channel = "Phone",
            });
            Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
            var id = (await filed.ReadJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
            Assert.Equal(HttpStatusCode.OK, (await agent.PostJsonAsync($"/api/v1/hotline/requests/{id}/dispatch", new { })).StatusCode);
        }
        var candidates = await A.WithDbAsync(db => db.Set<HotlineRequest>().CountAsync(r => open.Contains(r.State) && r.PausedSince == null && r.EscalationLevel == 0));
        Assert.True(candidates >= 8, $"{candidates} open, unescalated requests to scan");
        var later = DateTimeOffset.UtcNow.AddYears(1); // every open request is overdue by then

        async Task<int> ScanAsync(GonghuiApp node)
        {
            var total = 0;
            for (var round = 0; round < 5; round++)
            {
                using var scope = node.Services.CreateScope();
                total += await scope.ServiceProvider.GetRequiredService<OverdueScanner>().RunOnceAsync(later);
            }
            return total;
        }
        var counts = await Task.WhenAll(ScanAsync(A), ScanAsync(B), ScanAsync(A), ScanAsync(B));

        var escalations = await A.WithDbAsync(db => db.Set<HotlineRequestEvent>().Where(e => e.Action == "escalate" && e.Actor == "system:overdue")
            .GroupBy(e => e.RequestId).Select(g => g.Count()).ToListAsync());
        Assert.All(escalations, n => Assert.Equal(1, n));
        Assert.True(counts.Sum() >= candidates, $"escalated {counts.Sum()} of {candidates}");
        Assert.Equal(0, await A.WithDbAsync(db => db.Set<HotlineRequest>().CountAsync(r => open.Contains(r.State) && r.PausedSince == null && r.EscalationLevel == 0)));
    }

    [Fact]
    public async Task One_idempotency_key_sent_to_both_nodes_at_once_files_one_request()
    {
        var description = "两节点同一幂等键 " + Guid.NewGuid().ToString("N")[..8];
        var body = new
        {
            category = "labor-dispute", urgency = "Normal", description, callerName = "王师傅", phone = "13912345678",
            districtCode = "110101", channel = "Phone",
        };
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> PostAsync(GonghuiApp node)
        {
            var c = await node.ClientAsync("agent");
            var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/hotline/requests") { Content = System.Net.Http.Json.JsonContent.Create(body, options: Json.Options) };
            req.Headers.Add("Idempotency-Key", key);
            return await c.SendAsync(req);
        }
        var answers = await Task.WhenAll(PostAsync(A), PostAsync(B), PostAsync(A), PostAsync(B));
        Assert.All(answers, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(3, answers.Count(r => r.Headers.Contains("Idempotent-Replayed")));
        Assert.Equal(1, await A.WithDbAsync(db => db.Set<HotlineRequest>().CountAsync(r => r.Description == description)));
    }

    [Fact]
    public async Task Metrics_answer_a_scraper_with_the_token_and_nobody_else()
    {
        var anon = B.CreateClient();
        await anon.GetAsync("/healthz"); // a request for the request metrics
        var forwarded = A.CreateClient();
        forwarded.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9"); // through the load balancer
        Assert.Equal(HttpStatusCode.NotFound, (await forwarded.GetAsync("/metrics")).StatusCode);
        var wrong = A.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");
        Assert.Equal(HttpStatusCode.NotFound, (await wrong.GetAsync("/metrics")).StatusCode);

        var scraper = A.CreateClient();
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", NodeA.MetricsToken);
        await scraper.GetAsync("/healthz");
        string text = "";
        for (var i = 0; i < 120 && !text.Contains("http_server_request_duration"); i++)
        {
            var res = await scraper.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, res.StatusCode);
            text = await res.Content.ReadAsStringAsync();
            if (!text.Contains("http_server_request_duration")) await Task.Delay(250);
        }
        Assert.Contains("http_server_request_duration", text);
        Assert.Contains("gonghui_queue_depth", text);
        Assert.Contains("queue=\"hotline.intake\"", text);
    }
}

/// <summary>Who may scrape /metrics: loopback callers not behind a proxy, or anyone with the configured token.</summary>
public sealed class MetricsAccessTests
{
    private static Microsoft.AspNetCore.Http.DefaultHttpContext Call(string ip, string? auth = null, bool forwarded = false)
    {
        var ctx = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        ctx.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        if (auth is not null) ctx.Request.Headers.Authorization = auth;
        if (forwarded) ctx.Request.Headers["X-Forwarded-For"] = "203.0.113.9";
        return ctx;
    }

    [Theory]
    [InlineData("127.0.0.1", null, false, null, true)]
    [InlineData("::1", null, false, null, true)]
    [InlineData("127.0.0.1", null, true, null, false)]
    [InlineData("10.0.0.7", null, false, null, false)]
    [InlineData("10.0.0.7", null, false, "t0ken", false)]
    [InlineData("10.0.0.7", "Bearer t0ken", false, "t0ken", true)]
    [InlineData("10.0.0.7", "Bearer t0ke", false, "t0ken", false)]
    [InlineData("10.0.0.7", "Basic t0ken", false, "t0ken", false)]
    [InlineData("10.0.0.7", "Bearer ", false, "", false)]
    [InlineData("127.0.0.1", "Bearer wrong", true, "t0ken", false)]
    public void Scrapers_are_loopback_or_carry_the_token(string ip, string? auth, bool forwarded, string? token, bool allowed) =>
        Assert.Equal(allowed, Gonghui.Platform.Telemetry.TelemetryModule.MayScrape(Call(ip, auth, forwarded), token));
}
