using Microsoft.Extensions.Localization;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.Hotline.Open311;

/// <summary>
/// Open311 GeoReport v2: discovery, service list (JSON and XML), POST a request (api_key), GET requests and GET a
/// request. Field names and the error shape ([{"code":400,"description":"…"}]) follow the specification. Service
/// codes are the top-level hotline categories; status is open until the request is resolved, then closed.
/// </summary>
internal static class Open311Endpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/open311/v2").WithTags("Open311").AllowAnonymous().DisableAntiforgery();
        g.MapGet("/discovery.{format}", Discovery);
        g.MapGet("/services.{format}", Services);
        g.MapPost("/requests.{format}", Post);
        g.MapGet("/requests.{format}", ListRequests);
        g.MapGet("/requests/{id}.{format}", GetRequest);
    }

    private static bool IsXml(string format) => format.Equals("xml", StringComparison.OrdinalIgnoreCase);
    private static bool Known(string format) => format is "json" or "xml";

    internal static IResult Errors(string format, int code, string description) =>
        IsXml(format)
            ? Xml(new XElement("errors", new XElement("error", new XElement("code", code), new XElement("description", description))), code)
            : Results.Json(new[] { new Dictionary<string, object> { ["code"] = code, ["description"] = description } }, statusCode: code);

    private static IResult Xml(XElement root, int status = 200) =>
        Results.Text(new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + "\n" + root, "text/xml; charset=utf-8", Encoding.UTF8, status);

    private static IResult Discovery(string format, HttpRequest http)
    {
        if (!Known(format)) return Errors("json", 404, "format must be json or xml");
        var url = $"{http.Scheme}://{http.Host}/open311/v2";
        const string changeset = "2026-11-25T00:00:00Z";
        if (IsXml(format))
            return Xml(new XElement("discovery", new XElement("changeset", changeset), new XElement("contact", "北京市总工会 12351 职工服务热线"),
                new XElement("key_service", "Ask the federation's hotline office for an API key."),
                new XElement("endpoints", new XElement("endpoint", new XElement("specification", "http://wiki.open311.org/GeoReport_v2"),
                    new XElement("url", url), new XElement("changeset", changeset), new XElement("type", "production"),
                    new XElement("formats", new XElement("format", "text/xml"), new XElement("format", "application/json"))))));
        return Results.Json(new Dictionary<string, object>
        {
            ["changeset"] = changeset, ["contact"] = "北京市总工会 12351 职工服务热线", ["key_service"] = "Ask the federation's hotline office for an API key.",
            ["endpoints"] = new[] { new Dictionary<string, object> { ["specification"] = "http://wiki.open311.org/GeoReport_v2", ["url"] = url, ["changeset"] = changeset, ["type"] = "production", ["formats"] = new[] { "text/xml", "application/json" } } },
        });
    }

    private static IResult Services(string format, CategoryTaxonomy taxonomy)
    {
        if (!Known(format)) return Errors("json", 404, "format must be json or xml");
        var list = taxonomy.Top.Select(c => new Dictionary<string, object?>
        {
            ["service_code"] = c.Code, ["service_name"] = c.Zh, ["description"] = c.En, ["metadata"] = false, ["type"] = "realtime",
            ["keywords"] = string.Join(", ", new[] { c.En }.Concat((c.Children ?? []).Select(x => x.Zh))), ["group"] = "12351",
        }).ToList();
        if (IsXml(format))
            return Xml(new XElement("services", list.Select(s => new XElement("service", s.Select(kv => new XElement(kv.Key, kv.Value is bool b ? (b ? "true" : "false") : kv.Value))))));
        return Results.Json(list);
    }

    private static async Task<IResult> Post(string format, HttpRequest http, HotlineService svc, IOptions<HotlineOptions> options, IStringLocalizer<HotlineText> t, CancellationToken ct)
    {
        if (!Known(format)) return Errors("json", 404, "format must be json or xml");
        if (!http.HasFormContentType) return Errors(format, 400, "the request body must be form-encoded (application/x-www-form-urlencoded)");
        var f = await http.ReadFormAsync(ct);
        string? F(string k) => f.TryGetValue(k, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        var key = F("api_key");
        if (key is null || !options.Value.Open311ApiKeys.Contains(key)) return Errors(format, 403, "api_key is missing or not valid");
        var code = F("service_code");
        if (code is null) return Errors(format, 400, "service_code is required");
        if (!svc.Taxonomy.IsValid(code, null)) return Errors(format, 404, $"service_code {code} was not found");
        double? lat = null, lon = null;
        if (F("lat") is { } la || F("long") is not null)
        {
            if (!double.TryParse(F("lat"), NumberStyles.Float, CultureInfo.InvariantCulture, out var a) || !double.TryParse(F("long"), NumberStyles.Float, CultureInfo.InvariantCulture, out var b))
                return Errors(format, 400, "lat and long must both be decimal WGS-84 coordinates");
            lat = a; lon = b;
        }
        var address = F("address_string");
        if (lat is null && address is null && F("address_id") is null) return Errors(format, 400, "a location is required: lat and long, address_string or address_id");
        var name = string.Join(" ", new[] { F("last_name"), F("first_name") }.Where(x => x is not null));
        var body = new FileRequestBody(code, null, null, F("description"), name.Length == 0 ? null : name, F("phone"), null, null, null,
            address ?? (F("address_id") is { } aid ? "address_id:" + aid : null), lat, lon, Channel.Open311);
        var o = await svc.FileAsync(body, Channel.Open311, ct);
        if (!o.IsOk)
        {
            var errs = o.ToErrors(t).ToDictionary();
            var first = errs.First();
            var field = first.Key switch { "latitude" => "lat", "longitude" => "long", "address" => "address_string", "callerName" => "first_name", _ => first.Key };
            return Errors(format, 400, $"{field}: {first.Value[0]}");
        }
        var r = o.Value!;
        var notice = $"已受理，查询码 {r.TrackingCode}。Accepted; tracking code {r.TrackingCode}.";
        if (IsXml(format))
            return Xml(new XElement("service_requests", new XElement("request", new XElement("service_request_id", r.TrackingCode), new XElement("service_notice", notice), new XElement("account_id"))), 201);
        return Results.Json(new[] { new Dictionary<string, object?> { ["service_request_id"] = r.TrackingCode, ["service_notice"] = notice, ["account_id"] = null } }, statusCode: 201);
    }

    private static async Task<IResult> ListRequests(string format, HttpRequest http, GonghuiDb db, CategoryTaxonomy taxonomy, TimeProvider clock, IOptions<HotlineOptions> options, CancellationToken ct)
    {
        if (!Known(format)) return Errors("json", 404, "format must be json or xml");
        var q = http.Query;
        var query = db.Set<HotlineRequest>().AsNoTracking().Where(r => r.MergedIntoId == null);
        if (q["service_request_id"].ToString() is { Length: > 0 } ids)
        {
            var list = ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(x => x.ToUpperInvariant()).ToList();
            query = query.Where(r => list.Contains(r.TrackingCode));
        }
        else
        {
            DateTimeOffset? start = null, end = null;
            if (q["start_date"].ToString() is { Length: > 0 } s)
            {
                if (!DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var v)) return Errors(format, 400, "start_date must be a W3C date-time");
                start = v;
            }
            if (q["end_date"].ToString() is { Length: > 0 } e)
            {
                if (!DateTimeOffset.TryParse(e, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var v)) return Errors(format, 400, "end_date must be a W3C date-time");
                end = v;
            }
            // The specification's default window: the last 90 days.
            end ??= clock.GetUtcNow();
            start ??= end.Value.AddDays(-90);
            if (end <= start) return Errors(format, 400, "end_date must be after start_date");
            var (sv, ev) = (start.Value.ToUniversalTime(), end.Value.ToUniversalTime());
            query = query.Where(r => r.ReceivedAt >= sv && r.ReceivedAt <= ev);
            if (q["service_code"].ToString() is { Length: > 0 } codes)
            {
                var cl = codes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                query = query.Where(r => cl.Contains(r.Category));
            }
            var status = q["status"].ToString();
            var finished = new[] { RequestState.Resolved, RequestState.VisitedBack, RequestState.Closed };
            if (status == "open") query = query.Where(r => !finished.Contains(r.State));
            else if (status == "closed") query = query.Where(r => finished.Contains(r.State));
            else if (status.Length > 0) return Errors(format, 400, "status must be open or closed");
        }
        var rows = await query.OrderByDescending(r => r.ReceivedAt).Take(1000).ToListAsync(ct);
        return await RenderAsync(format, rows, db, taxonomy, options.Value.Sensitive, ct);
    }

    private static async Task<IResult> GetRequest(string id, string format, GonghuiDb db, CategoryTaxonomy taxonomy, IOptions<HotlineOptions> options, CancellationToken ct)
    {
        if (!Known(format)) return Errors("json", 404, "format must be json or xml");
        var code = id.ToUpperInvariant();
        var r = await db.Set<HotlineRequest>().AsNoTracking().FirstOrDefaultAsync(x => x.TrackingCode == code, ct);
        if (r is null) return Errors(format, 404, $"service_request_id {id} was not found");
        return await RenderAsync(format, [r], db, taxonomy, options.Value.Sensitive, ct);
    }

    /// <summary>
    /// The spec's request fields, in its order. Personal data (name, phone) is never published: a request of a sensitive
    /// category (psychological help, legal advice, hardship: <see cref="HotlineOptions.SensitiveCategories"/>) publishes no
    /// description, status notes, address or position at all; every other request's text goes through <see cref="PublicText.Redact"/>
    /// with the names the request knows.
    /// </summary>
    private static async Task<IResult> RenderAsync(string format, List<HotlineRequest> rows, GonghuiDb db, CategoryTaxonomy taxonomy, IReadOnlyCollection<string> sensitive, CancellationToken ct)
    {
        var unitIds = rows.Select(r => r.LeadUnitId).OfType<Guid>().Distinct().ToList();
        var names = await db.UnitRows().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var items = rows.Select(r => PublicView(r, sensitive)).Select(p => new List<KeyValuePair<string, object?>>
        {
            new("service_request_id", p.R.TrackingCode),
            new("status", RequestStateMachine.IsFinished(p.R.State) ? "closed" : "open"),
            new("status_notes", p.StatusNotes),
            new("service_name", taxonomy.Name(p.R.Category)),
            new("service_code", p.R.Category),
            new("description", p.Description),
            new("agency_responsible", p.R.LeadUnitId is { } u && names.TryGetValue(u, out var n) ? n : null),
            new("service_notice", null),
            new("requested_datetime", W3c(p.R.ReceivedAt)),
            new("updated_datetime", W3c(new[] { p.R.ReceivedAt, p.R.DispatchedAt, p.R.ContactedAt, p.R.ResolvedAt, p.R.ClosedAt, p.R.VisitedAt }.Max())),
            new("expected_datetime", W3c(p.R.ResolutionDueAt)),
            new("address", p.Address),
            new("address_id", null),
            new("zipcode", null),
            new("lat", p.Latitude),
            new("long", p.Longitude),
            new("media_url", null),
        }).ToList();
        if (IsXml(format))
            return Xml(new XElement("service_requests", items.Select(i => new XElement("request", i.Select(kv => new XElement(kv.Key, kv.Value is double d ? d.ToString(CultureInfo.InvariantCulture) : kv.Value))))));
        return Results.Json(items.Select(i => i.ToDictionary(kv => kv.Key, kv => kv.Value)).ToList());
    }

    private sealed record PublicRequest(HotlineRequest R, string? Description, string? StatusNotes, string? Address, double? Latitude, double? Longitude);

    /// <summary>What of a request the public sees: nothing textual of a sensitive category, redacted text otherwise.</summary>
    private static PublicRequest PublicView(HotlineRequest r, IReadOnlyCollection<string> sensitive)
    {
        if (PublicText.IsSensitive(r.Category, r.SubCategory, sensitive)) return new(r, null, null, null, null, null);
        string?[] known = [r.CallerName];
        return new(r, PublicText.Redact(r.Description, known), PublicText.Redact(r.ResolutionNote, known), PublicText.Redact(r.Address, known), r.Latitude, r.Longitude);
    }

    private static string? W3c(DateTimeOffset? t) => t is { } v ? BeijingTime.FormatIso(v) : null;
}
