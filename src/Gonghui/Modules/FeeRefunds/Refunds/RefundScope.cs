using Gonghui.Modules.FeeRefunds.Rules;
using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Importing;
using Gonghui.Platform.Money;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Http;
using Gonghui.Platform.Scope;

namespace Gonghui.Modules.FeeRefunds.Refunds;

/// <summary>One refund's outcome in a batch; <see cref="Code"/> is the stable error code (e.g. payment.secondApproverRequired), <see cref="Message"/> its text.</summary>
public sealed record BatchItemResult(Guid Id, string Outcome, string? Message, string? Code = null);

/// <summary>
/// What every fee-refund use case starts from: the unit whose fund pays a firm, the refunds and firms in the caller's scope
/// (scoped by the firm's district), a firm's fee records and refunds, the funding units for the batch page.
/// </summary>
internal sealed class RefundScope(GonghuiDb db, CurrentUser me)
{
    public const string SourceType = "UnionFeeRefund";

    /// <summary>The unit whose fee-refund fund pays a firm: the district union of its grassroots union, else of its registered district, else the federation.</summary>
    public async Task<UnitRow> FundingUnitAsync(EnterpriseRow e, CancellationToken ct)
    {
        if (e.GrassrootsUnionId is { } u)
        {
            var path = await db.UnitRows().Where(x => x.Id == u).Select(x => x.Path).FirstOrDefaultAsync(ct);
            if (path is not null)
            {
                var top = RegistryQueries.FundingPathOf(path);
                var unit = await db.UnitRows().FirstOrDefaultAsync(x => x.Path == top, ct);
                if (unit is not null) return unit;
            }
        }
        return await db.UnitRows().Where(x => x.Depth == 1 && x.DistrictCode == e.DistrictCode).FirstOrDefaultAsync(ct)
               ?? await db.UnitRows().FirstAsync(x => x.Depth == 0, ct);
    }

    public async Task<IQueryable<UnionFeeRefund>> RefundsInScopeAsync(CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var units = db.UnitRows().InScope(scope, u => u.Path).Select(u => u.Id);
        return db.Set<UnionFeeRefund>().Where(r => units.Contains(r.FundingUnitId));
    }

    /// <summary>The report's drill-down filters of the refund list, checked (a unit out of the caller's scope is an error naming <c>unit</c>).</summary>
    public async Task<DrillFilter?> DrillAsync(DateOnly? from, DateOnly? to, Guid? unit, Api.Errors errors, CancellationToken ct) =>
        await DrillFilter.ForCallerAsync(db, me, from, to, unit, errors, ct);

    /// <summary>
    /// The report's drill-down (issue 19) on the refunds: with a period, those paid in it (status Paid, payment time in the period, as
    /// feerefunds.amount counts them); with a unit, those funded by a union in its subtree.
    /// </summary>
    public IQueryable<UnionFeeRefund> Drill(IQueryable<UnionFeeRefund> query, DrillFilter drill)
    {
        if (drill.From is not null || drill.To is not null) query = query.Where(r => r.Status == RefundStatus.Paid);
        if (drill.FromUtc is { } from) query = query.Where(r => r.PaidAt >= from);
        if (drill.ToUtc is { } to) query = query.Where(r => r.PaidAt < to);
        if (drill.UnitPath is { } path)
        {
            var units = db.UnitRows().InScope(path, u => u.Path).Select(u => u.Id);
            query = query.Where(r => units.Contains(r.FundingUnitId));
        }
        return query;
    }

    public async Task<bool> EnterpriseInScopeAsync(EnterpriseRow e, CancellationToken ct) => await me.CoversAsync((await FundingUnitAsync(e, ct)).Path, ct);

    /// <summary>A firm with its fee records and refunds, oldest year first; null when unknown or its funding unit is outside the caller's subtree.</summary>
    public async Task<(EnterpriseRow Firm, List<FeeRecord> Fees, List<UnionFeeRefund> Refunds)?> FirmAsync(Guid enterpriseId, CancellationToken ct)
    {
        var e = await db.EnterpriseRows().FirstOrDefaultAsync(x => x.Id == enterpriseId, ct);
        if (e is null || !await EnterpriseInScopeAsync(e, ct)) return null;
        var fees = await db.Set<FeeRecord>().AsNoTracking().Where(f => f.EnterpriseId == e.Id).OrderBy(f => f.Year).ToListAsync(ct);
        var refunds = await db.Set<UnionFeeRefund>().AsNoTracking().Where(r => r.EnterpriseId == e.Id).OrderBy(r => r.Year).ToListAsync(ct);
        return (e, fees, refunds);
    }

    /// <summary>The units that fund refunds within the caller's subtree (federation and districts), for the batch page's filter.</summary>
    public async Task<List<UnitRow>> FundingUnitsInScopeAsync(CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        return await db.UnitRows().InScope(scope, u => u.Path).Where(u => u.Depth <= 1 && u.Kind != OrgUnitKind.ServiceUnit)
            .OrderBy(u => u.Depth).ThenBy(u => u.Path).ToListAsync(ct);
    }

    /// <summary>Whether a refund policy exists.</summary>
    public Task<bool> PolicyExistsAsync(Guid id, CancellationToken ct) => db.Set<RefundPolicy>().AnyAsync(p => p.Id == id, ct);
}
