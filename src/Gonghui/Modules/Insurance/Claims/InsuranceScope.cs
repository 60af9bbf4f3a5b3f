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

namespace Gonghui.Modules.Insurance.Claims;

/// <summary>What the caller may see and act on in accident insurance: covers and claims in their subtree (a worker: their own), the funding union, today.</summary>
internal sealed class InsuranceScope(GonghuiDb db, CurrentUser me, TimeProvider clock)
{
    public DateOnly Today => BeijingTime.Today(clock);

    // No AsNoTracking here: used as a subquery, it would make the whole outer query untracked.
    public IQueryable<UnitRow> UnitsInScope(string scope) => db.UnitRows().InScope(scope, u => u.Path);

    /// <summary>Claims the caller may see: staff their subtree, a worker only their own (and their family's).</summary>
    public async Task<IQueryable<AccidentClaim>> ClaimsVisibleAsync(CancellationToken ct)
    {
        var q = db.Set<AccidentClaim>().AsNoTracking();
        if (me.IsStaff)
        {
            var units = UnitsInScope(await me.ScopePathAsync(ct)).Select(u => u.Id);
            return q.Where(c => units.Contains(c.UnionId));
        }
        var member = me.MemberId;
        return member is null ? q.Where(c => false) : q.Where(c => c.MemberId == member);
    }

    /// <summary>The report's drill-down filters of the claim list, checked (a unit out of the caller's scope is an error naming <c>unit</c>).</summary>
    public async Task<DrillFilter?> DrillAsync(DateOnly? from, DateOnly? to, Guid? unit, Api.Errors errors, CancellationToken ct) =>
        await DrillFilter.ForCallerAsync(db, me, from, to, unit, errors, ct);

    /// <summary>
    /// The report's drill-down (issue 19) on the claims: with a period, the claims paid in it (status Paid, payment time in the period, as
    /// insurance.claims and insurance.amount count them); with a unit, those of insured people of the unions in its subtree.
    /// </summary>
    public IQueryable<AccidentClaim> Drill(IQueryable<AccidentClaim> query, DrillFilter drill)
    {
        if (drill.From is not null || drill.To is not null) query = query.Where(c => c.Status == AccidentClaimStatus.Paid);
        if (drill.FromUtc is { } from) query = query.Where(c => c.PaidAt >= from);
        if (drill.ToUtc is { } to) query = query.Where(c => c.PaidAt < to);
        if (drill.UnitPath is { } path)
        {
            var units = UnitsInScope(path).Select(u => u.Id);
            query = query.Where(c => units.Contains(c.UnionId));
        }
        return query;
    }

    public async Task<AccidentClaim?> ClaimAsync(Guid id, CancellationToken ct) =>
        await (await ClaimsVisibleAsync(ct)).FirstOrDefaultAsync(c => c.Id == id, ct);

    public async Task<IQueryable<InsuranceCover>> CoversInScopeAsync(CancellationToken ct)
    {
        var units = UnitsInScope(await me.ScopePathAsync(ct)).Select(u => u.Id);
        return db.Set<InsuranceCover>().AsNoTracking().Where(c => units.Contains(c.UnionId));
    }

    /// <summary>The covers the caller may file for: staff every cover in their subtree, a worker only their own member cover.</summary>
    public async Task<IQueryable<InsuranceCover>> CoversForFilingAsync(CancellationToken ct)
    {
        if (me.IsStaff) return await CoversInScopeAsync(ct);
        var member = me.MemberId;
        return member is null || !me.IsInRole(Roles.Worker)
            ? db.Set<InsuranceCover>().AsNoTracking().Where(c => false)
            : db.Set<InsuranceCover>().AsNoTracking().Where(c => c.MemberId == member && c.Kind == InsuredKind.Member);
    }

    /// <summary>The latest 20 covers the caller may file a claim on (a worker: their own member cover), newest cover end first.</summary>
    public async Task<List<InsuranceCover>> FilingCoversAsync(CancellationToken ct) =>
        await (await CoversForFilingAsync(ct)).OrderByDescending(c => c.CoverTo).Take(20).ToListAsync(ct);

    public Task<List<AccidentClaimEvent>> EventsAsync(Guid claimId, CancellationToken ct) =>
        db.Set<AccidentClaimEvent>().AsNoTracking().Where(e => e.ClaimId == claimId).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
}
