using Gonghui.Modules.FeeRefunds.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Audit;

namespace Gonghui.Modules.FeeRefunds;

/// <summary>The union fee an enterprise paid for a year (2% of payroll), as recorded by fee collection.</summary>
public sealed class FeeRecord : IAudited
{
    private FeeRecord() { }
    public Guid Id { get; private set; }
    public Guid EnterpriseId { get; private set; }
    public int Year { get; private set; }
    public long PayrollFen { get; private set; }
    public long FeeFen { get; private set; }
    /// <summary>The size class in the fee year, when the collection records say; null means use the registry.</summary>
    public SizeClass? SizeClass { get; private set; }

    public static FeeRecord Create(Guid enterpriseId, int year, long payrollFen, long? feeFen, SizeClass? size) => new()
    {
        Id = Guid.CreateVersion7(), EnterpriseId = enterpriseId, Year = year, PayrollFen = payrollFen, FeeFen = feeFen ?? RefundRules.FeeFor(payrollFen), SizeClass = size,
    };

    public void Correct(long payrollFen, long? feeFen, SizeClass? size)
    {
        PayrollFen = payrollFen; FeeFen = feeFen ?? RefundRules.FeeFor(payrollFen); SizeClass = size;
    }
}

/// <summary>
/// A refund policy (e.g. 2020–2021, small and micro firms, 100%): the stable identity refunds point at, carrying its current
/// version. Every change appends a <see cref="RefundPolicyVersion"/>; the history is never overwritten.
/// </summary>
public sealed class RefundPolicy : IAudited
{
    private RefundPolicy() { }
    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int FromYear { get; private set; }
    public int ToYear { get; private set; }
    public string Classes { get; private set; } = "";
    public int ShareBp { get; private set; }
    public long? CapFen { get; private set; }
    /// <summary>The current version (1 when created); the number of the latest <see cref="RefundPolicyVersion"/>.</summary>
    public int Version { get; private set; } = 1;

    public static RefundPolicy Create(string code, string name, int from, int to, IEnumerable<SizeClass> classes, int shareBp, long? capFen = null) => new()
    {
        Id = Guid.CreateVersion7(), Code = code, Name = name, FromYear = from, ToYear = to, Classes = RefundPolicyRules.FormatClasses(classes), ShareBp = shareBp,
        CapFen = capFen, Version = 1,
    };

    /// <summary>Moves the policy to its next version; the caller appends the matching <see cref="RefundPolicyVersion"/>.</summary>
    public void Revise(string name, int from, int to, IEnumerable<SizeClass> classes, int shareBp, long? capFen)
    {
        Name = name; FromYear = from; ToYear = to; Classes = RefundPolicyRules.FormatClasses(classes); ShareBp = shareBp; CapFen = capFen; Version++;
    }

    public RefundPolicyRules Rules() => new(FromYear, ToYear, RefundPolicyRules.ParseClasses(Classes), ShareBp, CapFen);
}

/// <summary>One version of a refund policy as it was set, by whom, when and why. Append-only: never updated or deleted.</summary>
public sealed class RefundPolicyVersion : IAudited
{
    private RefundPolicyVersion() { }
    public Guid Id { get; private set; }
    public Guid PolicyId { get; private set; }
    public int Version { get; private set; }
    public string Name { get; private set; } = "";
    public int FromYear { get; private set; }
    public int ToYear { get; private set; }
    public string Classes { get; private set; } = "";
    public int ShareBp { get; private set; }
    public long? CapFen { get; private set; }
    public string Reason { get; private set; } = "";
    public string ChangedBy { get; private set; } = "";
    public DateTimeOffset ChangedAt { get; private set; }

    /// <summary>A snapshot of the policy as it is now (call after creating or revising it).</summary>
    public static RefundPolicyVersion Of(RefundPolicy p, string reason, string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(), PolicyId = p.Id, Version = p.Version, Name = p.Name, FromYear = p.FromYear, ToYear = p.ToYear, Classes = p.Classes,
        ShareBp = p.ShareBp, CapFen = p.CapFen, Reason = reason, ChangedBy = by, ChangedAt = at,
    };

    public IReadOnlyCollection<SizeClass> ClassList() => RefundPolicyRules.ParseClasses(Classes);
}

