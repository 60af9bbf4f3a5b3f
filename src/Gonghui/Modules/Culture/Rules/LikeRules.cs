namespace Gonghui.Modules.Culture.Rules;

/// <summary>
/// The burst rules, as data (configuration <c>Gonghui:Culture:Likes</c>): likes from one address beyond
/// <see cref="IpMaxLikes"/> within <see cref="IpWindowMinutes"/>, and likes of one item from accounts first seen less than
/// <see cref="NewAccountMinutes"/> before they liked, when at least <see cref="NewAccountBurst"/> of them fall within
/// <see cref="NewAccountWindowMinutes"/>. Flagged likes stay (raw count) but do not count (cleaned count).
/// </summary>
public sealed record LikeRules
{
    public int IpWindowMinutes { get; init; } = 10;
    public int IpMaxLikes { get; init; } = 30;
    public int NewAccountMinutes { get; init; } = 60;
    public int NewAccountWindowMinutes { get; init; } = 10;
    public int NewAccountBurst { get; init; } = 5;
}

/// <summary>One like as the burst rules see it.</summary>
public readonly record struct LikeFact(Guid Id, Guid ItemId, string IpHash, DateTimeOffset At, DateTimeOffset? AccountFirstSeen);

public static class LikeFlags
{
    public const string Ip = "ip";
    public const string NewAccounts = "new-accounts";
}

/// <summary>Applies <see cref="LikeRules"/> to a campaign's likes. Pure: the same likes give the same flags.</summary>
public static class LikeBursts
{
    /// <summary>The flag of every like that a rule catches (likes not in the result are clean).</summary>
    public static Dictionary<Guid, string> Flag(IReadOnlyList<LikeFact> likes, LikeRules rules)
    {
        var flags = new Dictionary<Guid, string>();
        // One address: a sliding window over its likes in time order; every like inside a window holding too many is flagged.
        foreach (var group in likes.GroupBy(l => l.IpHash))
            FlagWindows(group.OrderBy(l => l.At).ThenBy(l => l.Id).ToList(), TimeSpan.FromMinutes(rules.IpWindowMinutes), rules.IpMaxLikes + 1, LikeFlags.Ip, flags);
        // New accounts: per item, the likes by accounts first seen shortly before they liked, in bursts.
        var young = TimeSpan.FromMinutes(rules.NewAccountMinutes);
        foreach (var group in likes.Where(l => l.AccountFirstSeen is { } seen && l.At - seen < young).GroupBy(l => l.ItemId))
            FlagWindows(group.OrderBy(l => l.At).ThenBy(l => l.Id).ToList(), TimeSpan.FromMinutes(rules.NewAccountWindowMinutes), rules.NewAccountBurst,
                LikeFlags.NewAccounts, flags);
        return flags;
    }

    private static void FlagWindows(List<LikeFact> ordered, TimeSpan window, int atLeast, string flag, Dictionary<Guid, string> flags)
    {
        if (atLeast < 1) atLeast = 1;
        var start = 0;
        for (var end = 0; end < ordered.Count; end++)
        {
            while (ordered[end].At - ordered[start].At > window) start++;
            if (end - start + 1 >= atLeast)
                for (var i = start; i <= end; i++) flags.TryAdd(ordered[i].Id, flag);
        }
    }
}
