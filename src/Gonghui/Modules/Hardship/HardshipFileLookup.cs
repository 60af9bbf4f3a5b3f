using Gonghui.Modules.Hardship.Files;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Hardship;

/// <summary>A hardship file as other modules may see it: number, status and the unit that keeps it (no personal data).</summary>
public sealed record HardshipFileRef(Guid Id, string FileNo, string Status, string UnitName, string UnitPath);

/// <summary>Finds a hardship file by id or file number (KN…) within a scope path, for links from other modules (the hotline).</summary>
public interface IHardshipFileLookup
{
    Task<HardshipFileRef?> FindAsync(string idOrNumber, string scopePath, CancellationToken ct);
}

internal sealed class HardshipFileLookup(GonghuiDb db) : IHardshipFileLookup
{
    public async Task<HardshipFileRef?> FindAsync(string idOrNumber, string scopePath, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(idOrNumber)) return null;
        var key = idOrNumber.Trim();
        var byId = Guid.TryParse(key, out var id);
        var no = key.ToUpperInvariant();
        var row = await (from f in db.Set<HardshipFile>().AsNoTracking()
                         join u in db.Set<OrgUnit>().AsNoTracking() on f.OrgUnitId equals u.Id
                         where (byId ? f.Id == id : f.FileNo == no) && u.Path.StartsWith(scopePath)
                         select new { f.Id, f.FileNo, f.Status, u.Name, u.Path }).FirstOrDefaultAsync(ct);
        return row is null ? null : new HardshipFileRef(row.Id, row.FileNo, row.Status.ToString(), row.Name, row.Path);
    }
}
