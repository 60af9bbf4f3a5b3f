using Gonghui.Modules.ModelWorkers.Contest;
using Gonghui.Modules.ModelWorkers.ReadingRooms;
using Gonghui.Modules.ModelWorkers.Rules;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Gonghui.Tests.ModelWorkers;

/// <summary>The editing pages of reading rooms and speech contests: bad input said next to the field (nothing written), then saved and changed.</summary>
[Collection("browser")]
public sealed class ModelWorkersBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly ViewportSize Phone = new() { Width = 375, Height = 740 };

    [Fact]
    public async Task Staff_register_a_reading_room_on_a_phone_and_change_its_hours()
    {
        var name = "浏览器测试书屋" + Guid.NewGuid().ToString("N")[..4];
        var page = await app.SignedInPageAsync("dongcheng", Phone);
        await page.GotoAsync("/model-workers/reading-rooms");
        await page.ClickAsync("[data-testid=room-new]");
        await page.WaitForURLAsync("**/model-workers/reading-rooms/new");
        await page.FillAsync("#name", name);
        await page.FillAsync("#address", "北京市东城区东四北大街1号");
        // Shanghai's coordinates, no books, closing before opening, no day ticked: each said next to its field, nothing written.
        await page.FillAsync("#lat", "31.23");
        await page.FillAsync("#lng", "121.47");
        await page.FillAsync("#area", "80");
        await page.FillAsync("#opens", "18:00");
        await page.FillAsync("#closes", "09:00");
        foreach (var box in await page.Locator("input[name=Days]").AllAsync()) await box.UncheckAsync();
        await page.ClickAsync("[data-testid=room-save]");
        await page.WaitForSelectorAsync(".field-error");
        Assert.Contains("北京", await page.InnerTextAsync(".field:has(#lat) .field-error"));
        Assert.Contains("藏书", await page.InnerTextAsync(".field:has(#books) .field-error"));
        Assert.Contains("闭馆", await page.InnerTextAsync(".field:has(#closes) .field-error"));
        Assert.Contains("开放日", await page.InnerTextAsync("fieldset .field-error"));
        Assert.Equal(name, await page.InputValueAsync("#name")); // what was typed stays
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ReadingRoom>().CountAsync(r => r.Name == name)));
        Assert.True(await page.EvaluateAsync<bool>("document.scrollingElement.scrollWidth <= 375"), "the form scrolls sideways at 375 px");

        await page.FillAsync("#lat", "39.9310");
        await page.FillAsync("#lng", "116.4170");
        await page.FillAsync("#books", "3200");
        await page.FillAsync("#opens", "09:00");
        await page.FillAsync("#closes", "18:00");
        foreach (var day in new[] { "1", "2", "4", "8", "16" }) await page.CheckAsync($"input[name=Days][value='{day}']");
        // The owning unit is picked from the registry: the units of 东城's subtree only (the staff's own union first, by path).
        var choices = await page.Locator("#unitId option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
        var choiceIds = choices.Select(Guid.Parse).ToList();
        var paths = await app.WithDbAsync(db => Gonghui.Modules.Organizations.Public.RegistryQueries.UnitRows(db)
            .Where(u => choiceIds.Contains(u.Id)).Select(u => u.Path).ToListAsync());
        Assert.True(choices.Length > 1 && paths.Count == choices.Length, string.Join(", ", paths));
        Assert.All(paths, p => Assert.StartsWith("/BJ/DC/", p));
        Assert.Equal("/BJ/DC/", paths.Min(StringComparer.Ordinal));
        await page.PickByTypingAsync("#unitId", choices[1]);
        await page.ClickAsync("[data-testid=room-save]");
        await page.WaitForURLAsync("**/model-workers/reading-rooms/*-*/edit?saved=1");
        await page.WaitForSelectorAsync("[data-testid=room-saved]");
        var room = await app.WithDbAsync(db => db.Set<ReadingRoom>().AsNoTracking().SingleAsync(r => r.Name == name));
        Assert.Equal((3200, 80, OpenDays.Weekdays), (room.Books, room.AreaSqm, room.Days));
        Assert.Equal(Guid.Parse(choices[1]), room.UnitId);
        Assert.StartsWith("/BJ/DC/", room.ScopePath);
        Assert.NotEqual("/BJ/DC/", room.ScopePath);
        // Changing the room keeps its unit: the picker shows it, fixed.
        Assert.Equal(choices[1], await page.InputValueAsync("#unitId"));
        Assert.True(await page.IsDisabledAsync("#unitId"));

        // Open on Saturdays too, until eight.
        await page.FillAsync("#closes", "20:00");
        await page.CheckAsync("input[name=Days][value='32']");
        await page.ClickAsync("[data-testid=room-save]");
        await page.WaitForSelectorAsync("[data-testid=room-saved]");
        room = await app.WithDbAsync(db => db.Set<ReadingRoom>().AsNoTracking().SingleAsync(r => r.Name == name));
        Assert.Equal((new TimeOnly(20, 0), OpenDays.Weekdays | OpenDays.Sat), (room.ClosesAt, room.Days));
    }

    [Fact]
    public async Task The_federation_sets_up_a_speech_contest_and_changes_it_while_the_preliminary_is_open()
    {
        var name = "浏览器测试演讲比赛" + Guid.NewGuid().ToString("N")[..4];
        var page = await app.SignedInPageAsync("admin");
        await page.GotoAsync("/model-workers/contests");
        await page.ClickAsync("[data-testid=contest-new]");
        await page.WaitForURLAsync("**/model-workers/contests/new");
        await page.FillAsync("#name", name);
        await page.FillAsync("#semi", "10");
        await page.FillAsync("#finalists", "10");
        await page.FillAsync("#perUnit", "30");
        await page.ClickAsync("[data-testid=contest-save]");
        await page.WaitForSelectorAsync(".field-error");
        Assert.Contains("少于复赛", await page.InnerTextAsync(".field:has(#finalists) .field-error"));
        Assert.Contains("1至20", await page.InnerTextAsync(".field:has(#perUnit) .field-error"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<SpeechContest>().CountAsync(c => c.Name == name)));

        await page.FillAsync("#finalists", "5");
        await page.FillAsync("#perUnit", "2");
        await page.SelectOptionAsync("#tie", "Shared");
        await page.ClickAsync("[data-testid=contest-save]");
        await page.WaitForURLAsync(u => u.Contains("/model-workers/contests/") && !u.EndsWith("/new"));
        var contest = await app.WithDbAsync(db => db.Set<SpeechContest>().AsNoTracking().SingleAsync(c => c.Name == name));
        Assert.Equal((10, 5, 2, Gonghui.Modules.Skills.Public.JudgingTieRule.Shared), (contest.SemiFinalists, contest.Finalists, contest.EntriesPerUnit, contest.Tie));

        await page.GotoAsync($"/model-workers/contests/{contest.Id}/edit");
        Assert.Equal("10", await page.InputValueAsync("#semi"));
        await page.FillAsync("#semi", "12");
        await page.ClickAsync("[data-testid=contest-save]");
        await page.WaitForURLAsync($"**/model-workers/contests/{contest.Id}");
        Assert.Equal(12, await app.WithDbAsync(db => db.Set<SpeechContest>().Where(c => c.Id == contest.Id).Select(c => c.SemiFinalists).SingleAsync()));
    }
}
