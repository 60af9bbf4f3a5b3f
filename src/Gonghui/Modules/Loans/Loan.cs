using Gonghui.Modules.Loans.Rules;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Notifications;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.Loans;

public enum LoanApplicant { SmallFirm = 0, WorkerEntrepreneur = 1 }
public enum LoanStatus { Applied = 0, Approved = 1, Rejected = 2, Disbursed = 3, Repaid = 4, Reversed = 5 }

/// <summary>A loan product (贷款产品) as data: who may apply, limits, term, interest, purposes, guarantor.</summary>
public sealed class LoanProductRecord : IAudited
{
    private LoanProductRecord() { }
    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public LoanApplicant ApplicantKind { get; private set; }
    public long MinAmountFen { get; private set; }
    public long MaxAmountFen { get; private set; }
    public int MinMonths { get; private set; }
    public int MaxMonths { get; private set; }
    public int AnnualRateBp { get; private set; }
    public bool GuarantorRequired { get; private set; }
    /// <summary>Allowed purposes, separated by ';'.</summary>
    public string Purposes { get; private set; } = "";
    public bool Active { get; private set; }

    public static readonly Guid SmallFirmId = new("0193a000-0000-7000-8000-000000000001");
    public static readonly Guid WorkerId = new("0193a000-0000-7000-8000-000000000002");

    public static LoanProductRecord Create(string code, string name, LoanApplicant kind, long minFen, long maxFen, int minMonths, int maxMonths, int rateBp, bool guarantor, IEnumerable<string> purposes) => new()
    {
        Id = Guid.CreateVersion7(), Code = code, Name = name, ApplicantKind = kind, MinAmountFen = minFen, MaxAmountFen = maxFen, MinMonths = minMonths, MaxMonths = maxMonths,
        AnnualRateBp = rateBp, GuarantorRequired = guarantor, Purposes = string.Join(';', purposes), Active = true,
    };

    public IReadOnlyList<string> PurposeList() => Purposes.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    public LoanProduct Rules() => new(MaxAmountFen, MaxMonths, AnnualRateBp, PurposeList(), MinAmountFen, MinMonths, GuarantorRequired);
}

/// <summary>A start-up micro-loan from application to full repayment.</summary>
public sealed class Loan : IAudited
{
    private Loan() { }
    public Guid Id { get; private set; }
    public Guid? ProductId { get; private set; }
    public LoanApplicant ApplicantKind { get; private set; }
    public string ApplicantName { get; private set; } = "";
    public Guid? EnterpriseId { get; private set; }
    public Guid? MemberId { get; private set; }
    /// <summary>The unit the applicant belongs to (grassroots union, else district): decides who sees the loan.</summary>
    public Guid UnitId { get; private set; }
    /// <summary>The district or industry union whose loan fund lends the money.</summary>
    public Guid FundingUnitId { get; private set; }
    public long AmountFen { get; private set; }
    public int Months { get; private set; }
    public int AnnualRateBp { get; private set; }
    public string Purpose { get; private set; } = "";
    public string Guarantor { get; private set; } = "";
    public string? ContactCipher { get; private set; }
    public string? ContactMasked { get; private set; }
    public LoanStatus Status { get; private set; }
    public string? RejectReason { get; private set; }
    public DateTimeOffset AppliedAt { get; private set; }
    public int? FundYear { get; private set; }
    public DateOnly? DisbursedOn { get; private set; }
    public long RepaidFen { get; private set; }
    public DateOnly? RepaidOn { get; private set; }
    public Guid? CommitEntryId { get; private set; }
    public Guid? PaymentEntryId { get; private set; }
    /// <summary>Set when the payment was reversed in the ledger: the reversal entry, its reason and time.</summary>
    public Guid? ReversalEntryId { get; private set; }
    public string? ReversalReason { get; private set; }
    public DateTimeOffset? ReversedAt { get; private set; }
    /// <summary>Bumped by every change (optimistic concurrency): of two simultaneous changes one wins, the other is told.</summary>
    public int Version { get; private set; }

    public static Loan Apply(Guid? productId, LoanApplicant kind, string name, Guid? enterpriseId, Guid? memberId, Guid unitId, Guid fundingUnitId, long amount, int months, int rateBp,
        string purpose, string guarantor, string? contactCipher, string? contactMasked, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(), ProductId = productId, ApplicantKind = kind, ApplicantName = name, EnterpriseId = enterpriseId, MemberId = memberId, UnitId = unitId,
        FundingUnitId = fundingUnitId, AmountFen = amount, Months = months, AnnualRateBp = rateBp, Purpose = purpose, Guarantor = guarantor,
        ContactCipher = contactCipher, ContactMasked = contactMasked, Status = LoanStatus.Applied, AppliedAt = at,
    };

    /// <summary>The schedule: from the disbursement date once disbursed, else as it would be if disbursed on the application day.</summary>
    public IReadOnlyList<Instalment> Schedule() =>
        LoanRules.ScheduleFrom(AmountFen, Months, AnnualRateBp, DisbursedOn ?? BeijingTime.DateOf(AppliedAt));

