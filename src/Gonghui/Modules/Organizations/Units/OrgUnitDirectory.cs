using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Organizations.Units;

internal sealed class OrgUnitDirectory(GonghuiDb db, TimeProvider clock) : IOrgUnitDirectory
{
    public async Task<UnitRow> EnsureChildAsync(Guid parentId, string code, string name, OrgUnitKind kind, string? districtCode, CancellationToken ct)
    {
        if (!OrgTreeRules.IsValidCode(code)) throw new ArgumentException($"'{code}' is not a valid unit code.", nameof(code));
        if (await db.UnitRows().FirstOrDefaultAsync(u => u.Code == code, ct) is { } existing) return existing;
        var parent = await db.Set<OrgUnit>().AsNoTracking().FirstAsync(u => u.Id == parentId, ct);
        var unit = OrgUnit.CreateChild(parent, code, name, kind, districtCode, clock.GetUtcNow());
        db.Add(unit);
        await db.SaveChangesAsync(ct);
        db.Entry(unit).State = EntityState.Detached;
        return await db.UnitRows().FirstAsync(u => u.Id == unit.Id, ct);
    }
}
