using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Modules.Organizations.Shared;

/// <summary>
/// The registry's handlers (<see cref="OrgUnitEndpoints"/>, <see cref="EnterpriseEndpoints"/>, <see cref="MemberEndpoints"/>)
/// with their services bound, for the registry pages: a page calls the same handler as the API, with the same scope checks
/// and masking, and never touches <see cref="GonghuiDb"/> itself.
/// </summary>
internal sealed class RegistryHandlers(GonghuiDb db, RegistryScope scope, RegistryText t, PersonalDataProtector protector, SizeThresholds thresholds,
    CurrentUser me, TimeProvider clock)
{
    // ---- units

    public Task<Ok<List<OrgUnitDto>>> Units(Guid? parentId, string? q, CancellationToken ct) => OrgUnitEndpoints.List(db, me, parentId, q, ct);

    public Task<Results<Created<OrgUnitDto>, ValidationProblem, ProblemHttpResult>> CreateUnit(CreateUnitRequest req, CancellationToken ct) =>
        OrgUnitEndpoints.Create(req, db, scope, t, clock, ct);

    public Task<Results<Ok<OrgUnitDto>, ValidationProblem, NotFound>> RenameUnit(Guid id, RenameUnitRequest req, CancellationToken ct) =>
        OrgUnitEndpoints.Rename(id, req, scope, db, t, ct);

    public Task<Results<Ok<OrgUnitDto>, ValidationProblem, NotFound, ProblemHttpResult>> MoveUnit(Guid id, MoveUnitRequest req, CancellationToken ct) =>
        OrgUnitEndpoints.Move(id, req, scope, db, me, t, clock, ct);

    public Task<Results<Ok<OrgUnitDto>, NotFound, ProblemHttpResult>> CloseUnit(Guid id, CancellationToken ct) => OrgUnitEndpoints.Close(id, scope, db, t, ct);

    /// <summary>The active members of one grassroots union (the unit page's head count).</summary>
    public Task<int> ActiveMemberCountAsync(Guid unionId, CancellationToken ct) =>
        db.Set<Member>().CountAsync(m => m.UnionId == unionId && m.Status == MemberStatus.Active, ct);

    /// <summary>The grassroots unions in the caller's subtree by path (a form's or filter's choices); closed ones only when asked.</summary>
    public async Task<List<OrgUnit>> GrassrootsUnionsAsync(bool includeClosed, CancellationToken ct) =>
        await (await scope.UnitsAsync(ct)).AsNoTracking().Where(u => u.Kind == OrgUnitKind.GrassrootsUnion && (includeClosed || !u.IsClosed)).OrderBy(u => u.Path).ToListAsync(ct);

    // ---- enterprises

    /// <summary>Up to 500 enterprises in the caller's scope by name, as (id, name): the member form's choices.</summary>
    public async Task<List<(Guid Id, string Name)>> EnterpriseChoicesAsync(CancellationToken ct) =>
        (await (await scope.EnterprisesAsync(ct)).AsNoTracking().OrderBy(e => e.Name).Take(500).Select(e => new { e.Id, e.Name }).ToListAsync(ct))
            .Select(e => (e.Id, e.Name)).ToList();

    public Task<Results<Ok<Slice<EnterpriseDto>>, ValidationProblem>> Enterprises(string? q, string? district, SizeClass? sizeClass, Guid? unionId,
        string? after, string? before, int? limit, CancellationToken ct) =>
        EnterpriseEndpoints.List(scope, db, q, district, sizeClass, unionId, after, before, limit, ct);

    public Task<Results<Ok<EnterpriseDto>, NotFound>> Enterprise(Guid id, CancellationToken ct) => EnterpriseEndpoints.Get(id, scope, db, ct);

    public Task<Results<Created<EnterpriseDto>, ValidationProblem, ProblemHttpResult>> CreateEnterprise(EnterpriseRequest req, CancellationToken ct) =>
        EnterpriseEndpoints.Create(req, scope, db, thresholds, t, ct);

    public Task<Results<Ok<EnterpriseDto>, ValidationProblem, NotFound, ProblemHttpResult>> UpdateEnterprise(Guid id, EnterpriseRequest req, CancellationToken ct) =>
        EnterpriseEndpoints.Update(id, req, scope, db, thresholds, t, ct);

    // ---- members

    public Task<Results<Ok<Slice<MemberDto>>, ValidationProblem>> Members(string? q, Guid? unionId, Guid? enterpriseId, EmploymentType? employmentType,
        MemberStatus? status, string? after, string? before, int? limit, CancellationToken ct) =>
        MemberEndpoints.List(scope, db, protector, q, unionId, enterpriseId, employmentType, status, after, before, limit, ct);

    /// <summary>A member in the caller's scope, masked (the API's <c>GET /members/{id}</c>), or null.</summary>
    public async Task<MemberDto?> MemberAsync(Guid id, CancellationToken ct) => await MemberEndpoints.LoadAsync(id, await scope.MembersAsync(ct), db, ct);

    public Task<Results<Ok<List<TimelineItem>>, NotFound>> Timeline(Guid id, CancellationToken ct) => MemberEndpoints.Timeline(id, scope, db, ct);

    public Task<Results<Ok<MemberPersonalDto>, NotFound>> Reveal(Guid id, CancellationToken ct) => MemberEndpoints.Reveal(id, scope, db, protector, me, clock, ct);

    public Task<Results<Created<MemberDto>, ValidationProblem, ProblemHttpResult>> CreateMember(MemberRequest req, CancellationToken ct) =>
        MemberEndpoints.Create(req, scope, db, protector, t, clock, ct);

    public Task<Results<Ok<MemberDto>, ValidationProblem, NotFound, ProblemHttpResult>> UpdateMember(Guid id, MemberRequest req, CancellationToken ct) =>
        MemberEndpoints.Update(id, req, scope, db, protector, t, clock, ct);

    public Task<Results<Ok<MemberDto>, ValidationProblem, NotFound, ProblemHttpResult>> Transfer(Guid id, TransferRequest req, CancellationToken ct) =>
        MemberEndpoints.Transfer(id, req, scope, db, me, t, clock, ct);

    /// <summary>The signed-in worker's own membership (the API's <c>GET /me</c>).</summary>
    public Task<Results<Ok<MemberDto>, NotFound>> Mine(CancellationToken ct) => MemberEndpoints.Me(me, db, ct);
}
