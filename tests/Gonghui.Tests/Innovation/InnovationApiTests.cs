using Gonghui.Modules.Funds.Ledger;
using System.Net;
using System.Text.Json;
using Gonghui.Modules.Funds;
using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Innovation;
using Gonghui.Modules.Innovation.Alliances;
using Gonghui.Modules.Innovation.Awards;
using Gonghui.Modules.Innovation.Rules;
using Gonghui.Modules.Innovation.Studios;
using Gonghui.Modules.Innovation.Training;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Http;
using Gonghui.Platform.Money;
using Gonghui.Platform.Time;
using Gonghui.Tests.Infrastructure;
using Gonghui.Tests.MutualAid;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Innovation;

/// <summary>Studios through recognition, annual reviews, the dashboard, patent and project awards through the innovation fund — over HTTP on each provider.</summary>
public abstract class InnovationApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private const string Base = "/api/v1/innovation";
    private static DateOnly Today => BeijingTime.Today(TimeProvider.System);

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider);
    }

    private Task<OrgUnit> DongchengAsync() => app.WithDbAsync(db => db.Set<OrgUnit>().AsNoTracking().SingleAsync(u => u.Path == "/BJ/DC/"));
    private Task<Guid> RootAsync() => app.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.ParentId == null).Select(u => u.Id).SingleAsync());

    private async Task<(StudioDto Studio, List<FundsTestData.TestMember> Members)> AppliedAsync(StudioLevel level = StudioLevel.Municipal)
    {
        var (union, members) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 3);
        var dc = await app.ClientAsync("dongcheng");
        var res = await dc.PostJsonAsync($"{Base}/studios", new
        {
            name = "测试创新工作室" + Guid.NewGuid().ToString("N")[..6], kind = StudioKind.ModelWorker, level, field = "智能制造", unitId = union,
            leaderMemberId = members[0].Id, memberIds = new[] { members[1].Id, members[2].Id },
        });
        Assert.True(res.StatusCode == HttpStatusCode.Created, await res.Content.ReadAsStringAsync());
        return ((await res.ReadJsonAsync<StudioDto>())!, members);
    }

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage r)
    {
        Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
    }

    private static async Task<HttpResponseMessage> StepAsync(HttpClient c, Guid id, StudioAction action, string? reason = null) =>
        await c.PostJsonAsync($"{Base}/studios/{id}/transitions", new { action, reason });

    /// <summary>A studio taken through every review; its publicity is moved into the past (the test cannot wait 5 working days).</summary>
    private async Task<StudioDto> RecognisedAsync(StudioLevel level = StudioLevel.Municipal)
    {
        var (s, _) = await AppliedAsync(level);
        var dc = await app.ClientAsync("dongcheng");
        var admin = await app.ClientAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(dc, s.Id, StudioAction.UnitApprove)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(dc, s.Id, StudioAction.DistrictApprove)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(admin, s.Id, StudioAction.FederationApprove)).StatusCode);
        await EndPublicityAsync(s.Id);
        var done = await StepAsync(admin, s.Id, StudioAction.Recognise);
        Assert.True(done.StatusCode == HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
        return (await done.ReadJsonAsync<StudioDto>())!;
    }

    private Task EndPublicityAsync(Guid id) => app.WithDbAsync(db =>
        db.Set<InnovationStudio>().Where(x => x.Id == id).ExecuteUpdateAsync(x => x.SetProperty(s => s.PublicityEndsOn, Today.AddDays(-1))));

    [Fact]
    public async Task A_studio_goes_through_unit_district_federation_review_and_publicity_to_recognition()
    {
        var (s, members) = await AppliedAsync();
        Assert.Equal(StudioStatus.Applied, s.Status);
        Assert.Equal(3, s.TeamSize);
        Assert.Equal("110101", s.DistrictCode);
        var dc = await app.ClientAsync("dongcheng");
        var admin = await app.ClientAsync("admin");
        var xc = await app.ClientAsync("xicheng");

        // Out of scope: 404, never 403.
        Assert.Equal(HttpStatusCode.NotFound, (await xc.GetAsync($"{Base}/studios/{s.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await StepAsync(xc, s.Id, StudioAction.UnitApprove)).StatusCode);
        // Out of order, and a district may not take the federation's step.
        var early = await StepAsync(dc, s.Id, StudioAction.FederationApprove);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("workflow.illegalTransition", await early.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(dc, s.Id, StudioAction.UnitApprove)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(dc, s.Id, StudioAction.DistrictApprove)).StatusCode);
        var level = await StepAsync(dc, s.Id, StudioAction.FederationApprove);
        Assert.Equal(HttpStatusCode.Conflict, level.StatusCode);
        Assert.Contains("workflow.levelNotAllowed", await level.Content.ReadAsStringAsync());

        var published = await StepAsync(admin, s.Id, StudioAction.FederationApprove);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var inPublicity = (await published.ReadJsonAsync<StudioDto>())!;
        Assert.Equal(StudioStatus.InPublicity, inPublicity.Status);
        // Five working days of the platform calendar: at least a week of calendar days minus a weekend, at most a fortnight with a holiday.
        Assert.InRange(inPublicity.PublicityEndsOn!.Value.DayNumber - Today.DayNumber, 5, 14);
        var running = await StepAsync(admin, s.Id, StudioAction.Recognise);
        Assert.Equal(HttpStatusCode.Conflict, running.StatusCode);
        Assert.Contains(inPublicity.PublicityEndsOn.Value.ToString("yyyy-MM-dd"), await running.Content.ReadAsStringAsync());

        await EndPublicityAsync(s.Id);
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(admin, s.Id, StudioAction.Recognise)).StatusCode);
        var detail = (await dc.GetJsonAsync<StudioDetailDto>($"{Base}/studios/{s.Id}"))!;
        Assert.Equal(StudioStatus.Recognised, detail.Studio.Status);
        Assert.Equal(Today, detail.Studio.RecognisedOn);
        Assert.Equal([null, StudioAction.UnitApprove, StudioAction.DistrictApprove, StudioAction.FederationApprove, StudioAction.Recognise],
            detail.History.Select(h => h.Action));
        Assert.Equal(members.Select(m => m.Id).Order(), detail.Team.Select(m => m.MemberId).Order());
        Assert.True(Assert.Single(detail.Team, m => m.IsLeader).MemberId == members[0].Id);
        Assert.Empty(detail.Actions); // a district cannot revoke

        // Revocation needs a reason (400 naming it), then is recorded with it.
        var noReason = await StepAsync(admin, s.Id, StudioAction.Revoke, " ");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("\"reason\"", await noReason.Content.ReadAsStringAsync());
        var revoked = await StepAsync(admin, s.Id, StudioAction.Revoke, "连续两年年度考核不合格");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal("连续两年年度考核不合格", (await revoked.ReadJsonAsync<StudioDto>())!.Reason);
    }

    [Fact]
    public async Task An_application_with_bad_fields_is_a_400_naming_each_and_writes_nothing()
    {
        var dc = await app.ClientAsync("dongcheng");
        var before = await app.WithDbAsync(db => db.Set<InnovationStudio>().CountAsync());
        var res = await dc.PostJsonAsync($"{Base}/studios", new { name = "x", field = "", unitId = Guid.NewGuid(), leaderMemberId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var body = await res.Content.ReadAsStringAsync();
        foreach (var f in new[] { "name", "kind", "level", "field", "unitId", "leaderMemberId" }) Assert.Contains($"\"{f}\"", body);
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<InnovationStudio>().CountAsync()));
        // A Xicheng unit is outside Dongcheng's scope.
        var xcUnit = await app.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Path == "/BJ/XC/").Select(u => u.Id).SingleAsync());
        var (_, members) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 1);
        var outside = await dc.PostJsonAsync($"{Base}/studios", new { name = "越界工作室", kind = "Worker", level = "District", field = "信息技术", unitId = xcUnit, leaderMemberId = members[0].Id });
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Contains("\"unitId\"", await outside.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Annual_reviews_are_recorded_once_a_year_for_recognised_studios()
    {
        var s = await RecognisedAsync();
        var dc = await app.ClientAsync("dongcheng");
        var url = $"{Base}/studios/{s.Id}/reviews";
        var ok = await dc.PostJsonAsync(url, new { year = Today.Year, patents = 3, projects = 2, trainees = 45, economicBenefitFen = 1_250_000_00L });
        Assert.True(ok.StatusCode == HttpStatusCode.Created, await ok.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await dc.PostJsonAsync(url, new { year = Today.Year, patents = 1, projects = 0, trainees = 0, economicBenefitFen = 0 })).StatusCode);
        var bad = await dc.PostJsonAsync(url, new { year = Today.Year + 1, patents = -1, projects = 0, trainees = 0, economicBenefitFen = -5 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var body = await bad.Content.ReadAsStringAsync();
        Assert.Contains("\"year\"", body);
        Assert.Contains("\"patents\"", body);
        Assert.Contains("\"economicBenefitFen\"", body);
        var detail = (await dc.GetJsonAsync<StudioDetailDto>($"{Base}/studios/{s.Id}"))!;
        var review = Assert.Single(detail.Reviews);
        Assert.Equal(1_250_000_00L, review.EconomicBenefitFen);

        var (applied, _) = await AppliedAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await dc.PostJsonAsync($"{Base}/studios/{applied.Id}/reviews",
            new { year = Today.Year, patents = 0, projects = 0, trainees = 0, economicBenefitFen = 0 })).StatusCode);
    }

    [Fact]
    public async Task Studios_walk_by_cursor_in_name_order_and_filter()
    {
        var s = await RecognisedAsync(StudioLevel.MunicipalModel);
        var dc = await app.ClientAsync("dongcheng");
        var all = await KeysetPaging.WalkAsync<StudioDto>(dc, $"{Base}/studios", x => x.Id,
            inOrder: (a, b) => string.CompareOrdinal(a.Name, b.Name) < 0 || (a.Name == b.Name && a.Id.CompareTo(b.Id) < 0));
        Assert.Contains(all, x => x.Id == s.Id);
        Assert.All(all, x => Assert.Equal("110101", x.DistrictCode));
        // The studio row carries its district (the district's list is an equality on it); the level filter walks the same rows.
        Assert.Equal("/BJ/DC/", await app.WithDbAsync(db => db.Set<InnovationStudio>().Where(x => x.Id == s.Id).Select(x => x.ScopeDistrict).SingleAsync()));
        var model = await KeysetPaging.WalkAsync<StudioDto>(dc, $"{Base}/studios?level=MunicipalModel", x => x.Id,
            inOrder: (a, b) => string.CompareOrdinal(a.Name, b.Name) < 0 || (a.Name == b.Name && a.Id.CompareTo(b.Id) < 0));
        Assert.Contains(model, x => x.Id == s.Id);
        Assert.Equal(all.Where(x => x.Level == StudioLevel.MunicipalModel).Select(x => x.Id).ToHashSet(), model.Select(x => x.Id).ToHashSet());
        Assert.Equal(await app.WithDbAsync(db => db.Set<InnovationStudio>().CountAsync(x => x.ScopePath.StartsWith("/BJ/DC/"))), all.Count);
        var filtered = (await dc.GetJsonAsync<Slice<StudioDto>>($"{Base}/studios?level=MunicipalModel&status=Recognised&q={Uri.EscapeDataString(s.Name)}"))!;
        Assert.Equal(s.Id, Assert.Single(filtered.Items).Id);
        Assert.DoesNotContain((await (await app.ClientAsync("xicheng")).GetJsonAsync<Slice<StudioDto>>($"{Base}/studios?limit=200"))!.Items, x => x.Id == s.Id);
        await KeysetPaging.BadInputIs400Async(dc, $"{Base}/studios");
    }

    [Fact]
    public async Task The_dashboard_counts_recognised_studios_by_district_and_level_against_the_targets()
    {
        var admin = await app.ClientAsync("admin");
        var before = (await admin.GetJsonAsync<StudioDashboard>($"{Base}/dashboard"))!;
        var s = await RecognisedAsync(StudioLevel.Municipal);
        var after = (await admin.GetJsonAsync<StudioDashboard>($"{Base}/dashboard"))!;
        Assert.Equal(before.Progress.Total.Current + 1, after.Progress.Total.Current);
        Assert.Equal(before.Progress.Municipal.Current + 1, after.Progress.Municipal.Current);
        Assert.Equal(before.ByLevel[StudioLevel.Municipal] + 1, after.ByLevel[StudioLevel.Municipal]);
        Assert.Equal(8001, after.Progress.Total.Target);
        Assert.Equal(901, after.Progress.Municipal.Target);
        Assert.Equal(after.Progress.Total.Current, after.Districts.Sum(d => d.Total));
        Assert.Equal(after.Progress.Total.Current, after.Trend[^1].Total);
        // The demo's 2020 studios are in the trend (recognised 2016–2020).
        var y2020 = (await admin.GetJsonAsync<StudioDashboard>($"{Base}/dashboard?year=2020"))!;
        Assert.True(y2020.Progress.Total.Current >= 1, "demo studios recognised by 2020");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"{Base}/dashboard?year=1800")).StatusCode);
        // A district sees its own subtree only.
        var dc = (await (await app.ClientAsync("dongcheng")).GetJsonAsync<StudioDashboard>($"{Base}/dashboard"))!;
        Assert.All(dc.Districts, d => Assert.Equal("110101", d.DistrictCode));
    }

    private static string NewPatentNumber(int year, char kind = '1')
    {
        var digits = $"{year}{kind}{Random.Shared.Next(1_000_000, 9_999_999)}";
        return "ZL" + digits + "." + PatentNumber_Check(digits);
    }

    private static char PatentNumber_Check(string digits) => Gonghui.Modules.Innovation.Rules.PatentNumber.CheckCharacter(digits);

    private async Task<(HttpClient Dc, Guid Member)> InventorAsync()
    {
        var (_, members) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 1);
        return (await app.ClientAsync("dongcheng"), members[0].Id);
    }

    [Fact]
    public async Task A_patent_award_is_checked_filed_once_approved_and_paid_through_the_innovation_fund()
    {
        var (dc, member) = await InventorAsync();
        var granted = new DateOnly(Today.Year, 1, 2);
        var number = NewPatentNumber(Today.Year - 1);
        object Claim(string n, bool frontLine = true) => new
        {
            patentNumber = n, title = "一种地铁信号故障诊断装置", grantedOn = granted, employer = "北京市地铁运营有限公司", memberId = member, frontLine, firstInventor = true,
        };

        // A wrong check digit: 400 naming the field, nothing written.
        var wrong = number[..^1] + (number[^1] == '1' ? '2' : '1');
        var bad = await dc.PostJsonAsync($"{Base}/patent-awards", Claim(wrong));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badBody = await bad.Content.ReadAsStringAsync();
        Assert.Contains("\"patentNumber\"", badBody);
        Assert.Contains("校验位", badBody);
        var notFrontLine = await dc.PostJsonAsync($"{Base}/patent-awards", Claim(number, frontLine: false));
        Assert.Equal(HttpStatusCode.BadRequest, notFrontLine.StatusCode);
        Assert.Contains("\"frontLine\"", await notFrontLine.Content.ReadAsStringAsync());

        var filed = await dc.PostJsonAsync($"{Base}/patent-awards", Claim(number));
        Assert.True(filed.StatusCode == HttpStatusCode.Created, await filed.Content.ReadAsStringAsync());
        var award = (await filed.ReadJsonAsync<PatentAwardDto>())!;
        Assert.Equal(3_000_00, award.AmountFen);
        Assert.Equal(number[2..], award.PatentNumber);
        Assert.Equal(AwardStatus.Submitted, award.Status);

        // The same patent again, written another way: 409 naming the first award.
        var again = await dc.PostJsonAsync($"{Base}/patent-awards", Claim(number[2..].Replace(".", "")));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("patent.alreadyAwarded", problem.GetProperty("code").GetString());
        Assert.Contains(award.Id.ToString(), problem.GetProperty("detail").GetString());
        Assert.Contains($"/innovation/patents/{award.Id}", problem.GetProperty("detail").GetString());

        var admin = await app.ClientAsync("admin");
        var root = await RootAsync();
        var before = await InScopeAsync<FundBalance>(sp => sp.GetRequiredService<FundLedger>().BalanceAsync(FundCodes.Innovation, root, Today.Year));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"{Base}/patent-awards/{award.Id}/pay", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientAsync("xicheng")).GetAsync($"{Base}/patent-awards/{award.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{Base}/patent-awards/{award.Id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"{Base}/patent-awards/{award.Id}/approve", null)).StatusCode);
        var pay = await (await app.ClientAsync("fundofficer")).PostAsync($"{Base}/patent-awards/{award.Id}/pay", null);
        Assert.True(pay.StatusCode == HttpStatusCode.OK, await pay.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"{Base}/patent-awards/{award.Id}/pay", null)).StatusCode);

        var detail = (await dc.GetJsonAsync<PatentAwardDetailDto>($"{Base}/patent-awards/{award.Id}"))!;
        Assert.Equal(AwardStatus.Paid, detail.Award.Status);
        Assert.Equal([EntryKind.Commitment, EntryKind.Payment], detail.LedgerEntries.Select(e => e.Kind));
        var after = await InScopeAsync<FundBalance>(sp => sp.GetRequiredService<FundLedger>().BalanceAsync(FundCodes.Innovation, root, Today.Year));
        Assert.Equal(before.Paid.Value + 3_000_00, after.Paid.Value);
        Assert.Equal(before.Committed.Value, after.Committed.Value);

        var list = (await dc.GetJsonAsync<Slice<PatentAwardDto>>($"{Base}/patent-awards?q={Uri.EscapeDataString(number)}"))!;
        Assert.Equal(award.Id, Assert.Single(list.Items).Id);
        await KeysetPaging.BadInputIs400Async(dc, $"{Base}/patent-awards");
    }

    [Fact]
    public async Task A_rejected_claim_frees_the_patent_number_for_a_corrected_claim()
    {
        var (dc, member) = await InventorAsync();
        var number = NewPatentNumber(Today.Year - 1);
        var body = new { patentNumber = number, title = "一种配电网在线监测方法", grantedOn = new DateOnly(Today.Year, 1, 2), employer = "国网北京电力", memberId = member, frontLine = true, firstInventor = true };
        var first = (await (await dc.PostJsonAsync($"{Base}/patent-awards", body)).ReadJsonAsync<PatentAwardDto>())!;
        var admin = await app.ClientAsync("admin");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostJsonAsync($"{Base}/patent-awards/{first.Id}/reject", new { reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync($"{Base}/patent-awards/{first.Id}/reject", new { reason = "专利权人信息有误" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await dc.PostJsonAsync($"{Base}/patent-awards", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await dc.PostJsonAsync($"{Base}/patent-awards", body)).StatusCode);
    }

    [Fact]
    public async Task Concurrent_claims_for_one_patent_give_one_award()
    {
        var (dc, member) = await InventorAsync();
        var number = NewPatentNumber(Today.Year - 1);
        var body = new { patentNumber = number, title = "一种盾构施工快速检修工装", grantedOn = new DateOnly(Today.Year, 1, 2), employer = "北京城建集团", memberId = member, frontLine = true, firstInventor = true };
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => dc.PostJsonAsync($"{Base}/patent-awards", body)));
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var canonical = number[2..];
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<PatentAward>().CountAsync(a => a.PatentNumber == canonical)));
    }

    [Fact]
    public async Task A_project_is_scored_by_experts_approved_by_level_and_paid_by_a_second_person()
    {
        var s = await RecognisedAsync(StudioLevel.MunicipalModel);
        var dc = await app.ClientAsync("dongcheng");
        var admin = await app.ClientAsync("admin");
        var year = Today.Year;
        var submitted = await dc.PostJsonAsync($"{Base}/projects", new { studioId = s.Id, title = "地铁信号智能巡检系统研发", summary = "攻关项目", year });
        Assert.True(submitted.StatusCode == HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var p = (await submitted.ReadJsonAsync<ProjectDto>())!;

        Assert.Equal(HttpStatusCode.BadRequest, (await dc.PostJsonAsync($"{Base}/projects/{p.Id}/scores", new { score = 101 })).StatusCode);
        // A grassroots account is no expert (and this project is not in its subtree): refused, not 403.
        var grassroots = await (await app.ClientAsync("dc-grassroots")).PostJsonAsync($"{Base}/projects/{p.Id}/scores", new { score = 90 });
        Assert.Contains(grassroots.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.NotFound });
        Assert.Equal(HttpStatusCode.OK, (await dc.PostJsonAsync($"{Base}/projects/{p.Id}/scores", new { score = 80, comment = "创新性强" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await dc.PostJsonAsync($"{Base}/projects/{p.Id}/scores", new { score = 70 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync($"{Base}/projects/{p.Id}/scores", new { score = 71 })).StatusCode);
        var tooFew = await admin.PostAsync($"{Base}/projects/{p.Id}/approve", null);
        Assert.Equal(HttpStatusCode.Conflict, tooFew.StatusCode);
        Assert.Contains("project.tooFewScores", await tooFew.Content.ReadAsStringAsync());
        var third = await (await app.ClientAsync("xicheng")).PostJsonAsync($"{Base}/projects/{p.Id}/scores", new { score = 71 });
        Assert.Equal(HttpStatusCode.NotFound, third.StatusCode); // out of Xicheng's scope
        await app.WithDbAsync(async db =>
        {
            var project = await db.Set<InnovationProject>().SingleAsync(x => x.Id == p.Id);
            db.Add(ProjectScore.Of(p.Id, "外聘专家", 71, null, DateTimeOffset.UtcNow));
            project.Scored(3, AwardRules.MeanTenths([80, 71, 71]));
            return await db.SaveChangesAsync();
        });

        var approved = await admin.PostAsync($"{Base}/projects/{p.Id}/approve", null);
        Assert.True(approved.StatusCode == HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        var a = (await approved.ReadJsonAsync<ProjectDto>())!;
        Assert.Equal(100_000_00, a.AmountFen);
        Assert.Equal(74.0m, a.MeanScore);
        // 100,000 yuan is above the second-approver threshold: the approver may not pay it.
        var same = await admin.PostAsync($"{Base}/projects/{p.Id}/pay", null);
        Assert.Equal(HttpStatusCode.Conflict, same.StatusCode);
        Assert.Contains("payment.secondApproverRequired", await same.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientAsync("fundofficer")).PostAsync($"{Base}/projects/{p.Id}/pay", null)).StatusCode);
        var detail = (await dc.GetJsonAsync<ProjectDetailDto>($"{Base}/projects/{p.Id}"))!;
        Assert.Equal(AwardStatus.Paid, detail.Project.Status);
        Assert.Equal(3, detail.Scores.Count);
        Assert.Equal([EntryKind.Commitment, EntryKind.Payment], detail.LedgerEntries.Select(e => e.Kind));
        await KeysetPaging.BadInputIs400Async(dc, $"{Base}/projects");

        // A grassroots-level studio's projects are not funded.
        var g = await RecognisedAsync(StudioLevel.Grassroots);
        var refused = await dc.PostJsonAsync($"{Base}/projects", new { studioId = g.Id, title = "基层项目", year });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("\"studioId\"", await refused.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// The year's budget holds under 50 concurrent approvals: 50 scored projects of municipal studios (50,000 yuan each) against
    /// a budget of 500,000 yuan; exactly ten are approved, forty are refused with award.budgetExceeded, nothing is overspent.
    /// </summary>
    [Fact]
    public async Task Fifty_concurrent_approvals_never_overspend_the_years_budget()
    {
        const int year = 2023;
        var root = await RootAsync();
        var unit = await DongchengAsync();
        var admin = await app.ClientAsync("admin");
        var (_, members) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 1);
        var ids = await app.WithDbAsync(async db =>
        {
            var list = new List<Guid>();
            for (var i = 0; i < 50; i++)
            {
                var s = InnovationStudio.Apply($"并发测试工作室{i:00}", StudioKind.Worker, StudioLevel.Municipal, "新材料", unit.Id, unit.Path, unit.DistrictCode, null, null,
                    members[0].Id, members[0].Name, 1, DateTimeOffset.UtcNow, "test");
                s.Apply(StudioAction.Recognise, StudioStatus.Recognised, new DateOnly(year, 3, 1), null, null, DateTimeOffset.UtcNow);
                var p = InnovationProject.Submit(s.Id, s.Name, s.Level, s.ScopePath, year, $"并发项目{i:00}", "", DateTimeOffset.UtcNow, "test");
                p.Scored(3, 800);
                db.Add(s);
                db.Add(p);
                foreach (var e in new[] { "e1", "e2", "e3" }) db.Add(ProjectScore.Of(p.Id, e, 80, null, DateTimeOffset.UtcNow));
                list.Add(p.Id);
            }
            await db.SaveChangesAsync();
            return list;
        });
        var budget = await InScopeAsync<Gonghui.Platform.Http.Outcome<Guid>>(sp => sp.GetRequiredService<FundLedger>()
            .AllocateBudgetAsync(FundCodes.Innovation, root, year, new Fen(500_000_00), $"test:innovation:{Guid.NewGuid()}"));
        Assert.True(budget.IsOk);
        var before = await InScopeAsync<FundBalance>(sp => sp.GetRequiredService<FundLedger>().BalanceAsync(FundCodes.Innovation, root, year));

        var results = await Task.WhenAll(ids.Select(async id =>
        {
            var r = await admin.PostAsync($"{Base}/projects/{id}/approve", null);
            return (r.StatusCode, Body: await r.Content.ReadAsStringAsync());
        }));
        var approved = before.Available.Value / 50_000_00;
        Assert.Equal(10, approved);
        Assert.Equal(10, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.OK), r =>
        {
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
            Assert.Contains("award.budgetExceeded", r.Body);
        });
        var after = await InScopeAsync<FundBalance>(sp => sp.GetRequiredService<FundLedger>().BalanceAsync(FundCodes.Innovation, root, year));
        Assert.True(after.Available.Value >= 0, $"overspent: {after}");
        Assert.Equal(before.Committed.Value + approved * 50_000_00, after.Committed.Value);
        Assert.Equal(approved, await app.WithDbAsync(db => db.Set<InnovationProject>().CountAsync(p => ids.Contains(p.Id) && p.Status == AwardStatus.Approved)));
        Assert.Equal(approved, await app.WithDbAsync(db => db.Set<InnovationProject>().CountAsync(p => ids.Contains(p.Id) && p.CommitEntryId != null)));
    }

    private async Task<Guid> RecognisedStudioAsync(string districtPath, string field)
    {
        var (_, members) = await FundsTestData.GrassrootsWithMembersAsync(app, districtPath, 1);
        return await app.WithDbAsync(async db =>
        {
            var unit = await db.Set<OrgUnit>().AsNoTracking().SingleAsync(u => u.Path == districtPath);
            var s = InnovationStudio.Apply("联盟测试工作室" + Guid.NewGuid().ToString("N")[..6], StudioKind.Worker, StudioLevel.District, field, unit.Id, unit.Path,
                unit.DistrictCode, null, null, members[0].Id, members[0].Name, 1, DateTimeOffset.UtcNow, "test");
            s.Apply(StudioAction.Recognise, StudioStatus.Recognised, new DateOnly(2020, 5, 1), null, null, DateTimeOffset.UtcNow);
            db.Add(s);
            await db.SaveChangesAsync();
            return s.Id;
        });
    }

    [Fact]
    public async Task A_cross_region_alliance_is_formed_joined_from_another_district_and_spans_two()
    {
        var dcStudio = await RecognisedStudioAsync("/BJ/DC/", "轨道交通");
        var xcStudio = await RecognisedStudioAsync("/BJ/XC/", "轨道交通");
        var dc = await app.ClientAsync("dongcheng");
        var xc = await app.ClientAsync("xicheng");

        var bad = await dc.PostJsonAsync($"{Base}/alliances", new { name = "x", kind = "CrossRegion", leadStudioId = xcStudio });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badBody = await bad.Content.ReadAsStringAsync();
        Assert.Contains("\"name\"", badBody);
        Assert.Contains("\"leadStudioId\"", badBody); // a Xicheng studio is not Dongcheng's to lead with

        var created = await dc.PostJsonAsync($"{Base}/alliances", new { name = "东西城轨道交通创新联盟", kind = "CrossRegion", leadStudioId = dcStudio });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var a = (await created.ReadJsonAsync<AllianceDto>())!;
        var alone = (await dc.GetJsonAsync<AllianceDetailDto>($"{Base}/alliances/{a.Id}"))!;
        Assert.False(alone.Span.SpansItsKind);

        var joined = await xc.PostJsonAsync($"{Base}/alliances/{a.Id}/members", new { studioId = xcStudio });
        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        var detail = (await joined.ReadJsonAsync<AllianceDetailDto>())!;
        Assert.Equal(2, detail.Members.Count);
        Assert.True(detail.Span.SpansItsKind);
        Assert.Equal(2, detail.Span.Districts);
        Assert.True(Assert.Single(detail.Members, m => m.IsLead).StudioId == dcStudio);
        Assert.Equal(HttpStatusCode.Conflict, (await xc.PostJsonAsync($"{Base}/alliances/{a.Id}/members", new { studioId = xcStudio })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await xc.PostJsonAsync($"{Base}/alliances/{Guid.NewGuid()}/members", new { studioId = xcStudio })).StatusCode);
        var list = await KeysetPaging.WalkAsync<AllianceDto>(xc, $"{Base}/alliances", x => x.Id,
            inOrder: (p, q) => string.CompareOrdinal(p.Name, q.Name) < 0 || (p.Name == q.Name && p.Id.CompareTo(q.Id) < 0));
        Assert.Contains(list, x => x.Id == a.Id);
        await KeysetPaging.BadInputIs400Async(xc, $"{Base}/alliances");
    }

    [Fact]
    public async Task A_shared_project_is_led_by_a_member_studio_joined_by_another_and_moves_through_its_statuses()
    {
        var dcStudio = await RecognisedStudioAsync("/BJ/DC/", "智能建造");
        var dcOutsider = await RecognisedStudioAsync("/BJ/DC/", "智能建造");
        var xcStudio = await RecognisedStudioAsync("/BJ/XC/", "智能建造");
        var dc = await app.ClientAsync("dongcheng");
        var xc = await app.ClientAsync("xicheng");
        var a = (await (await dc.PostJsonAsync($"{Base}/alliances", new { name = "共享项目测试联盟" + Guid.NewGuid().ToString("N")[..4], kind = "CrossRegion", leadStudioId = dcStudio }))
            .ReadJsonAsync<AllianceDto>())!;
        Assert.Equal(HttpStatusCode.OK, (await xc.PostJsonAsync($"{Base}/alliances/{a.Id}/members", new { studioId = xcStudio })).StatusCode);

        var bad = await ErrorsAsync(await dc.PostJsonAsync($"{Base}/alliances/{a.Id}/projects", new { title = "x", leadStudioId = xcStudio, contribution = "" }));
        foreach (var f in new[] { "title", "leadStudioId", "contribution" }) Assert.True(bad.TryGetProperty(f, out _), f + ": " + bad);
        var notMember = await ErrorsAsync(await dc.PostJsonAsync($"{Base}/alliances/{a.Id}/projects", new { title = "装配式桥梁快速施工", leadStudioId = dcOutsider, contribution = "提供工艺" }));
        Assert.True(notMember.TryGetProperty("leadStudioId", out _), notMember.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await dc.PostJsonAsync($"{Base}/alliances/{Guid.NewGuid()}/projects", new { title = "装配式桥梁快速施工", leadStudioId = dcStudio, contribution = "提供工艺" })).StatusCode);

        var created = await dc.PostJsonAsync($"{Base}/alliances/{a.Id}/projects", new { title = "装配式桥梁快速施工", summary = "两区联合攻关", leadStudioId = dcStudio, contribution = "提供预制拼装工艺和试验段" });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var p = (await created.ReadJsonAsync<SharedProjectView>())!;
        Assert.Equal(SharedProjectStatus.Planned, p.Status);
        Assert.True(Assert.Single(p.Studios).IsLead);
        var purl = $"{Base}/alliance-projects/{p.Id}";
        Assert.Equal("shared.needsPartners", await CodeAsync(await dc.PostJsonAsync($"{purl}/status", new { status = "Active" })));

        Assert.True((await ErrorsAsync(await dc.PostJsonAsync($"{purl}/studios", new { studioId = dcOutsider, contribution = "提供设备" }))).TryGetProperty("studioId", out _));
        Assert.True((await ErrorsAsync(await xc.PostJsonAsync($"{purl}/studios", new { studioId = xcStudio, contribution = "" }))).TryGetProperty("contribution", out _));
        var joined = await xc.PostJsonAsync($"{purl}/studios", new { studioId = xcStudio, contribution = "提供BIM模型与检测设备" });
        Assert.True(joined.StatusCode == HttpStatusCode.OK, await joined.Content.ReadAsStringAsync());
        Assert.Equal(2, (await joined.ReadJsonAsync<SharedProjectView>())!.Studios.Count);
        Assert.Equal("shared.alreadyIn", await CodeAsync(await xc.PostJsonAsync($"{purl}/studios", new { studioId = xcStudio, contribution = "再次参与" })));

        Assert.Equal("shared.leadOnly", await CodeAsync(await xc.PostJsonAsync($"{purl}/status", new { status = "Active" })));
        Assert.True((await ErrorsAsync(await dc.PostJsonAsync($"{purl}/status", new { }))).TryGetProperty("status", out _));
        Assert.Equal(SharedProjectStatus.Active, (await (await dc.PostJsonAsync($"{purl}/status", new { status = "Active" })).ReadJsonAsync<SharedProjectView>())!.Status);
        Assert.Equal("shared.illegalTransition", await CodeAsync(await dc.PostJsonAsync($"{purl}/status", new { status = "Planned" })));
        Assert.Equal(SharedProjectStatus.Completed, (await (await dc.PostJsonAsync($"{purl}/status", new { status = "Completed" })).ReadJsonAsync<SharedProjectView>())!.Status);
        Assert.Equal("shared.illegalTransition", await CodeAsync(await dc.PostJsonAsync($"{purl}/status", new { status = "Active" })));

        var detail = (await xc.GetJsonAsync<AllianceDetailDto>($"{Base}/alliances/{a.Id}"))!;
        var shown = Assert.Single(detail.Projects);
        Assert.Equal([dcStudio, xcStudio], shown.Studios.Select(s => s.StudioId).ToArray());
        Assert.Equal(HttpStatusCode.NotFound, (await xc.GetAsync($"{Base}/alliance-projects/{Guid.NewGuid()}")).StatusCode);
        var page = await dc.GetStringAsync($"/innovation/alliances/{a.Id}");
        Assert.Contains("装配式桥梁快速施工", page);
        Assert.Contains("提供BIM模型与检测设备", page);
        Assert.Contains("已完成", page);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage r)
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.Conflict, $"{(int)r.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("code").GetString();
    }

    [Fact]
    public async Task A_firm_posts_a_problem_studios_offer_once_and_a_closed_need_takes_no_more()
    {
        var s1 = await RecognisedStudioAsync("/BJ/DC/", "新材料");
        var dc = await app.ClientAsync("dongcheng");
        var bad = await dc.PostJsonAsync($"{Base}/needs", new { enterprise = "", title = "t", problem = "短" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var posted = await dc.PostJsonAsync($"{Base}/needs", new { enterprise = "北京某新材料公司", title = "复合材料层间开裂", problem = "热压成型后层间开裂率高达5%,需要工艺改进方案。" });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var need = (await posted.ReadJsonAsync<NeedDto>())!;
        Assert.Equal(NeedStatus.Open, need.Status);
        var offered = await dc.PostJsonAsync($"{Base}/needs/{need.Id}/offers", new { studioId = s1, note = "我们有热压工艺改进经验" });
        Assert.Equal(HttpStatusCode.OK, offered.StatusCode);
        var d = (await offered.ReadJsonAsync<NeedDetailDto>())!;
        Assert.Equal(NeedStatus.Matched, d.Need.Status);
        Assert.Equal(s1, Assert.Single(d.Offers).StudioId);
        Assert.Equal(HttpStatusCode.Conflict, (await dc.PostJsonAsync($"{Base}/needs/{need.Id}/offers", new { studioId = s1 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dc.PostAsync($"{Base}/needs/{need.Id}/close", null)).StatusCode);
        var s2 = await RecognisedStudioAsync("/BJ/DC/", "新材料");
        var late = await dc.PostJsonAsync($"{Base}/needs/{need.Id}/offers", new { studioId = s2 });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("need.closed", await late.Content.ReadAsStringAsync());
        var open = (await dc.GetJsonAsync<Slice<NeedDto>>($"{Base}/needs?status=Closed&limit=200"))!;
        Assert.Contains(open.Items, n => n.Id == need.Id);
        await KeysetPaging.BadInputIs400Async(dc, $"{Base}/needs");
    }

    [Fact]
    public async Task Members_enrol_in_a_course_attend_and_earn_a_certificate_and_their_record_shows_it()
    {
        var (_, members) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 3);
        var dc = await app.ClientAsync("dongcheng");
        var inst = await dc.PostJsonAsync($"{Base}/training/institutions", new { name = "北京工业技师学院" + Guid.NewGuid().ToString("N")[..4], kind = "College", demonstrationPoint = true, districtCode = "110101" });
        Assert.Equal(HttpStatusCode.Created, inst.StatusCode);
        var i = (await inst.ReadJsonAsync<InstitutionDto>())!;
        var badCourse = await dc.PostJsonAsync($"{Base}/training/courses", new { institutionId = i.Id, title = "", startsOn = Today, endsOn = Today.AddDays(-1), hours = 0, capacity = 2 });
        Assert.Equal(HttpStatusCode.BadRequest, badCourse.StatusCode);
        var badBody = await badCourse.Content.ReadAsStringAsync();
        foreach (var f in new[] { "title", "endsOn", "hours" }) Assert.Contains($"\"{f}\"", badBody);
        var created = await dc.PostJsonAsync($"{Base}/training/courses", new { institutionId = i.Id, title = "数控加工技能提升班", startsOn = Today, endsOn = Today.AddDays(30), hours = 40, capacity = 2 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var course = (await created.ReadJsonAsync<CourseDto>())!;

        var e1 = await dc.PostJsonAsync($"{Base}/training/courses/{course.Id}/enrolments", new { memberId = members[0].Id });
        Assert.Equal(HttpStatusCode.OK, e1.StatusCode);
        var enrolment = (await e1.ReadJsonAsync<EnrolmentDto>())!;
        Assert.Equal(HttpStatusCode.Conflict, (await dc.PostJsonAsync($"{Base}/training/courses/{course.Id}/enrolments", new { memberId = members[0].Id })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dc.PostJsonAsync($"{Base}/training/courses/{course.Id}/enrolments", new { memberId = members[1].Id })).StatusCode);
        var full = await dc.PostJsonAsync($"{Base}/training/courses/{course.Id}/enrolments", new { memberId = members[2].Id });
        Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);
        Assert.Contains("enrolment.full", await full.Content.ReadAsStringAsync());
        // Xicheng cannot enrol a Dongcheng member (400 naming memberId) nor touch the enrolment (404).
        var xc = await app.ClientAsync("xicheng");
        Assert.Equal(HttpStatusCode.BadRequest, (await xc.PostJsonAsync($"{Base}/training/courses/{course.Id}/enrolments", new { memberId = members[2].Id })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await xc.PostJsonAsync($"{Base}/training/enrolments/{enrolment.Id}/attendance", new { hours = 8 })).StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await dc.PostJsonAsync($"{Base}/training/enrolments/{enrolment.Id}/attendance", new { hours = 25 })).StatusCode);
        for (var d = 0; d < 3; d++) Assert.Equal(HttpStatusCode.OK, (await dc.PostJsonAsync($"{Base}/training/enrolments/{enrolment.Id}/attendance", new { hours = 8 })).StatusCode);
        var low = await dc.PostAsync($"{Base}/training/enrolments/{enrolment.Id}/complete", null);
        Assert.Equal(HttpStatusCode.Conflict, low.StatusCode);
        Assert.Contains("60%", await low.Content.ReadAsStringAsync()); // 24 of 40 hours
        Assert.Equal(HttpStatusCode.OK, (await dc.PostJsonAsync($"{Base}/training/enrolments/{enrolment.Id}/attendance", new { hours = 8 })).StatusCode);
        var done = await dc.PostAsync($"{Base}/training/enrolments/{enrolment.Id}/complete", null);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var completed = (await done.ReadJsonAsync<EnrolmentDto>())!;
        Assert.Equal(EnrolmentStatus.Completed, completed.Status);
        Assert.StartsWith($"PX{Today.Year}", completed.CertificateNo);

        var record = (await dc.GetJsonAsync<List<EnrolmentDto>>($"{Base}/training/members/{members[0].Id}"))!;
        Assert.Equal(completed.CertificateNo, Assert.Single(record).CertificateNo);
        Assert.Equal(HttpStatusCode.NotFound, (await xc.GetAsync($"{Base}/training/members/{members[0].Id}")).StatusCode);
        var institutions = (await dc.GetJsonAsync<InstitutionsDto>($"{Base}/training/institutions?limit=200"))!;
        Assert.True(institutions.DemonstrationPoints >= 1);
        Assert.Equal(100, institutions.DemonstrationPointsTarget);
        await KeysetPaging.BadInputIs400Async(dc, $"{Base}/training/courses");
    }

    [Fact]
    public async Task A_worker_sees_their_studio_patent_and_training_enrols_and_prints_their_certificate_nobody_elses()
    {
        // The demo puts the account "worker" in the first studio's team, makes them first inventor of its first patent award and
        // gives them a completed course (36 of 40 hours) with a certificate; three courses are still to come.
        var worker = await app.ClientAsync("worker");
        var me = JsonDocument.Parse(await worker.GetStringAsync($"{Base}/me")).RootElement;
        Assert.True(me.GetProperty("isMember").GetBoolean());
        var studio = me.GetProperty("studios").EnumerateArray().First();
        Assert.True(studio.GetProperty("team").GetArrayLength() >= 2);
        Assert.NotEmpty(me.GetProperty("patents").EnumerateArray());
        var done = me.GetProperty("enrolments").EnumerateArray().Single(e => e.GetProperty("certificateNo").ValueKind == JsonValueKind.String);
        Assert.Equal(90, done.GetProperty("attendancePercent").GetInt32());
        var enrolment = done.GetProperty("id").GetGuid();

        var pdf = await worker.GetAsync($"{Base}/me/enrolments/{enrolment}/certificate.pdf");
        Assert.True(pdf.StatusCode == HttpStatusCode.OK, await pdf.Content.ReadAsStringAsync());
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.Latin1.GetString(await pdf.Content.ReadAsByteArrayAsync()));

        // Enrols themselves in an open course once; a second time is a 409.
        var course = me.GetProperty("courses").EnumerateArray().First(c => !c.GetProperty("enrolled").GetBoolean() && c.GetProperty("seatsLeft").GetInt32() > 0);
        var courseId = course.GetProperty("id").GetGuid();
        var enrolled = await worker.PostJsonAsync($"{Base}/me/enrolments", new { courseId });
        Assert.True(enrolled.StatusCode == HttpStatusCode.Created, await enrolled.Content.ReadAsStringAsync());
        var again = await worker.PostJsonAsync($"{Base}/me/enrolments", new { courseId });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("enrolment.already", await again.Content.ReadAsStringAsync());
        Assert.True((await ErrorsAsync(await worker.PostJsonAsync($"{Base}/me/enrolments", new { }))).TryGetProperty("courseId", out _));
        me = JsonDocument.Parse(await worker.GetStringAsync($"{Base}/me")).RootElement;
        var fresh = me.GetProperty("enrolments").EnumerateArray().Single(e => e.GetProperty("courseId").GetGuid() == courseId);
        // Not completed yet: no certificate for the staff to print either (409), and none for the worker.
        var admin = await app.ClientAsync("admin");
        var notEarned = await admin.GetAsync($"{Base}/training/enrolments/{fresh.GetProperty("id").GetGuid()}/certificate.pdf");
        Assert.Equal(HttpStatusCode.Conflict, notEarned.StatusCode);
        Assert.Contains("certificate.notEarned", await notEarned.Content.ReadAsStringAsync());

        // Staff have no "me"; the worker has no staff routes; another member's enrolment is nobody's "mine"; anonymous is 401.
        var dc = await app.ClientAsync("dongcheng");
        Assert.Equal(HttpStatusCode.Forbidden, (await dc.GetAsync($"{Base}/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dc.GetAsync($"{Base}/me/enrolments/{enrolment}/certificate.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync($"{Base}/training/enrolments/{enrolment}/certificate.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"{Base}/me/enrolments/{enrolment}/certificate.pdf")).StatusCode);
        var (_, members) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 1);
        var other = await dc.PostJsonAsync($"{Base}/training/courses/{courseId}/enrolments", new { memberId = members[0].Id });
        Assert.True(other.StatusCode == HttpStatusCode.OK, await other.Content.ReadAsStringAsync());
        var otherId = JsonDocument.Parse(await other.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"{Base}/me/enrolments/{otherId}/certificate.pdf")).StatusCode);
        // Out of the district's subtree: the worker's demo enrolment for a district that is not theirs.
        var xc = await app.ClientAsync("xicheng");
        var scope = await app.WithDbAsync(db => db.Set<TrainingEnrolment>().Where(e => e.Id == otherId).Select(e => e.ScopePath).SingleAsync());
        Assert.StartsWith("/BJ/DC/", scope);
        Assert.Equal(HttpStatusCode.NotFound, (await xc.GetAsync($"{Base}/training/enrolments/{otherId}/certificate.pdf")).StatusCode);
    }

    [Fact]
    public void Certificate_codes_match_their_number_and_holder_only()
    {
        var codes = new Gonghui.Platform.Printing.CertificateCodes(new byte[32]);
        var code = codes.CodeOf("PX2020ABCDEF1234", "张三");
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", code);
        Assert.True(codes.Matches("PX2020ABCDEF1234", "张三", code.ToLowerInvariant().Replace("-", " ")));
        Assert.False(codes.Matches("PX2020ABCDEF1235", "张三", code));
        Assert.False(codes.Matches("PX2020ABCDEF1234", "李四", code));
        Assert.False(codes.Matches("PX2020ABCDEF1234", "张三", null));
        Assert.NotEqual(code, new Gonghui.Platform.Printing.CertificateCodes(Enumerable.Repeat((byte)1, 32).ToArray()).CodeOf("PX2020ABCDEF1234", "张三"));
    }
}

public sealed class InnovationApiTests_Sqlite(SqliteApp app) : InnovationApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class InnovationApiTests_Postgres(PostgresApp app) : InnovationApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
