using System.Net;
using Gonghui.Modules.Venues;
using Gonghui.Platform.Http;
using Gonghui.Tests.Infrastructure;
using Gonghui.Modules.Venues.Listing;

namespace Gonghui.Tests.Platform;

/// <summary>
/// The first slice's capped count is kept for a while per scope and filters (<see cref="ListCounts"/>), labelled
/// <c>totalIsCached</c>, and taken again as soon as a change to the list's rows is saved; another scope or filter has its own.
/// </summary>
public abstract class ListCountTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private static object Venue(string name) => new
    {
        type = "WarmStation", isPublicArea = false, name, address = "测试路1号", districtCode = "110101", lat = -30.5, lng = -30.5, crs = "wgs84",
        hours = "24/7", amenities = new[] { "HotWater" }, capacity = 10, phone = "010-12345678", certification = "District", published = true,
    };

    [Fact]
    public async Task A_first_slice_count_is_reused_labelled_and_taken_again_after_a_change()
    {
        var dc = await app.ClientAsync("dongcheng");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var url = $"/api/v1/venues?q={tag}";
        var created = await dc.PostJsonAsync("/api/v1/venues", Venue($"计数{tag}甲"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var first = (await dc.GetJsonAsync<Slice<VenueStaffDto>>(url))!;
        Assert.Equal(1, first.TotalEstimate);
        Assert.True(first.TotalIsExact);
        Assert.False(first.TotalIsCached);
        var again = (await dc.GetJsonAsync<Slice<VenueStaffDto>>(url))!;
        Assert.Equal(1, again.TotalEstimate);
        Assert.True(again.TotalIsCached);
        // Another scope has its own count.
        var xicheng = (await (await app.ClientAsync("xicheng")).GetJsonAsync<Slice<VenueStaffDto>>(url))!;
        Assert.Equal(0, xicheng.TotalEstimate);

        // A saved change to the list's table drops the kept count: the next first slice counts again.
        var second = (await (await dc.PostJsonAsync("/api/v1/venues", Venue($"计数{tag}乙"))).ReadJsonAsync<VenueStaffDto>())!;
        var afterAdd = (await dc.GetJsonAsync<Slice<VenueStaffDto>>(url))!;
        Assert.Equal(2, afterAdd.TotalEstimate);
        Assert.False(afterAdd.TotalIsCached);
        Assert.Equal(HttpStatusCode.NoContent, (await dc.DeleteAsync($"/api/v1/venues/{second.Id}")).StatusCode);
        var afterDelete = (await dc.GetJsonAsync<Slice<VenueStaffDto>>(url))!;
        Assert.Equal(1, afterDelete.TotalEstimate);
        Assert.False(afterDelete.TotalIsCached);

        // Later slices carry the first slice's count in the cursor: labelled too.
        await dc.PostJsonAsync("/api/v1/venues", Venue($"计数{tag}丙"));
        var top = (await dc.GetJsonAsync<Slice<VenueStaffDto>>(url + "&limit=1"))!;
        Assert.Equal(2, top.TotalEstimate);
        var next = (await dc.GetJsonAsync<Slice<VenueStaffDto>>($"{url}&limit=1&after={Uri.EscapeDataString(top.Next!)}"))!;
        Assert.Equal(2, next.TotalEstimate);
        Assert.True(next.TotalIsCached);
    }
}

public sealed class ListCountTests_Sqlite(SqliteApp app) : ListCountTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class ListCountTests_Postgres(PostgresApp app) : ListCountTests<PostgresApp>(app), IClassFixture<PostgresApp>;
