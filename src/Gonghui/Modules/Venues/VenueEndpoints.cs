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

namespace Gonghui.Modules.Venues;

internal static class VenueEndpoints
{
    public const int MaxBoxResults = 5000;

    public static void Map(RouteGroupBuilder g)
    {
        // Public: the worker's map needs no login.
        g.MapGet("/nearest", Nearest).AllowAnonymous();
        g.MapGet("/", ListOrBox).AllowAnonymous();
        g.MapGet("/{id:guid}", Get).AllowAnonymous();
        // Staff, within their scope.
        var staff = g.MapGroup("");
        staff.MapPost("/", Create).RequireAuthorization(Permissions.VenuesEdit);
        staff.MapPut("/{id:guid}", Update).RequireAuthorization(Permissions.VenuesEdit);
        staff.MapDelete("/{id:guid}", Delete).RequireAuthorization(Permissions.VenuesEdit);
        staff.MapPost("/import", Import).RequireAuthorization(Permissions.VenuesEdit).RequireAntiforgeryForCookieCallers();
        staff.MapGet("/coverage", Coverage).RequireAuthorization(Permissions.VenuesRead);
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

    private static bool TryDouble(string? s, out double v) =>
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

    public static async Task<Results<Ok<VenueList>, Ok<Slice<VenueStaffDto>>, ValidationProblem>> ListOrBox(
        string? bbox, string? type, string? openNow, string? amenity, string? crs, string? at, int? limit,
        string? q, string? district, bool? published, string? after, string? before,
        VenueIndex index, TimeProvider clock, IStringLocalizer<VenuesText> L, GonghuiDb db, CurrentUser me, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (bbox is null)
        {
            if (!me.IsStaff) return errors.Add("bbox", L["venue.bbox.required"]).Problem();
            return await StaffList(q, type, district, published, after, before, limit, db, me, L, ct);
        }
        if (!ChinaCoordinates.TryParseCrs(crs, out var system)) errors.Add("crs", L["venue.crs.unknown"]);
        (double MinLat, double MinLng, double MaxLat, double MaxLng) box = default;
        if (!errors.Any && !TryParseBox(bbox, system, out box, out var boxError)) errors.Add("bbox", L[boxError!]);
        var max = limit ?? MaxBoxResults;
        if (max < 1 || max > MaxBoxResults) errors.Add("limit", string.Format(CultureInfo.CurrentCulture, L["venue.limit.range"], MaxBoxResults));
        var filter = ParseFilter(type, amenity, openNow, at, clock, errors, L, out var nowLocal);
        if (errors.Any) return errors.Problem();
        var found = index.InBox(box.MinLat, box.MinLng, box.MaxLat, box.MaxLng, filter!, max + 1);
        var truncated = found.Count > max;
        var items = found.Take(max).Select(c => VenueDto.From(c, system, nowLocal)).ToList();
        return TypedResults.Ok(new VenueList(ChinaCoordinates.Name(system), items.Count, truncated, items));
    }

    private static async Task<Results<Ok<VenueList>, Ok<Slice<VenueStaffDto>>, ValidationProblem>> StaffList(
        string? q, string? type, string? district, bool? published, string? after, string? before, int? limit,
        GonghuiDb db, CurrentUser me, IStringLocalizer<VenuesText> L, CancellationToken ct)
    {
        var errors = new Api.Errors();
        VenueType? t = null;
        if (!string.IsNullOrWhiteSpace(type)) { if (VenueRules.TryParseType(type, out var x)) t = x; else errors.Add("type", L["venue.type.unknown"]); }
        if (!Keyset.TryRequest(after, before, limit, errors, out var request) || errors.Any) return errors.Problem();
        var result = await StaffQuery.ListAsync(db, await me.ScopePathAsync(ct), q, t, district, published, request, ct);
        return TypedResults.Ok(result);
    }

    public static async Task<Results<Ok<VenueDto>, Ok<VenueStaffDto>, NotFound, ValidationProblem>> Get(
        Guid id, string? crs, VenueIndex index, TimeProvider clock, GonghuiDb db, CurrentUser me, IStringLocalizer<VenuesText> L, CancellationToken ct)
    {
        if (!ChinaCoordinates.TryParseCrs(crs, out var system)) return new Api.Errors().Add("crs", L["venue.crs.unknown"]).Problem();
        if (me.IsStaff)
        {
            var found = await StaffQuery.FindAsync(db, id, await me.ScopePathAsync(ct), ct);
            if (found is not null) return TypedResults.Ok(VenueStaffDto.From(found.Value.Venue, found.Value.UnitName));
        }
        var card = index.Get(id);
        return card is null ? TypedResults.NotFound() : TypedResults.Ok(VenueDto.From(card, system, BeijingTime.ToLocal(clock.GetUtcNow())));
    }

    /// <summary>The unit a venue will belong to: the one asked for if it is in scope, else the caller's own unit.</summary>
    internal static async Task<UnitRow?> UnitInScopeAsync(GonghuiDb db, CurrentUser me, Guid? unitId, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var id = unitId ?? me.OrgUnitId;
        if (id is null) return null;
        return await db.UnitRows().InScope(scope, u => u.Path).FirstOrDefaultAsync(u => u.Id == id, ct);
    }

    /// <summary>Creates a venue. A retry with the same Idempotency-Key replays the first answer (the platform's <see cref="Idempotency"/>).</summary>
    public static async Task<Results<Created<VenueStaffDto>, ValidationProblem>> Create(
        VenueInput input, VenueHandlers venues, IStringLocalizer<VenuesText> L, CancellationToken ct)
    {
        var errors = new Api.Errors();
        var (fields, codes) = VenueRules.Validate(input);
        errors.AddCodes(codes, L);
        var unit = await venues.UnitInScopeAsync(input.UnitId, ct);
        if (unit is null) errors.Add("unitId", L["venue.unit.outOfScope"]);
        if (errors.Any) return errors.Problem();
        var venue = await venues.CreateAsync(fields!, unit!.Id, ct);
        return TypedResults.Created($"/api/v1/venues/{venue.Id}", VenueStaffDto.From(venue, unit.Name));
    }

    public static async Task<Results<Ok<VenueStaffDto>, NotFound, ValidationProblem>> Update(
        Guid id, VenueInput input, VenueHandlers venues, IStringLocalizer<VenuesText> L, CancellationToken ct)
    {
        var found = await venues.FindTrackedAsync(id, ct);
        if (found is null) return TypedResults.NotFound();
        var errors = new Api.Errors();
        var (fields, codes) = VenueRules.Validate(input);
        errors.AddCodes(codes, L);
        var unit = await venues.UnitInScopeAsync(input.UnitId ?? found.UnitId, ct);
        if (unit is null) errors.Add("unitId", L["venue.unit.outOfScope"]);
        if (errors.Any) return errors.Problem();
        await venues.UpdateAsync(found, fields!, unit!.Id, ct);
        return TypedResults.Ok(VenueStaffDto.From(found, unit.Name));
    }

    public static async Task<Results<NoContent, NotFound>> Delete(Guid id, VenueHandlers venues, CancellationToken ct) =>
        await venues.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Ok<VenueImportResult>, FileStreamHttpResult, ValidationProblem>> Import(
        IFormFile? file, bool? skipInvalid, string? errorsAs, VenueHandlers venues, IStringLocalizer<VenuesText> L, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return new Api.Errors().Add("file", L["venue.required"]).Problem();
        await using var stream = file.OpenReadStream();
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        var result = await venues.ImportAsync(buffer, file.FileName, skipInvalid == true, ct);
        if (errorsAs == "csv" && result.Errors.Count > 0)
        {
            var report = new MemoryStream();
            await Platform.Importing.RowErrorReport.WriteCsvAsync(report, result.Errors, k => L[k], ct);
            report.Position = 0;
            return TypedResults.File(report, "text/csv; charset=utf-8", "venue-import-errors.csv");
        }
        return TypedResults.Ok(result);
    }

    public static async Task<Ok<CoverageReport>> Coverage(VenueHandlers venues, CancellationToken ct) =>
        TypedResults.Ok(await venues.CoverageAsync(ct));
}

/// <summary>Scoped reads of venues for staff: a venue is in scope when the unit that runs it is.</summary>
internal static class StaffQuery
{
    public static async Task<(Venue Venue, string UnitName)?> FindAsync(GonghuiDb db, Guid id, string scope, CancellationToken ct)
    {
        var row = await (from v in db.Set<Venue>().AsNoTracking()
                         join u in db.UnitRows().InScope(scope, u => u.Path) on v.UnitId equals u.Id
                         where v.Id == id
                         select new { v, u.Name }).FirstOrDefaultAsync(ct);
        return row is null ? null : (row.v, row.Name);
    }

