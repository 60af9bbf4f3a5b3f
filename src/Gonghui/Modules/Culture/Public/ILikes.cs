using Gonghui.Platform.Http;

namespace Gonghui.Modules.Culture.Public;

/// <summary>
/// Honest likes (点赞), for any module's items (recitation works here; the speech contest's audience vote): one per verified
/// member (or verified phone) per item, enforced by a unique index so concurrent double taps count once; likes after the
/// campaign's closing time refused; bursts (many likes from one address, or from accounts first seen minutes before) flagged
/// by rules kept as data, so staff see the raw and the cleaned count and rankings go by the cleaned one.
/// The caller checks that the item may be liked (published, in the campaign) before calling <see cref="LikeAsync"/>.
/// </summary>
public interface ILikes
{
    /// <summary>Creates the campaign, or moves its closing time (<paramref name="kind"/> names the owner, e.g. "recitation", "speech").</summary>
    Task EnsureCampaignAsync(Guid campaignId, string kind, string name, DateTimeOffset closesAt, CancellationToken ct);

    /// <summary>The campaign's closing time; null when there is no such campaign (cached for 30 s).</summary>
    Task<DateTimeOffset?> ClosesAtAsync(Guid campaignId, CancellationToken ct);

    /// <summary>A like by the current caller. Conflict <see cref="LikeCodes.NotEligible"/> or <see cref="LikeCodes.Closed"/>;
    /// not found for an unknown campaign; a second like of the same item is Ok with <c>Counted = false</c> (replayed).</summary>
    Task<Outcome<LikeReceipt>> LikeAsync(Guid campaignId, Guid itemId, CancellationToken ct);

    /// <summary>Raw and cleaned counts of the given items (items without likes are absent).</summary>
    Task<IReadOnlyDictionary<Guid, LikeCount>> CountsAsync(Guid campaignId, IReadOnlyCollection<Guid> items, CancellationToken ct);

    /// <summary>The items the current caller has liked, among those given.</summary>
    Task<IReadOnlySet<Guid>> LikedByMeAsync(Guid campaignId, IReadOnlyCollection<Guid> items, CancellationToken ct);

    /// <summary>The campaign's items by cleaned count (then raw, then id), after applying the burst rules to the likes so far.</summary>
    Task<IReadOnlyList<LikeRank>> RankingAsync(Guid campaignId, int top, CancellationToken ct);

    /// <summary>The caller's language's wording of a <see cref="LikeCodes"/> code, for a page or a problem's detail.</summary>
    string Describe(string code);

    /// <summary>Applies the burst rules to every like of the campaign now; returns how many are flagged.</summary>
    Task<int> ReviewAsync(Guid campaignId, CancellationToken ct);
}

public sealed record LikeReceipt(Guid ItemId, bool Counted);

public sealed record LikeCount(long Raw, long Cleaned);

public sealed record LikeRank(int Rank, Guid ItemId, long Raw, long Cleaned);

/// <summary>The stable codes <see cref="ILikes"/> answers with (worded by the Culture module's texts: <c>CultureText</c>).</summary>
public static class LikeCodes
{
    public const string NotEligible = "culture.notEligible";
    public const string Closed = "like.closed";
}
