using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Geo;
using Microsoft.EntityFrameworkCore;
using Gonghui.Modules.Venues.Listing;

namespace Gonghui.Modules.Venues.Demo;

/// <summary>
/// Demo venues over Beijing's 16 districts in the federation's proportions (14,000 workers' homes, 19,000 warm stations,
/// 2,325 mother-baby rooms, 356 service stations), a tenth of that at scale 1. Deterministic from a fixed seed.
/// </summary>
internal sealed class VenuesDemoSeeder(IConfiguration config) : IDemoSeeder
{
    public async Task SeedAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        if (await db.Set<Venue>().AnyAsync(ct)) return;
        var units = await db.UnitRows().Where(u => u.Kind == OrgUnitKind.DistrictUnion && u.DistrictCode != null)
            .ToDictionaryAsync(u => u.DistrictCode!, u => u.Id, ct);
        if (units.Count == 0) return;
        var scale = config.GetValue("Gonghui:Demo:Scale", 1.0);
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        var venues = VenueDemoData.Generate(scale / 10, now.Year, new Random(20201231))
            .Where(g => units.ContainsKey(g.Fields.DistrictCode))
            .Select(g => Venue.Create(g.Fields, units[g.Fields.DistrictCode], now)).ToList();
        foreach (var chunk in venues.Chunk(2000))
        {
            db.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}

/// <summary>Generates plausible venues: names, addresses, hours and amenities by type, points inside each district.</summary>
public static class VenueDemoData
{
    public static readonly (VenueType Type, int Count)[] Federation =
        [(VenueType.WorkersHome, 14_000), (VenueType.WarmStation, 19_000), (VenueType.MotherBabyRoom, 2_325), (VenueType.ServiceStation, 356)];

    // Approximate centre (WGS-84), spread in degrees, and a weight (how many venues) for each district.
    private static readonly Dictionary<string, (double Lat, double Lng, double Spread, double Weight)> Districts = new()
    {
        ["110101"] = (39.9285, 116.4160, 0.018, 0.7), ["110102"] = (39.9125, 116.3660, 0.018, 1.1),
        ["110105"] = (39.9480, 116.4860, 0.060, 3.4), ["110106"] = (39.8580, 116.2870, 0.045, 2.0),
        ["110107"] = (39.9060, 116.1950, 0.025, 0.6), ["110108"] = (39.9600, 116.2980, 0.060, 3.1),
        ["110109"] = (39.9400, 116.1020, 0.060, 0.4), ["110111"] = (39.7350, 116.1430, 0.080, 1.3),
        ["110112"] = (39.9020, 116.6570, 0.070, 1.8), ["110113"] = (40.1300, 116.6540, 0.070, 1.3),
        ["110114"] = (40.2200, 116.2310, 0.080, 2.2), ["110115"] = (39.7270, 116.3410, 0.070, 2.0),
        ["110116"] = (40.3160, 116.6320, 0.060, 0.4), ["110117"] = (40.1400, 117.1210, 0.050, 0.5),
        ["110118"] = (40.3770, 116.8430, 0.060, 0.5), ["110119"] = (40.4560, 115.9750, 0.050, 0.3),
    };

    private static readonly string[] Roads = ["建国路", "人民路", "光明街", "幸福大街", "和平里", "新华街", "学院路", "工业园路", "文化路", "长安街", "朝阳路", "兴华路", "育才路", "振兴路", "青年路", "通惠河北路"];
    private static readonly string[] Places = ["社区", "商圈", "地铁站", "公交枢纽", "环卫所", "快递网点", "产业园", "加油站", "物流园", "医院", "写字楼", "市场"];

    public sealed record Generated(VenueFields Fields);

    /// <summary>Venues for the whole federation multiplied by <paramref name="fraction"/>, at least one of each type.</summary>
    public static List<Generated> Generate(double fraction, int year, Random rng)
    {
        var list = new List<Generated>();
        foreach (var (type, full) in Federation)
        {
            var count = Math.Max(1, (int)Math.Round(full * fraction));
            list.AddRange(Generate(type, count, year, rng));
        }
        return list;
    }

