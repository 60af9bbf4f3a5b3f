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

/// <summary>Mutual-aid plans (互助计划, city-wide): the list with enrolments in scope, a plan's enrolment page, the members a claim may be filed for, a new plan.</summary>
internal sealed class PlanHandlers(GonghuiDb db, CurrentUser me, ClaimScope scope)
{
    /// <summary>Every plan (plans are city-wide), newest year first; narrowed to one year when asked.</summary>
    public Task<List<MutualAidPlan>> PlansAsync(int? year, CancellationToken ct) =>
        db.Set<MutualAidPlan>().AsNoTracking().Where(p => year == null || p.Year == year).OrderByDescending(p => p.Year).ThenBy(p => p.Kind).ToListAsync(ct);

    /// <summary>Every plan with the number of its enrolments in the caller's subtree.</summary>
    public async Task<List<(MutualAidPlan Plan, int Enrolled)>> PlansWithCountsAsync(int? year, CancellationToken ct)
    {
        var plans = await PlansAsync(year, ct);
        var units = scope.UnitsInScope(await me.ScopePathAsync(ct)).Select(u => u.Id);
        var ids = plans.Select(p => p.Id).ToList();
        var counts = await db.Set<MutualAidEnrolment>().Where(e => ids.Contains(e.PlanId) && units.Contains(e.UnionId)).GroupBy(e => e.PlanId)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        return plans.Select(p => (p, counts.GetValueOrDefault(p.Id))).ToList();
    }

    /// <summary>A plan's enrolment page: the plan, its enrolments in the caller's subtree, and up to 200 active members there not yet enrolled (by name); null when unknown.</summary>
    public async Task<(MutualAidPlan Plan, int Enrolled, List<MemberRow> Candidates)?> PlanEnrolmentAsync(Guid planId, CancellationToken ct)
    {
        var plan = await db.Set<MutualAidPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null) return null;
        var units = scope.UnitsInScope(await me.ScopePathAsync(ct)).Select(u => u.Id);
        var enrolled = db.Set<MutualAidEnrolment>().Where(e => e.PlanId == plan.Id).Select(e => e.MemberId);
        var count = await db.Set<MutualAidEnrolment>().CountAsync(e => e.PlanId == plan.Id && units.Contains(e.UnionId), ct);
        var candidates = await db.MemberRows().Where(m => units.Contains(m.UnionId) && m.Status == MemberStatus.Active && !enrolled.Contains(m.Id))
            .OrderBy(m => m.Name).Take(200).ToListAsync(ct);
        return (plan, count, candidates);
    }

    /// <summary>The members a claim may be filed for: enrolled in the plan within the caller's subtree, up to 500 by name.</summary>
    public async Task<List<MemberRow>> EnrolledMembersAsync(Guid planId, CancellationToken ct)
    {
        var units = scope.UnitsInScope(await me.ScopePathAsync(ct)).Select(u => u.Id);
        var enrolled = db.Set<MutualAidEnrolment>().Where(e => e.PlanId == planId && units.Contains(e.UnionId)).Select(e => e.MemberId);
        return await db.MemberRows().Where(m => enrolled.Contains(m.Id)).OrderBy(m => m.Name).Take(500).ToListAsync(ct);
    }

    /// <summary>Plans a staff member can take claims into: those with members enrolled in their scope, newest year first.</summary>
    public async Task<List<MutualAidPlan>> PlansWithEnrolmentsInScopeAsync(CancellationToken ct)
    {
        var units = scope.UnitsInScope(await me.ScopePathAsync(ct)).Select(u => u.Id);
        // EXISTS per plan (a handful of plans a year): the database can stop at the first enrolment in scope.
        return await db.Set<MutualAidPlan>().AsNoTracking().Where(p => db.Set<MutualAidEnrolment>().Any(e => e.PlanId == p.Id && units.Contains(e.UnionId))).OrderByDescending(p => p.Year).ThenBy(p => p.Kind).ThenBy(p => p.Code).ToListAsync(ct);
    }

    /// <summary>
    /// Checks a new plan field by field (every error at once, as codes keyed by the API's field names) and saves it.
    /// The rules' own checks come from <see cref="PlanRules"/>; a code taken by a concurrent request is caught by the unique index.
    /// </summary>
    public async Task<Outcome<MutualAidPlan>> CreatePlanAsync(CreatePlanRequest body, CancellationToken ct)
    {
        var errors = new List<(string Field, string Code)>();
        var code = body.Code?.Trim() ?? "";
        if (code.Length is 0 or > 40 || await db.Set<MutualAidPlan>().AnyAsync(p => p.Code == code, ct)) errors.Add(("code", "plan.code"));
        if (body.Year is null or < 2000 or > 2100) errors.Add(("year", "plan.year"));
        if (body.Kind is null || !Enum.IsDefined(body.Kind.Value)) errors.Add(("kind", "plan.kind"));
        var name = body.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200) errors.Add(("name", "plan.name"));
        if (body.FeeFen is null or < 0) errors.Add(("feeFen", "plan.fee"));
        if (body.EnrolFrom is null) errors.Add(("enrolFrom", "plan.windowFrom"));
        if (body.EnrolTo is null || body.EnrolTo < body.EnrolFrom) errors.Add(("enrolTo", "plan.window"));
        if (body.WaitingDays is null or < 0 or > 365) errors.Add(("waitingDays", "plan.waitingDays"));
        var bands = body.Bands ?? [];
        var rules = new PlanRules(body.DeductibleFen ?? -1, bands, body.PerClaimCapFen ?? 0, body.PerYearCapFen ?? 0);
        // Validate() stops at its first error: ask the bands separately so a form shows a cap error and a band error together.
        if (rules.Validate() is { } re && !re.StartsWith("plan.bands", StringComparison.Ordinal)) errors.Add((re[5..] + "Fen", re));
        if (PlanRules.Validate(bands) is { } be) errors.Add(("bands", be));
        if (errors.Count > 0) return Outcome<MutualAidPlan>.Invalid(errors);
        var plan = MutualAidPlan.Create(code, body.Year!.Value, body.Kind!.Value, name, body.FeeFen!.Value, body.EnrolFrom!.Value, body.EnrolTo!.Value, body.WaitingDays!.Value, rules);
        db.Add(plan);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(plan).State = EntityState.Detached;
            if (!await db.Set<MutualAidPlan>().AsNoTracking().AnyAsync(p => p.Code == code, ct)) throw;
            return Outcome<MutualAidPlan>.Invalid("code", "plan.code");
        }
        return Outcome<MutualAidPlan>.Ok(plan);
    }
}
