using Gonghui.Platform.Http;
using Gonghui.Platform.Money;

namespace Gonghui.Modules.Funds.Public;

/// <summary>
/// What a paying module asks of the fund ledger: reserve budget for a record on approval, pay it, give budget back (a
/// repaid loan), and read the entries a record caused. Every posting answers <see cref="Outcome{T}"/> with the entry id:
/// ok (replayed when the idempotency key or the record was already posted the same way), or a conflict with a stable
/// code of <see cref="LedgerCodes"/> and the ledger's reason as its detail. If the caller's GonghuiDb has a transaction
/// open, the ledger joins it, so a record's state change and its money movement commit together.
/// </summary>
public interface IFundLedger
{
    /// <summary>The longest idempotency key the ledger stores.</summary>
    const int MaxKeyLength = 200;

    /// <summary>Grants budget to a unit for a year (the root of the tree, or money returned to a fund).</summary>
    Task<Outcome<Guid>> AllocateBudgetAsync(string fundCode, Guid orgUnitId, int year, Fen amount, string idempotencyKey, CancellationToken ct = default);

    /// <summary>On approval: reserves budget for the source; refused (<see cref="LedgerCodes.InsufficientBudget"/>) if it would overspend.</summary>
    Task<Outcome<Guid>> CommitAsync(string fundCode, Guid orgUnitId, int year, Fen amount, SourceRef source, string idempotencyKey, CancellationToken ct = default);

    /// <summary>Pays the source, releasing its commitment in this fund if any. A source is paid at most once.</summary>
    Task<Outcome<Guid>> PayAsync(string fundCode, Guid orgUnitId, int year, Fen amount, SourceRef source, string idempotencyKey, CancellationToken ct = default);

    /// <summary>
    /// The bulk path (a batch decided and paid at once, a generated year): for each new record of one (fund, unit, year), a
    /// commitment and its payment, as <see cref="CommitAsync"/> then <see cref="PayAsync"/> would post them, in one transaction
    /// under the fund's lock, written in batches (a few statements per thousand records instead of about eight per posting).
    /// All or nothing: refused when a record already has an entry in the ledger or a key is taken, a conflict with
    /// <see cref="LedgerCodes.InsufficientBudget"/> when the sum exceeds the available budget. Answers the two entry ids per record, in order.
    /// </summary>
    Task<Outcome<IReadOnlyList<BulkPosted>>> CommitAndPayManyAsync(string fundCode, Guid orgUnitId, int year, IReadOnlyList<BulkPayment> payments, CancellationToken ct = default);

    /// <summary>Every entry a record caused, oldest first (shown on the record's page and in its API detail).</summary>
    Task<IReadOnlyList<LedgerEntryView>> EntriesForAsync(SourceRef source, CancellationToken ct = default);

    /// <summary>The record's live (not reversed) payment, if any.</summary>
    Task<LedgerEntryView?> PaymentOfAsync(SourceRef source, CancellationToken ct = default);
}

/// <summary>One record of <see cref="IFundLedger.CommitAndPayManyAsync"/>: its amount and the idempotency keys of its two entries.</summary>
public readonly record struct BulkPayment(SourceRef Source, Fen Amount, string CommitKey, string PayKey);

/// <summary>The entries <see cref="IFundLedger.CommitAndPayManyAsync"/> posted for one record.</summary>
public readonly record struct BulkPosted(Guid CommitEntryId, Guid PaymentEntryId);

/// <summary>The stable codes of the ledger's refusals (<see cref="Outcome{T}.Code"/>); the reason follows as the detail.</summary>
public static class LedgerCodes
{
    /// <summary>The posting would make the available budget of the (fund, unit, year) negative.</summary>
    public const string InsufficientBudget = "funds.insufficientBudget";

    /// <summary>Any other refusal: bad input, an idempotency key used for another request, a record already paid differently.</summary>
    public const string Refused = "funds.refused";
}
