using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.LaborRelations.Signals;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Money;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.LaborRelations.Organizing;

public sealed record GrantInput(long? AmountFen, string? Purpose);

public sealed record GrantDto(Guid Id, Guid DriveId, Guid FundUnitId, int Year, long AmountFen, string Purpose, PayableState State, string ApprovedBy,
    DateTimeOffset ApprovedAt, string? PaidBy, DateTimeOffset? PaidAt, Guid? CommitmentEntryId, Guid? PaymentEntryId, Guid? ReversalEntryId)
{
    public static GrantDto Of(DriveGrant g) => new(g.Id, g.DriveId, g.FundUnitId, g.Year, g.AmountFen, g.Purpose, g.State, g.ApprovedBy, g.ApprovedAt, g.PaidBy,
        g.PaidAt, g.CommitmentEntryId, g.PaymentEntryId, g.ReversalEntryId);
}

/// <summary>
/// The special organizing fund (组建专项经费, <see cref="FundCodes.Organizing"/>) through the ledger: a drive's grant is approved (budget
/// reserved in the fund of the drive's district union, or the federation's for a city-wide drive, for this year) and then paid — once, by
/// someone other than the approver above the four-eyes threshold. The grant row and its ledger entry are written in one transaction.
/// </summary>
public sealed class GrantHandlers(GonghuiDb db, LaborScope scope, IFundLedger ledger, ApprovedPayments payments)
{
    /// <summary>The ledger source type of an organizing-drive grant.</summary>
    public const string PaymentSource = "OrganizingGrant";

    internal static readonly PaymentKind Kind = new(FundCodes.Organizing, PaymentSource, "labor:grant", "grant", "LaborRelations");

    private async Task<OrganizingDrive?> DriveAsync(Guid id, CancellationToken ct) =>
        await db.Set<OrganizingDrive>().AsNoTracking().InScope(await scope.ScopeAsync(ct), d => d.ScopePath).FirstOrDefaultAsync(d => d.Id == id, ct);

    public async Task<IReadOnlyList<GrantDto>?> ListAsync(Guid driveId, CancellationToken ct)
    {
        if (await DriveAsync(driveId, ct) is null) return null;
        var rows = await db.Set<DriveGrant>().AsNoTracking().Where(g => g.DriveId == driveId).OrderBy(g => g.ApprovedAt).ThenBy(g => g.Id).ToListAsync(ct);
        return rows.Select(GrantDto.Of).ToList();
    }

    public async Task<Outcome<GrantDto>> ApproveAsync(Guid driveId, GrantInput input, CancellationToken ct)
    {
        var d = await DriveAsync(driveId, ct);
        if (d is null) return Outcome<GrantDto>.NotFound();
        var errors = new List<(string, string)>();
        if (input.AmountFen is not { } amount || amount < 1 || amount > Fen.MaxValue) errors.Add(("amountFen", "out-of-range"));
        var purpose = input.Purpose?.Trim() ?? "";
        if (purpose.Length == 0) errors.Add(("purpose", "required"));
        else if (purpose.Length > 500) errors.Add(("purpose", "too-long"));
        if (errors.Count > 0) return Outcome<GrantDto>.Invalid(errors);
        if (scope.Today > d.EndsOn) return Outcome<GrantDto>.Conflict("grant.driveEnded");
        var unit = await db.UnitRows().Where(u => u.Path == d.ScopePath).Select(u => u.Id).FirstAsync(ct);
        var year = scope.Today.Year;
        var g = DriveGrant.Approve(Guid.CreateVersion7(), d.Id, d.ScopePath, unit, year, input.AmountFen!.Value, purpose, scope.Me.Name, scope.Now);
        return (await payments.ApproveAsync(Kind, g, ct)).Map(GrantDto.Of);
    }

    /// <summary>Pays an approved grant through the ledger: once (the ledger key is the grant's), the four-eyes rule against its approver.</summary>
    public async Task<Outcome<GrantDto>> PayAsync(Guid grantId, CancellationToken ct)
    {
        var path = await scope.ScopeAsync(ct);
        if (!await db.Set<DriveGrant>().InScope(path, g => g.ScopePath).AnyAsync(g => g.Id == grantId, ct)) return Outcome<GrantDto>.NotFound();
        return (await payments.PayAsync<DriveGrant>(Kind, grantId, scope.Me.Name, scope.Now, ct)).Map(GrantDto.Of);
    }

    /// <summary>The ledger entries of a grant (commitment, payment, any reversal).</summary>
    public async Task<IReadOnlyList<LedgerEntryView>?> EntriesAsync(Guid grantId, CancellationToken ct)
    {
        var path = await scope.ScopeAsync(ct);
        if (!await db.Set<DriveGrant>().InScope(path, g => g.ScopePath).AnyAsync(g => g.Id == grantId, ct)) return null;
        return await ledger.EntriesForAsync(new SourceRef(PaymentSource, grantId), ct);
    }
}

/// <summary>Paid organizing-drive grants as paid records for the fund ledger's reconciliation and reversals.</summary>
internal sealed class DriveGrantPaidRecords(GonghuiDb db) : ApprovedPaymentRecords<DriveGrant>(db, GrantHandlers.Kind);
