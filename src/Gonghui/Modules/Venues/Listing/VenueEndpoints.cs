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
using Gonghui.Modules.Venues.Nearby;

namespace Gonghui.Modules.Venues.Listing;

internal static class VenueEndpoints
{
    public const int MaxBoxResults = 5000;

    public static void Map(RouteGroupBuilder g)
    {
        // Public: the worker's map needs no login.
        NearbyEndpoints.Map(g);
        g.MapGet("/", ListOrBox).AllowAnonymous();
        g.MapGet("/{id:guid}", Get).AllowAnonymous();
        // Staff, within their scope.
        var staff = g.MapGroup("");
        staff.MapPost("/", Create).RequireAuthorization(Permissions.VenuesEdit);
        staff.MapPut("/{id:guid}", Update).RequireAuthorization(Permissions.VenuesEdit);
        staff.MapDelete("/{id:guid}", Delete).RequireAuthorization(Permissions.VenuesEdit);
        Importing.ImportEndpoints.Map(staff);
        Coverage.CoverageEndpoints.Map(staff);
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
        if (!errors.Any && !NearbyEndpoints.TryParseBox(bbox, system, out box, out var boxError)) errors.Add("bbox", L[boxError!]);
        var max = limit ?? MaxBoxResults;
        if (max < 1 || max > MaxBoxResults) errors.Add("limit", string.Format(CultureInfo.CurrentCulture, L["venue.limit.range"], MaxBoxResults));
        var filter = NearbyEndpoints.ParseFilter(type, amenity, openNow, at, clock, errors, L, out var nowLocal);
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


}
