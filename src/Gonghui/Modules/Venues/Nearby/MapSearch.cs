using Gonghui.Modules.ModelWorkers.Public;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Venues.Nearby;

/// <summary>
/// One hit of the map's search: what it is (<c>district</c>, <c>venue</c> with its type, <c>employer</c>, <c>readingRoom</c>), its
/// label, a line of detail (address, district, the employer's workers' home) and where to centre the map (WGS-84).
/// </summary>
public sealed record MapHit(string Kind, string Label, string? Detail, double Lat, double Lng, Guid? Id = null, string? VenueType = null);

public sealed record MapHits(IReadOnlyList<MapHit> Items);

/// <summary>
/// The public map's type-ahead (issue 14.6): districts by name (东城区, 东城, Dongcheng), published venues by name or street
/// address (the in-memory index the map reads), employers by name or credit code from the registry (SQL through
/// Organizations' <c>EnterpriseRows</c>: an employer is placed at the workers' home its union runs, else at its district's
/// centre), and reading rooms by name or address (ModelWorkers' <see cref="IReadingRoomMap"/>). All of it is public
/// information: published venues and rooms, employers' names and districts; nothing personal.
/// </summary>
public sealed class MapSearch(VenueIndex index, GonghuiDb db, IReadingRoomMap rooms)
{
    public const int MaxQuery = 60;
    private const int PerKind = 5;

    /// <summary>Each district's centre on the map: the mean position of its published venues (no geocoder offline).</summary>
    public IReadOnlyDictionary<string, (double Lat, double Lng)> DistrictCentres() =>
        index.All.GroupBy(c => c.DistrictCode)
            .ToDictionary(g => g.Key, g => (Math.Round(g.Average(c => c.Lat), 5), Math.Round(g.Average(c => c.Lng), 5)));

    public async Task<Outcome<MapHits>> SearchAsync(string? q, CancellationToken ct)
    {
        var text = (q ?? "").Trim();
        if (text.Length > MaxQuery) return Outcome<MapHits>.Invalid("q", "venue.q.tooLong", MaxQuery);
        if (text.Length == 0) return Outcome<MapHits>.Ok(new MapHits([]));
        var hits = new List<MapHit>();
        var centres = DistrictCentres();

        foreach (var d in BeijingDistricts.All)
            if ((d.Name.StartsWith(text, StringComparison.Ordinal) || d.NameEn.StartsWith(text, StringComparison.OrdinalIgnoreCase)) && centres.TryGetValue(d.Code, out var c))
                hits.Add(new MapHit("district", d.Name, d.NameEn, c.Lat, c.Lng));

        hits.AddRange(index.All.Where(v => v.Name.Contains(text, StringComparison.OrdinalIgnoreCase) || v.Address.Contains(text, StringComparison.OrdinalIgnoreCase))
            .OrderBy(v => v.Name.StartsWith(text, StringComparison.OrdinalIgnoreCase) ? 0 : 1).ThenBy(v => v.Name, StringComparer.Ordinal).Take(PerKind)
            .Select(v => new MapHit("venue", v.Name, v.Address, v.Lat, v.Lng, v.Id, v.Type.ToString())));

        // Two characters at least for the registry: one would match most of it.
        if (text.Length >= 2)
        {
            var upper = text.ToUpperInvariant();
            var firms = await db.EnterpriseRows().Where(e => e.Name.Contains(text) || e.CreditCode == upper)
                .OrderBy(e => e.Name).ThenBy(e => e.Id).Take(PerKind)
                .Select(e => new { e.Name, e.DistrictCode, e.GrassrootsUnionId }).ToListAsync(ct);
            foreach (var f in firms)
            {
                var home = f.GrassrootsUnionId is { } union ? index.All.FirstOrDefault(v => v.UnitId == union) : null;
                if (home is not null) hits.Add(new MapHit("employer", f.Name, home.Name, home.Lat, home.Lng, home.Id, home.Type.ToString()));
                else if (centres.TryGetValue(f.DistrictCode, out var dc)) hits.Add(new MapHit("employer", f.Name, BeijingDistricts.NameOf(f.DistrictCode), dc.Lat, dc.Lng));
            }
            foreach (var r in await rooms.SearchAsync(text, PerKind, ct))
                hits.Add(new MapHit("readingRoom", r.Name, r.Address, r.Lat, r.Lng, r.Id));
        }
        return Outcome<MapHits>.Ok(new MapHits(hits));
    }
}
