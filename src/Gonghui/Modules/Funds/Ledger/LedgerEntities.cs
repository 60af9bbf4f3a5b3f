using Gonghui.Modules.Funds.Public;
namespace Gonghui.Modules.Funds.Ledger;

/// <summary>An account per (fund, unit, year, kind). Balance is the running sum of its lines, kept under the ledger lock.</summary>
internal sealed class LedgerAccount
{
    private LedgerAccount() { }

    public Guid Id { get; private set; }
    public string FundCode { get; private set; } = "";
    public Guid OrgUnitId { get; private set; }
    public int Year { get; private set; }
    public AccountKind Kind { get; private set; }
    public long Balance { get; private set; }

    public static LedgerAccount Open(string fund, Guid unit, int year, AccountKind kind) =>
        new() { Id = Guid.CreateVersion7(), FundCode = fund, OrgUnitId = unit, Year = year, Kind = kind };
}

/// <summary>A balanced journal entry. Never deleted: a mistake is undone by a reversal entry.</summary>
internal sealed class LedgerEntry
{
    private LedgerEntry() { }

    public Guid Id { get; private set; }
    public EntryKind Kind { get; private set; }
    public string FundCode { get; private set; } = "";
    public Guid OrgUnitId { get; private set; }
    public int Year { get; private set; }
    /// <summary>The amount moved (positive fen); for a payment that releases a commitment, the amount paid.</summary>
    public long Amount { get; private set; }
    public string? SourceType { get; private set; }
    public Guid? SourceId { get; private set; }
    public string IdempotencyKey { get; private set; } = "";
    public Guid? ReversesId { get; private set; }
    public Guid? ReversedById { get; private set; }
    public string? Memo { get; private set; }
    public string Actor { get; private set; } = "";
    public DateTimeOffset At { get; private set; }

    public static LedgerEntry Create(EntryKind kind, string fund, Guid unit, int year, long amount, SourceRef? source, string key, string? memo, string actor, DateTimeOffset at, Guid? reverses = null, Guid? id = null) =>
        new()
        {
            Id = id ?? Guid.CreateVersion7(), Kind = kind, FundCode = fund, OrgUnitId = unit, Year = year, Amount = amount,
            SourceType = source?.Type, SourceId = source?.Id, IdempotencyKey = key, Memo = memo, Actor = actor, At = at, ReversesId = reverses,
        };

    public LedgerEntryView ToView() => new(Id, Kind, FundCode, OrgUnitId, Year, new(Amount), SourceType, SourceId, IdempotencyKey, ReversesId, ReversedById, Memo, Actor, At);
}

/// <summary>One side of an entry: a signed amount (debit +, credit −) on one account. An entry's lines sum to zero.</summary>
internal sealed class LedgerLine
{
    private LedgerLine() { }

    public Guid Id { get; private set; }
    public Guid EntryId { get; private set; }
    public Guid AccountId { get; private set; }
    public long Amount { get; private set; }

    public static LedgerLine Create(Guid entry, Guid account, long amount) => new() { Id = Guid.CreateVersion7(), EntryId = entry, AccountId = account, Amount = amount };
}
