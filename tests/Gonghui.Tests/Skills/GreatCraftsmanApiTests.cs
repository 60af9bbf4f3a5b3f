using System.Net;
using System.Text.Json;
using Gonghui.Modules.Skills.Craftsmen;
using Gonghui.Modules.Skills.Rules;
using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Money;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task The_final_lists_awards_are_paid_once_through_the_innovation_fund_by_a_second_person_within_budget()
    {
        var admin = await app.ClientAsync("admin");
        const int year = 2019;
        var created = await admin.PostJsonAsync(Base, new { year, name = $"{year}年北京大工匠选树", trades = new[] { "钳工" } });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.ReadJsonAsync<SelectionDto>())!.Id;
        var (union, members) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 3);
        var dc = await app.ClientAsync("dongcheng");
        var ids = new List<Guid>();
        foreach (var (m, ch) in members.Zip(new[] { 95m, 85m, 60m }))
        {
            var r = await dc.PostJsonAsync($"{Base}/{id}/nominations", new { trade = "钳工", memberId = m.Id, unitId = union, frontLine = true, yearsInTrade = 15 });
            Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
            var cid = (await r.ReadJsonAsync<CandidateDto>())!.Id;
            ids.Add(cid);
            Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync($"{Base}/candidates/{cid}/scores", new { challenge = ch, review = new[] { ch, ch, ch } })).StatusCode);
        }
        var fund = await app.WithDbAsync(db => db.UnitRows().Where(u => u.ParentId == null).Select(u => u.Id).SingleAsync());
        Assert.Equal("craftsman.notFinal", await CodeAsync(await admin.PostAsync($"{Base}/candidates/{ids[0]}/pay", null)));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{Base}/{id}/decision", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{Base}/{id}/announcement", null)).StatusCode);
        // The announcement's five working days are moved into the past (the test cannot wait), then the list is final.
        await app.WithDbAsync(db => db.Set<CraftsmanSelection>().Where(s => s.Id == id)
            .ExecuteUpdateAsync(x => x.SetProperty(s => s.AnnouncementEndsOn, new DateOnly(2019, 12, 31)).SetProperty(s => s.AnnouncedOn, new DateOnly(2019, 12, 23))));
        var final = await admin.PostAsync($"{Base}/{id}/finish", null);
        Assert.True(final.StatusCode == HttpStatusCode.OK, await final.Content.ReadAsStringAsync());
        var view = (await final.ReadJsonAsync<SelectionDto>())!;
        Assert.Equal(SelectionStage.Final, view.Stage);
        Assert.Equal(CraftsmanTerms.DefaultWinnerAwardFen, view.Candidates.Single(c => c.Id == ids[0]).AwardFen);
        Assert.Equal(CraftsmanTerms.DefaultNomineeAwardFen, view.Candidates.Single(c => c.Id == ids[1]).AwardFen);

        // The committee's recorder may not pay 100,000 yuan (four eyes); a worker may not pay at all; no award, nothing to pay.
        Assert.Equal("payment.secondApproverRequired", await CodeAsync(await admin.PostAsync($"{Base}/candidates/{ids[0]}/pay", null)));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("worker")).PostAsync($"{Base}/candidates/{ids[0]}/pay", null)).StatusCode);
        var officer = await app.ClientAsync("fundofficer");
        Assert.Equal("craftsman.noAward", await CodeAsync(await officer.PostAsync($"{Base}/candidates/{ids[2]}/pay", null)));
        // 2019 has no innovation budget yet: refused, nothing paid.
        Assert.Equal("craftsman.budgetExceeded", await CodeAsync(await officer.PostAsync($"{Base}/candidates/{ids[0]}/pay", null)));
        using (var scope = app.Services.CreateScope())
        {
            var granted = await scope.ServiceProvider.GetRequiredService<IFundLedger>().AllocateBudgetAsync(FundCodes.Innovation, fund, year,
                new Fen(CraftsmanTerms.DefaultWinnerAwardFen + CraftsmanTerms.DefaultNomineeAwardFen), "test:craftsmen:budget:" + Guid.NewGuid(), default);
            Assert.True(granted.IsOk);
        }

        // Ten concurrent payments of the winner: one pays, the rest are told it is paid; the ledger holds one payment.
        var tries = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => officer.PostAsync($"{Base}/candidates/{ids[0]}/pay", null)));
        var bodies = await Task.WhenAll(tries.Select(t => t.Content.ReadAsStringAsync()));
        Assert.True(tries.Count(t => t.StatusCode == HttpStatusCode.OK) == 1, string.Join("\n", tries.Select((t, i) => $"{(int)t.StatusCode} {bodies[i]}")));
        Assert.All(bodies.Where((_, i) => tries[i].StatusCode != HttpStatusCode.OK), b => Assert.Contains("craftsman.alreadyPaid", b));
        using (var scope = app.Services.CreateScope())
        {
            var entries = await scope.ServiceProvider.GetRequiredService<IFundLedger>().EntriesForAsync(new SourceRef("GreatCraftsmanAward", ids[0]), default);
            var payment = Assert.Single(entries, e => e.Kind == EntryKind.Payment);
            Assert.Equal(CraftsmanTerms.DefaultWinnerAwardFen, payment.Amount.Value);
            Assert.Equal(year, payment.Year);
        }
        // Pay every award: the nominee is paid, the winner is not paid twice; the budget is spent exactly.
        var all = await officer.PostAsync($"{Base}/{id}/pay", null);
        Assert.True(all.StatusCode == HttpStatusCode.OK, await all.Content.ReadAsStringAsync());
        view = (await all.ReadJsonAsync<SelectionDto>())!;
        Assert.True(view.Candidates.Single(c => c.Id == ids[0]).Paid);
        Assert.Equal(CraftsmanTerms.DefaultNomineeAwardFen, view.Candidates.Single(c => c.Id == ids[1]).PaidFen);
        Assert.False(view.Candidates.Single(c => c.Id == ids[2]).Paid);
        using (var scope = app.Services.CreateScope())
        {
            var ledger = scope.ServiceProvider.GetRequiredService<IFundLedger>();
            Assert.Single(await ledger.EntriesForAsync(new SourceRef("GreatCraftsmanAward", ids[1]), default), e => e.Kind == EntryKind.Payment);
        }
    }

    [Fact]
    public async Task The_demo_2020_selection_is_final_with_its_awards_paid()
    {
        var admin = await app.ClientAsync("admin");
        var list = (await admin.GetJsonAsync<List<SelectionDto>>(Base))!;
        var demo = (await admin.GetJsonAsync<SelectionDto>($"{Base}/{list.Single(s => s.Year == 2020).Id}"))!;
        Assert.Equal(SelectionStage.Final, demo.Stage);
        Assert.Equal(new DateOnly(2020, 11, 16), demo.AnnouncedOn);
        var winners = demo.Candidates.Count(c => c.Award == CraftsmanAward.GreatCraftsman);
        Assert.True(winners > 0 && winners <= demo.Trades.Count, $"{winners} winners in {demo.Trades.Count} trades");
        Assert.All(demo.Candidates.Where(c => c.Award != CraftsmanAward.None), c => Assert.True(c.Paid && c.PaidFen == c.AwardFen, c.Name));
        Assert.All(demo.Candidates.Where(c => c.Award == CraftsmanAward.None), c => Assert.False(c.Paid));
    }
}

public sealed class GreatCraftsmanApiTests_Sqlite(SqliteApp app) : GreatCraftsmanApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class GreatCraftsmanApiTests_Postgres(PostgresApp app) : GreatCraftsmanApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
