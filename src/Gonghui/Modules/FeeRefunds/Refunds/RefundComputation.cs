using Gonghui.Modules.FeeRefunds.Rules;
using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Importing;
using Gonghui.Platform.Money;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Scope;

namespace Gonghui.Modules.FeeRefunds.Refunds;

/// <summary>The refund due (返还) for every fee record in scope under a policy, computed by <see cref="RefundRules"/> until approved.</summary>
internal sealed class RefundComputation(GonghuiDb db, CurrentUser me, TimeProvider clock, RefundScope scope)
{
    /// <summary>Computes (or recomputes, until approved) the refund due for every fee record in scope within the policy's years.</summary>
    public async Task<(int Due, int Ineligible)> ComputeAsync(Guid policyId, CancellationToken ct)
    {
        var policy = await db.Set<RefundPolicy>().AsNoTracking().FirstAsync(p => p.Id == policyId, ct);
        var rules = policy.Rules();
        // Fee years around the policy are computed too, so a firm's page explains why a year is not refunded.
        var fees = await db.Set<FeeRecord>().AsNoTracking().Where(f => f.Year >= policy.FromYear - 1 && f.Year <= policy.ToYear + 1).ToListAsync(ct);
        var firmIds = fees.Select(f => f.EnterpriseId).Distinct().ToList();
        var firms = new Dictionary<Guid, EnterpriseRow>();
        foreach (var chunk in firmIds.Chunk(500))
            foreach (var e in await db.EnterpriseRows().Where(e => chunk.Contains(e.Id)).ToListAsync(ct)) firms[e.Id] = e;
        var existing = (await db.Set<UnionFeeRefund>().Where(r => r.PolicyId == policyId).ToListAsync(ct)).ToDictionary(r => (r.EnterpriseId, r.Year));
        var now = clock.GetUtcNow();
        int due = 0, ineligible = 0;
        var funding = new Dictionary<Guid, UnitRow>();
        foreach (var f in fees)
        {
            if (!firms.TryGetValue(f.EnterpriseId, out var e)) continue;
            if (!funding.TryGetValue(e.Id, out var unit)) funding[e.Id] = unit = await scope.FundingUnitAsync(e, ct);
            if (!await me.CoversAsync(unit.Path, ct)) continue;
            var d = RefundRules.Compute(rules, f.Year, f.FeeFen, f.SizeClass, e.SizeClass);
            if (existing.TryGetValue((e.Id, f.Year), out var r))
            {
                if (r.Status is RefundStatus.Approved or RefundStatus.Paid) continue;
                r.Recompute(d, f.FeeFen, now);
            }
            else db.Add(UnionFeeRefund.Create(policyId, e.Id, e.Name, unit.Id, d, f.FeeFen, now));
            if (d.Eligible) due++; else ineligible++;
        }
        await db.SaveChangesAsync(ct);
        return (due, ineligible);
    }
}
