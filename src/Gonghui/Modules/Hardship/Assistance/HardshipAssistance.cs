using Gonghui.Modules.Hardship.Rules;
using Gonghui.Platform.Audit;

namespace Gonghui.Modules.Hardship.Assistance;

public enum AssistanceStatus { Approved = 1, Paid = 2, Cancelled = 3, Reversed = 4 }

/// <summary>A piece of assistance to a household: type, amount in fen, date, fund, who handed it over; paid through the fund ledger once.</summary>
public sealed class HardshipAssistance : IAudited
{
    private HardshipAssistance() { }
    public Guid Id { get; private set; }
    public Guid FileId { get; private set; }
    public AssistanceType Type { get; private set; }
    public long AmountFen { get; private set; }
    public DateOnly On { get; private set; }
    public int Year { get; private set; }
    public string Fund { get; private set; } = "";
    public Guid? ChildMemberId { get; private set; }
    public string? Goods { get; private set; }
    public string HandedOverBy { get; private set; } = "";
    public string? Note { get; private set; }
    public AssistanceStatus Status { get; private set; }
    public string? IdempotencyKey { get; private set; }
    public Guid? ApplicationId { get; private set; }
    public Guid? LedgerEntryId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset? PaidAt { get; private set; }
    /// <summary>Set when the payment was reversed in the ledger: the reversal entry, its reason and time.</summary>
    public Guid? ReversalEntryId { get; private set; }
    public string? ReversalReason { get; private set; }
    public DateTimeOffset? ReversedAt { get; private set; }

    public string? ChildKey => ChildMemberId?.ToString("N");

    public static HardshipAssistance Approve(Guid fileId, AssistanceType type, long amount, DateOnly on, string fund, Guid? child, string? goods,
        string handedOverBy, string? note, string? idempotencyKey, Guid? applicationId, string by, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(), FileId = fileId, Type = type, AmountFen = amount, On = on, Year = on.Year, Fund = fund, ChildMemberId = child,
            Goods = goods, HandedOverBy = handedOverBy, Note = note, Status = AssistanceStatus.Approved, IdempotencyKey = idempotencyKey,
            ApplicationId = applicationId, CreatedAt = now, CreatedBy = by,
        };

    public void MarkPaid(Guid? ledgerEntry, DateTimeOffset now)
    {
        if (Status == AssistanceStatus.Paid) return;
        Status = AssistanceStatus.Paid;
        LedgerEntryId = ledgerEntry;
        PaidAt = now;
    }

    /// <summary>The ledger reversed this record's payment: the record is no longer paid.</summary>
    public void MarkReversed(Guid reversalEntryId, string reason, DateTimeOffset at)
    {
        if (Status != AssistanceStatus.Paid) throw new InvalidOperationException("payment.notPaid");
        Status = AssistanceStatus.Reversed; ReversalEntryId = reversalEntryId; ReversalReason = reason; ReversedAt = at;
    }
}
