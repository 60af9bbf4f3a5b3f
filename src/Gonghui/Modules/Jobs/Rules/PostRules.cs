using Gonghui.Modules.Jobs.Posts;

namespace Gonghui.Modules.Jobs.Rules;

/// <summary>A post's content as the rules accept it: every field present and in range.</summary>
public sealed record PostFields(string Title, string Description, string OccupationCode, EmploymentType EmploymentType, long SalaryMinFen, long SalaryMaxFen,
    int Headcount, string DistrictCode, string Address, double Lat, double Lng, DateOnly ValidThrough, Guid? CampaignId);

/// <summary>A post as submitted (API body or form): anything may be missing.</summary>
public sealed record PostInput(Guid? EmployerId, string? Title, string? Description, string? OccupationCode, EmploymentType? EmploymentType,
    SalaryInput? BaseSalary, int? Headcount, string? DistrictCode, string? Address, double? Lat, double? Lng, DateOnly? ValidThrough, Guid? CampaignId);

/// <summary>The monthly salary range in fen (schema.org baseSalary: a MonetaryAmount with a QuantitativeValue min and max, unit MONTH).</summary>
public sealed record SalaryInput(long? MinFen, long? MaxFen);

/// <summary>
/// The rules of a post's content (Google's job-posting guidelines and the federation's: the salary range is required; the
/// occupation is a leaf of the 2022 classification; the place is in Beijing). Pure: the caller passes today and the districts.
/// </summary>
public static class PostRules
{
    public const int MaxTitle = 100;
    public const int MaxDescription = 4000;
    public const int MaxHeadcount = 10_000;
    /// <summary>A monthly salary above one million yuan is a typing error, not a job.</summary>
    public const long MaxMonthlyFen = 100_000_000;
    /// <summary>A post runs at most a year: Google drops stale posts, and so do job seekers.</summary>
    public const int MaxValidDays = 366;

    /// <summary>The errors (field, code) of <paramref name="input"/>; none means <paramref name="fields"/> is set.</summary>
    public static IReadOnlyList<(string Field, string Code)> Validate(PostInput input, DateOnly today, Occupations occupations, ISet<string> districtCodes, out PostFields? fields)
    {
        var errors = new List<(string, string)>();
        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0) errors.Add(("title", "required"));
        else if (title.Length > MaxTitle) errors.Add(("title", "tooLong"));
        var description = input.Description?.Trim() ?? "";
        if (description.Length == 0) errors.Add(("description", "required"));
        else if (description.Length > MaxDescription) errors.Add(("description", "tooLong"));

        var code = input.OccupationCode?.Trim() ?? "";
        if (code.Length == 0) errors.Add(("occupationCode", "required"));
        else if (!occupations.Exists(code)) errors.Add(("occupationCode", "occupation.unknown"));
        else if (!occupations.IsLeaf(code)) errors.Add(("occupationCode", "occupation.notLeaf"));

        if (input.EmploymentType is not { } type || !Enum.IsDefined(type)) errors.Add(("employmentType", "required"));

        if (input.BaseSalary is null) errors.Add(("baseSalary", "salary.required"));
        else
        {
            if (input.BaseSalary.MinFen is not { } min) errors.Add(("baseSalary.minFen", "salary.required"));
            else if (min <= 0 || min > MaxMonthlyFen) errors.Add(("baseSalary.minFen", "salary.range"));
            if (input.BaseSalary.MaxFen is not { } max) errors.Add(("baseSalary.maxFen", "salary.required"));
            else if (max <= 0 || max > MaxMonthlyFen) errors.Add(("baseSalary.maxFen", "salary.range"));
            else if (input.BaseSalary.MinFen is { } m && m > max) errors.Add(("baseSalary.maxFen", "salary.minOverMax"));
        }

        if (input.Headcount is not { } headcount) errors.Add(("headcount", "required"));
        else if (headcount is < 1 or > MaxHeadcount) errors.Add(("headcount", "headcount.range"));

        var district = input.DistrictCode?.Trim() ?? "";
        if (district.Length == 0) errors.Add(("districtCode", "required"));
        else if (!districtCodes.Contains(district)) errors.Add(("districtCode", "district.unknown"));
        var address = input.Address?.Trim() ?? "";
        if (address.Length == 0) errors.Add(("address", "required"));
        else if (address.Length > 200) errors.Add(("address", "tooLong"));
        if (input.Lat is not { } lat || input.Lng is not { } lng) errors.Add(("lat", "required"));
        else if (!InBeijing(lat, lng)) errors.Add(("lat", "location.outside"));

        if (input.ValidThrough is not { } until) errors.Add(("validThrough", "required"));
        else if (until < today) errors.Add(("validThrough", "validThrough.past"));
        else if (until > today.AddDays(MaxValidDays)) errors.Add(("validThrough", "validThrough.tooFar"));

        fields = errors.Count > 0 ? null : new PostFields(title, description, code, input.EmploymentType!.Value, input.BaseSalary!.MinFen!.Value,
            input.BaseSalary.MaxFen!.Value, input.Headcount!.Value, district, address, Math.Round(input.Lat!.Value, 7), Math.Round(input.Lng!.Value, 7),
            input.ValidThrough!.Value, input.CampaignId);
        return errors;
    }

    /// <summary>Beijing's bounding box (WGS-84), generously: 39.4–41.1 N, 115.4–117.6 E.</summary>
    public static bool InBeijing(double lat, double lng) =>
        double.IsFinite(lat) && double.IsFinite(lng) && lat is >= 39.4 and <= 41.1 && lng is >= 115.4 and <= 117.6;

    /// <summary>
    /// The box around a point that holds every point within <paramref name="meters"/> (latitude and longitude spans), and the
    /// scale of a degree of longitude at that latitude: the search filters by the box (indexable) and by the equirectangular
    /// distance (error under 0.5 % within 100 km at Beijing's latitude), both plain arithmetic on both databases.
    /// </summary>
    public static (double DLat, double DLng, double LngScale) Box(double lat, double meters)
    {
        const double metersPerDegree = 111_194.9; // 2πR/360 with R = 6,371,008.8 m
        var dLat = meters / metersPerDegree;
        var scale = Math.Cos(lat * Math.PI / 180);
        return (dLat, dLat / Math.Max(scale, 0.01), scale);
    }
}
