using Gonghui.Modules.Venues.Rules;
using Gonghui.Platform.Geo;
using Gonghui.Modules.Venues.Nearby;

namespace Gonghui.Modules.Venues.Listing;

/// <summary>A venue as the public API returns it; coordinates in the requested CRS.</summary>
public sealed record VenueDto(
    Guid Id, VenueType Type, bool IsPublicArea, string Name, string Address, string DistrictCode,
    double Lat, double Lng, string Crs, string Hours, bool Is24Hours, bool OpenNow, string[] Amenities,
    int? Capacity, string? Phone, CertificationLevel Certification, double? DistanceMeters)
{
    public static VenueDto From(VenueCard c, Crs crs, DateTime nowLocal, double? distance = null)
    {
        var p = crs == Platform.Geo.Crs.Wgs84 ? new LatLng(c.Lat, c.Lng) : ChinaCoordinates.FromWgs84(new LatLng(c.Lat, c.Lng), crs);
        return new VenueDto(c.Id, c.Type, c.IsPublicArea, c.Name, c.Address, c.DistrictCode, Math.Round(p.Lat, 7), Math.Round(p.Lng, 7),
            ChinaCoordinates.Name(crs), c.HoursText, c.Hours.Is24Hours, c.Hours.IsOpenAt(nowLocal),
            c.AmenityNames, c.Capacity, c.Phone, c.Certification,
            distance is null ? null : Math.Round(distance.Value, 1));
    }
}

public sealed record VenueList(string Crs, int Count, bool Truncated, List<VenueDto> Items);

/// <summary>A venue as staff see it (published or not), with the unit that runs it.</summary>
public sealed record VenueStaffDto(
    Guid Id, VenueType Type, bool IsPublicArea, string Name, Guid UnitId, string UnitName, string Address, string DistrictCode,
    double Lat, double Lng, string Hours, string[] Amenities, int? Capacity, string? Phone, CertificationLevel Certification,
    bool Published, DateTimeOffset UpdatedAt)
{
    public static VenueStaffDto From(Venue v, string unitName) => new(v.Id, v.Type, v.IsPublicArea, v.Name, v.UnitId, unitName, v.Address,
        v.DistrictCode, v.Lat, v.Lng, v.Hours, VenueRules.AmenityNamesOf(v.Amenities), v.Capacity, v.Phone, v.Certification, v.Published, v.UpdatedAt);
}

public sealed record VenueImportResult(int Imported, int Skipped, bool Rejected, List<Platform.Importing.RowError> Errors);

public sealed record CoverageRow(
    string DistrictCode, string DistrictName, int Members, int WorkersHomes, int WarmStations, int MotherBabyRooms, int ServiceStations,
    int Venues, double? VenuesPer10kMembers, int WarmStationsOpenAtNight);

public sealed record CoverageReport(DateTimeOffset NightCheckAt, List<CoverageRow> Rows);
