using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Venues.Listing;
using Gonghui.Platform.Data;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Venues.Demo;

/// <summary>
/// The scenario's venues (<see cref="IScenarioSeeder"/>): the stock the review counts at the end of the year, recorded during it
/// over the districts by weight. On the online map only what the review says is there (service stations, public-area workers'
/// homes, warm stations); the other homes, stations and mother-baby rooms are recorded but not published.
/// </summary>
internal sealed class VenuesScenarioSeeder : IScenarioSeeder
{
    public IReadOnlyCollection<string> Keys { get; } =
    [
        "venues.workers-homes", "venues.warm-stations", "venues.mother-baby-rooms",
        "venues.map.service-stations", "venues.map.public-workers-homes", "venues.map.warm-stations",
    ];

    public async Task AddAsync(IServiceProvider sp, int year, IReadOnlyDictionary<string, long> missing, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        var units = await db.UnitRows().Where(u => u.Kind == OrgUnitKind.DistrictUnion && u.DistrictCode != null)
            .ToDictionaryAsync(u => u.DistrictCode!, u => u.Id, ct);
        if (units.Count == 0) return;
        long M(string key) => missing.GetValueOrDefault(key);
        var mapHomes = M("venues.map.public-workers-homes");
        var mapWarm = M("venues.map.warm-stations");
        var plan = new (VenueType Type, long Count, bool Public, bool Published)[]
        {
            (VenueType.ServiceStation, M("venues.map.service-stations"), false, true),
            (VenueType.WorkersHome, mapHomes, true, true),
            (VenueType.WarmStation, mapWarm, false, true),
            (VenueType.WorkersHome, Math.Max(0, M("venues.workers-homes") - mapHomes), false, false),
            (VenueType.WarmStation, Math.Max(0, M("venues.warm-stations") - mapWarm), false, false),
            (VenueType.MotherBabyRoom, M("venues.mother-baby-rooms"), false, false),
        };
        var rng = new Random(year * 100 + 12);
        var rows = new List<(object, string)>();
        foreach (var (type, count, isPublic, published) in plan)
        {
            var i = 0;
            foreach (var g in VenueDemoData.Generate(type, (int)count, year, rng))
            {
                var day = ScenarioShares.DayOf(year, i++, (int)count);
                var at = BeijingTime.ToUtc(day, new TimeOnly(10, 0));
                var unit = units.TryGetValue(g.Fields.DistrictCode, out var u) ? u : units.Values.First();
                rows.Add((Venue.Create(g.Fields with { IsPublicArea = isPublic, Published = published }, unit, at), "scenario"));
            }
        }
        foreach (var chunk in rows.Chunk(2000))
        {
            db.AddRange(chunk.Select(r => r.Item1));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
