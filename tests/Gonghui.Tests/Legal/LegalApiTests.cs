using System.Net;
using System.Text.Json;
using Gonghui.Modules.Legal.Cases;
using Gonghui.Modules.Legal.Public;
using Gonghui.Modules.Legal.Roster;
using Gonghui.Platform.Http;
using Gonghui.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;

namespace Gonghui.Tests.Legal;

/// <summary>Legal cases over HTTP on each provider: opening, the clocks, bad input, scope, the conflict check, closing and statistics.</summary>
public abstract class LegalApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private const string Base = "/api/v1/legal";

    private static object NewCase(string employer = "北京测试物流有限公司", string? creditCode = null, string type = "Mediation", string received = "2021-01-20",
        string knew = "2020-12-01", object[]? claims = null, string worker = "张测试") => new
    {
        type, channel = "WalkIn", summary = "拖欠三个月工资", workerName = worker, workerPhone = "13812345678", workers = 1,
        employerName = employer, employerCreditCode = creditCode, industry = "交通运输业", receivedOn = received, knewOn = knew,
        claims = claims ?? [new { kind = "WageArrears", claimedFen = 3_000_000L }, new { kind = "Overtime", claimedFen = 500_000L }],
    };

    private static async Task<CaseDto> OpenAsync(HttpClient c, object body)
    {
        var res = await c.PostJsonAsync($"{Base}/cases", body);
        Assert.True(res.StatusCode == HttpStatusCode.Created, await res.Content.ReadAsStringAsync());
        return (await res.ReadJsonAsync<CaseDto>())!;
    }

    private static async Task<CaseDetailDto> GetAsync(HttpClient c, Guid id)
    {
        var res = await c.GetAsync($"{Base}/cases/{id}");
        Assert.True(res.StatusCode == HttpStatusCode.OK, await res.Content.ReadAsStringAsync());
        return (await res.ReadJsonAsync<CaseDetailDto>())!;
    }

    private static async Task<JsonElement> ErrorsOf(HttpResponseMessage res)
    {
        Assert.True(res.StatusCode == HttpStatusCode.BadRequest, $"{res.StatusCode}: {await res.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
    }

    [Fact]
    public async Task A_mediation_case_runs_its_clocks_from_the_steps_recorded()
    {
        var dc = await app.ClientAsync("dongcheng");
        var opened = await OpenAsync(dc, NewCase());
        Assert.StartsWith("LA20210120-", opened.Number);
        Assert.Equal("138****5678", opened.WorkerPhoneMasked);
        Assert.Equal("DC", opened.District);
        Assert.Equal(3_500_000, opened.ClaimedFen);

        // Wage arrears while the employment continues: no limitation, so no clock runs yet.
        var detail = await GetAsync(dc, opened.Id);
        Assert.Equal("NotRunning", detail.Limitation.State.ToString());
        Assert.Empty(detail.Deadlines);

        // Mediation applied for on 27 Jan 2021: 15 days end on 11 Feb, the Spring Festival → 18 Feb.
        var res = await dc.PutJsonAsync($"{Base}/cases/{opened.Id}/steps", new { knewOn = "2020-12-01", mediationAppliedOn = "2021-01-27" });
        Assert.True(res.IsSuccessStatusCode, await res.Content.ReadAsStringAsync());
        var d = Assert.Single((await res.ReadJsonAsync<CaseDetailDto>())!.Deadlines);
        Assert.Equal(("mediation", new DateOnly(2021, 2, 18)), (d.Code, d.Due));
        Assert.Equal("Overdue", d.Urgency.ToString()); // long past: the case was left open
        Assert.Equal(new DateOnly(2021, 2, 18), (await GetAsync(dc, opened.Id)).Case.NextDue);

        // Arbitration: applied 9 Feb 2021 → acceptance within 5 working days = 22 Feb; accepted 20 Feb → award 45 days = 6 Apr (Qingming 3–5 Apr).
        res = await dc.PutJsonAsync($"{Base}/cases/{opened.Id}/steps", new
        {
            knewOn = "2020-12-01", mediationAppliedOn = "2021-01-27", mediationEndedOn = "2021-02-08", arbitrationAppliedOn = "2021-02-09",
        });
        Assert.Equal(("acceptance", new DateOnly(2021, 2, 22)), Assert.Single((await res.ReadJsonAsync<CaseDetailDto>())!.Deadlines) is var a ? (a.Code, a.Due) : default);
        res = await dc.PutJsonAsync($"{Base}/cases/{opened.Id}/steps", new
        {
            knewOn = "2020-12-01", mediationAppliedOn = "2021-01-27", mediationEndedOn = "2021-02-08", arbitrationAppliedOn = "2021-02-09", acceptedOn = "2021-02-20",
        });
        var award = Assert.Single((await res.ReadJsonAsync<CaseDetailDto>())!.Deadlines);
        Assert.Equal(("award", new DateOnly(2021, 4, 6)), (award.Code, award.Due));
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field_and_changes_nothing()
    {
        var dc = await app.ClientAsync("dongcheng");
        var errors = await ErrorsOf(await dc.PostJsonAsync($"{Base}/cases", new
        {
            type = "Mediation", channel = "WalkIn", workerName = "", workerPhone = "12345", employerName = "某公司", employerCreditCode = "91110105MA01ABCD2Y",
            receivedOn = "2021-01-20", knewOn = "2020-12-01", claims = new[] { new { kind = "WageArrears", claimedFen = -1L } },
        }));
        foreach (var field in new[] { "workerName", "workerPhone", "employerCreditCode", "claims[0].claimedFen" })
            Assert.True(errors.TryGetProperty(field, out _), $"{field} missing in {errors}");

        var opened = await OpenAsync(dc, NewCase(type: "Arbitration"));
        var before = await GetAsync(dc, opened.Id);
        // Acceptance before the application; an interruption without a date; a step before the case was received.
        errors = await ErrorsOf(await dc.PutJsonAsync($"{Base}/cases/{opened.Id}/steps", new
        {
            knewOn = "2020-12-01", mediationAppliedOn = "2021-01-10", arbitrationAppliedOn = "2021-02-09", acceptedOn = "2021-02-01",
            limitationEvents = new object[] { new { kind = "Interruption" } },
        }));
        Assert.True(errors.TryGetProperty("acceptedOn", out var acc), errors.ToString());
        Assert.Contains("受理日不能早于申请仲裁日", acc[0].GetString());
        Assert.True(errors.TryGetProperty("limitationEvents[0].on", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("mediationAppliedOn", out _), errors.ToString());
        var after = await GetAsync(dc, opened.Id);
        Assert.Equal(before.Case, after.Case);
        Assert.Empty(after.LimitationEvents);

        // An unknown enum or a malformed date is a 400 too, never a 500.
        var res = await dc.PostJsonAsync($"{Base}/cases", new { type = "Nonsense", receivedOn = "2021-13-45" });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await dc.GetAsync($"{Base}/cases?order=sideways")).StatusCode);
    }

    [Fact]
    public async Task Staff_see_only_cases_in_their_scope_and_a_worker_only_their_own()
    {
        var dc = await app.ClientAsync("dongcheng");
        var mine = await OpenAsync(dc, NewCase(worker: "范围测试"));
        var xc = await app.ClientAsync("xicheng");
        Assert.Equal(HttpStatusCode.NotFound, (await xc.GetAsync($"{Base}/cases/{mine.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await xc.PutJsonAsync($"{Base}/cases/{mine.Id}/steps", new { knewOn = "2020-12-01" })).StatusCode);
        var xcList = await xc.GetFromJsonAsync<JsonElement>($"{Base}/cases?q=范围测试");
        Assert.Equal(0, xcList.GetProperty("items").GetArrayLength());
        var admin = await app.ClientAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"{Base}/cases/{mine.Id}")).StatusCode);

        var worker = await app.ClientAsync("worker");
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync($"{Base}/cases")).StatusCode);
        var own = await worker.GetFromJsonAsync<JsonElement>($"{Base}/mine");
        var memberId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "worker").Select(u => u.MemberId).SingleAsync());
        var expected = await app.WithDbAsync(db => db.Set<LegalCase>().CountAsync(c => c.MemberId == memberId));
        Assert.True(expected > 0, "the demo gives the worker a case");
        Assert.Equal(expected, own.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_lawyer_whose_firm_represented_the_employer_is_refused_another_is_assigned()
    {
        var admin = await app.ClientAsync("admin");
        var firm = (await (await admin.PostJsonAsync($"{Base}/firms", new { name = "冲突测试律所" + Guid.NewGuid().ToString("N")[..6] })).ReadJsonAsync<FirmDto>())!;
        var other = (await (await admin.PostJsonAsync($"{Base}/firms", new { name = "无关律所" + Guid.NewGuid().ToString("N")[..6] })).ReadJsonAsync<FirmDto>())!;
        var employer = "北京冲突测试有限公司" + Guid.NewGuid().ToString("N")[..4];
        var rep = await admin.PostJsonAsync($"{Base}/firms/{firm.Id}/representations", new { employerName = employer + " " });
        Assert.True(rep.IsSuccessStatusCode, await rep.Content.ReadAsStringAsync());
        var conflicted = (await (await admin.PostJsonAsync($"{Base}/lawyers", new { name = "李律师", firmId = firm.Id, specialities = new[] { "WageArrears" }, districts = new[] { "DC" } })).ReadJsonAsync<LawyerDto>())!;
        var free = (await (await admin.PostJsonAsync($"{Base}/lawyers", new { name = "王律师", firmId = other.Id, modelWorker = true })).ReadJsonAsync<LawyerDto>())!;

        var dc = await app.ClientAsync("dongcheng");
        var opened = await OpenAsync(dc, NewCase(employer: employer));
        var refused = await dc.PostJsonAsync($"{Base}/cases/{opened.Id}/assign", new { lawyerId = conflicted.Id });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("case.conflict", problem.GetProperty("code").GetString());
        Assert.Contains("李律师", problem.GetProperty("detail").GetString());
        Assert.Null((await GetAsync(dc, opened.Id)).Case.LawyerId);

        var ok = await dc.PostJsonAsync($"{Base}/cases/{opened.Id}/assign", new { lawyerId = free.Id });
        Assert.True(ok.IsSuccessStatusCode, await ok.Content.ReadAsStringAsync());
        Assert.Equal("王律师", (await ok.ReadJsonAsync<CaseDetailDto>())!.LawyerName);

        // Grassroots staff may read the roster but not change it.
        var grassroots = await app.ClientAsync("dc-grassroots");
        Assert.Equal(HttpStatusCode.OK, (await grassroots.GetAsync($"{Base}/lawyers")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await grassroots.PostJsonAsync($"{Base}/firms", new { name = "不许" })).StatusCode);
    }

    [Fact]
    public async Task Closing_records_recovered_amounts_and_the_statistics_count_them()
    {
        var dc = await app.ClientAsync("dongcheng");
        var before = (await dc.GetFromJsonAsync<CaseStats>($"{Base}/stats?year=2021", Json.Options))!;
        var opened = await OpenAsync(dc, NewCase());
        await dc.PutJsonAsync($"{Base}/cases/{opened.Id}/steps", new { knewOn = "2020-12-01", mediationAppliedOn = "2021-01-27", mediationEndedOn = "2021-02-05" });
        var claims = (await GetAsync(dc, opened.Id)).Claims;
        var wage = claims.Single(c => c.Kind.ToString() == "WageArrears");
        var overtime = claims.Single(c => c.Kind.ToString() == "Overtime");

        // Above the claim without a reason: refused, nothing closed.
        var errors = await ErrorsOf(await dc.PostJsonAsync($"{Base}/cases/{opened.Id}/close", new
        {
            outcome = "MediatedAgreement", closedOn = "2021-02-05", satisfaction = 5,
            recovered = new object[] { new { claimId = wage.Id, recoveredFen = 3_100_000L } },
        }));
        Assert.True(errors.TryGetProperty("recovered[0].recoveredFen", out _), errors.ToString());
        Assert.Null((await GetAsync(dc, opened.Id)).Case.ClosedOn);

        var res = await dc.PostJsonAsync($"{Base}/cases/{opened.Id}/close", new
        {
            outcome = "MediatedAgreement", closedOn = "2021-02-05", satisfaction = 5,
            recovered = new object[] { new { claimId = wage.Id, recoveredFen = 3_100_000L, overClaimReason = "另加付经济补偿" }, new { claimId = overtime.Id, recoveredFen = 400_000L } },
        });
        Assert.True(res.IsSuccessStatusCode, await res.Content.ReadAsStringAsync());
        var closed = (await res.ReadJsonAsync<CaseDetailDto>())!;
        Assert.Equal(3_500_000, closed.Case.RecoveredFen);
        Assert.True(closed.Case.ClosedInTime); // mediation ended within its 15 days
        Assert.Empty(closed.Deadlines);
        Assert.Equal(HttpStatusCode.Conflict, (await dc.PutJsonAsync($"{Base}/cases/{opened.Id}/steps", new { knewOn = "2020-12-01" })).StatusCode);

        var after = (await dc.GetFromJsonAsync<CaseStats>($"{Base}/stats?year=2021", Json.Options))!;
        Assert.Equal(before.Total.Cases + 1, after.Total.Cases);
        Assert.Equal(before.Total.RecoveredFen + 3_500_000, after.Total.RecoveredFen);
        var district = after.ByDistrict.Single(r => r.Key == "DC");
        Assert.True(district.RecoveredFen >= 3_500_000);
    }

    [Fact]
    public async Task The_deadline_list_walks_soonest_first_by_cursor()
    {
        var dc = await app.ClientAsync("dongcheng");
        for (var i = 0; i < 5; i++)
        {
            var c = await OpenAsync(dc, NewCase(type: "Mediation", worker: "期限排序" + i));
            await dc.PutJsonAsync($"{Base}/cases/{c.Id}/steps", new { knewOn = "2020-12-01", mediationAppliedOn = new DateOnly(2021, 1, 20).AddDays(i).ToString("yyyy-MM-dd") });
        }
        var seen = new List<DateOnly>();
        string? after = null;
        for (var p = 0; p < 3; p++)
        {
            var page = await dc.GetFromJsonAsync<JsonElement>($"{Base}/cases?order=deadline&open=true&limit=2" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)));
            foreach (var item in page.GetProperty("items").EnumerateArray()) seen.Add(DateOnly.Parse(item.GetProperty("nextDue").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            after = page.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            if (after is null) break;
        }
        Assert.Equal(6, seen.Count);
        Assert.Equal(seen.Order().ToList(), seen);
    }

    [Fact]
    public async Task A_hotline_request_opens_one_case_and_finds_it_again()
    {
        var requestId = Guid.NewGuid();
        LegalCaseRef? first = null, second = null;
        IReadOnlyList<LegalCaseRef> found = [];
        var dcUser = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "dongcheng"));
        await app.WithScopeAsync(async sp =>
        {
            var http = sp.GetRequiredService<IHttpContextAccessor>();
            http.HttpContext = new DefaultHttpContext { RequestServices = sp, User = await PrincipalAsync(sp, dcUser) };
            var cases = sp.GetRequiredService<ILegalCases>();
            var seed = new HotlineCaseSeed(requestId, "来电职工", "13900001111", "北京某餐饮有限公司", "欠薪求助", new DateOnly(2021, 3, 1));
            first = await cases.OpenFromHotlineAsync(seed, default);
            second = await cases.OpenFromHotlineAsync(seed, default);
            found = await cases.ForHotlineRequestAsync(requestId, default);
        });
        Assert.NotNull(first);
        Assert.Equal(first!.Id, second!.Id);
        Assert.Equal(first.Id, Assert.Single(found).Id);
        var dc = await app.ClientAsync("dongcheng");
        var detail = await GetAsync(dc, first.Id);
        Assert.Equal(requestId, detail.Case.HotlineRequestId);
        Assert.Equal("Hotline", detail.Case.Channel.ToString());
    }

    private static Task<System.Security.Claims.ClaimsPrincipal> PrincipalAsync(IServiceProvider sp, Gonghui.Platform.Identity.AppUser user) =>
        Gonghui.Platform.Identity.IdentityModule.PrincipalForAsync(sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Gonghui.Platform.Identity.AppUser>>(),
            user, "test", Guid.NewGuid());

    [Fact]
    public async Task A_lawyer_sees_only_the_cases_assigned_to_them_open_ones_by_their_next_deadline()
    {
        var lawyer = await app.ClientAsync("lawyer");
        var res = await lawyer.GetAsync($"{Base}/my-cases");
        Assert.True(res.StatusCode == HttpStatusCode.OK, await res.Content.ReadAsStringAsync());
        var mine = (await res.ReadJsonAsync<List<MyCaseDto>>())!;
        Assert.NotEmpty(mine);
        var (linked, assigned) = await app.WithDbAsync(async db =>
        {
            var account = await db.Users.Where(u => u.UserName == "lawyer").Select(u => u.Id).SingleAsync();
            var id = await db.Set<Lawyer>().Where(l => l.AccountId == account).Select(l => l.Id).SingleAsync();
            return (id, await db.Set<LegalCase>().CountAsync(c => c.LawyerId == id));
        });
        Assert.Equal(Math.Min(200, assigned), mine.Count);
        var ids = mine.Select(m => m.Id).ToList();
        Assert.Equal(mine.Count, await app.WithDbAsync(db => db.Set<LegalCase>().CountAsync(c => ids.Contains(c.Id) && c.LawyerId == linked)));
        var open = mine.TakeWhile(m => m.ClosedOn is null).ToList();
        Assert.NotEmpty(open);
        Assert.All(mine.Skip(open.Count), m => Assert.NotNull(m.ClosedOn));
        var dues = open.Where(m => m.NextDue is not null).Select(m => m.NextDue!.Value).ToList();
        Assert.Equal(dues.Order().ToList(), dues);
        // least privilege: nothing else of legal aid, and staff have no "my cases"
        Assert.Equal(HttpStatusCode.Forbidden, (await lawyer.GetAsync($"{Base}/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lawyer.GetAsync($"{Base}/cases/{mine[0].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("dongcheng")).GetAsync($"{Base}/my-cases")).StatusCode);
    }
}

public sealed class LegalApiTests_Sqlite(SqliteApp app) : LegalApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class LegalApiTests_Postgres(PostgresApp app) : LegalApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
