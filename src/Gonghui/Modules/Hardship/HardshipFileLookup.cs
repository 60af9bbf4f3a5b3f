using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Modules.Hardship.Public;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Hardship;

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
                         join u in db.UnitRows() on x.File.OrgUnitId equals u.Id
                         where byId ? x.File.Id == id : x.File.FileNo == no
                         select new { x.File.Id, x.File.FileNo, x.File.Status, u.Name, u.Path }).AsNoTracking().FirstOrDefaultAsync(ct);
        return row is null ? null : new HardshipFileRef(row.Id, row.FileNo, row.Status.ToString(), row.Name, row.Path);
    }
}
