using System.Net;
using System.Text.Json;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Modules.Skills;
using Gonghui.Modules.Skills.Contests;
using Gonghui.Modules.Skills.Rules;
using Gonghui.Platform.Identity;
using Gonghui.Tests.Infrastructure;
using Gonghui.Tests.MutualAid;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Tests.Skills;

/// <summary>A contest over HTTP on each provider: scheme, registration with its checks, the draw, judges' marks with conflicts and
/// the 0–3 scale, spreads to resolve, the sign-off lock, appeals, publication and results; bad input answers 4xx and writes nothing.</summary>
public abstract class SkillsApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private const string Base = "/api/v1/skills";

    private sealed record Setup(HttpClient Admin, HttpClient Dc, ContestDto Contest, TradeDto Trade, List<FundsTestData.TestMember> Union1, Guid Union1Id,
        List<FundsTestData.TestMember> Union2, Guid Union2Id);

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage r)
    {
        Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        return (await BodyAsync(r)).GetProperty("errors");
    }

    private static async Task<string> ConflictCodeAsync(HttpResponseMessage r)
    {
        Assert.True(r.StatusCode == HttpStatusCode.Conflict, $"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        return (await BodyAsync(r)).GetProperty("code").GetString()!;
    }

    private async Task<Setup> SetupAsync(int appealHours, string leniency = "None")
    {
        var admin = await app.ClientAsync("admin");
        var c = await admin.PostJsonAsync($"{Base}/contests", new
        {
            code = "T-" + Guid.NewGuid().ToString("N")[..10], year = 2020, name = "测试技协杯", startsOn = new DateOnly(2020, 9, 15), membersOnly = true,
            minAge = 18, maxAge = 60, leniency, tieRule = "JudgementFirst", drawSeed = 42, appealHours,
        });
        Assert.True(c.StatusCode == HttpStatusCode.Created, await c.Content.ReadAsStringAsync());
        var contest = (await c.ReadJsonAsync<ContestDto>())!;
        var t = await admin.PostJsonAsync($"{Base}/contests/{contest.Id}/trades", new
        {
            code = "T01", name = "车工", quotaPerUnit = 2, stations = 2, titlePlaces = 1,
            aspects = new object[]
            {
                new { code = "M1", name = "尺寸精度", kind = "Measurement", maxMark = 60 },
                new { code = "J1", name = "工艺", kind = "Judgement", maxMark = 20 },
                new { code = "J2", name = "素养", kind = "Judgement", maxMark = 20 },
            },
        });
        Assert.True(t.StatusCode == HttpStatusCode.Created, await t.Content.ReadAsStringAsync());
        var (u1, m1) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 3);
        var (u2, m2) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 1);
        return new Setup(admin, await app.ClientAsync("dongcheng"), contest, (await t.ReadJsonAsync<TradeDto>())!, m1, u1, m2, u2);
    }

    private async Task<Guid> DistrictAsync(string path) => await app.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Path == path).Select(u => u.Id).SingleAsync());

    /// <summary>Three competitors entered and drawn; judges A (the demo account "judge"), B, C and D (from union 1: conflicted with two competitors).</summary>
    private async Task<(Setup S, TradeDto Trade, Dictionary<string, Guid> Judges)> DrawnAsync(int appealHours, string leniency = "None")
    {
        var s = await SetupAsync(appealHours, leniency);
        var trade = $"{Base}/trades/{s.Trade.Id}";
        foreach (var (m, u) in new[] { (s.Union1[0], s.Union1Id), (s.Union1[1], s.Union1Id), (s.Union2[0], s.Union2Id) })
        {
            var r = await s.Dc.PostJsonAsync($"{trade}/entries", new { memberId = m.Id, unitId = u });
            Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        }
        var dc = await DistrictAsync("/BJ/DC/");
        var xc = await DistrictAsync("/BJ/XC/");
        var judges = new Dictionary<string, Guid>();
        foreach (var (name, unit, user) in new[] { ("A", xc, "judge"), ("B", xc, (string?)null), ("C", dc, null), ("D", s.Union1Id, null) })
        {
            var r = await s.Admin.PostJsonAsync($"{trade}/judges", new { name = "裁判" + name, unitId = unit, userName = user, chief = name == "A" });
            Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
            judges[name] = (await r.ReadJsonAsync<JudgeDto>())!.Id;
        }
        var drawn = await s.Admin.PostAsync($"{trade}/draw", null);
        Assert.True(drawn.StatusCode == HttpStatusCode.OK, await drawn.Content.ReadAsStringAsync());
        return (s, (await drawn.ReadJsonAsync<TradeDto>())!, judges);
    }

    private static object Mark(Guid entry, Guid aspect, decimal score) => new { entryId = entry, aspectId = aspect, score };

    private static async Task SaveAsync(HttpClient c, TradeDto t, Guid judge, params object[] marks)
    {
        var r = await c.PostJsonAsync($"{Base}/trades/{t.Id}/marks", new { judgeId = judge, marks });
        Assert.True(r.StatusCode == HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
    }

    /// <summary>Every competitor marked: measurement 30/40/50, judges A–C (and D where allowed) score J1 and J2.</summary>
    private static async Task MarkAllAsync(HttpClient admin, TradeDto t, Dictionary<string, Guid> judges, int cJ1OnFirst = 2)
    {
        var (m1, j1, j2) = (t.Aspects[0].Id, t.Aspects[1].Id, t.Aspects[2].Id);
        var e = t.Entries.OrderBy(x => x.StartOrder).ToList();
        await SaveAsync(admin, t, judges["A"], Mark(e[0].Id, m1, 30), Mark(e[1].Id, m1, 40), Mark(e[2].Id, m1, 50.5m));
        foreach (var j in new[] { "A", "B", "C" })
            await SaveAsync(admin, t, judges[j], Mark(e[0].Id, j1, j == "C" ? cJ1OnFirst : 2), Mark(e[0].Id, j2, 2), Mark(e[1].Id, j1, 3), Mark(e[1].Id, j2, 3),
                Mark(e[2].Id, j1, 1), Mark(e[2].Id, j2, 1));
    }

    [Fact]
    public async Task A_scheme_must_total_100_marks_and_registration_checks_scope_quota_and_duplicates()
    {
        var s = await SetupAsync(24);
        var bad = await s.Admin.PostJsonAsync($"{Base}/contests/{s.Contest.Id}/trades", new
        {
            code = "T02", name = "钳工", quotaPerUnit = 2,
            aspects = new object[] { new { code = "M1", name = "a", kind = "Measurement", maxMark = 60 }, new { code = "J1", name = "b", kind = "Judgement", maxMark = 39.99 } },
        });
        Assert.True((await ErrorsAsync(bad)).TryGetProperty("aspects", out _));
        var tooFine = await s.Admin.PostJsonAsync($"{Base}/contests/{s.Contest.Id}/trades", new
        {
            code = "T03", name = "钳工", quotaPerUnit = 2, aspects = new object[] { new { code = "M1", name = "a", kind = "Measurement", maxMark = 100.001 } },
        });
        Assert.True((await ErrorsAsync(tooFine)).TryGetProperty("aspects[0].maxMark", out _));
        Assert.Single((await s.Admin.GetJsonAsync<ContestDetailDto>($"{Base}/contests/{s.Contest.Id}"))!.Trades);

        var entries = $"{Base}/trades/{s.Trade.Id}/entries";
        // Another district cannot enter Dongcheng's union.
        var xc = await app.ClientAsync("xicheng");
        Assert.True((await ErrorsAsync(await xc.PostJsonAsync(entries, new { memberId = s.Union1[0].Id, unitId = s.Union1Id }))).TryGetProperty("unitId", out _));
        // A member of another union cannot be entered by this one.
        Assert.True((await ErrorsAsync(await s.Dc.PostJsonAsync(entries, new { memberId = s.Union2[0].Id, unitId = s.Union1Id }))).TryGetProperty("memberId", out _));
        Assert.Equal(HttpStatusCode.Created, (await s.Dc.PostJsonAsync(entries, new { memberId = s.Union1[0].Id, unitId = s.Union1Id })).StatusCode);
        var twice = await ErrorsAsync(await s.Dc.PostJsonAsync(entries, new { memberId = s.Union1[0].Id, unitId = s.Union1Id }));
        Assert.Contains("已报名", twice.GetProperty("memberId")[0].GetString());
        Assert.Equal(HttpStatusCode.Created, (await s.Dc.PostJsonAsync(entries, new { memberId = s.Union1[1].Id, unitId = s.Union1Id })).StatusCode);
        var quota = await ErrorsAsync(await s.Dc.PostJsonAsync(entries, new { memberId = s.Union1[2].Id, unitId = s.Union1Id }));
        Assert.True(quota.TryGetProperty("unitId", out _));
        Assert.Equal(2, (await s.Admin.GetJsonAsync<TradeDto>($"{Base}/trades/{s.Trade.Id}"))!.Entries.Count);
        // Xicheng's staff see none of Dongcheng's competitors; the contest manager sees both.
        Assert.Empty((await xc.GetJsonAsync<TradeDto>($"{Base}/trades/{s.Trade.Id}"))!.Entries);
        // Marks before the draw: refused.
        Assert.Equal("marks.notDrawn", await ConflictCodeAsync(await s.Admin.PostJsonAsync($"{Base}/trades/{s.Trade.Id}/marks",
            new { judgeId = Guid.NewGuid(), marks = new[] { Mark(Guid.NewGuid(), Guid.NewGuid(), 1) } })));
    }

    [Fact]
    public async Task Bad_marks_conflicts_and_other_judges_sheets_are_refused_and_nothing_is_half_written()
    {
        var (s, t, judges) = await DrawnAsync(24);
        Assert.Equal([1, 2, 3], t.Entries.Select(e => e.StartOrder!.Value).Order());
        Assert.Equal([1, 1, 2], t.Entries.Select(e => e.Session!.Value).Order());
        var judge = await app.ClientAsync("judge");
        var (m1, j1) = (t.Aspects[0].Id, t.Aspects[1].Id);
        var e = t.Entries.OrderBy(x => x.StartOrder).ToList();
        var union2Entry = e.Single(x => x.MemberId == s.Union2[0].Id);
        var union1Entry = e.First(x => x.MemberId != s.Union2[0].Id);
        var marks = $"{Base}/trades/{t.Id}/marks";

        // The judge account may mark as judge A only.
        Assert.Equal(HttpStatusCode.NotFound, (await judge.PostJsonAsync(marks, new { judgeId = judges["B"], marks = new[] { Mark(e[0].Id, j1, 2) } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await judge.GetAsync($"{Base}/trades/{t.Id}/sheets/{judges["B"]}")).StatusCode);
        // Outside 0–3, between whole scores, above the aspect maximum: 400 naming the mark; the valid first mark is not written either.
        var scale = await ErrorsAsync(await judge.PostJsonAsync(marks, new { judgeId = judges["A"], marks = new[] { Mark(e[0].Id, j1, 2), Mark(e[1].Id, j1, 4) } }));
        Assert.True(scale.TryGetProperty("marks[1].score", out var why));
        Assert.Contains("0、1、2、3", why[0].GetString());
        Assert.True((await ErrorsAsync(await judge.PostJsonAsync(marks, new { judgeId = judges["A"], marks = new[] { Mark(e[0].Id, j1, 1.5m) } })))
            .TryGetProperty("marks[0].score", out _));
        Assert.True((await ErrorsAsync(await judge.PostJsonAsync(marks, new { judgeId = judges["A"], marks = new[] { Mark(e[0].Id, m1, 60.01m) } })))
            .TryGetProperty("marks[0].score", out _));
        Assert.True((await ErrorsAsync(await judge.PostJsonAsync(marks, new { judgeId = judges["A"], marks = new[] { Mark(e[0].Id, j1, -1) } })))
            .TryGetProperty("marks[0].score", out _));
        var sheet = (await judge.GetJsonAsync<SheetDto>($"{Base}/trades/{t.Id}/sheets/{judges["A"]}"))!;
        Assert.Empty(sheet.Marks);

        // Judge D comes from union 1: its competitors are off D's sheet, whoever enters the marks.
        Assert.Empty(sheet.Conflicts);
        Assert.Equal(ConflictReason.SameUnit, (await s.Admin.GetJsonAsync<SheetDto>($"{Base}/trades/{t.Id}/sheets/{judges["D"]}"))!.Conflicts[union1Entry.Id]);
        var conflicted = await ErrorsAsync(await s.Admin.PostJsonAsync(marks, new { judgeId = judges["D"], marks = new[] { Mark(union2Entry.Id, j1, 2), Mark(union1Entry.Id, j1, 2) } }));
        Assert.Contains("回避", conflicted.GetProperty("marks[1].entryId")[0].GetString());
        Assert.Empty((await s.Admin.GetJsonAsync<SheetDto>($"{Base}/trades/{t.Id}/sheets/{judges["D"]}"))!.Marks);
        // A declared conflict: judge A stands aside for union 2's competitor from now on.
        var declared = await judge.PostJsonAsync($"{Base}/trades/{t.Id}/judges/{judges["A"]}/conflicts", new { entryId = union2Entry.Id, reason = "师徒关系" });
        Assert.True(declared.StatusCode == HttpStatusCode.OK, await declared.Content.ReadAsStringAsync());
        Assert.True((await ErrorsAsync(await judge.PostJsonAsync(marks, new { judgeId = judges["A"], marks = new[] { Mark(union2Entry.Id, j1, 2) } })))
            .TryGetProperty("marks[0].entryId", out _));
        await SaveAsync(judge, t, judges["A"], Mark(union1Entry.Id, j1, 2), Mark(union1Entry.Id, m1, 45.5m));
        sheet = (await judge.GetJsonAsync<SheetDto>($"{Base}/trades/{t.Id}/sheets/{judges["A"]}"))!;
        Assert.Equal(2, sheet.Marks.Count);
        Assert.Contains(sheet.Marks, m => m.AspectId == m1 && m.Score == 45.5m);
    }

    [Fact]
    public async Task A_spread_above_one_blocks_the_sign_off_then_the_marks_lock_and_results_publish_after_the_window()
    {
        var (s, t, judges) = await DrawnAsync(0);
        await MarkAllAsync(s.Admin, t, judges, cJ1OnFirst: 0); // A and B gave 2, C gives 0: spread 2
        var e = t.Entries.OrderBy(x => x.StartOrder).ToList();
        var refused = await s.Admin.PostAsync($"{Base}/trades/{t.Id}/sign-off", null);
        Assert.Equal("signoff.incomplete", await ConflictCodeAsync(refused));
        var results = (await s.Admin.GetJsonAsync<ResultsDto>($"{Base}/trades/{t.Id}/results"))!;
        Assert.Contains(results.Issues, i => i.Kind == IssueKind.Spread && i.EntryId == e[0].Id && i.Aspect == "J1" && i.Detail == 2);
        Assert.True(results.Provisional);
        // Resolved: C re-scores 1 (spread 1 stands).
        await SaveAsync(s.Admin, t, judges["C"], Mark(e[0].Id, t.Aspects[1].Id, 1));
        var signed = await s.Admin.PostAsync($"{Base}/trades/{t.Id}/sign-off", null);
        Assert.True(signed.StatusCode == HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        // Locked: no change after the sign-off, nothing changed.
        Assert.Equal("marks.locked", await ConflictCodeAsync(await s.Admin.PostJsonAsync($"{Base}/trades/{t.Id}/marks",
            new { judgeId = judges["A"], marks = new[] { Mark(e[0].Id, t.Aspects[0].Id, 60) } })));
        // Not published: union staff cannot read the results yet.
        Assert.Equal("results.notPublished", await ConflictCodeAsync(await s.Dc.GetAsync($"{Base}/trades/{t.Id}/results")));
        // A zero-hour window is closed at once: no appeal, publication allowed.
        Assert.Equal("appeal.windowClosed", await ConflictCodeAsync(await s.Dc.PostJsonAsync($"{Base}/trades/{t.Id}/appeals", new { entryId = e[0].Id, reason = "复核" })));
        Assert.Equal(HttpStatusCode.OK, (await s.Admin.PostAsync($"{Base}/trades/{t.Id}/publish", null)).StatusCode);
        results = (await s.Dc.GetJsonAsync<ResultsDto>($"{Base}/trades/{t.Id}/results"))!;
        Assert.False(results.Provisional);
        // By hand: e1 = 40 + 20 + 20 = 80; e0 = 30 + (2+2+1)/9×20 + 2/3×20 = 30 + 11.11 + 13.33 = 54.44; e2 = 50.5 + 6.67 + 6.67 = 63.83.
        Assert.Equal([e[1].Id, e[2].Id, e[0].Id], results.Rows.Select(r => r.EntryId));
        Assert.Equal([80.00m, 63.83m, 54.44m], results.Rows.Select(r => r.RawTotal));
        Assert.Equal([Medal.Gold, Medal.Silver, Medal.Bronze], results.Rows.Select(r => r.Medal));
        Assert.Equal([true, false, false], results.Rows.Select(r => r.Title));
        Assert.Equal(HttpStatusCode.OK, (await s.Admin.GetAsync($"{Base}/contests/{s.Contest.Id}/results")).StatusCode);
    }

    [Fact]
    public async Task An_upheld_appeal_reopens_the_marks_and_publication_waits_for_the_window()
    {
        var (s, t, judges) = await DrawnAsync(24, "ZScore");
        await MarkAllAsync(s.Admin, t, judges);
        Assert.Equal(HttpStatusCode.OK, (await s.Admin.PostAsync($"{Base}/trades/{t.Id}/sign-off", null)).StatusCode);
        var e = t.Entries.OrderBy(x => x.StartOrder).ToList();
        var appeal = await s.Dc.PostJsonAsync($"{Base}/trades/{t.Id}/appeals", new { entryId = e[2].Id, reason = "测量复核" });
        Assert.True(appeal.StatusCode == HttpStatusCode.Created, await appeal.Content.ReadAsStringAsync());
        Assert.Equal("publish.appealsOpen", await ConflictCodeAsync(await s.Admin.PostAsync($"{Base}/trades/{t.Id}/publish", null)));
        var id = (await appeal.ReadJsonAsync<AppealDto>())!.Id;
        Assert.True((await ErrorsAsync(await s.Admin.PostJsonAsync($"{Base}/appeals/{id}/decision", new { upheld = true }))).TryGetProperty("decision", out _));
        Assert.Equal(HttpStatusCode.OK, (await s.Admin.PostJsonAsync($"{Base}/appeals/{id}/decision", new { upheld = true, decision = "测量有误,更正" })).StatusCode);
        Assert.Equal("appeal.decided", await ConflictCodeAsync(await s.Admin.PostJsonAsync($"{Base}/appeals/{id}/decision", new { upheld = false, decision = "x" })));
        // Reopened: the measurement is corrected and signed off again.
        await SaveAsync(s.Admin, t, judges["A"], Mark(e[2].Id, t.Aspects[0].Id, 55));
        Assert.Equal(HttpStatusCode.OK, (await s.Admin.PostAsync($"{Base}/trades/{t.Id}/sign-off", null)).StatusCode);
        var results = (await s.Admin.GetJsonAsync<ResultsDto>($"{Base}/trades/{t.Id}/results"))!;
        Assert.Equal(68.33m, results.Rows.Single(r => r.EntryId == e[2].Id).RawTotal);
        Assert.Equal(Leniency.ZScore, results.Leniency);
        Assert.Equal("signoff.already", await ConflictCodeAsync(await s.Admin.PostAsync($"{Base}/trades/{t.Id}/sign-off", null)));
    }

    [Fact]
    public async Task The_demo_contest_has_27_trades_one_published_and_one_open_for_the_demo_judge()
    {
        var admin = await app.ClientAsync("admin");
        var contest = (await admin.GetJsonAsync<List<ContestDto>>($"{Base}/contests?year=2020"))!.Single(c => c.Code == "2020-JXB");
        var detail = (await admin.GetJsonAsync<ContestDetailDto>($"{Base}/contests/{contest.Id}"))!;
        Assert.Equal(27, detail.Trades.Count);
        Assert.Contains(detail.Trades, t => t.Stage == TradeStage.Published);
        var open = detail.Trades.Single(t => t.Code == "T02");
        Assert.Equal(TradeStage.Drawn, open.Stage);
        var published = (await (await app.ClientAsync("dongcheng")).GetJsonAsync<ResultsDto>($"{Base}/trades/{detail.Trades.Single(t => t.Code == "T01").Id}/results"))!;
        Assert.NotEmpty(published.Rows);
        Assert.Empty(published.Issues);
    }

    [Fact]
    public async Task Twenty_concurrent_registrations_against_a_quota_of_five_enter_exactly_five()
    {
        var admin = await app.ClientAsync("admin");
        var c = await admin.PostJsonAsync($"{Base}/contests", new
        {
            code = "Q-" + Guid.NewGuid().ToString("N")[..10], year = 2020, name = "名额并发测试", startsOn = new DateOnly(2020, 9, 15), membersOnly = true,
            minAge = 16, maxAge = 70, leniency = "None", tieRule = "Shared", drawSeed = 1, appealHours = 24,
        });
        Assert.True(c.StatusCode == HttpStatusCode.Created, await c.Content.ReadAsStringAsync());
        var contest = (await c.ReadJsonAsync<ContestDto>())!;
        var t = await admin.PostJsonAsync($"{Base}/contests/{contest.Id}/trades", new
        {
            code = "T01", name = "车工", quotaPerUnit = 5, aspects = new object[] { new { code = "M1", name = "尺寸精度", kind = "Measurement", maxMark = 100 } },
        });
        Assert.True(t.StatusCode == HttpStatusCode.Created, await t.Content.ReadAsStringAsync());
        var trade = (await t.ReadJsonAsync<TradeDto>())!;
        var (union, members) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 20);
        var dc = await app.ClientAsync("dongcheng");
        var answers = await Task.WhenAll(members.Select(m => dc.PostJsonAsync($"{Base}/trades/{trade.Id}/entries", new { memberId = m.Id, unitId = union })));
        var bodies = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()));
        Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.Created) == 5, string.Join("\n", answers.Select((a, i) => $"{(int)a.StatusCode} {bodies[i]}")));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode));
        Assert.All(bodies.Where((_, i) => answers[i].StatusCode != HttpStatusCode.Created), b => Assert.Contains("名额已满", b));
        Assert.Equal(5, await app.WithDbAsync(db => db.Set<SkillsEntry>().CountAsync(e => e.TradeId == trade.Id && e.EnteringUnitId == union)));
    }

    [Fact]
    public async Task Registrations_racing_the_draw_are_either_drawn_or_refused_never_left_without_a_start_order()
    {
        var admin = await app.ClientAsync("admin");
        var c = await admin.PostJsonAsync($"{Base}/contests", new
        {
            code = "D-" + Guid.NewGuid().ToString("N")[..10], year = 2020, name = "抽签并发测试", startsOn = new DateOnly(2020, 9, 15), membersOnly = true,
            minAge = 16, maxAge = 70, leniency = "None", tieRule = "Shared", drawSeed = 1, appealHours = 24,
        });
        Assert.True(c.StatusCode == HttpStatusCode.Created, await c.Content.ReadAsStringAsync());
        var contest = (await c.ReadJsonAsync<ContestDto>())!;
        var t = await admin.PostJsonAsync($"{Base}/contests/{contest.Id}/trades", new
        {
            code = "T01", name = "车工", quotaPerUnit = 20, aspects = new object[] { new { code = "M1", name = "尺寸精度", kind = "Measurement", maxMark = 100 } },
        });
        Assert.True(t.StatusCode == HttpStatusCode.Created, await t.Content.ReadAsStringAsync());
        var trade = (await t.ReadJsonAsync<TradeDto>())!;
        var (union, members) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 13);
        var dc = await app.ClientAsync("dongcheng");
        var entries = $"{Base}/trades/{trade.Id}/entries";
        Assert.Equal(HttpStatusCode.Created, (await dc.PostJsonAsync(entries, new { memberId = members[0].Id, unitId = union })).StatusCode);
        // Eleven registrations and the draw at once: each registration lands before the draw (and is drawn) or is refused as closed.
        var racing = members.Skip(1).Take(11).Select(m => dc.PostJsonAsync(entries, new { memberId = m.Id, unitId = union })).ToList();
        var draw = admin.PostAsync($"{Base}/trades/{trade.Id}/draw", null);
        var answers = await Task.WhenAll(racing);
        var drawn = await draw;
        Assert.True(drawn.StatusCode == HttpStatusCode.OK, await drawn.Content.ReadAsStringAsync());
        foreach (var a in answers.Where(a => a.StatusCode != HttpStatusCode.Created)) Assert.Equal("entry.closed", await ConflictCodeAsync(a));
        var rows = await app.WithDbAsync(db => db.Set<SkillsEntry>().Where(e => e.TradeId == trade.Id).Select(e => e.StartOrder).ToListAsync());
        Assert.Equal(1 + answers.Count(a => a.StatusCode == HttpStatusCode.Created), rows.Count);
        Assert.All(rows, o => Assert.NotNull(o));
        Assert.Equal("entry.closed", await ConflictCodeAsync(await dc.PostJsonAsync(entries, new { memberId = members[12].Id, unitId = union })));
    }

    [Fact]
    public async Task A_worker_sees_their_published_result_and_prints_the_award_certificate_nobody_else_can()
    {
        // The demo enters the account "worker" in the 2020 contest's first trade (marked and published; three entrants at test scale: all
        // medal) when they are of age on the contest day; otherwise the test hands them the first entrant's entry.
        var workerMember = await app.WithDbAsync(db => db.Set<AppUser>().Where(u => u.UserName == "worker").Select(u => u.MemberId).SingleAsync());
        Assert.NotNull(workerMember);
        var t01 = await app.WithDbAsync(db => (from e in db.Set<SkillsEntry>()
                                               join t in db.Set<SkillsTrade>() on e.TradeId equals t.Id
                                               join c in db.Set<SkillsContest>() on t.ContestId equals c.Id
                                               where c.Code == "2020-JXB" && t.Code == "T01"
                                               select new { e.Id, e.MemberId }).ToListAsync());
        if (t01.All(e => e.MemberId != workerMember))
            await app.WithDbAsync(db => db.Set<SkillsEntry>().Where(e => e.Id == t01[0].Id).ExecuteUpdateAsync(x => x.SetProperty(e => e.MemberId, workerMember.Value)));
        var worker = await app.ClientAsync("worker");
        var results = JsonDocument.Parse(await worker.GetStringAsync($"{Base}/mine/results")).RootElement.EnumerateArray().ToList();
        var mine = results.FirstOrDefault(r => r.GetProperty("tradeCode").GetString() == "T01" && r.GetProperty("year").GetInt32() == 2020);
        Assert.True(mine.ValueKind == JsonValueKind.Object, "the demo worker has no entry in T01: " + string.Join(", ", results));
        var number = mine.GetProperty("certificateNumber").GetString();
        Assert.NotNull(number);
        Assert.StartsWith("JS2020", number);
        Assert.InRange(mine.GetProperty("place").GetInt32(), 1, 3);
        var entry = mine.GetProperty("entryId").GetGuid();

        var pdf = await worker.GetAsync($"{Base}/mine/entries/{entry}/certificate.pdf");
        Assert.True(pdf.StatusCode == HttpStatusCode.OK, await pdf.Content.ReadAsStringAsync());
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.Latin1.GetString(await pdf.Content.ReadAsByteArrayAsync()));

        // Staff may not use the worker's path, the worker not the staff's; another competitor's entry is nobody's "mine"; unknown entries are 404.
        var dc = await app.ClientAsync("dongcheng");
        Assert.Equal(HttpStatusCode.Forbidden, (await dc.GetAsync($"{Base}/mine/entries/{entry}/certificate.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync($"{Base}/entries/{entry}/certificate.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"{Base}/mine/entries/{entry}/certificate.pdf")).StatusCode);
        var other = await app.WithDbAsync(db => db.Set<SkillsEntry>().Where(e => e.TradeId == db.Set<SkillsEntry>().Where(x => x.Id == entry).Select(x => x.TradeId).First()
            && e.Id != entry).Select(e => e.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"{Base}/mine/entries/{other}/certificate.pdf")).StatusCode);
        var admin = await app.ClientAsync("admin");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{Base}/entries/{Guid.NewGuid()}/certificate.pdf")).StatusCode);
        // An entry of a trade not yet published has no certificate (409, named).
        var unpublished = await app.WithDbAsync(db => (from e in db.Set<SkillsEntry>() join t in db.Set<SkillsTrade>() on e.TradeId equals t.Id
            where t.Stage != TradeStage.Published && e.TeamId == null select e.Id).FirstAsync());
        var refused = await admin.GetAsync($"{Base}/entries/{unpublished}/certificate.pdf");
        Assert.Equal("certificate.notPublished", await ConflictCodeAsync(refused));
    }
}

public sealed class SkillsApiTests_Sqlite(SqliteApp app) : SkillsApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class SkillsApiTests_Postgres(PostgresApp app) : SkillsApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