    public static Task<Venue?> FindTrackedAsync(GonghuiDb db, Guid id, string scope, CancellationToken ct) =>
        (from v in db.Set<Venue>()
         join u in db.UnitRows().InScope(scope, u => u.Path) on v.UnitId equals u.Id
         where v.Id == id
         select v).FirstOrDefaultAsync(ct);

    /// <summary>Venues in scope by name (keyset on (name, id), index <c>venues_venues (name, id)</c>).</summary>
    /// <summary>Venues whose opening hours are blank or were last saved before <paramref name="staleBefore"/> (the home page's "stale hours"):
    /// <see cref="StaleQuery"/>; the list below filters the same way with <c>?stale=true</c>.</summary>
    public static IQueryable<Venue> StaleQuery(GonghuiDb db, string scope, DateTimeOffset staleBefore) =>
        from v in db.Set<Venue>().AsNoTracking()
        join u in db.UnitRows().InScope(scope, u => u.Path) on v.UnitId equals u.Id
        where v.Hours == "" || v.UpdatedAt < staleBefore
        select v;

    public static async Task<Slice<VenueStaffDto>> ListAsync(GonghuiDb db, string scope, string? q, VenueType? type, string? district,
        bool? published, KeysetRequest request, CancellationToken ct, DateTimeOffset? staleBefore = null)
    {
        var query = from v in db.Set<Venue>().AsNoTracking()
                    join u in db.UnitRows().InScope(scope, u => u.Path) on v.UnitId equals u.Id
                    select new VenueRow { Venue = v, UnitName = u.Name };
        if (staleBefore is { } cut) query = query.Where(x => x.Venue.Hours == "" || x.Venue.UpdatedAt < cut);
        if (type is not null) query = query.Where(x => x.Venue.Type == type);
        if (!string.IsNullOrWhiteSpace(district)) query = query.Where(x => x.Venue.DistrictCode == district);
        if (published is not null) query = query.Where(x => x.Venue.Published == published);
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(x => x.Venue.Name.Contains(q) || x.Venue.Address.Contains(q));
        var slice = await query.SliceAsync(request, x => x.Venue.Name, x => x.Venue.Id, descending: false, rows => rows, x => x.Venue.Name, x => x.Venue.Id, ct);
        return slice.Map(r => VenueStaffDto.From(r.Venue, r.UnitName));
    }

    private sealed class VenueRow
    {
        public required Venue Venue { get; init; }
        public required string UnitName { get; init; }
    }
}
