using Gonghui.Platform.Identity;
using Gonghui.Modules.Organizations.Demo;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Modules.Organizations.Shared;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Ids;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Modules.Organizations.Enterprises;

public sealed record EnterpriseDto(
    Guid Id, string Name, string CreditCode, string DistrictCode, string? DistrictName, Ownership Ownership, int Employees, long RevenueFen,
    SizeClass SizeClass, DateOnly? UnionFoundedOn, Guid? GrassrootsUnionId, string? GrassrootsUnionName, int? MemberCount);

public sealed record EnterpriseRequest(
    string? Name, string? CreditCode, string? DistrictCode, string? Ownership, int? Employees, long? RevenueFen,
    DateOnly? UnionFoundedOn, Guid? GrassrootsUnionId);

internal static class EnterpriseEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/", List);
        g.MapGet("/{id:guid}", Get);
        g.MapPost("/", Create).RequireAuthorization(Permissions.RegistryEdit);
        g.MapPut("/{id:guid}", Update).RequireAuthorization(Permissions.RegistryEdit);
    }

    /// <summary>Enterprises in scope; q matches the name or the credit code; district and size class narrow.</summary>
    public static async Task<Results<Ok<Slice<EnterpriseDto>>, ValidationProblem>> List(
        RegistryScope scope, GonghuiDb db, string? q, string? district, SizeClass? sizeClass, Guid? unionId, string? after, string? before, int? limit, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        var query = (await scope.EnterprisesAsync(ct)).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            var code = text.ToUpperInvariant();
            query = query.Where(e => e.Name.Contains(text) || e.CreditCode == code);
        }
        if (!string.IsNullOrWhiteSpace(district)) query = query.Where(e => e.DistrictCode == district);
        if (sizeClass is { } sc) query = query.Where(e => e.SizeClass == sc);
        if (unionId is { } u) query = query.Where(e => e.GrassrootsUnionId == u);
        // Keyset on (name, id); the index on name serves it (its entries carry the key).
        var slice = await query.SliceAsync(request, e => e.Name, e => e.Id, descending: false,
            rows => from e in rows
                    join un in db.Set<OrgUnit>() on e.GrassrootsUnionId equals un.Id into uj
                    from un in uj.DefaultIfEmpty()
                    select new { e, UnionName = un == null ? null : un.Name },
            r => r.e.Name, r => r.e.Id, ct);
        return TypedResults.Ok(slice.Map(r => ToDto(r.e, r.UnionName, null)));
    }

    internal static EnterpriseDto ToDto(Enterprise e, string? unionName, int? members) =>
        new(e.Id, e.Name, e.CreditCode, e.DistrictCode, BeijingDistricts.NameOf(e.DistrictCode), e.Ownership, e.Employees, e.RevenueFen,
            e.SizeClass, e.UnionFoundedOn, e.GrassrootsUnionId, unionName, members);

    public static async Task<Results<Ok<EnterpriseDto>, NotFound>> Get(Guid id, RegistryScope scope, GonghuiDb db, CancellationToken ct)
    {
        var e = await (await scope.EnterprisesAsync(ct)).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return TypedResults.NotFound();
        var unionName = e.GrassrootsUnionId is { } u ? await db.Set<OrgUnit>().Where(x => x.Id == u).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var members = await db.Set<Member>().CountAsync(m => m.EnterpriseId == id && m.Status == MemberStatus.Active, ct);
        return TypedResults.Ok(ToDto(e, unionName, members));
    }

    public static async Task<Results<Created<EnterpriseDto>, ValidationProblem, ProblemHttpResult>> Create(
        EnterpriseRequest req, RegistryScope scope, GonghuiDb db, SizeThresholds thresholds, RegistryText t, CancellationToken ct)
    {
        var e = new Enterprise();
        var errors = new Api.Errors();
        var union = await ValidateAsync(req, e, scope, thresholds, t, errors, ct);
        if (errors.Any) return errors.Problem();
        var holder = await db.Set<Enterprise>().AsNoTracking().Where(x => x.CreditCode == e.CreditCode).Select(x => x.Name).FirstOrDefaultAsync(ct);
        if (holder is not null) return Api.Conflict(t["enterprise.creditCode.taken", holder]);
        db.Add(e);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/enterprises/{e.Id}", ToDto(e, union?.Name, 0));
    }

    public static async Task<Results<Ok<EnterpriseDto>, ValidationProblem, NotFound, ProblemHttpResult>> Update(
        Guid id, EnterpriseRequest req, RegistryScope scope, GonghuiDb db, SizeThresholds thresholds, RegistryText t, CancellationToken ct)
    {
        var e = await (await scope.EnterprisesAsync(ct)).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return TypedResults.NotFound();
        var errors = new Api.Errors();
        var union = await ValidateAsync(req, e, scope, thresholds, t, errors, ct);
        if (errors.Any) { db.ChangeTracker.Clear(); return errors.Problem(); }
        var holder = await db.Set<Enterprise>().AsNoTracking().Where(x => x.CreditCode == e.CreditCode && x.Id != id).Select(x => x.Name).FirstOrDefaultAsync(ct);
        if (holder is not null) return Api.Conflict(t["enterprise.creditCode.taken", holder]);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(e, union?.Name, null));
    }

    /// <summary>Checks every field, naming each bad one, and copies the good values onto the entity.</summary>
    private static async Task<OrgUnit?> ValidateAsync(EnterpriseRequest req, Enterprise e, RegistryScope scope, SizeThresholds thresholds,
        RegistryText t, Api.Errors errors, CancellationToken ct)
    {
        var name = (req.Name ?? "").Trim();
        if (name.Length is 0 or > 200) errors.Add("name", t["enterprise.name.required"]);
        if (!CreditCode.TryParse(req.CreditCode, out var code, out var codeError)) errors.Add("creditCode", t[codeError]);
        var district = (req.DistrictCode ?? "").Trim();
        if (BeijingDistricts.NameOf(district) is null) errors.Add("districtCode", t["enterprise.district.invalid"]);
        var ownership = Ownership.Private;
        if (!string.IsNullOrWhiteSpace(req.Ownership) && (!Enum.TryParse(req.Ownership, true, out ownership) || !Enum.IsDefined(ownership)))
            errors.Add("ownership", t["enterprise.ownership.invalid"]);
        if (req.Employees is null or < 0) errors.Add("employees", t["enterprise.employees.invalid"]);
        if (req.RevenueFen is < 0) errors.Add("revenueFen", t["enterprise.revenue.invalid"]);
        OrgUnit? union = null;
        var s = await scope.InfoAsync(ct);
        if (req.GrassrootsUnionId is not null)
        {
            union = await scope.GrassrootsInScopeAsync(req.GrassrootsUnionId, ct);
            if (union is null) errors.Add("grassrootsUnionId", t["member.union.invalid"]);
        }
        else if (!s.IsCity && s.DistrictCode != district)
            errors.Add("grassrootsUnionId", t["enterprise.union.required"]);
        if (errors.Any) return null;
        e.Name = name;
        e.CreditCode = code;
        e.DistrictCode = district;
        e.Ownership = ownership;
        e.Employees = req.Employees!.Value;
        e.RevenueFen = req.RevenueFen ?? 0;
        e.SizeClass = thresholds.Classify(e.Employees, e.RevenueFen);
        e.UnionFoundedOn = req.UnionFoundedOn;
        e.GrassrootsUnionId = union?.Id;
        return union;
    }
}
