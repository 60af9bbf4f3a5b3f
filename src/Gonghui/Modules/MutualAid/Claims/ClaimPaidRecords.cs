using Gonghui.Modules.Funds.Public;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.MutualAid.Claims;

/// <summary>Mutual-aid claims as paid records for the fund ledger: reconciliation and reversal of a payout.</summary>
internal sealed class ClaimPaidRecords(GonghuiDb db, TimeProvider clock) : IPaidRecordSource
{
    public string SourceType => ClaimScope.SourceType;
    public string Module => "MutualAid";

    public IQueryable<PaidRecordRow> PaidRecords() =>
        db.Set<MutualAidClaim>().AsNoTracking().Where(c => c.Status == ClaimStatus.Paid)
            .Select(c => new PaidRecordRow { Id = c.Id, AmountFen = c.PayoutFen, Year = c.Year });

    public async Task<string?> PaymentReversedAsync(Guid recordId, Guid reversalEntryId, string reason, CancellationToken ct)
    {
        var claim = await db.Set<MutualAidClaim>().FirstOrDefaultAsync(c => c.Id == recordId, ct);
        if (claim is not { Status: ClaimStatus.Paid }) return null;
        claim.MarkReversed(reversalEntryId, reason, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        // In the ledger's transaction (the reversal, the claim and the report's roll-up commit together).
        await PaidRollup.ApplyAsync(db, [PaidChange.Reversed(claim)], ct);
        return null;
    }
}
