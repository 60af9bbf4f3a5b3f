using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Services.Campaigns;
using Gonghui.Modules.Services.Projects;
using Gonghui.Modules.Services.Rules;
using Gonghui.Modules.Services.Visits;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Importing;
using Gonghui.Platform.Indicators;
using Gonghui.Tests.Infrastructure;
using Gonghui.Tests.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Services;

/// <summary>Service projects, visits and campaigns over HTTP on each provider: the three-tier steps with the ledger, bad input, the visit import, campaigns.</summary>
public abstract class ServicesApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private const string Base = "/api/v1/services";
    protected TApp App => app;

    private async Task<Guid> UnitOfAsync(string user) =>
        await app.WithDbAsync(db => db.Users.Where(u => u.UserName == user).Select(u => u.OrgUnitId).SingleAsync());

    private static object NewProject(string name = "职工健康体检进企业", string category = "SendHealth", long budget = 2_000_000, int year = 0, int planned = 10) =>
        new { name, year = year == 0 ? DateTime.UtcNow.Year : year, category, targetGroup = "AllMembers", budgetFen = budget, plannedVisits = planned };

    private static async Task<ProjectDto> ApplyAsync(HttpClient c, object body)
    {
        var res = await c.PostJsonAsync($"{Base}/projects", body);
        Assert.True(res.StatusCode == HttpStatusCode.Created, await res.Content.ReadAsStringAsync());
        return (await res.ReadJsonAsync<ProjectDto>())!;
    }

    private static async Task<ProjectDto> StepAsync(HttpClient c, Guid id, string step, object? body = null)
    {
        var res = await c.PostJsonAsync($"{Base}/projects/{id}/{step}", body ?? new { });
        Assert.True(res.StatusCode == HttpStatusCode.OK, $"{step}: {res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        return (await res.ReadJsonAsync<ProjectDto>())!;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage res, HttpStatusCode status)
    {
        var text = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == status, $"{res.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>A project of the demo grassroots union, approved by its district and being delivered.</summary>
    private async Task<ProjectDto> DeliveringProjectAsync(string name = "送法律进工地")
    {
        var grassroots = await app.ClientAsync("dc-grassroots");
        var p = await ApplyAsync(grassroots, NewProject(name, "SendLaw", 500_000));
        await StepAsync(await app.ClientAsync("dongcheng"), p.Id, "approve");
        return await StepAsync(grassroots, p.Id, "start");
    }

    [Fact]
    public async Task A_grassroots_project_runs_from_application_to_acceptance_with_its_budget_in_the_ledger()
    {
        var grassroots = await app.ClientAsync("dc-grassroots");
        var district = await app.ClientAsync("dongcheng");
        var p = await ApplyAsync(grassroots, NewProject(budget: 3_000_000, planned: 2));
        Assert.Equal(("Grassroots", "Applied", "warmth"), (p.Tier.ToString(), p.Status.ToString(), p.FundCode));
        Assert.StartsWith($"FW{DateTime.UtcNow.Year}-", p.Code);

        // The grassroots union may not approve (no permission); the district may, and the budget is reserved.
        Assert.Equal(HttpStatusCode.Forbidden, (await grassroots.PostJsonAsync($"{Base}/projects/{p.Id}/approve", new { })).StatusCode);
        var approved = await StepAsync(district, p.Id, "approve");
        Assert.Equal("Approved", approved.Status.ToString());
        var entries = await app.WithScopeAsync2(sp => sp.GetRequiredService<IFundLedger>().EntriesForAsync(new SourceRef(ProjectHandlers.SourceType, p.Id)));
        Assert.Equal(EntryKind.Commitment, Assert.Single(entries).Kind);
        Assert.Equal(3_000_000, Assert.Single(entries).Amount.Value);

        // A second approval is refused by the state machine.
        var again = await ProblemAsync(await district.PostJsonAsync($"{Base}/projects/{p.Id}/approve", new { }), HttpStatusCode.Conflict);
        Assert.Equal("project.wrongState", again.GetProperty("code").GetString());

        await StepAsync(grassroots, p.Id, "start");
        await StepAsync(grassroots, p.Id, "finish");
        // Acceptance: spending over the budget is a 400 naming the field; nothing is paid.
        var over = await ProblemAsync(await district.PostJsonAsync($"{Base}/projects/{p.Id}/accept", new { spentFen = 3_000_001, score = 90 }), HttpStatusCode.BadRequest);
        Assert.True(over.GetProperty("errors").TryGetProperty("spentFen", out _));
        var accepted = await StepAsync(district, p.Id, "accept", new { spentFen = 2_500_000, score = 92, note = "群众满意" });
        Assert.Equal(("Accepted", 2_500_000L), (accepted.Status.ToString(), accepted.SpentFen!.Value));
        // Planned 2 visits, none recorded: under half the plan, so at most "pass" though scored 92.
        Assert.Equal("Pass", accepted.EvaluationGrade.ToString());
        entries = await app.WithScopeAsync2(sp => sp.GetRequiredService<IFundLedger>().EntriesForAsync(new SourceRef(ProjectHandlers.SourceType, p.Id)));
        Assert.Contains(entries, e => e.Kind == EntryKind.Payment && e.Amount.Value == 2_500_000);
    }

    [Fact]
    public async Task The_approving_tier_is_above_the_applicant_and_bad_applications_name_their_fields()
    {
        var district = await app.ClientAsync("dongcheng");
        var admin = await app.ClientAsync("admin");
        var p = await ApplyAsync(district, NewProject("区级夏送清凉", "SummerCool"));
        Assert.Equal("District", p.Tier.ToString());
        var refused = await ProblemAsync(await district.PostJsonAsync($"{Base}/projects/{p.Id}/approve", new { }), HttpStatusCode.Conflict);
        Assert.Equal("project.approverTier", refused.GetProperty("code").GetString());
        Assert.Equal("Approved", (await StepAsync(admin, p.Id, "approve")).Status.ToString());

        // Another district cannot see it at all.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientAsync("xicheng")).GetAsync($"{Base}/projects/{p.Id}")).StatusCode);

        var bad = await ProblemAsync(await district.PostJsonAsync($"{Base}/projects", new { name = "", year = 1990, budgetFen = -5 }), HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        foreach (var field in new[] { "name", "year", "category", "targetGroup", "budgetFen" }) Assert.True(errors.TryGetProperty(field, out _), field);
        // A reason is required to reject.
        var q = await ApplyAsync(district, NewProject("区级送文化"));
        var noReason = await ProblemAsync(await admin.PostJsonAsync($"{Base}/projects/{q.Id}/reject", new { reason = " " }), HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal("Rejected", (await StepAsync(admin, q.Id, "reject", new { reason = "与年度重点不符" })).Status.ToString());
    }

    [Fact]
    public async Task A_visit_is_one_per_member_project_and_day_and_an_unknown_member_is_refused()
    {
        var p = await DeliveringProjectAsync();
        var grassroots = await app.ClientAsync("dc-grassroots");
        var member = await RegistryApiTests<TApp>.NewMemberAsync(await app.ClientAsync("dongcheng"), await UnitOfAsync("dc-grassroots"));
        var res = await grassroots.PostJsonAsync($"{Base}/projects/{p.Id}/visits", new { memberId = member.Id, channel = "QrSignIn", place = "职工之家" });
        Assert.True(res.StatusCode == HttpStatusCode.Created, await res.Content.ReadAsStringAsync());
        var twice = await ProblemAsync(await grassroots.PostJsonAsync($"{Base}/projects/{p.Id}/visits", new { memberId = member.Id }), HttpStatusCode.Conflict);
        Assert.Equal("visit.duplicate", twice.GetProperty("code").GetString());
        var unknown = await ProblemAsync(await grassroots.PostJsonAsync($"{Base}/projects/{p.Id}/visits", new { memberId = Guid.NewGuid() }), HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("memberId", out _));
        var future = await ProblemAsync(await grassroots.PostJsonAsync($"{Base}/projects/{p.Id}/visits", new { memberId = member.Id, servedAt = DateTimeOffset.UtcNow.AddDays(3) }), HttpStatusCode.BadRequest);
        Assert.True(future.GetProperty("errors").TryGetProperty("servedAt", out _));
        var detail = (await grassroots.GetJsonAsync<ProjectDto>($"{Base}/projects/{p.Id}"))!;
        Assert.Equal((1L, 1L), (detail.Visits!.Value, detail.Members!.Value));
        var list = await grassroots.GetJsonAsync<JsonElement>($"{Base}/projects/{p.Id}/visits");
        Assert.Equal(1, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_scanned_member_pass_signs_in_once_and_a_refused_sign_in_leaves_the_pass_usable()
    {
        var p = await DeliveringProjectAsync("扫码签到讲座");
        var q = await DeliveringProjectAsync("扫码签到义诊");
        var grassroots = await app.ClientAsync("dc-grassroots");
        var member = await RegistryApiTests<TApp>.NewMemberAsync(await app.ClientAsync("dongcheng"), await UnitOfAsync("dc-grassroots"));
        async Task<string> PassAsync() => (await app.WithScopeAsync2(sp => sp.GetRequiredService<Gonghui.Platform.Passes.MemberPasses>().IssueAsync(member.Id))).Token;

        var first = await PassAsync();
        var res = await grassroots.PostJsonAsync($"{Base}/projects/{p.Id}/sign-in", new { pass = first, place = "职工之家" });
        Assert.True(res.StatusCode == HttpStatusCode.Created, await res.Content.ReadAsStringAsync());
        Assert.Equal("QrSignIn", (await res.ReadJsonAsync<JsonElement>()).GetProperty("channel").GetString());
        // The same code again: replayed.
        var replay = await ProblemAsync(await grassroots.PostJsonAsync($"{Base}/projects/{q.Id}/sign-in", new { pass = first }), HttpStatusCode.Conflict);
        Assert.Equal("pass.replayed", replay.GetProperty("code").GetString());
        // A fresh code at the same project the same day: a second visit, refused; the code was not used up by the refusal.
        var second = await PassAsync();
        var dup = await ProblemAsync(await grassroots.PostJsonAsync($"{Base}/projects/{p.Id}/sign-in", new { pass = second }), HttpStatusCode.Conflict);
        Assert.Equal("visit.duplicate", dup.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Created, (await grassroots.PostJsonAsync($"{Base}/projects/{q.Id}/sign-in", new { pass = second })).StatusCode);
        // Not a pass at all: 400 naming the field.
        var bad = await ProblemAsync(await grassroots.PostJsonAsync($"{Base}/projects/{q.Id}/sign-in", new { pass = "not-a-pass" }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("pass", out _));
        Assert.Equal(1, await VisitCountAsync(p.Id));
        Assert.Equal(1, await VisitCountAsync(q.Id));
    }

    private static string Sheet(params string[] rows) => "身份证号,项目编号,服务时间,服务地点,服务方式\r\n" + string.Join("\r\n", rows) + "\r\n";

    private async Task<VisitImportResult> ImportAsync(string csv, bool skip, string user = "dc-grassroots")
    {
        VisitImportResult? result = null;
        var dbUser = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == user));
        await app.WithScopeAsync(async sp =>
        {
            var path = await sp.GetRequiredService<Gonghui.Platform.Identity.IOrgPathLookup>().PathOfAsync(dbUser.OrgUnitId);
            using var s = new MemoryStream(new UTF8Encoding(true).GetBytes(csv));
            result = await sp.GetRequiredService<VisitImporter>().ImportAsync(s, "visits.csv", new VisitImportOptions(path!, user, skip), null, default);
        });
        return result!;
    }

    private Task<int> VisitCountAsync(Guid projectId) => app.WithDbAsync(db => db.Set<ServiceVisit>().CountAsync(v => v.ProjectId == projectId));

    [Fact]
    public async Task A_sheet_with_a_bad_row_writes_nothing_and_a_resent_sheet_adds_nothing()
    {
        var p = await DeliveringProjectAsync("送健康进社区");
        var dongcheng = await app.ClientAsync("dongcheng");
        var unit = await UnitOfAsync("dc-grassroots");
        var people = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var person = RegistryApiTests<TApp>.NewPerson();
            await RegistryApiTests<TApp>.NewMemberAsync(dongcheng, unit, person);
            people.Add(person.IdNumber);
        }
        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd");
        var yesterday = DateTime.UtcNow.AddHours(8).AddDays(-1).ToString("yyyy-MM-dd");
        var stranger = RegistryApiTests<TApp>.NewPerson().IdNumber; // valid ID, not a member
        var csv = Sheet(
            $"{people[0]},{p.Code},{today} 09:30,职工之家,现场",
            $"{people[1]},{p.Code},{today},,线上",
            $"{people[0]},{p.Code},{today} 15:00,职工之家,现场",  // same member, project and day: a duplicate, skipped
            $"{people[2]},{p.Code},{yesterday},社区服务站,上门",
            $"110101199001011234,{p.Code},{today},,现场",         // bad check digit
            $"{stranger},{p.Code},{today},,现场",                  // not a member
            $"{people[1]},FW1999-NOPE,{today},,现场",              // unknown project
            $"{people[2]},{p.Code},明天,,现场",                    // unreadable date
            $"{people[2]},{p.Code},{today},,快递");                // unknown channel

        var refused = await ImportAsync(csv, skip: false);
        Assert.False(refused.Written);
        Assert.Equal(0, refused.Imported);
        Assert.Equal(5, refused.RejectedRows);
        Assert.Equal([6, 7, 8, 9, 10], refused.Errors.Select(e => e.Row));
        Assert.Equal(["visit.idNumberInvalid", "visit.memberUnknown", "visit.projectUnknown", "visit.servedAtInvalid", "visit.channelUnknown"], refused.Errors.Select(e => e.Reason));
        Assert.Equal("身份证号", refused.Errors[0].Column);
        Assert.Equal(0, await VisitCountAsync(p.Id)); // nothing half-written

        var skipped = await ImportAsync(csv, skip: true);
        Assert.True(skipped.Written);
        Assert.Equal((3L, 1L, 5), (skipped.Imported, skipped.Duplicates, skipped.RejectedRows));
        Assert.Equal(3, await VisitCountAsync(p.Id));

        // The same sheet again: every good row is already recorded.
        var resent = await ImportAsync(Sheet($"{people[0]},{p.Code},{today} 09:30,职工之家,现场", $"{people[2]},{p.Code},{yesterday},社区服务站,上门"), skip: false);
        Assert.True(resent.Written);
        Assert.Equal((0L, 2L), (resent.Imported, resent.Duplicates));
        Assert.Equal(3, await VisitCountAsync(p.Id));
    }

    /// <summary>The visits' roll-up (VisitRollup) counts what the visits count: after a visit recorded, after an import, after a rebuild.</summary>
    [Fact]
    public async Task The_visit_roll_up_gives_the_visits_counts_for_whole_months_after_a_visit_an_import_and_a_rebuild()
    {
        var p = await DeliveringProjectAsync("送温暖进班组");
        var grassroots = await app.ClientAsync("dc-grassroots");
        var dongcheng = await app.ClientAsync("dongcheng");
        var unit = await UnitOfAsync("dc-grassroots");
        var member = await RegistryApiTests<TApp>.NewMemberAsync(dongcheng, unit);
        Assert.True((await grassroots.PostJsonAsync($"{Base}/projects/{p.Id}/visits", new { memberId = member.Id })).IsSuccessStatusCode);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        async Task SameAsync(string when)
        {
            var year = today.Year;
            var periods = new List<(DateOnly, DateOnly)> { (new(year, 1, 1), new(year + 1, 1, 1)), (new(year, today.Month, 1), new DateOnly(year, today.Month, 1).AddMonths(1)) };
            var q = (today.Month - 1) / 3 * 3 + 1;
            periods.Add((new(year, q, 1), new DateOnly(year, q, 1).AddMonths(3)));
            foreach (var (from, to) in periods)
                foreach (var scope in new[] { "/BJ/", "/BJ/DC/", "/BJ/XC/" })
                {
                    var (rolled, raw) = await app.WithDbAsync(async db => (
                        await Gonghui.Modules.Services.Statistics.ServiceStats.VisitsByProjectAsync(db, scope, from, to, default),
                        await Gonghui.Modules.Services.Statistics.ServiceStats.RawVisitsByProjectAsync(db, scope, from, to, default)));
                    Assert.True(raw.OrderBy(x => x.Key).SequenceEqual(rolled.OrderBy(x => x.Key)),
                        $"{when}, {from}–{to} {scope}: visits {string.Join(",", raw.OrderBy(x => x.Key))} / roll-up {string.Join(",", rolled.OrderBy(x => x.Key))}");
                }
        }
        await SameAsync("after a visit");
        var people = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var person = RegistryApiTests<TApp>.NewPerson();
            await RegistryApiTests<TApp>.NewMemberAsync(dongcheng, unit, person);
            people.Add(person.IdNumber);
        }
        var first = today.DayOfYear > 1 ? new DateOnly(today.Year, 1, 1) : today; // another month, unless the year starts today
        var r = await ImportAsync(Sheet($"{people[0]},{p.Code},{today:yyyy-MM-dd},职工之家,现场", $"{people[1]},{p.Code},{today:yyyy-MM-dd},职工之家,现场",
            $"{people[1]},{p.Code},{first:yyyy-MM-dd},职工之家,现场"), skip: false);
        Assert.True(r.Written);
        Assert.Equal(first == today ? 3 : 4, await VisitCountAsync(p.Id));
        await SameAsync("after an import");
        await app.WithScopeAsync(async sp => Assert.True(await sp.GetServices<IRollup>().Single(x => x.Name == "services").RebuildAsync(default) >= 4));
        await SameAsync("after a rebuild");
    }

    [Fact]
    public async Task A_large_sheet_sets_the_indexes_aside_and_keeps_them_afterwards()
    {
        var p = await DeliveringProjectAsync("送文化进园区");
        var dongcheng = await app.ClientAsync("dongcheng");
        var unit = await UnitOfAsync("dc-grassroots");
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var person = RegistryApiTests<TApp>.NewPerson();
            await RegistryApiTests<TApp>.NewMemberAsync(dongcheng, unit, person);
            ids.Add(person.IdNumber);
        }
        var start = new DateOnly(DateTime.UtcNow.Year, 1, 1);
        var days = Math.Min(300, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).DayNumber - start.DayNumber);
        var rows = new List<string>();
        foreach (var id in ids)
            for (var d = 0; d < days; d++) rows.Add($"{id},{p.Code},{start.AddDays(d):yyyy-MM-dd},园区,现场");
        var before = VisitBulkWriter.SetAsideMinRows;
        VisitBulkWriter.SetAsideMinRows = 10; // cover the set-aside path with a small file
        try
        {
            var r = await ImportAsync(Sheet([.. rows]), skip: false);
            Assert.True(r.Written);
            Assert.Equal(rows.Count, r.Imported);
        }
        finally { VisitBulkWriter.SetAsideMinRows = before; }
        Assert.Equal(rows.Count, await VisitCountAsync(p.Id));
        // The unique index is back: a direct second insert of the same visit fails.
        var indexes = await app.WithDbAsync(async db => db.IsNpgsql()
            ? await db.Database.SqlQueryRaw<string>("SELECT indexname AS \"Value\" FROM pg_indexes WHERE tablename = 'services_visits'").ToListAsync()
            : await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'services_visits' AND sql IS NOT NULL").ToListAsync());
        Assert.Contains(indexes, i => i.Contains("project_id_served_on_member_id", StringComparison.Ordinal));
        Assert.Contains(indexes, i => i.Contains("member_id_served_on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_import_runs_as_a_job_with_progress_and_refuses_a_wrong_file()
    {
        var p = await DeliveringProjectAsync("春送岗位招聘会");
        var grassroots = await app.ClientAsync("dc-grassroots");
        var person = RegistryApiTests<TApp>.NewPerson();
        await RegistryApiTests<TApp>.NewMemberAsync(await app.ClientAsync("dongcheng"), await UnitOfAsync("dc-grassroots"), person);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new UTF8Encoding(true).GetBytes(Sheet($"{person.IdNumber},{p.Code},{DateTime.UtcNow.AddHours(8):yyyy-MM-dd},,现场"))), "file", "visits.csv" } };
        var res = await grassroots.PostAsync($"{Base}/visits/import", form);
        Assert.True(res.StatusCode == HttpStatusCode.Accepted, await res.Content.ReadAsStringAsync());
        var url = (await res.ReadJsonAsync<JsonElement>()).GetProperty("statusUrl").GetString()!;
        VisitImportStatus? status = null;
        for (var i = 0; i < 300; i++)
        {
            status = await grassroots.GetJsonAsync<VisitImportStatus>(url);
            if (status!.State.ToString() != "Running") break;
            await Task.Delay(100);
        }
        Assert.Equal(("Succeeded", 1, "done"), (status!.State.ToString(), status.Imported, status.Phase));
        // Another user does not see the job.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientAsync("dongcheng")).GetAsync(url)).StatusCode);
        using var pdf = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.7"u8.ToArray()), "file", "visits.pdf" } };
        var bad = await ProblemAsync(await grassroots.PostAsync($"{Base}/visits/import", pdf), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("file", out _));
        var template = await grassroots.GetByteArrayAsync($"{Base}/visits/import/template.csv");
        Assert.StartsWith("身份证号,项目编号,服务时间", Encoding.UTF8.GetString(template[3..]));
    }

    [Fact]
    public async Task A_money_campaign_lists_each_person_once_pays_each_once_after_publicity_and_counts_per_unit()
    {
        var district = await app.ClientAsync("dongcheng");
        var unit = await UnitOfAsync("dc-grassroots");
        var members = new List<Guid>();
        for (var i = 0; i < 3; i++) members.Add((await RegistryApiTests<TApp>.NewMemberAsync(district, unit)).Id);
        var res = await district.PostJsonAsync($"{Base}/campaigns", new { name = "冬送温暖（测试）", kind = "WinterWarmth", year = DateTime.UtcNow.Year, giftKind = "Money", giftFen = 50_000 });
        Assert.True(res.StatusCode == HttpStatusCode.Created, await res.Content.ReadAsStringAsync());
        var c = (await res.ReadJsonAsync<CampaignDto>())!;
        Assert.True(c.PublicityRequired);

        // Targets: the grassroots union as a front-line unit, and one of its members named as needy: listed once, as needy.
        var built = await district.PostJsonAsync($"{Base}/campaigns/{c.Id}/targets", new { frontLineUnitIds = new[] { unit }, needyMemberIds = new[] { members[0] } });
        Assert.True(built.IsSuccessStatusCode, await built.Content.ReadAsStringAsync());
        var counts = (await built.ReadJsonAsync<TargetsBuilt>())!;
        Assert.Equal(1, counts.Needy);
        Assert.True(counts.FrontLine >= 2);
        var rebuilt = (await (await district.PostJsonAsync($"{Base}/campaigns/{c.Id}/targets", new { frontLineUnitIds = new[] { unit } })).ReadJsonAsync<TargetsBuilt>())!;
        Assert.Equal((0, 0, 0), (rebuilt.ArchivedNeedy, rebuilt.Needy, rebuilt.FrontLine));
        var dup = await ProblemAsync(await district.PostJsonAsync($"{Base}/campaigns/{c.Id}/recipients", new { memberId = members[1], group = "Needy" }), HttpStatusCode.Conflict);
        Assert.Equal("campaign.alreadyListed", dup.GetProperty("code").GetString());
        var outside = await ProblemAsync(await district.PostJsonAsync($"{Base}/campaigns/{c.Id}/recipients", new { memberId = Guid.NewGuid(), group = "Needy" }), HttpStatusCode.BadRequest);
        Assert.True(outside.GetProperty("errors").TryGetProperty("memberId", out _));

        var recipients = (await district.GetJsonAsync<JsonElement>($"{Base}/campaigns/{c.Id}/recipients?limit=200")).GetProperty("items").EnumerateArray()
            .Select(r => (Id: r.GetProperty("id").GetGuid(), Member: r.GetProperty("memberId").GetGuid(), Group: r.GetProperty("group").GetString())).ToList();
        var needy = recipients.Single(r => r.Member == members[0]);
        Assert.Equal("Needy", needy.Group);

        // Before the publicity: refused, nothing paid.
        var early = await ProblemAsync(await district.PostJsonAsync($"{Base}/campaigns/{c.Id}/recipients/{needy.Id}/gift", new { }), HttpStatusCode.Conflict);
        Assert.Equal("campaign.publicityMissing", early.GetProperty("code").GetString());
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        Assert.True((await district.PostJsonAsync($"{Base}/campaigns/{c.Id}/publicity", new { startsOn = today.AddDays(-6) })).IsSuccessStatusCode);
        // A grassroots union may not pay money.
        var grassroots = await app.ClientAsync("dc-grassroots");
        // (the campaign is the district's: out of the grassroots union's scope, so not even found)
        Assert.Equal(HttpStatusCode.NotFound, (await grassroots.PostJsonAsync($"{Base}/campaigns/{c.Id}/recipients/{needy.Id}/gift", new { })).StatusCode);
        var overCap = await ProblemAsync(await district.PostJsonAsync($"{Base}/campaigns/{c.Id}/recipients/{needy.Id}/gift", new { amountFen = 600_000 }), HttpStatusCode.BadRequest);
        Assert.True(overCap.GetProperty("errors").TryGetProperty("amountFen", out _));
        var gift = await district.PostJsonAsync($"{Base}/campaigns/{c.Id}/recipients/{needy.Id}/gift", new { });
        Assert.True(gift.IsSuccessStatusCode, await gift.Content.ReadAsStringAsync());
        var second = await ProblemAsync(await district.PostJsonAsync($"{Base}/campaigns/{c.Id}/recipients/{needy.Id}/gift", new { }), HttpStatusCode.Conflict);
        Assert.Equal("campaign.alreadyGifted", second.GetProperty("code").GetString());
        var entries = await app.WithScopeAsync2(sp => sp.GetRequiredService<IFundLedger>().EntriesForAsync(new SourceRef(CampaignHandlers.GiftSource, needy.Id)));
        Assert.Equal(50_000, Assert.Single(entries, e => e.Kind == EntryKind.Payment).Amount.Value);

        // Sign-off: a unit signs only for front-line workers; the recipient signs once.
        var byUnit = await ProblemAsync(await district.PostJsonAsync($"{Base}/campaigns/{c.Id}/recipients/{needy.Id}/sign-off", new { by = "Unit" }), HttpStatusCode.Conflict);
        Assert.Equal("campaign.unitSignsFrontLineOnly", byUnit.GetProperty("code").GetString());
        Assert.True((await district.PostJsonAsync($"{Base}/campaigns/{c.Id}/recipients/{needy.Id}/sign-off", new { by = "Recipient" })).IsSuccessStatusCode);
        var unsigned = recipients.First(r => r.Group == "FrontLine");
        var notGiven = await ProblemAsync(await district.PostJsonAsync($"{Base}/campaigns/{c.Id}/recipients/{unsigned.Id}/sign-off", new { by = "Unit" }), HttpStatusCode.Conflict);
        Assert.Equal("campaign.notGifted", notGiven.GetProperty("code").GetString());

        // Plan and results per unit.
        var planned = await district.PutJsonAsync($"{Base}/campaigns/{c.Id}/plan", new { lines = new[] { new { unitId = unit, group = "Needy", planned = 2 } } });
        Assert.True(planned.IsSuccessStatusCode, await planned.Content.ReadAsStringAsync());
        var detail = (await planned.ReadJsonAsync<CampaignDetailDto>())!;
        var line = detail.Results.Single(r => r.UnitId == unit && r.Group.ToString() == "Needy");
        Assert.Equal((2, 1, 1, 1, 5000), (line.Planned, line.Listed, line.Gifted, line.SignedOff, line.ReachBp!.Value));
        Assert.Equal(50_000, detail.MoneyFen);
    }

    [Fact]
    public async Task Statistics_and_indicators_count_visits_in_the_database_by_tier_district_and_category()
    {
        var p = await DeliveringProjectAsync("送政策进企业");
        var grassroots = await app.ClientAsync("dc-grassroots");
        var member = await RegistryApiTests<TApp>.NewMemberAsync(await app.ClientAsync("dongcheng"), await UnitOfAsync("dc-grassroots"));
        Assert.True((await grassroots.PostJsonAsync($"{Base}/projects/{p.Id}/visits", new { memberId = member.Id })).IsSuccessStatusCode);
        var year = DateTime.UtcNow.AddHours(8).Year;
        var stats = await (await app.ClientAsync("dongcheng")).GetJsonAsync<JsonElement>($"{Base}/stats?year={year}");
        var law = stats.GetProperty("byCategory").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "SendLaw");
        Assert.True(law.GetProperty("visits").GetInt64() >= 1);
        Assert.Contains(stats.GetProperty("byDistrict").EnumerateArray(), r => r.GetProperty("key").GetString() == "/BJ/DC/");
        Assert.DoesNotContain(stats.GetProperty("byDistrict").EnumerateArray(), r => r.GetProperty("key").GetString() == "/BJ/XC/");
        var bad = await ProblemAsync(await grassroots.GetAsync($"{Base}/stats?year=1800"), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("year", out _));

        IReadOnlyList<IndicatorValue> values = [];
        await app.WithScopeAsync(async sp =>
        {
            var source = sp.GetServices<IIndicatorSource>().Single(s => s.Definitions.Any(d => d.Key == "services.visits"));
            values = await source.ComputeAsync(IndicatorQuery.Year(year, "/BJ/DC/"), default);
            Assert.Equal(source.Definitions.Select(d => d.Key), values.Select(v => v.Key));
        });
        Assert.True(values.Single(v => v.Key == "services.visits").Value >= 1);
        Assert.True(values.Single(v => v.Key == "services.projects").Value >= 1);
        // The demo's 2020 summer campaign is the federation's: its groups are counted city-wide.
        await app.WithScopeAsync(async sp =>
        {
            var source = sp.GetServices<IIndicatorSource>().Single(s => s.Definitions.Any(d => d.Key == "services.visits"));
            var y2020 = await source.ComputeAsync(IndicatorQuery.Year(2020, "/BJ/"), default);
            Assert.True(y2020.Single(v => v.Key == "services.campaigns.front-line").Value > 0);
            Assert.Null(y2020.Single(v => v.Key == "services.campaigns.front-line").Flag);
            var none = await source.ComputeAsync(IndicatorQuery.Year(2001, "/BJ/"), default);
            Assert.Equal("no-data", none.Single(v => v.Key == "services.projects").Flag);
        });
    }

    [Fact]
    public async Task A_worker_sees_their_own_services_and_no_staff_data()
    {
        var worker = await app.ClientAsync("worker");
        var mine = await worker.GetJsonAsync<JsonElement>($"{Base}/mine");
        Assert.True(mine.GetProperty("visits").GetArrayLength() >= 1); // the demo worker's sign-ins this year
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync($"{Base}/projects")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync($"{Base}/campaigns")).StatusCode);
        var agent = await app.ClientAsync("agent");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"{Base}/projects")).StatusCode);
    }

    [Fact]
    public async Task Lists_page_by_keyset_and_refuse_bad_cursors()
    {
        var admin = await app.ClientAsync("admin");
        await KeysetPaging.WalkAsync<ProjectDto>(admin, $"{Base}/projects?year=2020", p => p.Id, limit: 7);
        await KeysetPaging.BadInputIs400Async(admin, $"{Base}/projects");
        await KeysetPaging.BadInputIs400Async(admin, $"{Base}/campaigns");
    }

    // ------------------------------------------------------------ the visits list (the report's drill-down for services.visits)

    private sealed record Truth(Guid Id, string ProjectPath, Guid ProjectId, DateOnly ServedOn, DateTimeOffset ServedAt);

    private Task<List<Truth>> VisitsInDbAsync() => app.WithDbAsync(db =>
        (from v in db.Set<ServiceVisit>() join p in db.Set<ServiceProject>() on v.ProjectId equals p.Id
         select new Truth(v.Id, p.ScopePath, p.Id, v.ServedOn, v.ServedAt)).ToListAsync());

    private Task<(Guid Id, string Path)> UnitAsync(string code) => app.WithDbAsync(async db =>
    {
        var u = await db.UnitRows().Where(u => u.Code == code).Select(u => new { u.Id, u.Path }).SingleAsync();
        return (u.Id, u.Path);
    });

    private static bool NewestFirst(VisitListRow a, VisitListRow b) => a.ServedAt > b.ServedAt || (a.ServedAt == b.ServedAt && a.Id.CompareTo(b.Id) > 0);

    [Fact]
    public async Task The_visits_list_shows_the_callers_own_visits_newest_first_with_names_and_phones_masked()
    {
        var admin = await app.ClientAsync("admin");
        var dongcheng = await app.ClientAsync("dongcheng");
        var xicheng = await app.ClientAsync("xicheng");
        // A visit of a Dongcheng grassroots project recorded now, so the district has visits of more than the demo's.
        var p = await DeliveringProjectAsync("送健康进园区");
        var member = await app.WithDbAsync(db => db.MemberRows().Where(m => m.Status == Gonghui.Modules.Organizations.Public.MemberStatus.Active).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.Created, (await (await app.ClientAsync("dc-grassroots")).PostJsonAsync($"{Base}/projects/{p.Id}/visits", new { memberId = member })).StatusCode);
        var truth = await VisitsInDbAsync();
        var (dcId, dcPath) = await UnitAsync("DC");
        var (_, xcPath) = await UnitAsync("XC");

        var dc = await KeysetPaging.WalkAsync<VisitListRow>(dongcheng, $"{Base}/visits", v => v.Id, limit: 7, inOrder: NewestFirst);
        var dcTruth = truth.Where(t => Gonghui.Platform.Scope.ScopeFilter.Covers(dcPath, t.ProjectPath)).Select(t => t.Id).Order().ToList();
        Assert.True(dcTruth.Count > 1, $"{dcTruth.Count} Dongcheng visits");
        Assert.Equal(dcTruth, dc.Select(v => v.Id).Order().ToList());
        Assert.Contains(dc, v => v.ProjectId == p.Id);
        // Masked as the other lists of people: the family name and one * a character; the phone as 138****5678.
        Assert.All(dc, v => Assert.Contains("*", v.MemberName));
        Assert.All(dc.Where(v => v.MemberPhone is not null), v => Assert.Matches(@"^\d{3}\*{4}\d{4}$", v.MemberPhone!));
        // Xicheng sees only its own (none of Dongcheng's).
        var xc = await KeysetPaging.WalkAsync<VisitListRow>(xicheng, $"{Base}/visits", v => v.Id, limit: 7);
        Assert.Equal(truth.Where(t => Gonghui.Platform.Scope.ScopeFilter.Covers(xcPath, t.ProjectPath)).Select(t => t.Id).Order(), xc.Select(v => v.Id).Order());
        Assert.Empty(xc.Select(v => v.Id).Intersect(dc.Select(v => v.Id)));
        // The federation: every visit; narrowed to Dongcheng by unit, Dongcheng's. 50 a page unless asked otherwise.
        var first = (await admin.GetJsonAsync<Slice<VisitListRow>>($"{Base}/visits"))!;
        Assert.Equal(Math.Min(50, truth.Count), first.Items.Count);
        Assert.Equal(Math.Min(truth.Count, Keyset.CountCap), first.TotalEstimate);
        var city = await KeysetPaging.WalkAsync<VisitListRow>(admin, $"{Base}/visits", v => v.Id, limit: 50, inOrder: NewestFirst);
        Assert.Equal(truth.Select(t => t.Id).Order(), city.Select(v => v.Id).Order());
        Assert.Equal(dcTruth, (await KeysetPaging.WalkAsync<VisitListRow>(admin, $"{Base}/visits?unit={dcId}", v => v.Id, limit: 7)).Select(v => v.Id).Order());

        // A period (service days, end exclusive) and a project.
        var days = truth.Select(t => t.ServedOn).Order().ToList();
        var (from, to) = (days[days.Count / 3], days[2 * days.Count / 3]);
        Assert.True(to > from);
        var inPeriod = await KeysetPaging.WalkAsync<VisitListRow>(admin, $"{Base}/visits?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", v => v.Id, limit: 7, inOrder: NewestFirst);
        Assert.Equal(truth.Where(t => t.ServedOn >= from && t.ServedOn < to).Select(t => t.Id).Order(), inPeriod.Select(v => v.Id).Order());
        var ofProject = await KeysetPaging.WalkAsync<VisitListRow>(dongcheng, $"{Base}/visits?project={p.Id}", v => v.Id, limit: 7);
        Assert.Equal(truth.Where(t => t.ProjectId == p.Id).Select(t => t.Id).Order(), ofProject.Select(v => v.Id).Order());
    }

    [Fact]
    public async Task The_visits_list_refuses_bad_filters_naming_the_field()
    {
        var dongcheng = await app.ClientAsync("dongcheng");
        var (xcId, _) = await UnitAsync("XC");
        var cityProject = await app.WithDbAsync(db => db.Set<ServiceProject>().Where(p => p.Tier == ServiceTier.City).Select(p => p.Id).FirstAsync());
        foreach (var (query, field) in new[] { ("from=2020-13-01", "from"), ("to=2020-02-30", "to"), ("from=2020-02-01&to=2020-01-01", "to"), ("from=abc", "from"),
                     ($"unit={xcId}", "unit"), ($"unit={Guid.NewGuid()}", "unit"), ($"project={cityProject}", "project"), ($"project={Guid.NewGuid()}", "project") })
        {
            var res = await dongcheng.GetAsync($"{Base}/visits?{query}");
            Assert.True(res.StatusCode == HttpStatusCode.BadRequest, $"{query}: {res.StatusCode}");
            Assert.Contains($"\"{field}\"", await res.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        await KeysetPaging.BadInputIs400Async(dongcheng, $"{Base}/visits");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("worker")).GetAsync($"{Base}/visits")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("agent")).GetAsync($"{Base}/visits")).StatusCode);
    }

    /// <summary>A scope with many projects walks the (served_at, id) index and keeps its projects' visits; a small one reads project by project: same rows.</summary>
    [Fact]
    public async Task The_visits_list_gives_the_same_rows_walking_the_scope_or_project_by_project()
    {
        var (dcId, dcPath) = await UnitAsync("DC");
        var truth = await VisitsInDbAsync();
        await app.WithScopeAsync(async sp =>
        {
            var h = sp.GetRequiredService<VisitHandlers>();
            foreach (var (from, to) in new (DateOnly?, DateOnly?)[] { (null, null), (new DateOnly(DateTime.UtcNow.Year, 1, 1), new DateOnly(DateTime.UtcNow.Year + 1, 1, 1)) })
            {
                var f = new VisitListFilter(null, new Gonghui.Modules.Organizations.Public.DrillFilter(from, to, dcId, dcPath));
                async Task<List<Guid>> All(int byProject)
                {
                    var ids = new List<Guid>();
                    string? after = null;
                    do
                    {
                        var s = await h.ListAsync(f, new KeysetRequest(after, null, 5), byProject, default);
                        ids.AddRange(s.Items.Select(v => v.Id));
                        after = s.Next;
                    } while (after is not null);
                    return ids;
                }
                var walked = await All(0);
                var byProject = await All(1000);
                Assert.Equal(walked, byProject); // same rows, same order
                Assert.Equal(truth.Where(t => Gonghui.Platform.Scope.ScopeFilter.Covers(dcPath, t.ProjectPath) && (from is null || t.ServedOn >= from && t.ServedOn < to))
                    .Select(t => t.Id).Order(), walked.Order());
                Assert.NotEmpty(walked);
            }
        });
    }
}

internal static class ScopeExtensions
{
    public static async Task<T> WithScopeAsync2<T>(this GonghuiApp app, Func<IServiceProvider, Task<T>> action)
    {
        T result = default!;
        await app.WithScopeAsync(async sp => result = await action(sp));
        return result;
    }
}

public sealed class ServicesApiTests_Sqlite(SqliteApp app) : ServicesApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class ServicesApiTests_Postgres(PostgresApp app) : ServicesApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
