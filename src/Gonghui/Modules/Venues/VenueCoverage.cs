using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.Venues;

/// <summary>Venues per district against members, and whether a warm station is open in the small hours.</summary>
internal static class VenueCoverage
{
    /// <summary>The next 02:00 in Beijing: the hour a night courier most needs a warm station.</summary>
    public static DateTimeOffset NextNightCheck(DateTimeOffset now)
    {
        var local = BeijingTime.ToLocal(now);
        var at = local.Date.AddHours(2);
        if (at <= local) at = at.AddDays(1);
        return BeijingTime.FromLocal(at);
    }

    public static async Task<CoverageReport> ComputeAsync(GonghuiDb db, string scope, DateTimeOffset now, CancellationToken ct)
    {
        var night = NextNightCheck(now);
        var nightLocal = BeijingTime.ToLocal(night);
        var districts = await db.UnitRows()
            .InScope(scope, u => u.Path).Where(u => u.Kind == OrgUnitKind.DistrictUnion && u.DistrictCode != null)
            .Select(u => new { u.Path, u.DistrictCode }).ToListAsync(ct);
        var venues = await (from v in db.Set<Venue>().AsNoTracking()
                            join u in db.UnitRows().InScope(scope, u => u.Path) on v.UnitId equals u.Id
                            where v.Published
                            select new { v.DistrictCode, v.Type, v.Hours }).ToListAsync(ct);
        var rows = new List<CoverageRow>();
        foreach (var d in districts.OrderBy(d => d.DistrictCode))
        {
            // Members are counted through the organisation tree: every active member of a union under the district union.
            var members = await (from m in db.MemberRows()
                                 join u in db.UnitRows().InScope(d.Path, u => u.Path) on m.UnionId equals u.Id
                                 where m.Status == MemberStatus.Active
                                 select m.Id).CountAsync(ct);
            var here = venues.Where(v => v.DistrictCode == d.DistrictCode).ToList();
            int Of(VenueType t) => here.Count(v => v.Type == t);
            var openAtNight = here.Count(v => v.Type == VenueType.WarmStation && (OpeningHours.TryParse(v.Hours, out _)?.IsOpenAt(nightLocal) ?? false));
            rows.Add(new CoverageRow(d.DistrictCode!, BeijingDistricts.NameOf(d.DistrictCode) ?? d.DistrictCode!, members,
                Of(VenueType.WorkersHome), Of(VenueType.WarmStation), Of(VenueType.MotherBabyRoom), Of(VenueType.ServiceStation),
                here.Count, members == 0 ? null : Math.Round(here.Count * 10000.0 / members, 2), openAtNight));
        }
        return new CoverageReport(night, rows);
    }
}
