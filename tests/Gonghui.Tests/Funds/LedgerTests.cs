using Gonghui.Modules.Funds.Public;
using System.Net;
using Gonghui.Modules.Funds;
using Gonghui.Modules.Funds.Ledger;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Data;
using Gonghui.Platform.Money;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Funds;

/// <summary>The double-entry fund ledger on each provider: zero-sum, overspend refusal under concurrency, idempotency, reversal.</summary>
public abstract class LedgerTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private const int Year = 2020;
    private static SourceRef Claim() => new("TestClaim", Guid.CreateVersion7());
    private static string Key() => "test:" + Guid.CreateVersion7();

    private async Task<T> Ledger<T>(Func<FundLedger, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<FundLedger>());
    }

    private async Task AssertEntriesBalanceAsync(Guid unit)
    {
        var (entries, sums) = await app.WithDbAsync(async db =>
        {
            var ids = await db.Set<LedgerEntry>().Where(e => e.OrgUnitId == unit).Select(e => e.Id).ToListAsync();
            var s = await db.Set<LedgerLine>().Where(l => ids.Contains(l.EntryId)).GroupBy(l => l.EntryId).Select(g => g.Sum(l => l.Amount)).ToListAsync();
            return (ids, s);
        });
        Assert.NotEmpty(entries);
        Assert.Equal(entries.Count, sums.Count);
        Assert.All(sums, s => Assert.Equal(0, s));
    }

    private static void AssertIdentity(FundBalance b) => Assert.Equal(b.Budget, b.Available + b.Committed + b.Paid);

    [Fact]
    public async Task Allocation_commitment_and_payment_are_balanced_entries_and_balances_add_up()
    {
        var unit = Guid.CreateVersion7();
        var claim = Claim();
        Assert.Equal(LedgerState.Done, (await Ledger(l => l.AllocateBudgetAsync(FundCodes.MutualAid, unit, Year, Fen.FromYuan(10_000), Key()))).State());
        Assert.Equal(LedgerState.Done, (await Ledger(l => l.CommitAsync(FundCodes.MutualAid, unit, Year, Fen.FromYuan(3_000), claim, Key()))).State());
        var afterCommit = await Ledger(l => l.BalanceAsync(FundCodes.MutualAid, unit, Year));
        Assert.Equal(Fen.FromYuan(3_000), afterCommit.Committed);
        Assert.Equal(Fen.FromYuan(7_000), afterCommit.Available);
        AssertIdentity(afterCommit);

        // Paid less than committed: the rest of the commitment goes back to available.
        var pay = await Ledger(l => l.PayAsync(FundCodes.MutualAid, unit, Year, Fen.FromYuan(2_500), claim, Key()));
        Assert.Equal(LedgerState.Done, pay.State());
        var b = await Ledger(l => l.BalanceAsync(FundCodes.MutualAid, unit, Year));
        Assert.Equal(Fen.FromYuan(10_000), b.Budget);
        Assert.Equal(Fen.Zero, b.Committed);
        Assert.Equal(Fen.FromYuan(2_500), b.Paid);
        Assert.Equal(Fen.FromYuan(7_500), b.Available);
        AssertIdentity(b);
        await AssertEntriesBalanceAsync(unit);

        var entries = await Ledger(l => l.EntriesForAsync(claim));
        Assert.Equal([EntryKind.Commitment, EntryKind.Payment], entries.Select(e => e.Kind));
        Assert.All(entries, e => Assert.Equal(claim.Id, e.SourceId));
        Assert.Equal(pay.Value, (await Ledger(l => l.PaymentOfAsync(claim)))!.Id);

        var report = await Ledger(l => l.ReconcileAsync(Year));
        Assert.True(report.IsClean, string.Join(", ", report.Funds.Select(f => $"{f.FundCode}={f.Sum}")));
        Assert.All(report.Funds, f => Assert.Equal(0, f.Sum));
    }

    [Fact]
    public async Task A_bulk_batch_commits_and_pays_each_record_once_or_refuses_the_whole_batch()
    {
        var unit = Guid.CreateVersion7();
        await Ledger(l => l.AllocateBudgetAsync(FundCodes.MutualAid, unit, Year, new Fen(1_000_00), Key()));
        var batch = Enumerable.Range(1, 1_200).Select(i => new BulkPayment(Claim(), new Fen(i % 3 == 0 ? 1 : 0) + new Fen(50), Key(), Key())).ToList();
        var sum = batch.Sum(p => p.Amount.Value);

        // More than the budget: refused as a whole, nothing written.
        var over = await Ledger(l => l.CommitAndPayManyAsync(FundCodes.MutualAid, unit, Year, [.. batch, new(Claim(), new Fen(1_000_00), Key(), Key())]));
        Assert.Equal(LedgerCodes.InsufficientBudget, over.Code);
        Assert.Equal(0, (await Ledger(l => l.BalanceAsync(FundCodes.MutualAid, unit, Year))).Paid.Value);

        var done = await Ledger(l => l.CommitAndPayManyAsync(FundCodes.MutualAid, unit, Year, batch));
        Assert.True(done.IsOk, done.Detail);
        Assert.Equal(batch.Count, done.Value!.Count);
        var b = await Ledger(l => l.BalanceAsync(FundCodes.MutualAid, unit, Year));
        Assert.Equal(sum, b.Paid.Value);
        Assert.Equal(0, b.Committed.Value);
        Assert.Equal(1_000_00 - sum, b.Available.Value);
        AssertIdentity(b);
        await AssertEntriesBalanceAsync(unit);
        var entries = await Ledger(l => l.EntriesForAsync(batch[7].Source));
        Assert.Equal([EntryKind.Commitment, EntryKind.Payment], entries.Select(e => e.Kind));
        Assert.Equal(done.Value[7].PaymentEntryId, (await Ledger(l => l.PaymentOfAsync(batch[7].Source)))!.Id);

        // A second run of the same records (new keys), a record twice, a key twice: refused, the balances unchanged.
        var again = await Ledger(l => l.CommitAndPayManyAsync(FundCodes.MutualAid, unit, Year, [new(batch[0].Source, batch[0].Amount, Key(), Key())]));
        Assert.Equal(LedgerCodes.Refused, again.Code);
        var source = Claim();
        Assert.Equal(LedgerCodes.Refused, (await Ledger(l => l.CommitAndPayManyAsync(FundCodes.MutualAid, unit, Year, [new(source, new Fen(1), Key(), Key()), new(source, new Fen(1), Key(), Key())]))).Code);
        var key = Key();
        Assert.Equal(LedgerCodes.Refused, (await Ledger(l => l.CommitAndPayManyAsync(FundCodes.MutualAid, unit, Year, [new(Claim(), new Fen(1), key, Key()), new(Claim(), new Fen(1), Key(), key)]))).Code);
        Assert.Equal(LedgerCodes.Refused, (await Ledger(l => l.CommitAndPayManyAsync(FundCodes.MutualAid, unit, Year, [new(Claim(), new Fen(0), Key(), Key())]))).Code);
        Assert.Equal(sum, (await Ledger(l => l.BalanceAsync(FundCodes.MutualAid, unit, Year))).Paid.Value);
    }

    [Fact]
    public async Task Overspending_is_refused_for_commitments_and_payments()
    {
        var unit = Guid.CreateVersion7();
        await Ledger(l => l.AllocateBudgetAsync(FundCodes.Warmth, unit, Year, new Fen(100_00), Key()));
        var tooMuch = await Ledger(l => l.CommitAsync(FundCodes.Warmth, unit, Year, new Fen(100_01), Claim(), Key()));
        Assert.Equal(LedgerState.InsufficientBudget, tooMuch.State());
        Assert.False(tooMuch.IsOk);
        Assert.Equal(LedgerState.Done, (await Ledger(l => l.CommitAsync(FundCodes.Warmth, unit, Year, new Fen(60_00), Claim(), Key()))).State());
        // A payment without a commitment draws on what is left available (40 yuan).
        Assert.Equal(LedgerState.InsufficientBudget, (await Ledger(l => l.PayAsync(FundCodes.Warmth, unit, Year, new Fen(40_01), Claim(), Key()))).State());
        Assert.Equal(LedgerState.Done, (await Ledger(l => l.PayAsync(FundCodes.Warmth, unit, Year, new Fen(40_00), Claim(), Key()))).State());
        // Nothing allocated in another year or fund.
        Assert.Equal(LedgerState.InsufficientBudget, (await Ledger(l => l.CommitAsync(FundCodes.Warmth, unit, Year + 1, new Fen(1), Claim(), Key()))).State());
        Assert.Equal(LedgerState.InsufficientBudget, (await Ledger(l => l.CommitAsync(FundCodes.Education, unit, Year, new Fen(1), Claim(), Key()))).State());
        var b = await Ledger(l => l.BalanceAsync(FundCodes.Warmth, unit, Year));
        Assert.Equal(Fen.Zero, b.Available);
        Assert.Equal(new Fen(60_00), b.Committed);
        Assert.Equal(new Fen(40_00), b.Paid);
        AssertIdentity(b);
        await AssertEntriesBalanceAsync(unit);
    }

    [Fact]
    public async Task Invalid_requests_are_refused_without_writing()
    {
        var unit = Guid.CreateVersion7();
        Assert.Equal(LedgerState.Refused, (await Ledger(l => l.AllocateBudgetAsync("no-such-fund", unit, Year, new Fen(1), Key()))).State());
        Assert.Equal(LedgerState.Refused, (await Ledger(l => l.AllocateBudgetAsync(FundCodes.Loan, unit, Year, new Fen(0), Key()))).State());
        Assert.Equal(LedgerState.Refused, (await Ledger(l => l.AllocateBudgetAsync(FundCodes.Loan, unit, Year, new Fen(-5), Key()))).State());
        Assert.Equal(LedgerState.Refused, (await Ledger(l => l.AllocateBudgetAsync(FundCodes.Loan, unit, Year, new Fen(5), " "))).State());
        Assert.Equal(LedgerState.Refused, (await Ledger(l => l.PayAsync(FundCodes.Loan, unit, Year, new Fen(5), new SourceRef("", Guid.NewGuid()), Key()))).State());
        Assert.Equal(LedgerState.NotFound, (await Ledger(l => l.ReverseAsync(Guid.CreateVersion7(), "typo", Key()))).State());
        var b = await Ledger(l => l.BalanceAsync(FundCodes.Loan, unit, Year));
        Assert.Equal(Fen.Zero, b.Budget);
        Assert.Equal(0, await Ledger(l => l.CountEntriesAsync(FundCodes.Loan, unit, Year)));
    }

    [Fact]
    public async Task Fifty_concurrent_approvals_against_a_budget_that_fits_ten_commit_exactly_ten()
    {
        var unit = Guid.CreateVersion7();
        var each = Fen.FromYuan(1_000);
        await Ledger(l => l.AllocateBudgetAsync(FundCodes.Warmth, unit, Year, Fen.FromYuan(10_000), Key()));
        using var start = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            // Each approval in its own DI scope, so its own DbContext and connection.
            using var scope = app.Services.CreateScope();
            var ledger = scope.ServiceProvider.GetRequiredService<FundLedger>();
            start.Wait();
            return await ledger.CommitAsync(FundCodes.Warmth, unit, Year, each, Claim(), Key());
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(tasks);
        Assert.Equal(10, results.Count(r => r.State() == LedgerState.Done));
        Assert.Equal(40, results.Count(r => r.State() == LedgerState.InsufficientBudget));
        var b = await Ledger(l => l.BalanceAsync(FundCodes.Warmth, unit, Year));
        Assert.Equal(Fen.FromYuan(10_000), b.Committed);
        Assert.Equal(Fen.Zero, b.Available);
        AssertIdentity(b);
        await AssertEntriesBalanceAsync(unit);
    }

    [Fact]
    public async Task Fifty_concurrent_direct_payments_never_overspend()
    {
        var unit = Guid.CreateVersion7();
        await Ledger(l => l.AllocateBudgetAsync(FundCodes.Education, unit, Year, Fen.FromYuan(10_000), Key()));
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            using var scope = app.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<FundLedger>().PayAsync(FundCodes.Education, unit, Year, Fen.FromYuan(1_000), Claim(), Key());
        })));
        Assert.Equal(10, results.Count(r => r.State() == LedgerState.Done));
        var b = await Ledger(l => l.BalanceAsync(FundCodes.Education, unit, Year));
        Assert.Equal(Fen.FromYuan(10_000), b.Paid);
        Assert.Equal(Fen.Zero, b.Available);
    }

    [Fact]
    public async Task A_retried_payment_with_the_same_key_pays_once_even_concurrently()
    {
        var unit = Guid.CreateVersion7();
        var claim = Claim();
        var key = Key();
        await Ledger(l => l.AllocateBudgetAsync(FundCodes.MutualAid, unit, Year, Fen.FromYuan(5_000), Key()));
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            using var scope = app.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<FundLedger>().PayAsync(FundCodes.MutualAid, unit, Year, Fen.FromYuan(800), claim, key);
        })));
        Assert.Single(results, r => r.State() == LedgerState.Done);
        Assert.All(results, r => Assert.True(r.IsOk, r.Detail));
        Assert.Single(results.Select(r => r.Value).Distinct());
        var retry = await Ledger(l => l.PayAsync(FundCodes.MutualAid, unit, Year, Fen.FromYuan(800), claim, key));
        Assert.Equal(LedgerState.AlreadyDone, retry.State());
        Assert.Equal(results[0].Value, retry.Value);
        // A new key for the same record does not pay it again either; a different amount is refused.
        Assert.Equal(LedgerState.AlreadyDone, (await Ledger(l => l.PayAsync(FundCodes.MutualAid, unit, Year, Fen.FromYuan(800), claim, Key()))).State());
        Assert.Equal(LedgerState.Refused, (await Ledger(l => l.PayAsync(FundCodes.MutualAid, unit, Year, Fen.FromYuan(900), claim, Key()))).State());
        // The same key for a different request is refused.
        Assert.Equal(LedgerState.Refused, (await Ledger(l => l.PayAsync(FundCodes.MutualAid, unit, Year, Fen.FromYuan(800), Claim(), key))).State());
        var b = await Ledger(l => l.BalanceAsync(FundCodes.MutualAid, unit, Year));
        Assert.Equal(Fen.FromYuan(800), b.Paid);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.SourceId == claim.Id && e.Kind == EntryKind.Payment)));
    }

    [Fact]
    public async Task The_database_refuses_a_second_live_payment_of_the_same_record()
    {
        var claim = Claim();
        var unit = Guid.CreateVersion7();
        await app.WithDbAsync(async db =>
        {
            db.Add(LedgerEntry.Create(EntryKind.Payment, FundCodes.Loan, unit, Year, 1, claim, Key(), null, "test", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            return 0;
        });
        await Assert.ThrowsAsync<DbUpdateException>(() => app.WithDbAsync(async db =>
        {
            db.Add(LedgerEntry.Create(EntryKind.Payment, FundCodes.Loan, unit, Year, 1, claim, Key(), null, "test", DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        }));
    }

    [Fact]
    public async Task Reversal_restores_balances_and_a_reversed_payment_can_be_paid_again()
    {
        var unit = Guid.CreateVersion7();
        var claim = Claim();
        await Ledger(l => l.AllocateBudgetAsync(FundCodes.Accident, unit, Year, Fen.FromYuan(1_000), Key()));
        var allocated = await Ledger(l => l.BalanceAsync(FundCodes.Accident, unit, Year));
        var commit = await Ledger(l => l.CommitAsync(FundCodes.Accident, unit, Year, Fen.FromYuan(400), claim, Key()));
        var committed = await Ledger(l => l.BalanceAsync(FundCodes.Accident, unit, Year));
        var pay = await Ledger(l => l.PayAsync(FundCodes.Accident, unit, Year, Fen.FromYuan(450), claim, Key()));
        Assert.Equal(LedgerState.Done, pay.State());

        // The commitment was released by the payment: it cannot be reversed before the payment is.
        Assert.Equal(LedgerState.Refused, (await Ledger(l => l.ReverseAsync(commit.Value, "wrong person", Key()))).State());

        var revKey = Key();
        var rev = await Ledger(l => l.ReverseAsync(pay.Value, "paid to the wrong account", revKey));
        Assert.Equal(LedgerState.Done, rev.State());
        Assert.Equal(committed, await Ledger(l => l.BalanceAsync(FundCodes.Accident, unit, Year)));
        Assert.Equal(LedgerState.AlreadyDone, (await Ledger(l => l.ReverseAsync(pay.Value, "paid to the wrong account", revKey))).State());
        Assert.Equal(LedgerState.AlreadyDone, (await Ledger(l => l.ReverseAsync(pay.Value, "again", Key()))).State());
        Assert.Equal(LedgerState.Refused, (await Ledger(l => l.ReverseAsync(rev.Value, "undo the undo", Key()))).State());
        var original = await Ledger(l => l.EntryAsync(pay.Value));
        Assert.Equal(rev.Value, original!.ReversedById);

        Assert.Equal(LedgerState.Done, (await Ledger(l => l.ReverseAsync(commit.Value, "withdrawn", Key()))).State());
        Assert.Equal(allocated, await Ledger(l => l.BalanceAsync(FundCodes.Accident, unit, Year)));

        // Reversal is not deletion: the record can be paid again, once.
        Assert.Equal(LedgerState.Done, (await Ledger(l => l.PayAsync(FundCodes.Accident, unit, Year, Fen.FromYuan(450), claim, Key()))).State());
        var b = await Ledger(l => l.BalanceAsync(FundCodes.Accident, unit, Year));
        Assert.Equal(Fen.FromYuan(450), b.Paid);
        Assert.Equal(Fen.FromYuan(550), b.Available);
        Assert.Equal(5, (await Ledger(l => l.EntriesForAsync(claim))).Count);
        await AssertEntriesBalanceAsync(unit);
        Assert.True((await Ledger(l => l.ReconcileAsync(Year))).IsClean);
    }

    [Fact]
    public async Task Reversing_an_allocation_that_is_already_spent_is_refused()
    {
        var unit = Guid.CreateVersion7();
        var alloc = await Ledger(l => l.AllocateBudgetAsync(FundCodes.Innovation, unit, Year, Fen.FromYuan(100), Key()));
        await Ledger(l => l.PayAsync(FundCodes.Innovation, unit, Year, Fen.FromYuan(1), Claim(), Key()));
        Assert.Equal(LedgerState.InsufficientBudget, (await Ledger(l => l.ReverseAsync(alloc.Value, "too generous", Key()))).State());
        Assert.Equal(Fen.FromYuan(100), (await Ledger(l => l.BalanceAsync(FundCodes.Innovation, unit, Year))).Budget);
    }

    [Fact]
    public async Task Allocation_api_needs_an_idempotency_key_replays_a_retry_and_is_scoped()
    {
        var admin = await app.ClientAsync("admin");
        var (dongcheng, xicheng) = await app.WithDbAsync(async db => (
            await db.Set<OrgUnit>().Where(u => u.Path == "/BJ/DC/").Select(u => u.Id).SingleAsync(),
            await db.Set<OrgUnit>().Where(u => u.Path == "/BJ/XC/").Select(u => u.Id).SingleAsync()));
        var year = 2031 + Random.Shared.Next(0, 60);
        // A district's allocation is drawn from the federation's budget: grant the federation some first.
        var root = await app.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Path == "/BJ/").Select(u => u.Id).SingleAsync());
        Assert.Equal(LedgerState.Done, (await Ledger(l => l.AllocateBudgetAsync(FundCodes.FeeRefund, root, year, new Fen(1_000_00), Key()))).State());
        var body = new { fundCode = FundCodes.FeeRefund, orgUnitId = dongcheng, year, amountFen = 123_45 };

        var noKey = await admin.PostJsonAsync("/api/v1/funds/allocations", body);
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Contains("Idempotency-Key", await noKey.Content.ReadAsStringAsync());

        var key = Guid.NewGuid().ToString();
        HttpResponseMessage Post(HttpClient c, object b)
        {
            var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/funds/allocations") { Content = System.Net.Http.Json.JsonContent.Create(b) };
            req.Headers.Add("Idempotency-Key", key);
            return c.SendAsync(req).GetAwaiter().GetResult();
        }
        var first = Post(admin, body);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var again = Post(admin, body);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode); // the first answer, replayed by the platform
        Assert.Contains("true", again.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal((await first.ReadJsonAsync<LedgerPostingDto>())!.EntryId, (await again.ReadJsonAsync<LedgerPostingDto>())!.EntryId);

        var detail = await admin.GetJsonAsync<FundDetailDto>($"/api/v1/funds/{FundCodes.FeeRefund}/{dongcheng}/{year}");
        Assert.Equal(123_45, detail!.Balance.BudgetFen);
        Assert.Single(detail.Entries.Items);
        // An account's entries page by keyset, newest first.
        for (var i = 0; i < 4; i++)
            Assert.Equal(LedgerState.Done, (await Ledger(l => l.AllocateBudgetAsync(FundCodes.FeeRefund, dongcheng, year, new Fen(1_00), Key()))).State());
        var entriesUrl = $"/api/v1/funds/{FundCodes.FeeRefund}/{dongcheng}/{year}";
        var entries = await KeysetPaging.WalkAsync<LedgerEntryView>(admin, entriesUrl, e => e.Id,
            inOrder: (a, b) => a.At > b.At || (a.At == b.At && a.Id.CompareTo(b.Id) > 0),
            get: async (c, u) => (await c.GetJsonAsync<FundDetailDto>(u))!.Entries);
        Assert.Equal(5, entries.Count);
        await KeysetPaging.BadInputIs400Async(admin, entriesUrl);

        var dc = await app.ClientAsync("dongcheng");
        Assert.Equal(HttpStatusCode.NotFound, (await dc.GetAsync($"/api/v1/funds/{FundCodes.FeeRefund}/{xicheng}/{year}")).StatusCode);
        var balances = await dc.GetJsonAsync<List<FundBalanceDto>>($"/api/v1/funds/balances?year={year}");
        Assert.All(balances!, b => Assert.StartsWith("/BJ/DC/", b.UnitPath));
        Assert.Contains(balances!, b => b.OrgUnitId == dongcheng && b.FundCode == FundCodes.FeeRefund);
        Assert.Equal(HttpStatusCode.Forbidden, (await dc.GetAsync("/api/v1/funds/reconciliation")).StatusCode);
        var report = await admin.GetJsonAsync<ReconciliationReport>($"/api/v1/funds/reconciliation?year={year}");
        Assert.True(report!.IsClean);
    }
}

public sealed class LedgerTests_Sqlite(SqliteApp app) : LedgerTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class LedgerTests_Postgres(PostgresApp app) : LedgerTests<PostgresApp>(app), IClassFixture<PostgresApp>;
