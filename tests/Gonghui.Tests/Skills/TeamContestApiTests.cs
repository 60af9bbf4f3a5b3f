using System.Net;
using System.Text.Json;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Modules.Skills.Rules;
using Gonghui.Modules.Skills.TeamContests;
using Gonghui.Platform.Time;
using Gonghui.Tests.Infrastructure;
using Gonghui.Tests.MutualAid;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Skills;

/// <summary>A staged key-project labour contest over HTTP on each provider: declare, enter teams, mark and close stages, the cumulative ranking.</summary>
public abstract class TeamContestApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private const string Base = "/api/v1/skills/team-contests";
    private static DateOnly Today => BeijingTime.Today(TimeProvider.System);

    private Task<Guid> UnitAsync(string path) => app.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Path == path).Select(u => u.Id).SingleAsync());

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage r)
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"{(int)r.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("errors");
    }

    private static async Task<string?> ConflictCodeAsync(HttpResponseMessage r)
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.Conflict, $"{(int)r.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("code").GetString();
    }

    private static object Stages(params (int Start, int End, int Weight)[] s) =>
        s.Select((x, i) => new { name = $"第{i + 1}阶段", startsOn = Today.AddDays(x.Start), endsOn = Today.AddDays(x.End), weightPercent = x.Weight }).ToArray();

    [Fact]
    public async Task Bad_declarations_are_400s_naming_each_field()
    {
        var admin = await app.ClientAsync("admin");
        var empty = await ErrorsAsync(await admin.PostJsonAsync(Base, new { }));
        foreach (var f in new[] { "year", "name", "kind", "rule", "stages", "maxTeamSize" }) Assert.True(empty.TryGetProperty(f, out _), f + ": " + empty);
        var weights = await ErrorsAsync(await admin.PostJsonAsync(Base, new { year = Today.Year, name = "权重不对", kind = "TeamContest", rule = "WeightedSum",
            minTeamSize = 2, maxTeamSize = 4, stages = Stages((-30, -20, 30), (-19, -10, 30)) }));
        Assert.True(weights.TryGetProperty("stages", out _), weights.ToString());
        var overlap = await ErrorsAsync(await admin.PostJsonAsync(Base, new { year = Today.Year, name = "阶段重叠", kind = "KeyProject", rule = "PointsByPlace",
            minTeamSize = 2, maxTeamSize = 4, stages = Stages((-30, -20, 50), (-20, -10, 50)) }));
        Assert.True(overlap.TryGetProperty("stages[1].startsOn", out _), overlap.ToString());
        Assert.True(overlap.TryGetProperty("project", out _), overlap.ToString()); // a key-project contest names its project
        var sizes = await ErrorsAsync(await admin.PostJsonAsync(Base, new { year = Today.Year, name = "人数不对", kind = "TeamContest", rule = "PointsByPlace",
            minTeamSize = 5, maxTeamSize = 3, stages = Stages((-30, -20, 50)) }));
        Assert.True(sizes.TryGetProperty("maxTeamSize", out _), sizes.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostJsonAsync(Base, new { year = Today.Year, name = "x", kind = "Nope" })).StatusCode);
        var dc = await app.ClientAsync("dongcheng");
        Assert.Equal(HttpStatusCode.Forbidden, (await dc.PostJsonAsync(Base, new { })).StatusCode);
    }

    [Fact]
    public async Task Teams_from_two_districts_are_marked_stage_by_stage_and_ranked_by_the_weighted_sum()
    {
        var admin = await app.ClientAsync("admin");
        var created = await admin.PostJsonAsync(Base, new
        {
            year = Today.Year, name = "京津冀交通一体化劳动竞赛(测试)" + Guid.NewGuid().ToString("N")[..4], kind = "KeyProject", project = "京津冀交通一体化",
            rule = "WeightedSum", minTeamSize = 2, maxTeamSize = 3, stages = Stages((-60, -41, 30), (-40, -21, 30), (5, 30, 40)),
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var contest = (await created.ReadJsonAsync<TeamContestView>())!;
        Assert.Equal(3, contest.Stages.Count);
        var (s1, s2, s3) = (contest.Stages[0].Id, contest.Stages[1].Id, contest.Stages[2].Id);

        var dcUnit = await UnitAsync("/BJ/DC/");
        var xcUnit = await UnitAsync("/BJ/XC/");
        var (_, dcMembers) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 4);
        var (_, xcMembers) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/XC/", 2);
        var dc = await app.ClientAsync("dongcheng");
        var xc = await app.ClientAsync("xicheng");
        var url = $"{Base}/{contest.Id}";

        // A team is of one unit's members, each once, within the sizes; the unit must be in the caller's scope.
        var outside = await ErrorsAsync(await dc.PostJsonAsync($"{url}/teams", new { name = "东城突击队", unitId = dcUnit, memberIds = new[] { dcMembers[0].Id, xcMembers[0].Id } }));
        Assert.True(outside.TryGetProperty("memberIds[1]", out _), outside.ToString());
        var small = await ErrorsAsync(await dc.PostJsonAsync($"{url}/teams", new { name = "东城突击队", unitId = dcUnit, memberIds = new[] { dcMembers[0].Id } }));
        Assert.True(small.TryGetProperty("memberIds", out _), small.ToString());
        var twice = await ErrorsAsync(await dc.PostJsonAsync($"{url}/teams", new { name = "东城突击队", unitId = dcUnit, memberIds = new[] { dcMembers[0].Id, dcMembers[0].Id } }));
        Assert.True(twice.TryGetProperty("memberIds", out _), twice.ToString());
        var notMine = await ErrorsAsync(await dc.PostJsonAsync($"{url}/teams", new { name = "西城突击队", unitId = xcUnit, memberIds = new[] { xcMembers[0].Id, xcMembers[1].Id } }));
        Assert.True(notMine.TryGetProperty("unitId", out _), notMine.ToString());

        var a = await dc.PostJsonAsync($"{url}/teams", new { name = "东城突击队", unitId = dcUnit, memberIds = new[] { dcMembers[0].Id, dcMembers[1].Id } });
        Assert.True(a.StatusCode == HttpStatusCode.OK, await a.Content.ReadAsStringAsync());
        var b = await xc.PostJsonAsync($"{url}/teams", new { name = "西城突击队", unitId = xcUnit, memberIds = new[] { xcMembers[0].Id, xcMembers[1].Id } });
        Assert.True(b.StatusCode == HttpStatusCode.OK, await b.Content.ReadAsStringAsync());
        Assert.Equal("team.memberTaken", await ConflictCodeAsync(await dc.PostJsonAsync($"{url}/teams",
            new { name = "东城二队", unitId = dcUnit, memberIds = new[] { dcMembers[1].Id, dcMembers[2].Id } })));
        var teams = (await b.ReadJsonAsync<TeamContestView>())!.Teams;
        Assert.Equal(2, teams.Count);
        var (ta, tb) = (teams.Single(t => t.Name == "东城突击队").Id, teams.Single(t => t.Name == "西城突击队").Id);

        // Marks: 0–100 with two decimals, teams of this contest, once each; only the federation marks.
        var bad = await ErrorsAsync(await admin.PostJsonAsync($"{url}/stages/{s1}/marks", new { marks = new object[] {
            new { teamId = ta, mark = 100.5m }, new { teamId = Guid.NewGuid(), mark = 80 }, new { teamId = tb, mark = 80.125m } } }));
        foreach (var f in new[] { "marks[0].mark", "marks[1].teamId", "marks[2].mark" }) Assert.True(bad.TryGetProperty(f, out _), f + ": " + bad);
        var dup = await ErrorsAsync(await admin.PostJsonAsync($"{url}/stages/{s1}/marks", new { marks = new[] { new { teamId = ta, mark = 80m }, new { teamId = ta, mark = 81m } } }));
        Assert.True(dup.TryGetProperty("marks[1].teamId", out _), dup.ToString());
        Assert.True((await ErrorsAsync(await admin.PostJsonAsync($"{url}/stages/{s1}/marks", new { marks = Array.Empty<object>() }))).TryGetProperty("marks", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await dc.PostJsonAsync($"{url}/stages/{s1}/marks", new { marks = new[] { new { teamId = ta, mark = 99m } } })).StatusCode);
        Assert.Equal("stage.notStarted", await ConflictCodeAsync(await admin.PostJsonAsync($"{url}/stages/{s3}/marks", new { marks = new[] { new { teamId = ta, mark = 90m } } })));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostJsonAsync($"{url}/stages/{Guid.NewGuid()}/marks", new { marks = new[] { new { teamId = ta, mark = 90m } } })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync($"{url}/stages/{s1}/marks", new { marks = new[] { new { teamId = ta, mark = 85.5m } } })).StatusCode);
        Assert.Equal("stage.unmarked", await ConflictCodeAsync(await admin.PostAsync($"{url}/stages/{s1}/close", null)));
        Assert.Equal("stage.order", await ConflictCodeAsync(await admin.PostAsync($"{url}/stages/{s2}/close", null)));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync($"{url}/stages/{s1}/marks", new { marks = new[] { new { teamId = tb, mark = 90m } } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{url}/stages/{s1}/close", null)).StatusCode);
        Assert.Equal("stage.closed", await ConflictCodeAsync(await admin.PostJsonAsync($"{url}/stages/{s1}/marks", new { marks = new[] { new { teamId = ta, mark = 100m } } })));
        Assert.Equal("stage.closed", await ConflictCodeAsync(await admin.PostAsync($"{url}/stages/{s1}/close", null)));
        Assert.Equal("team.registrationClosed", await ConflictCodeAsync(await dc.PostJsonAsync($"{url}/teams",
            new { name = "东城二队", unitId = dcUnit, memberIds = new[] { dcMembers[2].Id, dcMembers[3].Id } })));

        var marked = await admin.PostJsonAsync($"{url}/stages/{s2}/marks", new { marks = new[] { new { teamId = ta, mark = 80m }, new { teamId = tb, mark = 70m } } });
        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{url}/stages/{s2}/close", null)).StatusCode);
        Assert.Equal("stage.running", await ConflictCodeAsync(await admin.PostAsync($"{url}/stages/{s3}/close", null)));

        // 0.3 × 85.5 + 0.3 × 80 = 49.65 against 0.3 × 90 + 0.3 × 70 = 48.00; provisional while stage 3 is open.
        var view = (await dc.GetJsonAsync<TeamContestView>(url))!;
        Assert.True(view.Provisional);
        Assert.Equal([(ta, 49.65m, 1), (tb, 48.00m, 2)], view.Standings.Select(s => (s.TeamId, s.Total, s.Rank)).ToArray());
        Assert.Equal([2, 1, null], view.Standings[0].StagePlaces);
        Assert.Equal([85.5m, 80m, null], view.Standings[0].StageMarks);
        Assert.True(view.Stages[0].Closed && view.Stages[1].Closed && !view.Stages[2].Closed);

        var list = (await dc.GetJsonAsync<JsonElement>($"{Base}?year={Today.Year}&limit=200"));
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == contest.Id);
        await KeysetPaging.BadInputIs400Async(dc, Base);
        Assert.Equal(HttpStatusCode.NotFound, (await dc.GetAsync($"{Base}/{Guid.NewGuid()}")).StatusCode);
    }

    private static object Mark(Guid entry, Guid aspect, decimal score) => new { entryId = entry, aspectId = aspect, score };

    private static async Task MarksAsync(HttpClient c, Guid trade, Guid judge, params object[] marks)
    {
        var r = await c.PostJsonAsync($"/api/v1/skills/trades/{trade}/marks", new { judgeId = judge, marks });
        Assert.True(r.StatusCode == HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
    }

    /// <summary>Three judges of the federation (no team's unit) and one of Dongcheng's district union (team A's unit) on a stage's trade; then the draw.</summary>
    private async Task<(Dictionary<string, Guid> Judges, Gonghui.Modules.Skills.TradeDto Trade)> JudgesAndDrawAsync(HttpClient admin, Guid trade, Guid dcUnit)
    {
        var root = await app.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.ParentId == null).Select(u => u.Id).SingleAsync());
        var judges = new Dictionary<string, Guid>();
        foreach (var (name, unit) in new[] { ("A", root), ("B", root), ("C", root), ("D", dcUnit) })
        {
            var r = await admin.PostJsonAsync($"/api/v1/skills/trades/{trade}/judges", new { name = "裁判" + name, unitId = unit });
            Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
            judges[name] = (await r.ReadJsonAsync<Gonghui.Modules.Skills.JudgeDto>())!.Id;
        }
        var drawn = await admin.PostAsync($"/api/v1/skills/trades/{trade}/draw", null);
        Assert.True(drawn.StatusCode == HttpStatusCode.OK, await drawn.Content.ReadAsStringAsync());
        return (judges, (await drawn.ReadJsonAsync<Gonghui.Modules.Skills.TradeDto>())!);
    }

    [Fact]
    public async Task A_judged_contest_is_marked_per_judge_under_the_skills_rules_and_ranked_by_the_stage_weights()
    {
        var admin = await app.ClientAsync("admin");
        var name = "班组评审赛(测试)" + Guid.NewGuid().ToString("N")[..6];
        object Scheme(int measurement, int judgement) => new object[]
        {
            new { code = "M1", name = "工期与质量指标", kind = "Measurement", maxMark = measurement },
            new { code = "J1", name = "安全文明施工", kind = "Judgement", maxMark = judgement },
        };
        // A scheme not worth 100 marks: a 400 naming it, and nothing written (neither the team contest nor its judging contest).
        var bad = await ErrorsAsync(await admin.PostJsonAsync(Base, new { year = Today.Year, name, kind = "TeamContest", rule = "WeightedSum", minTeamSize = 2,
            maxTeamSize = 3, stages = Stages((-30, -20, 40), (-19, -10, 60)), aspects = Scheme(40, 50) }));
        Assert.True(bad.TryGetProperty("aspects", out _), bad.ToString());
        Assert.False(await app.WithDbAsync(db => db.Set<TeamContest>().AnyAsync(c => c.Name == name)));
        Assert.False(await app.WithDbAsync(db => db.Set<Gonghui.Modules.Skills.Contests.SkillsContest>().AnyAsync(c => c.Name == name)));

        var created = await admin.PostJsonAsync(Base, new { year = Today.Year, name, kind = "TeamContest", rule = "WeightedSum", minTeamSize = 2, maxTeamSize = 3,
            stages = Stages((-30, -20, 40), (-19, -10, 60)), aspects = Scheme(40, 60), leniency = "TrimmedMean", tieRule = "Shared" });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var contest = (await created.ReadJsonAsync<TeamContestView>())!;
        Assert.NotNull(contest.JudgingContestId);
        Assert.All(contest.Stages, s => Assert.NotNull(s.TradeId));
        var (s1, s2) = (contest.Stages[0], contest.Stages[1]);
        var url = $"{Base}/{contest.Id}";

        var dcUnit = await UnitAsync("/BJ/DC/");
        var xcUnit = await UnitAsync("/BJ/XC/");
        var (_, dcMembers) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 4);
        var (_, xcMembers) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/XC/", 2);
        var dc = await app.ClientAsync("dongcheng");
        var a = await dc.PostJsonAsync($"{url}/teams", new { name = "东城评审队", unitId = dcUnit, memberIds = new[] { dcMembers[0].Id, dcMembers[1].Id } });
        Assert.True(a.StatusCode == HttpStatusCode.OK, await a.Content.ReadAsStringAsync());
        var b = await (await app.ClientAsync("xicheng")).PostJsonAsync($"{url}/teams", new { name = "西城评审队", unitId = xcUnit, memberIds = new[] { xcMembers[0].Id, xcMembers[1].Id } });
        Assert.True(b.StatusCode == HttpStatusCode.OK, await b.Content.ReadAsStringAsync());
        var teams = (await b.ReadJsonAsync<TeamContestView>())!.Teams;
        var (ta, tb) = (teams.Single(t => t.Name == "东城评审队").Id, teams.Single(t => t.Name == "西城评审队").Id);

        // Its trades take no individual entries, and the federation's one-mark-per-team form is refused: the judges mark.
        Assert.Equal("entry.teamsOnly", await ConflictCodeAsync(await dc.PostJsonAsync($"/api/v1/skills/trades/{s1.TradeId}/entries",
            new { memberId = dcMembers[2].Id, unitId = dcUnit })));
        Assert.Equal("stage.judged", await ConflictCodeAsync(await admin.PostJsonAsync($"{url}/stages/{s1.Id}/marks", new { marks = new[] { new { teamId = ta, mark = 80m } } })));

        // Stage 1: judges A–C of the federation, D of Dongcheng (team A's unit). The draw closes the entry of teams.
        var (j1, t1) = await JudgesAndDrawAsync(admin, s1.TradeId!.Value, dcUnit);
        Assert.Equal("team.registrationClosed", await ConflictCodeAsync(await dc.PostJsonAsync($"{url}/teams",
            new { name = "东城二队", unitId = dcUnit, memberIds = new[] { dcMembers[2].Id, dcMembers[3].Id } })));
        var ea = t1.Entries.Single(e => e.Name == "东城评审队").Id;
        var eb = t1.Entries.Single(e => e.Name == "西城评审队").Id;
        var (m1, jj) = (t1.Aspects.Single(x => x.Code == "M1").Id, t1.Aspects.Single(x => x.Code == "J1").Id);
        // D shares team A's unit: refused, naming the mark, and nothing of the sheet written.
        var conflicted = await ErrorsAsync(await admin.PostJsonAsync($"/api/v1/skills/trades/{t1.Id}/marks",
            new { judgeId = j1["D"], marks = new[] { Mark(eb, jj, 2), Mark(ea, jj, 2) } }));
        Assert.True(conflicted.TryGetProperty("marks[1].entryId", out _), conflicted.ToString());
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Gonghui.Modules.Skills.Contests.SkillsMark>().CountAsync(m => m.TradeId == t1.Id)));
        // Scores only 0–3 on judgement, at most the aspect's maximum on measurement.
        var scale = await ErrorsAsync(await admin.PostJsonAsync($"/api/v1/skills/trades/{t1.Id}/marks",
            new { judgeId = j1["A"], marks = new[] { Mark(ea, jj, 4), Mark(ea, m1, 40.5m) } }));
        Assert.True(scale.TryGetProperty("marks[0].score", out _) && scale.TryGetProperty("marks[1].score", out _), scale.ToString());

        await MarksAsync(admin, t1.Id, j1["A"], Mark(ea, m1, 30), Mark(eb, m1, 35));
        foreach (var j in new[] { "A", "B", "C" }) await MarksAsync(admin, t1.Id, j1[j], Mark(ea, jj, 3), Mark(eb, jj, j == "C" ? 0 : 2));
        // Team B's judgement spread is 2 (2, 2, 0): no sign-off, so the stage cannot close.
        Assert.Equal("signoff.incomplete", await ConflictCodeAsync(await admin.PostAsync($"/api/v1/skills/trades/{t1.Id}/sign-off", null)));
        Assert.Equal("stage.notSignedOff", await ConflictCodeAsync(await admin.PostAsync($"{url}/stages/{s1.Id}/close", null)));
        await MarksAsync(admin, t1.Id, j1["C"], Mark(eb, jj, 2));
        var signed = await admin.PostAsync($"/api/v1/skills/trades/{t1.Id}/sign-off", null);
        Assert.True(signed.StatusCode == HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        // Locked after the sign-off.
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostJsonAsync($"/api/v1/skills/trades/{t1.Id}/marks",
            new { judgeId = j1["A"], marks = new[] { Mark(ea, jj, 1) } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{url}/stages/{s1.Id}/close", null)).StatusCode);

        // A team member sees stage 1's mark and place; stage 2 is still running, so no rank yet. Staff may not use the worker's path.
        var workerMember = await app.WithDbAsync(db => db.Set<Gonghui.Platform.Identity.AppUser>().Where(u => u.UserName == "worker").Select(u => u.MemberId).SingleAsync());
        await app.WithDbAsync(db => { db.Add(ContestTeamMember.Of(contest.Id, ta, workerMember!.Value, "演示职工")); return db.SaveChangesAsync(); });
        var worker = await app.ClientAsync("worker");
        var mine = (await worker.GetJsonAsync<List<MyTeamContest>>($"{Base}/mine"))!.Single(x => x.ContestId == contest.Id);
        Assert.Equal("东城评审队", mine.Team);
        Assert.Equal([90m, null], mine.Stages.Select(x => x.Mark).ToArray()); // 30 + 3/3 × 60
        Assert.Equal([1, null], mine.Stages.Select(x => x.Place).ToArray());
        Assert.False(mine.Final);
        Assert.Null(mine.Rank);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"{Base}/mine")).StatusCode);

        // Stage 2, marked the other way round.
        var (j2, t2) = await JudgesAndDrawAsync(admin, s2.TradeId!.Value, dcUnit);
        var (ea2, eb2) = (t2.Entries.Single(e => e.Name == "东城评审队").Id, t2.Entries.Single(e => e.Name == "西城评审队").Id);
        var (m2, jj2) = (t2.Aspects.Single(x => x.Code == "M1").Id, t2.Aspects.Single(x => x.Code == "J1").Id);
        await MarksAsync(admin, t2.Id, j2["B"], Mark(ea2, m2, 20), Mark(eb2, m2, 40));
        foreach (var j in new[] { "A", "B", "C" }) await MarksAsync(admin, t2.Id, j2[j], Mark(ea2, jj2, 1), Mark(eb2, jj2, 3));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/skills/trades/{t2.Id}/sign-off", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{url}/stages/{s2.Id}/close", null)).StatusCode);

        // Stage marks are the trades' official totals; the weights add them up: A 0.4 × 90 + 0.6 × 40 = 60, B 0.4 × 75 + 0.6 × 100 = 90.
        var view = (await admin.GetJsonAsync<TeamContestView>(url))!;
        Assert.False(view.Provisional);
        Assert.Equal([(tb, 90.00m, 1), (ta, 60.00m, 2)], view.Standings.Select(x => (x.TeamId, x.Total, x.Rank)).ToArray());
        Assert.Equal([75m, 100m], view.Standings[0].StageMarks);
        Assert.Equal([2, 1], view.Standings[0].StagePlaces);
        mine = (await worker.GetJsonAsync<List<MyTeamContest>>($"{Base}/mine"))!.Single(x => x.ContestId == contest.Id);
        Assert.True(mine.Final);
        Assert.Equal(2, mine.Rank);
        Assert.Equal(60.00m, mine.Total);
        Assert.Equal(2, mine.Teams);
        Assert.Equal([90m, 40m], mine.Stages.Select(x => x.Mark).ToArray());
    }

    private static object[] OneAspect => [new { code = "M1", name = "工期与质量指标", kind = "Measurement", maxMark = 100 }];

    [Fact]
    public async Task Teams_racing_the_draw_are_either_drawn_or_refused_never_left_without_a_start_order()
    {
        var admin = await app.ClientAsync("admin");
        var created = await admin.PostJsonAsync(Base, new { year = Today.Year, name = "抽签竞态(测试)" + Guid.NewGuid().ToString("N")[..6], kind = "TeamContest",
            rule = "WeightedSum", minTeamSize = 2, maxTeamSize = 2, stages = Stages((-30, -20, 50), (-19, -10, 50)), aspects = OneAspect });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var contest = (await created.ReadJsonAsync<TeamContestView>())!;
        var trades = contest.Stages.Select(s => s.TradeId!.Value).ToList();
        var dcUnit = await UnitAsync("/BJ/DC/");
        var (_, people) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 20);
        var dc = await app.ClientAsync("dongcheng");
        var url = $"{Base}/{contest.Id}/teams";
        object Team(int i) => new { name = $"竞态队{i}", unitId = dcUnit, memberIds = new[] { people[2 * i].Id, people[2 * i + 1].Id } };
        var first = await dc.PostJsonAsync(url, Team(0));
        Assert.True(first.StatusCode == HttpStatusCode.OK, await first.Content.ReadAsStringAsync());

        // Eight teams and the first stage's draw at once: each team enters before the draw (and is drawn) or is refused as closed.
        var racing = Enumerable.Range(1, 8).Select(i => dc.PostJsonAsync(url, Team(i))).ToList();
        var draw = admin.PostAsync($"/api/v1/skills/trades/{trades[0]}/draw", null);
        var answers = await Task.WhenAll(racing);
        var drawn = await draw;
        Assert.True(drawn.StatusCode == HttpStatusCode.OK, await drawn.Content.ReadAsStringAsync());
        foreach (var a in answers.Where(a => a.StatusCode != HttpStatusCode.OK)) Assert.Equal("team.registrationClosed", await ConflictCodeAsync(a));
        var teams = await app.WithDbAsync(db => db.Set<ContestTeam>().Where(t => t.ContestId == contest.Id).Select(t => t.Id).ToListAsync());
        Assert.Equal(1 + answers.Count(a => a.StatusCode == HttpStatusCode.OK), teams.Count);
        var entries = await app.WithDbAsync(db => db.Set<Gonghui.Modules.Skills.Contests.SkillsEntry>().Where(e => trades.Contains(e.TradeId))
            .Select(e => new { e.TradeId, e.TeamId, e.StartOrder }).ToListAsync());
        // Every team in both stages' trades, once; every entry of the drawn trade has its start order; the refused left nothing.
        foreach (var trade in trades) Assert.Equal(teams.Order(), entries.Where(e => e.TradeId == trade).Select(e => e.TeamId!.Value).Order());
        Assert.All(entries.Where(e => e.TradeId == trades[0]), e => Assert.NotNull(e.StartOrder));
        Assert.Equal(teams.Count * 2, await app.WithDbAsync(db => db.Set<ContestTeamMember>().CountAsync(m => m.ContestId == contest.Id)));
        Assert.Equal("team.registrationClosed", await ConflictCodeAsync(await dc.PostJsonAsync(url, Team(9))));
    }

    [Fact]
    public async Task A_judged_stage_issues_no_medal_or_title_certificate_in_a_teams_name()
    {
        var admin = await app.ClientAsync("admin");
        var created = await admin.PostJsonAsync(Base, new { year = Today.Year, name = "团体证书(测试)" + Guid.NewGuid().ToString("N")[..6], kind = "TeamContest",
            rule = "WeightedSum", minTeamSize = 1, maxTeamSize = 2, stages = Stages((-30, -20, 100)), aspects = OneAspect, appealHours = 0 });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var contest = (await created.ReadJsonAsync<TeamContestView>())!;
        var stage = contest.Stages[0];
        var dcUnit = await UnitAsync("/BJ/DC/");
        var xcUnit = await UnitAsync("/BJ/XC/");
        var (_, dcMembers) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 1);
        var (_, xcMembers) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/XC/", 1);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientAsync("dongcheng")).PostJsonAsync($"{Base}/{contest.Id}/teams",
            new { name = "东城证书队", unitId = dcUnit, memberIds = new[] { dcMembers[0].Id } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientAsync("xicheng")).PostJsonAsync($"{Base}/{contest.Id}/teams",
            new { name = "西城证书队", unitId = xcUnit, memberIds = new[] { xcMembers[0].Id } })).StatusCode);
        var (judges, trade) = await JudgesAndDrawAsync(admin, stage.TradeId!.Value, dcUnit);
        var m1 = trade.Aspects.Single().Id;
        var ids = new[] { "东城证书队", "西城证书队" }.Select(n => trade.Entries.Single(e => e.Name == n).Id).ToList();
        await MarksAsync(admin, trade.Id, judges["A"], Mark(ids[0], m1, 90), Mark(ids[1], m1, 70));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/skills/trades/{trade.Id}/sign-off", null)).StatusCode);
        var published = await admin.PostAsync($"/api/v1/skills/trades/{trade.Id}/publish", null);
        Assert.True(published.StatusCode == HttpStatusCode.OK, await published.Content.ReadAsStringAsync());

        // The trade's results rank the teams (the stage's marks), but a team's entry earns no paper: a 409 naming why, for each of them.
        foreach (var entry in ids)
        {
            var r = await admin.GetAsync($"/api/v1/skills/entries/{entry}/certificate.pdf");
            Assert.Equal("certificate.teamStage", await ConflictCodeAsync(r));
        }
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{Base}/{contest.Id}/stages/{stage.Id}/close", null)).StatusCode);
        var view = (await admin.GetJsonAsync<TeamContestView>($"{Base}/{contest.Id}"))!;
        Assert.Equal(["东城证书队", "西城证书队"], view.Standings.Select(x => x.Team).ToArray());
        // Nor can the public check find one under the number such an entry would have had.
        var number = Gonghui.Modules.Skills.Certificates.ContestCertificates.NumberOf(Today.Year, ids[0]);
        using var scope = app.Services.CreateScope();
        var register = scope.ServiceProvider.GetServices<Gonghui.Platform.Printing.ICertificateRegister>().Single(x => x.Prefix == "JS");
        Assert.Null(await register.FindAsync(number, default));
    }

    [Fact]
    public async Task The_demo_key_project_contest_judged_per_judge_is_signed_off_and_ranked()
    {
        var admin = await app.ClientAsync("admin");
        var list = await admin.GetJsonAsync<JsonElement>($"{Base}?year=2020");
        var demo = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("project").GetString() == "北京城市副中心建设");
        var view = (await admin.GetJsonAsync<TeamContestView>($"{Base}/{demo.GetProperty("id").GetGuid()}"))!;
        Assert.NotNull(view.JudgingContestId);
        Assert.Equal(2, view.Stages.Count);
        Assert.All(view.Stages, s => Assert.True(s.Closed && s.TradeStage == TradeStage.SignedOff, s.ToString()));
        Assert.False(view.Provisional);
        Assert.True(view.Teams.Count >= 2);
        Assert.All(view.Standings, x => Assert.All(x.StageMarks, m => Assert.NotNull(m)));
        Assert.Equal(1, view.Standings[0].Rank);
        foreach (var s in view.Stages)
        {
            var results = await admin.GetJsonAsync<JsonElement>($"/api/v1/skills/trades/{s.TradeId}/results");
            Assert.Equal(0, results.GetProperty("issues").GetArrayLength());
            Assert.Equal(3, await app.WithDbAsync(db => db.Set<Gonghui.Modules.Skills.Contests.SkillsJudge>().CountAsync(j => j.TradeId == s.TradeId)));
        }
        var page = await (await admin.GetAsync($"/skills/team-contests/{view.Id}")).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"team-standings\"", page);
        Assert.Contains(view.Standings[0].Team, page);
    }

    [Fact]
    public async Task The_demo_key_project_contest_is_ranked_and_its_page_shows_the_ranking()
    {
        var admin = await app.ClientAsync("admin");
        var list = await admin.GetJsonAsync<JsonElement>($"{Base}?year=2020");
        var demo = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("project").GetString() == "京津冀交通一体化");
        var view = (await admin.GetJsonAsync<TeamContestView>($"{Base}/{demo.GetProperty("id").GetGuid()}"))!;
        Assert.False(view.Provisional);
        Assert.True(view.Teams.Count >= 2);
        Assert.Equal(1, view.Standings[0].Rank);
        Assert.True(view.Standings.Zip(view.Standings.Skip(1)).All(p => p.First.Total >= p.Second.Total));
        var page = await (await admin.GetAsync($"/skills/team-contests/{view.Id}")).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"team-standings\"", page);
        Assert.Contains(view.Standings[0].Team, page);
        Assert.Contains("加权累计", page);
    }
}

public sealed class TeamContestApiTests_Sqlite(SqliteApp app) : TeamContestApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class TeamContestApiTests_Postgres(PostgresApp app) : TeamContestApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
