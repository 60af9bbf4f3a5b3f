namespace Gonghui.Modules.Hotline.Rules;

/// <summary>One request as clustering sees it: what it is about and when it came in.</summary>
public sealed record ClusterItem(Guid RequestId, string Key, string Category, DateTimeOffset ReceivedAt);

/// <summary>A threshold: <see cref="Count"/> requests of a category about one key within <see cref="Window"/>.</summary>
public sealed record ClusterThreshold(string? Category, int Count, TimeSpan Window);

public sealed record Cluster(string Key, string Category, int Count, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<Guid> RequestIds);

/// <summary>
/// Topics before complaints (未诉先办): repeated requests about one enterprise (or place) and category are grouped;
/// a group reaching its threshold inside a sliding window (five wage-arrears requests in seven days by default) is a
/// cluster that raises an alert. The category-specific threshold wins over the general one.
/// </summary>
public static class ClusterRules
{
    public static readonly IReadOnlyList<ClusterThreshold> Defaults =
    [
        new("labor-dispute", 5, TimeSpan.FromDays(7)),
        new(null, 10, TimeSpan.FromDays(7)),
    ];

    public static ClusterThreshold ThresholdFor(string category, IReadOnlyList<ClusterThreshold> thresholds) =>
        thresholds.FirstOrDefault(t => t.Category == category) ?? thresholds.First(t => t.Category is null);

    /// <summary>The largest window per (key, category) that reaches its threshold.</summary>
    public static IReadOnlyList<Cluster> Detect(IEnumerable<ClusterItem> items, IReadOnlyList<ClusterThreshold> thresholds)
    {
        var result = new List<Cluster>();
        foreach (var g in items.Where(i => !string.IsNullOrEmpty(i.Key)).GroupBy(i => (i.Key, i.Category)))
        {
            var t = ThresholdFor(g.Key.Category, thresholds);
            var sorted = g.OrderBy(i => i.ReceivedAt).ToList();
            Cluster? best = null;
            var lo = 0;
            for (var hi = 0; hi < sorted.Count; hi++)
            {
                while (sorted[hi].ReceivedAt - sorted[lo].ReceivedAt >= t.Window) lo++;
                var n = hi - lo + 1;
                if (n >= t.Count && (best is null || n > best.Count))
                    best = new Cluster(g.Key.Key, g.Key.Category, n, sorted[lo].ReceivedAt, sorted[hi].ReceivedAt, sorted.Skip(lo).Take(n).Select(i => i.RequestId).ToList());
            }
            if (best is not null) result.Add(best);
        }
        return result.OrderByDescending(c => c.Count).ToList();
    }
}
