using Gonghui.Platform.Audit;

namespace Gonghui.Modules.LaborRelations.Organizing;

public enum GrantState { Approved = 0, Paid = 1, Reversed = 2 }

/// <summary>
/// A grant of the special organizing fund (组建专项经费) to a drive: approved (reserved in the ledger), then paid by someone else above the
/// four-eyes threshold; a payment reversed in the ledger puts it into Reversed. The money moves only through the fund ledger (source
/// <see cref="GrantHandlers.PaymentSource"/>); the grant keeps the entry ids.
/// </summary>
public sealed class DriveGrant : IAudited
{
    private DriveGrant() { }

    public Guid Id { get; private set; }
    public Guid DriveId { get; private set; }
    public string ScopePath { get; private set; } = "";
    /// <summary>The unit whose organizing fund pays: the drive's district union, or the federation for a city-wide drive.</summary>
    public Guid FundUnitId { get; private set; }
    public int Year { get; private set; }
    public long AmountFen { get; private set; }
    public string Purpose { get; private set; } = "";
    public GrantState State { get; private set; }
    public string ApprovedBy { get; private set; } = "";
    public DateTimeOffset ApprovedAt { get; private set; }
    public Guid? CommitmentEntryId { get; private set; }
    public string? PaidBy { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }
    public Guid? PaymentEntryId { get; private set; }
    public Guid? ReversalEntryId { get; private set; }

    public static DriveGrant Approve(Guid id, Guid driveId, string scopePath, Guid fundUnitId, int year, long amountFen, string purpose, string by, DateTimeOffset at) => new()
    {
        Id = id, DriveId = driveId, ScopePath = scopePath, FundUnitId = fundUnitId, Year = year, AmountFen = amountFen, Purpose = purpose,
        State = GrantState.Approved, ApprovedBy = by, ApprovedAt = at,
    };

    public void Committed(Guid entryId) => CommitmentEntryId = entryId;

    public void MarkPaid(Guid entryId, string by, DateTimeOffset at)
    {
        if (State != GrantState.Approved) throw new InvalidOperationException("Only an approved grant is paid.");
        State = GrantState.Paid; PaymentEntryId = entryId; PaidBy = by; PaidAt = at;
    }

    public void MarkReversed(Guid reversalEntryId)
    {
        if (State != GrantState.Paid) return;
        State = GrantState.Reversed; ReversalEntryId = reversalEntryId;
    }
}
