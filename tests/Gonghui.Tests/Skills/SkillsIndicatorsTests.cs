using Gonghui.Modules.Skills.Indicators;
using Gonghui.Tests.Indicators;
using Gonghui.Tests.Infrastructure;
using Gonghui.Tests.MutualAid;

namespace Gonghui.Tests.Skills;

/// <summary>The skills report figures from contests, entries and a Great Craftsman selection worked through the API, inside and outside the period and the scope.</summary>
public abstract class SkillsIndicatorsTests<TApp>(TApp app) : IndicatorTests<TApp>(app) where TApp : GonghuiApp, IIndicatorsApp
{
    private const string Base = "/api/v1/skills";

    private static async Task<Guid> ContestAsync(HttpClient admin, DateOnly startsOn) => (await Api.OkAsync(admin, $"{Base}/contests", new
    {
        code = "IND-" + Guid.NewGuid().ToString("N")[..10], year = startsOn.Year, name = "指标测试技协杯", startsOn, membersOnly = true,
        minAge = 18, maxAge = 60, leniency = "None", tieRule = "JudgementFirst", drawSeed = 42, appealHours = 24,
    })).Id();

    private static async Task<Guid> TradeAsync(HttpClient admin, Guid contest, string code, string name) => (await Api.OkAsync(admin, $"{Base}/contests/{contest}/trades", new
    {
        code, name, quotaPerUnit = 5, stations = 2, titlePlaces = 1,
        aspects = new object[] { new { code = "M1", name = "尺寸精度", kind = "Measurement", maxMark = 100 } },
    })).Id();

    [Fact]
    public async Task Trades_entries_and_craftsmen_count_the_period_and_scope()
    {
        var day = FreshDay();
        var admin = await ClientAsync("admin");
        var dc = await ClientAsync("dongcheng");
        var xc = await ClientAsync("xicheng");
        var (union, members) = await FundsTestData.GrassrootsWithMembersAsync(App, "/BJ/DC/", 7);
        var (xcUnion, xcMembers) = await FundsTestData.GrassrootsWithMembersAsync(App, "/BJ/XC/", 2);

        var contest = await ContestAsync(admin, day);
        var lathe = await TradeAsync(admin, contest, "T01", "车工");
        var welding = await TradeAsync(admin, contest, "T02", "焊工");
        await TradeAsync(admin, contest, "T03", "钳工");                                             // no entrant
        foreach (var m in members.Take(2)) await Api.OkAsync(dc, $"{Base}/trades/{lathe}/entries", new { memberId = m.Id, unitId = union });
        await Api.OkAsync(dc, $"{Base}/trades/{welding}/entries", new { memberId = members[2].Id, unitId = union });
        await Api.OkAsync(xc, $"{Base}/trades/{lathe}/entries", new { memberId = xcMembers[0].Id, unitId = xcUnion });
        var nextContest = await ContestAsync(admin, day.AddDays(1));                                 // starts after the period
        await Api.OkAsync(dc, $"{Base}/trades/{await TradeAsync(admin, nextContest, "T01", "车工")}/entries", new { memberId = members[3].Id, unitId = union });

        var selection = (await Api.OkAsync(admin, $"{Base}/craftsmen", new { year = day.Year, name = $"{day.Year}年北京大工匠选树", trades = new[] { "车工", "焊工" } })).Id();
        async Task<Guid> NominateAsync(HttpClient c, string trade, Guid member, Guid unit, decimal challenge, decimal review)
        {
            var candidate = await Api.OkAsync(c, $"{Base}/craftsmen/{selection}/nominations", new { trade, memberId = member, unitId = unit, frontLine = true, yearsInTrade = 20, story = "扎根一线" });
            await Api.OkAsync(admin, $"{Base}/craftsmen/candidates/{candidate.Id()}/scores", new { challenge, review = new[] { review, review, review } });
            return candidate.Id();
        }
        await NominateAsync(dc, "车工", members[4].Id, union, 90m, 80m);   // 大工匠
        await NominateAsync(dc, "车工", members[5].Id, union, 85m, 80m);   // 提名奖
        await NominateAsync(dc, "车工", members[6].Id, union, 70m, 70m);   // neither
        await NominateAsync(xc, "焊工", xcMembers[1].Id, xcUnion, 90m, 90m); // 大工匠 of another district
        await Api.OkAsync(admin, $"{Base}/craftsmen/{selection}/decision");
        await Api.OkAsync(admin, $"{Base}/craftsmen/{selection}/announcement");

        var f = await FiguresAsync<SkillsIndicators>(Day(day, "/BJ/DC/"));
        f.Is("skills.trades", 2);
        f.Is("skills.entrants", 3);
        f.Is("skills.craftsmen", 1);
        f.Is("skills.craftsmen.nominees", 1);
        var city = await FiguresAsync<SkillsIndicators>(Day(day, "/BJ/"));
        city.Is("skills.trades", 2);
        city.Is("skills.entrants", 4);
        city.Is("skills.craftsmen", 2);
        city.Is("skills.craftsmen.nominees", 1);
        var next = await FiguresAsync<SkillsIndicators>(Day(day.AddDays(1), "/BJ/DC/"));
        next.Is("skills.entrants", 1);
        next.IsNoData("skills.craftsmen");
    }
}

[Collection(IndicatorsCollections.Sqlite)]
public sealed class SkillsIndicatorsTests_Sqlite(SqliteIndicatorsApp app) : SkillsIndicatorsTests<SqliteIndicatorsApp>(app);

[Collection(IndicatorsCollections.Postgres)]
public sealed class SkillsIndicatorsTests_Postgres(PostgresIndicatorsApp app) : SkillsIndicatorsTests<PostgresIndicatorsApp>(app);
