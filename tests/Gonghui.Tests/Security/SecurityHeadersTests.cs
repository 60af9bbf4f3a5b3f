using System.Net;
using Gonghui.Platform.Security;
using Gonghui.Tests.Infrastructure;

namespace Gonghui.Tests.Security;

/// <summary>The app with a map tile server configured: its host must be allowed as an image source, nothing more.</summary>
public sealed class TiledApp : SqliteApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [new("Gonghui:Venues:TileUrl", "https://{s}.tiles.example.org/{z}/{x}/{y}.png")];
}

public sealed class SecurityHeadersTests(TiledApp app) : IClassFixture<TiledApp>
{
    private static void AssertCommonHeaders(HttpResponseMessage res)
    {
        Assert.Equal("nosniff", res.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", res.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", res.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", res.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(res.Headers.Contains("Strict-Transport-Security")); // plain HTTP: HSTS would be ignored and is not sent
    }

    [Theory]
    [InlineData("/login", HttpStatusCode.OK)]
    [InlineData("/map", HttpStatusCode.OK)]
    [InlineData("/api/v1/venues.geojson", HttpStatusCode.OK)]
    [InlineData("/api/v1/orgs", HttpStatusCode.Unauthorized)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    [InlineData("/healthz", HttpStatusCode.OK)]
    [InlineData("/openapi/v1.json", HttpStatusCode.OK)]
    [InlineData("/docs/api", HttpStatusCode.Found)] // to /docs/api/
    public async Task Every_response_carries_the_security_headers(string path, HttpStatusCode status)
    {
        var res = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(path);
        Assert.Equal(status, res.StatusCode);
        AssertCommonHeaders(res);
    }

    [Fact]
    public async Task Pages_get_a_strict_policy_that_allows_the_tile_host_and_the_api_gets_none_at_all()
    {
        var client = app.CreateClient();
        var page = (await client.GetAsync("/map")).Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", page);
        Assert.Contains("script-src 'self';", page);
        Assert.DoesNotContain("unsafe-eval", page);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", page);
        Assert.Contains("img-src 'self' data: https://*.tiles.example.org;", page);
        Assert.Contains("object-src 'none'", page);

        var api = (await client.GetAsync("/api/v1/venues.geojson")).Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'none'", api);

        // The API reference needs inline script and eval; only there.
        var docs = (await client.GetAsync("/docs/api/")).Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("'unsafe-inline'", docs);
        Assert.Contains("frame-ancestors 'none'", docs);
        Assert.DoesNotContain("unsafe-eval", (await client.GetAsync("/login")).Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Https_responses_carry_HSTS()
    {
        var client = app.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var res = await client.GetAsync("/login");
        Assert.StartsWith("max-age=31536000", res.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Theory]
    [InlineData("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png", "https://*.tile.openstreetmap.org")]
    [InlineData("https://webrd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}", "https://*.is.autonavi.com")]
    [InlineData("http://tiles.local:8080/{z}/{x}/{y}.png", "http://tiles.local:8080")]
    [InlineData("", null)]
    [InlineData("not a url", null)]
    [InlineData("https://a.{s}.example.org/{z}.png", null)] // a wildcard is allowed only as the leftmost label
    [InlineData("https://evil.org;script-src *", null)]
    public void Tile_url_templates_become_image_sources(string url, string? expected) =>
        Assert.Equal(expected, SecurityHeadersOptions.OriginOfTemplate(url));
}
