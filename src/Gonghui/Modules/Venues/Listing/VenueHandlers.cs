using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Scope;
using Gonghui.Modules.Venues.Coverage;
using Gonghui.Modules.Venues.Importing;
using Gonghui.Modules.Venues.Nearby;

namespace Gonghui.Modules.Venues.Listing;

/// <summary>
/// The staff's venue use cases within their scope, shared by the API (<see cref="VenueEndpoints"/>) and the venue pages:
/// list, look up, save (create or update), delete, import and coverage. Saving keeps the in-memory map index in step.
/// Pages call these and never <see cref="GonghuiDb"/> themselves.
/// </summary>
internal sealed class VenueHandlers(GonghuiDb db, CurrentUser me, VenueIndex index, TimeProvider clock)
{
    public async Task<Slice<VenueStaffDto>> ListAsync(string? q, VenueType? type, string? district, bool? published, KeysetRequest request, CancellationToken ct,
        bool stale = false) =>
        await StaffQuery.ListAsync(db, await me.ScopePathAsync(ct), q, type, district, published, request, ct, stale ? StaleBefore : null);

    /// <summary>Hours saved before this are "stale": a venue's hours should be confirmed at least once a year (<see cref="Rules.VenueRules.HoursStaleAfter"/>).</summary>
    public DateTimeOffset StaleBefore => clock.GetUtcNow() - Rules.VenueRules.HoursStaleAfter;

    /// <summary>Venues in scope whose hours are blank or stale (the home page's count; index on the unit).</summary>
    public async Task<IQueryable<Venue>> StaleAsync(CancellationToken ct) => StaffQuery.StaleQuery(db, await me.ScopePathAsync(ct), StaleBefore);

    public async Task<(Venue Venue, string UnitName)?> FindAsync(Guid id, CancellationToken ct) =>
        await StaffQuery.FindAsync(db, id, await me.ScopePathAsync(ct), ct);

    /// <summary>The open units in the caller's subtree a venue may belong to (the edit form's choices), by path.</summary>
    public async Task<List<UnitRow>> UnitChoicesAsync(CancellationToken ct) => await db.UnitChoicesAsync(await me.ScopePathAsync(ct), ct);

    /// <summary>The unit a venue will belong to: the one asked for if it is in scope, else the caller's own unit.</summary>
    public Task<UnitRow?> UnitInScopeAsync(Guid? unitId, CancellationToken ct) => StaffQuery.UnitInScopeAsync(db, me, unitId, ct);

    public async Task<Venue> CreateAsync(VenueFields fields, Guid unitId, CancellationToken ct)
    {
        var venue = Venue.Create(fields, unitId, clock.GetUtcNow());
        db.Add(venue);
        await db.SaveChangesAsync(ct);
        index.Upsert(venue);
        return venue;
    }

    /// <summary>The venue in scope to change, tracked; null when unknown or out of scope.</summary>
    public async Task<Venue?> FindTrackedAsync(Guid id, CancellationToken ct) =>
        await StaffQuery.FindTrackedAsync(db, id, await me.ScopePathAsync(ct), ct);

    public async Task UpdateAsync(Venue tracked, VenueFields fields, Guid unitId, CancellationToken ct)
    {
        tracked.Apply(fields, unitId, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        index.Upsert(tracked);
    }

    /// <summary>Deletes a venue in scope; false when unknown or out of scope.</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        var found = await FindTrackedAsync(id, ct);
        if (found is null) return false;
        db.Remove(found);
        await db.SaveChangesAsync(ct);
        index.Remove(id);
        return true;
    }

    public Task<VenueImportResult> ImportAsync(Stream stream, string fileName, bool skipInvalid, CancellationToken ct) =>
        VenueImport.RunAsync(stream, fileName, skipInvalid, db, me, index, clock, ct);

    public async Task<CoverageReport> CoverageAsync(CancellationToken ct) =>
        await VenueCoverage.ComputeAsync(db, await me.ScopePathAsync(ct), clock.GetUtcNow(), ct);
}
