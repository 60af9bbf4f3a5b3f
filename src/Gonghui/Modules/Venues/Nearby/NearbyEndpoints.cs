using Gonghui.Modules.Venues.Rules;
using System.Globalization;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Geo;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Gonghui.Platform.Security;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Gonghui.Modules.Venues.Listing;

using Gonghui.Modules.ModelWorkers.Public;

namespace Gonghui.Modules.Venues.Nearby;

/// <summary>The worker's map: the nearest venues to a point, with the shared map filters (public, no sign-in).</summary>
internal static class NearbyEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/nearest", Nearest).AllowAnonymous();
        g.MapGet("/search", Search).AllowAnonymous();
        g.MapGet("/reading-rooms", ReadingRooms).AllowAnonymous();
    }

    public const int MaxRooms = 2_000;

    /// <summary>The map's type-ahead: districts, venues, employers and reading rooms matching <paramref name="q"/>.</summary>
    private static async Task<Results<Ok<MapHits>, ValidationProblem, NotFound, ProblemHttpResult>> Search(string? q, MapSearch search,
        IStringLocalizer<VenuesText> L, CancellationToken ct) => (await search.SearchAsync(q, ct)).ToHttpResult(L);

    /// <summary>The reading rooms in a WGS-84 box (the map's 职工书屋 layer).</summary>
    private static async Task<Results<Ok<IReadOnlyList<ReadingRoomPoint>>, ValidationProblem>> ReadingRooms(string? bbox, IReadingRoomMap rooms,
        IStringLocalizer<VenuesText> L, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (string.IsNullOrWhiteSpace(bbox)) errors.Add("bbox", L["venue.bbox.required"]);
        else if (!TryParseBox(bbox, Crs.Wgs84, out var box, out var error)) errors.Add("bbox", L[error!]);
        else return TypedResults.Ok(await rooms.InBoxAsync(box.MinLat, box.MinLng, box.MaxLat, box.MaxLng, MaxRooms, ct));
        return errors.Problem();
    }

    /// <summary>Parses the shared map filters (type, amenity, openNow, at, crs); errors name the parameter.</summary>
    internal static VenueFilter? ParseFilter(string? type, string? amenity, string? openNow, string? at, TimeProvider clock,
        Api.Errors errors, IStringLocalizer<VenuesText> L, out DateTime nowLocal)
    {
        VenueType? t = null;
        if (!string.IsNullOrWhiteSpace(type))
        {
            if (VenueRules.TryParseType(type, out var parsed)) t = parsed;
            else errors.Add("type", L["venue.type.unknown"]);
        }
        var amenities = VenueRules.ParseAmenityList(amenity);
        if (amenities is null) errors.Add("amenity", L["venue.amenity.unknown"]);
        var instant = clock.GetUtcNow();
        if (!string.IsNullOrWhiteSpace(at))
        {
            if (DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var a)) instant = a;
            else errors.Add("at", L["venue.at.invalid"]);
        }
        nowLocal = BeijingTime.ToLocal(instant);
        var open = false;
        if (!string.IsNullOrWhiteSpace(openNow) && !bool.TryParse(openNow, out open)) errors.Add("openNow", L["venue.openNow.invalid"]);
        return errors.Any ? null : new VenueFilter(t, amenities ?? Amenity.None, open ? nowLocal : null);
    }

    internal static bool TryDouble(string? s, out double v) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v);

    public static Results<Ok<VenueList>, ValidationProblem> Nearest(
        string? lat, string? lng, string? k, string? type, string? openNow, string? amenity, string? crs, string? at,
        VenueIndex index, TimeProvider clock, IStringLocalizer<VenuesText> L)
    {
        var errors = new Api.Errors();
        if (string.IsNullOrWhiteSpace(lat)) errors.Add("lat", L["venue.required"]);
        else if (!TryDouble(lat, out var la) || la is < -90 or > 90) errors.Add("lat", L["venue.lat.range"]);
        if (string.IsNullOrWhiteSpace(lng)) errors.Add("lng", L["venue.required"]);
        else if (!TryDouble(lng, out var lo) || lo is < -180 or > 180) errors.Add("lng", L["venue.lng.range"]);
        var count = 10;
        if (!string.IsNullOrWhiteSpace(k) && (!int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > VenueRules.MaxNearest))
            errors.Add("k", string.Format(CultureInfo.CurrentCulture, L["venue.k.range"], VenueRules.MaxNearest));
        if (!ChinaCoordinates.TryParseCrs(crs, out var system)) errors.Add("crs", L["venue.crs.unknown"]);
        var filter = ParseFilter(type, amenity, openNow, at, clock, errors, L, out var nowLocal);
        if (errors.Any) return errors.Problem();
        TryDouble(lat, out var qLat);
        TryDouble(lng, out var qLng);
        var origin = ChinaCoordinates.ToWgs84(new LatLng(qLat, qLng), system);
        var hits = index.Nearest(origin, count, filter!);
        var items = new List<VenueDto>(hits.Count);
        foreach (var h in hits) items.Add(VenueDto.From(h.Item, system, nowLocal, h.DistanceMeters));
        return TypedResults.Ok(new VenueList(ChinaCoordinates.Name(system), items.Count, false, items));
    }

    /// <summary>Parses "minLng,minLat,maxLng,maxLat" (RFC 7946 order; minLng &gt; maxLng crosses the 180° meridian).</summary>
    internal static bool TryParseBox(string bbox, Crs crs, out (double MinLat, double MinLng, double MaxLat, double MaxLng) box, out string? error)
    {
        box = default;
        error = null;
        var parts = bbox.Split(',');
        var v = new double[4];
        if (parts.Length != 4 || parts.Where((p, i) => !TryDouble(p.Trim(), out v[i])).Any()) { error = "venue.bbox.format"; return false; }
        if (v[1] is < -90 or > 90 || v[3] is < -90 or > 90 || v[0] is < -180 or > 180 || v[2] is < -180 or > 180) { error = "venue.bbox.range"; return false; }
        if (v[1] > v[3]) { error = "venue.bbox.inverted"; return false; }
        if (crs != Crs.Wgs84)
        {
            // Offsets are a few hundred metres and smooth; converting the corners and padding slightly keeps every venue in view.
            var sw = ChinaCoordinates.ToWgs84(new LatLng(v[1], v[0]), crs);
            var ne = ChinaCoordinates.ToWgs84(new LatLng(v[3], v[2]), crs);
            const double pad = 0.01;
            box = (Math.Max(-90, sw.Lat - pad), Math.Max(-180, sw.Lng - pad), Math.Min(90, ne.Lat + pad), Math.Min(180, ne.Lng + pad));
            return true;
        }
        box = (v[1], v[0], v[3], v[2]);
        return true;
    }
}
