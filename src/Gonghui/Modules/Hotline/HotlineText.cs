namespace Gonghui.Modules.Hotline;

/// <summary>Marker for the hotline module's UI strings (HotlineText.tsv → resx).</summary>
public sealed class HotlineText;

/// <summary>
/// The stable codes of the hotline's failures: keys of <see cref="HotlineText"/> (zh-CN and English), worded for the API's
/// problem details (<see cref="Transitions.TransitionEndpoints"/>) and for the pages by the same localizer. Clients branch
/// on the <c>code</c> of a 409; arguments (a state, a version) are filled into the message.
/// </summary>
public static class HotlineCodes
{
    // filing a request (field errors)
    public const string CategoryRequired = "Problem.CategoryRequired";
    public const string CategoryUnknown = "Problem.CategoryUnknown";
    public const string DescriptionRequired = "Problem.DescriptionRequired";
    public const string DescriptionTooLong = "Problem.DescriptionTooLong";
    public const string PhoneInvalid = "Problem.PhoneInvalid";
    public const string PhoneRequired = "Problem.PhoneRequired";
    public const string CallerNameTooLong = "Problem.CallerNameTooLong";
    public const string DistrictCodeInvalid = "Problem.DistrictCodeInvalid";
    public const string LatitudeRange = "Problem.LatitudeRange";
    public const string LongitudeRange = "Problem.LongitudeRange";
    public const string CoordinatesTogether = "Problem.CoordinatesTogether";
    public const string AddressTooLong = "Problem.AddressTooLong";
    public const string EnterpriseUnknown = "Problem.EnterpriseUnknown";

    // transitions (field errors)
    public const string IdempotencyKeyTooLong = "Problem.IdempotencyKeyTooLong";
    public const string DispatchUnitInvalid = "Problem.DispatchUnitInvalid";
    public const string ReturnReasonRequired = "Problem.ReturnReasonRequired";
    public const string ResolutionNoteRequired = "Problem.ResolutionNoteRequired";
    public const string ExtensionDaysRange = "Problem.ExtensionDaysRange";
    public const string ProgressNoteRequired = "Problem.ProgressNoteRequired";
    public const string VisitReachedRequired = "Problem.VisitReachedRequired";
    public const string VisitSolvedRequired = "Problem.VisitSolvedRequired";
    public const string VisitSatisfactionRequired = "Problem.VisitSatisfactionRequired";
    public const string RevealReasonLength = "Problem.RevealReasonLength";

    // transitions (409)
    public const string IdempotencyKeyReused = "Problem.IdempotencyKeyReused";
    public const string IdempotencyKeyInUse = "Problem.IdempotencyKeyInUse";
    public const string LeadUnitActs = "Problem.LeadUnitActs";
    public const string VersionChanged = "Problem.VersionChanged";
    public const string IllegalTransition = "Problem.IllegalTransition";
    public const string AgentOnly = "Problem.AgentOnly";
    public const string WaitingOnWorker = "Problem.WaitingOnWorker";
    public const string ChangedConcurrently = "Problem.ChangedConcurrently";
    public const string NoExtensionWaiting = "Problem.NoExtensionWaiting";
    public const string SupervisorApproves = "Problem.SupervisorApproves";
    public const string NoPhone = "Problem.NoPhone";

    // attachments (409)
    public const string AttachmentsClosed = "Problem.AttachmentsClosed";

    // merging a duplicate (HotlineMerge); the merge rules' own refusals are the codes of Rules/MergeRules (keys merge.*)
    public const string MergeAgentOnly = "Problem.MergeAgentOnly";
    public const string MergeTargetRequired = "Problem.MergeTargetRequired";
    public const string MergeTargetUnknown = "Problem.MergeTargetUnknown";
    public const string MergeChangedConcurrently = "Problem.MergeChangedConcurrently";

    // links (HotlineLinks)
    public const string LinkKindRequired = "Link.Err.Kind";
    public const string LinkReferenceRequired = "Link.Err.Reference";
    public const string LinkHardshipNotVisible = "Link.Err.HardshipNotVisible";
    public const string LinkClaimNotVisible = "Link.Err.ClaimNotVisible";
    public const string LinkLegalAidNumber = "Link.Err.LegalAid";
    public const string LinkLeadUnitActs = "Problem.LinkLeadUnitActs";
    public const string UnlinkLeadUnitActs = "Problem.UnlinkLeadUnitActs";
    public const string LinkExists = "Problem.LinkExists";

    // monthly topics (HotlineTopics, Rules/TopicRules)
    public const string TopicMonthInvalid = "Problem.TopicMonthInvalid";
    public const string TopicTitleRequired = "Problem.TopicTitleRequired";
    public const string TopicTitleTooLong = "Problem.TopicTitleTooLong";
    public const string TopicTargetRequired = "Problem.TopicTargetRequired";
    public const string TopicTargetTooLong = "Problem.TopicTargetTooLong";
    public const string TopicLeadUnitRequired = "Problem.TopicLeadUnitRequired";
    public const string TopicLeadUnitInvalid = "Problem.TopicLeadUnitInvalid";
    public const string TopicTextRequired = "Problem.TopicTextRequired";
    public const string TopicTextTooLong = "Problem.TopicTextTooLong";
    public const string TopicSupervisorPromotes = "Problem.TopicSupervisorPromotes";
    public const string AlertAlreadyPromoted = "Problem.AlertAlreadyPromoted";
    public const string AlertPromotedConcurrently = "Problem.AlertPromotedConcurrently";
    public const string TopicClosed = "Problem.TopicClosed";
    public const string TopicSupervisorCloses = "Problem.TopicSupervisorCloses";
    public const string TopicAlreadyClosed = "Problem.TopicAlreadyClosed";
    public const string TopicVersionChanged = "Problem.TopicVersionChanged";
    public const string TopicChangedConcurrently = "Problem.TopicChangedConcurrently";
}
