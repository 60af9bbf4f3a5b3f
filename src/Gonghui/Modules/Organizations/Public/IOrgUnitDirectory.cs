namespace Gonghui.Modules.Organizations.Public;

/// <summary>
/// Adds units to the organisation tree for another module's set-up (a demo seeder's grassroots unions, the hotline's
/// counselling centre). The tree's rules apply: a unit is created under a parent that may contain its kind, with a
/// code unique in the tree.
/// </summary>
public interface IOrgUnitDirectory
{
    /// <summary>The unit with this code; created under <paramref name="parentId"/> (and saved) when there is none yet.</summary>
    Task<UnitRow> EnsureChildAsync(Guid parentId, string code, string name, OrgUnitKind kind, string? districtCode, CancellationToken ct);
}
