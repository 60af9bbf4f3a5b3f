using Gonghui.Modules.Venues.Rules;
using Gonghui.Platform.Audit;

namespace Gonghui.Modules.Venues.Listing;

public enum VenueType { WorkersHome = 0, WarmStation = 1, MotherBabyRoom = 2, ServiceStation = 3 }

/// <summary>What a venue offers. Stored as a bit set; the API speaks the names.</summary>
[Flags]
public enum Amenity
{
    None = 0,
    HotWater = 1 << 0,
    Microwave = 1 << 1,
    PhoneCharging = 1 << 2,
    Toilet = 1 << 3,
    Seating = 1 << 4,
    FirstAid = 1 << 5,
    BabyCareTable = 1 << 6,
    WiFi = 1 << 7,
    Refrigerator = 1 << 8,
    Reading = 1 << 9,
    Accessible = 1 << 10,
    Umbrella = 1 << 11,
}

/// <summary>Certification of a venue by the federation (示范 levels).</summary>
public enum CertificationLevel { None = 0, District = 1, Municipal = 2, National = 3 }

/// <summary>A service venue: workers' home, warm station, mother-baby room or service station. Coordinates are WGS-84.</summary>
public sealed class Venue : IAudited
{
    private Venue() { }

    public Guid Id { get; private set; }
    public VenueType Type { get; private set; }
    public bool IsPublicArea { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>The organisation unit that runs the venue; staff scope follows its path.</summary>
    public Guid UnitId { get; private set; }
    public string Address { get; private set; } = "";
    public string DistrictCode { get; private set; } = "";
    public double Lat { get; private set; }
    public double Lng { get; private set; }
    /// <summary>Opening hours in their text form (see <see cref="OpeningHours"/>).</summary>
    public string Hours { get; private set; } = "";
    public Amenity Amenities { get; private set; }
    public int? Capacity { get; private set; }
    /// <summary>The venue's public contact number, shown on the map (a business line, not personal data).</summary>
    public string? Phone { get; private set; }
    public CertificationLevel Certification { get; private set; }
    public bool Published { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Venue Create(VenueFields f, Guid unitId, DateTimeOffset now)
    {
        var v = new Venue { Id = Guid.CreateVersion7(), CreatedAt = now };
        v.Apply(f, unitId, now);
        return v;
    }

    /// <summary>Applies fields that have passed <see cref="VenueRules.Validate"/>.</summary>
    public void Apply(VenueFields f, Guid unitId, DateTimeOffset now)
    {
        Type = f.Type;
        IsPublicArea = f.IsPublicArea;
        Name = f.Name.Trim();
        UnitId = unitId;
        Address = f.Address.Trim();
        DistrictCode = f.DistrictCode;
        Lat = Math.Round(f.Wgs84.Lat, 7);
        Lng = Math.Round(f.Wgs84.Lng, 7);
        Hours = f.Hours.ToString();
        Amenities = f.Amenities;
        Capacity = f.Capacity;
        Phone = string.IsNullOrWhiteSpace(f.Phone) ? null : f.Phone.Trim();
        Certification = f.Certification;
        Published = f.Published;
        UpdatedAt = now;
    }

    public void Publish(bool published, DateTimeOffset now) { Published = published; UpdatedAt = now; }
}

/// <summary>Validated venue fields (coordinates already in WGS-84, hours parsed).</summary>
public sealed record VenueFields(
    VenueType Type, bool IsPublicArea, string Name, string Address, string DistrictCode,
    Platform.Geo.LatLng Wgs84, OpeningHours Hours, Amenity Amenities, int? Capacity, string? Phone,
    CertificationLevel Certification, bool Published);
