using Gonghui.Modules.Organizations.Members;
using Gonghui.Modules.Organizations.Shared;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Scope;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Modules.Organizations.Units;

public sealed record OrgUnitDto(Guid Id, string Code, string Name, OrgUnitKind Kind, Guid? ParentId, string Path, int Depth, string? DistrictCode, bool IsClosed);

public sealed record CreateUnitRequest(Guid? ParentId, string? Code, string? Name, string? Kind, string? DistrictCode);
public sealed record RenameUnitRequest(string? Name);
public sealed record MoveUnitRequest(Guid? NewParentId);

internal static class OrgUnitEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/", List);
        g.MapGet("/{id:guid}", Get);
        g.MapPost("/", Create).RequireAuthorization(Permissions.RegistryEdit);
        g.MapPut("/{id:guid}", Rename).RequireAuthorization(Permissions.RegistryEdit);
        g.MapPost("/{id:guid}/move", Move).RequireAuthorization(Permissions.RegistryEdit);
        g.MapPost("/{id:guid}/close", Close).RequireAuthorization(Permissions.RegistryEdit);
    }

    internal static OrgUnitDto ToDto(OrgUnit u) => new(u.Id, u.Code, u.Name, u.Kind, u.ParentId, u.Path, u.Depth, u.DistrictCode, u.IsClosed);

    /// <summary>Units in the caller's subtree; parentId narrows to direct children.</summary>
    public static async Task<Ok<List<OrgUnitDto>>> List(GonghuiDb db, CurrentUser me, Guid? parentId, string? q, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var query = db.Set<OrgUnit>().AsNoTracking().InScope(scope, u => u.Path);
        if (parentId is not null) query = query.Where(u => u.ParentId == parentId);
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(u => u.Name.Contains(q) || u.Code.Contains(q));
        var units = await query.OrderBy(u => u.Path).Take(5000).ToListAsync(ct);
        return TypedResults.Ok(units.Select(ToDto).ToList());
    }

    public static async Task<Results<Ok<OrgUnitDto>, NotFound>> Get(Guid id, GonghuiDb db, CurrentUser me, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var u = await db.Set<OrgUnit>().AsNoTracking().InScope(scope, x => x.Path).FirstOrDefaultAsync(x => x.Id == id, ct);
        return u is null ? TypedResults.NotFound() : TypedResults.Ok(ToDto(u));
    }

    public static async Task<Results<Created<OrgUnitDto>, ValidationProblem, ProblemHttpResult>> Create(
        CreateUnitRequest req, GonghuiDb db, RegistryScope scope, RegistryText t, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Api.Errors();
        var units = await scope.UnitsAsync(ct);
        var parent = req.ParentId is null ? null : await units.FirstOrDefaultAsync(u => u.Id == req.ParentId, ct);
        if (parent is null) errors.Add("parentId", t["org.parent.invalid"]);
        var code = (req.Code ?? "").Trim().ToUpperInvariant();
        if (!OrgTreeRules.IsValidCode(code)) errors.Add("code", t["org.code.invalid"]);
        var name = (req.Name ?? "").Trim();
        if (name.Length is 0 or > 200) errors.Add("name", t["org.name.required"]);
        if (!Enum.TryParse<OrgUnitKind>(req.Kind, true, out var kind) || !Enum.IsDefined(kind)) errors.Add("kind", t["org.kind.invalid"]);
        else if (parent is not null && !OrgTreeRules.CanContain(parent.Kind, kind)) errors.Add("kind", t["org.kind.illegal", t["Kind." + kind], t["Kind." + parent.Kind]]);
        // a service unit is not a district's union: lookups that take "the depth-1 unit of district X" must never find one
        else if (kind == OrgUnitKind.ServiceUnit && !string.IsNullOrWhiteSpace(req.DistrictCode)) errors.Add("districtCode", t["org.district.serviceUnit"]);
        if (errors.Any) return errors.Problem();
        if (parent!.IsClosed) return Api.Conflict(t["org.parent.closed", parent.Name]);
        var holder = await db.Set<OrgUnit>().AsNoTracking().Where(u => u.Code == code).Select(u => u.Name).FirstOrDefaultAsync(ct);
        if (holder is not null) return Api.Conflict(t["org.code.taken", code, holder]);
        var district = string.IsNullOrWhiteSpace(req.DistrictCode) ? parent.DistrictCode : req.DistrictCode.Trim();
        var unit = OrgUnit.CreateChild(parent, code, name, kind, district, clock.GetUtcNow());
        db.Add(unit);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/orgs/{unit.Id}", ToDto(unit));
    }

    public static async Task<Results<Ok<OrgUnitDto>, ValidationProblem, NotFound>> Rename(
        Guid id, RenameUnitRequest req, RegistryScope scope, GonghuiDb db, RegistryText t, CancellationToken ct)
    {
        var unit = await (await scope.UnitsAsync(ct)).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null) return TypedResults.NotFound();
        var name = (req.Name ?? "").Trim();
        if (name.Length is 0 or > 200) return new Api.Errors().Add("name", t["org.name.required"]).Problem();
        unit.Rename(name);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(unit));
    }

    /// <summary>Moves a unit and its whole subtree under a new parent: every descendant path is rewritten by one UPDATE, audited as one "move".</summary>
    public static async Task<Results<Ok<OrgUnitDto>, ValidationProblem, NotFound, ProblemHttpResult>> Move(
        Guid id, MoveUnitRequest req, RegistryScope scope, GonghuiDb db, CurrentUser me, RegistryText t, TimeProvider clock, CancellationToken ct)
    {
        var units = await scope.UnitsAsync(ct);
        var unit = await units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null) return TypedResults.NotFound();
        var parent = req.NewParentId is null ? null : await units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == req.NewParentId, ct);
        if (parent is null) return new Api.Errors().Add("newParentId", t["org.parent.invalid"]).Problem();
        if (ScopeFilter.Covers(unit.Path, parent.Path)) return Api.Conflict(t["org.move.cycle"]);
        if (!OrgTreeRules.CanContain(parent.Kind, unit.Kind)) return Api.Conflict(t["org.kind.illegal", t["Kind." + unit.Kind], t["Kind." + parent.Kind]]);
        if (parent.IsClosed) return Api.Conflict(t["org.parent.closed", parent.Name]);
        if (unit.ParentId == parent.Id) return TypedResults.Ok(ToDto(unit));

        var oldPath = unit.Path;
        var newPath = parent.Path + unit.Code + "/";
        var oldLength = oldPath.Length;
        var delta = parent.Depth + 1 - unit.Depth;
        var parentId = parent.Id;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var moved = await db.Set<OrgUnit>().InScope(oldPath, u => u.Path).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.Path, u => newPath + u.Path.Substring(oldLength))
            .SetProperty(u => u.Depth, u => u.Depth + delta)
            .SetProperty(u => u.ParentId, u => u.Id == id ? (Guid?)parentId : u.ParentId), ct);
        await db.SaveChangesWithAuditAsync([AuditTrail.Custom(me.Name, "move", nameof(OrgUnit), id.ToString(),
            new { ParentId = unit.ParentId, Path = oldPath }, new { ParentId = parentId, Path = newPath, UnitsMoved = moved }, clock.GetUtcNow())], ct);
        await tx.CommitAsync(ct);
        OrgPathLookup.Forget();
        var after = await db.Set<OrgUnit>().AsNoTracking().FirstAsync(u => u.Id == id, ct);
        return TypedResults.Ok(ToDto(after));
    }

    /// <summary>Closes a unit; refused while it still has active members or open units below it. Closing twice is harmless.</summary>
    public static async Task<Results<Ok<OrgUnitDto>, NotFound, ProblemHttpResult>> Close(
        Guid id, RegistryScope scope, GonghuiDb db, RegistryText t, CancellationToken ct)
    {
        var s = await scope.InfoAsync(ct);
        var unit = await (await scope.UnitsAsync(ct)).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null) return TypedResults.NotFound();
        if (unit.IsClosed) return TypedResults.Ok(ToDto(unit));
        if (unit.Path == s.Path || unit.Kind == OrgUnitKind.Federation) return Api.Conflict(t["org.close.own"]);
        var members = await db.Set<Member>().CountAsync(m => m.UnionId == id && m.Status == MemberStatus.Active, ct);
        if (members > 0) return Api.Conflict(t["org.close.members", unit.Name, members]);
        var children = await db.Set<OrgUnit>().CountAsync(u => u.ParentId == id && !u.IsClosed, ct);
        if (children > 0) return Api.Conflict(t["org.close.children", unit.Name, children]);
        unit.Close();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(unit));
    }
}
