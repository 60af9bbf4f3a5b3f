using Gonghui.Modules.Services.Rules;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Scope;

namespace Gonghui.Modules.Services.Campaigns;

/// <summary>
/// A seasonal campaign (送清凉, 冬送温暖, 秋送助学) of one unit and year: the gift (in kind, or money through the ledger), whether its
/// list is publicised, its plan per unit and group, and its recipients (each person at most once: unique (campaign, member)).
/// </summary>
public sealed class ServiceCampaign : IAudited
{
    private ServiceCampaign() { }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public CampaignKind Kind { get; private set; }
    public int Year { get; private set; }
    public Guid OwnerUnitId { get; private set; }
    public string ScopePath { get; private set; } = "";
    /// <summary>The service project the campaign delivers, if any (its gifts then count as the project's visits too).</summary>
    public Guid? ProjectId { get; private set; }
    public GiftKind GiftKind { get; private set; }
    /// <summary>The money each recipient receives (money gifts), or the value of the gift in kind, in fen.</summary>
    public long GiftFen { get; private set; }
    /// <summary>What an in-kind gift is ("防暑降温用品一套").</summary>
    public string? GiftItem { get; private set; }
    public string FundCode { get; private set; } = "";
    public bool PublicityRequired { get; private set; }
    public DateOnly? PublicityStartsOn { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public bool Closed { get; private set; }

    public static ServiceCampaign Open(Guid id, string name, CampaignKind kind, int year, Guid ownerUnitId, string ownerPath, Guid? projectId,
        GiftKind gift, long giftFen, string? item, DateTimeOffset at, string by) => new()
    {
        Id = id, Name = name, Kind = kind, Year = year, OwnerUnitId = ownerUnitId, ScopePath = ownerPath, ProjectId = projectId, GiftKind = gift,
        GiftFen = giftFen, GiftItem = item, FundCode = kind == CampaignKind.AutumnSchool ? "education" : "warmth",
        PublicityRequired = CampaignRules.PublicityRequired(kind, gift), CreatedAt = at, CreatedBy = by,
    };

    public void Publicise(DateOnly startsOn) => PublicityStartsOn = startsOn;

    public void Close() => Closed = true;
}

/// <summary>What a unit planned to reach in one group of a campaign.</summary>
public sealed class CampaignPlanEntry : IAudited
{
    private CampaignPlanEntry() { }
    public Guid Id { get; private set; }
    public Guid CampaignId { get; private set; }
    public Guid UnitId { get; private set; }
    public RecipientGroup Group { get; private set; }
    public int Planned { get; private set; }

    public static CampaignPlanEntry Of(Guid campaignId, Guid unitId, RecipientGroup group, int planned) =>
        new() { Id = Guid.CreateVersion7(), CampaignId = campaignId, UnitId = unitId, Group = group, Planned = planned };

    public void Replan(int planned) => Planned = planned;
}

/// <summary>One person on a campaign's list: their group and unit, the gift handed over and who signed for it.</summary>
public sealed class CampaignRecipient : IAudited
{
    private CampaignRecipient() { }
    public Guid Id { get; private set; }
    public Guid CampaignId { get; private set; }
    public Guid MemberId { get; private set; }
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public RecipientGroup Group { get; private set; }
    public RecipientStatus Status { get; private set; }
    public long GiftFen { get; private set; }
    public string? GiftItem { get; private set; }
    public Guid? PaidEntryId { get; private set; }
    public DateTimeOffset? GiftedAt { get; private set; }
    public string? GiftedBy { get; private set; }
    public SignOffBy? SignedOffBy { get; private set; }
    public DateTimeOffset? SignedOffAt { get; private set; }
    public DateTimeOffset ListedAt { get; private set; }
    public int Version { get; private set; }

    public static CampaignRecipient List(Guid id, Guid campaignId, Guid memberId, Guid unitId, string unitPath, RecipientGroup group, DateTimeOffset at) => new()
    {
        Id = id, CampaignId = campaignId, MemberId = memberId, UnitId = unitId, UnitPath = unitPath, Group = group, Status = RecipientStatus.Listed, ListedAt = at,
    };

    public void Gift(long fen, string? item, Guid? paidEntryId, DateTimeOffset at, string by)
    {
        GiftFen = fen;
        GiftItem = item;
        PaidEntryId = paidEntryId;
        GiftedAt = at;
        GiftedBy = by;
        Status = RecipientStatus.Gifted;
        Version++;
    }

    public void SignOff(SignOffBy by, DateTimeOffset at)
    {
        SignedOffBy = by;
        SignedOffAt = at;
        Status = RecipientStatus.SignedOff;
        Version++;
    }

    public void PaymentReversed() { PaidEntryId = null; Version++; }
}
