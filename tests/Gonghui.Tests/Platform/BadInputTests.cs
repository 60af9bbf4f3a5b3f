using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Http;
using Gonghui.Platform.Money;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Tests.Platform;

/// <summary>Bad input of every kind answers a 4xx problem naming the field, never a 500 (issue 12.2); SQLite and PostgreSQL.</summary>
public abstract class BadInputTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage res, HttpStatusCode status)
    {
        var text = await res.Content.ReadAsStringAsync();
        Assert.True(status == res.StatusCode, $"{(int)res.StatusCode} {text}");
        Assert.StartsWith("application/problem+json", res.Content.Headers.ContentType?.ToString());
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task<string[]> FieldsAsync(HttpResponseMessage res) =>
        (await ProblemAsync(res, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray();

    private static HttpContent RawJson(string json) => new StringContent(json, Encoding.UTF8, "application/json");

    private async Task<Guid> DongchengAsync() => await app.WithDbAsync(async db => (await db.Set<OrgUnit>().SingleAsync(u => u.Code == "DC")).Id);

    [Theory]
    [InlineData("{\"fundCode\":\"mutual-aid\",", "body")]                          // cut off
    [InlineData("not json at all", "body")]
    [InlineData("{\"fundCode\":\"mutual-aid\",\"year\":\"twenty\"}", "year")]      // wrong type
    [InlineData("{\"fundCode\":\"mutual-aid\",\"year\":2147483648}", "year")]      // beyond int
    [InlineData("{\"fundCode\":\"mutual-aid\",\"amountFen\":9223372036854775808}", "amountFen")]
    [InlineData("{\"fundCode\":\"mutual-aid\",\"orgUnitId\":\"not-a-guid\"}", "orgUnitId")]
    [InlineData("[1,2,3]", "body")]
    public async Task Malformed_json_and_wrong_types_are_a_400_naming_the_field(string json, string field)
    {
        var admin = await app.ClientAsync("admin");
        using var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/funds/allocations") { Content = RawJson(json) };
        req.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        Assert.Contains(field, await FieldsAsync(await admin.SendAsync(req)));
    }

    [Fact]
    public async Task A_missing_body_and_a_bad_enum_are_a_400()
    {
        var admin = await app.ClientAsync("admin");
        Assert.Contains("body", await FieldsAsync(await admin.PostAsync("/api/v1/funds/allocations", RawJson(""))));
        var venue = await admin.PostAsync("/api/v1/venues", RawJson("{\"type\":\"Spa\",\"name\":\"x\"}"));
        Assert.Contains("type", await FieldsAsync(venue));
    }

    [Fact]
    public async Task A_list_with_a_null_item_is_a_400_naming_the_item()
    {
        var admin = await app.ClientAsync("admin");
        var res = await admin.PostAsync("/api/v1/venues", RawJson("""
            {"type":"WarmStation","name":"空项测试","address":"测试路1号","districtCode":"110101","lat":39.9,"lng":116.4,"crs":"wgs84",
             "hours":"24/7","amenities":["HotWater",null],"capacity":10,"published":false}
            """));
        Assert.Contains("amenities[1]", await FieldsAsync(res));
    }

    [Fact]
    public async Task Money_beyond_the_domain_maximum_is_refused_and_the_funds_pages_keep_working()
    {
        var admin = await app.ClientAsync("admin");
        var unit = await DongchengAsync();
        foreach (var amount in new[] { long.MaxValue, Fen.MaxValue + 1 })
        {
            using var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/funds/allocations")
            {
                Content = RawJson($"{{\"fundCode\":\"mutual-aid\",\"orgUnitId\":\"{unit}\",\"year\":2026,\"amountFen\":{amount}}}"),
            };
            req.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            var problem = await ProblemAsync(await admin.SendAsync(req), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("amountFen", out _));
            Assert.Equal("money.tooLarge", problem.GetProperty("code").GetString());
        }
        // The maximum itself passes the cap (the parent's budget may still refuse it); the lists and the reconciliation still answer.
        using (var ok = new HttpRequestMessage(HttpMethod.Post, "/api/v1/funds/allocations")
        {
            Content = RawJson($"{{\"fundCode\":\"mutual-aid\",\"orgUnitId\":\"{unit}\",\"year\":2026,\"amountFen\":{Fen.MaxValue}}}"),
        })
        {
            ok.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            var res = await admin.SendAsync(ok);
            Assert.True((int)res.StatusCode < 500);
            Assert.DoesNotContain("money.tooLarge", await res.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/funds/balances?year=2026")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/funds/reconciliation?year=2026")).StatusCode);
        Assert.False(Fen.TryParseYuan("10000000001", out _)); // 10^10 yuan + 1 is beyond 10^12 fen
        Assert.True(Fen.TryParseYuan("10000000000", out var max) && max.Value == Fen.MaxValue);
    }

    private static MultipartFormDataContent FileForm(byte[] bytes, string name)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        return form;
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "empty", "venues.csv" },
        { "pdf", "venues.xlsx" },
        { "zip", "venues.csv" },
        { "pdf", "venues.csv" },
        { "binary", "venues.txt" },
    };

    private static byte[] Bytes(string kind) => kind switch
    {
        "empty" => [],
        "pdf" => Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"),
        "zip" => [(byte)'P', (byte)'K', 3, 4, 20, 0, 0, 0, 8, 0],
        _ => [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00],
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_file_that_is_empty_or_not_what_its_name_says_is_a_400_naming_the_file(string kind, string name)
    {
        var admin = await app.ClientAsync("admin");
        foreach (var url in new[] { "/api/v1/venues/import", "/api/v1/fee-refunds/fees/import" })
        {
            var res = await admin.PostAsync(url, FileForm(Bytes(kind), name));
            Assert.True(res.StatusCode == HttpStatusCode.BadRequest, $"{url} {kind} {name}: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
            Assert.Contains("file", await FieldsAsync(res));
        }
    }

    [Fact]
    public async Task Malformed_multipart_is_a_400_not_a_500()
    {
        var admin = await app.ClientAsync("admin");
        var content = new StringContent("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nabc", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
        var res = await admin.PostAsync("/api/v1/venues/import", content);
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
    }

    [Theory]
    [InlineData("//evil.com")]
    [InlineData("/\\evil.com")]
    [InlineData("https://evil.com")]
    [InlineData("%2F%2Fevil.com")]
    [InlineData("/%2F/evil.com")]
    [InlineData("/%5Cevil.com")]
    [InlineData("http:evil.com")]
    [InlineData(" //evil.com")]
    public async Task A_returnUrl_off_site_ends_on_the_home_page(string returnUrl)
    {
        Assert.Equal("/", LocalUrl.OrHome(returnUrl));
        Assert.Equal("/", LocalUrl.OrHome(Uri.UnescapeDataString(returnUrl)));
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var res = await client.GetAsync("/culture?c=en-US&returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.Equal("/", res.Headers.Location?.OriginalString);
        var login = await client.GetStringAsync("/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Contains("name=\"returnUrl\" value=\"/\"", login); // the form posts back home; the language link re-checks its own
    }

    [Fact]
    public async Task A_local_returnUrl_is_kept()
    {
        Assert.Equal("/funds?year=2026", LocalUrl.OrHome("/funds?year=2026"));
        var res = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/culture?c=en-US&returnUrl=%2Ffunds%3Fyear%3D2026");
        Assert.Equal("/funds?year=2026", res.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_login_post_without_its_antiforgery_token_is_a_400()
    {
        var res = await app.CreateClient(new() { AllowAutoRedirect = false }).PostAsync("/account/login",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "admin", ["password"] = "x", ["returnUrl"] = "//evil.com" }));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
    }

    [Fact]
    public async Task A_unique_key_violation_is_a_409_on_either_database()
    {
        var e = await Assert.ThrowsAsync<DbUpdateException>(() => app.WithDbAsync(async db =>
        {
            var root = await db.Set<OrgUnit>().SingleAsync(u => u.Code == "DC");
            db.Add(OrgUnit.CreateChild(root, "DC", "重复代码", OrgUnitKind.GrassrootsUnion, null, DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        }));
        var p = BadInputExceptionHandler.Classify(e);
        Assert.NotNull(p);
        Assert.Equal(409, p.Status);

        // Over HTTP: concurrent creates of one code give one unit and conflicts, never a 500.
        var admin = await app.ClientAsync("admin");
        var parent = await DongchengAsync();
        var code = "U" + Random.Shared.Next(100000, 999999);
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => admin.PostJsonAsync("/api/v1/orgs",
            new { parentId = parent, code, name = "并发建会", kind = "GrassrootsUnion" })));
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, ((int)a.StatusCode).ToString()));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
    }
}

public sealed class BadInputTests_Sqlite(SqliteApp app) : BadInputTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class BadInputTests_Postgres(PostgresApp app) : BadInputTests<PostgresApp>(app), IClassFixture<PostgresApp>;
