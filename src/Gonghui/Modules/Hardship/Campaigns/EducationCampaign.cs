using Gonghui.Modules.Hardship.Rules;
using Gonghui.Platform.Audit;

namespace Gonghui.Modules.Hardship.Campaigns;

public enum CampaignStatus { Open = 1, Closed = 2 }
public enum ApplicationStatus { Submitted = 1, DistrictApproved = 2, FederationApproved = 3, Paid = 4, Rejected = 9 }

/// <summary>A yearly education-grant campaign (金秋助学).</summary>
public sealed class EducationCampaign : IAudited
{
    private EducationCampaign() { }
    public Guid Id { get; private set; }
    public int Year { get; private set; }
    public string Name { get; private set; } = "";
    public CampaignStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static EducationCampaign Open(int year, string name, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(), Year = year, Name = name, Status = CampaignStatus.Open, CreatedAt = now };

    public void Close() => Status = CampaignStatus.Closed;
}

/// <summary>One child's application in a campaign; the grant is the standard for the school stage, from data.</summary>
public sealed class GrantApplication : IAudited
{
    private GrantApplication() { }
    public Guid Id { get; private set; }
    public Guid CampaignId { get; private set; }
    public Guid FileId { get; private set; }
    public Guid ChildMemberId { get; private set; }
    public string ChildName { get; private set; } = "";
    public SchoolStage Stage { get; private set; }
    public string School { get; private set; } = "";
    public Guid? AdmissionDocumentId { get; private set; }
    public long AmountFen { get; private set; }
    public ApplicationStatus Status { get; private set; }
    public string? Reason { get; private set; }
    public Guid? AssistanceId { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    public string SubmittedBy { get; private set; } = "";
    public DateTimeOffset? DecidedAt { get; private set; }

    public static GrantApplication Submit(Guid campaignId, Guid fileId, Guid child, string childName, SchoolStage stage, string school, long amount, string by, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(), CampaignId = campaignId, FileId = fileId, ChildMemberId = child, ChildName = childName, Stage = stage,
            School = school, AmountFen = amount, Status = ApplicationStatus.Submitted, SubmittedAt = now, SubmittedBy = by,
        };

    public void AttachAdmissionLetter(Guid documentId) => AdmissionDocumentId = documentId;

    /// <summary>Submitted → DistrictApproved → FederationApproved → Paid; either level may reject with a reason.</summary>
    public string? Decide(ActorLevel level, bool approve, string? reason, DateTimeOffset now)
    {
        if (!approve && string.IsNullOrWhiteSpace(reason)) return HardshipWorkflow.ReasonRequired;
        var (need, next) = Status switch
        {
            ApplicationStatus.Submitted => (ActorLevel.District, ApplicationStatus.DistrictApproved),
            ApplicationStatus.DistrictApproved => (ActorLevel.Federation, ApplicationStatus.FederationApproved),
            _ => (ActorLevel.None, Status),
        };
        if (need == ActorLevel.None) return HardshipWorkflow.IllegalTransition;
        if (level < need) return HardshipWorkflow.NotAllowedForLevel;
        Status = approve ? next : ApplicationStatus.Rejected;
        Reason = reason;
        DecidedAt = now;
        return null;
    }

    public void MarkPaid(Guid assistanceId) { Status = ApplicationStatus.Paid; AssistanceId = assistanceId; }
}
