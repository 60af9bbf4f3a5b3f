using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Hardship;

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

internal sealed class HardshipFileLookup(GonghuiDb db, HardshipService files) : IHardshipFileLookup
{
    public async Task<HardshipFileRef?> FindVisibleAsync(string idOrNumber, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(idOrNumber)) return null;
        var key = idOrNumber.Trim();
        var byId = Guid.TryParse(key, out var id);
        var no = key.ToUpperInvariant();
        // the same scoped query the hardship pages and API read through
        var row = await (from x in await files.ScopedAsync(ct)
                         join u in db.Set<OrgUnit>() on x.File.OrgUnitId equals u.Id
                         where byId ? x.File.Id == id : x.File.FileNo == no
                         select new { x.File.Id, x.File.FileNo, x.File.Status, u.Name, u.Path }).AsNoTracking().FirstOrDefaultAsync(ct);
        return row is null ? null : new HardshipFileRef(row.Id, row.FileNo, row.Status.ToString(), row.Name, row.Path);
    }
}
