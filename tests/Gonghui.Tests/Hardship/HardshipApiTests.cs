using Gonghui.Modules.Funds.Ledger;
using Gonghui.Modules.Funds.Public;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Gonghui.Modules.Funds;
using Gonghui.Modules.Hardship;
using Gonghui.Modules.Hardship.Assistance;
using Gonghui.Modules.Hardship.Campaigns;
using Gonghui.Modules.Hardship.Files;
using Gonghui.Modules.Hardship.Precision;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Http;
using Gonghui.Platform.Ids;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Hardship;

/// <summary>The hardship archive over real HTTP, on SQLite and PostgreSQL.</summary>
public abstract class HardshipApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private const string Api = "/api/v1/hardship";

    internal static string NewIdNumber(string region = "110101")
    {
        var rng = Random.Shared;
        while (true)
        {
            var first17 = $"{region}{rng.Next(1960, 2015)}{rng.Next(1, 13):00}{rng.Next(1, 29):00}{rng.Next(0, 1000):000}";
            var id = first17 + ResidentId.CheckCharacter(first17);
            if (ResidentId.IsValid(id)) return id;
        }
    }

    private Task<Guid> UnitAsync(string code) => app.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Code == code).Select(u => u.Id).SingleAsync());

    private static object Filing(Guid unit, string workerId, long income = 200000, params (string Name, Relation Relation, string Id)[] members) => new
    {
        orgUnitId = unit, workerName = "测试职工", workerIdNumber = workerId, phone = "13912345678", monthlyIncomeFen = income,
        causes = new[] { HardshipCause.SeriousIllness }, contactName = "帮扶人",
        members = members.Select(m => new { name = m.Name, relation = m.Relation, idNumber = m.Id, health = HealthStatus.Healthy, work = WorkStatus.Student, school = "某小学" }).ToList(),
    };

    private async Task<FileDetail> FileAsync(string user = "dc-grassroots", string unitCode = "HS-DC-01", string? workerId = null, long income = 200000, params (string, Relation, string)[] members)
    {
        var client = await app.ClientAsync(user);
        var res = await client.PostJsonAsync($"{Api}/files", Filing(await UnitAsync(unitCode), workerId ?? NewIdNumber(), income, members));
        Assert.True(res.IsSuccessStatusCode, await res.Content.ReadAsStringAsync());
        return (await res.ReadJsonAsync<FileDetail>())!;
    }

    private static async Task<HttpResponseMessage> StepAsync(HttpClient c, Guid id, FileAction action, string? reason = "理由", ExitReason? exit = null, string? key = null)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, $"{Api}/files/{id}/transitions") { Content = JsonContent(new { action, reason, exitReason = exit }) };
        if (key is not null) req.Headers.Add("Idempotency-Key", key);
        return await c.SendAsync(req);
    }

    private static HttpContent JsonContent<T>(T body) => System.Net.Http.Json.JsonContent.Create(body, options: Json.Options);

    private static async Task<FileDetail> OkStep(HttpClient c, Guid id, FileAction action, string? reason = "理由", ExitReason? exit = null)
    {
        var res = await StepAsync(c, id, action, reason, exit);
        Assert.True(res.IsSuccessStatusCode, $"{action}: {await res.Content.ReadAsStringAsync()}");
        return (await res.ReadJsonAsync<FileDetail>())!;
    }

    /// <summary>Moves the notice end into the past, as if the notice period had run (the clock is the system's).</summary>
    private Task EndNoticeAsync(Guid id) => app.WithDbAsync(async db =>
    {
        var f = await db.Set<HardshipFile>().SingleAsync(x => x.Id == id);
        db.Entry(f).Property(x => x.NoticeEndsAt).CurrentValue = DateTimeOffset.UtcNow.AddMinutes(-1);
        return await db.SaveChangesAsync();
    });

    private async Task<FileDetail> ActiveFileAsync(string? workerId = null, params (string, Relation, string)[] members)
    {
        var f = await FileAsync(workerId: workerId, members: members);
        var dc = await app.ClientAsync("dongcheng");
        await OkStep(dc, f.Id, FileAction.DistrictAccept);
        await EndNoticeAsync(f.Id);
        await OkStep(dc, f.Id, FileAction.CloseNotice);
        return await OkStep(await app.ClientAsync("admin"), f.Id, FileAction.FederationApprove);
    }

    private static async Task<string> CodeOf(HttpResponseMessage res) =>
        (await res.Content.ReadFromJsonAsyncSafe()).TryGetProperty("code", out var c) ? c.GetString()! : "";

    [Fact]
    public async Task Eligibility_answer_explains_the_deciding_rule()
    {
        var c = await app.ClientAsync("dongcheng");
        var res = await c.PostJsonAsync($"{Api}/eligibility", new { year = 2020, district = "110101", monthlyIncomeFen = 372000, householdSize = 3, causes = new[] { "SeriousIllness" } });
        var body = await res.ReadJsonAsync<EligibilityAnswer>();
        Assert.True(body!.Eligible);
        Assert.Equal(HardshipGrade.DeepHardship, body.Grade);
        Assert.Equal(Eligibility.DeepBelowMinimum, body.Rule);
        Assert.Contains("¥1,240.00", body.Explanation);
        Assert.Contains("最低生活保障线", body.Explanation);
        var above = await (await c.PostJsonAsync($"{Api}/eligibility", new { year = 2020, monthlyIncomeFen = 205001, householdSize = 1 })).ReadJsonAsync<EligibilityAnswer>();
        Assert.False(above!.Eligible);
        Assert.Equal(Eligibility.AboveLine, above.Rule);
        var bad = await c.PostJsonAsync($"{Api}/eligibility", new { monthlyIncomeFen = -1, householdSize = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Filing_validates_fields_and_refuses_an_ineligible_household_with_the_rule()
    {
        var c = await app.ClientAsync("dc-grassroots");
        var unit = await UnitAsync("HS-DC-01");
        var res = await c.PostJsonAsync($"{Api}/files", new { orgUnitId = unit, workerName = "", workerIdNumber = "11010119900101123", monthlyIncomeFen = -5 });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var errors = (await res.Content.ReadFromJsonAsyncSafe()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("workerName", out _));
        Assert.True(errors.TryGetProperty("workerIdNumber", out _));
        Assert.True(errors.TryGetProperty("monthlyIncomeFen", out _));
        Assert.True(errors.TryGetProperty("contactName", out _));
        var rich = await c.PostJsonAsync($"{Api}/files", Filing(unit, NewIdNumber(), income: 99_000_000));
        Assert.Equal(HttpStatusCode.BadRequest, rich.StatusCode);
        Assert.Contains("低收入线", (await rich.Content.ReadFromJsonAsyncSafe()).GetProperty("errors").GetProperty("eligibility")[0].GetString());
        // A unit outside the caller's scope.
        var xc = await c.PostJsonAsync($"{Api}/files", Filing(await UnitAsync("HS-XC-01"), NewIdNumber()));
        Assert.Equal(HttpStatusCode.BadRequest, xc.StatusCode);
    }

    [Fact]
    public async Task Full_workflow_with_notice_objection_exit_and_re_entry()
    {
        var child = NewIdNumber();
        var f = await FileAsync(members: ("孩子", Relation.Child, child));
        Assert.Equal(FileStatus.Filed, f.Status);
        Assert.Equal(2, f.HouseholdSize);
        Assert.All(f.Household, m => Assert.Contains("********", m.IdMasked));
        var grassroots = await app.ClientAsync("dc-grassroots");
        var dc = await app.ClientAsync("dongcheng");
        var admin = await app.ClientAsync("admin");

        // Grassroots cannot review; the federation cannot approve before the district.
        Assert.Equal(HttpStatusCode.Conflict, (await StepAsync(grassroots, f.Id, FileAction.DistrictAccept)).StatusCode);
        var early = await StepAsync(admin, f.Id, FileAction.FederationApprove);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(HardshipWorkflow.IllegalTransition, await CodeOf(early));

        var inNotice = await OkStep(dc, f.Id, FileAction.DistrictAccept);
        Assert.Equal(FileStatus.InNotice, inNotice.Status);
        Assert.True(inNotice.NoticeEndsAt > DateTimeOffset.UtcNow.AddDays(6));
        var running = await StepAsync(dc, f.Id, FileAction.CloseNotice);
        Assert.Equal(HardshipWorkflow.NoticeRunning, await CodeOf(running));
        await OkStep(dc, f.Id, FileAction.RecordObjection, "邻居反映有房产出租");
        await EndNoticeAsync(f.Id);
        Assert.Equal(HardshipWorkflow.ObjectionsOpen, await CodeOf(await StepAsync(dc, f.Id, FileAction.CloseNotice)));
        // The district looks into the objection, finds it true and upholds it: the file is rejected.
        var rejected = await OkStep(dc, f.Id, FileAction.UpholdObjection, "核实属实");
        Assert.Equal(FileStatus.Rejected, rejected.Status);
        Assert.False(rejected.IsActive);

        // The same household may be filed again once the first file is no longer active.
        var again = await FileAsync(workerId: null, members: ("孩子", Relation.Child, child));
        await OkStep(dc, again.Id, FileAction.DistrictAccept);
        await OkStep(dc, again.Id, FileAction.RecordObjection, "反映家中有车");
        await EndNoticeAsync(again.Id);
        Assert.Equal(HardshipWorkflow.ObjectionsOpen, await CodeOf(await StepAsync(dc, again.Id, FileAction.CloseNotice)));
        var dismissed = await OkStep(dc, again.Id, FileAction.DismissObjection, "核实为营运用车，不影响认定");
        Assert.Equal(0, dismissed.OpenObjections);
        await OkStep(dc, again.Id, FileAction.CloseNotice);
        var active = await OkStep(admin, again.Id, FileAction.FederationApprove);
        Assert.Equal(FileStatus.Active, active.Status);
        Assert.NotNull(active.ReverifyDueAt);
        Assert.NotNull(active.VisitDueAt);
        Assert.False(active.ReverifyOverdue);

        // Exit: proposed with a reason, collective review, >= 5 working days notice, district approval, written notice.
        Assert.Equal(HardshipWorkflow.ExitReasonRequired, await CodeOf(await StepAsync(grassroots, again.Id, FileAction.ProposeExit, "收入提高")));
        await OkStep(grassroots, again.Id, FileAction.ProposeExit, "再就业，收入超过标准", ExitReason.ReEmployed);
        var exitNotice = await OkStep(grassroots, again.Id, FileAction.CollectiveApproveExit, "集体研究同意");
        Assert.Equal(FileStatus.ExitInNotice, exitNotice.Status);
        Assert.True(exitNotice.NoticeEndsAt > DateTimeOffset.UtcNow.AddDays(5));
        Assert.Equal(HardshipWorkflow.NoticeRunning, await CodeOf(await StepAsync(dc, again.Id, FileAction.DistrictApproveExit)));
        await EndNoticeAsync(again.Id);
        Assert.Equal(HttpStatusCode.Conflict, (await StepAsync(grassroots, again.Id, FileAction.DistrictApproveExit)).StatusCode);
        await OkStep(dc, again.Id, FileAction.DistrictApproveExit);
        var exited = await OkStep(grassroots, again.Id, FileAction.RecordWrittenNotice, "已送达书面告知书");
        Assert.Equal(FileStatus.Exited, exited.Status);
        Assert.Equal(ExitReason.ReEmployed, exited.ExitReason);
        Assert.True(exited.FollowUpUntil >= exited.ExitedAt!.Value.AddMonths(6));
        Assert.Contains(exited.History, h => h.Kind == "RecordWrittenNotice");

        // Hardship returns: the household re-enters and goes through review again.
        var back = await OkStep(grassroots, again.Id, FileAction.ReEnter, "再次失业");
        Assert.Equal(FileStatus.Filed, back.Status);
        Assert.True(back.IsActive);
        // Every step is in the audit trail.
        var audited = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "HardshipFile" && a.EntityId == again.Id.ToString()));
        Assert.True(audited >= 8);
    }

    [Fact]
    public async Task A_retried_transition_with_the_same_idempotency_key_acts_once()
    {
        var f = await FileAsync();
        var dc = await app.ClientAsync("dongcheng");
        var key = Guid.NewGuid().ToString();
        var a = await StepAsync(dc, f.Id, FileAction.RecordObjection, key: key);
        Assert.Equal(HttpStatusCode.Conflict, a.StatusCode); // not in notice yet
        Assert.True((await StepAsync(dc, f.Id, FileAction.DistrictAccept, key: key)).IsSuccessStatusCode);
        var retry = await StepAsync(dc, f.Id, FileAction.DistrictAccept, key: key);
        Assert.True(retry.IsSuccessStatusCode);
        var detail = await (await app.ClientAsync("dongcheng")).GetJsonAsync<FileDetail>($"{Api}/files/{f.Id}");
        Assert.Single(detail!.History, h => h.Kind == "DistrictAccept");
    }

    [Fact]
    public async Task Re_verification_and_visit_flags_show_in_the_list_filters()
    {
        var f = await ActiveFileAsync();
        await app.WithDbAsync(async db =>
        {
            var e = await db.Set<HardshipFile>().SingleAsync(x => x.Id == f.Id);
            db.Entry(e).Property(x => x.ReverifyDueAt).CurrentValue = DateTimeOffset.UtcNow.AddDays(-1);
            db.Entry(e).Property(x => x.VisitDueAt).CurrentValue = DateTimeOffset.UtcNow.AddDays(-1);
            return await db.SaveChangesAsync();
        });
        var dc = await app.ClientAsync("dongcheng");
        var due = await dc.GetJsonAsync<Slice<FileRow>>($"{Api}/files?due=reverify&limit=200");
        Assert.Contains(due!.Items, r => r.Id == f.Id && r.ReverifyOverdue);
        Assert.All(due.Items, r => Assert.True(r.ReverifyOverdue));
        var visits = await dc.GetJsonAsync<Slice<FileRow>>($"{Api}/files?due=visit&limit=200");
        Assert.Contains(visits!.Items, r => r.Id == f.Id && r.VisitOverdue);

        // A visit and a re-verification clear the flags.
        var grassroots = await app.ClientAsync("dc-grassroots");
        Assert.True((await grassroots.PostJsonAsync($"{Api}/files/{f.Id}/visits", new { note = "入户走访，了解就医情况" })).IsSuccessStatusCode);
        var verified = await OkStep(grassroots, f.Id, FileAction.Reverify, "年度复核");
        Assert.False(verified.ReverifyOverdue);
        Assert.False(verified.VisitOverdue);
        Assert.Equal(HttpStatusCode.BadRequest, (await dc.GetAsync($"{Api}/files?due=soon")).StatusCode);
    }

    [Fact]
    public async Task Duplicates_are_refused_city_wide_with_the_masked_unit()
    {
        var worker = NewIdNumber();
        var member = NewIdNumber();
        await FileAsync(workerId: worker, members: ("配偶", Relation.Spouse, member));
        var c = await app.ClientAsync("dc-grassroots");
        var unit = await UnitAsync("HS-DC-01");

        // The same worker again.
        var same = await c.PostJsonAsync($"{Api}/files", Filing(unit, worker));
        Assert.Equal(HttpStatusCode.Conflict, same.StatusCode);
        Assert.Equal(HardshipScope.DuplicatePerson, await CodeOf(same));
        var detail = (await same.Content.ReadFromJsonAsyncSafe()).GetProperty("detail").GetString()!;
        Assert.Contains("东城区", detail);
        Assert.Contains("**", detail);
        Assert.DoesNotContain(worker, detail);

        // The household member appears as the worker of another file.
        Assert.Equal(HttpStatusCode.Conflict, (await c.PostJsonAsync($"{Api}/files", Filing(unit, member))).StatusCode);
        // ...or as a member of another household.
        Assert.Equal(HttpStatusCode.Conflict, (await c.PostJsonAsync($"{Api}/files", Filing(unit, NewIdNumber(), 200000, ("同一人", Relation.Parent, member)))).StatusCode);
        // A file in another district is refused too, and Xicheng learns only the masked unit.
        var xc = await app.ClientAsync("xicheng");
        var other = await xc.PostJsonAsync($"{Api}/files", Filing(await UnitAsync("HS-XC-01"), worker));
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        var otherDetail = (await other.Content.ReadFromJsonAsyncSafe()).GetProperty("detail").GetString()!;
        var unitName = await app.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Code == "HS-DC-01").Select(u => u.Name).SingleAsync());
        Assert.DoesNotContain(unitName, otherDetail);
        Assert.Contains(HardshipScope.MaskUnit(unitName), otherDetail);
        // The same person twice in one household.
        var twice = await c.PostJsonAsync($"{Api}/files", Filing(unit, NewIdNumber(), 200000, ("甲", Relation.Child, member), ("乙", Relation.Child, member)));
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
    }

    [Fact]
    public async Task Concurrent_filings_of_one_person_let_exactly_one_through()
    {
        var worker = NewIdNumber();
        var unit = await UnitAsync("HS-DC-01");
        var c1 = await app.ClientAsync("dc-grassroots");
        var c2 = await app.ClientAsync("dongcheng");
        var results = await Task.WhenAll(c1.PostJsonAsync($"{Api}/files", Filing(unit, worker)), c2.PostJsonAsync($"{Api}/files", Filing(unit, worker)));
        Assert.Single(results, r => r.IsSuccessStatusCode);
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_same_approval_paid_twice_concurrently_pays_once_and_the_ledger_balances()
    {
        var f = await ActiveFileAsync();
        var grassroots = await app.ClientAsync("dc-grassroots");
        var res = await grassroots.PostJsonAsync($"{Api}/files/{f.Id}/assistance", new { type = AssistanceType.WarmthCash, amountFen = 150000, handedOverBy = "帮扶人", note = "春节慰问" });
        Assert.True(res.IsSuccessStatusCode, await res.Content.ReadAsStringAsync());
        var a = (await res.ReadJsonAsync<AssistanceView>())!;
        Assert.Equal(AssistanceStatus.Approved, a.Status);
        Assert.Equal("warmth", a.Fund);

        var (districtUnit, year) = await app.WithDbAsync(async db => (await db.Set<HardshipFile>().Where(x => x.Id == f.Id).Select(x => x.DistrictUnitId).SingleAsync(), a.On.Year));
        var before = await BalanceAsync("warmth", districtUnit, year);

        var c2 = await app.ClientAsync("dongcheng");
        var pays = await Task.WhenAll(
            grassroots.PostAsync($"{Api}/assistance/{a.Id}/pay", null), c2.PostAsync($"{Api}/assistance/{a.Id}/pay", null),
            grassroots.PostAsync($"{Api}/assistance/{a.Id}/pay", null));
        Assert.All(pays, p => Assert.True(p.IsSuccessStatusCode));
        var views = await Task.WhenAll(pays.Select(p => p.ReadJsonAsync<AssistanceView>()));
        Assert.All(views, v => Assert.Equal(AssistanceStatus.Paid, v!.Status));
        Assert.Single(views.Select(v => v!.LedgerEntryId).Distinct());

        var after = await BalanceAsync("warmth", districtUnit, year);
        Assert.Equal(150000, after.Paid.Value - before.Paid.Value);
        Assert.Equal(after.Budget.Value, after.Available.Value + after.Committed.Value + after.Paid.Value);
        await app.WithScopeAsync(async sp =>
        {
            var ledger = sp.GetRequiredService<FundLedger>();
            var entries = await ledger.EntriesForAsync(new SourceRef(AssistanceHandlers.SourceType, a.Id));
            Assert.Single(entries, e => e.Kind == EntryKind.Payment);
            var rec = await ledger.ReconcileAsync(year);
            Assert.True(rec.IsClean);
        });
        // And once more later: still one payment.
        Assert.True((await grassroots.PostAsync($"{Api}/assistance/{a.Id}/pay", null)).IsSuccessStatusCode);
        Assert.Equal(after.Paid, (await BalanceAsync("warmth", districtUnit, year)).Paid);
    }

    [Fact]
    public async Task Four_eyes_above_the_threshold_the_approver_may_not_pay_but_a_second_approver_may()
    {
        var f = await ActiveFileAsync();
        var grassroots = await app.ClientAsync("dc-grassroots");
        async Task<AssistanceView> ApprovedAsync(Guid fileId)
        {
            var res = await grassroots.PostJsonAsync($"{Api}/files/{fileId}/assistance", new { type = AssistanceType.WarmthCash, amountFen = 1_000_00, handedOverBy = "帮扶人" });
            Assert.True(res.IsSuccessStatusCode, await res.Content.ReadAsStringAsync());
            return (await res.ReadJsonAsync<AssistanceView>())!;
        }
        var big = await ApprovedAsync(f.Id);
        // The assistance standards keep an approval far below 50,000 yuan; the stored amount is raised to reach the threshold.
        await app.WithDbAsync(db => db.Set<HardshipAssistance>().Where(x => x.Id == big.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.AmountFen, 60_000_00L)));
        var districtUnit = await app.WithDbAsync(db => db.Set<HardshipFile>().Where(x => x.Id == f.Id).Select(x => x.DistrictUnitId).SingleAsync());
        await app.WithScopeAsync(async sp => Assert.True((await sp.GetRequiredService<FundLedger>()
            .AllocateBudgetAsync("warmth", districtUnit, big.On.Year, Gonghui.Platform.Money.Fen.FromYuan(100_000), "test:four-eyes:" + Guid.NewGuid())).IsOk));

        var refused = await grassroots.PostAsync($"{Api}/assistance/{big.Id}/pay", null);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("\"code\":\"payment.secondApproverRequired\"", body);
        var dc = await app.ClientAsync("dongcheng");
        var paid = await dc.PostAsync($"{Api}/assistance/{big.Id}/pay", null);
        Assert.True(paid.IsSuccessStatusCode, await paid.Content.ReadAsStringAsync());
        Assert.Equal(AssistanceStatus.Paid, (await paid.ReadJsonAsync<AssistanceView>())!.Status);

        // 1,000 yuan is below it: the approver may pay.
        var small = await ApprovedAsync((await ActiveFileAsync()).Id);
        var own = await grassroots.PostAsync($"{Api}/assistance/{small.Id}/pay", null);
        Assert.True(own.IsSuccessStatusCode, await own.Content.ReadAsStringAsync());
    }

    private Task<FundBalance> BalanceAsync(string fund, Guid unit, int year) =>
        app.WithDbAsync(db => new FundLedger(db, TimeProvider.System).BalanceAsync(fund, unit, year));

    [Fact]
    public async Task Caps_and_frequency_are_refused_with_clear_codes_and_retries_do_not_duplicate()
    {
        var f = await ActiveFileAsync();
        var c = await app.ClientAsync("dc-grassroots");
        async Task<HttpResponseMessage> Give(AssistanceType type, long amount, string? key = null)
        {
            var req = new HttpRequestMessage(HttpMethod.Post, $"{Api}/files/{f.Id}/assistance") { Content = JsonContent(new { type, amountFen = amount, handedOverBy = "帮扶人" }) };
            if (key is not null) req.Headers.Add("Idempotency-Key", key);
            return await c.SendAsync(req);
        }
        var above = await Give(AssistanceType.WarmthCash, 10_000_000);
        Assert.Equal(HttpStatusCode.Conflict, above.StatusCode);
        Assert.Equal(AssistanceRules.AboveStandard, await CodeOf(above));
        var key = Guid.NewGuid().ToString();
        var first = await Give(AssistanceType.SummerRelief, 30000, key);
        Assert.True(first.IsSuccessStatusCode);
        var retry = await Give(AssistanceType.SummerRelief, 30000, key);
        Assert.True(retry.IsSuccessStatusCode);
        Assert.Equal((await first.ReadJsonAsync<AssistanceView>())!.Id, (await retry.ReadJsonAsync<AssistanceView>())!.Id);
        var second = await Give(AssistanceType.SummerRelief, 30000);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(AssistanceRules.TooOften, await CodeOf(second));
        var edu = await Give(AssistanceType.EducationGrant, 100000);
        Assert.Equal(AssistanceRules.ChildRequired, await CodeOf(edu));
        var detail = await c.GetJsonAsync<FileDetail>($"{Api}/files/{f.Id}");
        Assert.Single(detail!.Assistance);
    }

    [Fact]
    public async Task File_lists_walk_forward_and_back_by_cursor_in_their_order()
    {
        await ActiveFileAsync();
        var dc = await app.ClientAsync("dongcheng");
        var files = await KeysetPaging.WalkAsync<FileRow>(dc, $"{Api}/files", r => r.Id, limit: 7,
            inOrder: (a, b) => a.FiledAt > b.FiledAt || (a.FiledAt == b.FiledAt && a.Id.CompareTo(b.Id) > 0));
        Assert.NotEmpty(files);
        Assert.All(files, r => Assert.Equal("110101", r.DistrictCode));
        var due = await KeysetPaging.WalkAsync<FileRow>(dc, $"{Api}/files?due=visit", r => r.Id, limit: 3,
            inOrder: (a, b) => a.VisitDueAt < b.VisitDueAt || (a.VisitDueAt == b.VisitDueAt && a.Id.CompareTo(b.Id) < 0));
        Assert.All(due, r => Assert.True(r.VisitOverdue));
        await KeysetPaging.BadInputIs400Async(dc, $"{Api}/files");
    }

    [Fact]
    public async Task Another_district_sees_nothing_of_a_file_and_hotline_agents_see_no_hardship_data()
    {
        var f = await ActiveFileAsync();
        var xc = await app.ClientAsync("xicheng");
        Assert.Equal(HttpStatusCode.NotFound, (await xc.GetAsync($"{Api}/files/{f.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await StepAsync(xc, f.Id, FileAction.Reverify)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await xc.PostJsonAsync($"{Api}/files/{f.Id}/assistance", new { type = "WarmthCash", amountFen = 100, handedOverBy = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await xc.PostJsonAsync($"{Api}/files/{f.Id}/visits", new { note = "x" })).StatusCode);
        var list = await xc.GetJsonAsync<Slice<FileRow>>($"{Api}/files?q={Uri.EscapeDataString(f.FileNo)}");
        Assert.Empty(list!.Items);
        var all = await xc.GetJsonAsync<Slice<FileRow>>($"{Api}/files?limit=200");
        Assert.All(all!.Items, r => Assert.Equal("110102", r.DistrictCode));
        Assert.All(all.Items, r => Assert.Matches(@"^\d{6}\*{8}[\dX]{4}$", r.WorkerIdMasked));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("agent")).GetAsync($"{Api}/files")).StatusCode);
        Assert.Empty((await (await app.ClientAsync("evaluator")).GetJsonAsync<Slice<FileRow>>($"{Api}/files"))!.Items);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientAsync("evaluator")).GetAsync($"{Api}/files/{f.Id}")).StatusCode);
        var mine = await (await app.ClientAsync("dongcheng")).GetJsonAsync<FileDetail>($"{Api}/files/{f.Id}");
        Assert.Equal("139****5678", mine!.PhoneMasked);
    }

    [Fact]
    public async Task Exports_need_a_reason_are_masked_and_audited()
    {
        var worker = NewIdNumber();
        await FileAsync(workerId: worker);
        var dc = await app.ClientAsync("dongcheng");
        var none = await dc.GetAsync($"{Api}/files/export");
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.True((await none.Content.ReadFromJsonAsyncSafe()).GetProperty("errors").TryGetProperty("reason", out _));
        var reason = "年度统计核对 " + Guid.NewGuid().ToString("N")[..6];
        var ok = await dc.GetAsync($"{Api}/files/export?reason={Uri.EscapeDataString(reason)}");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var csv = await ok.Content.ReadAsStringAsync();
        Assert.Contains(ResidentId.Mask(worker), csv);
        Assert.DoesNotContain(worker, csv);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "export" && a.EntityType == "HardshipFile").OrderByDescending(a => a.Seq).FirstAsync());
        Assert.Equal("dongcheng", audit.Actor);
        Assert.Contains(reason, audit.After);
        Assert.True((await app.WithDbAsync(db => AuditTrail.VerifyAsync(db))).Intact);
    }

    [Fact]
    public async Task Documents_have_type_and_size_limits_and_stay_in_scope()
    {
        var f = await FileAsync();
        var c = await app.ClientAsync("dc-grassroots");
        async Task<HttpResponseMessage> Upload(byte[] bytes, string type, string name)
        {
            var form = new MultipartFormDataContent();
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(part, "file", name);
            form.Add(new StringContent("IncomeProof"), "kind");
            return await c.PostAsync($"{Api}/files/{f.Id}/documents", form);
        }
        var ok = await Upload("%PDF-1.4 收入证明"u8.ToArray(), "application/pdf", "收入证明.pdf");
        Assert.True(ok.IsSuccessStatusCode, await ok.Content.ReadAsStringAsync());
        var doc = (await ok.ReadJsonAsync<DocumentView>())!;
        Assert.Equal(HttpStatusCode.BadRequest, (await Upload("MZ fake exe"u8.ToArray(), "application/pdf", "x.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Upload("hello"u8.ToArray(), "text/plain", "x.txt")).StatusCode);
        var big = new byte[5 * 1024 * 1024 + 10];
        "%PDF-"u8.CopyTo(big);
        Assert.Equal(HttpStatusCode.BadRequest, (await Upload(big, "application/pdf", "big.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync($"{Api}/files/{f.Id}/documents/{doc.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientAsync("xicheng")).GetAsync($"{Api}/files/{f.Id}/documents/{doc.Id}")).StatusCode);
    }

    [Fact]
    public async Task Education_grant_campaign_from_application_to_payment_and_summary()
    {
        var child = NewIdNumber();
        var f = await ActiveFileAsync(null, ("上学的孩子", Relation.Child, child));
        var admin = await app.ClientAsync("admin");
        var year = 2040 + typeof(TApp).Name.Length % 7;
        var open = await admin.PostJsonAsync($"{Api}/campaigns", new { year, name = $"{year}年金秋助学" });
        Assert.True(open.IsSuccessStatusCode, await open.Content.ReadAsStringAsync());
        var campaign = (await open.ReadJsonAsync<CampaignView>())!;
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostJsonAsync($"{Api}/campaigns", new { year, name = "again" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await (await app.ClientAsync("dongcheng")).PostJsonAsync($"{Api}/campaigns", new { year = year + 1, name = "x" })).StatusCode);

        var g = await app.ClientAsync("dc-grassroots");
        var childId = f.Household.Single(m => m.Relation == Relation.Child).Id;
        var applied = await g.PostJsonAsync($"{Api}/campaigns/{campaign.Id}/applications", new { fileId = f.Id, childMemberId = childId, stage = SchoolStage.Undergraduate, school = "北京某大学" });
        Assert.True(applied.IsSuccessStatusCode, await applied.Content.ReadAsStringAsync());
        var app1 = (await applied.ReadJsonAsync<ApplicationView>())!;
        Assert.Equal(800000, app1.AmountFen);
        Assert.Equal(HttpStatusCode.Conflict, (await g.PostJsonAsync($"{Api}/campaigns/{campaign.Id}/applications", new { fileId = f.Id, childMemberId = childId, stage = "Primary", school = "x" })).StatusCode);
        var worker = f.Household.Single(m => m.Relation == Relation.Self).Id;
        Assert.Equal(HttpStatusCode.BadRequest, (await g.PostJsonAsync($"{Api}/campaigns/{campaign.Id}/applications", new { fileId = f.Id, childMemberId = worker, stage = "Primary", school = "x" })).StatusCode);

        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(part, "file", "录取通知书.jpg");
        var letter = await g.PostAsync($"{Api}/campaigns/{campaign.Id}/applications/{app1.Id}/letter", form);
        Assert.True(letter.IsSuccessStatusCode, await letter.Content.ReadAsStringAsync());
        Assert.True((await letter.ReadJsonAsync<ApplicationView>())!.HasAdmissionLetter);

        // Deciding is for district and federation staff (hardship.approve): a grassroots union may not, whatever the stage.
        Assert.Equal(HttpStatusCode.Forbidden, (await g.PostJsonAsync($"{Api}/campaigns/{campaign.Id}/applications/{app1.Id}/decision", new { approve = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await g.PostAsync($"{Api}/campaigns/{campaign.Id}/applications/{app1.Id}/pay", null)).StatusCode);
        var dc = await app.ClientAsync("dongcheng");
        Assert.Equal(ApplicationStatus.DistrictApproved, (await (await dc.PostJsonAsync($"{Api}/campaigns/{campaign.Id}/applications/{app1.Id}/decision", new { approve = true })).ReadJsonAsync<ApplicationView>())!.Status);
        Assert.Equal(HttpStatusCode.Conflict, (await dc.PostJsonAsync($"{Api}/campaigns/{campaign.Id}/applications/{app1.Id}/decision", new { approve = true })).StatusCode);
        Assert.Equal(ApplicationStatus.FederationApproved, (await (await admin.PostJsonAsync($"{Api}/campaigns/{campaign.Id}/applications/{app1.Id}/decision", new { approve = true })).ReadJsonAsync<ApplicationView>())!.Status);

        var pays = await Task.WhenAll(dc.PostAsync($"{Api}/campaigns/{campaign.Id}/applications/{app1.Id}/pay", null), g.PostAsync($"{Api}/campaigns/{campaign.Id}/applications/{app1.Id}/pay", null));
        Assert.Contains(pays, p => p.IsSuccessStatusCode);
        var final = await dc.GetJsonAsync<Slice<ApplicationView>>($"{Api}/campaigns/{campaign.Id}/applications");
        Assert.Equal(ApplicationStatus.Paid, final!.Items.Single().Status);
        var summary = await dc.GetJsonAsync<CampaignSummary>($"{Api}/campaigns/{campaign.Id}");
        Assert.Equal(1, summary!.ChildrenPaid);
        Assert.Equal(800000, summary.AmountPaidFen);
        var detail = await dc.GetJsonAsync<FileDetail>($"{Api}/files/{f.Id}");
        Assert.Single(detail!.Assistance, x => x.Type == AssistanceType.EducationGrant && x.Status == AssistanceStatus.Paid);
        var xcSummary = await (await app.ClientAsync("xicheng")).GetJsonAsync<CampaignSummary>($"{Api}/campaigns/{campaign.Id}");
        Assert.Equal(0, xcSummary!.Applications);
    }

    [Fact]
    public async Task Demo_2020_campaign_is_paid_through_the_ledger()
    {
        var admin = await app.ClientAsync("admin");
        var campaigns = await admin.GetJsonAsync<List<CampaignView>>($"{Api}/campaigns");
        var c2020 = campaigns!.Single(c => c.Year == 2020);
        var summary = await admin.GetJsonAsync<CampaignSummary>($"{Api}/campaigns/{c2020.Id}");
        Assert.True(summary!.ChildrenPaid >= 2);
        Assert.Equal(summary.ChildrenPaid, summary.Applications);
        var ledgerPaid = await app.WithDbAsync(async db =>
        {
            var ids = await db.Set<HardshipAssistance>().Where(a => a.Type == AssistanceType.EducationGrant && a.Year == 2020 && a.Status == AssistanceStatus.Paid).Select(a => a.LedgerEntryId).ToListAsync();
            return ids.Count(i => i != null);
        });
        Assert.Equal(summary.ChildrenPaid, ledgerPaid);
    }

    [Fact]
    public async Task Precision_sample_is_seen_by_the_evaluator_alone_and_verdicts_give_known_precision()
    {
        var admin = await app.ClientAsync("admin");
        var evaluator = await app.ClientAsync("evaluator");
        var dc = await app.ClientAsync("dongcheng");
        Assert.Equal(HttpStatusCode.Conflict, (await dc.PostJsonAsync($"{Api}/precision/sample", new { year = 2020, perDistrict = 1 })).StatusCode);
        var drawn = await admin.PostJsonAsync($"{Api}/precision/sample", new { year = 2020, perDistrict = 1 });
        Assert.True(drawn.IsSuccessStatusCode, await drawn.Content.ReadAsStringAsync());
        var sample = (await drawn.ReadJsonAsync<List<SampleRow>>())!;
        Assert.True(sample.Count >= 2);
        Assert.Equal(sample.Count, sample.Select(s => s.DistrictCode).Distinct().Count()); // one per district
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostJsonAsync($"{Api}/precision/sample", new { year = 2020 })).StatusCode);

        var seen = await evaluator.GetJsonAsync<List<SampleRow>>($"{Api}/precision/sample?year=2020");
        Assert.Equal(sample.Count, seen!.Count);
        var file = await evaluator.GetJsonAsync<FileDetail>($"{Api}/precision/sample/{sample[0].Id}");
        Assert.Equal(sample[0].FileId, file!.Id);
        Assert.All(file.Household, m => Assert.Contains("********", m.IdMasked));
        Assert.Equal(HttpStatusCode.NotFound, (await dc.GetAsync($"{Api}/precision/sample/{sample[0].Id}")).StatusCode);
        // Verdicts are the evaluator's alone (hardship.evaluate).
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PutAsJsonAsyncSafe($"{Api}/precision/sample/{sample[0].Id}", new { rightlyIdentified = true })).StatusCode);

        // All right except the first file's identification.
        for (var i = 0; i < sample.Count; i++)
        {
            var r = await evaluator.PutAsJsonAsyncSafe($"{Api}/precision/sample/{sample[i].Id}", new { rightlyIdentified = i != 0, rightlyExited = true, assistanceRight = true, note = i == 0 ? "收入核实有误" : null });
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        }
        var report = await evaluator.GetJsonAsync<PrecisionReport>($"{Api}/precision?year=2020");
        Assert.Equal(sample.Count, report!.CityWide.IdentificationJudged);
        Assert.Equal(sample.Count - 1, report.CityWide.IdentificationAgreed);
        Assert.Equal((int)Math.Round((sample.Count - 1) * 10000.0 / sample.Count, MidpointRounding.AwayFromZero), report.CityWide.IdentificationBp);
        Assert.Equal(10000, report.CityWide.AssistanceBp); // the 2020 files all had warmth visits and grants
        Assert.Single(report.Disagreements);
        Assert.Equal(sample[0].FileId, report.Disagreements[0].FileId);
        Assert.Equal(0, report.Districts.Single(d => d.District == sample[0].DistrictCode).IdentificationBp);
        var dcReport = await dc.GetJsonAsync<PrecisionReport>($"{Api}/precision?year=2020");
        Assert.All(dcReport!.Districts, d => Assert.Equal("110101", d.District));
    }
    private static readonly byte[] Pdf = "%PDF-1.4 letter"u8.ToArray();
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];

    internal static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(ms, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                var e = zip.CreateEntry(name, System.IO.Compression.CompressionLevel.Fastest);
                using var s = e.Open();
                s.Write(content);
            }
        return ms.ToArray();
    }

    private static MultipartFormDataContent Files(params (string Name, string Type, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, type, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(part, "files", name);
        }
        return form;
    }

    [Fact]
    public async Task Admission_letters_upload_in_bulk_each_file_matched_by_its_name_stored_or_refused_on_its_own()
    {
        var (idA, idB, idC) = (NewIdNumber(), NewIdNumber(), NewIdNumber());
        var twoChildren = await ActiveFileAsync(null, ("批量甲", Relation.Child, idA), ("批量乙", Relation.Child, idB));
        var oneChild = await ActiveFileAsync(null, ("批量丙", Relation.Child, idC));
        var admin = await app.ClientAsync("admin");
        var year = 2050 + typeof(TApp).Name.Length % 7;
        var campaign = (await (await admin.PostJsonAsync($"{Api}/campaigns", new { year, name = $"{year}年金秋助学" })).ReadJsonAsync<CampaignView>())!;
        var g = await app.ClientAsync("dc-grassroots");
        async Task<ApplicationView> Apply(FileDetail f, string child)
        {
            var res = await g.PostJsonAsync($"{Api}/campaigns/{campaign.Id}/applications",
                new { fileId = f.Id, childMemberId = f.Household.Single(m => m.Name == child).Id, stage = SchoolStage.Secondary, school = "北京某中学" });
            Assert.True(res.IsSuccessStatusCode, await res.Content.ReadAsStringAsync());
            return (await res.ReadJsonAsync<ApplicationView>())!;
        }
        var a = await Apply(twoChildren, "批量甲");
        var b = await Apply(twoChildren, "批量乙");
        var c = await Apply(oneChild, "批量丙");
        async Task<Dictionary<Guid, bool>> Letters() =>
            (await g.GetJsonAsync<Slice<ApplicationView>>($"{Api}/campaigns/{campaign.Id}/applications?limit=200"))!.Items.ToDictionary(x => x.Id, x => x.HasAdmissionLetter);
        Task<HttpResponseMessage> Upload(HttpClient client, MultipartFormDataContent form) => client.PostAsync($"{Api}/campaigns/{campaign.Id}/letters", form);

        // Refused whole, before anything is written: a "zip" that is not one, more files than allowed, more bytes in all than allowed.
        var good = ($"{twoChildren.FileNo}_批量乙.pdf", Pdf);
        var reasons = new List<string>();
        foreach (var form in new[]
        {
            Files(("letters.zip", "application/zip", "not a zip at all"u8.ToArray())),
            Files(("letters.zip", "application/zip", Zip([good, .. Enumerable.Range(0, LetterBundle.MaxFiles).Select(i => ($"x{i}.pdf", Pdf))]))),
            Files(("big.zip", "application/zip", Zip([good, .. Enumerable.Range(0, 11).Select(i => ($"big{i}.pdf", Padded(5 * 1024 * 1024)))]))),
        })
        {
            var refused = await Upload(g, form);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var body = await refused.Content.ReadFromJsonAsyncSafe();
            Assert.True(body.GetProperty("errors").TryGetProperty("files", out var why), body.ToString());
            reasons.Add(why[0].GetString()!);
        }
        Assert.Equal(3, reasons.Distinct().Count()); // not a zip, too many files, too large in all: each says its own reason
        Assert.All((await Letters()).Values, has => Assert.False(has));
        Assert.Equal(HttpStatusCode.BadRequest, (await Upload(g, new MultipartFormDataContent { { new StringContent("x"), "note" } })).StatusCode);

        // One zip: two letters stored (file number + name; name + ID tail), one fits two children, one fits nobody, one is not a PDF.
        var zip = Zip(
            ($"{twoChildren.FileNo}_批量甲.pdf", Pdf),
            ($"letters/批量丙_{idC[^4..]}.jpg", Jpeg),
            ($"{twoChildren.FileNo}.pdf", Pdf),
            ("无名氏_0000.pdf", Pdf),
            ($"{twoChildren.FileNo}_批量乙.pdf", "just text"u8.ToArray()),
            ("__MACOSX/._x.pdf", Pdf));
        var res = await Upload(g, Files(("录取通知书.zip", "application/zip", zip)));
        Assert.True(res.IsSuccessStatusCode, await res.Content.ReadAsStringAsync());
        var batch = (await res.ReadJsonAsync<LetterBatch>())!;
        Assert.Equal((2, 2, 1, 5), (batch.Stored, batch.NotMatched, batch.Rejected, batch.Files.Count));
        LetterLine Line(string name) => batch.Files.Single(f => f.FileName.EndsWith(name, StringComparison.Ordinal));
        Assert.Equal((LetterStatus.Stored, a.Id), (Line("_批量甲.pdf").Status, Line("_批量甲.pdf").ApplicationId));
        Assert.Equal((LetterStatus.Stored, c.Id), (Line($"批量丙_{idC[^4..]}.jpg").Status, Line($"批量丙_{idC[^4..]}.jpg").ApplicationId));
        Assert.Equal((LetterStatus.NotMatched, LetterMatching.Ambiguous), (Line($"{twoChildren.FileNo}.pdf").Status, Line($"{twoChildren.FileNo}.pdf").Code));
        Assert.Equal((LetterStatus.NotMatched, LetterMatching.NoMatch), (Line("无名氏_0000.pdf").Status, Line("无名氏_0000.pdf").Code));
        Assert.Equal((LetterStatus.Rejected, DocumentRules.TypeNotAllowed), (Line("_批量乙.pdf").Status, Line("_批量乙.pdf").Code));
        Assert.False(string.IsNullOrEmpty(Line("_批量乙.pdf").Reason));
        var letters = await Letters();
        Assert.True(letters[a.Id] && letters[c.Id]);
        Assert.False(letters[b.Id]); // the rejected file wrote nothing
        var docs = (await g.GetJsonAsync<FileDetail>($"{Api}/files/{twoChildren.Id}"))!.Documents;
        Assert.Single(docs, d => d.Kind == "AdmissionLetter");

        // Several loose files at once: the missing letter, and a second file for one application in the same upload.
        res = await Upload(g, Files(($"批量乙_{idB[^4..]}.pdf", "application/pdf", Pdf), ($"{twoChildren.FileNo}_批量乙.pdf", "application/pdf", Pdf)));
        batch = (await res.ReadJsonAsync<LetterBatch>())!;
        Assert.Equal((1, 1, 0), (batch.Stored, batch.NotMatched, batch.Rejected));
        Assert.Equal(LetterMatching.SecondForSameApplication, batch.Files[1].Code);
        Assert.True((await Letters())[b.Id]);

        // Another district's staff match nothing of 东城's; an unknown campaign is a 404.
        var xc = await Upload(await app.ClientAsync("xicheng"), Files(($"{twoChildren.FileNo}_批量甲.pdf", "application/pdf", Pdf)));
        Assert.Equal(HttpStatusCode.OK, xc.StatusCode);
        Assert.Equal(LetterStatus.NotMatched, (await xc.ReadJsonAsync<LetterBatch>())!.Files.Single().Status);
        Assert.Equal(HttpStatusCode.NotFound, (await g.PostAsync($"{Api}/campaigns/{Guid.NewGuid()}/letters", Files(("a.pdf", "application/pdf", Pdf)))).StatusCode);
    }

    private static byte[] Padded(int size)
    {
        var bytes = new byte[size];
        "%PDF-"u8.CopyTo(bytes);
        return bytes;
    }

    [Fact]
    public async Task A_campaigns_applications_page_by_keyset_with_the_status_filter_and_counts()
    {
        var admin = await app.ClientAsync("admin");
        var campaign = (await admin.GetJsonAsync<List<CampaignView>>($"{Api}/campaigns"))!.First(c => c.Year == 2020);
        var summary = (await admin.GetJsonAsync<CampaignSummary>($"{Api}/campaigns/{campaign.Id}"))!;
        Assert.Equal(summary.Applications, summary.ByStatus.Sum(s => s.Applications));
        var paid = summary.ByStatus.Single(s => s.Status == ApplicationStatus.Paid).Applications;
        var rows = await KeysetPaging.WalkAsync<ApplicationView>(admin, $"{Api}/campaigns/{campaign.Id}/applications?status=Paid", x => x.Id, limit: 7,
            inOrder: (p, q) => string.CompareOrdinal(p.ChildName, q.ChildName) <= 0); // by the child's name (the test cluster collates as C)
        Assert.Equal(paid, rows.Count);
        Assert.All(rows, r => Assert.Equal(ApplicationStatus.Paid, r.Status));
        await KeysetPaging.BadInputIs400Async(admin, $"{Api}/campaigns/{campaign.Id}/applications");
    }

    // ------------------------------------------------------------ the assistance list (the report's drill-down for the assistance figures)

    private sealed record AssistTruth(Guid Id, string UnionPath, AssistanceType Type, AssistanceStatus Status, DateOnly On);

    private Task<List<AssistTruth>> AssistanceInDbAsync() => app.WithDbAsync(db =>
        (from a in db.Set<HardshipAssistance>()
         join f in db.Set<HardshipFile>() on a.FileId equals f.Id
         join u in db.Set<OrgUnit>() on f.OrgUnitId equals u.Id
         select new AssistTruth(a.Id, u.Path, a.Type, a.Status, a.On)).ToListAsync());

    private static bool NewestFirst(AssistanceRow a, AssistanceRow b) => a.On > b.On || (a.On == b.On && a.Id.CompareTo(b.Id) > 0);

    private static List<Guid> Ids(IEnumerable<AssistTruth> rows) => rows.Select(r => r.Id).Order().ToList();

    [Fact]
    public async Task The_assistance_list_shows_the_scopes_records_newest_first_narrowed_by_period_unit_and_type()
    {
        // A warmth visit paid today on a Dongcheng file, so Dongcheng has a record of this year besides the demo's.
        var f = await ActiveFileAsync();
        var grassroots = await app.ClientAsync("dc-grassroots");
        var res = await grassroots.PostJsonAsync($"{Api}/files/{f.Id}/assistance", new { type = AssistanceType.WarmthCash, amountFen = 80000, handedOverBy = "帮扶人" });
        Assert.True(res.IsSuccessStatusCode, await res.Content.ReadAsStringAsync());
        var approved = (await res.ReadJsonAsync<AssistanceView>())!;
        Assert.True((await grassroots.PostAsync($"{Api}/assistance/{approved.Id}/pay", null)).IsSuccessStatusCode);
        var truth = await AssistanceInDbAsync();
        var (dcId, xcId) = (await UnitAsync("DC"), await UnitAsync("XC"));
        var dcPath = await app.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Id == dcId).Select(u => u.Path).SingleAsync());
        var dcTruth = Ids(truth.Where(t => t.UnionPath.StartsWith(dcPath, StringComparison.Ordinal)));
        Assert.True(dcTruth.Count > 1, $"{dcTruth.Count} Dongcheng records");

        // District staff: their district's records, newest assistance date first, ID numbers masked; another district none of them.
        var dc = await app.ClientAsync("dongcheng");
        var dcRows = await KeysetPaging.WalkAsync<AssistanceRow>(dc, $"{Api}/assistance", r => r.Id, limit: 7, inOrder: NewestFirst);
        Assert.Equal(dcTruth, dcRows.Select(r => r.Id).Order().ToList());
        Assert.All(dcRows, r => Assert.Equal("110101", r.DistrictCode));
        Assert.All(dcRows, r => Assert.Matches(@"^\d{6}\*{8}[\dX]{4}$", r.WorkerIdMasked));
        var mine = dcRows.Single(r => r.Id == approved.Id);
        Assert.Equal((f.FileNo, AssistanceType.WarmthCash, 80000L, AssistanceStatus.Paid), (mine.FileNo, mine.Type, mine.AmountFen, mine.Status));
        var xcRows = await KeysetPaging.WalkAsync<AssistanceRow>(await app.ClientAsync("xicheng"), $"{Api}/assistance", r => r.Id, limit: 50);
        Assert.Empty(xcRows.Select(r => r.Id).Intersect(dcRows.Select(r => r.Id)));
        // Education grants name their child.
        Assert.All(dcRows.Where(r => r.Type == AssistanceType.EducationGrant), r => Assert.False(string.IsNullOrEmpty(r.ChildName)));

        // The federation: everything, 50 a page; narrowed to Dongcheng by unit, Dongcheng's.
        var admin = await app.ClientAsync("admin");
        var first = (await admin.GetJsonAsync<Slice<AssistanceRow>>($"{Api}/assistance"))!;
        Assert.Equal(Math.Min(50, truth.Count), first.Items.Count);
        Assert.Equal(Math.Min(truth.Count, Keyset.CountCap), first.TotalEstimate);
        Assert.Equal(dcTruth, (await KeysetPaging.WalkAsync<AssistanceRow>(admin, $"{Api}/assistance?unit={dcId}", r => r.Id, limit: 50)).Select(r => r.Id).Order().ToList());

        // A period: the records paid whose assistance date falls in it (end exclusive), as the report's figures count them; and a type.
        var days = truth.Select(t => t.On).Order().ToList();
        var (from, to) = (days[0], days[^1]);
        Assert.True(to > from);
        var inPeriod = await KeysetPaging.WalkAsync<AssistanceRow>(admin, $"{Api}/assistance?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", r => r.Id, limit: 50, inOrder: NewestFirst);
        Assert.Equal(Ids(truth.Where(t => t.Status == AssistanceStatus.Paid && t.On >= from && t.On < to)), inPeriod.Select(r => r.Id).Order().ToList());
        var warmth = await KeysetPaging.WalkAsync<AssistanceRow>(admin, $"{Api}/assistance?type=warmth&unit={dcId}", r => r.Id, limit: 50);
        Assert.Equal(Ids(truth.Where(t => t.UnionPath.StartsWith(dcPath, StringComparison.Ordinal) && t.Type is AssistanceType.WarmthCash or AssistanceType.WarmthGoods)),
            warmth.Select(r => r.Id).Order().ToList());
        var grants = await KeysetPaging.WalkAsync<AssistanceRow>(admin, $"{Api}/assistance?type=EducationGrant", r => r.Id, limit: 50);
        Assert.Equal(Ids(truth.Where(t => t.Type == AssistanceType.EducationGrant)), grants.Select(r => r.Id).Order().ToList());
        Assert.NotEmpty(grants);
    }

    [Fact]
    public async Task The_assistance_list_refuses_bad_filters_naming_the_field_and_shows_nothing_out_of_scope()
    {
        var dc = await app.ClientAsync("dongcheng");
        var xcId = await UnitAsync("XC");
        foreach (var (query, field) in new[] { ("from=2020-13-01", "from"), ("to=2020-02-30", "to"), ("from=2020-02-01&to=2020-01-01", "to"), ("from=abc", "from"),
                     ($"unit={xcId}", "unit"), ($"unit={Guid.NewGuid()}", "unit"), ("unit=abc", "unit"), ("type=Cash", "type"), ("type=1", "type") })
        {
            var res = await dc.GetAsync($"{Api}/assistance?{query}");
            Assert.True(res.StatusCode == HttpStatusCode.BadRequest, $"{query}: {res.StatusCode}");
            Assert.Contains($"\"{field}\"", await res.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        await KeysetPaging.BadInputIs400Async(dc, $"{Api}/assistance");
        // Xicheng's own unit is fine for Xicheng (and shows only Xicheng's records); hotline agents and workers have no hardship data.
        var xc = await app.ClientAsync("xicheng");
        Assert.Equal(HttpStatusCode.OK, (await xc.GetAsync($"{Api}/assistance?unit={xcId}&from=2020-01-01&to=2021-01-01")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("agent")).GetAsync($"{Api}/assistance")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("worker")).GetAsync($"{Api}/assistance")).StatusCode);
        // The evaluator reads the sampled files alone: no assistance list.
        Assert.Empty((await (await app.ClientAsync("evaluator")).GetJsonAsync<Slice<AssistanceRow>>($"{Api}/assistance"))!.Items);
    }
}

internal static class HttpJson
{
    public static async Task<JsonElement> ReadFromJsonAsyncSafe(this HttpContent c) => JsonDocument.Parse(await c.ReadAsStringAsync()).RootElement;
    public static Task<HttpResponseMessage> PutAsJsonAsyncSafe<T>(this HttpClient c, string url, T body) => c.PutJsonAsync(url, body);
}

public sealed class HardshipApiTests_Sqlite(SqliteApp app) : HardshipApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class HardshipApiTests_Postgres(PostgresApp app) : HardshipApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
