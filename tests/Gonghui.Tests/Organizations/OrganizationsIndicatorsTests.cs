using Gonghui.Modules.Organizations.Indicators;
using Gonghui.Tests.Indicators;
using Gonghui.Tests.Infrastructure;
using Gonghui.Tests.Loans;
using Gonghui.Tests.MutualAid;

namespace Gonghui.Tests.Organizations;

/// <summary>The registry's report figures from a union, its enterprises and members recorded through the API, before and after the period's end.</summary>
public abstract class OrganizationsIndicatorsTests<TApp>(TApp app) : IndicatorTests<TApp>(app) where TApp : GonghuiApp, IIndicatorsApp
{
    private static object Member(Guid unionId, string employmentType, DateOnly joinedOn) => new
    {
        name = "指标会员" + Guid.NewGuid().ToString("N")[..4], idNumber = FundsTestData.NewIdNumber(Random.Shared), employmentType, joinedOn = joinedOn.ToString("yyyy-MM-dd"), unionId,
    };

    private static object Firm(Guid unionId, DateOnly? unionFoundedOn) => new
    {
        name = "指标企业" + Guid.NewGuid().ToString("N")[..6], creditCode = LoansTestData.NewCreditCode(), districtCode = "110101", ownership = "Private", employees = 20,
        revenueFen = 1_000_000_00L, unionFoundedOn, grassrootsUnionId = unionId,
    };

    [Fact]
    public async Task Units_enterprises_and_members_count_the_scope_at_the_period_end()
    {
        var day = FreshDay();
        var dc = await ClientAsync("dongcheng");
        var unit = await Api.OkAsync(dc, "/api/v1/orgs", new { parentId = await UnitIdAsync("DC"), code = "IND" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), name = "指标测试基层工会", kind = "GrassrootsUnion" });
        var path = unit.GetProperty("path").GetString()!;
        foreach (var _ in Enumerable.Range(0, 3)) await Api.OkAsync(dc, "/api/v1/members", Member(unit.Id(), "Regular", new DateOnly(2015, 3, 1)));
        await Api.OkAsync(dc, "/api/v1/members", Member(unit.Id(), "DispatchWorker", day));
        await Api.OkAsync(dc, "/api/v1/enterprises", Firm(unit.Id(), new DateOnly(2019, 1, 1)));
        await Api.OkAsync(dc, "/api/v1/enterprises", Firm(unit.Id(), null));
        Clock.Advance(TimeSpan.FromDays(1));
        await Api.OkAsync(await ClientAsync("dongcheng"), "/api/v1/members", Member(unit.Id(), "Regular", day.AddDays(1)));

        var f = await FiguresAsync<OrganizationsIndicators>(Day(day, path));
        f.Is("org.units.grassroots", 1);
        f.IsNoData("org.units.district");
        f.IsNoData("org.units.service");
        f.Is("org.enterprises", 2);
        f.Is("org.enterprises.unionized", 1);
        f.Is("org.members", 4);
        f.Is("org.members.joined", 1);
        f.Is("org.members.dispatch", 1);
        var next = await FiguresAsync<OrganizationsIndicators>(Day(day.AddDays(1), path));
        next.Is("org.members", 5);
        next.Is("org.members.joined", 1);
        next.Is("org.members.dispatch", 1);
        var before = await FiguresAsync<OrganizationsIndicators>(Day(day.AddDays(-1), path));
        before.IsNoData("org.units.grassroots");
        before.Is("org.members", 3);
        before.IsNoData("org.members.joined");
        var city = await FiguresAsync<OrganizationsIndicators>(Day(day, "/BJ/"));
        Assert.True(city.Value("org.units.district") >= 2, "Dongcheng and Xicheng");
        Assert.True(city.Value("org.members") > f.Value("org.members"));
    }
}

[Collection(IndicatorsCollections.Sqlite)]
public sealed class OrganizationsIndicatorsTests_Sqlite(SqliteIndicatorsApp app) : OrganizationsIndicatorsTests<SqliteIndicatorsApp>(app);

[Collection(IndicatorsCollections.Postgres)]
public sealed class OrganizationsIndicatorsTests_Postgres(PostgresIndicatorsApp app) : OrganizationsIndicatorsTests<PostgresIndicatorsApp>(app);
