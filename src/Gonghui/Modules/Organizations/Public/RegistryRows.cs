using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Data;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Organizations.Public;

/// <summary>A unit of the organisation tree as other modules see it. <see cref="Path"/> is the materialised path ("/BJ/DC/DC0001/") the scope filter compares.</summary>
public sealed record UnitRow
{
    public Guid Id { get; init; }
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public OrgUnitKind Kind { get; init; }
    public Guid? ParentId { get; init; }
    public string Path { get; init; } = "";
    public int Depth { get; init; }
    /// <summary>For district unions: the GB/T 2260 code of the district it covers (110101 东城区).</summary>
    public string? DistrictCode { get; init; }
    public bool IsClosed { get; init; }
}

/// <summary>
/// A member as other modules see it: no cipher, only the masked ID number and phone for display and the keyed hash of the
/// ID number for look-up and matching (claims, covers, loans find a member by it; it reveals nothing by itself).
/// </summary>
public sealed record MemberRow
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public MemberStatus Status { get; init; }
    /// <summary>The grassroots union the member belongs to.</summary>
    public Guid UnionId { get; init; }
    public Guid? EnterpriseId { get; init; }
    public string IdNumberMasked { get; init; } = "";
    public string? PhoneMasked { get; init; }
    public string IdNumberHash { get; init; } = "";
}

/// <summary>An enterprise as other modules see it: name, unified social credit code, size class, district and its union.</summary>
public sealed record EnterpriseRow
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string CreditCode { get; init; } = "";
    public SizeClass SizeClass { get; init; }
    /// <summary>The GB/T 2260 district code.</summary>
    public string DistrictCode { get; init; } = "";
    /// <summary>The enterprise's grassroots union, if it has one.</summary>
    public Guid? GrassrootsUnionId { get; init; }
}

/// <summary>
/// The registry's query surface for other modules: read-only projections over the registry's own tables (never tracked:
/// they are not entities). No AsNoTracking here on purpose: EF applies it to the whole query it appears in, so a module's
/// tracked query filtered by <c>db.UnitRows()…Select(u => u.Id)</c> would silently stop tracking its own rows.
/// They compose like any query of the same context (filter, order, page, join a module's rows to units for names and
/// paths, <c>InScope(scope, u => u.Path)</c>): EF translates each to the same single SQL statement a query of the
/// entity would be, selecting only these columns. Organizations keeps its entities to itself.
/// </summary>
public static class RegistryQueries
{
    public static IQueryable<UnitRow> UnitRows(this GonghuiDb db) =>
        db.Set<OrgUnit>().Select(u => new UnitRow
        {
            Id = u.Id, Code = u.Code, Name = u.Name, Kind = u.Kind, ParentId = u.ParentId, Path = u.Path, Depth = u.Depth,
            DistrictCode = u.DistrictCode, IsClosed = u.IsClosed,
        });

    /// <summary>
    /// The unit picker's choices on a staff form (the unit owning a venue, a reading room, …): the open units of the caller's subtree
    /// (<paramref name="scope"/>, the caller's scope path), by path, at most 500. The handler still checks the unit posted is in scope.
    /// </summary>
    public static Task<List<UnitRow>> UnitChoicesAsync(this GonghuiDb db, string scope, CancellationToken ct) =>
        db.UnitRows().InScope(scope, u => u.Path).Where(u => !u.IsClosed).OrderBy(u => u.Path).Take(500).ToListAsync(ct);

    /// <summary>The path of every unit of the subtree <paramref name="scopePath"/>, by id, in memory (tens of thousands at full scale): for the
    /// indicator baselines that stream a module's records and place each under its unit (<c>IIndicatorBaseline</c>).</summary>
    public static Task<Dictionary<Guid, string>> UnitPathsAsync(this GonghuiDb db, string scopePath, CancellationToken ct) =>
        db.UnitRows().InScope(scopePath, u => u.Path).Select(u => new { u.Id, u.Path }).ToDictionaryAsync(u => u.Id, u => u.Path, ct);

    /// <summary>
    /// The unit whose funds pay for a unit's members (claims, loans, grants): the district or industry union at or above it,
    /// that is the first two levels of its path (the unit itself at depth ≤ 1; the federation for the federation).
    /// </summary>
    public static string FundingPathOf(string unitPath)
    {
        var parts = unitPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return "/" + string.Join("/", parts.Take(Math.Min(2, parts.Length))) + "/";
    }

    /// <summary>The id of the funding unit (<see cref="FundingPathOf"/>) of the unit at <paramref name="unitPath"/>.</summary>
    public static Task<Guid> FundingUnitIdAsync(this GonghuiDb db, string unitPath, CancellationToken ct)
    {
        var top = FundingPathOf(unitPath);
        return db.UnitRows().Where(u => u.Path == top).Select(u => u.Id).FirstAsync(ct);
    }

    /// <summary>The id of the funding unit (<see cref="FundingPathOf"/>) of the unit <paramref name="unitId"/>.</summary>
    public static async Task<Guid> FundingUnitIdAsync(this GonghuiDb db, Guid unitId, CancellationToken ct) =>
        await db.FundingUnitIdAsync(await db.UnitRows().Where(u => u.Id == unitId).Select(u => u.Path).FirstAsync(ct), ct);

    public static IQueryable<MemberRow> MemberRows(this GonghuiDb db) =>
        db.Set<Member>().Select(m => new MemberRow
        {
            Id = m.Id, Name = m.Name, Status = m.Status, UnionId = m.UnionId, EnterpriseId = m.EnterpriseId,
            IdNumberMasked = m.IdNumberMasked, PhoneMasked = m.PhoneMasked, IdNumberHash = m.IdNumberHash,
        });

    public static IQueryable<EnterpriseRow> EnterpriseRows(this GonghuiDb db) =>
        db.Set<Enterprise>().Select(e => new EnterpriseRow
        {
            Id = e.Id, Name = e.Name, CreditCode = e.CreditCode, SizeClass = e.SizeClass, DistrictCode = e.DistrictCode,
            GrassrootsUnionId = e.GrassrootsUnionId,
        });
}
