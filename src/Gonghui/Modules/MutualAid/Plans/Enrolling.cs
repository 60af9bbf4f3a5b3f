using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.MutualAid.Claims;
using Gonghui.Modules.MutualAid.Plans;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Money;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.MutualAid.Plans;

public sealed record EnrolResult(int Enrolled, int AlreadyEnrolled, IReadOnlyList<Guid> NotFound);

/// <summary>Enrolment (参加互助): members of units in the caller's scope join a plan within its window; a renewal waits no days.</summary>
internal sealed class Enrolling(GonghuiDb db, CurrentUser me, ClaimScope scope)
{
    /// <summary>Enrols members of units in the caller's scope; members already enrolled are counted, not re-enrolled.</summary>
    public async Task<Outcome<EnrolResult>> EnrolAsync(Guid planId, IReadOnlyCollection<Guid> memberIds, CancellationToken ct)
    {
        var plan = await db.Set<MutualAidPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null) return Outcome<EnrolResult>.NotFound();
        if (memberIds.Count == 0) return Outcome<EnrolResult>.Invalid("memberIds", "enrol.noMembers");
        if (memberIds.Count > 5000) return Outcome<EnrolResult>.Invalid("memberIds", "enrol.tooMany");
        var today = scope.Today;
        if (EnrolmentRules.CanEnrol(today, plan.EnrolFrom, plan.EnrolTo) is { } closed) return Outcome<EnrolResult>.Conflict(closed);
        var path = await me.ScopePathAsync(ct);
        var units = scope.UnitsInScope(path).Select(u => u.Id);
        var ids = memberIds.Distinct().ToList();
        var members = await db.MemberRows().Where(m => ids.Contains(m.Id) && units.Contains(m.UnionId) && m.Status == MemberStatus.Active)
            .Select(m => new { m.Id, m.UnionId }).ToListAsync(ct);
        var found = members.Select(m => m.Id).ToHashSet();
        var already = (await db.Set<MutualAidEnrolment>().Where(e => e.PlanId == planId && ids.Contains(e.MemberId)).Select(e => e.MemberId).ToListAsync(ct)).ToHashSet();
        // A renewal: enrolled in a plan of the same kind the year before — no waiting period.
        var prevPlans = db.Set<MutualAidPlan>().Where(p => p.Kind == plan.Kind && p.Year == plan.Year - 1).Select(p => p.Id);
        var renewing = (await db.Set<MutualAidEnrolment>().Where(e => prevPlans.Contains(e.PlanId) && ids.Contains(e.MemberId)).Select(e => e.MemberId).ToListAsync(ct)).ToHashSet();
        var fresh = members.Where(m => !already.Contains(m.Id)).Select(m => MutualAidEnrolment.Create(plan, m.Id, m.UnionId, today, renewing.Contains(m.Id), me.Name)).ToList();
        db.AddRange(fresh);
        await db.SaveChangesAsync(ct);
        return Outcome<EnrolResult>.Ok(new EnrolResult(fresh.Count, members.Count - fresh.Count, ids.Where(i => !found.Contains(i)).ToList()));
    }
}
