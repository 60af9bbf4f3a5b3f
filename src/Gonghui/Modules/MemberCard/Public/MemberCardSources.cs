namespace Gonghui.Modules.MemberCard.Public;

/// <summary>What the member card shows other modules and the ledger: the source type its settlements are paid under.</summary>
public static class MemberCardSources
{
    /// <summary>The ledger's <c>SourceRef.Type</c> of a merchant's monthly statement.</summary>
    public const string Settlement = "MemberCardSettlement";
}
