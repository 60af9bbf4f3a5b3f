using Gonghui.Platform.Money;

namespace Gonghui.Modules.Funds.Public;

/// <summary>The record that caused a ledger entry, e.g. ("HardshipAssistance", id) or ("MutualAidClaim", id).</summary>
public readonly record struct SourceRef(string Type, Guid Id);

/// <summary>A fund's position for one unit and year. Budget = Available + Committed + Paid, always.</summary>
public sealed record FundBalance(string FundCode, Guid OrgUnitId, int Year, Fen Budget, Fen Committed, Fen Paid, Fen Available);

/// <summary>The funds the federation keeps. Codes are stable identifiers stored in the ledger.</summary>
public static class FundCodes
{
    public const string Warmth = "warmth", Education = "education", Innovation = "innovation", MutualAid = "mutual-aid",
        Accident = "accident", FeeRefund = "fee-refund", Loan = "loan", MedicalRelief = "medical-relief",
        /// <summary>The union's share of member-card discounts, paid to merchants by monthly statement.</summary>
        MemberCard = "member-card",
        /// <summary>The special organizing fund (组建专项经费): grants to organizing drives.</summary>
        Organizing = "organizing",
        /// <summary>Legal aid (法律援助): fees paid to lawyers for the cases they take.</summary>
        LegalAid = "legal-aid";

    public static readonly IReadOnlyList<string> All = [Warmth, Education, Innovation, MutualAid, Accident, FeeRefund, Loan, MedicalRelief, MemberCard, Organizing, LegalAid];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code);
}

/// <summary>The kind of a journal entry.</summary>
public enum EntryKind
{
    Allocation = 0, Commitment = 1, Payment = 2, Reversal = 3,
    /// <summary>Budget passed down from this unit to a child unit: its budget shrinks by what the child's allocation grants.</summary>
    Transfer = 4,
}

/// <summary>The kind of a ledger account. Signed balances: debit positive, credit negative.</summary>
public enum AccountKind
{
    /// <summary>The appropriation (budget granted); credit balance, its negation is the budget.</summary>
    Appropriation = 0,
    /// <summary>Budget neither committed nor paid.</summary>
    Available = 1,
    /// <summary>Reserved for approved records not yet paid.</summary>
    Committed = 2,
    /// <summary>Paid out.</summary>
    Paid = 3,
}

/// <summary>One journal entry as shown in pages and the API.</summary>
public sealed record LedgerEntryView(
    Guid Id, EntryKind Kind, string FundCode, Guid OrgUnitId, int Year, Fen Amount, string? SourceType, Guid? SourceId,
    string IdempotencyKey, Guid? ReversesId, Guid? ReversedById, string? Memo, string Actor, DateTimeOffset At);

/// <summary>Reconciliation over the ledger: every entry and every fund sums to zero, stored balances match their lines, no source paid twice, and every module's paid records match their live payments.</summary>
public sealed record ReconciliationReport(
    int? Year, long Entries, long Lines, IReadOnlyList<FundSum> Funds, IReadOnlyList<Guid> UnbalancedEntries,
    IReadOnlyList<Guid> AccountsOutOfBalance, IReadOnlyList<SourceRef> SourcesPaidMoreThanOnce, IReadOnlyList<ModuleReconciliation> Records)
{
    /// <summary>Every mismatch between a module's paid records and the live payments, over all modules.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<RecordMismatch> RecordMismatches => Records.SelectMany(r => r.Mismatches);

    public bool IsClean => Funds.All(f => f.Sum == 0) && UnbalancedEntries.Count == 0 && AccountsOutOfBalance.Count == 0 && SourcesPaidMoreThanOnce.Count == 0
        && Records.All(r => r.Mismatches.Count == 0);
}

public sealed record FundSum(string FundCode, long Sum, long Paid);
