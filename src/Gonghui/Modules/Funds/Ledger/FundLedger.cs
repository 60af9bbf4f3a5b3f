using Gonghui.Modules.Funds.Public;
using System.Security.Cryptography;
using System.Text;
using Gonghui.Modules.Funds.Ledger;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Money;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gonghui.Modules.Funds.Ledger;

/// <summary>
/// The double-entry fund ledger in integer fen. Every movement is a balanced journal entry against the accounts of one
/// (fund, unit, year); writes are serialised per (fund, unit, year) — PostgreSQL advisory transaction lock, SQLite a
/// single writer — and every rule is re-checked inside that lock, so concurrent approvals cannot overspend.
/// If the caller's GonghuiDb already has a transaction open, the ledger joins it (and saves the caller's pending changes
/// with the entry), so a record's state change and its money movement commit together.
/// </summary>
public sealed class FundLedger(GonghuiDb db, TimeProvider clock, IEnumerable<IPaidRecordSource>? paidRecordSources = null) : IFundLedger
{
    private readonly IReadOnlyList<IPaidRecordSource> _sources = paidRecordSources?.ToList() ?? [];

    // SQLite has one writer per database anyway; queueing here instead of spinning on SQLITE_BUSY keeps it fair and fast.
    private static readonly SemaphoreSlim SqliteWriter = new(1, 1);
    public const int MaxKeyLength = IFundLedger.MaxKeyLength;

    /// <summary>Grants budget: appropriation is credited, available debited.</summary>
    public Task<Outcome<Guid>> AllocateBudgetAsync(string fundCode, Guid orgUnitId, int year, Fen amount, string idempotencyKey, CancellationToken ct = default) =>
        MoveAsync(new Move(EntryKind.Allocation, fundCode, orgUnitId, year, amount.Value, null, idempotencyKey, null), ct);

    /// <summary>On approval: reserves budget for the source; refused (InsufficientBudget) if it would overspend.</summary>
    public Task<Outcome<Guid>> CommitAsync(string fundCode, Guid orgUnitId, int year, Fen amount, SourceRef source, string idempotencyKey, CancellationToken ct = default) =>
        MoveAsync(new Move(EntryKind.Commitment, fundCode, orgUnitId, year, amount.Value, source, idempotencyKey, null), ct);

    /// <summary>Pays the source, releasing its commitment in this fund if any. A source is paid at most once; refused if it would overspend.</summary>
    public Task<Outcome<Guid>> PayAsync(string fundCode, Guid orgUnitId, int year, Fen amount, SourceRef source, string idempotencyKey, CancellationToken ct = default) =>
        MoveAsync(new Move(EntryKind.Payment, fundCode, orgUnitId, year, amount.Value, source, idempotencyKey, null), ct);

    /// <summary>Records per SaveChanges and per look-up of existing entries in <see cref="CommitAndPayManyAsync"/>.</summary>
    private const int BulkChunk = 500;