    /// <summary><paramref name="count"/> venues of one type over the districts by weight.</summary>
    public static IEnumerable<Generated> Generate(VenueType type, int count, int year, Random rng)
    {
        var codes = Districts.Keys.OrderBy(c => c).ToArray();
        var totalWeight = Districts.Values.Sum(d => d.Weight);
        for (var i = 0; i < count; i++)
        {
            // Pick a district by weight.
            var r = rng.NextDouble() * totalWeight;
            var code = codes[^1];
            foreach (var c in codes) { r -= Districts[c].Weight; if (r <= 0) { code = c; break; } }
            yield return new Generated(Make(type, code, i, year, rng));
        }
    }

    private static VenueFields Make(VenueType type, string code, int n, int year, Random rng)
    {
        var d = Districts[code];
        var name = BeijingDistricts.NameOf(code)!;
        // A roughly normal scatter around the centre (sum of uniforms), clipped to the spread.
        double Jitter() => (rng.NextDouble() + rng.NextDouble() + rng.NextDouble() - 1.5) / 1.5 * d.Spread;
        var lat = d.Lat + Jitter();
        var lng = d.Lng + Jitter() / Math.Cos(d.Lat * Math.PI / 180);
        var road = Roads[rng.Next(Roads.Length)];
        var place = Places[rng.Next(Places.Length)];
        var typeName = type switch
        {
            VenueType.WorkersHome => "职工之家", VenueType.WarmStation => "暖心驿站",
            VenueType.MotherBabyRoom => "母婴关爱室", _ => "工会服务站",
        };
        var hours = type switch
        {
            VenueType.WarmStation => rng.Next(10) switch
            {
                < 4 => "24/7",
                < 7 => "Mo-Su 06:00-22:00",
                < 9 => "Mo-Su 07:00-02:00",
                _ => "Mo-Fr 08:00-18:00",
            },
            VenueType.WorkersHome => rng.Next(2) == 0 ? $"Mo-Fr 09:00-17:30; Sa 09:00-12:00; {year}-10-01 off; {year}-10-02 off" : "Mo-Su 08:00-20:00",
            VenueType.MotherBabyRoom => "Mo-Fr 08:30-17:30",
            _ => $"Mo-Fr 09:00-17:00; Sa,Su 10:00-16:00; {year}-10-01 off",
        };
        var amenities = type switch
        {
            VenueType.WarmStation => Amenity.HotWater | Amenity.PhoneCharging | Amenity.Seating,
            VenueType.MotherBabyRoom => Amenity.BabyCareTable | Amenity.Seating | Amenity.HotWater,
            VenueType.WorkersHome => Amenity.Reading | Amenity.WiFi | Amenity.Seating | Amenity.HotWater,
            _ => Amenity.Seating | Amenity.WiFi | Amenity.HotWater | Amenity.Accessible,
        };
        foreach (var extra in new[] { Amenity.Microwave, Amenity.Toilet, Amenity.FirstAid, Amenity.WiFi, Amenity.Refrigerator, Amenity.Umbrella, Amenity.Accessible })
            if (rng.Next(3) == 0) amenities |= extra;
        var hoursParsed = OpeningHours.TryParse(hours, out _)!;
        return new VenueFields(type, type == VenueType.WorkersHome && rng.Next(20) == 0, $"{name}{road}{place}{typeName}",
            $"北京市{name}{road}{rng.Next(1, 400)}号", code, new LatLng(Math.Round(lat, 6), Math.Round(lng, 6)), hoursParsed, amenities,
            type switch { VenueType.WarmStation => rng.Next(4, 20), VenueType.MotherBabyRoom => rng.Next(2, 6), _ => rng.Next(20, 200) },
            $"010-{rng.Next(6000_0000, 9000_0000)}", (CertificationLevel)(rng.Next(10) switch { < 5 => 0, < 8 => 1, < 9 => 2, _ => 3 }),
            rng.Next(20) != 0);
    }
}
