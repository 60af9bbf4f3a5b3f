using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Loans.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Money;
using Gonghui.Platform.Notifications;
using Gonghui.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.Loans.Applications;

public sealed record LoanInput(Guid? ProductId, LoanApplicant? ApplicantKind, Guid? EnterpriseId, string? CreditCode, Guid? MemberId, string? IdNumber,
    long? AmountFen, int? Months, string? Purpose, string? Guarantor, string? ContactPhone);

/// <summary>A loan's position on a day: instalments with what was applied, overdue totals, early payoff.</summary>
public sealed record LoanPosition(IReadOnlyList<InstalmentStanding> Instalments, long OverdueFen, int DaysOverdue, long PayoffFen, long OutstandingFen);

/// <summary>
/// What every loan use case starts from (the loans in the caller's scope, one found in it, today in Beijing) and the reads the
/// pages and the API share: a worker's own loans, the products, a loan's position, repayments and events.
/// </summary>
internal sealed class LoanQueries(GonghuiDb db, CurrentUser me, TimeProvider clock)
{
    public const string SourceType = LoansModule.SourceType;
    public DateOnly Today => BeijingTime.Today(clock);

    public async Task<IQueryable<Loan>> LoansInScopeAsync(CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var units = db.UnitRows().InScope(scope, u => u.Path).Select(u => u.Id);
        return db.Set<Loan>().Where(l => units.Contains(l.UnitId));
    }

    /// <summary>The report's drill-down filters of the loan list, checked (a unit out of the caller's scope is an error naming <c>unit</c>).</summary>
    public async Task<DrillFilter?> DrillAsync(DateOnly? from, DateOnly? to, Guid? unit, Api.Errors errors, CancellationToken ct) =>
        await DrillFilter.ForCallerAsync(db, me, from, to, unit, errors, ct);

    /// <summary>
    /// The report's drill-down (issue 19) on the loans: with a period, the loans disbursed in it (status Disbursed or Repaid, disbursement date in
    /// the period, as the loans figures count them); with a unit, those of applicants whose union lies in its subtree.
    /// </summary>
    public IQueryable<Loan> Drill(IQueryable<Loan> query, DrillFilter drill)
    {
        if (drill.From is not null || drill.To is not null) query = query.Where(l => l.Status == LoanStatus.Disbursed || l.Status == LoanStatus.Repaid);
        if (drill.From is { } from) query = query.Where(l => l.DisbursedOn >= from);
        if (drill.To is { } to) query = query.Where(l => l.DisbursedOn < to);
        if (drill.UnitPath is { } path)
        {
            var units = db.UnitRows().InScope(path, u => u.Path).Select(u => u.Id);
            query = query.Where(l => units.Contains(l.UnitId));
        }
        return query;
    }

    public async Task<Loan?> FindAsync(Guid id, bool track, CancellationToken ct)
    {
        var q = (await LoansInScopeAsync(ct)).Where(l => l.Id == id);
        return await (track ? q : q.AsNoTracking()).FirstOrDefaultAsync(ct);
    }

    /// <summary>A worker's own loans (as the borrowing member), newest first; none for a caller without a member.</summary>
    public Task<List<Loan>> MyLoansAsync(CancellationToken ct)
    {
        var member = me.MemberId;
        if (member is null || !me.IsInRole(Roles.Worker)) return Task.FromResult(new List<Loan>());
        return db.Set<Loan>().AsNoTracking().Where(l => l.MemberId == member).OrderByDescending(l => l.AppliedAt).ToListAsync(ct);
    }

    public Task<List<LoanProductRecord>> ProductsAsync(CancellationToken ct) =>
        db.Set<LoanProductRecord>().AsNoTracking().Where(p => p.Active).OrderBy(p => p.ApplicantKind).ThenBy(p => p.Code).ToListAsync(ct);

    /// <summary>Position on a day: only repayments made on or before the day count.</summary>
    public static LoanPosition Position(Loan l, IReadOnlyCollection<LoanRepayment> repayments, DateOnly asOf)
    {
        var schedule = l.Schedule();
        var repaid = repayments.Where(r => r.On <= asOf).Sum(r => r.AmountFen);
        var standing = LoanRules.Standing(schedule, repaid, asOf);
        var active = l.Status == LoanStatus.Disbursed;
        var overdue = active ? standing.Where(s => s.State == InstalmentState.Overdue).ToList() : [];
        return new(standing, overdue.Sum(s => s.OutstandingFen), overdue.Count == 0 ? 0 : overdue.Max(s => s.DaysOverdue),
            active ? LoanRules.EarlyPayoff(schedule, repaid, asOf) : 0, active ? standing.Sum(s => s.OutstandingFen) : 0);
    }

    public Task<List<LoanRepayment>> RepaymentsAsync(Guid loanId, CancellationToken ct) =>
        db.Set<LoanRepayment>().AsNoTracking().Where(r => r.LoanId == loanId).OrderBy(r => r.On).ThenBy(r => r.Id).ToListAsync(ct);

    public Task<List<LoanRepayment>> RepaymentsOfAsync(IReadOnlyCollection<Guid> loanIds, CancellationToken ct) =>
        db.Set<LoanRepayment>().AsNoTracking().Where(r => loanIds.Contains(r.LoanId)).ToListAsync(ct);

    public Task<List<LoanEvent>> EventsAsync(Guid loanId, CancellationToken ct) =>
        db.Set<LoanEvent>().AsNoTracking().Where(e => e.LoanId == loanId).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
}
