using System.Text.Json.Nodes;
using Gonghui.Modules.Jobs.Posts;
using Gonghui.Modules.Jobs.Rules;
using Gonghui.Platform.Http;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Jobs.Search;

/// <summary>An entry of the classification for pickers and other services.</summary>
public sealed record OccupationDto(string Code, OccupationLevel Level, string Name, bool Leaf);

/// <summary>The public, anonymous, read-only part: search, a post's public view, the JSON feed, the occupation list.</summary>
internal static class SearchEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/search", Search).AllowAnonymous();
        g.MapGet("/public/{id:guid}", Get).AllowAnonymous();
        g.MapGet("/feed", Feed).AllowAnonymous();
        g.MapGet("/occupations", OccupationList).AllowAnonymous();
    }

    public static async Task<IResult> Search(string? occupation, string? district, long? salaryFen, double? lat, double? lng, double? radiusKm, string? q,
        Guid? campaignId, string? after, string? before, int? limit, JobSearch s, IStringLocalizer<JobsText> t, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        return (await s.SearchAsync(new SearchFilter(occupation, district, salaryFen, lat, lng, radiusKm, q, campaignId), request, ct)).ToHttpResult(PostEndpoints.Text(t));
    }

    public static async Task<IResult> Get(Guid id, JobSearch s, CancellationToken ct) =>
        await s.GetAsync(id, ct) is { } p ? TypedResults.Ok(p) : TypedResults.NotFound();

    /// <summary>
    /// Open posts as schema.org JobPosting objects, newest first, keyset-sliced like every list (<c>next</c> carries on): for
    /// other services (the city's job portal, district sites) to republish.
    /// </summary>
    public static async Task<IResult> Feed(string? after, string? before, int? limit, JobSearch s, HttpContext http, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        var slice = await s.FeedAsync(request, ct);
        var origin = $"{http.Request.Scheme}://{http.Request.Host}";
        var items = new JsonArray([.. slice.Items.Select(p => (JsonNode)JobPostingLd.Of(p, $"{origin}/jobs/{p.Id}"))]);
        var body = new JsonObject
        {
            ["items"] = items, ["next"] = slice.Next, ["previous"] = slice.Previous, ["totalEstimate"] = slice.TotalEstimate,
            ["totalIsExact"] = slice.TotalIsExact, ["totalIsCached"] = slice.TotalIsCached,
        };
        return TypedResults.Text(JobPostingLd.Json(body), "application/json; charset=utf-8");
    }

    public static IResult OccupationList(string? parent) =>
        TypedResults.Ok(Occupations.Current.Children(string.IsNullOrWhiteSpace(parent) ? null : parent.Trim())
            .Select(o => new OccupationDto(o.Code, o.Level, o.Name, Occupations.Current.IsLeaf(o.Code))).ToList());
}
