namespace Gonghui.Modules.Hotline.Rules;

/// <summary>What merging looks at, for the duplicate and for the primary.</summary>
public sealed record MergeSide(Guid Id, RequestState State, Guid? MergedIntoId, int MergedCount, string? PhoneHash, Guid? EnterpriseId, string Category);

/// <summary>
/// Merging a duplicate into a primary request (an agent's act). The duplicate is closed as merged and only the primary
/// goes on to be handled, visited back and counted in the rates. Pure: returns an error code or null; the codes are keys of
/// the hotline's texts (HotlineText.tsv, merge.*), worded with the duplicate's state and the primary's code and state.
/// </summary>
public static class MergeRules
{
    public const string IntoItself = "merge.intoItself";
    public const string DuplicateFinished = "merge.duplicateFinished";
    public const string DuplicateMerged = "merge.duplicateMerged";
    public const string DuplicateIsPrimary = "merge.duplicateIsPrimary";
    public const string PrimaryClosed = "merge.primaryClosed";
    public const string PrimaryMerged = "merge.primaryMerged";
    public const string Unrelated = "merge.unrelated";

    public static string? Check(MergeSide duplicate, MergeSide primary)
    {
        if (duplicate.Id == primary.Id) return IntoItself;
        if (duplicate.MergedIntoId is not null) return DuplicateMerged;
        if (RequestStateMachine.IsFinished(duplicate.State)) return DuplicateFinished;
        // No chains: a request others were merged into stays a primary.
        if (duplicate.MergedCount > 0) return DuplicateIsPrimary;
        if (primary.MergedIntoId is not null) return PrimaryMerged;
        if (primary.State == RequestState.Closed) return PrimaryClosed;
        if (!Related(duplicate, primary)) return Unrelated;
        return null;
    }

    /// <summary>The same facts the intake's duplicate suggestions use: same caller, or same enterprise, or same category.</summary>
    public static bool Related(MergeSide a, MergeSide b) =>
        (a.PhoneHash is not null && a.PhoneHash == b.PhoneHash)
        || (a.EnterpriseId is not null && a.EnterpriseId == b.EnterpriseId)
        || a.Category == b.Category;
}
