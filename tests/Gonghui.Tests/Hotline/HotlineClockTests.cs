using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Gonghui.Modules.Hotline.Endpoints;
using Gonghui.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Hotline;

/// <summary>The platform with a hand-moved clock set forty days in the past (a demo or test clock that is not the wall clock).</summary>
public interface IClockApp
{
    ManualClock Clock { get; }
}

public sealed class SqliteClockApp : SqliteApp, IClockApp
{
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow.AddDays(-40));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class PostgresClockApp : PostgresApp, IClockApp
{
    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow.AddDays(-40));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>Every request the API renders reads "update overdue" against the injected clock, not the wall clock.</summary>
public abstract class HotlineClockTests<TApp>(TApp app) where TApp : GonghuiApp, IClockApp
{
    /// <summary>A client with a token issued now by the app's clock (the fixture's cached tokens expire when the clock moves on).</summary>
    private async Task<HttpClient> FreshClientAsync(string user)
    {
        var anon = app.CreateClient();
        var res = await anon.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = GonghuiApp.Password });
        res.EnsureSuccessStatusCode();
        var token = (await res.Content.ReadFromJsonAsync<TokenBody>())!.AccessToken;
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private sealed record TokenBody(string AccessToken);

    private static async Task<RequestDto> ActAsync(HttpClient c, Guid id, string action, object? body = null)
    {
        var res = await c.PostJsonAsync($"/api/v1/hotline/requests/{id}/{action}", body ?? new { });
        Assert.True(res.StatusCode == HttpStatusCode.OK, $"{action}: {res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        return (await res.ReadJsonAsync<RequestDto>())!;
    }

    [Fact]
    public async Task Detail_and_action_answers_read_the_update_deadline_against_the_injected_clock()
    {
        var clock = app.Clock;
        var agent = await FreshClientAsync("agent");
        var dc = await FreshClientAsync("dongcheng");
        var filed = await agent.PostJsonAsync("/api/v1/hotline/requests", new
        {
            category = "labor-dispute", urgency = "Normal", description = "公司拖欠工资 " + Guid.NewGuid().ToString("N")[..8], callerName = "王师傅",
            phone = "139" + Random.Shared.Next(10000000, 99999999), districtCode = "110101", channel = "Phone",
        });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var r = (await filed.ReadJsonAsync<RequestDto>())!;
        Assert.False(r.UpdateOverdue);
        await ActAsync(agent, r.Id, "dispatch");
        var accepted = await ActAsync(dc, r.Id, "accept");
        // By the wall clock the update deadline passed weeks ago; by the app's clock it has not come yet.
        Assert.True(accepted.UpdateDueAt < DateTimeOffset.UtcNow);
        Assert.True(accepted.UpdateDueAt > clock.GetUtcNow());
        Assert.False(accepted.UpdateOverdue);
        Assert.False((await dc.GetJsonAsync<RequestDetailDto>($"/api/v1/hotline/requests/{r.Id}"))!.Request.UpdateOverdue);

        clock.Set(accepted.UpdateDueAt.AddHours(1));
        agent = await FreshClientAsync("agent");
        dc = await FreshClientAsync("dongcheng");
        Assert.True((await dc.GetJsonAsync<RequestDetailDto>($"/api/v1/hotline/requests/{r.Id}"))!.Request.UpdateOverdue);
        Assert.True((await ActAsync(dc, r.Id, "contact")).UpdateOverdue);
        Assert.False((await ActAsync(dc, r.Id, "progress", new { note = "已约企业负责人面谈" })).UpdateOverdue);
    }
}

public sealed class HotlineClockTests_Sqlite(SqliteClockApp app) : HotlineClockTests<SqliteClockApp>(app), IClassFixture<SqliteClockApp>;
public sealed class HotlineClockTests_Postgres(PostgresClockApp app) : HotlineClockTests<PostgresClockApp>(app), IClassFixture<PostgresClockApp>;
