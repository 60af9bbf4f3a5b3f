using Gonghui.Modules.Organizations.Units;
using Gonghui.Modules.Venues.Indicators;
using Gonghui.Tests.Indicators;
using Gonghui.Tests.Infrastructure;
using Gonghui.Tests.MutualAid;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Tests.Venues;

/// <summary>The venues' report figures from venues recorded through the API in a union of their own, before and after the period's end.</summary>
public abstract class VenuesIndicatorsTests<TApp>(TApp app) : IndicatorTests<TApp>(app) where TApp : GonghuiApp, IIndicatorsApp
{
    private static object Venue(Guid unitId, string type, bool published, bool publicArea = false) => new
    {
        type, isPublicArea = publicArea, name = "指标测试" + type + Guid.NewGuid().ToString("N")[..4], unitId, address = "测试路1号", districtCode = "110101",
        lat = 39.92, lng = 116.41, crs = "wgs84", hours = "24/7", amenities = new[] { "HotWater" }, capacity = 10, phone = "010-12345678", certification = "District", published,
    };

    [Fact]
    public async Task Venues_by_kind_and_on_the_map_count_what_was_recorded_by_the_period_end_in_scope()
    {
        var day = FreshDay();
        var (union, _) = await FundsTestData.GrassrootsWithMembersAsync(App, "/BJ/DC/", 0);
        var path = await App.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Id == union).Select(u => u.Path).SingleAsync());
        var dc = await ClientAsync("dongcheng");
        await Api.OkAsync(dc, "/api/v1/venues", Venue(union, "WorkersHome", published: true, publicArea: true));
        await Api.OkAsync(dc, "/api/v1/venues", Venue(union, "WorkersHome", published: true));
        await Api.OkAsync(dc, "/api/v1/venues", Venue(union, "WarmStation", published: true));
        await Api.OkAsync(dc, "/api/v1/venues", Venue(union, "WarmStation", published: false));
        await Api.OkAsync(dc, "/api/v1/venues", Venue(union, "MotherBabyRoom", published: false));
        await Api.OkAsync(dc, "/api/v1/venues", Venue(union, "ServiceStation", published: true));
        Clock.Advance(TimeSpan.FromDays(1));
        await Api.OkAsync(await ClientAsync("dongcheng"), "/api/v1/venues", Venue(union, "ServiceStation", published: true)); // after the period

        var f = await FiguresAsync<VenuesIndicators>(Day(day, path));
        f.Is("venues.workers-homes", 2);
        f.Is("venues.warm-stations", 2);
        f.Is("venues.mother-baby-rooms", 1);
        f.Is("venues.service-stations", 1);
        f.Is("venues.map.service-stations", 1);
        f.Is("venues.map.public-workers-homes", 1);
        f.Is("venues.map.warm-stations", 1);
        var next = await FiguresAsync<VenuesIndicators>(Day(day.AddDays(1), path));
        next.Is("venues.service-stations", 2);
        next.Is("venues.map.service-stations", 2);
        (await FiguresAsync<VenuesIndicators>(Day(day.AddDays(-1), path))).AllNoData();
        var dcAll = await FiguresAsync<VenuesIndicators>(Day(day, "/BJ/DC/"));
        var xc = await FiguresAsync<VenuesIndicators>(Day(day, "/BJ/XC/"));
        Assert.True(dcAll.Value("venues.workers-homes") >= 2);
        var xcBefore = xc.Value("venues.workers-homes");
        Assert.Equal(xcBefore, (await FiguresAsync<VenuesIndicators>(Day(day.AddDays(1), "/BJ/XC/"))).Value("venues.workers-homes"));
    }
}

[Collection(IndicatorsCollections.Sqlite)]
public sealed class VenuesIndicatorsTests_Sqlite(SqliteIndicatorsApp app) : VenuesIndicatorsTests<SqliteIndicatorsApp>(app);

[Collection(IndicatorsCollections.Postgres)]
public sealed class VenuesIndicatorsTests_Postgres(PostgresIndicatorsApp app) : VenuesIndicatorsTests<PostgresIndicatorsApp>(app);
