namespace Gonghui.Modules.MutualAid.Public;

/// <summary>A mutual-aid claim as other modules may see it: year, status, payout and the member's union (no personal data).</summary>
public sealed record MutualAidClaimRef(Guid Id, int Year, string Status, long PayoutFen, string UnitName, string UnitPath);

/// <summary>Finds a mutual-aid claim by id for links from other modules (the hotline).</summary>
public interface IMutualAidClaimLookup
{
    /// <summary>The claim if the current user may open it by the mutual-aid module's own rule (staff, the claim's union within their scope), else null.</summary>
    Task<MutualAidClaimRef?> FindVisibleAsync(Guid claimId, CancellationToken ct);
}
