using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.LaborRelations.Signals;

/// <summary>An enterprise as monitoring keeps it: the registry's name and district, and the district union its records belong to.</summary>
public sealed record EnterpriseHome(Guid Id, string Name, string DistrictCode, Guid? DistrictUnitId, string ScopePath, string? UnionPath);

/// <summary>
/// What every labour-relations use case starts from: the caller's scope, today in Beijing, and where an enterprise's records belong
/// (its district union's path, from the registry through Organizations.Public). Staff see an enterprise when their scope covers its
/// district union or its own grassroots union.
/// </summary>
public sealed class LaborScope(GonghuiDb db, CurrentUser me, TimeProvider clock)
{
    private Dictionary<string, (Guid Id, string Path)>? _districts;
    private string? _root;

    public CurrentUser Me => me;
    public DateOnly Today => BeijingTime.Today(clock);
    public DateTimeOffset Now => clock.GetUtcNow();
    public Task<string> ScopeAsync(CancellationToken ct) => me.ScopePathAsync(ct);

    /// <summary>District code → the district union (id, path); the root's path for a district without one.</summary>
    public async Task<(Guid? Id, string Path)> DistrictUnionAsync(string districtCode, CancellationToken ct)
    {
        _districts ??= (await db.UnitRows().Where(u => u.Kind == OrgUnitKind.DistrictUnion && u.DistrictCode != null && !u.IsClosed)
            .Select(u => new { u.DistrictCode, u.Id, u.Path }).ToListAsync(ct))
            .GroupBy(u => u.DistrictCode!).ToDictionary(g => g.Key, g => (g.First().Id, g.First().Path));
        if (_districts.TryGetValue(districtCode, out var d)) return (d.Id, d.Path);
        _root ??= await db.UnitRows().Where(u => u.ParentId == null).Select(u => u.Path).FirstOrDefaultAsync(ct) ?? "/";
        return (null, _root);
    }

    /// <summary>The enterprise from the registry with its district union, or null when it does not exist.</summary>
    public async Task<EnterpriseHome?> EnterpriseAsync(Guid id, CancellationToken ct)
    {
        var e = await db.EnterpriseRows().Where(x => x.Id == id).Select(x => new { x.Id, x.Name, x.DistrictCode, x.GrassrootsUnionId }).FirstOrDefaultAsync(ct);
        if (e is null) return null;
        var (unitId, path) = await DistrictUnionAsync(e.DistrictCode, ct);
        var union = e.GrassrootsUnionId is { } g ? await db.UnitRows().Where(u => u.Id == g).Select(u => u.Path).FirstOrDefaultAsync(ct) : null;
        return new EnterpriseHome(e.Id, e.Name, e.DistrictCode, unitId, path, union);
    }

    /// <summary>The registry id of the enterprise with this unified social credit code (forms take the code), or null.</summary>
    public async Task<Guid?> EnterpriseIdByCodeAsync(string? creditCode, CancellationToken ct)
    {
        var code = creditCode?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(code) || code.Length != 18) return null;
        return await db.EnterpriseRows().Where(x => x.CreditCode == code).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>The enterprise when the caller may see it (scope covers its district union or its grassroots union), else null.</summary>
    public async Task<EnterpriseHome?> VisibleEnterpriseAsync(Guid id, CancellationToken ct)
    {
        if (!me.IsStaff) return null;
        var e = await EnterpriseAsync(id, ct);
        if (e is null) return null;
        var scope = await ScopeAsync(ct);
        return ScopeFilter.Covers(scope, e.ScopePath) || ScopeFilter.Covers(scope, e.UnionPath) ? e : null;
    }
}
