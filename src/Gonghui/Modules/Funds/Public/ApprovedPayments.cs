using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Money;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Funds.Public;

public enum PayableState { Approved = 0, Paid = 1, Reversed = 2 }

/// <summary>
/// A payment a module approves and then pays through the fund ledger (an organizing-drive grant, a legal-aid fee): approved
/// (the amount reserved in one unit's fund for the year), then paid once — by someone other than the approver above the
/// four-eyes threshold; a payment reversed in the ledger puts it into Reversed. The record keeps its ledger entry ids. A
/// module's record derives from this and adds what it is for (the drive, the case and its lawyer); its table keeps these columns.
/// </summary>
public abstract class ApprovedPayment : IAudited
{
    public Guid Id { get; protected set; }
    public string ScopePath { get; protected set; } = "";
    /// <summary>The unit whose fund pays.</summary>
    public Guid FundUnitId { get; protected set; }
    public int Year { get; protected set; }
    public long AmountFen { get; protected set; }
    public PayableState State { get; protected set; }
    public string ApprovedBy { get; protected set; } = "";
    public DateTimeOffset ApprovedAt { get; protected set; }
    public Guid? CommitmentEntryId { get; protected set; }
    public string? PaidBy { get; protected set; }
    public DateTimeOffset? PaidAt { get; protected set; }
    public Guid? PaymentEntryId { get; protected set; }
    public Guid? ReversalEntryId { get; protected set; }

    protected void Approve(Guid id, string scopePath, Guid fundUnitId, int year, long amountFen, string by, DateTimeOffset at)
    {
        Id = id; ScopePath = scopePath; FundUnitId = fundUnitId; Year = year; AmountFen = amountFen;
        State = PayableState.Approved; ApprovedBy = by; ApprovedAt = at;
    }

    public void Committed(Guid entryId) => CommitmentEntryId = entryId;

    public void MarkPaid(Guid entryId, string by, DateTimeOffset at)
    {
        if (State != PayableState.Approved) throw new InvalidOperationException("Only an approved payment is paid.");
        State = PayableState.Paid; PaymentEntryId = entryId; PaidBy = by; PaidAt = at;
    }

    public void MarkReversed(Guid reversalEntryId)
    {
        if (State != PayableState.Paid) return;
        State = PayableState.Reversed; ReversalEntryId = reversalEntryId;
    }
}

/// <summary>
/// What kind of approved payment: the fund it is paid from, its ledger source type, the prefix of its ledger keys and of its
/// conflict codes (<c>{code}.budgetExceeded</c>, <c>.ledgerRefused</c>, <c>.alreadyPaid</c>, <c>.reversed</c>), and its module.
/// </summary>
public sealed record PaymentKind(string FundCode, string SourceType, string KeyPrefix, string CodePrefix, string Module);

/// <summary>
/// The two steps of an <see cref="ApprovedPayment"/> through the ledger, one way for every module: approve (reserve the budget
/// and write the record in one transaction) and pay (once, under the record's keyed lock, four eyes against the approver).
/// The module's handler checks its own input and scope first and maps the record to its view.
/// </summary>
public sealed class ApprovedPayments(GonghuiDb db, IFundLedger ledger, IConfiguration config)
{
    /// <summary>Reserves <paramref name="record"/>'s amount in its unit's fund and writes the record, both or neither.</summary>
    public async Task<Outcome<T>> ApproveAsync<T>(PaymentKind kind, T record, CancellationToken ct) where T : ApprovedPayment
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var committed = await ledger.CommitAsync(kind.FundCode, record.FundUnitId, record.Year, new Fen(record.AmountFen),
            new SourceRef(kind.SourceType, record.Id), $"{kind.KeyPrefix}:{record.Id}:commit", ct);
        if (!committed.IsOk) return Refused<T>(kind, committed.Code, record.Year);
        record.Committed(committed.Value);
        db.Add(record);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<T>.Ok(record);
    }

    /// <summary>
    /// Pays the approved record <paramref name="id"/> (the caller has checked it is in scope): once (the ledger key is the
    /// record's), refused when already paid or reversed, or when the four-eyes rule forbids <paramref name="by"/>.
    /// </summary>
    public Task<Outcome<T>> PayAsync<T>(PaymentKind kind, Guid id, string by, DateTimeOffset at, CancellationToken ct) where T : ApprovedPayment =>
        db.SerializedAsync($"{kind.KeyPrefix}:{id}", async () =>
        {
            var r = await db.Set<T>().FirstAsync(x => x.Id == id, ct);
            if (r.State == PayableState.Paid) return Outcome<T>.Conflict($"{kind.CodePrefix}.alreadyPaid");
            if (r.State == PayableState.Reversed) return Outcome<T>.Conflict($"{kind.CodePrefix}.reversed");
            if (!FourEyes.Allows(r.AmountFen, FourEyes.ThresholdFen(config), r.ApprovedBy, by)) return Outcome<T>.Conflict(FourEyes.Code);
            var paid = await ledger.PayAsync(kind.FundCode, r.FundUnitId, r.Year, new Fen(r.AmountFen), new SourceRef(kind.SourceType, r.Id),
                $"{kind.KeyPrefix}:{r.Id}:pay", ct);
            if (!paid.IsOk) return Refused<T>(kind, paid.Code, r.Year);
            r.MarkPaid(paid.Value, by, at);
            await db.SaveChangesAsync(ct);
            return Outcome<T>.Ok(r);
        }, ct);

    private static Outcome<T> Refused<T>(PaymentKind kind, string? ledgerCode, int year) =>
        Outcome<T>.Conflict(ledgerCode == LedgerCodes.InsufficientBudget ? $"{kind.CodePrefix}.budgetExceeded" : $"{kind.CodePrefix}.ledgerRefused", null, year);
}

/// <summary>Paid records of one kind of <see cref="ApprovedPayment"/>, for the ledger's reconciliation and reversals.</summary>
public abstract class ApprovedPaymentRecords<T>(GonghuiDb db, PaymentKind kind) : IPaidRecordSource where T : ApprovedPayment
{
    public string SourceType => kind.SourceType;
    public string Module => kind.Module;

    public IQueryable<PaidRecordRow> PaidRecords() =>
        db.Set<T>().AsNoTracking().Where(r => r.State == PayableState.Paid).Select(r => new PaidRecordRow { Id = r.Id, AmountFen = r.AmountFen, Year = r.Year });

    public async Task<string?> PaymentReversedAsync(Guid recordId, Guid reversalEntryId, string reason, CancellationToken ct)
    {
        var r = await db.Set<T>().FirstOrDefaultAsync(x => x.Id == recordId, ct);
        if (r is not { State: PayableState.Paid }) return null;
        r.MarkReversed(reversalEntryId);
        await db.SaveChangesAsync(ct);
        return null;
    }
}
