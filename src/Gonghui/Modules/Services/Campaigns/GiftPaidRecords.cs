using Gonghui.Modules.Funds.Public;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Services.Campaigns;

/// <summary>Money gifts of campaigns, as paid records for the ledger's reconciliation and reversals.</summary>
internal sealed class GiftPaidRecords(GonghuiDb db) : IPaidRecordSource
{
    public string SourceType => CampaignHandlers.GiftSource;
    public string Module => "Services";

    public IQueryable<PaidRecordRow> PaidRecords() =>
        db.Set<CampaignRecipient>().AsNoTracking().Where(r => r.PaidEntryId != null)
            .Join(db.Set<ServiceCampaign>(), r => r.CampaignId, c => c.Id, (r, c) => new PaidRecordRow { Id = r.Id, AmountFen = r.GiftFen, Year = c.Year });

    public async Task<string?> PaymentReversedAsync(Guid recordId, Guid reversalEntryId, string reason, CancellationToken ct)
    {
        var r = await db.Set<CampaignRecipient>().FirstOrDefaultAsync(x => x.Id == recordId, ct);
        if (r?.PaidEntryId is null) return null;
        r.PaymentReversed();
        await db.SaveChangesAsync(ct);
        return null;
    }
}
