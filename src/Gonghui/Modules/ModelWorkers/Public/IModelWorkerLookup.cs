namespace Gonghui.Modules.ModelWorkers.Public;

/// <summary>A model worker as another module may see them: the member, the title and its level and year (no personal data).</summary>
public sealed record ModelWorkerRef(Guid Id, Guid MemberId, string Name, string Title, string Level, int Year);

/// <summary>Whether a member is on the model-worker register (e.g. a contest or a culture campaign marking model workers).</summary>
public interface IModelWorkerLookup
{
    Task<ModelWorkerRef?> ByMemberAsync(Guid memberId, CancellationToken ct);
}
