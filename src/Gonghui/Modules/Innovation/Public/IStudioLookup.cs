namespace Gonghui.Modules.Innovation.Public;

/// <summary>A studio as other modules may see it: name, level and whether it is recognised (no team, no personal data).</summary>
public sealed record StudioRef(Guid Id, string Name, string Level, bool Recognised, Guid UnitId);

/// <summary>Looks studios up by id for another module (e.g. a contest linking a competitor's studio).</summary>
public interface IStudioLookup
{
    Task<StudioRef?> FindAsync(Guid id, CancellationToken ct);
}
