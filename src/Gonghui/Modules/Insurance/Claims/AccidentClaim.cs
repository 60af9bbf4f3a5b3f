using System.Text.Json;
using Gonghui.Platform.Audit;

namespace Gonghui.Modules.Insurance.Claims;

public enum AccidentClaimStatus { Submitted = 0, Reviewed = 1, Approved = 2, Paid = 3, Rejected = 4, Reversed = 5 }

/// <summary>An accident-insurance claim: the accident, its outcome, the computed payout with its explanation, and the review state.</summary>
public sealed class AccidentClaim : IAudited
{
    /// <summary>The ledger's source type of an accident claim's entries.</summary>
    public const string SourceType = "AccidentClaim";

    private AccidentClaim() { }

    public Guid Id { get; private set; }
    public Guid SchemeId { get; private set; }
    public int Year { get; private set; }
    public Guid CoverId { get; private set; }
    public Guid MemberId { get; private set; }
    public string InsuredName { get; private set; } = "";
    public bool IsFamily { get; private set; }
    public Guid UnionId { get; private set; }
    /// <summary>The district or industry union above the member's union: its accident fund pays.</summary>
    public Guid FundingUnitId { get; private set; }
    public DateOnly AccidentOn { get; private set; }
    public string Cause { get; private set; } = "";
    public string? Description { get; private set; }
    public long MedicalFen { get; private set; }
    public int? DisabilityGrade { get; private set; }
    public bool Death { get; private set; }
    public long PayoutFen { get; private set; }
    public long PayoutMedicalFen { get; private set; }
    public long PayoutBenefitFen { get; private set; }
    public string Explanation { get; private set; } = "[]";
    public AccidentClaimStatus Status { get; private set; }
    public string? RejectReason { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    public string SubmittedBy { get; private set; } = "";
    public string? FileKey { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public string? ReviewedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }
    public Guid? CommitEntryId { get; private set; }
    public Guid? PaymentEntryId { get; private set; }
    public string? ReviewKey { get; private set; }
    public string? ApproveKey { get; private set; }
    public string? PayKey { get; private set; }
    /// <summary>Set when the payment was reversed in the ledger: the reversal entry, its reason and time.</summary>
    public Guid? ReversalEntryId { get; private set; }
    public string? ReversalReason { get; private set; }
    public DateTimeOffset? ReversedAt { get; private set; }

    public AccidentFacts Facts => new(AccidentOn, Cause, MedicalFen, DisabilityGrade, Death);

    public static AccidentClaim File(Guid schemeId, int year, Guid coverId, Guid memberId, string insuredName, bool isFamily, Guid unionId, Guid fundingUnitId,
        AccidentFacts facts, string? description, AccidentPayout preview, DateTimeOffset at, string by, string? fileKey) => new()
    {
        Id = Guid.CreateVersion7(), SchemeId = schemeId, Year = year, CoverId = coverId, MemberId = memberId, InsuredName = insuredName, IsFamily = isFamily,
        UnionId = unionId, FundingUnitId = fundingUnitId, AccidentOn = facts.AccidentOn, Cause = facts.Cause, MedicalFen = facts.MedicalFen,
        DisabilityGrade = facts.DisabilityGrade, Death = facts.Death, Description = description, PayoutFen = preview.AmountFen,
        PayoutMedicalFen = preview.MedicalFen, PayoutBenefitFen = preview.BenefitFen, Explanation = Lines.ToJson(preview.Lines),
        Status = AccidentClaimStatus.Submitted, SubmittedAt = at, SubmittedBy = by, FileKey = fileKey,
    };

    public bool IsOpen => Status is AccidentClaimStatus.Submitted or AccidentClaimStatus.Reviewed;

    public void Review(string key, string by, DateTimeOffset at)
    {
        if (Status != AccidentClaimStatus.Submitted) throw new InvalidOperationException("claim.notSubmitted");
        Status = AccidentClaimStatus.Reviewed; ReviewKey = key; ReviewedBy = by; ReviewedAt = at;
    }

    /// <summary>Approves with the payout recomputed against the person's position under the per-person lock.</summary>
    public void Approve(AccidentPayout p, Guid commitEntryId, string key, string by, DateTimeOffset at)
    {
        if (Status != AccidentClaimStatus.Reviewed) throw new InvalidOperationException("claim.notReviewed");
        if (p.AmountFen <= 0) throw new InvalidOperationException("claim.nothingToPay");
        PayoutFen = p.AmountFen; PayoutMedicalFen = p.MedicalFen; PayoutBenefitFen = p.BenefitFen; Explanation = Lines.ToJson(p.Lines);
        Status = AccidentClaimStatus.Approved; CommitEntryId = commitEntryId; ApproveKey = key; DecidedBy = by; DecidedAt = at;
    }

    public void MarkPaid(Guid paymentEntryId, string key, DateTimeOffset at)
    {
        if (Status != AccidentClaimStatus.Approved) throw new InvalidOperationException("claim.notApproved");
        Status = AccidentClaimStatus.Paid; PaymentEntryId = paymentEntryId; PayKey = key; PaidAt = at;
    }

    /// <summary>The ledger reversed this record's payment: the record is no longer paid.</summary>
    public void MarkReversed(Guid reversalEntryId, string reason, DateTimeOffset at)
    {
        if (Status != AccidentClaimStatus.Paid) throw new InvalidOperationException("payment.notPaid");
        Status = AccidentClaimStatus.Reversed; ReversalEntryId = reversalEntryId; ReversalReason = reason; ReversedAt = at;
    }

    public void Reject(string reason, string by, DateTimeOffset at)
    {
        if (!IsOpen) throw new InvalidOperationException("claim.notOpen");
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("claim.reasonRequired");
        Status = AccidentClaimStatus.Rejected; RejectReason = reason.Trim(); DecidedBy = by; DecidedAt = at;
    }

    /// <summary>The explanation lines as stored JSON.</summary>
    public static class Lines
    {
        private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
        public static string ToJson(IReadOnlyList<ExplanationLine> lines) => JsonSerializer.Serialize(lines, Options);
        public static IReadOnlyList<ExplanationLine> FromJson(string json) => JsonSerializer.Deserialize<List<ExplanationLine>>(json, Options) ?? [];
    }
}

public enum ClaimEventKind { Filed = 0, Reviewed = 1, Approved = 2, Paid = 3, Rejected = 4, Reversed = 5 }

/// <summary>One step of a claim's history, shown as its timeline.</summary>
public sealed class AccidentClaimEvent
{
    private AccidentClaimEvent() { }
    public Guid Id { get; private set; }
    public Guid ClaimId { get; private set; }
    public ClaimEventKind Kind { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Actor { get; private set; } = "";
    public string? Note { get; private set; }
    public long? AmountFen { get; private set; }

    public static AccidentClaimEvent Of(Guid claimId, ClaimEventKind kind, DateTimeOffset at, string actor, string? note = null, long? amountFen = null) =>
        new() { Id = Guid.CreateVersion7(), ClaimId = claimId, Kind = kind, At = at, Actor = actor, Note = note, AmountFen = amountFen };
}
