using System.Net;
using System.Text.Json;
using Gonghui.Modules.Skills.Craftsmen;
using Gonghui.Modules.Skills.Rules;
using Gonghui.Tests.Infrastructure;
using Gonghui.Tests.MutualAid;

namespace Gonghui.Tests.Skills;

/// <summary>The 北京大工匠 selection over HTTP on each provider: nominations with eligibility, scores, the ranked proposal, the committee's decision, the announcement over working days and an upheld objection.</summary>
public abstract class GreatCraftsmanApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private const string Base = "/api/v1/skills/craftsmen";

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage r)
    {
        Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
    }

    private static async Task<string> CodeAsync(HttpResponseMessage r)
    {
        Assert.True(r.StatusCode == HttpStatusCode.Conflict, $"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString()!;
    }

    [Fact]
    public async Task Nominations_are_checked_scored_ranked_decided_announced_and_an_upheld_objection_moves_the_next_up()
    {
        var admin = await app.ClientAsync("admin");
        const int year = 2021; // one selection per year: this fixture has none (the demo seeds contests only)
        var created = await admin.PostJsonAsync(Base, new { year, name = $"{year}年北京大工匠选树", trades = new[] { "车工", "焊工" } });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.ReadJsonAsync<SelectionDto>())!.Id;
        Assert.True((await ErrorsAsync(await admin.PostJsonAsync(Base, new { year, name = "again", trades = new[] { "车工" } }))).TryGetProperty("year", out _));

        var (union, members) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 4);
        var dc = await app.ClientAsync("dongcheng");
        var nominations = $"{Base}/{id}/nominations";
        // Not front-line and too few years: both reasons named; an unknown trade: refused.
        var refused = await ErrorsAsync(await dc.PostJsonAsync(nominations, new { trade = "车工", memberId = members[0].Id, unitId = union, frontLine = false, yearsInTrade = 3 }));
        var reasons = refused.GetProperty("memberId").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("须为一线职工。", reasons);
        Assert.Contains("本工种从业年限不足。", reasons);
        Assert.True((await ErrorsAsync(await dc.PostJsonAsync(nominations, new { trade = "木工", memberId = members[0].Id, unitId = union, frontLine = true, yearsInTrade = 20 })))
            .TryGetProperty("trade", out _));
        var ids = new List<Guid>();
        foreach (var m in members.Take(3))
        {
            var r = await dc.PostJsonAsync(nominations, new { trade = "车工", memberId = m.Id, unitId = union, frontLine = true, yearsInTrade = 20, story = "扎根一线二十年" });
            Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
            ids.Add((await r.ReadJsonAsync<CandidateDto>())!.Id);
        }
        Assert.True((await ErrorsAsync(await dc.PostJsonAsync(nominations, new { trade = "焊工", memberId = members[0].Id, unitId = union, frontLine = true, yearsInTrade = 20 })))
            .TryGetProperty("memberId", out _));

        Assert.True((await ErrorsAsync(await admin.PostJsonAsync($"{Base}/candidates/{ids[0]}/scores", new { challenge = 101, review = new[] { 80 } }))).TryGetProperty("challenge", out _));
        foreach (var (cid, ch, rv) in new[] { (ids[0], 90m, 80m), (ids[1], 95m, 70m), (ids[2], 80m, 85m) })
            Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync($"{Base}/candidates/{cid}/scores", new { challenge = ch, review = new[] { rv, rv, rv } })).StatusCode);
        var view = (await admin.GetJsonAsync<SelectionDto>($"{Base}/{id}"))!;
        Assert.Equal([86m, 85m, 82m], view.Candidates.Select(c => c.Combined!.Value));
        Assert.Equal([CraftsmanAward.GreatCraftsman, CraftsmanAward.Nominee, CraftsmanAward.None], view.Candidates.Select(c => c.Proposed));

        Assert.Equal("craftsman.notDecided", await CodeAsync(await admin.PostAsync($"{Base}/{id}/announcement", null)));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{Base}/{id}/decision", null)).StatusCode);
        var announced = await admin.PostAsync($"{Base}/{id}/announcement", null);
        Assert.Equal(HttpStatusCode.OK, announced.StatusCode);
        view = (await announced.ReadJsonAsync<SelectionDto>())!;
        Assert.Equal(SelectionStage.Announcing, view.Stage);
        Assert.True(view.AnnouncementEndsOn >= view.AnnouncedOn!.Value.AddDays(4)); // five working days span at least five calendar days
        Assert.Equal("craftsman.announcementRuns", await CodeAsync(await admin.PostAsync($"{Base}/{id}/finish", null)));

        // An objection upheld against the proposed winner: the nominee moves up, the third becomes the nominee.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync($"{Base}/candidates/{ids[0]}/objection", new { note = "举报属实", upheld = true })).StatusCode);
        view = (await admin.GetJsonAsync<SelectionDto>($"{Base}/{id}"))!;
        Assert.True(view.Candidates.Single(c => c.Id == ids[0]).Withdrawn);
        Assert.Equal(CraftsmanAward.GreatCraftsman, view.Candidates.Single(c => c.Id == ids[1]).Award);
        Assert.Equal(CraftsmanAward.Nominee, view.Candidates.Single(c => c.Id == ids[2]).Award);
        Assert.Equal("craftsman.closed", await CodeAsync(await admin.PostJsonAsync($"{Base}/candidates/{ids[1]}/scores", new { challenge = 99, review = new[] { 99 } })));
    }
}

public sealed class GreatCraftsmanApiTests_Sqlite(SqliteApp app) : GreatCraftsmanApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class GreatCraftsmanApiTests_Postgres(PostgresApp app) : GreatCraftsmanApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
