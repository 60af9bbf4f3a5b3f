using System.Net;
using Gonghui.Modules.Hotline.Endpoints;
using Gonghui.Modules.Hotline.Indicators;
using Gonghui.Tests.Indicators;
using Gonghui.Tests.Infrastructure;

namespace Gonghui.Tests.Hotline;

/// <summary>The hotline's report figures from requests filed and worked through the API, inside and outside the period and the scope.</summary>
public abstract class HotlineIndicatorsTests<TApp>(TApp app) : IndicatorTests<TApp>(app) where TApp : GonghuiApp, IIndicatorsApp
{
    private static object Call(string district, string channel, DateTimeOffset? receivedAt = null) => new
    {
        category = "labor-dispute", urgency = "Normal", description = "公司拖欠工资 " + Guid.NewGuid().ToString("N")[..8], callerName = "王师傅",
        phone = "139" + Random.Shared.Next(10000000, 99999999), districtCode = district, channel, receivedAt,
    };

    private static async Task<Guid> FileAsync(HttpClient agent, object body)
    {
        var res = await agent.PostJsonAsync("/api/v1/hotline/requests", body);
        Assert.True(res.StatusCode == HttpStatusCode.Created, await res.Content.ReadAsStringAsync());
        return (await res.ReadJsonAsync<RequestDto>())!.Id;
    }

    private static async Task ActAsync(HttpClient c, Guid id, string action, object? body = null)
    {
        var res = await c.PostJsonAsync($"/api/v1/hotline/requests/{id}/{action}", body ?? new { });
        Assert.True(res.StatusCode == HttpStatusCode.OK, $"{action}: {res.StatusCode} {await res.Content.ReadAsStringAsync()}");
    }

    /// <summary>Dispatch, accept, contact, resolve by the district; the agent's return visit.</summary>
    private static async Task WorkAsync(HttpClient agent, HttpClient unit, Guid id, string satisfaction)
    {
        await ActAsync(agent, id, "dispatch");
        await ActAsync(unit, id, "accept");
        await ActAsync(unit, id, "contact");
        await ActAsync(unit, id, "resolve", new { note = "已协调解决" });
        await ActAsync(agent, id, "visit", new { reached = true, solved = true, satisfaction, note = "回访" });
    }

    [Fact]
    public async Task Requests_by_channel_and_the_three_rates_count_the_period_and_the_scope_only()
    {
        var dayBefore = FreshDay();
        var day = dayBefore.AddDays(1);
        Clock.Set(Gonghui.Platform.Time.BeijingTime.ToUtc(day, new TimeOnly(14, 0)));
        var agent = await ClientAsync("agent");
        var dc = await ClientAsync("dongcheng");
        var xc = await ClientAsync("xicheng");

        // Received the day before (back-entered by the agent) and contacted a day late: received outside the period, visited inside it.
        var late = await FileAsync(agent, Call("110101", "Phone", Now.AddHours(-26)));
        await WorkAsync(agent, dc, late, "Satisfied");
        var byPhone = await FileAsync(agent, Call("110101", "Phone"));
        await WorkAsync(agent, dc, byPhone, "Satisfied");
        var byApi = await FileAsync(agent, Call("110101", "Api"));
        await WorkAsync(agent, dc, byApi, "PartlySatisfied");
        // Another district: in the city's figures, not in Dongcheng's.
        var xicheng = await FileAsync(agent, Call("110102", "Phone"));
        await WorkAsync(agent, xc, xicheng, "Satisfied");
        // The next day: outside the period.
        // A token lives for one shift: the next day's call signs in again (the old token answers 401, as it should).
        Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await agent.GetAsync("/api/v1/hotline/requests")).StatusCode);
        agent = await ClientAsync("agent");
        await FileAsync(agent, Call("110101", "Phone"));

        var dcPath = await PathOfAsync("DC");
        var f = await FiguresAsync<HotlineIndicators>(Day(day, dcPath));
        f.Is("hotline.requests", 2);
        f.Is("hotline.requests.phone", 1);
        f.Is("hotline.requests.api", 1);
        f.IsNoData("hotline.requests.portal");
        f.IsNoData("hotline.requests.open311");
        f.Is("hotline.visits", 3);
        f.Is("hotline.response-rate", 6667);       // 2 of 3 contacted in time
        f.Is("hotline.resolution-rate", 10_000);   // 3 of 3 solved
        f.Is("hotline.satisfaction-rate", 9667);   // (2 + 0.9) / 3

        var city = await FiguresAsync<HotlineIndicators>(Day(day, "/BJ/"));
        city.Is("hotline.requests", 3);
        city.Is("hotline.visits", 4);
        city.Is("hotline.response-rate", 7500);

        var before = await FiguresAsync<HotlineIndicators>(Day(dayBefore, dcPath));
        before.Is("hotline.requests", 1);
        before.IsNoData("hotline.visits");
        before.IsNoData("hotline.satisfaction-rate");
        // The next day's request is not dispatched yet: it is the federation's, not Dongcheng's.
        var after = await FiguresAsync<HotlineIndicators>(Day(day.AddDays(1), dcPath));
        after.IsNoData("hotline.requests");
        var cityAfter = await FiguresAsync<HotlineIndicators>(Day(day.AddDays(1), "/BJ/"));
        cityAfter.Is("hotline.requests", 1);
        cityAfter.IsNoData("hotline.response-rate");
    }
}

[Collection(IndicatorsCollections.Sqlite)]
public sealed class HotlineIndicatorsTests_Sqlite(SqliteIndicatorsApp app) : HotlineIndicatorsTests<SqliteIndicatorsApp>(app);

[Collection(IndicatorsCollections.Postgres)]
public sealed class HotlineIndicatorsTests_Postgres(PostgresIndicatorsApp app) : HotlineIndicatorsTests<PostgresIndicatorsApp>(app);
