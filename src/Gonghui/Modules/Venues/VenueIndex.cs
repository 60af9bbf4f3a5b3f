using Gonghui.Platform.Data;
using Gonghui.Platform.Geo;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Venues;

/// <summary>A published venue as the public map sees it, with its hours parsed once.</summary>
public sealed record VenueCard(
    Guid Id, VenueType Type, bool IsPublicArea, string Name, string Address, string DistrictCode, double Lat, double Lng,
    OpeningHours Hours, Amenity Amenities, int? Capacity, string? Phone, CertificationLevel Certification, Guid UnitId)
{
    public static VenueCard From(Venue v) => new(v.Id, v.Type, v.IsPublicArea, v.Name, v.Address, v.DistrictCode, v.Lat, v.Lng,
        OpeningHours.TryParse(v.Hours, out _) ?? OpeningHours.Closed, v.Amenities, v.Capacity, v.Phone, v.Certification, v.UnitId);
}

/// <summary>What a map query asks for besides place: a type, amenities that must all be present, open at a local time.</summary>
public sealed record VenueFilter(VenueType? Type = null, Amenity Amenities = Amenity.None, DateTime? OpenAtLocal = null)
{
    public bool IsEmpty => Type is null && Amenities == Amenity.None && OpenAtLocal is null;

    public bool Matches(VenueCard c) =>
        (Type is null || c.Type == Type) && (c.Amenities & Amenities) == Amenities && (OpenAtLocal is null || c.Hours.IsOpenAt(OpenAtLocal.Value));
}

/// <summary>
/// The in-memory index of published venues (a singleton): loaded at start, updated when staff change a venue.
/// Readers use an immutable snapshot swapped atomically, so queries never lock.
/// </summary>
public sealed class VenueIndex
{
    private readonly Lock _write = new();
    private Dictionary<Guid, VenueCard> _cards = [];
    private volatile SphereIndex<VenueCard> _tree = new([]);
    private volatile bool _loaded;

    public int Count => _tree.Count;
    public bool IsLoaded => _loaded;

    public void Replace(IEnumerable<VenueCard> cards)
    {
        lock (_write)
        {
            _cards = cards.ToDictionary(c => c.Id);
            Rebuild();
            _loaded = true;
        }
    }

    public void Upsert(Venue v)
    {
        lock (_write)
        {
            var next = new Dictionary<Guid, VenueCard>(_cards);
            if (v.Published) next[v.Id] = VenueCard.From(v); else next.Remove(v.Id);
            _cards = next;
            Rebuild();
        }
    }

    public void Remove(Guid id)
    {
        lock (_write)
        {
            var next = new Dictionary<Guid, VenueCard>(_cards);
            if (!next.Remove(id)) return;
            _cards = next;
            Rebuild();
        }
    }

    private void Rebuild() => _tree = new SphereIndex<VenueCard>(_cards.Values.Select(c => (c.Lat, c.Lng, c)).ToList());

    public async Task LoadAsync(GonghuiDb db, CancellationToken ct)
    {
        var venues = await db.Set<Venue>().AsNoTracking().Where(v => v.Published).ToListAsync(ct);
        Replace(venues.Select(VenueCard.From));
    }

    public VenueCard? Get(Guid id) => _cards.TryGetValue(id, out var c) ? c : null;

    public List<Nearby<VenueCard>> Nearest(LatLng wgs84, int k, VenueFilter filter) =>
        _tree.Nearest(wgs84.Lat, wgs84.Lng, k, filter.IsEmpty ? null : filter.Matches);

    public List<VenueCard> InBox(double minLat, double minLng, double maxLat, double maxLng, VenueFilter filter, int limit) =>
        _tree.InBox(minLat, minLng, maxLat, maxLng, filter.IsEmpty ? null : filter.Matches, limit);

    public IReadOnlyList<VenueCard> All => _tree.Items;
}

/// <summary>Loads the index when the app starts (after migrations and demo data).</summary>
internal sealed class VenueIndexLoader(IServiceProvider root, VenueIndex index) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        using var scope = root.CreateScope();
        await index.LoadAsync(scope.ServiceProvider.GetRequiredService<GonghuiDb>(), ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
