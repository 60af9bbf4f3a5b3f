using Gonghui.Platform.Audit;

namespace Gonghui.Modules.MutualAid.Claims;

public enum ClaimStatus { Submitted = 0, Approved = 1, Paid = 2, Rejected = 3, Reversed = 4 }

/// <summary>A mutual-aid claim with its hospital bill, computed payout and review state.</summary>
public sealed class MutualAidClaim : IAudited
{
    private MutualAidClaim() { }

    public Guid Id { get; private set; }
    public Guid PlanId { get; private set; }
    public int Year { get; private set; }
    public Guid MemberId { get; private set; }
    public string MemberName { get; private set; } = "";
    public Guid UnionId { get; private set; }
    /// <summary>The unit whose mutual-aid fund pays: the district or industry union above the member's union.</summary>
    public Guid FundingUnitId { get; private set; }
    public DateOnly AdmittedOn { get; private set; }
    public string Hospital { get; private set; } = "";
    public string? Diagnosis { get; private set; }
    public long TotalFen { get; private set; }
    public long InsuranceCoveredFen { get; private set; }
    public long SelfPaidFen { get; private set; }
    public long PayoutFen { get; private set; }
    /// <summary>
    /// What the member had been granted in the plan year when <see cref="PayoutFen"/> was computed. Plans are immutable, so the
    /// plan's rules, the bill and this give back the payout and its explanation (<see cref="Explain"/>): no per-claim text is stored.
    /// </summary>
    public long GrantedBeforeFen { get; private set; }
    public ClaimStatus Status { get; private set; }
    public string? RejectReason { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    public string SubmittedBy { get; private set; } = "";
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }
    public Guid? CommitEntryId { get; private set; }
    public Guid? PaymentEntryId { get; private set; }
    public string? ApproveKey { get; private set; }
    public string? PayKey { get; private set; }
    /// <summary>Set when the payment was reversed in the ledger: the reversal entry, its reason and time.</summary>
    public Guid? ReversalEntryId { get; private set; }
    public string? ReversalReason { get; private set; }
    public DateTimeOffset? ReversedAt { get; private set; }
    /// <summary>Set for claims taken in by a bulk import; one row of one file.</summary>
    public string? ImportRef { get; private set; }

    public static MutualAidClaim File(Guid planId, int year, Guid memberId, string memberName, Guid unionId, Guid fundingUnitId, DateOnly admittedOn,
        string hospital, string? diagnosis, Bill bill, long grantedBeforeFen, Payout preview, DateTimeOffset at, string by, string? importRef = null) => new()
    {
        Id = Guid.CreateVersion7(), PlanId = planId, Year = year, MemberId = memberId, MemberName = memberName, UnionId = unionId, FundingUnitId = fundingUnitId,
        AdmittedOn = admittedOn, Hospital = hospital, Diagnosis = diagnosis, TotalFen = bill.TotalFen, InsuranceCoveredFen = bill.InsuranceCoveredFen,
        SelfPaidFen = bill.SelfPaidFen, PayoutFen = preview.AmountFen, GrantedBeforeFen = grantedBeforeFen,
        Status = ClaimStatus.Submitted, SubmittedAt = at, SubmittedBy = by, ImportRef = importRef,
    };

    public Bill Bill => new(TotalFen, InsuranceCoveredFen, SelfPaidFen);

    /// <summary>Recomputes the payout before a decision (the member's year-to-date may have changed since filing).</summary>
    public void Recompute(Payout p, long grantedBeforeFen)
    {
        if (Status != ClaimStatus.Submitted) throw new InvalidOperationException("claim.notSubmitted");
        PayoutFen = p.AmountFen;
        GrantedBeforeFen = grantedBeforeFen;
    }

    /// <summary>The payout with its explanation lines, recomputed from the plan's rules; its amount is <see cref="PayoutFen"/>.</summary>
    public Payout Explain(PlanRules rules) => PayoutRules.Compute(rules, Bill, GrantedBeforeFen);

    public void Approve(Guid commitEntryId, string key, string by, DateTimeOffset at)
    {
        if (Status != ClaimStatus.Submitted) throw new InvalidOperationException("claim.notSubmitted");
        if (PayoutFen <= 0) throw new InvalidOperationException("claim.nothingToPay");
        Status = ClaimStatus.Approved; CommitEntryId = commitEntryId; ApproveKey = key; DecidedBy = by; DecidedAt = at;
    }

    public void MarkPaid(Guid paymentEntryId, string key, DateTimeOffset at)
    {
        if (Status != ClaimStatus.Approved) throw new InvalidOperationException("claim.notApproved");
        Status = ClaimStatus.Paid; PaymentEntryId = paymentEntryId; PayKey = key; PaidAt = at;
    }

    /// <summary>The ledger reversed this record's payment: the record is no longer paid.</summary>
    public void MarkReversed(Guid reversalEntryId, string reason, DateTimeOffset at)
    {
        if (Status != ClaimStatus.Paid) throw new InvalidOperationException("payment.notPaid");
        Status = ClaimStatus.Reversed; ReversalEntryId = reversalEntryId; ReversalReason = reason; ReversedAt = at;
    }

    public void Reject(string reason, string by, DateTimeOffset at)
    {
        if (Status != ClaimStatus.Submitted) throw new InvalidOperationException("claim.notSubmitted");
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("claim.reasonRequired");
        Status = ClaimStatus.Rejected; RejectReason = reason.Trim(); DecidedBy = by; DecidedAt = at;
    }
}
