namespace Gonghui.Modules.Culture.Likes;

/// <summary>A campaign likes are counted in, with its closing time (a like after it is refused).</summary>
public sealed class LikeCampaign
{
    public Guid Id { get; private set; }
    public string Kind { get; private set; } = "";
    public string Name { get; private set; } = "";
    public DateTimeOffset ClosesAt { get; private set; }
    /// <summary>When the burst rules were last applied to its likes.</summary>
    public DateTimeOffset? ReviewedAt { get; private set; }

    private LikeCampaign() { }

    public static LikeCampaign Create(Guid id, string kind, string name, DateTimeOffset closesAt) => new() { Id = id, Kind = kind, Name = name, ClosesAt = closesAt };

    public void Change(string name, DateTimeOffset closesAt) { Name = name; ClosesAt = closesAt; }

    public void Reviewed(DateTimeOffset at) => ReviewedAt = at;
}

/// <summary>
/// One like: by one voter (the member, or the account when it likes by a verified phone) of one item, unique per (item, voter).
/// The address is kept only as a keyed hash, for the burst rule; <see cref="Flag"/> is set when a rule catches it.
/// </summary>
public sealed class ItemLike
{
    public Guid Id { get; private set; }
    public Guid CampaignId { get; private set; }
    public Guid ItemId { get; private set; }
    public Guid VoterKey { get; private set; }
    public Guid UserId { get; private set; }
    public Guid? MemberId { get; private set; }
    public string IpHash { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
    /// <summary>When the account was first seen (its first sign-in), for the new-accounts rule.</summary>
    public DateTimeOffset? AccountSeenAt { get; private set; }
    public string? Flag { get; private set; }

    private ItemLike() { }

    public static ItemLike Create(Guid id, Guid campaign, Guid item, Guid userId, Guid? memberId, string ipHash, DateTimeOffset at, DateTimeOffset? seen) => new()
    {
        Id = id, CampaignId = campaign, ItemId = item, VoterKey = memberId ?? userId, UserId = userId, MemberId = memberId, IpHash = ipHash, At = at,
        AccountSeenAt = seen,
    };
}
