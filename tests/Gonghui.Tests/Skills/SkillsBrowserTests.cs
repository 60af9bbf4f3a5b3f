using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Gonghui.Tests.Skills;

/// <summary>The judge's keyboard marking sheet and the results page, in Chromium, on the demo contest.</summary>
[Collection("browser")]
public sealed class SkillsBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_judge_fills_the_sheet_with_the_keyboard_sees_a_bad_score_refused_and_saves()
    {
        var page = await app.SignedInPageAsync("judge", new ViewportSize { Width = 1024, Height = 768 }); // a tablet
        await page.GotoAsync("/skills/judging");
        await page.ClickAsync("[data-testid=my-sheets] >> text=打开评分表");
        await page.WaitForSelectorAsync("[data-testid=marking-sheet]");
        var rows = await page.Locator("[data-testid=sheet-row]").CountAsync();
        Assert.True(rows > 0);

        // Arrow keys move like a spreadsheet: right an aspect (from the end of the text only, so a value can be edited), down a row.
        // (Measurement marks are shared by the panel, so the cell may hold one already: replace it and go to the end of the text.)
        await page.FillAsync("#s_0_0", "12");
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("ArrowRight");
        var moved = await page.EvaluateAsync<string>("document.activeElement.id");
        Assert.True(moved == "s_0_1", $"focus on {moved}; sheet script loaded: {await page.EvaluateAsync<bool>("window.gonghuiMarkingSheet === true")}");
        if (rows > 1)
        {
            await page.Keyboard.PressAsync("ArrowDown");
            Assert.Equal("s_1_1", await page.EvaluateAsync<string>("document.activeElement.id"));
        }

        // A judgement score of 4: refused beside the cell, nothing saved.
        await page.FillAsync("#s_0_5", "4");
        await page.ClickAsync("[data-testid=save-sheet]");
        var error = await page.WaitForSelectorAsync("[data-testid=sheet-error]");
        Assert.Contains("0、1、2、3", await error!.InnerTextAsync());
        Assert.Equal("true", await page.GetAttributeAsync("#s_0_5", "aria-invalid"));

        // The whole sheet, then Enter saves it.
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < 10; c++)
                await page.FillAsync($"#s_{r}_{c}", c < 5 ? "8.5" : "2");
        await page.FocusAsync("#s_0_9");
        await page.Keyboard.PressAsync("Enter");
        var saved = await page.WaitForSelectorAsync("[data-testid=sheet-saved]");
        Assert.Contains("已保存", await saved!.InnerTextAsync());
        Assert.Equal("8.50", await page.InputValueAsync("#s_0_0"));
        Assert.Equal("2", await page.InputValueAsync("#s_0_5"));
    }

    [Fact]
    public async Task The_results_page_shows_raw_and_standardised_ranks_and_medals()
    {
        var page = await app.SignedInPageAsync("dongcheng");
        await page.GotoAsync("/skills");
        await page.ClickAsync("[data-testid=skills-trades] >> text=\"车工\"");
        var table = await page.WaitForSelectorAsync("[data-testid=skills-results]");
        var text = await table!.InnerTextAsync();
        Assert.Contains("原始排名", text);
        Assert.Contains("校正排名", text);
        Assert.Contains("金牌", text);
        Assert.Contains("已公布", await page.InnerTextAsync("[data-testid=trade-stage]"));
    }

    [Fact]
    public async Task The_craftsmen_page_shows_the_final_2020_list_paid_and_a_worker_enrols_on_their_innovation_page()
    {
        var page = await app.SignedInPageAsync("fundofficer");
        await page.GotoAsync("/skills/craftsmen");
        await page.ClickAsync("[data-testid=craftsman-selections] >> text=2020年北京大工匠选树");
        await page.WaitForSelectorAsync("[data-testid=craftsman-trade]");
        Assert.Contains("最终名单", await page.InnerTextAsync("[data-testid=selection-stage]"));
        Assert.True(await page.Locator("[data-testid=paid]").CountAsync() >= 2);
        Assert.Equal(0, await page.Locator("[data-testid=pay-all]").CountAsync()); // everything is paid

        var worker = await app.SignedInPageAsync("worker", new ViewportSize { Width = 390, Height = 844 }); // a phone
        await worker.GotoAsync("/innovation/mine");
        await worker.WaitForSelectorAsync("[data-testid=mine-studio]");
        Assert.True(await worker.Locator("[data-testid=mine-patent]").CountAsync() >= 1);
        Assert.Equal("/api/v1/innovation/me/enrolments/", (await worker.GetAttributeAsync("[data-testid=mine-certificate]", "href"))![..33]);
        await worker.ClickAsync("[data-testid=mine-course] >> button");
        var message = await worker.WaitForSelectorAsync("[data-testid=mine-message]");
        Assert.Contains("报名成功", await message!.InnerTextAsync());
        Assert.True(await worker.Locator("[data-testid=mine-course] >> text=已报名").CountAsync() >= 1);
    }

    [Fact]
    public async Task A_worker_sees_their_team_its_stages_and_its_final_rank_on_their_contests_page()
    {
        // The demo puts the account "worker" in their district's team of the 2020 key-project contest; at a scale where their district
        // fields no team, the test puts them in the first team.
        var contest = await app.WithDbAsync(db => db.Set<Gonghui.Modules.Skills.TeamContests.TeamContest>().Where(c => c.Project == "京津冀交通一体化")
            .Select(c => c.Id).SingleAsync());
        var member = (await app.WithDbAsync(db => db.Set<Gonghui.Platform.Identity.AppUser>().Where(u => u.UserName == "worker")
            .Select(u => u.MemberId).SingleAsync()))!.Value;
        var team = await app.WithDbAsync(db => db.Set<Gonghui.Modules.Skills.TeamContests.ContestTeamMember>()
            .Where(m => m.ContestId == contest && m.MemberId == member).Select(m => (Guid?)m.TeamId).FirstOrDefaultAsync());
        if (team is null)
        {
            var first = await app.WithDbAsync(db => db.Set<Gonghui.Modules.Skills.TeamContests.ContestTeam>().Where(t => t.ContestId == contest)
                .OrderBy(t => t.RegisteredAt).Select(t => t.Id).FirstAsync());
            team = first;
            await app.WithDbAsync(db => { db.Add(Gonghui.Modules.Skills.TeamContests.ContestTeamMember.Of(contest, first, member, "演示职工")); return db.SaveChangesAsync(); });
        }
        var teamName = await app.WithDbAsync(db => db.Set<Gonghui.Modules.Skills.TeamContests.ContestTeam>().Where(t => t.Id == team).Select(t => t.Name).SingleAsync());

        var worker = await app.SignedInPageAsync("worker", new ViewportSize { Width = 390, Height = 844 }); // a phone
        await worker.GotoAsync("/skills/mine");
        var card = worker.Locator("[data-testid=my-team]", new() { HasText = "2020年京津冀交通一体化重点工程劳动竞赛" });
        await card.WaitForAsync();
        Assert.Equal(teamName, await card.Locator("[data-testid=my-team-name]").InnerTextAsync());
        Assert.Equal(3, await card.Locator("[data-testid=my-team-stages] tbody tr").CountAsync());
        Assert.Matches(@"^\d+\.\d{2} · 第\d+名$", (await card.Locator("[data-testid=my-team-stages] tbody tr >> nth=0 >> td >> nth=3").InnerTextAsync()).Trim());
        Assert.Matches(@"名次 \d+ / \d+ · 累计得分\s+\d+\.\d{2}", await card.Locator("[data-testid=my-team-result]").InnerTextAsync());
    }
}
