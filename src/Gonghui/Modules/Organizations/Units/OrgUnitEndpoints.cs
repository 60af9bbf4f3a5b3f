using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Organizations.Units;

public sealed record OrgUnitDto(Guid Id, string Code, string Name, OrgUnitKind Kind, Guid? ParentId, string Path, int Depth, string? DistrictCode, bool IsClosed);

internal static class OrgUnitEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/", List);
        g.MapGet("/{id:guid}", Get);
    }

    internal static OrgUnitDto ToDto(OrgUnit u) => new(u.Id, u.Code, u.Name, u.Kind, u.ParentId, u.Path, u.Depth, u.DistrictCode, u.IsClosed);

    /// <summary>Units in the caller's subtree; parentId narrows to direct children.</summary>
    public static async Task<Ok<List<OrgUnitDto>>> List(GonghuiDb db, CurrentUser me, Guid? parentId, string? q, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var query = db.Set<OrgUnit>().AsNoTracking().Where(u => u.Path.StartsWith(scope));
        if (parentId is not null) query = query.Where(u => u.ParentId == parentId);
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(u => u.Name.Contains(q) || u.Code.Contains(q));
        var units = await query.OrderBy(u => u.Path).Take(5000).ToListAsync(ct);
        return TypedResults.Ok(units.Select(ToDto).ToList());
    }

    public static async Task<Results<Ok<OrgUnitDto>, NotFound>> Get(Guid id, GonghuiDb db, CurrentUser me, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var u = await db.Set<OrgUnit>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.Path.StartsWith(scope), ct);
        return u is null ? TypedResults.NotFound() : TypedResults.Ok(ToDto(u));
    }
}
