namespace Gonghui.Modules.Organizations.Public;

/// <summary>
/// The kinds of unit in the tree (stored as their number). A service unit (服务单位) is a federation-level body that
/// handles work but has no member unions below it: the 12351 counselling team, a legal-aid or training centre.
/// </summary>
public enum OrgUnitKind { Federation = 0, DistrictUnion = 1, IndustryUnion = 2, GrassrootsUnion = 3, ServiceUnit = 4 }

public static class OrgUnitKinds
{
    /// <summary>District and industry unions: the depth-1 units that hold member unions, keep funds and are ranked and counted as "districts".</summary>
    public static bool IsDistrictLevelUnion(this OrgUnitKind kind) => kind is OrgUnitKind.DistrictUnion or OrgUnitKind.IndustryUnion;

    /// <summary>A unit of this kind can hold no unit below it (grassroots unions, service units): its subtree is itself.</summary>
    public static bool HoldsNoUnits(this OrgUnitKind kind) => Units.OrgTreeRules.HoldsNoUnits(kind);
}

/// <summary>A member's standing in the registry (stored as its number); only active members are covered by schemes and plans.</summary>
public enum MemberStatus { Active = 0, Transferred = 1, Lapsed = 2 }

/// <summary>An enterprise's size class (GB/T statistical standard); refund policies and loan products are set per class.</summary>
public enum SizeClass { Large = 0, Medium = 1, Small = 2, Micro = 3 }
