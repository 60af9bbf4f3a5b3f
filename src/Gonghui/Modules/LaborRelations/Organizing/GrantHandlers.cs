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

public sealed record GrantDto(Guid Id, Guid DriveId, Guid FundUnitId, int Year, long AmountFen, string Purpose, GrantState State, string ApprovedBy,
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
public sealed class GrantHandlers(GonghuiDb db, LaborScope scope, IFundLedger ledger, IConfiguration config)
{
    /// <summary>The ledger source type of an organizing-drive grant.</summary>
    public const string PaymentSource = "OrganizingGrant";

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
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var committed = await ledger.CommitAsync(FundCodes.Organizing, unit, year, new Fen(g.AmountFen), new SourceRef(PaymentSource, g.Id), $"labor:grant:{g.Id}:commit", ct);
        if (!committed.IsOk)
            return Outcome<GrantDto>.Conflict(committed.Code == LedgerCodes.InsufficientBudget ? "grant.budgetExceeded" : "grant.ledgerRefused", null, year);
        g.Committed(committed.Value);
        db.Add(g);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<GrantDto>.Ok(GrantDto.Of(g));
    }

    /// <summary>Pays an approved grant through the ledger: once (the ledger key is the grant's), the four-eyes rule against its approver.</summary>
    public async Task<Outcome<GrantDto>> PayAsync(Guid grantId, CancellationToken ct)
    {
        var path = await scope.ScopeAsync(ct);
        if (!await db.Set<DriveGrant>().InScope(path, g => g.ScopePath).AnyAsync(g => g.Id == grantId, ct)) return Outcome<GrantDto>.NotFound();
        return await db.SerializedAsync($"labor:grant:{grantId}", async () =>
        {
            var g = await db.Set<DriveGrant>().FirstAsync(x => x.Id == grantId, ct);
            if (g.State == GrantState.Paid) return Outcome<GrantDto>.Conflict("grant.alreadyPaid");
            if (g.State == GrantState.Reversed) return Outcome<GrantDto>.Conflict("grant.reversed");
            if (!FourEyes.Allows(g.AmountFen, FourEyes.ThresholdFen(config), g.ApprovedBy, scope.Me.Name)) return Outcome<GrantDto>.Conflict(FourEyes.Code);
            var paid = await ledger.PayAsync(FundCodes.Organizing, g.FundUnitId, g.Year, new Fen(g.AmountFen), new SourceRef(PaymentSource, g.Id), $"labor:grant:{g.Id}:pay", ct);
            if (!paid.IsOk)
                return Outcome<GrantDto>.Conflict(paid.Code == LedgerCodes.InsufficientBudget ? "grant.budgetExceeded" : "grant.ledgerRefused", null, g.Year);
            g.MarkPaid(paid.Value, scope.Me.Name, scope.Now);
            await db.SaveChangesAsync(ct);
            return Outcome<GrantDto>.Ok(GrantDto.Of(g));
        }, ct);
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
internal sealed class DriveGrantPaidRecords(GonghuiDb db) : IPaidRecordSource
{
    public string SourceType => GrantHandlers.PaymentSource;
    public string Module => "LaborRelations";

    public IQueryable<PaidRecordRow> PaidRecords() =>
        db.Set<DriveGrant>().AsNoTracking().Where(g => g.State == GrantState.Paid).Select(g => new PaidRecordRow { Id = g.Id, AmountFen = g.AmountFen, Year = g.Year });

    public async Task<string?> PaymentReversedAsync(Guid recordId, Guid reversalEntryId, string reason, CancellationToken ct)
    {
        var g = await db.Set<DriveGrant>().FirstOrDefaultAsync(x => x.Id == recordId, ct);
        if (g is not { State: GrantState.Paid }) return null;
        g.MarkReversed(reversalEntryId);
        await db.SaveChangesAsync(ct);
        return null;
    }
}
