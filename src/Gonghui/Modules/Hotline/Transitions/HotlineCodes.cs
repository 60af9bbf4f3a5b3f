namespace Gonghui.Modules.Hotline;

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
}
