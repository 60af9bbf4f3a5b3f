using Gonghui.Platform.Audit;

namespace Gonghui.Modules.Legal.Fees;

public enum FeeState { Approved = 0, Paid = 1, Reversed = 2 }

/// <summary>
/// A legal-aid fee (法律援助律师费): what the union pays a roster lawyer for a case. Approved (reserved in the legal-aid fund of the case's
/// district union), then paid — by someone other than the approver above the four-eyes threshold; a payment reversed in the ledger puts it
/// into Reversed. The money moves only through the fund ledger (source <see cref="FeeHandlers.PaymentSource"/>).
/// </summary>
public sealed class LegalAidFee : IAudited
{
    private LegalAidFee() { }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public string ScopePath { get; private set; } = "";
    /// <summary>The roster entry paid (the lawyer who took the case).</summary>
    public Guid LawyerId { get; private set; }
    /// <summary>The unit whose legal-aid fund pays: the case's district (or industry) union, or the federation.</summary>
    public Guid FundUnitId { get; private set; }
    public int Year { get; private set; }
    public long AmountFen { get; private set; }
    public string? Note { get; private set; }
    public FeeState State { get; private set; }
    public string ApprovedBy { get; private set; } = "";
    public DateTimeOffset ApprovedAt { get; private set; }
    public Guid? CommitmentEntryId { get; private set; }
    public string? PaidBy { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }
    public Guid? PaymentEntryId { get; private set; }
    public Guid? ReversalEntryId { get; private set; }

    public static LegalAidFee Approve(Guid id, Guid caseId, string scopePath, Guid lawyerId, Guid fundUnitId, int year, long amountFen, string? note, string by,
        DateTimeOffset at) => new()
    {
        Id = id, CaseId = caseId, ScopePath = scopePath, LawyerId = lawyerId, FundUnitId = fundUnitId, Year = year, AmountFen = amountFen, Note = note,
        State = FeeState.Approved, ApprovedBy = by, ApprovedAt = at,
    };

    public void Committed(Guid entryId) => CommitmentEntryId = entryId;

    public void MarkPaid(Guid entryId, string by, DateTimeOffset at)
    {
        if (State != FeeState.Approved) throw new InvalidOperationException("Only an approved fee is paid.");
        State = FeeState.Paid; PaymentEntryId = entryId; PaidBy = by; PaidAt = at;
    }

    public void MarkReversed(Guid reversalEntryId)
    {
        if (State != FeeState.Paid) return;
        State = FeeState.Reversed; ReversalEntryId = reversalEntryId;
    }
}
