namespace Gonghui.Modules.Hardship.Public;

/// <summary>A hardship file as other modules may see it: number, status and the unit that keeps it (no personal data).</summary>
public sealed record HardshipFileRef(Guid Id, string FileNo, string Status, string UnitName, string UnitPath);

/// <summary>Finds a hardship file by id or file number (KN…) for links from other modules (the hotline).</summary>
public interface IHardshipFileLookup
{
    /// <summary>
    /// The file if the current user may open it by the hardship module's own rule (grassroots, district and federation
    /// staff within their scope; not hotline agents, not workers), else null.
    /// </summary>
    Task<HardshipFileRef?> FindVisibleAsync(string idOrNumber, CancellationToken ct);
}
