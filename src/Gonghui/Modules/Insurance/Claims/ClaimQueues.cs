using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Insurance.Claims;

/// <summary>One stage of the claims queue: its oldest claims and how many wait in it.</summary>
public sealed record ClaimQueueStage(List<AccidentClaim> Claims, int Total);

/// <summary>
/// The claim lists the pages show, read through the same scope as the API (<see cref="InsuranceScope.ClaimsVisibleAsync"/>):
/// the reviewer's queue by stage, oldest first (a queue is worked in the order claims arrived), and a worker's own claims.
/// </summary>
internal sealed class ClaimQueues(InsuranceScope svc)
{
    public async Task<ClaimQueueStage> StageAsync(AccidentClaimStatus status, int take, CancellationToken ct)
    {
        var q = (await svc.ClaimsVisibleAsync(ct)).AsNoTracking().Where(c => c.Status == status);
        return new(await q.OrderBy(c => c.SubmittedAt).ThenBy(c => c.Id).Take(take).ToListAsync(ct), await q.CountAsync(ct));
    }

    /// <summary>A worker's claims (filed for them or their covered family), newest first.</summary>
    public async Task<List<AccidentClaim>> MineAsync(int take, CancellationToken ct) =>
        await (await svc.ClaimsVisibleAsync(ct)).AsNoTracking().OrderByDescending(c => c.SubmittedAt).Take(take).ToListAsync(ct);
}
