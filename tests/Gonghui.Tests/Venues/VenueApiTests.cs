using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Modules.Venues;
using Gonghui.Platform.Geo;
using Gonghui.Platform.Http;
using Gonghui.Tests.Infrastructure;
using Gonghui.Modules.Venues.Listing;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Tests.Venues;

/// <summary>The venues API over real HTTP, on SQLite and PostgreSQL.</summary>
public abstract class VenueApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    // Each test works in its own patch of open sea so that nearest queries see only its venues.
    private static (double Lat, double Lng) Patch() => (-40 + Random.Shared.NextDouble() * 30, -40 + Random.Shared.NextDouble() * 20);

    private static object Input(string name, double lat, double lng, string type = "WarmStation", string hours = "24/7",
        string[]? amenities = null, Guid? unitId = null, string crs = "wgs84", bool published = true) => new
    {
        type, isPublicArea = false, name, unitId, address = "测试路1号", districtCode = "110101", lat, lng, crs, hours,
        amenities = amenities ?? ["HotWater", "PhoneCharging"], capacity = 10, phone = "010-12345678", certification = "District", published,
    };

    private async Task<VenueStaffDto> CreateAsync(HttpClient client, object input)
    {
        var res = await client.PostJsonAsync("/api/v1/venues", input);
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return (await res.ReadJsonAsync<VenueStaffDto>())!;
    }

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage res)
    {
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var problem = await res.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    [Theory]
    [InlineData("lat=91&lng=116.4", "lat")]
    [InlineData("lat=39.9&lng=181", "lng")]
    [InlineData("lng=116.4", "lat")]
    [InlineData("lat=39.9&lng=116.4&k=0", "k")]
    [InlineData("lat=39.9&lng=116.4&k=10000", "k")]
    [InlineData("lat=39.9&lng=116.4&type=Spa", "type")]
    [InlineData("lat=39.9&lng=116.4&crs=mercator", "crs")]
    [InlineData("lat=39.9&lng=116.4&amenity=Sauna", "amenity")]
    [InlineData("lat=39.9&lng=116.4&openNow=maybe", "openNow")]
    public async Task Bad_nearest_input_is_a_400_naming_the_parameter(string query, string field)
    {
        var res = await app.CreateClient().GetAsync("/api/v1/venues/nearest?" + query);
        Assert.Contains(field, (await ErrorsAsync(res)).Keys);
    }

    [Theory]
    [InlineData("bbox=116.5,39.95,116.3,39.8")] // south above north
    [InlineData("bbox=116.3,39.8,116.5")]
    [InlineData("bbox=116.3,39.8,116.5,95")]
    [InlineData("bbox=a,b,c,d")]
    public async Task Bad_bbox_is_a_400_naming_bbox(string query)
    {
        var res = await app.CreateClient().GetAsync("/api/v1/venues?" + query);
        Assert.Contains("bbox", (await ErrorsAsync(res)).Keys);
    }

    [Fact]
    public async Task Anonymous_list_without_bbox_asks_for_it_and_staff_writes_need_a_login()
    {
        var anon = app.CreateClient();
        Assert.Contains("bbox", (await ErrorsAsync(await anon.GetAsync("/api/v1/venues"))).Keys);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.PostJsonAsync("/api/v1/venues", Input("x", 1, 1))).StatusCode);
    }

    [Fact]
    public async Task Nearest_returns_published_venues_by_distance_with_filters()
    {
        var staff = await app.ClientAsync("dongcheng");
        var (lat, lng) = Patch();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var far = await CreateAsync(staff, Input($"远站{tag}", lat + 0.02, lng));
        var near = await CreateAsync(staff, Input($"近站{tag}", lat + 0.001, lng));
        var home = await CreateAsync(staff, Input($"职工之家{tag}", lat + 0.005, lng, type: "WorkersHome", hours: "Mo-Fr 09:00-17:00", amenities: ["WiFi"]));
        await CreateAsync(staff, Input($"未发布{tag}", lat, lng, published: false));

        var anon = app.CreateClient();
        var all = await anon.GetJsonAsync<VenueList>($"/api/v1/venues/nearest?lat={lat}&lng={lng}&k=3");
        Assert.Equal([near.Id, home.Id, far.Id], all!.Items.Select(i => i.Id));
        Assert.True(all.Items.Zip(all.Items.Skip(1)).All(p => p.First.DistanceMeters <= p.Second.DistanceMeters));
        Assert.InRange(all.Items[0].DistanceMeters!.Value, 100, 120); // 0.001° of latitude

        var warm = await anon.GetJsonAsync<VenueList>($"/api/v1/venues/nearest?lat={lat}&lng={lng}&k=2&type=WarmStation&amenity=HotWater");
        Assert.Equal([near.Id, far.Id], warm!.Items.Select(i => i.Id));

        // Monday 2026-11-23 03:00 in Shanghai: the workers' home is shut, the 24-hour stations are open.
        var night = await anon.GetJsonAsync<VenueList>($"/api/v1/venues/nearest?lat={lat}&lng={lng}&k=3&openNow=true&at=2026-11-22T19:00:00Z");
        Assert.DoesNotContain(home.Id, night!.Items.Select(i => i.Id));
        var day = await anon.GetJsonAsync<VenueList>($"/api/v1/venues/nearest?lat={lat}&lng={lng}&k=3&openNow=true&at=2026-11-23T02:00:00Z");
        Assert.Contains(home.Id, day!.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Coordinates_are_accepted_and_returned_in_GCJ02_and_BD09()
    {
        var staff = await app.ClientAsync("dongcheng");
        var tag = Guid.NewGuid().ToString("N")[..8];
        // A point in Beijing given in GCJ-02 (as copied from AMap) is stored as WGS-84.
        var wgs = new LatLng(39.93 + Random.Shared.NextDouble() * 0.01, 116.41 + Random.Shared.NextDouble() * 0.01);
        var gcj = ChinaCoordinates.Wgs84ToGcj02(wgs);
        var created = await CreateAsync(staff, Input($"坐标{tag}", gcj.Lat, gcj.Lng, crs: "gcj02"));
        Assert.True(GreatCircle.DistanceMeters(wgs.Lat, wgs.Lng, created.Lat, created.Lng) < 0.05);

        var anon = app.CreateClient();
        var bd = ChinaCoordinates.Wgs84ToBd09(wgs);
        var inBd = await anon.GetJsonAsync<VenueList>($"/api/v1/venues/nearest?lat={bd.Lat}&lng={bd.Lng}&k=1&crs=bd09&type=WarmStation");
        var hit = Assert.Single(inBd!.Items);
        Assert.Equal(created.Id, hit.Id);
        Assert.Equal("bd09", hit.Crs);
        Assert.True(hit.DistanceMeters < 0.1);
        Assert.True(GreatCircle.DistanceMeters(bd.Lat, bd.Lng, hit.Lat, hit.Lng) < 0.05);
    }

    [Fact]
    public async Task Bbox_and_geojson_list_published_venues_in_view()
    {
        var staff = await app.ClientAsync("dongcheng");
        var (lat, lng) = Patch();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var inside = await CreateAsync(staff, Input($"框内{tag}", lat, lng));
        var outside = await CreateAsync(staff, Input($"框外{tag}", lat + 0.5, lng));
        var anon = app.CreateClient();
        string Box() => FormattableString.Invariant($"{lng - 0.01},{lat - 0.01},{lng + 0.01},{lat + 0.01}");
        var list = await anon.GetJsonAsync<VenueList>($"/api/v1/venues?bbox={Box()}");
        Assert.Contains(inside.Id, list!.Items.Select(i => i.Id));
        Assert.DoesNotContain(outside.Id, list.Items.Select(i => i.Id));

        var geo = await anon.GetFromJsonAsync<JsonElement>($"/api/v1/venues.geojson?bbox={Box()}");
        Assert.Equal("FeatureCollection", geo.GetProperty("type").GetString());
        var feature = geo.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("id").GetGuid() == inside.Id);
        var coords = feature.GetProperty("geometry").GetProperty("coordinates");
        Assert.Equal(lng, coords[0].GetDouble(), 5);
        Assert.Equal(lat, coords[1].GetDouble(), 5);
    }

    [Fact]
    public async Task Staff_list_walks_forward_and_back_by_cursor_in_name_order()
    {
        var dongcheng = await app.ClientAsync("dongcheng");
        var (lat, lng) = Patch();
        var tag = Guid.NewGuid().ToString("N")[..8];
        foreach (var n in new[] { "丙", "甲", "乙", "丁", "甲" }) await CreateAsync(dongcheng, Input($"{tag}{n}", lat, lng));
        var all = await KeysetPaging.WalkAsync<VenueStaffDto>(dongcheng, $"/api/v1/venues?q={tag}", v => v.Id,
            inOrder: (a, b) => string.CompareOrdinal(a.Name, b.Name) < 0 || (a.Name == b.Name && a.Id.CompareTo(b.Id) < 0));
        Assert.Equal(5, all.Count);
        Assert.Empty((await (await app.ClientAsync("xicheng")).GetJsonAsync<Slice<VenueStaffDto>>($"/api/v1/venues?q={tag}"))!.Items);
        await KeysetPaging.BadInputIs400Async(dongcheng, "/api/v1/venues");
    }

    [Fact]
    public async Task Staff_edit_and_delete_within_scope_and_others_get_404()
    {
        var dongcheng = await app.ClientAsync("dongcheng");
        var xicheng = await app.ClientAsync("xicheng");
        var (lat, lng) = Patch();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var v = await CreateAsync(dongcheng, Input($"编辑{tag}", lat, lng));

        Assert.Equal(HttpStatusCode.NotFound, (await xicheng.PutJsonAsync($"/api/v1/venues/{v.Id}", Input("抢改", lat, lng))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await xicheng.DeleteAsync($"/api/v1/venues/{v.Id}")).StatusCode);
        var xichengPage = await xicheng.GetJsonAsync<Slice<VenueStaffDto>>($"/api/v1/venues?q={tag}");
        Assert.Empty(xichengPage!.Items);
        var mine = await dongcheng.GetJsonAsync<Slice<VenueStaffDto>>($"/api/v1/venues?q={tag}");
        Assert.Equal(v.Id, Assert.Single(mine!.Items).Id);

        var put = await dongcheng.PutJsonAsync($"/api/v1/venues/{v.Id}", Input($"改名{tag}", lat, lng, hours: "Mo-Fr 22:00-06:00", published: false));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        // Unpublished: gone from the public map at once, still visible to its staff.
        var anon = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync($"/api/v1/venues/{v.Id}")).StatusCode);
        var nearest = await anon.GetJsonAsync<VenueList>($"/api/v1/venues/nearest?lat={lat}&lng={lng}&k=5");
        Assert.DoesNotContain(v.Id, nearest!.Items.Select(i => i.Id));
        var staffView = await dongcheng.GetJsonAsync<VenueStaffDto>($"/api/v1/venues/{v.Id}");
        Assert.Equal($"改名{tag}", staffView!.Name);
        Assert.Equal("Mo-Fr 22:00-06:00", staffView.Hours);

        Assert.Equal(HttpStatusCode.NoContent, (await dongcheng.DeleteAsync($"/api/v1/venues/{v.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dongcheng.GetAsync($"/api/v1/venues/{v.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_unit_outside_scope_or_bad_fields_are_named()
    {
        var admin = await app.ClientAsync("admin");
        var xichengUnit = (await admin.GetJsonAsync<List<OrgUnitDto>>("/api/v1/orgs"))!.Single(u => u.Path == "/BJ/XC/");
        var dongcheng = await app.ClientAsync("dongcheng");
        var res = await dongcheng.PostJsonAsync("/api/v1/venues", Input("越权", 39.9, 116.4, unitId: xichengUnit.Id));
        Assert.Contains("unitId", (await ErrorsAsync(res)).Keys);

        var bad = await dongcheng.PostJsonAsync("/api/v1/venues", new
        {
            type = "Sauna", name = "", address = "x", districtCode = "11", lat = 91.0, lng = 10.0, crs = "wgs84", hours = "sometimes",
            amenities = new[] { "Pool" }, phone = "call me",
        });
        var errors = await ErrorsAsync(bad);
        foreach (var f in new[] { "type", "name", "districtCode", "lat", "hours", "amenities", "phone" }) Assert.Contains(f, errors.Keys);
    }

    [Fact]
    public async Task A_retried_create_with_the_same_idempotency_key_makes_one_venue()
    {
        var staff = await app.ClientAsync("dongcheng");
        var (lat, lng) = Patch();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> Post()
        {
            var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/venues") { Content = JsonContent.Create(Input($"幂等{tag}", lat, lng), options: Json.Options) };
            req.Headers.Add("Idempotency-Key", key);
            return await staff.SendAsync(req);
        }
        var first = await Post();
        var second = await Post();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode); // the first answer, replayed
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((await first.ReadJsonAsync<VenueStaffDto>())!.Id, (await second.ReadJsonAsync<VenueStaffDto>())!.Id);
        var page = await staff.GetJsonAsync<Slice<VenueStaffDto>>($"/api/v1/venues?q={tag}");
        Assert.Equal(1, page!.TotalEstimate);
    }

    private static MultipartFormDataContent Csv(string csv, string name = "venues.csv")
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", name);
        return content;
    }

    [Fact]
    public async Task Import_is_all_or_nothing_unless_invalid_rows_are_skipped()
    {
        var staff = await app.ClientAsync("dongcheng");
        var (lat, lng) = Patch();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var gcj = ChinaCoordinates.Wgs84ToGcj02(new LatLng(39.92, 116.42));
        string I(double v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var csv = "类型,名称,地址,区县,纬度,经度,坐标系,开放时间,设施,电话\n" +
                  $"暖心驿站,导入一{tag},东城区测试路1号,东城区,{I(lat)},{I(lng)},wgs84,24/7,热水、充电,010-11112222\n" +
                  $"WarmStation,导入二{tag},东城区测试路2号,110101,{I(gcj.Lat)},{I(gcj.Lng)},gcj02,Mo-Su 06:00-22:00,HotWater,\n" +
                  $"桑拿房,导入坏{tag},东城区测试路3号,110101,95,{I(lng)},wgs84,whenever,,\n";

        var rejected = await staff.PostAsync("/api/v1/venues/import", Csv(csv));
        var r1 = (await rejected.ReadJsonAsync<VenueImportResult>())!;
        Assert.True(r1.Rejected);
        Assert.Equal(0, r1.Imported);
        Assert.Contains(r1.Errors, e => e.Row == 4 && e.Column == "类型");
        Assert.Contains(r1.Errors, e => e.Row == 4 && e.Column == "纬度");
        Assert.Contains(r1.Errors, e => e.Row == 4 && e.Column == "开放时间");
        Assert.Equal(0, (await staff.GetJsonAsync<Slice<VenueStaffDto>>($"/api/v1/venues?q={tag}"))!.TotalEstimate);

        var report = await staff.PostAsync("/api/v1/venues/import?errorsAs=csv", Csv(csv));
        Assert.Equal("text/csv", report.Content.Headers.ContentType!.MediaType);
        Assert.Contains("4,纬度", await report.Content.ReadAsStringAsync());

        var skipped = await staff.PostAsync("/api/v1/venues/import?skipInvalid=true", Csv(csv));
        var r2 = (await skipped.ReadJsonAsync<VenueImportResult>())!;
        Assert.False(r2.Rejected);
        Assert.Equal(2, r2.Imported);
        Assert.Equal(1, r2.Skipped);
        var page = (await staff.GetJsonAsync<Slice<VenueStaffDto>>($"/api/v1/venues?q={tag}"))!;
        Assert.Equal(2, page.TotalEstimate);
        var second = page.Items.Single(v => v.Name == $"导入二{tag}");
        Assert.True(GreatCircle.DistanceMeters(39.92, 116.42, second.Lat, second.Lng) < 0.05); // GCJ-02 column converted
        Assert.Contains("PhoneCharging", page.Items.Single(v => v.Name == $"导入一{tag}").Amenities);
        // Imported venues are on the public map straight away.
        var near = await app.CreateClient().GetJsonAsync<VenueList>($"/api/v1/venues/nearest?lat={lat}&lng={lng}&k=1");
        Assert.Equal($"导入一{tag}", near!.Items.Single().Name);
    }

    [Fact]
    public async Task Import_without_required_columns_names_them()
    {
        var staff = await app.ClientAsync("dongcheng");
        var res = await staff.PostAsync("/api/v1/venues/import", Csv("名称,地址\nx,y\n"));
        var r = (await res.ReadJsonAsync<VenueImportResult>())!;
        Assert.True(r.Rejected);
        Assert.Contains(r.Errors, e => e.Row == 1 && e.Column == "类型");
        Assert.Contains(r.Errors, e => e.Row == 1 && e.Column == "纬度");
    }

    [Fact]
    public async Task Coverage_counts_venues_per_district_in_scope()
    {
        var dongcheng = await app.ClientAsync("dongcheng");
        var report = await dongcheng.GetJsonAsync<CoverageReport>("/api/v1/venues/coverage");
        var row = Assert.Single(report!.Rows);
        Assert.Equal("110101", row.DistrictCode);
        Assert.Equal(row.WorkersHomes + row.WarmStations + row.MotherBabyRooms + row.ServiceStations, row.Venues);
        Assert.True(row.WarmStationsOpenAtNight <= row.WarmStations);
        var local = TimeZoneInfo.ConvertTime(report.NightCheckAt, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Assert.Equal(2, local.Hour);
        var admin = await app.ClientAsync("admin");
        Assert.Equal(16, (await admin.GetJsonAsync<CoverageReport>("/api/v1/venues/coverage"))!.Rows.Count);
    }

    [Fact]
    public async Task Demo_venues_exist_in_the_federations_proportions()
    {
        var admin = await app.ClientAsync("admin");
        var report = (await admin.GetJsonAsync<CoverageReport>("/api/v1/venues/coverage"))!;
        int warm = report.Rows.Sum(r => r.WarmStations), homes = report.Rows.Sum(r => r.WorkersHomes);
        Assert.True(warm >= 12 && homes >= 9, $"{warm} warm stations, {homes} homes");
        Assert.True(warm > homes);
        Assert.True(report.Rows.Sum(r => r.ServiceStations) >= 1);
    }

    private sealed record Hit(string Kind, string Label, string? Detail, double Lat, double Lng, Guid? Id, string? VenueType);
    private sealed record Hits(List<Hit> Items);
    private sealed record Room(Guid Id, string Name, string Address, string? DistrictCode, double Lat, double Lng, string Hours, int Books);

    [Fact]
    public async Task The_map_search_finds_districts_venues_by_street_employers_and_reading_rooms_without_sign_in()
    {
        var anon = app.CreateClient();
        Assert.Empty((await anon.GetJsonAsync<Hits>("/api/v1/venues/search?q="))!.Items);
        Assert.Contains("q", (await ErrorsAsync(await anon.GetAsync("/api/v1/venues/search?q=" + new string('路', 61)))).Keys);

        // A district by its short name.
        var chaoyang = (await anon.GetJsonAsync<Hits>("/api/v1/venues/search?q=" + Uri.EscapeDataString("朝阳")))!.Items;
        Assert.Contains(chaoyang, h => h.Kind == "district" && h.Label == "朝阳区" && h.Lat is > 39.7 and < 40.2);

        // A venue by a piece of its street address (published: on the map at once).
        var tag = Guid.NewGuid().ToString("N")[..6];
        var staff = await app.ClientAsync("dongcheng");
        var created = await CreateAsync(staff, new
        {
            type = "WarmStation", isPublicArea = false, name = "搜索驿站" + tag, address = $"东城区搜索{tag}胡同8号", districtCode = "110101",
            lat = 39.93, lng = 116.41, crs = "wgs84", hours = "Mo-Su 06:00-22:00", amenities = new[] { "HotWater" }, published = true,
        });
        var byStreet = (await anon.GetJsonAsync<Hits>("/api/v1/venues/search?q=" + Uri.EscapeDataString($"搜索{tag}胡同")))!.Items;
        var venue = Assert.Single(byStreet, h => h.Kind == "venue");
        Assert.Equal(created.Id, venue.Id);
        Assert.Equal("搜索驿站" + tag, venue.Label);
        Assert.Equal("WarmStation", venue.VenueType);
        Assert.Equal(39.93, venue.Lat, 5);
        // Unpublished venues are not searchable.
        var hidden = await CreateAsync(staff, new
        {
            type = "WarmStation", isPublicArea = false, name = "隐藏驿站" + tag, address = $"东城区隐藏{tag}号", districtCode = "110101",
            lat = 39.93, lng = 116.41, crs = "wgs84", hours = "24/7", amenities = new[] { "HotWater" }, published = false,
        });
        Assert.DoesNotContain((await anon.GetJsonAsync<Hits>("/api/v1/venues/search?q=" + Uri.EscapeDataString("隐藏" + tag)))!.Items, h => h.Id == hidden.Id);

        // An employer from the registry, by name and by credit code.
        var firm = await app.WithDbAsync(db => Gonghui.Modules.Organizations.Public.RegistryQueries.EnterpriseRows(db)
            .OrderBy(e => e.Name).Select(e => new { e.Name, e.CreditCode }).FirstAsync());
        var byName = (await anon.GetJsonAsync<Hits>("/api/v1/venues/search?q=" + Uri.EscapeDataString(firm.Name)))!.Items;
        Assert.Contains(byName, h => h.Kind == "employer" && h.Label == firm.Name);
        var byCode = (await anon.GetJsonAsync<Hits>("/api/v1/venues/search?q=" + firm.CreditCode.ToLowerInvariant()))!.Items;
        Assert.Contains(byCode, h => h.Kind == "employer" && h.Label == firm.Name);

        // Reading rooms (ModelWorkers' public read interface): by name in the search, and as a layer by box.
        var room = await app.WithDbAsync(db => db.Set<Gonghui.Modules.ModelWorkers.ReadingRooms.ReadingRoom>()
            .OrderBy(r => r.Name).Select(r => new { r.Id, r.Name, r.Address, r.Lat, r.Lng }).FirstAsync());
        var byRoom = (await anon.GetJsonAsync<Hits>("/api/v1/venues/search?q=" + Uri.EscapeDataString(room.Address)))!.Items;
        Assert.Contains(byRoom, h => h.Kind == "readingRoom" && h.Id == room.Id);
        var box = FormattableString.Invariant($"{room.Lng - 0.01},{room.Lat - 0.01},{room.Lng + 0.01},{room.Lat + 0.01}");
        var inBox = (await anon.GetJsonAsync<List<Room>>("/api/v1/venues/reading-rooms?bbox=" + box))!;
        Assert.Contains(inBox, r => r.Id == room.Id && r.Hours.Contains(':') && r.Books > 0);
        Assert.All(inBox, r => Assert.True(Math.Abs(r.Lat - room.Lat) <= 0.0100001 && Math.Abs(r.Lng - room.Lng) <= 0.0100001));
        Assert.Contains("bbox", (await ErrorsAsync(await anon.GetAsync("/api/v1/venues/reading-rooms"))).Keys);
        Assert.Contains("bbox", (await ErrorsAsync(await anon.GetAsync("/api/v1/venues/reading-rooms?bbox=1,2,3"))).Keys);
    }
}

public sealed class VenueApiTests_Sqlite(SqliteApp app) : VenueApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class VenueApiTests_Postgres(PostgresApp app) : VenueApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
