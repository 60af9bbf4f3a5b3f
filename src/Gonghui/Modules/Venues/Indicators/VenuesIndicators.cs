using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Venues.Listing;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using static Gonghui.Platform.Indicators.IndicatorValues;

namespace Gonghui.Modules.Venues.Indicators;

/// <summary>The venues' figures of the annual report: venues by kind at the period's end, and those on the online map.</summary>
public sealed class VenuesIndicators(GonghuiDb db) : IIndicatorSource
{
    private const string Venues = "venues recorded before the period's end (creation time < end) whose owning unit lies in the scope";
    private const string OnMap = " that are published on the online map (the flag as it stands now: the registry keeps no history of publishing)";

    public IReadOnlyList<IndicatorDefinition> Definitions { get; } =
    [
        new("venues.workers-homes", ReportParts.Organisation, "职工之家", "Workers' homes", IndicatorUnit.Count, "Count of " + Venues + ", of type WorkersHome.", "/venues"),
        new("venues.warm-stations", ReportParts.Organisation, "暖心驿站", "Warm stations", IndicatorUnit.Count, "Count of " + Venues + ", of type WarmStation.", "/venues"),
        new("venues.mother-baby-rooms", ReportParts.Organisation, "母婴关爱室", "Mother-baby rooms", IndicatorUnit.Count, "Count of " + Venues + ", of type MotherBabyRoom.", "/venues"),
        new("venues.service-stations", ReportParts.Organisation, "工会服务站", "Union service stations", IndicatorUnit.Count, "Count of " + Venues + ", of type ServiceStation.", "/venues"),
        new("venues.map.service-stations", ReportParts.Organisation, "上线地图的工会服务站", "Service stations on the map", IndicatorUnit.Count,
            "Count of " + Venues + ", of type ServiceStation," + OnMap + ".", "/map"),
        new("venues.map.public-workers-homes", ReportParts.Organisation, "上线地图的公共区域职工之家", "Public-area workers' homes on the map", IndicatorUnit.Count,
            "Count of " + Venues + ", of type WorkersHome in a public area," + OnMap + ".", "/map"),
        new("venues.map.warm-stations", ReportParts.Organisation, "上线地图的暖心驿站", "Warm stations on the map", IndicatorUnit.Count,
            "Count of " + Venues + ", of type WarmStation," + OnMap + ".", "/map"),
    ];

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorQuery query, CancellationToken ct)
    {
        var (_, to) = query.Instants;
        var units = db.UnitRows().InScope(query.ScopePath, u => u.Path).Select(u => u.Id);
        var rows = await db.Set<Venue>().AsNoTracking().Where(v => v.CreatedAt < to && units.Contains(v.UnitId))
            .GroupBy(v => new { v.Type, v.Published, v.IsPublicArea }).Select(g => new { g.Key.Type, g.Key.Published, g.Key.IsPublicArea, N = g.Count() })
            .ToListAsync(ct);
        return Values(rows.Select(r => (r.Type, r.Published, r.IsPublicArea, r.N)));
    }

    /// <summary>One read of the parent's venues, grouped by owning unit and kind, added up for each district's subtree.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>>> ComputeByDistrictAsync(DistrictQuery query, CancellationToken ct)
    {
        var (_, to) = query.Parent.Instants;
        var rows = await (from v in db.Set<Venue>().AsNoTracking()
                          join u in db.UnitRows().InScope(query.ParentPath, u => u.Path) on v.UnitId equals u.Id
                          where v.CreatedAt < to
                          group v by new { u.Path, v.Type, v.Published, v.IsPublicArea } into g
                          select new { g.Key.Path, g.Key.Type, g.Key.Published, g.Key.IsPublicArea, N = g.Count() }).ToListAsync(ct);
        return query.DistrictPaths.ToDictionary(d => d,
            d => Values(rows.Where(r => ScopeFilter.Covers(d, r.Path)).Select(r => (r.Type, r.Published, r.IsPublicArea, r.N))), StringComparer.Ordinal);
    }

    private static IReadOnlyList<IndicatorValue> Values(IEnumerable<(VenueType Type, bool Published, bool IsPublicArea, int N)> counts)
    {
        var rows = counts.ToList();
        int Of(VenueType t, bool mapOnly = false, bool publicOnly = false) =>
            rows.Where(r => r.Type == t && (!mapOnly || r.Published) && (!publicOnly || r.IsPublicArea)).Sum(r => r.N);
        return
        [
            Count("venues.workers-homes", Of(VenueType.WorkersHome)),
            Count("venues.warm-stations", Of(VenueType.WarmStation)),
            Count("venues.mother-baby-rooms", Of(VenueType.MotherBabyRoom)),
            Count("venues.service-stations", Of(VenueType.ServiceStation)),
            Count("venues.map.service-stations", Of(VenueType.ServiceStation, mapOnly: true)),
            Count("venues.map.public-workers-homes", Of(VenueType.WorkersHome, mapOnly: true, publicOnly: true)),
            Count("venues.map.warm-stations", Of(VenueType.WarmStation, mapOnly: true)),
        ];
    }
}
