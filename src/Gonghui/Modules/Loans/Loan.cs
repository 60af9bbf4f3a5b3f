using Gonghui.Platform.Audit;

namespace Gonghui.Modules.Loans;

public enum LoanApplicant { SmallFirm = 0, WorkerEntrepreneur = 1 }
public enum LoanStatus { Applied = 0, Approved = 1, Rejected = 2, Disbursed = 3, Repaid = 4 }

/// <summary>A start-up micro-loan from application to full repayment.</summary>
public sealed class Loan : IAudited
{
    private Loan() { }
    public Guid Id { get; private set; }
    public LoanApplicant ApplicantKind { get; private set; }
    public string ApplicantName { get; private set; } = "";
    public Guid UnitId { get; private set; }
    public long AmountFen { get; private set; }
    public int Months { get; private set; }
    public int AnnualRateBp { get; private set; }
    public string Purpose { get; private set; } = "";
    public string Guarantor { get; private set; } = "";
    public LoanStatus Status { get; private set; }
    public string? RejectReason { get; private set; }
    public DateTimeOffset AppliedAt { get; private set; }
    public DateOnly? DisbursedOn { get; private set; }
    public long RepaidFen { get; private set; }
    public Guid? CommitEntryId { get; private set; }
    public Guid? PaymentEntryId { get; private set; }

    public static Loan Apply(LoanApplicant kind, string name, Guid unitId, long amount, int months, int rateBp, string purpose, string guarantor, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(), ApplicantKind = kind, ApplicantName = name, UnitId = unitId, AmountFen = amount, Months = months, AnnualRateBp = rateBp,
        Purpose = purpose, Guarantor = guarantor, Status = LoanStatus.Applied, AppliedAt = at,
    };

    public IReadOnlyList<Instalment> Schedule() =>
        LoanRules.Schedule(AmountFen, Months, AnnualRateBp, (DisbursedOn ?? DateOnly.FromDateTime(AppliedAt.UtcDateTime)).AddMonths(1));

    public void Approve(Guid entry) { Require(LoanStatus.Applied); Status = LoanStatus.Approved; CommitEntryId = entry; }
    public void Reject(string reason) { Require(LoanStatus.Applied); Status = LoanStatus.Rejected; RejectReason = reason; }
    public void Disburse(Guid entry, DateOnly on) { Require(LoanStatus.Approved); Status = LoanStatus.Disbursed; PaymentEntryId = entry; DisbursedOn = on; }

    public void Repay(long amountFen, long payoffFen)
    {
        Require(LoanStatus.Disbursed);
        RepaidFen += amountFen;
        if (amountFen >= payoffFen) Status = LoanStatus.Repaid;
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
    public static LoanRepayment Create(Guid loan, DateOnly on, long amount, string key) => new() { Id = Guid.CreateVersion7(), LoanId = loan, On = on, AmountFen = amount, Key = key };
}
