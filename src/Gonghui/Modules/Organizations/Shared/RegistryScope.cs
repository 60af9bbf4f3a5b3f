using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Gonghui.Platform.Scope;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Modules.Organizations.Shared;

/// <summary>The caller's place in the tree: their subtree path, whether it is the whole city, their district.</summary>
public sealed record ScopeInfo(string Path, bool IsCity, string? DistrictCode, bool CanEdit);

/// <summary>Registry authorisation: who may change units, enterprises and members, and reveal personal data.</summary>
/// <summary>Scoped queries over the registry: every list and look-up goes through here.</summary>
internal sealed class RegistryScope(GonghuiDb db, CurrentUser me)
{
    private ScopeInfo? _info;
    // The caller's unit when it can hold no units below it (a grassroots union): its subtree is its own node.
    private Guid? _leafUnit;

    public async Task<ScopeInfo> InfoAsync(CancellationToken ct = default)
    {
        if (_info is not null) return _info;
        var path = await me.ScopePathAsync(ct);
        var unit = me.OrgUnitId is { } id
            ? await db.Set<OrgUnit>().AsNoTracking().Where(u => u.Id == id).Select(u => new { u.Id, u.Kind, u.DistrictCode, u.Depth, u.Path }).FirstOrDefaultAsync(ct)
            : null;
        var canEdit = me.Can(Permissions.RegistryEdit);
        _leafUnit = me.IsStaff && unit is not null && unit.Path == path && unit.Kind.HoldsNoUnits() ? unit.Id : null;
        return _info = new ScopeInfo(path, me.IsStaff && unit is { Depth: 0 }, unit?.Kind == OrgUnitKind.DistrictUnion ? unit.DistrictCode : null, canEdit);
    }

    public async Task<IQueryable<OrgUnit>> UnitsAsync(CancellationToken ct = default)
    {
        var path = (await InfoAsync(ct)).Path;
        return db.Set<OrgUnit>().InScope(path, u => u.Path);
    }

    public async Task<IQueryable<Enterprise>> EnterprisesAsync(CancellationToken ct = default)
    {
        var s = await InfoAsync(ct);
        if (s.IsCity) return db.Set<Enterprise>();
        var path = s.Path;
        var district = s.DistrictCode;
        var units = db.Set<OrgUnit>().InScope(path, u => u.Path);
        return district is null
            ? db.Set<Enterprise>().Where(e => units.Any(u => u.Id == e.GrassrootsUnionId))
            : db.Set<Enterprise>().Where(e => e.DistrictCode == district || units.Any(u => u.Id == e.GrassrootsUnionId));
    }

    /// <summary>
    /// The members in the caller's scope: those of a union in the subtree. A grassroots union's staff see its own members, by
    /// equality on the union (the index (union, name, id) serves the list's order); above, the units in scope by their path.
    /// </summary>
    public async Task<IQueryable<Member>> MembersAsync(CancellationToken ct = default)
    {
        var path = (await InfoAsync(ct)).Path;
        if (_leafUnit is { } leaf) return db.Set<Member>().Where(m => m.UnionId == leaf);
        var units = db.Set<OrgUnit>().InScope(path, u => u.Path);
        return db.Set<Member>().Where(m => units.Any(u => u.Id == m.UnionId));
    }

    /// <summary>An open grassroots union inside the caller's subtree, or null.</summary>
    public async Task<OrgUnit?> GrassrootsInScopeAsync(Guid? id, CancellationToken ct = default)
    {
        if (id is null) return null;
        var path = (await InfoAsync(ct)).Path;
        return await db.Set<OrgUnit>().AsNoTracking().InScope(path, u => u.Path).FirstOrDefaultAsync(u => u.Id == id && u.Kind == OrgUnitKind.GrassrootsUnion && !u.IsClosed, ct);
    }
}

/// <summary>The module's strings, falling back to the shared ones (error codes of MemberRules and the ID validators live there).</summary>
public sealed class RegistryText(IStringLocalizer<OrganizationsText> own, IStringLocalizer<SharedText> shared)
{
    public string this[string key, params object[] args]
    {
        get
        {
            var s = args.Length == 0 ? own[key] : own[key, args];
            if (!s.ResourceNotFound) return s.Value;
            return args.Length == 0 ? shared[key].Value : shared[key, args].Value;
        }
    }
}
