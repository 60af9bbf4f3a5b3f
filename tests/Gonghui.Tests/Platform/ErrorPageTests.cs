using System.Net;
using Gonghui.Tests.Infrastructure;

namespace Gonghui.Tests.Platform;

/// <summary>A browser gets errors as pages in the site's layout, in its language; the API keeps problem details.</summary>
public sealed class ErrorPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private async Task<HttpResponseMessage> GetAsync(string path, string accept, string? culture = null)
    {
        var req = new HttpRequestMessage(HttpMethod.Get, path);
        req.Headers.TryAddWithoutValidation("Accept", accept);
        // The language switcher's cookie, as a browser sends it.
        if (culture is not null) req.Headers.Add("Cookie", $".AspNetCore.Culture=c%3D{culture}%7Cuic%3D{culture}");
        return await app.CreateClient(new() { AllowAutoRedirect = false }).SendAsync(req);
    }

    [Theory]
    [InlineData("/no-such-page", null, "未找到", "返回首页")]
    [InlineData("/hardship/files/not-a-guid/x/y", null, "未找到", "返回首页")]
    [InlineData("/no-such-page", "en-US", "Not found", "Back to the home page")]
    public async Task A_missing_page_is_a_404_page_in_the_layout(string path, string? culture, string title, string link)
    {
        var res = await GetAsync(path, "text/html,application/xhtml+xml", culture);
        Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
        Assert.Equal("text/html", res.Content.Headers.ContentType?.MediaType);
        var html = WebUtility.HtmlDecode(await res.Content.ReadAsStringAsync());
        Assert.Contains($"<h1>{title}</h1>", html);
        Assert.Contains(link, html);
        Assert.Contains("<nav", html); // the site's layout, with its menu
        Assert.DoesNotContain("\"status\":404", html);
    }

    [Fact]
    public async Task The_api_answers_problem_details_even_to_a_browser()
    {
        var res = await GetAsync("/api/v1/no-such-thing", "text/html");
        Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
        Assert.NotEqual("text/html", res.Content.Headers.ContentType?.MediaType);
        var plain = await GetAsync("/no-such-page", "application/json");
        Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
        Assert.NotEqual("text/html", plain.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_server_error_page_says_what_to_do_with_a_reference()
    {
        var res = await GetAsync("/error", "text/html");
        var html = WebUtility.HtmlDecode(await res.Content.ReadAsStringAsync());
        Assert.Contains("<h1>系统出错</h1>", html);
        Assert.Contains("编号", html);
    }
}
