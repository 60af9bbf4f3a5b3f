using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Insurance.Claims;
using Gonghui.Modules.Insurance.Schemes;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Money;
using Gonghui.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.Insurance.Schemes;

public sealed record EnrolInput(List<Guid>? MemberIds, Guid? UnionId, bool? FrontLine, DateOnly? CoverFrom);
public sealed record FamilyInput(Guid? MemberId, string? Name, FamilyRelation? Relation, string? IdNumber);
public sealed record InsuranceEnrolResult(int Enrolled, int AlreadyEnrolled, IReadOnlyList<Guid> NotFound);

/// <summary>Cover: members enrolled in a scheme (a list, or a whole grassroots union), front-line members' family covered; the covers in scope.</summary>
internal sealed class Enrolling(GonghuiDb db, CurrentUser me, InsuranceScope scope, PersonalDataProtector protector, TimeProvider clock)
{
    /// <summary>The number of covers in the caller's subtree, by scheme.</summary>
    public async Task<Dictionary<Guid, int>> CoverCountsAsync(CancellationToken ct) =>
        await (await scope.CoversInScopeAsync(ct)).GroupBy(c => c.SchemeId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);

    /// <summary>Up to <paramref name="take"/> covers of a scheme in the caller's subtree by name, optionally only front-line ones or those whose name contains <paramref name="find"/>.</summary>
    public async Task<List<InsuranceCover>> SchemeCoversAsync(Guid schemeId, string? find, bool frontLineOnly, int take, CancellationToken ct)
    {
        var q = (await scope.CoversInScopeAsync(ct)).Where(c => c.SchemeId == schemeId);
        if (frontLineOnly) q = q.Where(c => c.FrontLine);
        if (!string.IsNullOrWhiteSpace(find)) q = q.Where(c => c.PersonName.Contains(find));
        return await q.OrderBy(c => c.PersonName).ThenBy(c => c.Id).Take(take).ToListAsync(ct);
    }

    /// <summary>The grassroots unions in the caller's subtree, by name (the enrolment form's choices).</summary>
    public async Task<List<UnitRow>> GrassrootsUnionsAsync(CancellationToken ct) =>
        await scope.UnitsInScope(await me.ScopePathAsync(ct)).AsNoTracking().Where(u => u.Kind == OrgUnitKind.GrassrootsUnion).OrderBy(u => u.Name).Take(500).ToListAsync(ct);

