using Gonghui.Modules.Innovation.Indicators;
using Gonghui.Modules.Innovation.Rules;
using Gonghui.Modules.Innovation.Studios;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Tests.Indicators;
using Gonghui.Tests.Infrastructure;
using Gonghui.Tests.MutualAid;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Tests.Innovation;

/// <summary>Innovation's report figures from studios recognised and patent awards paid through the API, inside and outside the period and the scope.</summary>
public abstract class InnovationIndicatorsTests<TApp>(TApp app) : IndicatorTests<TApp>(app) where TApp : GonghuiApp, IIndicatorsApp
{
    private const string Base = "/api/v1/innovation";

    private async Task<Guid> StudioAsync(HttpClient dc, HttpClient admin, Guid union, Guid leader, StudioLevel level, bool recognise)
    {
        var s = await Api.OkAsync(dc, $"{Base}/studios", new
        {
            name = "指标创新工作室" + Guid.NewGuid().ToString("N")[..6], kind = StudioKind.ModelWorker, level, field = "智能制造", unitId = union,
            leaderMemberId = leader, memberIds = Array.Empty<Guid>(),
        });
        if (!recognise) return s.Id();
        await Api.OkAsync(dc, $"{Base}/studios/{s.Id()}/transitions", new { action = StudioAction.UnitApprove });
        await Api.OkAsync(dc, $"{Base}/studios/{s.Id()}/transitions", new { action = StudioAction.DistrictApprove });
        await Api.OkAsync(admin, $"{Base}/studios/{s.Id()}/transitions", new { action = StudioAction.FederationApprove });
        var yesterday = Today.AddDays(-1);
        await App.WithDbAsync(db => db.Set<InnovationStudio>().Where(x => x.Id == s.Id()).ExecuteUpdateAsync(x => x.SetProperty(st => st.PublicityEndsOn, yesterday)));
        await Api.OkAsync(admin, $"{Base}/studios/{s.Id()}/transitions", new { action = StudioAction.Recognise });
        return s.Id();
    }

    private static string NewPatentNumber(int year)
    {
        var digits = $"{year}1{Random.Shared.Next(1_000_000, 9_999_999)}";
        return "ZL" + digits + "." + PatentNumber.CheckCharacter(digits);
    }

    private async Task<Guid> ApprovedPatentAsync(HttpClient dc, HttpClient admin, Guid member)
    {
        var award = await Api.OkAsync(dc, $"{Base}/patent-awards", new
        {
            patentNumber = NewPatentNumber(Today.Year - 1), title = "一种地铁信号故障诊断装置", grantedOn = new DateOnly(Today.Year, 1, 2), employer = "北京市地铁运营有限公司",
            memberId = member, frontLine = true, firstInventor = true,
        });
        Assert.Equal(3_000_00, award.Long("amountFen"));
        await Api.OkAsync(admin, $"{Base}/patent-awards/{award.Id()}/approve");
        return award.Id();
    }

    [Fact]
    public async Task Studios_by_level_and_patent_awards_count_the_period_and_scope()
    {
        var day = FreshDay();
        var (union, members) = await FundsTestData.GrassrootsWithMembersAsync(App, "/BJ/DC/", 6);
        var path = await App.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Id == union).Select(u => u.Path).SingleAsync());
        var dc = await ClientAsync("dongcheng");
        var admin = await ClientAsync("admin");
        var officer = await ClientAsync("fundofficer");
        await StudioAsync(dc, admin, union, members[0].Id, StudioLevel.Municipal, recognise: true);
        await StudioAsync(dc, admin, union, members[1].Id, StudioLevel.District, recognise: true);
        await StudioAsync(dc, admin, union, members[2].Id, StudioLevel.Municipal, recognise: false); // applied, not recognised
        var paid = await ApprovedPatentAsync(dc, admin, members[3].Id);
        var later = await ApprovedPatentAsync(dc, admin, members[4].Id);
        await ApprovedPatentAsync(dc, admin, members[5].Id);                                   // approved, never paid
        await Api.OkAsync(officer, $"{Base}/patent-awards/{paid}/pay");
        Clock.Advance(TimeSpan.FromDays(1));
        await Api.OkAsync(await ClientAsync("fundofficer"), $"{Base}/patent-awards/{later}/pay");

        var f = await FiguresAsync<InnovationIndicators>(Day(day, path));
        f.Is("innovation.studios", 2);
        f.Is("innovation.studios.municipal", 1);
        f.Is("innovation.studios.district", 1);
        f.IsNoData("innovation.studios.municipal-model");
        f.Is("innovation.patents", 1);
        f.Is("innovation.patents.amount", 3_000_00);
        f.IsNoData("innovation.projects");
        f.IsNoData("innovation.projects.amount");
        var next = await FiguresAsync<InnovationIndicators>(Day(day.AddDays(1), path));
        next.Is("innovation.studios", 2);
        next.Is("innovation.patents", 1);
        var before = await FiguresAsync<InnovationIndicators>(Day(day.AddDays(-1), path));
        before.AllNoData();
        var xc = await FiguresAsync<InnovationIndicators>(Day(day, await PathOfAsync("XC")));
        xc.IsNoData("innovation.patents");
    }
}

[Collection(IndicatorsCollections.Sqlite)]
public sealed class InnovationIndicatorsTests_Sqlite(SqliteIndicatorsApp app) : InnovationIndicatorsTests<SqliteIndicatorsApp>(app);

[Collection(IndicatorsCollections.Postgres)]
public sealed class InnovationIndicatorsTests_Postgres(PostgresIndicatorsApp app) : InnovationIndicatorsTests<PostgresIndicatorsApp>(app);
