using Gonghui.Modules.Funds.Public;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Insurance.Claims;

/// <summary>Accident claims as paid records for the fund ledger: reconciliation and reversal of a payout (a step on the claim's timeline).</summary>
internal sealed class ClaimPaidRecords(GonghuiDb db, TimeProvider clock) : IPaidRecordSource
{
    public string SourceType => AccidentClaim.SourceType;
    public string Module => "Insurance";

    public IQueryable<PaidRecordRow> PaidRecords() =>
        db.Set<AccidentClaim>().AsNoTracking().Where(c => c.Status == AccidentClaimStatus.Paid)
            .Select(c => new PaidRecordRow { Id = c.Id, AmountFen = c.PayoutFen, Year = c.Year });

    public async Task<string?> PaymentReversedAsync(Guid recordId, Guid reversalEntryId, string reason, CancellationToken ct)
    {
        var claim = await db.Set<AccidentClaim>().FirstOrDefaultAsync(c => c.Id == recordId, ct);
        if (claim is not { Status: AccidentClaimStatus.Paid }) return null;
        var at = clock.GetUtcNow();
        claim.MarkReversed(reversalEntryId, reason, at);
        db.Add(AccidentClaimEvent.Of(claim.Id, ClaimEventKind.Reversed, at, db.Actor.Name, reason, claim.PayoutFen));
        await db.SaveChangesAsync(ct);
        return null;
    }
}
