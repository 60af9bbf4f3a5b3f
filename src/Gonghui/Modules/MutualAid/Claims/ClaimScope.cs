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

namespace Gonghui.Modules.MutualAid.Claims;

public sealed record ClaimInput(Guid? PlanId, Guid? MemberId, DateOnly? AdmittedOn, string? Hospital, string? Diagnosis, long? TotalFen, long? InsuranceCoveredFen, long? SelfPaidFen);

/// <summary>
/// What every mutual-aid use case starts from: the units and claims in the caller's scope, a claim in it, today in Beijing, the
/// fund that pays a union's claims, the plans' rules and what a member was granted in a plan this year.
/// </summary>
internal sealed class ClaimScope(GonghuiDb db, CurrentUser me, TimeProvider clock)
{
    public const string SourceType = "MutualAidClaim";
    public DateOnly Today => BeijingTime.Today(clock);

    // No AsNoTracking here: used as a subquery, it would make the whole outer query untracked.
    public IQueryable<UnitRow> UnitsInScope(string scope) => db.UnitRows().InScope(scope, u => u.Path);

    public async Task<IQueryable<MutualAidClaim>> ClaimsInScopeAsync(CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var units = UnitsInScope(scope).Select(u => u.Id);
        return db.Set<MutualAidClaim>().AsNoTracking().Where(c => units.Contains(c.UnionId));
    }

    /// <summary>The report's drill-down filters of the claim list, checked (a unit out of the caller's scope is an error naming <c>unit</c>).</summary>
    public async Task<DrillFilter?> DrillAsync(DateOnly? from, DateOnly? to, Guid? unit, Api.Errors errors, CancellationToken ct) =>
        await DrillFilter.ForCallerAsync(db, me, from, to, unit, errors, ct);

    /// <summary>
    /// The report's drill-down (issue 19) on the claims: with a period, the claims paid in it (status Paid, payment time in the period, as
    /// mutualaid.payouts counts them); with a unit, those of the unions in its subtree.
    /// </summary>
    public IQueryable<MutualAidClaim> Drill(IQueryable<MutualAidClaim> query, DrillFilter drill)
    {
        if (drill.From is not null || drill.To is not null) query = query.Where(c => c.Status == ClaimStatus.Paid);
        if (drill.FromUtc is { } from) query = query.Where(c => c.PaidAt >= from);
        if (drill.ToUtc is { } to) query = query.Where(c => c.PaidAt < to);
        if (drill.UnitPath is { } path)
        {
            var units = UnitsInScope(path).Select(u => u.Id);
            query = query.Where(c => units.Contains(c.UnionId));
        }
        return query;
    }

    public async Task<MutualAidClaim?> ClaimAsync(Guid id, bool track, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var units = UnitsInScope(scope).Select(u => u.Id);
        var q = db.Set<MutualAidClaim>().Where(c => c.Id == id && units.Contains(c.UnionId));
        return await (track ? q : q.AsNoTracking()).FirstOrDefaultAsync(ct);
    }

    /// <summary>The rules of the given plans, by plan id (plans are immutable).</summary>
    public async Task<Dictionary<Guid, PlanRules>> PlanRulesAsync(IEnumerable<Guid> planIds, CancellationToken ct)
    {
        var ids = planIds.Distinct().ToList();
        var plans = await db.Set<MutualAidPlan>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        return plans.ToDictionary(p => p.Id, p => p.Rules());
    }

    /// <summary>What the member was granted (approved or paid) in the plan: the accumulator row, else the sum of the claims.</summary>
    public async Task<long> GrantedThisYearAsync(Guid memberId, Guid planId, CancellationToken ct)
    {
        var row = await db.Set<MemberYearTotal>().AsNoTracking().Where(t => t.PlanId == planId && t.MemberId == memberId).Select(t => (long?)t.GrantedFen).FirstOrDefaultAsync(ct);
        return row ?? await SumGrantedAsync(memberId, planId, ct);
    }

    internal Task<long> SumGrantedAsync(Guid memberId, Guid planId, CancellationToken ct) =>
        db.Set<MutualAidClaim>().Where(c => c.MemberId == memberId && c.PlanId == planId && (c.Status == ClaimStatus.Approved || c.Status == ClaimStatus.Paid))
            .SumAsync(c => c.PayoutFen, ct);

    /// <summary>Opens the member's accumulator for the plan (from the claims already granted) if it is missing; a concurrent opener winning is fine.</summary>
    internal async Task EnsureYearTotalAsync(Guid memberId, Guid planId, int year, CancellationToken ct)
    {
        if (await db.Set<MemberYearTotal>().AnyAsync(t => t.PlanId == planId && t.MemberId == memberId, ct)) return;
        var row = MemberYearTotal.Open(planId, memberId, year, await SumGrantedAsync(memberId, planId, ct));
        db.Add(row);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { } // another approval opened it first (unique (plan, member))
        finally { db.Entry(row).State = EntityState.Detached; }
    }
}
