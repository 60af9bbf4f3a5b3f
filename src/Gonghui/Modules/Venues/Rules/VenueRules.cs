using Gonghui.Platform.Geo;

namespace Gonghui.Modules.Venues.Rules;

/// <summary>A venue as submitted by the API, a form or an import row: loosely typed so every problem can be named.</summary>
public sealed record VenueInput(
    string? Type, bool? IsPublicArea, string? Name, Guid? UnitId, string? Address, string? DistrictCode,
    double? Lat, double? Lng, string? Crs, string? Hours, string[]? Amenities, int? Capacity, string? Phone,
    string? Certification, bool? Published);

/// <summary>Pure rules for venues: parsing names of types and amenities, and validating input into <see cref="VenueFields"/>.</summary>
public static class VenueRules
{
    public const int MaxNearest = 100;

    /// <summary>Opening hours not saved for this long are shown as "stale" to the staff who keep them (home page, <c>/venues?stale=true</c>).</summary>
    public static readonly TimeSpan HoursStaleAfter = TimeSpan.FromDays(365);

    private static readonly Dictionary<string, VenueType> TypeNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["WorkersHome"] = VenueType.WorkersHome, ["职工之家"] = VenueType.WorkersHome,
        ["WarmStation"] = VenueType.WarmStation, ["暖心驿站"] = VenueType.WarmStation, ["户外劳动者服务站"] = VenueType.WarmStation,
        ["MotherBabyRoom"] = VenueType.MotherBabyRoom, ["母婴关爱室"] = VenueType.MotherBabyRoom,
        ["ServiceStation"] = VenueType.ServiceStation, ["工会服务站"] = VenueType.ServiceStation,
    };

    public static readonly Amenity[] AllAmenities = Enum.GetValues<Amenity>().Where(a => a != Amenity.None).ToArray();
    public static readonly VenueType[] AllTypes = Enum.GetValues<VenueType>();

    // Declared after AllAmenities: static fields initialise in text order.
    private static readonly Dictionary<string, Amenity> AmenityNames = BuildAmenityNames();

    private static Dictionary<string, Amenity> BuildAmenityNames()
    {
        var d = new Dictionary<string, Amenity>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in AllAmenities) d[a.ToString()] = a;
        (string, Amenity)[] zh =
        [
            ("热水", Amenity.HotWater), ("微波炉", Amenity.Microwave), ("充电", Amenity.PhoneCharging), ("手机充电", Amenity.PhoneCharging),
            ("卫生间", Amenity.Toilet), ("厕所", Amenity.Toilet), ("座椅", Amenity.Seating), ("休息座椅", Amenity.Seating),
            ("急救药箱", Amenity.FirstAid), ("药箱", Amenity.FirstAid), ("护理台", Amenity.BabyCareTable), ("婴儿护理台", Amenity.BabyCareTable),
            ("无线网络", Amenity.WiFi), ("冰箱", Amenity.Refrigerator), ("阅读", Amenity.Reading), ("书报", Amenity.Reading),
            ("无障碍", Amenity.Accessible), ("雨具", Amenity.Umbrella), ("爱心雨伞", Amenity.Umbrella),
        ];
        foreach (var (n, a) in zh) d[n] = a;
        return d;
    }

    public static bool TryParseType(string? s, out VenueType type)
    {
        type = default;
        return !string.IsNullOrWhiteSpace(s) && TypeNames.TryGetValue(s.Trim(), out type);
    }

    public static bool TryParseAmenity(string? s, out Amenity a)
    {
        a = default;
        return !string.IsNullOrWhiteSpace(s) && AmenityNames.TryGetValue(s.Trim(), out a);
    }

    /// <summary>Parses a list such as "HotWater,WiFi" or "热水、充电"; null when a name is unknown.</summary>
    public static Amenity? ParseAmenityList(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return Amenity.None;
        var result = Amenity.None;
        foreach (var part in s.Split([',', '，', '、', '|', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParseAmenity(part, out var a)) return null;
            result |= a;
        }
        return result;
    }

    public static string[] AmenityNamesOf(Amenity set) => AllAmenities.Where(a => (set & a) == a).Select(a => a.ToString()).ToArray();

    public static bool TryParseCertification(string? s, out CertificationLevel level)
    {
        level = CertificationLevel.None;
        if (string.IsNullOrWhiteSpace(s)) return true;
        switch (s.Trim())
        {
            case "无": return true;
            case "区级": level = CertificationLevel.District; return true;
            case "市级": level = CertificationLevel.Municipal; return true;
            case "全国": case "全国级": level = CertificationLevel.National; return true;
        }
        return Enum.TryParse(s.Trim(), ignoreCase: true, out level) && Enum.IsDefined(level) && !int.TryParse(s, out _);
    }

    public static bool IsValidPhone(string? s) =>
        string.IsNullOrWhiteSpace(s) || (s.Trim().Length is >= 5 and <= 20 && s.Trim().All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' ' or '(' or ')'));

    /// <summary>Validates input; returns the fields or a list of (field, error code).</summary>
    public static (VenueFields? Fields, List<(string Field, string Code)> Errors) Validate(VenueInput i)
    {
        var errors = new List<(string, string)>();
        if (!TryParseType(i.Type, out var type)) errors.Add(("type", string.IsNullOrWhiteSpace(i.Type) ? "venue.required" : "venue.type.unknown"));
        if (string.IsNullOrWhiteSpace(i.Name)) errors.Add(("name", "venue.required"));
        else if (i.Name.Trim().Length > 200) errors.Add(("name", "venue.tooLong"));
        if (string.IsNullOrWhiteSpace(i.Address)) errors.Add(("address", "venue.required"));
        else if (i.Address.Trim().Length > 300) errors.Add(("address", "venue.tooLong"));
        if (string.IsNullOrWhiteSpace(i.DistrictCode)) errors.Add(("districtCode", "venue.required"));
        else if (i.DistrictCode.Length != 6 || !i.DistrictCode.All(char.IsAsciiDigit)) errors.Add(("districtCode", "venue.district.invalid"));
        if (!ChinaCoordinates.TryParseCrs(i.Crs, out var crs)) errors.Add(("crs", "venue.crs.unknown"));
        if (i.Lat is null) errors.Add(("lat", "venue.required"));
        else if (!double.IsFinite(i.Lat.Value) || i.Lat is < -90 or > 90) errors.Add(("lat", "venue.lat.range"));
        if (i.Lng is null) errors.Add(("lng", "venue.required"));
        else if (!double.IsFinite(i.Lng.Value) || i.Lng is < -180 or > 180) errors.Add(("lng", "venue.lng.range"));
        var hours = OpeningHours.TryParse(i.Hours, out var hoursError);
        if (hours is null) errors.Add(("hours", "venue." + hoursError));
        var amenities = Amenity.None;
        foreach (var a in i.Amenities ?? [])
        {
            if (TryParseAmenity(a, out var one)) amenities |= one;
            else { errors.Add(("amenities", "venue.amenity.unknown")); break; }
        }
        if (i.Capacity is < 0 or > 100_000) errors.Add(("capacity", "venue.capacity.range"));
        if (!IsValidPhone(i.Phone)) errors.Add(("phone", "venue.phone.invalid"));
        if (!TryParseCertification(i.Certification, out var cert)) errors.Add(("certification", "venue.certification.unknown"));
        if (errors.Count > 0) return (null, errors);
        var wgs = ChinaCoordinates.ToWgs84(new LatLng(i.Lat!.Value, i.Lng!.Value), crs);
        return (new VenueFields(type, i.IsPublicArea ?? false, i.Name!, i.Address!, i.DistrictCode!, wgs, hours!, amenities,
            i.Capacity, i.Phone, cert, i.Published ?? true), errors);
    }
}
