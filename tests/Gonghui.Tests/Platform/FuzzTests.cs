using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gonghui.Tests.Infrastructure;

namespace Gonghui.Tests.Platform;

/// <summary>
/// Bad input never gets a 5xx: every operation of the OpenAPI document, called by a federation administrator (who passes
/// every permission, so the handlers really run) with boundary values in each path and query parameter and each body
/// property, malformed JSON, bodies of the wrong type, and broken multipart uploads. Any 5xx fails, naming the case.
/// </summary>
public abstract class FuzzTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private static readonly string Long = new('长', 10_000);

    /// <summary>Values for a parameter or property: numbers at the edges, nulls, empties, long text, a bad enum, wrong types.</summary>
    private static readonly JsonNode?[] Boundary =
    [
        0, -1, 2147483648L, long.MaxValue, null, "", Long, "not-a-value", true, new JsonArray(), new JsonObject(), new JsonArray((JsonNode?)null),
        "9223372036854775808", 1e308,
    ];

    private static readonly string[] QueryValues = ["0", "-1", "2147483648", "9223372036854775807", "", Long, "not-a-value", "null", "%00", "2026-13-45"];

    // Operations that end the caller's own session (the rest of the run needs it): covered by their own tests.
    private static readonly string[] NotFuzzed = ["/api/v1/auth/"];

    [Fact]
    public async Task No_operation_answers_a_5xx_to_boundary_values_or_malformed_bodies()
    {
        var admin = await app.ClientAsync("admin");
        var doc = JsonNode.Parse(await admin.GetStringAsync("/openapi/v1.json"))!;
        var schemas = doc["components"]?["schemas"]?.AsObject();
        var failures = new List<string>();
        int operations = 0, cases = 0;
        var statuses = new SortedDictionary<int, int>();
        foreach (var (path, item) in doc["paths"]!.AsObject())
        {
            if (NotFuzzed.Any(n => path.StartsWith(n, StringComparison.Ordinal))) continue;
            foreach (var (method, op) in item!.AsObject())
            {
                if (method is not ("get" or "post" or "put" or "delete" or "patch")) continue;
                operations++;
                var parameters = (op!["parameters"] as JsonArray ?? []).OfType<JsonNode>().ToList();
                var pathParams = parameters.Where(p => (string?)p["in"] == "path").Select(p => (string)p["name"]!).ToList();
                var queryParams = parameters.Where(p => (string?)p["in"] == "query").Select(p => (string)p["name"]!).ToList();
                var content = op["requestBody"]?["content"]?.AsObject();
                var jsonSchema = content?["application/json"]?["schema"];
                var multipart = content?.Any(c => c.Key.StartsWith("multipart/", StringComparison.Ordinal)) == true;

                string Url(string? bad = null, string? badParam = null, string? query = null)
                {
                    var url = path;
                    foreach (var p in pathParams)
                        url = url.Replace("{" + p + "}", p == badParam ? Uri.EscapeDataString(bad!) : PlaceholderFor(p), StringComparison.Ordinal);
                    return query is null ? url : url + "?" + query;
                }

                var requests = new List<(string Case, Func<HttpRequestMessage> Make)>();
                var baseBody = jsonSchema is null ? null : Skeleton(jsonSchema, schemas);
                HttpRequestMessage Make(string url, HttpContent? body)
                {
                    var r = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url) { Content = body };
                    if (method is "post" or "put") r.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                    return r;
                }
                HttpContent? DefaultBody() => baseBody is null ? null : new StringContent(baseBody.ToJsonString(), Encoding.UTF8, "application/json");

                foreach (var p in pathParams)
                    foreach (var v in QueryValues.Where(v => v.Length > 0))
                        requests.Add(($"path {p}={Show(v)}", () => Make(Url(v, p), DefaultBody())));
                foreach (var q in queryParams)
                    foreach (var v in QueryValues)
                        requests.Add(($"query {q}={Show(v)}", () => Make(Url(query: q + "=" + Uri.EscapeDataString(v)), DefaultBody())));
                if (jsonSchema is not null)
                {
                    requests.Add(("body {}", () => Make(Url(), new StringContent("{}", Encoding.UTF8, "application/json"))));
                    requests.Add(("body malformed", () => Make(Url(), new StringContent("{\"a\":", Encoding.UTF8, "application/json"))));
                    requests.Add(("body array", () => Make(Url(), new StringContent("[null]", Encoding.UTF8, "application/json"))));
                    requests.Add(("body string", () => Make(Url(), new StringContent("\"x\"", Encoding.UTF8, "application/json"))));
                    requests.Add(("body null", () => Make(Url(), new StringContent("null", Encoding.UTF8, "application/json"))));
                    requests.Add(("body as text/plain", () => Make(Url(), new StringContent("{}", Encoding.UTF8, "text/plain"))));
                    foreach (var prop in (baseBody as JsonObject)?.Select(kv => kv.Key).ToList() ?? [])
                        foreach (var v in Boundary)
                        {
                            var value = v?.DeepClone();
                            requests.Add(($"body {prop}={Show(value?.ToJsonString() ?? "null")}", () =>
                            {
                                var body = (JsonObject)baseBody!.DeepClone();
                                body[prop] = value?.DeepClone();
                                return Make(Url(), new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
                            }));
                        }
                }
                if (multipart)
                {
                    requests.Add(("multipart without boundary", () => Make(Url(), Raw("multipart/form-data", "x"))));
                    requests.Add(("multipart garbage", () => Make(Url(), Raw("multipart/form-data; boundary=zz", "--zz\r\nnot a part"))));
                    requests.Add(("multipart empty file", () => Make(Url(), FileForm("members.csv", "text/csv", []))));
                    requests.Add(("pdf named .xlsx", () => Make(Url(), FileForm("members.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Encoding.ASCII.GetBytes("%PDF-1.7\n%âãÏÓ\n1 0 obj\n")))));
                    requests.Add(("text sent as csv", () => Make(Url(), FileForm("members.csv", "text/csv", Encoding.UTF8.GetBytes("这不是表格\n只是一段话\u0000\u0001")))));
                    requests.Add(("json sent to an upload", () => Make(Url(), new StringContent("{}", Encoding.UTF8, "application/json"))));
                }
                if (requests.Count == 0) requests.Add(("plain", () => Make(Url(), DefaultBody())));

                foreach (var (name, make) in requests)
                {
                    using var request = make();
                    using var response = await admin.SendAsync(request);
                    cases++;
                    statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
                    if ((int)response.StatusCode >= 500)
                        failures.Add($"{method.ToUpperInvariant()} {path} [{name}]: {(int)response.StatusCode} {Trim(await response.Content.ReadAsStringAsync())}");
                }
            }
        }
        var summary = $"fuzz ({app.Provider}): {operations} operations, {cases} cases, {failures.Count} answers of 5xx; answers by status: "
            + string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"));
        TestContext.Current.SendDiagnosticMessage(summary);
        Assert.True(operations > 100, summary);
        // The handlers really ran: most cases reach validation (400) and some succeed, not all stop at routing or auth.
        Assert.True(statuses.GetValueOrDefault(400) > cases / 4, summary);
        Assert.True(statuses.Where(s => s.Key < 300).Sum(s => s.Value) > 100, summary);
        Assert.True(failures.Count == 0, summary + "\n" + string.Join("\n", failures.Take(60)));
    }

    private static string PlaceholderFor(string name) => name.ToLowerInvariant() switch
    {
        "format" => "json",
        "fundcode" => "warmth",
        "year" => "2026",
        _ => Guid.NewGuid().ToString(),
    };

    private static string Show(string v) => v.Length > 20 ? v[..8] + $"…({v.Length})" : v;
    private static string Trim(string s) => s.Length > 300 ? s[..300] : s;

    private static StringContent Raw(string contentType, string body)
    {
        var c = new StringContent(body, Encoding.UTF8);
        c.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return c;
    }

    private static MultipartFormDataContent FileForm(string fileName, string contentType, byte[] bytes)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    /// <summary>A body with every property of the schema present at a plain value, so each case changes one thing.</summary>
    private static JsonNode? Skeleton(JsonNode schema, JsonObject? schemas, int depth = 0)
    {
        if (depth > 4) return null;
        if (schema["$ref"] is { } r && schemas is not null)
        {
            var name = ((string)r!).Split('/')[^1];
            return schemas[name] is { } target ? Skeleton(target, schemas, depth + 1) : null;
        }
        var type = schema["type"] switch
        {
            JsonArray a => a.OfType<JsonNode>().Select(t => (string?)t).FirstOrDefault(t => t != "null"),
            JsonNode t => (string?)t,
            _ => null,
        };
        if (schema["enum"] is JsonArray values && values.Count > 0) return values[0]?.DeepClone();
        return type switch
        {
            "object" or null when schema["properties"] is JsonObject props =>
                new JsonObject(props.Select(p => KeyValuePair.Create(p.Key, Skeleton(p.Value!, schemas, depth + 1)))),
            "string" => (string?)schema["format"] switch { "uuid" => Guid.NewGuid().ToString(), "date" => "2026-01-15", "date-time" => "2026-01-15T08:00:00Z", _ => "x" },
            "integer" or "number" => 1,
            "boolean" => false,
            "array" => new JsonArray(),
            _ => null,
        };
    }
}

public sealed class FuzzTests_Sqlite(SqliteApp app) : FuzzTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class FuzzTests_Postgres(PostgresApp app) : FuzzTests<PostgresApp>(app), IClassFixture<PostgresApp>;