public enum RefundStatus { Due = 0, Ineligible = 1, Approved = 2, Paid = 3, Reversed = 4 }

/// <summary>The refund of one firm's fee for one year under a policy, with its explanation and ledger entries.</summary>
public sealed class UnionFeeRefund : IAudited
{
    private UnionFeeRefund() { }
    public Guid Id { get; private set; }
    public Guid PolicyId { get; private set; }
    public Guid EnterpriseId { get; private set; }
    public string EnterpriseName { get; private set; } = "";
    public Guid FundingUnitId { get; private set; }
    public int Year { get; private set; }
    public long FeeFen { get; private set; }
    public long AmountFen { get; private set; }
    public string Explanation { get; private set; } = "[]";
    public RefundStatus Status { get; private set; }
    public DateTimeOffset ComputedAt { get; private set; }
    public string? ApprovedBy { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }
    public Guid? CommitEntryId { get; private set; }
    public Guid? PaymentEntryId { get; private set; }
    /// <summary>Set when the payment was reversed in the ledger: the reversal entry, its reason and time.</summary>
    public Guid? ReversalEntryId { get; private set; }
    public string? ReversalReason { get; private set; }
    public DateTimeOffset? ReversedAt { get; private set; }

    public static UnionFeeRefund Create(Guid policyId, Guid enterpriseId, string name, Guid fundingUnit, RefundDue due, long feeFen, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(), PolicyId = policyId, EnterpriseId = enterpriseId, EnterpriseName = name, FundingUnitId = fundingUnit, Year = due.Year,
        FeeFen = feeFen, AmountFen = due.AmountFen, Explanation = System.Text.Json.JsonSerializer.Serialize(due.Lines, JsonOptions),
        Status = due.Eligible ? RefundStatus.Due : RefundStatus.Ineligible, ComputedAt = at,
    };

    internal static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web);
    public IReadOnlyList<RefundLine> Lines() => System.Text.Json.JsonSerializer.Deserialize<List<RefundLine>>(Explanation, JsonOptions) ?? [];

    /// <summary>Recomputation is allowed until the refund is approved.</summary>
    public void Recompute(RefundDue due, long feeFen, DateTimeOffset at)
    {
        if (Status is RefundStatus.Approved or RefundStatus.Paid or RefundStatus.Reversed) throw new InvalidOperationException("refund.locked");
        FeeFen = feeFen; AmountFen = due.AmountFen; Explanation = System.Text.Json.JsonSerializer.Serialize(due.Lines, JsonOptions);
        Status = due.Eligible ? RefundStatus.Due : RefundStatus.Ineligible; ComputedAt = at;
    }

    public void Approve(Guid entryId, string by, DateTimeOffset at)
    {
        if (Status != RefundStatus.Due) throw new InvalidOperationException("refund.notDue");
        Status = RefundStatus.Approved; CommitEntryId = entryId; ApprovedBy = by; ApprovedAt = at;
    }

    public void MarkPaid(Guid entryId, DateTimeOffset at)
    {
        if (Status != RefundStatus.Approved) throw new InvalidOperationException("refund.notApproved");
        Status = RefundStatus.Paid; PaymentEntryId = entryId; PaidAt = at;
    }

    /// <summary>The ledger reversed this record's payment: the record is no longer paid.</summary>
    public void MarkReversed(Guid reversalEntryId, string reason, DateTimeOffset at)
    {
        if (Status != RefundStatus.Paid) throw new InvalidOperationException("payment.notPaid");
        Status = RefundStatus.Reversed; ReversalEntryId = reversalEntryId; ReversalReason = reason; ReversedAt = at;
    }
}

/// <summary>A remembered Idempotency-Key of a batch approval or payment: a retry answers with the first answer and acts no more.</summary>
public sealed class FeeRefundBatchKey
{
    private FeeRefundBatchKey() { }
    public string Key { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string ResultJson { get; private set; } = "[]";
    public DateTimeOffset At { get; private set; }
    public static FeeRefundBatchKey Of(string key, string action, string resultJson, DateTimeOffset at) => new() { Key = key, Action = action, ResultJson = resultJson, At = at };
}
