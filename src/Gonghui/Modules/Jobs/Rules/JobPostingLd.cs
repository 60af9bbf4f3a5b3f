using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Gonghui.Modules.Jobs.Posts;

namespace Gonghui.Modules.Jobs.Rules;

/// <summary>What a public job page and the feed say about a post (no staff-only fields).</summary>
public sealed record PublicPost(Guid Id, string Title, string Description, string EmployerName, string EmployerCreditCode, string OccupationCode,
    string? OccupationName, EmploymentType EmploymentType, long SalaryMinFen, long SalaryMaxFen, int Headcount, int Filled, string DistrictCode,
    string? DistrictName, string Address, double Lat, double Lng, DateOnly DatePosted, DateOnly ValidThrough, bool IsOpen, Guid? CampaignId);

/// <summary>
/// schema.org JobPosting as JSON-LD (Google's job-posting structured data): the required title, description, datePosted,
/// hiringOrganization and jobLocation, and the recommended validThrough, baseSalary (CNY per month) and employmentType.
/// Pure: the caller gives the post and the page's absolute URL.
/// </summary>
public static class JobPostingLd
{
    /// <summary>Escapes &lt;, &gt;, &amp; and quotes, so the JSON can sit inside a script element; Chinese stays readable.</summary>
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), WriteIndented = false };

    public static string EmploymentTypeOf(EmploymentType t) => t switch
    {
        EmploymentType.FullTime => "FULL_TIME",
        EmploymentType.PartTime => "PART_TIME",
        EmploymentType.Contractor => "CONTRACTOR",
        EmploymentType.Temporary => "TEMPORARY",
        EmploymentType.Intern => "INTERN",
        EmploymentType.PerDiem => "PER_DIEM",
        _ => "OTHER",
    };

    private static decimal Yuan(long fen) => fen / 100m;

    public static JsonObject Of(PublicPost p, string url) => new()
    {
        ["@context"] = "https://schema.org/",
        ["@type"] = "JobPosting",
        ["title"] = p.Title,
        ["description"] = p.Description,
        ["identifier"] = new JsonObject { ["@type"] = "PropertyValue", ["name"] = p.EmployerName, ["value"] = p.Id.ToString() },
        ["datePosted"] = p.DatePosted.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        // The end of the last day, Beijing time (UTC+8 all year).
        ["validThrough"] = p.ValidThrough.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T23:59:59+08:00",
        ["employmentType"] = EmploymentTypeOf(p.EmploymentType),
        ["hiringOrganization"] = new JsonObject
        {
            ["@type"] = "Organization", ["name"] = p.EmployerName,
            ["identifier"] = new JsonObject { ["@type"] = "PropertyValue", ["propertyID"] = "统一社会信用代码", ["value"] = p.EmployerCreditCode },
        },
        ["jobLocation"] = new JsonObject
        {
            ["@type"] = "Place",
            ["address"] = new JsonObject
            {
                ["@type"] = "PostalAddress", ["streetAddress"] = p.Address, ["addressLocality"] = p.DistrictName ?? "", ["addressRegion"] = "北京市",
                ["postalCode"] = p.DistrictCode, ["addressCountry"] = "CN",
            },
            ["geo"] = new JsonObject { ["@type"] = "GeoCoordinates", ["latitude"] = p.Lat, ["longitude"] = p.Lng },
        },
        ["baseSalary"] = new JsonObject
        {
            ["@type"] = "MonetaryAmount", ["currency"] = "CNY",
            ["value"] = new JsonObject { ["@type"] = "QuantitativeValue", ["minValue"] = Yuan(p.SalaryMinFen), ["maxValue"] = Yuan(p.SalaryMaxFen), ["unitText"] = "MONTH" },
        },
        ["occupationalCategory"] = p.OccupationName is null ? p.OccupationCode : $"{p.OccupationCode} {p.OccupationName}",
        ["totalJobOpenings"] = Math.Max(0, p.Headcount - p.Filled),
        ["url"] = url,
    };

    /// <summary>The script element's text: JSON-LD safe to embed in HTML.</summary>
    public static string Script(PublicPost p, string url) => Of(p, url).ToJsonString(Options);

    /// <summary>The whole script element, to write into a page as markup.</summary>
    public static string ScriptElement(PublicPost p, string url) => $"<script type=\"application/ld+json\">{Script(p, url)}</script>";

    public static string Json(JsonNode node) => node.ToJsonString(Options);
}
