using Gonghui.Modules.Loans.Rules;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Loans.Applications;

/// <summary>The review page's two lists: applications to approve or reject, approved loans to disburse (oldest first).</summary>
public sealed record ReviewRows(List<Loan> Applied, List<Loan> Approved);

/// <summary>What waits for a reviewer in the caller's scope (<see cref="LoanQueries.LoansInScopeAsync"/>), for the review page.</summary>
internal sealed class ReviewQueue(LoanQueries svc)
{
    public async Task<ReviewRows> RowsAsync(int take, CancellationToken ct)
    {
        var q = (await svc.LoansInScopeAsync(ct)).AsNoTracking();
        return new(await q.Where(l => l.Status == LoanStatus.Applied).OrderBy(l => l.AppliedAt).Take(take).ToListAsync(ct),
            await q.Where(l => l.Status == LoanStatus.Approved).OrderBy(l => l.AppliedAt).Take(take).ToListAsync(ct));
    }
}