    public void Approve(Guid entry, int fundYear) { Require(LoanStatus.Applied); Status = LoanStatus.Approved; CommitEntryId = entry; FundYear = fundYear; Version++; }
    public void Reject(string reason) { Require(LoanStatus.Applied); Status = LoanStatus.Rejected; RejectReason = reason; Version++; }
    public void Disburse(Guid entry, DateOnly on) { Require(LoanStatus.Approved); Status = LoanStatus.Disbursed; PaymentEntryId = entry; DisbursedOn = on; Version++; }

    /// <summary>The ledger reversed this record's payment: the record is no longer paid.</summary>
    public void MarkReversed(Guid reversalEntryId, string reason, DateTimeOffset at)
    {
        if (Status != LoanStatus.Disbursed || RepaidFen != 0) throw new InvalidOperationException("payment.notPaid");
        Status = LoanStatus.Reversed; ReversalEntryId = reversalEntryId; ReversalReason = reason; ReversedAt = at; Version++;
    }

    public void Repay(long amountFen, long payoffFen, DateOnly on)
    {
        Require(LoanStatus.Disbursed);
        if (amountFen <= 0 || amountFen > payoffFen) throw new InvalidOperationException("loan.overpaid");
        RepaidFen += amountFen;
        Version++;
        if (amountFen == payoffFen) { Status = LoanStatus.Repaid; RepaidOn = on; }
    }

    private void Require(LoanStatus s) { if (Status != s) throw new InvalidOperationException("loan.state"); }
}

/// <summary>A repayment received on a loan.</summary>
public sealed class LoanRepayment
{
    private LoanRepayment() { }
    public Guid Id { get; private set; }
    public Guid LoanId { get; private set; }
    public DateOnly On { get; private set; }
    public long AmountFen { get; private set; }
    public string Key { get; private set; } = "";
    public string? RecordedBy { get; private set; }
    public DateTimeOffset? RecordedAt { get; private set; }
    public static LoanRepayment Create(Guid loan, DateOnly on, long amount, string key, string? by = null, DateTimeOffset? at = null) =>
        new() { Id = Guid.CreateVersion7(), LoanId = loan, On = on, AmountFen = amount, Key = key, RecordedBy = by, RecordedAt = at };
}

/// <summary>One step in a loan's history (timeline): applied, approved, rejected, disbursed, repayment, repaid, reminder.</summary>
public sealed class LoanEvent
{
    private LoanEvent() { }
    public Guid Id { get; private set; }
    public Guid LoanId { get; private set; }
    public string Kind { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
    public string Actor { get; private set; } = "";
    public long? AmountFen { get; private set; }
    public string? Note { get; private set; }
    public static LoanEvent Of(Guid loan, string kind, DateTimeOffset at, string actor, long? amount = null, string? note = null) =>
        new() { Id = Guid.CreateVersion7(), LoanId = loan, Kind = kind, At = at, Actor = actor, AmountFen = amount, Note = note };
}

/// <summary>A remembered Idempotency-Key for a loan action: a retry with the same key answers with the current state and acts no more.</summary>
public sealed class LoanIdempotencyKey
{
    private LoanIdempotencyKey() { }
    public string Key { get; private set; } = "";
    public Guid LoanId { get; private set; }
    public string Action { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
    public static LoanIdempotencyKey Of(string key, Guid loan, string action, DateTimeOffset at) => new() { Key = key, LoanId = loan, Action = action, At = at };
}

/// <summary>
/// A repayment reminder: one per (loan, instalment, kind), written by the daily job, kept as the record. Its SMS is a
/// platform outbox message (<see cref="Message"/>, Platform/Notifications) added in the same SaveChanges, whose subject
/// is the reminder; the platform's outbox loop delivers it (claimed, never sent twice) and records the attempts.
/// </summary>
public sealed class LoanReminder
{
    private LoanReminder() { }
    public Guid Id { get; private set; }
    public Guid LoanId { get; private set; }
    public Guid UnitId { get; private set; }
    public int InstalmentNo { get; private set; }
    public ReminderKind Kind { get; private set; }
    public DateOnly DueOn { get; private set; }
    public long AmountFen { get; private set; }
    public string ApplicantName { get; private set; } = "";
    public string? ToMasked { get; private set; }
    public string Body { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public static LoanReminder Create(Loan loan, ReminderDue due, string body, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(), LoanId = loan.Id, UnitId = loan.UnitId, InstalmentNo = due.No, Kind = due.Kind, DueOn = due.DueOn, AmountFen = due.AmountFen,
        ApplicantName = loan.ApplicantName, ToMasked = loan.ContactMasked, Body = body, CreatedAt = at,
    };

    /// <summary>The reminder's SMS for the platform outbox: to the borrower's contact phone, or, without one, to the borrower's union unit.</summary>
    public static OutboxMessage Message(LoanReminder r, string? toCipher) => new()
    {
        Channel = toCipher is null ? "unit" : "sms", ToCipher = toCipher, ToMasked = toCipher is null ? null : r.ToMasked,
        ToUnitId = toCipher is null ? r.UnitId : null, Body = r.Body, SubjectId = r.Id, CreatedAt = r.CreatedAt, NextAttemptAt = r.CreatedAt,
    };
}
