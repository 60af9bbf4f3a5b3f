using Gonghui.Modules.Venues.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Geo;
using Microsoft.EntityFrameworkCore;
using Gonghui.Modules.Venues.Listing;

namespace Gonghui.Modules.Venues.Nearby;

/// <summary>A published venue as the public map sees it, with its hours parsed once.</summary>
public sealed record VenueCard(
    Guid Id, VenueType Type, bool IsPublicArea, string Name, string Address, string DistrictCode, double Lat, double Lng,
    OpeningHours Hours, Amenity Amenities, int? Capacity, string? Phone, CertificationLevel Certification, Guid UnitId)
{
    public static VenueCard From(Venue v) => new(v.Id, v.Type, v.IsPublicArea, v.Name, v.Address, v.DistrictCode, v.Lat, v.Lng,
        OpeningHours.TryParse(v.Hours, out _) ?? OpeningHours.Closed, v.Amenities, v.Capacity, v.Phone, v.Certification, v.UnitId);

    // Rendered once: every map response needs them.
    public string HoursText { get; } = Hours.ToString();
    public string[] AmenityNames { get; } = VenueRules.AmenityNamesOf(Amenities);
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
    // Everything a reader needs, swapped as one reference: the cards by id, one tree of all venues and one per type
    // (so "the nearest warm station" searches warm stations only).
    private sealed record Snapshot(Dictionary<Guid, VenueCard> Cards, SphereIndex<VenueCard> All, SphereIndex<VenueCard>[] ByType);

    private readonly Lock _write = new();
    private volatile Snapshot _snap = Build(new Dictionary<Guid, VenueCard>());
    private volatile bool _loaded;
    private long _version; // bumped by every staff change, so a reload that read the database earlier does not undo it

    public int Count => _snap.All.Count;
    public bool IsLoaded => _loaded;

    private static Snapshot Build(Dictionary<Guid, VenueCard> cards)
    {
        var all = cards.Values.Select(c => (c.Lat, c.Lng, c)).ToList();
        return new Snapshot(cards, new SphereIndex<VenueCard>(all),
            VenueRules.AllTypes.Select(t => new SphereIndex<VenueCard>(all.Where(x => x.c.Type == t).ToList())).ToArray());
    }

    public void Replace(IEnumerable<VenueCard> cards)
    {
        lock (_write)
        {
            _snap = Build(cards.ToDictionary(c => c.Id));
            _loaded = true;
        }
    }

    public void Upsert(Venue v) => UpsertMany([v]);

    /// <summary>Applies saved venues (one rebuild for a whole import): published ones are added or replaced, others removed.</summary>
    public void UpsertMany(IReadOnlyCollection<Venue> venues)
    {
        lock (_write)
        {
            var next = new Dictionary<Guid, VenueCard>(_snap.Cards);
            foreach (var v in venues)
                if (v.Published) next[v.Id] = VenueCard.From(v); else next.Remove(v.Id);
            _snap = Build(next);
            _version++;
        }
    }

    public void Remove(Guid id)
    {
        lock (_write)
        {
            var next = new Dictionary<Guid, VenueCard>(_snap.Cards);
            if (!next.Remove(id)) return;
            _snap = Build(next);
            _version++;
        }
    }

    public async Task LoadAsync(GonghuiDb db, CancellationToken ct)
    {
        var before = Interlocked.Read(ref _version);
        var venues = await db.Set<Venue>().AsNoTracking().Where(v => v.Published).ToListAsync(ct);
        var cards = venues.Select(VenueCard.From).ToDictionary(c => c.Id);
        lock (_write)
        {
            if (_loaded && _version != before) return; // a change landed meanwhile; the next reload picks everything up
            _snap = Build(cards);
            _loaded = true;
        }
    }

    public VenueCard? Get(Guid id) => _snap.Cards.TryGetValue(id, out var c) ? c : null;

    private static SphereIndex<VenueCard> TreeFor(Snapshot s, VenueFilter filter) => filter.Type is { } t ? s.ByType[(int)t] : s.All;

    public List<Nearby<VenueCard>> Nearest(LatLng wgs84, int k, VenueFilter filter) =>
        TreeFor(_snap, filter).Nearest(wgs84.Lat, wgs84.Lng, k, filter.IsEmpty ? null : filter.Matches);

    public List<VenueCard> InBox(double minLat, double minLng, double maxLat, double maxLng, VenueFilter filter, int limit) =>
        TreeFor(_snap, filter).InBox(minLat, minLng, maxLat, maxLng, filter.IsEmpty ? null : filter.Matches, limit);

    public IReadOnlyList<VenueCard> All => _snap.All.Items;
}

/// <summary>
/// Loads the index when the app starts (after migrations and demo data), then reloads it every
/// Gonghui:Venues:ReloadMinutes (default 5; 0 turns it off) so changes made on other nodes reach this one's map.
/// </summary>
internal sealed class VenueIndexLoader(IServiceProvider root, VenueIndex index, IConfiguration config, ILogger<VenueIndexLoader> log) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public async Task StartAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var minutes = config.GetValue("Gonghui:Venues:ReloadMinutes", 5.0);
        if (minutes > 0) _loop = ReloadLoopAsync(TimeSpan.FromMinutes(minutes), _stop.Token);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        using var scope = root.CreateScope();
        await index.LoadAsync(scope.ServiceProvider.GetRequiredService<GonghuiDb>(), ct);
    }

    private async Task ReloadLoopAsync(TimeSpan every, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try { await LoadAsync(ct); }
                catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "Reloading the venue index failed; keeping the previous one"); }
            }
        }
        catch (OperationCanceledException) { }
    }

    public async Task StopAsync(CancellationToken ct)
    {
        await _stop.CancelAsync();
        if (_loop is not null) await _loop.WaitAsync(ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stop.Dispose();
}
