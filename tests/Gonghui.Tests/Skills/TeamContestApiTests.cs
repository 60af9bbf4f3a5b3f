using System.Net;
using System.Text.Json;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Modules.Skills.Rules;
using Gonghui.Modules.Skills.TeamContests;
using Gonghui.Platform.Time;
using Gonghui.Tests.Infrastructure;
using Gonghui.Tests.MutualAid;
using Microsoft.EntityFrameworkCore;

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
