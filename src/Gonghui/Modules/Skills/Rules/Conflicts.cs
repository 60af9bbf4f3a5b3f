namespace Gonghui.Modules.Skills.Rules;

/// <summary>Why a judge may not mark a competitor.</summary>
public enum ConflictReason { SameUnit = 0, SameEnterprise = 1, Declared = 2 }

/// <summary>Where a judge comes from: their unit, their enterprise, and the competitors they declared a conflict with.</summary>
public sealed record JudgeTies(Guid UnitId, Guid? EnterpriseId, IReadOnlySet<Guid> DeclaredEntries);

/// <summary>Where a competitor comes from: the entry, the unit that entered them, their own union and their enterprise.</summary>
public sealed record CompetitorTies(Guid EntryId, Guid EnteringUnitId, Guid UnionId, Guid? EnterpriseId);

/// <summary>
/// Conflicts of interest (回避): a judge does not mark a competitor of their own unit (the unit that entered the competitor or
/// the competitor's own union) or enterprise, nor one they declared a conflict with. Checked on every mark entered.
/// </summary>
public static class ConflictRules
{
    public static ConflictReason? Of(JudgeTies judge, CompetitorTies c)
    {
        if (judge.DeclaredEntries.Contains(c.EntryId)) return ConflictReason.Declared;
        if (judge.UnitId == c.EnteringUnitId || judge.UnitId == c.UnionId) return ConflictReason.SameUnit;
        if (judge.EnterpriseId is { } e && e == c.EnterpriseId) return ConflictReason.SameEnterprise;
        return null;
    }
}