    /// <summary>Enrols members of units in the caller's scope (a list of ids, or every active member of one grassroots union).</summary>
    public async Task<Outcome<InsuranceEnrolResult>> EnrolAsync(Guid schemeId, EnrolInput input, CancellationToken ct)
    {
        var scheme = await db.Set<InsuranceScheme>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == schemeId, ct);
        if (scheme is null) return Outcome<InsuranceEnrolResult>.NotFound();
        var ids = (input.MemberIds ?? []).Distinct().ToList();
        if (ids.Count == 0 && input.UnionId is null) return Outcome<InsuranceEnrolResult>.Invalid("memberIds", "enrol.noMembers");
        if (ids.Count > 5000) return Outcome<InsuranceEnrolResult>.Invalid("memberIds", "enrol.tooMany");
        // Default: from today, or from the scheme's start when today is outside its period (a scheme recorded afterwards).
        var from = input.CoverFrom ?? (scope.Today >= scheme.CoverFrom && scope.Today <= scheme.CoverTo ? scope.Today : scheme.CoverFrom);
        if (from < scheme.CoverFrom || from > scheme.CoverTo) return Outcome<InsuranceEnrolResult>.Invalid("coverFrom", "enrol.coverFrom");
        var units = scope.UnitsInScope(await me.ScopePathAsync(ct)).Select(u => u.Id);
        var q = db.MemberRows().Where(m => units.Contains(m.UnionId) && m.Status == MemberStatus.Active);
        if (input.UnionId is { } union)
        {
            if (!await scope.UnitsInScope(await me.ScopePathAsync(ct)).AnyAsync(u => u.Id == union, ct)) return Outcome<InsuranceEnrolResult>.Invalid("unionId", "enrol.unionUnknown");
            q = q.Where(m => m.UnionId == union);
            if (ids.Count > 0) q = q.Where(m => ids.Contains(m.Id));
        }
        else q = q.Where(m => ids.Contains(m.Id));
        var members = await q.Select(m => new { m.Id, m.Name, m.UnionId, m.IdNumberHash, m.IdNumberMasked }).Take(20_000).ToListAsync(ct);
        var found = members.Select(m => m.Id).ToHashSet();
        var hashes = members.Select(m => m.IdNumberHash).ToList();
        var already = (await db.Set<InsuranceCover>().Where(c => c.SchemeId == schemeId && hashes.Contains(c.IdNumberHash)).Select(c => c.IdNumberHash).ToListAsync(ct)).ToHashSet();
        var at = clock.GetUtcNow();
        var fresh = members.Where(m => !already.Contains(m.IdNumberHash))
            .Select(m => InsuranceCover.ForMember(scheme, m.Id, m.UnionId, m.Name, m.IdNumberHash, m.IdNumberMasked, input.FrontLine ?? false, from, at, me.Name)).ToList();
        db.AddRange(fresh);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Outcome<InsuranceEnrolResult>.Conflict("enrol.concurrent"); }
        return Outcome<InsuranceEnrolResult>.Ok(new InsuranceEnrolResult(fresh.Count, members.Count - fresh.Count, ids.Where(i => !found.Contains(i)).ToList()));
    }

    /// <summary>Covers a family member of a front-line member enrolled in the scheme; the resident ID is encrypted, hashed and masked.</summary>
    public async Task<Outcome<InsuranceCover>> CoverFamilyAsync(Guid schemeId, FamilyInput input, CancellationToken ct)
    {
        var scheme = await db.Set<InsuranceScheme>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == schemeId, ct);
        if (scheme is null) return Outcome<InsuranceCover>.NotFound();
        if (!scheme.CoversFamily) return Outcome<InsuranceCover>.Conflict("family.notInScheme");
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100) return Outcome<InsuranceCover>.Invalid("name", "family.name");
        if (input.Relation is null || !Enum.IsDefined(input.Relation.Value)) return Outcome<InsuranceCover>.Invalid("relation", "family.relation");
        var idNumber = input.IdNumber?.Trim().ToUpperInvariant() ?? "";
        if (!ResidentId.TryParse(idNumber, out _, out _)) return Outcome<InsuranceCover>.Invalid("idNumber", "family.idNumber");
        if (input.MemberId is null) return Outcome<InsuranceCover>.Invalid("memberId", "claim.memberRequired");
        var covers = await scope.CoversInScopeAsync(ct);
        var member = await covers.FirstOrDefaultAsync(c => c.SchemeId == schemeId && c.MemberId == input.MemberId && c.Kind == InsuredKind.Member, ct);
        if (member is null) return Outcome<InsuranceCover>.Invalid("memberId", "family.memberNotEnrolled");
        if (!member.FrontLine) return Outcome<InsuranceCover>.Invalid("memberId", "family.notFrontLine");
        var hash = protector.Hash(idNumber);
        if (await db.Set<InsuranceCover>().AnyAsync(c => c.SchemeId == schemeId && c.IdNumberHash == hash, ct))
            return Outcome<InsuranceCover>.Invalid("idNumber", "family.alreadyCovered");
        var cover = InsuranceCover.ForFamily(scheme, member, name, input.Relation.Value, protector.Encrypt(idNumber), hash, ResidentId.Mask(idNumber), clock.GetUtcNow(), me.Name);
        db.Add(cover);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Outcome<InsuranceCover>.Invalid("idNumber", "family.alreadyCovered"); }
        return Outcome<InsuranceCover>.Ok(cover);
    }
}
