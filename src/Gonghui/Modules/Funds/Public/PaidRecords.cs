namespace Gonghui.Modules.Funds.Public;

/// <summary>
/// A module whose records the fund ledger pays (mutual-aid claims, accident claims, fee refunds, loans, hardship assistance)
/// implements this so that the ledger can keep the record and its payment in step without knowing the module:
/// a reversed payment puts the record into its Reversed state in the reversal's own transaction, and the reconciliation
/// compares every paid record with its live payment. Register with <c>services.AddScoped&lt;IPaidRecordSource, …&gt;()</c>.
/// Implementations must not depend on <see cref="Ledger.FundLedger"/> (it depends on them).
/// </summary>
public interface IPaidRecordSource
{
    /// <summary>The <see cref="SourceRef.Type"/> the module pays with, e.g. "MutualAidClaim".</summary>
    string SourceType { get; }

    /// <summary>The owning module's name, as reported by the reconciliation (e.g. "MutualAid").</summary>
    string Module { get; }

    /// <summary>
    /// Every record the module counts as paid (paid state, amount paid, ledger year), as a query over the same GonghuiDb the
    /// ledger uses, so that the reconciliation compares records and payments in the database.
    /// </summary>
    IQueryable<PaidRecordRow> PaidRecords();

    /// <summary>
    /// The payment of a record has just been reversed (the reversal entry is written, the transaction is still open): put the
    /// record into its Reversed state with the reason and save. Return a refusal message to roll the whole reversal back
    /// (e.g. a loan with repayments), or null. A record that is not in a paid state is left alone.
    /// </summary>
    Task<string?> PaymentReversedAsync(Guid recordId, Guid reversalEntryId, string reason, CancellationToken ct);
}

/// <summary>One paid record as the reconciliation sees it: id, amount paid in fen and the ledger year it was paid from.</summary>
public sealed class PaidRecordRow
{
    public Guid Id { get; init; }
    public long AmountFen { get; init; }
    public int Year { get; init; }
}

/// <summary>What is wrong between a paid record and its payment.</summary>
public enum RecordMismatchKind
{
    /// <summary>The record says paid, but there is no live (unreversed) payment of it.</summary>
    PaidWithoutPayment = 0,
    /// <summary>A live payment points at a record that is not in a paid state (or does not exist).</summary>
    PaymentWithoutPaidRecord = 1,
    /// <summary>Both exist but the amounts differ.</summary>
    AmountDiffers = 2,
}

/// <summary>One mismatch between a module's record and the ledger.</summary>
public sealed record RecordMismatch(string Module, string SourceType, RecordMismatchKind Kind, Guid RecordId, Guid? PaymentEntryId, long? RecordFen, long? PaymentFen);

/// <summary>Per module: how many records say paid, how many live payments there are, their sums, and what does not match.</summary>
public sealed record ModuleReconciliation(string Module, string SourceType, long PaidRecords, long PaidRecordsFen, long LivePayments, long LivePaymentsFen, IReadOnlyList<RecordMismatch> Mismatches);