    /// <inheritdoc />
    public async Task<Outcome<IReadOnlyList<BulkPosted>>> CommitAndPayManyAsync(string fundCode, Guid orgUnitId, int year, IReadOnlyList<BulkPayment> payments, CancellationToken ct = default)
    {
        if (payments.Count == 0) return Outcome<IReadOnlyList<BulkPosted>>.Ok([]);
        foreach (var p in payments)
        {
            if (Validate(new Move(EntryKind.Commitment, fundCode, orgUnitId, year, p.Amount.Value, p.Source, p.CommitKey, null)) is { } bad) return bad.As<IReadOnlyList<BulkPosted>>();
            if (InvalidKey(p.PayKey) is { } badKey) return badKey.As<IReadOnlyList<BulkPosted>>();
        }
        if (payments.Select(p => p.Source).Distinct().Count() != payments.Count) return Refused("A record appears twice in the batch.").As<IReadOnlyList<BulkPosted>>();
        var keys = payments.SelectMany(p => new[] { p.CommitKey, p.PayKey }).ToList();
        if (keys.Distinct(StringComparer.Ordinal).Count() != keys.Count) return Refused("An idempotency key appears twice in the batch.").As<IReadOnlyList<BulkPosted>>();
        var total = 0L;
        foreach (var p in payments)
            if (!Fen.IsWithinLimit(total += p.Amount.Value)) return Refused($"A batch may move at most {new Fen(Fen.MaxValue)}.").As<IReadOnlyList<BulkPosted>>();
        return await InLockAsync([LockKey(fundCode, orgUnitId, year)], async () =>
        {
            foreach (var chunk in keys.Chunk(BulkChunk))
                if (await db.Set<LedgerEntry>().AsNoTracking().AnyAsync(e => chunk.Contains(e.IdempotencyKey), ct))
                    return Refused("An idempotency key of the batch was used before.").As<IReadOnlyList<BulkPosted>>();
            foreach (var group in payments.GroupBy(p => p.Source.Type))
                foreach (var chunk in group.Select(p => (Guid?)p.Source.Id).Chunk(BulkChunk))
                    if (await db.Set<LedgerEntry>().AsNoTracking().AnyAsync(e => e.SourceType == group.Key && chunk.Contains(e.SourceId), ct))
                        return Refused("A record of the batch already has entries in the ledger.").As<IReadOnlyList<BulkPosted>>();
            var accounts = await AccountsAsync(fundCode, orgUnitId, year, ct);
            var available = accounts.TryGetValue(AccountKind.Available, out var a) ? a.Balance : 0;
            if (available < total) return Insufficient($"Available {new Fen(available)} is less than {new Fen(total)}.").As<IReadOnlyList<BulkPosted>>();
            var opened = new List<LedgerAccount>();
            foreach (var kind in new[] { AccountKind.Available, AccountKind.Committed, AccountKind.Paid })
                if (!accounts.ContainsKey(kind)) opened.Add(accounts[kind] = LedgerAccount.Open(fundCode, orgUnitId, year, kind));
            var (availableId, committedId, paidId) = (accounts[AccountKind.Available].Id, accounts[AccountKind.Committed].Id, accounts[AccountKind.Paid].Id);
            var now = clock.GetUtcNow();
            var posted = new List<BulkPosted>(payments.Count);
            var detect = db.ChangeTracker.AutoDetectChangesEnabled;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            try
            {
                if (opened.Count > 0)
                {
                    db.AddRange(opened);
                    await db.SaveChangesAsync(ct);
                    foreach (var o in opened) db.Entry(o).State = EntityState.Detached;
                }
                foreach (var chunk in payments.Chunk(BulkChunk))
                {
                    var added = new List<object>(chunk.Length * 6);
                    foreach (var p in chunk)
                    {
                        var amount = p.Amount.Value;
                        var commit = LedgerEntry.Create(EntryKind.Commitment, fundCode, orgUnitId, year, amount, p.Source, p.CommitKey, null, db.Actor.Name, now);
                        // One millisecond later, so a record's entries read back oldest first, commitment then payment, on both engines
                        // (SQLite keeps DateTimeOffset to 100 µs through EF's DateTimeOffsetToBinaryConverter, PostgreSQL to 1 µs).
                        var pay = LedgerEntry.Create(EntryKind.Payment, fundCode, orgUnitId, year, amount, p.Source, p.PayKey, null, db.Actor.Name, now.AddMilliseconds(1));
                        added.Add(commit); added.Add(pay);
                        added.Add(LedgerLine.Create(commit.Id, committedId, amount)); added.Add(LedgerLine.Create(commit.Id, availableId, -amount));
                        added.Add(LedgerLine.Create(pay.Id, paidId, amount)); added.Add(LedgerLine.Create(pay.Id, committedId, -amount));
                        posted.Add(new BulkPosted(commit.Id, pay.Id));
                    }
                    db.AddRange(added);
                    await db.SaveChangesAsync(ct);
                    // Forget only what this batch added: the caller's tracked records stay as they are.
                    foreach (var o in added) db.Entry(o).State = EntityState.Detached;
                }
            }
            finally { db.ChangeTracker.AutoDetectChangesEnabled = detect; }
            // Balances move in SQL, once per account for the whole batch (the committed account nets to zero).
            await db.Set<LedgerAccount>().Where(x => x.Id == availableId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Balance, x => x.Balance - total), ct);
            await db.Set<LedgerAccount>().Where(x => x.Id == paidId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Balance, x => x.Balance + total), ct);
            return Outcome<IReadOnlyList<BulkPosted>>.Ok(posted);
        }, ct);
    }

    /// <summary>The source type of the two entries of a budget passed from a parent unit to a child (the id is the child's allocation entry).</summary>
    public const string TransferSource = "BudgetTransfer";
    private const string FromSuffix = ":from";

    /// <summary>
    /// Grants budget to a unit out of its parent's available budget, in one transaction: a Transfer entry on the parent
    /// (available −A, appropriation +A: its budget shrinks) and an Allocation entry on the child. Both (fund, unit, year)
    /// locks are held, so two concurrent allocations can never both draw the same budget; refused (InsufficientBudget)
    /// when the parent's available budget is less than the amount.
    /// </summary>
    public async Task<Outcome<Guid>> AllocateFromParentAsync(string fundCode, Guid parentUnitId, Guid orgUnitId, int year, Fen amount, string idempotencyKey, CancellationToken ct = default)
    {
        var m = new Move(EntryKind.Allocation, fundCode, orgUnitId, year, amount.Value, null, idempotencyKey, null);
        if (Validate(m) is { } bad) return bad;
        if (parentUnitId == Guid.Empty || parentUnitId == orgUnitId) return Refused("The parent unit must be another unit.");
        if (idempotencyKey.Length > MaxKeyLength - FromSuffix.Length) return Refused($"An idempotency key of 1 to {MaxKeyLength - FromSuffix.Length} characters is required.");
        if (await EntryByKeyAsync(m.Key, ct) is { } prior) return SameTransfer(prior, m);
        return await InLockAsync([LockKey(fundCode, parentUnitId, year), LockKey(fundCode, orgUnitId, year)], async () =>
        {
            if (await EntryByKeyAsync(m.Key, ct) is { } seen) return SameTransfer(seen, m);
            var from = await AccountsAsync(m.Fund, parentUnitId, m.Year, ct);
            var available = from.TryGetValue(AccountKind.Available, out var a) ? a.Balance : 0;
            if (available < m.Amount)
                return Insufficient($"The parent unit's available budget {new Fen(available)} is less than {new Fen(m.Amount)}.");
            var id = Guid.CreateVersion7();
            var src = new SourceRef(TransferSource, id);
            var at = clock.GetUtcNow();
            var outgoing = LedgerEntry.Create(EntryKind.Transfer, m.Fund, parentUnitId, m.Year, m.Amount, src, m.Key + FromSuffix, null, db.Actor.Name, at);
            var sent = await WriteAsync(outgoing, m.Fund, parentUnitId, m.Year, from,
                new() { [AccountKind.Available] = -m.Amount, [AccountKind.Appropriation] = m.Amount }, null, ct);
            if (!IsDone(sent)) return sent;
            var to = await AccountsAsync(m.Fund, m.Unit, m.Year, ct);
            var incoming = LedgerEntry.Create(EntryKind.Allocation, m.Fund, m.Unit, m.Year, m.Amount, src, m.Key, null, db.Actor.Name, at, id: id);
            return await WriteAsync(incoming, m.Fund, m.Unit, m.Year, to,
                new() { [AccountKind.Available] = m.Amount, [AccountKind.Appropriation] = -m.Amount }, null, ct);
        }, ct);
    }

    private static Outcome<Guid> SameTransfer(LedgerEntry prior, Move m) =>
        prior.Kind == EntryKind.Allocation && prior.SourceType == TransferSource && prior.FundCode == m.Fund && prior.OrgUnitId == m.Unit && prior.Year == m.Year && prior.Amount == m.Amount
            ? AlreadyDone(prior.Id)
            : Refused("The idempotency key was used for a different request.");

    /// <summary>Undoes an entry by a new entry with every line negated; the original is marked reversed, never deleted.</summary>
    public async Task<Outcome<Guid>> ReverseAsync(Guid entryId, string reason, string idempotencyKey, CancellationToken ct = default)
    {
        if (InvalidKey(idempotencyKey) is { } bad) return bad;
        if (string.IsNullOrWhiteSpace(reason)) return Refused("A reversal needs a reason.");
        if (await EntryByKeyAsync(idempotencyKey, ct) is { } prior)
            return prior.Kind == EntryKind.Reversal && prior.ReversesId == entryId
                ? AlreadyDone(prior.Id)
                : Refused("The idempotency key was used for a different request.");
        var target = await db.Set<LedgerEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId, ct);
        if (target is null) return Outcome<Guid>.NotFound();
        if (target.SourceType == TransferSource && target.Kind != EntryKind.Reversal)
        {
            // A budget passed down is undone as a whole: the child's allocation and the parent's transfer, in one transaction.
            var pair = await db.Set<LedgerEntry>().AsNoTracking()
                .Where(e => e.SourceType == TransferSource && e.SourceId == target.SourceId && e.Kind != EntryKind.Reversal).ToListAsync(ct);
            var child = pair.FirstOrDefault(e => e.Kind == EntryKind.Allocation);
            var parent = pair.FirstOrDefault(e => e.Kind == EntryKind.Transfer);
            if (child is null || parent is null || idempotencyKey.Length > MaxKeyLength - FromSuffix.Length)
                return Refused("The budget transfer is incomplete or the idempotency key is too long.");
            return await InLockAsync([LockKey(child.FundCode, child.OrgUnitId, child.Year), LockKey(parent.FundCode, parent.OrgUnitId, parent.Year)], async () =>
            {
                var first = await ReverseLockedAsync(child.Id, reason, idempotencyKey, ct);
                if (!IsDone(first)) return first;
                var second = await ReverseLockedAsync(parent.Id, reason, idempotencyKey + FromSuffix, ct);
                return IsDone(second) ? first : second;
            }, ct);
        }
        return await InLockAsync([LockKey(target.FundCode, target.OrgUnitId, target.Year)], () => ReverseLockedAsync(entryId, reason, idempotencyKey, ct), ct);
    }

    /// <summary>Budget, committed, paid and available for one fund, unit and year (zero when nothing was allocated).</summary>
    public async Task<FundBalance> BalanceAsync(string fundCode, Guid orgUnitId, int year, CancellationToken ct = default)
    {
        var rows = await db.Set<LedgerAccount>().AsNoTracking()
            .Where(a => a.FundCode == fundCode && a.OrgUnitId == orgUnitId && a.Year == year)
            .Select(a => new { a.Kind, a.Balance }).ToListAsync(ct);
        long Of(AccountKind k) => rows.Where(r => r.Kind == k).Sum(r => r.Balance);
        return new FundBalance(fundCode, orgUnitId, year, new(-Of(AccountKind.Appropriation)), new(Of(AccountKind.Committed)), new(Of(AccountKind.Paid)), new(Of(AccountKind.Available)));
    }

    /// <summary>Every (fund, unit) balance of a year for the given units (null: all units).</summary>
    public async Task<IReadOnlyList<FundBalance>> BalancesAsync(int year, IReadOnlyCollection<Guid>? units = null, CancellationToken ct = default)
    {
        var q = db.Set<LedgerAccount>().AsNoTracking().Where(a => a.Year == year);
        if (units is not null) q = q.Where(a => units.Contains(a.OrgUnitId));
        var rows = await q.Select(a => new { a.FundCode, a.OrgUnitId, a.Kind, a.Balance }).ToListAsync(ct);
        return rows.GroupBy(r => (r.FundCode, r.OrgUnitId)).Select(g =>
        {
            long Of(AccountKind k) => g.Where(r => r.Kind == k).Sum(r => r.Balance);
            return new FundBalance(g.Key.FundCode, g.Key.OrgUnitId, year, new(-Of(AccountKind.Appropriation)), new(Of(AccountKind.Committed)), new(Of(AccountKind.Paid)), new(Of(AccountKind.Available)));
        }).OrderBy(b => b.FundCode, StringComparer.Ordinal).ToList();
    }

    /// <summary>The entries of one fund, unit and year, newest first (keyset on (at, id), index (fund, unit, year, at, id)).</summary>
    public async Task<Slice<LedgerEntryView>> EntriesAsync(string fundCode, Guid orgUnitId, int year, KeysetRequest request, CancellationToken ct = default)
    {
        var slice = await db.Set<LedgerEntry>().AsNoTracking()
            .Where(e => e.FundCode == fundCode && e.OrgUnitId == orgUnitId && e.Year == year)
            .SliceAsync(request, e => e.At, e => e.Id, descending: true, rows => rows, e => e.At, e => e.Id, ct);
        return slice.Map(e => e.ToView());
    }

    public Task<int> CountEntriesAsync(string fundCode, Guid orgUnitId, int year, CancellationToken ct = default) =>
        db.Set<LedgerEntry>().CountAsync(e => e.FundCode == fundCode && e.OrgUnitId == orgUnitId && e.Year == year, ct);

    /// <summary>The entries that point at a record (commitment, payment, reversals), oldest first.</summary>
    public async Task<IReadOnlyList<LedgerEntryView>> EntriesForAsync(SourceRef source, CancellationToken ct = default)
    {
        var list = await db.Set<LedgerEntry>().AsNoTracking()
            .Where(e => e.SourceType == source.Type && e.SourceId == source.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        return list.Select(e => e.ToView()).ToList();
    }

    /// <summary>The live (not reversed) payment of a record, if any.</summary>
    public async Task<LedgerEntryView?> PaymentOfAsync(SourceRef source, CancellationToken ct = default) =>
        (await db.Set<LedgerEntry>().AsNoTracking()
            .FirstOrDefaultAsync(e => e.SourceType == source.Type && e.SourceId == source.Id && e.Kind == EntryKind.Payment && e.ReversedById == null, ct))?.ToView();

    public async Task<LedgerEntryView?> EntryAsync(Guid id, CancellationToken ct = default) =>
        (await db.Set<LedgerEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct))?.ToView();

    /// <summary>Checks the books: each fund's lines sum to zero, each entry balances, stored balances equal their lines, no record has two live payments.</summary>
    public async Task<ReconciliationReport> ReconcileAsync(int? year = null, CancellationToken ct = default)
    {
        var entries = db.Set<LedgerEntry>().AsNoTracking().Where(e => year == null || e.Year == year);
        var accounts = db.Set<LedgerAccount>().AsNoTracking().Where(a => year == null || a.Year == year);
        var lines = db.Set<LedgerLine>().AsNoTracking();

        // Aggregates only, read from the covering indexes (account_id, amount) and (entry_id, account_id, amount): no row is loaded.
        // An entry's lines are all on accounts of its own (fund, unit, year), so "the year's lines" are the lines on the year's accounts.
        // The per-account sums join the accounts (PostgreSQL scans the lines in parallel and hashes the few accounts); the
        // per-entry sums, read in entry order from the index, take the accounts as a list of ids (a join per line there cost
        // PostgreSQL 0.8 s over a year of 5 million lines).
        var accountRows = await accounts.Select(a => new { a.Id, a.FundCode, a.Kind, a.Balance }).ToListAsync(ct);
        var accountIds = accountRows.Select(a => a.Id).ToList();
        var joined = accounts.Select(a => a.Id);
        var perAccount = await (year == null ? lines : lines.Where(l => joined.Contains(l.AccountId)))
            .GroupBy(l => l.AccountId).Select(g => new { Id = g.Key, Sum = g.Sum(x => x.Amount), Count = g.Count() }).ToListAsync(ct);
        var yearLines = year == null ? lines : lines.Where(l => accountIds.Contains(l.AccountId));
        var sums = perAccount.ToDictionary(x => x.Id);
        var outOfBalance = accountRows.Where(a => (sums.TryGetValue(a.Id, out var s) ? s.Sum : 0) != a.Balance).Select(a => a.Id).ToList();
        var funds = accountRows.GroupBy(a => a.FundCode).Select(g => new FundSum(g.Key,
            g.Sum(a => sums.TryGetValue(a.Id, out var s) ? s.Sum : 0),
            g.Where(a => a.Kind == AccountKind.Paid).Sum(a => sums.TryGetValue(a.Id, out var s) ? s.Sum : 0))).OrderBy(f => f.FundCode, StringComparer.Ordinal).ToList();

        var unbalanced = await yearLines.GroupBy(l => l.EntryId).Where(g => g.Sum(x => x.Amount) != 0).Select(g => g.Key).Take(1000).ToListAsync(ct);
        // Checked over every year (a record must not be paid twice across years either). While the partial unique index on
        // (source, live payment) is in place and valid, the database itself refuses a second live payment, so there is
        // nothing to find; without it (dropped, or not yet valid), every live payment is grouped by its source.
        var twice = await LivePaymentIndexHoldsAsync(ct) ? []
            : await db.Set<LedgerEntry>().AsNoTracking().Where(e => e.Kind == EntryKind.Payment && e.ReversedById == null && e.SourceId != null)
                .GroupBy(e => new { e.SourceType, e.SourceId }).Where(g => g.Count() > 1).Select(g => g.Key).Take(1000).ToListAsync(ct);
        var entryCount = await entries.LongCountAsync(ct);
        var records = new List<ModuleReconciliation>();
        foreach (var src in _sources.OrderBy(s => s.Module, StringComparer.Ordinal)) records.Add(await ReconcileRecordsAsync(src, year, ct));
        return new ReconciliationReport(year, entryCount, perAccount.Sum(x => (long)x.Count), funds, unbalanced, outOfBalance,
            twice.Select(t => new SourceRef(t.SourceType!, t.SourceId!.Value)).ToList(), records);
    }

    /// <summary>At most this many mismatches of each kind are listed per module (the counts beside them stay exact).</summary>
    public const int MaxListedMismatches = 1000;

    /// <summary>
    /// Compares a module's paid records with the live payments of its source type, in the database: a record paid without a
    /// live payment, a live payment whose record is not paid, and amounts that differ. With a year, records and payments of
    /// that ledger year are checked, each against its counterpart in any year (a year boundary never makes a false alarm).
    /// </summary>
    private async Task<ModuleReconciliation> ReconcileRecordsAsync(IPaidRecordSource src, int? year, CancellationToken ct)
    {
        var type = src.SourceType;
        var recs = src.PaidRecords();
        var pays = db.Set<LedgerEntry>().AsNoTracking().Where(e => e.Kind == EntryKind.Payment && e.ReversedById == null && e.SourceType == type);
        var recsOfYear = year is { } y1 ? recs.Where(r => r.Year == y1) : recs;
        var paysOfYear = year is { } y2 ? pays.Where(e => e.Year == y2) : pays;
        var paidCount = await recsOfYear.LongCountAsync(ct);
        var paidFen = paidCount == 0 ? 0 : await recsOfYear.SumAsync(r => r.AmountFen, ct);
        var payCount = await paysOfYear.LongCountAsync(ct);
        var payFen = payCount == 0 ? 0 : await paysOfYear.SumAsync(e => e.Amount, ct);
        var mismatches = new List<RecordMismatch>();
        var unpaid = await recsOfYear.Where(r => !pays.Any(e => e.SourceId == r.Id)).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.AmountFen }).Take(MaxListedMismatches).ToListAsync(ct);
        mismatches.AddRange(unpaid.Select(r => new RecordMismatch(src.Module, type, RecordMismatchKind.PaidWithoutPayment, r.Id, null, r.AmountFen, null)));
        var orphans = await paysOfYear.Where(e => !recs.Any(r => r.Id == e.SourceId)).OrderBy(e => e.SourceId)
            .Select(e => new { e.Id, e.SourceId, e.Amount }).Take(MaxListedMismatches).ToListAsync(ct);
        mismatches.AddRange(orphans.Select(e => new RecordMismatch(src.Module, type, RecordMismatchKind.PaymentWithoutPaidRecord, e.SourceId!.Value, e.Id, null, e.Amount)));
        var differ = await (from r in recsOfYear
                            join e in pays on (Guid?)r.Id equals e.SourceId
                            where r.AmountFen != e.Amount
                            orderby r.Id
                            select new { r.Id, Entry = e.Id, r.AmountFen, e.Amount }).Take(MaxListedMismatches).ToListAsync(ct);
        mismatches.AddRange(differ.Select(d => new RecordMismatch(src.Module, type, RecordMismatchKind.AmountDiffers, d.Id, d.Entry, d.AmountFen, d.Amount)));
        return new ModuleReconciliation(src.Module, type, paidCount, paidFen, payCount, payFen, mismatches);
    }

    /// <summary>The unique index that makes a second live payment of a record impossible: present, unique and valid.</summary>
    internal const string LivePaymentIndex = "ux_funds_entries_live_payment";

    private async Task<bool> LivePaymentIndexHoldsAsync(CancellationToken ct)
    {
        var found = db.IsNpgsql()
            ? db.Database.SqlQuery<int>($"""
                SELECT count(*)::int AS "Value" FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                WHERE c.relname = {LivePaymentIndex} AND i.indisunique AND i.indisvalid AND i.indisready
                """)
            : db.Database.SqlQuery<int>($"""
                SELECT count(*) AS "Value" FROM sqlite_master WHERE type = 'index' AND name = {LivePaymentIndex} AND sql LIKE 'CREATE UNIQUE INDEX%'
                """);
        return await found.SingleAsync(ct) == 1;
    }

    // ---- writing ----

    private sealed record Move(EntryKind Kind, string Fund, Guid Unit, int Year, long Amount, SourceRef? Source, string Key, string? Memo);

    private async Task<Outcome<Guid>> MoveAsync(Move m, CancellationToken ct)
    {
        if (Validate(m) is { } bad) return bad;
        // Fast path for a retry: no lock needed to find a committed entry.
        if (await EntryByKeyAsync(m.Key, ct) is { } prior) return SameRequest(prior, m);
        return await InLockAsync([LockKey(m.Fund, m.Unit, m.Year)], () => MoveLockedAsync(m, ct), ct);
    }

    private static Outcome<Guid>? Validate(Move m)
    {
        if (InvalidKey(m.Key) is { } bad) return bad;
        if (!FundCodes.IsKnown(m.Fund)) return Refused($"Unknown fund '{m.Fund}'.");
        if (m.Unit == Guid.Empty) return Refused("An organisation unit is required.");
        if (m.Year is < 2000 or > 2100) return Refused("The year must be between 2000 and 2100.");
        if (m.Amount <= 0) return Refused("The amount must be more than zero.");
        // The last line of defence behind every caller's own check: no posting beyond the domain maximum, so balances and sums cannot overflow.
        if (!Fen.IsWithinLimit(m.Amount)) return Refused($"An amount may be at most {new Fen(Fen.MaxValue)}.");
        if (m.Source is { } s && (string.IsNullOrWhiteSpace(s.Type) || s.Type.Length > 60 || s.Id == Guid.Empty))
            return Refused("The source record is required (type up to 60 characters and an id).");
        return null;
    }

    private async Task<Outcome<Guid>> MoveLockedAsync(Move m, CancellationToken ct)
    {
        if (await EntryByKeyAsync(m.Key, ct) is { } prior) return SameRequest(prior, m);
        var accounts = await AccountsAsync(m.Fund, m.Unit, m.Year, ct);
        long Bal(AccountKind k) => accounts.TryGetValue(k, out var a) ? a.Balance : 0;
        var deltas = new Dictionary<AccountKind, long>();
        switch (m.Kind)
        {
            case EntryKind.Allocation:
                deltas[AccountKind.Available] = m.Amount;
                deltas[AccountKind.Appropriation] = -m.Amount;
                break;
            case EntryKind.Commitment:
            {
                var src = m.Source!.Value;
                if (await LivePaymentAsync(src, ct) is { } paid)
                    return paid.FundCode == m.Fund && paid.Amount == m.Amount ? AlreadyDone(paid.Id) : Refused("The record is already paid.");
                var open = await OutstandingCommitmentAsync(src, accounts, ct);
                if (open > 0)
                {
                    var existing = await db.Set<LedgerEntry>().AsNoTracking().Where(e => e.SourceType == src.Type && e.SourceId == src.Id && e.Kind == EntryKind.Commitment && e.ReversedById == null && e.FundCode == m.Fund && e.OrgUnitId == m.Unit && e.Year == m.Year)
                        .OrderByDescending(e => e.At).FirstOrDefaultAsync(ct);
                    return open == m.Amount ? AlreadyDone(existing?.Id) : Refused("The record already has a commitment of a different amount; reverse it first.");
                }
                if (Bal(AccountKind.Available) < m.Amount)
                    return Insufficient($"Available {new Fen(Bal(AccountKind.Available))} is less than {new Fen(m.Amount)}.");
                deltas[AccountKind.Committed] = m.Amount;
                deltas[AccountKind.Available] = -m.Amount;
                break;
            }
            case EntryKind.Payment:
            {
                var src = m.Source!.Value;
                if (await LivePaymentAsync(src, ct) is { } paid)
                    return paid.FundCode == m.Fund && paid.Amount == m.Amount ? AlreadyDone(paid.Id) : Refused("The record is already paid with a different amount or fund.");
                var open = await OutstandingCommitmentAsync(src, accounts, ct);
                // Released commitment returns to available first; the payment then draws on available for any excess.
                if (Bal(AccountKind.Available) + open < m.Amount)
                    return Insufficient($"Available {new Fen(Bal(AccountKind.Available) + open)} is less than {new Fen(m.Amount)}.");
                deltas[AccountKind.Paid] = m.Amount;
                if (open != 0) deltas[AccountKind.Committed] = -open;
                if (open - m.Amount != 0) deltas[AccountKind.Available] = open - m.Amount;
                break;
            }
            default:
                return Refused("Unsupported entry kind.");
        }
        var entry = LedgerEntry.Create(m.Kind, m.Fund, m.Unit, m.Year, m.Amount, m.Source, m.Key, m.Memo, db.Actor.Name, clock.GetUtcNow());
        return await WriteAsync(entry, m.Fund, m.Unit, m.Year, accounts, deltas, null, ct);
    }

    private async Task<Outcome<Guid>> ReverseLockedAsync(Guid entryId, string reason, string key, CancellationToken ct)
    {
        if (await EntryByKeyAsync(key, ct) is { } prior)
            return prior.Kind == EntryKind.Reversal && prior.ReversesId == entryId ? AlreadyDone(prior.Id) : Refused("The idempotency key was used for a different request.");
        var target = await db.Set<LedgerEntry>().AsNoTracking().FirstAsync(e => e.Id == entryId, ct);
        if (target.Kind == EntryKind.Reversal) return Refused("A reversal cannot be reversed; post a new entry instead.");
        if (target.ReversedById is { } by) return AlreadyDone(by);
        var accounts = await AccountsAsync(target.FundCode, target.OrgUnitId, target.Year, ct);
        var byId = accounts.Values.ToDictionary(a => a.Id, a => a.Kind);
        var lines = await db.Set<LedgerLine>().AsNoTracking().Where(l => l.EntryId == entryId).ToListAsync(ct);
        var deltas = lines.GroupBy(l => byId[l.AccountId]).ToDictionary(g => g.Key, g => -g.Sum(l => l.Amount));
        long After(AccountKind k) => (accounts.TryGetValue(k, out var a) ? a.Balance : 0) + deltas.GetValueOrDefault(k);
        if (After(AccountKind.Available) < 0)
            return Insufficient("Reversing this entry would make the available budget negative; reverse the commitments or payments drawing on it first.");
        if (After(AccountKind.Committed) < 0 || After(AccountKind.Paid) < 0)
            return Refused("The commitment was already released by a payment; reverse the payment first.");
        if (target.Kind == EntryKind.Commitment && target.SourceType is not null
            && await LivePaymentAsync(new SourceRef(target.SourceType, target.SourceId!.Value), ct) is not null)
            return Refused("The record is paid; reverse the payment first.");
        var source = target.SourceType is null ? (SourceRef?)null : new SourceRef(target.SourceType, target.SourceId!.Value);
        var memo = reason.Trim()[..Math.Min(500, reason.Trim().Length)];
        var entry = LedgerEntry.Create(EntryKind.Reversal, target.FundCode, target.OrgUnitId, target.Year, target.Amount, source, key, memo, db.Actor.Name, clock.GetUtcNow(), reverses: target.Id);
        var written = await WriteAsync(entry, target.FundCode, target.OrgUnitId, target.Year, accounts, deltas, target.Id, ct);
        // The paid record follows its payment in the same transaction: the owning module marks it reversed, or refuses
        // (then the transaction rolls back and nothing is reversed).
        if (IsDone(written) && target.Kind == EntryKind.Payment && source is { } paid
            && _sources.FirstOrDefault(s => s.SourceType == paid.Type) is { } owner
            && await owner.PaymentReversedAsync(paid.Id, entry.Id, memo, ct) is { } refusal)
            return Refused(refusal);
        return written;
    }

    private async Task<Outcome<Guid>> WriteAsync(LedgerEntry entry, string fund, Guid unit, int year, Dictionary<AccountKind, LedgerAccount> accounts,
        Dictionary<AccountKind, long> deltas, Guid? reverses, CancellationToken ct)
    {
        if (deltas.Values.Sum() != 0) throw new InvalidOperationException("Unbalanced ledger entry.");
        var added = new List<object> { entry };
        foreach (var kind in deltas.Keys)
        {
            if (!accounts.ContainsKey(kind))
            {
                var acc = LedgerAccount.Open(fund, unit, year, kind);
                accounts[kind] = acc;
                added.Add(acc);
            }
        }
        foreach (var (kind, amount) in deltas) if (amount != 0) added.Add(LedgerLine.Create(entry.Id, accounts[kind].Id, amount));
        db.AddRange(added);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            foreach (var o in added) db.Entry(o).State = EntityState.Detached;
            // Another node wrote the same key or paid the same record between our check and our insert.
            return Refused("A concurrent request wrote the same idempotency key or paid the same record; retry.");
        }
        foreach (var o in added) db.Entry(o).State = EntityState.Detached;
        // Balances move in SQL (balance = balance + delta) so a stale tracked copy can never be written back.
        foreach (var (kind, amount) in deltas)
        {
            var id = accounts[kind].Id;
            if (amount != 0) await db.Set<LedgerAccount>().Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Balance, a => a.Balance + amount), ct);
        }
        if (reverses is { } r)
            await db.Set<LedgerEntry>().Where(e => e.Id == r).ExecuteUpdateAsync(s => s.SetProperty(e => e.ReversedById, entry.Id), ct);
        return Outcome<Guid>.Ok(entry.Id);
    }

    /// <summary>Runs body in a transaction holding the (fund, unit, year) locks (taken in a fixed order); commits only on Done.</summary>
    private async Task<Outcome<T>> InLockAsync<T>(long[] lockKeys, Func<Task<Outcome<T>>> body, CancellationToken ct)
    {
        var pg = db.IsNpgsql();
        var ambient = db.Database.CurrentTransaction is not null;
        // Inside the caller's transaction SQLite already holds the write lock; queueing on the semaphore could deadlock.
        var gate = !pg && !ambient;
        if (gate) await SqliteWriter.WaitAsync(ct);
        try
        {
            await using var own = ambient ? null : await db.Database.BeginTransactionAsync(ct);
            if (pg)
                foreach (var k in lockKeys.Distinct().Order())
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({k})", ct);
            var result = await body();
            if (own is not null)
            {
                if (IsDone(result)) await own.CommitAsync(ct);
                else await own.RollbackAsync(ct);
            }
            return result;
        }
        finally
        {
            if (gate) SqliteWriter.Release();
        }
    }

    internal static long LockKey(string fund, Guid unit, int year)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"funds|{fund}|{unit:N}|{year}"), hash);
        return BitConverter.ToInt64(hash[..8]);
    }

    private async Task<Dictionary<AccountKind, LedgerAccount>> AccountsAsync(string fund, Guid unit, int year, CancellationToken ct) =>
        await db.Set<LedgerAccount>().AsNoTracking().Where(a => a.FundCode == fund && a.OrgUnitId == unit && a.Year == year).ToDictionaryAsync(a => a.Kind, ct);

    private async Task<long> OutstandingCommitmentAsync(SourceRef src, Dictionary<AccountKind, LedgerAccount> accounts, CancellationToken ct)
    {
        if (!accounts.TryGetValue(AccountKind.Committed, out var committed)) return 0;
        var id = committed.Id;
        return await db.Set<LedgerLine>().AsNoTracking().Where(l => l.AccountId == id)
            .Join(db.Set<LedgerEntry>().Where(e => e.SourceType == src.Type && e.SourceId == src.Id), l => l.EntryId, e => e.Id, (l, e) => l.Amount)
            .SumAsync(ct);
    }

    private Task<LedgerEntry?> LivePaymentAsync(SourceRef src, CancellationToken ct) =>
        db.Set<LedgerEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.SourceType == src.Type && e.SourceId == src.Id && e.Kind == EntryKind.Payment && e.ReversedById == null, ct);

    private Task<LedgerEntry?> EntryByKeyAsync(string key, CancellationToken ct) =>
        db.Set<LedgerEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.IdempotencyKey == key, ct);

    private static Outcome<Guid> SameRequest(LedgerEntry prior, Move m) =>
        prior.Kind == m.Kind && prior.FundCode == m.Fund && prior.OrgUnitId == m.Unit && prior.Year == m.Year && prior.Amount == m.Amount
        && prior.SourceType == m.Source?.Type && prior.SourceId == m.Source?.Id
            ? AlreadyDone(prior.Id)
            : Refused("The idempotency key was used for a different request.");

    private static Outcome<Guid>? InvalidKey(string? key) =>
        string.IsNullOrWhiteSpace(key) || key.Length > MaxKeyLength ? Refused($"An idempotency key of 1 to {MaxKeyLength} characters is required.") : null;

    // ---- outcomes: the entry id; a repeat is replayed; refusals carry the ledger's reason after a stable code ----

    private static Outcome<Guid> AlreadyDone(Guid? id) =>
        id is { } e ? Outcome<Guid>.Ok(e, replayed: true) : Refused("The record's earlier entry was not found.");

    private static Outcome<Guid> Refused(string reason) => Outcome<Guid>.Conflict(LedgerCodes.Refused, reason) with { Title = "Refused" };

    private static Outcome<Guid> Insufficient(string reason) => Outcome<Guid>.Conflict(LedgerCodes.InsufficientBudget, reason) with { Title = "InsufficientBudget" };

    /// <summary>A new entry was written (not a replay of an earlier one).</summary>
    private static bool IsDone<T>(Outcome<T> o) => o.IsOk && !o.Replayed;
}
