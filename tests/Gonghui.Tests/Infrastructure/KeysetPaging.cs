using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Platform.Http;

namespace Gonghui.Tests.Infrastructure;

/// <summary>
/// The checks every keyset-paged list gets (issue 13.4): the first slice has no previous cursor; the next slice shares no row with
/// it and carries the same count; walking back from the second slice gives the first again; walking forward to the end visits every
/// row once and in the list's order; a bad cursor or limit is a 400 naming the parameter.
/// </summary>
public static class KeysetPaging
{
    /// <summary>Walks <paramref name="url"/> (which must not carry limit/after/before) with slices of <paramref name="limit"/> rows; returns every row in order.
    /// </summary>
    /// <paramref name="get"/> reads the slice from a response that wraps it (default: the response is the slice).
    public static async Task<List<T>> WalkAsync<T>(HttpClient client, string url, Func<T, Guid> id, int limit = 2, Func<T, T, bool>? inOrder = null,
        Func<HttpClient, string, Task<Slice<T>>>? get = null)
    {
        var sep = url.Contains('?') ? "&" : "?";
        get ??= async (c, u) => (await c.GetJsonAsync<Slice<T>>(u))!;
        var first = await get(client, $"{url}{sep}limit={limit}");
        Assert.Null(first.Previous);
        Assert.True(first.Items.Count <= limit);
        var all = new List<T>(first.Items);
        if (first.Next is null)
        {
            Assert.True(first.TotalIsExact);
            Assert.Equal(first.TotalEstimate, first.Items.Count);
            return all;
        }
        Assert.Equal(limit, first.Items.Count);
        var second = await get(client, $"{url}{sep}limit={limit}&after={Uri.EscapeDataString(first.Next)}");
        Assert.NotEmpty(second.Items);
        Assert.Equal(first.TotalEstimate, second.TotalEstimate);
        Assert.Empty(first.Items.Select(id).Intersect(second.Items.Select(id)));
        Assert.NotNull(second.Previous);
        var back = await get(client, $"{url}{sep}limit={limit}&before={Uri.EscapeDataString(second.Previous!)}");
        Assert.Equal(first.Items.Select(id), back.Items.Select(id));
        Assert.Null(back.Previous);
        var cursor = first.Next;
        var seen = new HashSet<Guid>(first.Items.Select(id));
        all.Clear();
        all.AddRange(first.Items);
        while (cursor is not null)
        {
            var s = await get(client, $"{url}{sep}limit={limit}&after={Uri.EscapeDataString(cursor)}");
            foreach (var item in s.Items) Assert.True(seen.Add(id(item)), $"{id(item)} twice");
            all.AddRange(s.Items);
            cursor = s.Next;
        }
        if (first.TotalIsExact) Assert.Equal(first.TotalEstimate, all.Count);
        if (inOrder is not null)
            for (var i = 1; i < all.Count; i++) Assert.True(inOrder(all[i - 1], all[i]), $"row {i} out of order");
        return all;
    }

    /// <summary>A limit out of range and a cursor that is not one are 400s naming limit, after and before.</summary>
    public static async Task BadInputIs400Async(HttpClient client, string url)
    {
        var sep = url.Contains('?') ? "&" : "?";
        foreach (var (query, field) in new[] { ("limit=0", "limit"), ("limit=201", "limit"), ("after=not-a-cursor", "after"), ("before=eyJ4Ijox", "before") })
        {
            var res = await client.GetAsync($"{url}{sep}{query}");
            Assert.True(res.StatusCode == HttpStatusCode.BadRequest, $"{url}{sep}{query}: {res.StatusCode}");
            var problem = await res.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{query} names {field}");
        }
    }
}
