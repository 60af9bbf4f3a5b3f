using System.Net;
using System.Text.Json;
using Gonghui.Tests.Infrastructure;

namespace Gonghui.Tests.Indicators;

/// <summary>Small HTTP helpers for the indicator tests: a keyed POST that must succeed, and the answer as JSON.</summary>
public static class Api
{
    public static async Task<JsonElement> OkAsync(HttpClient c, string url, object? body = null, HttpStatusCode expect = HttpStatusCode.OK)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, url) { Content = System.Net.Http.Json.JsonContent.Create(body ?? new { }, options: Json.Options) };
        req.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var res = await c.SendAsync(req);
        var text = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == expect || (expect == HttpStatusCode.OK && res.StatusCode == HttpStatusCode.Created), $"POST {url}: {(int)res.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Guid Id(this JsonElement e) => e.GetProperty("id").GetGuid();
    public static long Long(this JsonElement e, string name) => e.GetProperty(name).GetInt64();
}
