using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Modules.Hotline.Endpoints;
using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Notifications;
using Gonghui.Platform.Security;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Tests.Hotline;

/// <summary>The hotline over real HTTP on SQLite and PostgreSQL: life of a request, scope, concurrency, idempotency, overdue, outbox, rates.</summary>
public abstract partial class HotlineApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private const string Dongcheng = "110101";

    private async Task<Guid> UnitIdAsync(string code) => await app.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Code == code).Select(u => u.Id).SingleAsync());

    private static object NewCall(string category = "labor-dispute", string? district = Dongcheng, string urgency = "Normal", string? text = null) => new
    {
        category, urgency, description = text ?? "公司拖欠工资 " + Guid.NewGuid().ToString("N")[..8], callerName = "王师傅",
        phone = "139" + Random.Shared.Next(10000000, 99999999), districtCode = district, channel = "Phone",
    };

    private async Task<RequestDto> FileAsync(HttpClient agent, object? body = null)
    {
        var res = await agent.PostJsonAsync("/api/v1/hotline/requests", body ?? NewCall());
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return (await res.ReadJsonAsync<RequestDto>())!;
    }

    private static async Task<RequestDto> ActAsync(HttpClient c, Guid id, string action, object? body = null, HttpStatusCode expect = HttpStatusCode.OK)
    {
        var res = await c.PostJsonAsync($"/api/v1/hotline/requests/{id}/{action}", body ?? new { });
        Assert.True(expect == res.StatusCode, $"{action}: expected {expect}, got {res.StatusCode}: {await res.Content.ReadAsStringAsync()}");
        return res.StatusCode == HttpStatusCode.OK ? (await res.ReadJsonAsync<RequestDto>())! : null!;
    }

    [Fact]
    public async Task Agent_takes_a_call_dongcheng_handles_it_and_the_visit_closes_it_with_a_full_timeline()
    {
        var agent = await app.ClientAsync("agent");
        var dc = await app.ClientAsync("dongcheng");
        var r = await FileAsync(agent);
        Assert.Equal(RequestState.Received, r.State);
        Assert.Matches(@"^139\*\*\*\*\d{4}$", r.PhoneMasked);
        Assert.Equal(TimeSpan.FromHours(24), r.ContactDueAt - r.ReceivedAt);

        var detail = await agent.GetJsonAsync<RequestDetailDto>($"/api/v1/hotline/requests/{r.Id}");
        var dcUnit = await UnitIdAsync("DC");
        Assert.Equal(dcUnit, detail!.Suggestion!.LeadUnitId);

        r = await ActAsync(agent, r.Id, "dispatch", new { });
        Assert.Equal((RequestState.Dispatched, dcUnit), (r.State, r.LeadUnitId!.Value));
        r = await ActAsync(dc, r.Id, "accept");
        r = await ActAsync(dc, r.Id, "contact");
        Assert.True(r.ContactedInTime);
        await ActAsync(dc, r.Id, "resolve", new { }, HttpStatusCode.BadRequest);
        r = await ActAsync(dc, r.Id, "resolve", new { note = "已督促企业补发工资" });
        Assert.Equal(RequestState.Resolved, r.State);
        // only an agent visits back
        await ActAsync(dc, r.Id, "visit", new { reached = true, solved = true, satisfaction = "Satisfied" }, HttpStatusCode.Conflict);
        r = await ActAsync(agent, r.Id, "visit", new { reached = true, solved = true, satisfaction = "Satisfied", note = "职工表示满意" });
        Assert.Equal(RequestState.Closed, r.State);
        Assert.Equal(Satisfaction.Satisfied, r.VisitSatisfaction);

        detail = await agent.GetJsonAsync<RequestDetailDto>($"/api/v1/hotline/requests/{r.Id}");
        Assert.Equal(["file", "dispatch", "accept", "contact", "resolve", "visit", "close"], detail!.Timeline.Select(e => e.Action).ToArray());
        var id = r.Id.ToString();
        var audited = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(HotlineRequest) && a.EntityId == id).OrderBy(a => a.Seq).Select(a => a.Action).ToListAsync());
        Assert.Contains("create", audited);
        Assert.Equal(["hotline.dispatch", "hotline.accept", "hotline.contact", "hotline.resolve", "hotline.visit"], audited.Where(a => a.StartsWith("hotline.")).ToArray());
        var sms = await app.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.SubjectId == r.Id && m.Channel == "sms"));
        Assert.Equal(2, sms);
    }

    [Fact]
    public async Task Illegal_transition_is_409_naming_the_current_state()
    {
        var agent = await app.ClientAsync("agent");
        var r = await FileAsync(agent);
        var res = await agent.PostJsonAsync($"/api/v1/hotline/requests/{r.Id}/accept", new { });
        Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
        var problem = await res.ReadJsonAsync<JsonElement>();
        Assert.Contains("Received", problem.GetProperty("detail").GetString());
        var after = await agent.GetJsonAsync<RequestDetailDto>($"/api/v1/hotline/requests/{r.Id}");
        Assert.Equal(RequestState.Received, after!.Request.State);
    }

    [Fact]
    public async Task Dissatisfied_visit_reopens_once_and_escalates_to_the_parent()
    {
        var agent = await app.ClientAsync("agent");
        var dc = await app.ClientAsync("dongcheng");
        var r = await FileAsync(agent);
        await ActAsync(agent, r.Id, "dispatch");
        await ActAsync(dc, r.Id, "accept");
        await ActAsync(dc, r.Id, "contact");
        await ActAsync(dc, r.Id, "resolve", new { note = "答复" });
        r = await ActAsync(agent, r.Id, "visit", new { reached = true, solved = false, satisfaction = "Dissatisfied" });
        Assert.Equal((RequestState.Escalated, 1, 1), (r.State, r.TimesReopened, r.EscalationLevel));
        await ActAsync(dc, r.Id, "resolve", new { note = "再次协调" });
        r = await ActAsync(agent, r.Id, "visit", new { reached = true, solved = false, satisfaction = "Dissatisfied" });
        Assert.Equal(RequestState.Closed, r.State);
    }

    [Fact]
    public async Task Two_people_acting_at_once_one_wins_the_other_gets_409()
    {
        var agent = await app.ClientAsync("agent");
        var dc1 = await app.ClientAsync("dongcheng");
        var dc2 = await app.ClientAsync("dongcheng");
        for (var round = 0; round < 3; round++)
        {
            var r = await FileAsync(agent);
            await ActAsync(agent, r.Id, "dispatch");
            var a = dc1.PostJsonAsync($"/api/v1/hotline/requests/{r.Id}/accept", new { });
            var b = dc2.PostJsonAsync($"/api/v1/hotline/requests/{r.Id}/accept", new { });
            var codes = (await Task.WhenAll(a, b)).Select(x => x.StatusCode).OrderBy(x => x).ToArray();
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], codes);
            var detail = await agent.GetJsonAsync<RequestDetailDto>($"/api/v1/hotline/requests/{r.Id}");
            Assert.Single(detail!.Timeline, e => e.Action == "accept");
        }
    }

    [Fact]
    public async Task Stale_version_is_refused()
    {
        var agent = await app.ClientAsync("agent");
        var r = await FileAsync(agent);
        await ActAsync(agent, r.Id, "dispatch", new { version = r.Version + 5 }, HttpStatusCode.Conflict);
        await ActAsync(agent, r.Id, "dispatch", new { version = r.Version });
    }

    [Fact]
    public async Task Idempotency_key_retry_acts_once()
    {
        var agent = await app.ClientAsync("agent");
        var r = await FileAsync(agent);
        var key = Guid.NewGuid().ToString();
        for (var i = 0; i < 2; i++)
        {
            using var msg = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/hotline/requests/{r.Id}/dispatch") { Content = JsonContent.Create(new { }) };
            msg.Headers.Add("Idempotency-Key", key);
            var res = await agent.SendAsync(msg);
            Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        }
        var detail = await agent.GetJsonAsync<RequestDetailDto>($"/api/v1/hotline/requests/{r.Id}");
        Assert.Single(detail!.Timeline, e => e.Action == "dispatch");
    }

    [Fact]
    public async Task A_district_sees_and_acts_only_on_requests_dispatched_into_its_subtree()
    {
        var agent = await app.ClientAsync("agent");
        var dc = await app.ClientAsync("dongcheng");
        var xc = await app.ClientAsync("xicheng");
        var r = await FileAsync(agent);
        // not yet dispatched: only the hotline sees it
        Assert.Equal(HttpStatusCode.NotFound, (await dc.GetAsync($"/api/v1/hotline/requests/{r.Id}")).StatusCode);
        await ActAsync(agent, r.Id, "dispatch");
        Assert.Equal(HttpStatusCode.OK, (await dc.GetAsync($"/api/v1/hotline/requests/{r.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await xc.GetAsync($"/api/v1/hotline/requests/{r.Id}")).StatusCode);
        await ActAsync(xc, r.Id, "accept", expect: HttpStatusCode.NotFound);
        var xcList = await xc.GetJsonAsync<Slice<RequestDto>>("/api/v1/hotline/requests?limit=200");
        Assert.DoesNotContain(xcList!.Items, i => i.Id == r.Id);
        var dcList = await dc.GetJsonAsync<Slice<RequestDto>>($"/api/v1/hotline/requests?q={r.TrackingCode}");
        Assert.Equal(r.Id, Assert.Single(dcList!.Items).Id);
    }

    [Fact]
    public async Task A_co_handling_unit_sees_the_request_but_only_the_lead_acts()
    {
        var agent = await app.ClientAsync("agent");
        var xc = await app.ClientAsync("xicheng");
        var r = await FileAsync(agent);
        var (dcUnit, xcUnit) = (await UnitIdAsync("DC"), await UnitIdAsync("XC"));
        r = await ActAsync(agent, r.Id, "dispatch", new { unitId = dcUnit, coUnitIds = new[] { xcUnit } });
        var seen = await xc.GetJsonAsync<RequestDetailDto>($"/api/v1/hotline/requests/{r.Id}");
        Assert.Equal([xcUnit], seen!.CoUnitIds);
        await ActAsync(xc, r.Id, "accept", expect: HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Return_needs_a_reason_and_hands_the_request_back_for_re_dispatch()
    {
        var agent = await app.ClientAsync("agent");
        var dc = await app.ClientAsync("dongcheng");
        var r = await FileAsync(agent);
        await ActAsync(agent, r.Id, "dispatch");
        await ActAsync(dc, r.Id, "return", new { }, HttpStatusCode.BadRequest);
        r = await ActAsync(dc, r.Id, "return", new { note = "不属于本区" });
        Assert.Equal(RequestState.Returned, r.State);
        Assert.Equal(HttpStatusCode.NotFound, (await dc.GetAsync($"/api/v1/hotline/requests/{r.Id}")).StatusCode);
        var xcUnit = await UnitIdAsync("XC");
        r = await ActAsync(agent, r.Id, "dispatch", new { unitId = xcUnit });
        Assert.Equal(xcUnit, r.LeadUnitId);
    }

    [Fact]
    public async Task Pause_keeps_the_clock_and_an_extension_needs_a_supervisor()
    {
        var agent = await app.ClientAsync("agent");
        var dc = await app.ClientAsync("dongcheng");
        var r = await FileAsync(agent);
        await ActAsync(agent, r.Id, "dispatch");
        r = await ActAsync(dc, r.Id, "accept");
        var due = r.ResolutionDueAt;
        r = await ActAsync(dc, r.Id, "pause");
        Assert.True(r.WaitingOnWorker);
        await ActAsync(dc, r.Id, "pause", expect: HttpStatusCode.Conflict);
        r = await ActAsync(dc, r.Id, "resume");
        Assert.False(r.WaitingOnWorker);
        Assert.True(r.ResolutionDueAt >= due);
        await ActAsync(dc, r.Id, "extend", new { days = 0 }, HttpStatusCode.BadRequest);
        r = await ActAsync(dc, r.Id, "extend", new { days = 3, note = "需调取工资记录" });
        Assert.Equal((3, 0), (r.ExtensionRequestedDays, r.ExtensionDays));
        Assert.Equal(HttpStatusCode.Conflict, (await dc.PostAsync($"/api/v1/hotline/requests/{r.Id}/extend/approve", null)).StatusCode);
        var approved = await (await agent.PostAsync($"/api/v1/hotline/requests/{r.Id}/extend/approve", null)).ReadJsonAsync<RequestDto>();
        Assert.Equal((0, 3), (approved!.ExtensionRequestedDays, approved.ExtensionDays));
        Assert.True(approved.ResolutionDueAt > r.ResolutionDueAt);
    }

    [Fact]
    public async Task Overdue_request_is_escalated_to_the_parent_unit()
    {
        var agent = await app.ClientAsync("agent");
        var r = await FileAsync(agent, NewCall(urgency: "Urgent"));
        await ActAsync(agent, r.Id, "dispatch");
        var root = await UnitIdAsync("BJ");
        await app.WithScopeAsync(async sp =>
        {
            var n = await sp.GetRequiredService<OverdueScanner>().RunOnceAsync(r.ReceivedAt.AddHours(3));
            Assert.True(n >= 1);
        });
        var after = await app.WithDbAsync(db => db.Set<HotlineRequest>().AsNoTracking().SingleAsync(x => x.Id == r.Id));
        Assert.Equal((RequestState.Escalated, true, root), (after.State, after.Overdue, after.EscalatedToUnitId!.Value));
        var list = await agent.GetJsonAsync<Slice<RequestDto>>($"/api/v1/hotline/requests?overdue=true&q={r.TrackingCode}");
        Assert.Single(list!.Items);
        // a second scan does not escalate twice
        await app.WithScopeAsync(async sp => await sp.GetRequiredService<OverdueScanner>().RunOnceAsync(r.ReceivedAt.AddHours(3)));
        var events = await app.WithDbAsync(db => db.Set<HotlineRequestEvent>().CountAsync(e => e.RequestId == r.Id && e.Action == "escalate"));
        Assert.Equal(1, events);
    }

    private sealed class FailingSender : ISmsSender
    {
        public int Calls;
        public Task SendAsync(string channel, string? phone, Guid? unitId, string body, CancellationToken ct) { Calls++; throw new HttpRequestException("gateway down"); }
    }

    private sealed class RecordingSender : ISmsSender
    {
        public List<string> Sent { get; } = [];
        public Task SendAsync(string channel, string? phone, Guid? unitId, string body, CancellationToken ct) { Sent.Add(phone + "|" + body); return Task.CompletedTask; }
    }

    [Fact]
    public async Task Outbox_keeps_notifications_when_the_sender_fails_and_delivers_later()
    {
        // A message due far in the future, so the app's own delivery loop (real clock) leaves it to this test.
        var future = DateTimeOffset.UtcNow.AddDays(400);
        var id = await app.WithDbAsync(async db =>
        {
            var sp = app.Services;
            var m = new OutboxMessage { Channel = "sms", ToCipher = sp.GetRequiredService<PersonalDataProtector>().Encrypt("13912345678"), ToMasked = "139****5678", Body = "测试通知", CreatedAt = future, NextAttemptAt = future };
            db.Add(m);
            await db.SaveChangesAsync();
            return m.Id;
        });
        var failing = new FailingSender();
        OutboxMessage msg = null!;
        for (var i = 0; i < 20; i++)
        {
            await app.WithScopeAsync(async sp => await new OutboxDelivery(sp.GetRequiredService<GonghuiDb>(), failing, sp.GetRequiredService<PersonalDataProtector>()).RunOnceAsync(future));
            msg = await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == id));
            if (msg.Attempts > 0) break;
        }
        Assert.True(failing.Calls >= 1);
        Assert.Null(msg.SentAt);
        Assert.Equal(1, msg.Attempts);
        Assert.Equal("gateway down", msg.LastError);
        Assert.True(msg.NextAttemptAt > future);
        var ok = new RecordingSender();
        for (var i = 0; i < 20 && msg.SentAt is null; i++)
        {
            await app.WithScopeAsync(async sp => await new OutboxDelivery(sp.GetRequiredService<GonghuiDb>(), ok, sp.GetRequiredService<PersonalDataProtector>()).RunOnceAsync(future.AddDays(1)));
            msg = await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == id));
        }
        Assert.NotNull(msg.SentAt);
        Assert.Contains("13912345678|测试通知", ok.Sent);
    }

    [Fact]
    public async Task Validation_names_the_field()
    {
        var agent = await app.ClientAsync("agent");
        var res = await agent.PostJsonAsync("/api/v1/hotline/requests", new { category = "nope", description = "", phone = "12" });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var errors = (await res.ReadJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("category", out _));
        Assert.True(errors.TryGetProperty("description", out _));
        Assert.True(errors.TryGetProperty("phone", out _));
    }

    [Fact]
    public async Task Worker_files_and_follows_by_tracking_code_and_sees_only_their_own()
    {
        var worker = await app.ClientAsync("worker");
        var res = await worker.PostJsonAsync("/api/v1/hotline/requests", NewCall("social-insurance"));
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var mine = (await res.ReadJsonAsync<RequestDto>())!;
        Assert.Equal(Channel.Portal, mine.Channel);
        var list = await worker.GetJsonAsync<Slice<RequestDto>>("/api/v1/hotline/requests");
        Assert.Contains(list!.Items, i => i.Id == mine.Id);
        var page = await worker.GetStringAsync("/hotline/mine");
        Assert.Contains(mine.TrackingCode, page);
        var agent = await app.ClientAsync("agent");
        var other = await FileAsync(agent);
        Assert.DoesNotContain(other.TrackingCode, await worker.GetStringAsync("/hotline/mine"));
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/api/v1/hotline/requests/{other.Id}")).StatusCode);

        var anon = app.CreateClient();
        var filed = await anon.PostJsonAsync("/api/v1/hotline/public/requests", new { category = "hardship", description = "生活困难", phone = "13900001111" });
        Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        var track = (await filed.ReadJsonAsync<TrackDto>())!;
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync($"/api/v1/hotline/public/track?code={track.TrackingCode}&phone=13900002222")).StatusCode);
        var t = await anon.GetJsonAsync<TrackDto>($"/api/v1/hotline/public/track?code={track.TrackingCode}&phone=13900001111");
        Assert.Equal(RequestState.Received, t!.State);
        var noPhone = await anon.PostJsonAsync("/api/v1/hotline/public/requests", new { category = "hardship", description = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, noPhone.StatusCode);
    }

    [Fact]
    public async Task Agent_sees_the_callers_earlier_requests_by_phone()
    {
        var agent = await app.ClientAsync("agent");
        var phone = "137" + Random.Shared.Next(10000000, 99999999);
        await FileAsync(agent, new { category = "other", description = "第一次", phone });
        await FileAsync(agent, new { category = "other", description = "第二次", phone });
        var earlier = await agent.GetJsonAsync<List<RequestDto>>($"/api/v1/hotline/callers?phone={phone}");
        Assert.Equal(2, earlier!.Count);
    }

    [Fact]
    public async Task Five_wage_arrears_requests_about_one_enterprise_raise_an_alert_for_the_district()
    {
        var ent = new Enterprise { Name = "测试欠薪企业" + Guid.NewGuid().ToString("N")[..6], CreditCode = "91" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant(), DistrictCode = "110102" };
        await app.WithDbAsync(async db => { db.Add(ent); return await db.SaveChangesAsync(); });
        var agent = await app.ClientAsync("agent");
        for (var i = 0; i < 5; i++)
            await FileAsync(agent, new { category = "labor-dispute", description = "欠薪 " + i, enterpriseId = ent.Id, phone = "1360000000" + i });
        var xc = await app.ClientAsync("xicheng");
        HotlineAlert? alert = null;
        for (var i = 0; i < 300 && alert is null; i++) // up to 30 s on a loaded machine
        {
            var alerts = await xc.GetJsonAsync<List<HotlineAlert>>("/api/v1/hotline/alerts");
            alert = alerts!.FirstOrDefault(a => a.Key == "enterprise:" + ent.Id);
            if (alert is null) await Task.Delay(100);
        }
        Assert.NotNull(alert);
        Assert.Equal(5, alert.Count);
        var dcAlerts = await (await app.ClientAsync("dongcheng")).GetJsonAsync<List<HotlineAlert>>("/api/v1/hotline/alerts");
        Assert.DoesNotContain(dcAlerts!, a => a.Key == "enterprise:" + ent.Id);
    }

    [Fact]
    public async Task Reports_count_the_period_and_export_to_xlsx()
    {
        var agent = await app.ClientAsync("agent");
        // Reports are supervision (hotline.supervise): the federation reads them, the agent who takes the calls does not.
        var supervisor = await app.ClientAsync("admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/v1/hotline/reports?period=Day")).StatusCode);
        var before = await supervisor.GetJsonAsync<ReportDto>("/api/v1/hotline/reports?period=Day");
        await FileAsync(agent, NewCall("legal-advice"));
        var after = await supervisor.GetJsonAsync<ReportDto>("/api/v1/hotline/reports?period=Day");
        Assert.Equal(before!.Received + 1, after!.Received);
        Assert.Contains(after.ByCategory, c => c.Key == "legal-advice");
        var xlsx = await supervisor.GetAsync("/hotline/reports.xlsx?period=Year");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
        Assert.Equal((byte)'K', bytes[1]);
        var sheets = MiniExcelLibs.MiniExcel.GetSheetNames(new MemoryStream(bytes));
        Assert.Contains("categories", sheets);
        var rates = await supervisor.GetAsync("/hotline/rates.xlsx");
        Assert.Equal(HttpStatusCode.OK, rates.StatusCode);
        Assert.Contains("units", MiniExcelLibs.MiniExcel.GetSheetNames(new MemoryStream(await rates.Content.ReadAsByteArrayAsync())));
    }

    [Fact]
    public async Task Rates_for_a_fixture_year_have_known_answers_per_unit()
    {
        // Two fresh grassroots units under 东城; 2020 visits built through the entity's own state changes.
        var (a, b) = await app.WithDbAsync(async db =>
        {
            var dc = await db.Set<OrgUnit>().SingleAsync(u => u.Code == "DC");
            var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
            var ua = OrgUnit.CreateChild(dc, "RA" + suffix, "费率甲" + suffix, OrgUnitKind.GrassrootsUnion, null, DateTimeOffset.UtcNow);
            var ub = OrgUnit.CreateChild(dc, "RB" + suffix, "费率乙" + suffix, OrgUnitKind.GrassrootsUnion, null, DateTimeOffset.UtcNow);
            db.AddRange(ua, ub);
            var policy = app.Services.GetRequiredService<Gonghui.Modules.Hotline.Deadlines.DeadlinePolicy>();
            var received = new DateTimeOffset(2020, 6, 1, 10, 0, 0, TimeSpan.FromHours(8));
            var n = 0;
            void Add(OrgUnit u, bool inTime, bool solved, Satisfaction s, bool reached = true)
            {
                var r = HotlineRequest.File(Channel.Phone, "other", null, Gonghui.Modules.Hotline.Deadlines.Urgency.Normal, "fixture", received, "/BJ/", policy.All("other", Gonghui.Modules.Hotline.Deadlines.Urgency.Normal, received), $"FX{suffix}{n++:D4}");
                r.Dispatch(u.Id, u.Path, received.AddMinutes(5));
                r.Accept(received.AddMinutes(10));
                r.Contact(received.AddHours(inTime ? 2 : 30));
                r.Resolve("done", received.AddDays(3));
                r.RecordVisit(reached, solved, s, received.AddDays(4));
                db.Add(r);
            }
            // Unit A: 10 valid visits: 9 in time, 8 solved, 6 satisfied, 3 partly, 1 dissatisfied; plus one unreachable (not valid).
            for (var i = 0; i < 10; i++)
                Add(ua, inTime: i < 9, solved: i < 8, s: i < 6 ? Satisfaction.Satisfied : i < 9 ? Satisfaction.PartlySatisfied : Satisfaction.Dissatisfied);
            Add(ua, false, false, Satisfaction.Dissatisfied, reached: false);
            // Unit B: 4 valid visits: all in time, 2 solved, 1 satisfied, 1 partly, 2 dissatisfied.
            for (var i = 0; i < 4; i++)
                Add(ub, inTime: true, solved: i < 2, s: i == 0 ? Satisfaction.Satisfied : i == 1 ? Satisfaction.PartlySatisfied : Satisfaction.Dissatisfied);
            await db.SaveChangesAsync();
            return (ua.Id, ub.Id);
        });
        var admin = await app.ClientAsync("admin");
        var report = await admin.GetJsonAsync<RatesReport>("/api/v1/hotline/rates?from=2020-01-01T00:00:00%2B08:00&to=2021-01-01T00:00:00%2B08:00");
        var ra = report!.Units.Single(u => u.UnitId == a);
        var rb = report.Units.Single(u => u.UnitId == b);
        Assert.Equal((10, 0.9, 0.8, 0.87, 83.8), (ra.ValidVisits, ra.ResponseRate, ra.ResolutionRate, ra.SatisfactionRate, ra.Score));
        Assert.Equal((4, 1.0, 0.5, 0.475, 54.0), (rb.ValidVisits, rb.ResponseRate, rb.ResolutionRate, rb.SatisfactionRate, rb.Score));
        Assert.True(ra.Rank < rb.Rank);
        var district = report.Districts.Single(d => d.Path == "/BJ/DC/");
        Assert.True(district.ValidVisits >= 14);
        var one = await admin.GetJsonAsync<RatesReport>($"/api/v1/hotline/rates?from=2020-01-01T00:00:00%2B08:00&to=2021-01-01T00:00:00%2B08:00&unitId={b}");
        Assert.Equal(4, Assert.Single(one!.Units).ValidVisits);
        Assert.Equal(4, one.City.ValidVisits);
        // xicheng cannot ask for a 东城 unit
        var xc = await app.ClientAsync("xicheng");
        Assert.Equal(HttpStatusCode.NotFound, (await xc.GetAsync($"/api/v1/hotline/rates?unitId={a}")).StatusCode);
    }

    [Fact]
    public async Task The_counselling_team_is_a_service_unit_ranked_as_a_unit_not_as_a_district_and_keeps_no_funds()
    {
        var psy = await app.WithDbAsync(db => db.Set<OrgUnit>().AsNoTracking().SingleAsync(u => u.Code == "PSY"));
        Assert.Equal((OrgUnitKind.ServiceUnit, 1, (string?)null), (psy.Kind, psy.Depth, psy.DistrictCode));
        // the demo budgets go to the federation and the district and industry unions, not to a service unit
        Assert.False(await app.WithDbAsync(db => db.Set<Gonghui.Modules.Funds.Ledger.LedgerEntry>().AnyAsync(e => e.OrgUnitId == psy.Id)));
        Assert.True(await app.WithDbAsync(db => (from e in db.Set<Gonghui.Modules.Funds.Ledger.LedgerEntry>() join u in db.Set<OrgUnit>() on e.OrgUnitId equals u.Id
                                                 where u.Kind == OrgUnitKind.IndustryUnion select e).AnyAsync()));

        var agent = await app.ClientAsync("agent");
        var admin = await app.ClientAsync("admin");
        var r = await FileAsync(agent, NewCall(category: "psych-help"));
        Assert.Equal(psy.Id, (await agent.GetJsonAsync<RequestDetailDto>($"/api/v1/hotline/requests/{r.Id}"))!.Suggestion!.LeadUnitId);
        r = await ActAsync(agent, r.Id, "dispatch", new { });
        Assert.Equal(psy.Id, r.LeadUnitId);
        await ActAsync(admin, r.Id, "accept");
        await ActAsync(admin, r.Id, "contact");
        await ActAsync(admin, r.Id, "resolve", new { note = "已安排心理咨询师跟进" });
        await ActAsync(agent, r.Id, "visit", new { reached = true, solved = true, satisfaction = "Satisfied" });

        var report = (await admin.GetJsonAsync<RatesReport>("/api/v1/hotline/rates"))!;
        Assert.Contains(report.Units, u => u.UnitId == psy.Id && u.ValidVisits >= 1);
        Assert.DoesNotContain(report.Districts, d => d.UnitId == psy.Id);
        Assert.All(report.Districts, d => Assert.False(d.Path.StartsWith("/BJ/PSY/", StringComparison.Ordinal)));
    }
}

public sealed class HotlineApiTests_Sqlite(SqliteApp app) : HotlineApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class HotlineApiTests_Postgres(PostgresApp app) : HotlineApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
