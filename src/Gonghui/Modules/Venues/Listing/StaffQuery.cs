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

/// <summary>Scoped reads of venues for staff: a venue is in scope when the unit that runs it is.</summary>
internal static class StaffQuery
{
    /// <summary>The unit a venue will belong to: the one asked for if it is in scope, else the caller's own unit.</summary>
    internal static async Task<UnitRow?> UnitInScopeAsync(GonghuiDb db, CurrentUser me, Guid? unitId, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var id = unitId ?? me.OrgUnitId;
        if (id is null) return null;
        return await db.UnitRows().InScope(scope, u => u.Path).FirstOrDefaultAsync(u => u.Id == id, ct);
    }

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
