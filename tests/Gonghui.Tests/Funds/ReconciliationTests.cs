using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Funds;
using Gonghui.Modules.Funds.Ledger;
using Gonghui.Platform.Data;
using Gonghui.Platform.Money;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Funds;

/// <summary>
/// The reconciliation report finds what it promises to find: books damaged behind the ledger's back (raw SQL, as a bad
/// migration or a hand edit would) show up as unbalanced entries, accounts out of balance and a record paid twice.
/// Each provider class has a database of its own, so damaging it touches no other test.
/// </summary>
public abstract class ReconciliationTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private const int Year = 2031; // a year the demo data leaves empty

    private async Task<T> Ledger<T>(Func<FundLedger, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<FundLedger>());
    }

    [Fact]
    public async Task Damaged_books_are_reported_and_clean_books_are_clean()
    {
        var unit = Guid.CreateVersion7();
        var first = new SourceRef("TestClaim", Guid.CreateVersion7());
        var second = new SourceRef("TestClaim", Guid.CreateVersion7());
        await Ledger(l => l.AllocateBudgetAsync(FundCodes.MutualAid, unit, Year, Fen.FromYuan(10_000), "rec:alloc:" + unit));
        var pay1 = await Ledger(l => l.PayAsync(FundCodes.MutualAid, unit, Year, Fen.FromYuan(100), first, "rec:pay1:" + unit));
        var pay2 = await Ledger(l => l.PayAsync(FundCodes.MutualAid, unit, Year, Fen.FromYuan(200), second, "rec:pay2:" + unit));
        Assert.True(pay1.IsOk && pay2.IsOk);
        var clean = await Ledger(l => l.ReconcileAsync(Year));
        Assert.True(clean.IsClean);
        Assert.Equal(3, clean.Entries);
        Assert.Equal(6, clean.Lines);

        // One line of the first payment loses a fen: its entry no longer balances, and neither does its account.
        var sqlite = app is SqliteApp;
        var line = await app.WithDbAsync(db => db.Set<LedgerLine>().Where(l => l.EntryId == pay1.Value && l.Amount > 0).Select(l => new { l.Id, l.AccountId }).SingleAsync());
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE funds_lines SET amount = amount - 1 WHERE id = {Param(line.Id, sqlite)}"));
        var damaged = await Ledger(l => l.ReconcileAsync(Year));
        Assert.False(damaged.IsClean);
        Assert.Equal([pay1.Value], damaged.UnbalancedEntries);
        Assert.Equal([line.AccountId], damaged.AccountsOutOfBalance);
        Assert.Equal(-1, damaged.Funds.Single(f => f.FundCode == FundCodes.MutualAid).Sum);
        Assert.Empty(damaged.SourcesPaidMoreThanOnce);

        // The unique index that refuses a second live payment is dropped and the second payment is re-pointed at the first
        // record: the report no longer relies on the index and finds the record paid twice.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync($"DROP INDEX {FundLedger.LivePaymentIndex}"));
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE funds_entries SET source_id = {Param(first.Id, sqlite)} WHERE id = {Param(pay2.Value, sqlite)}"));
        var twice = await Ledger(l => l.ReconcileAsync(Year));
        Assert.Equal([first], twice.SourcesPaidMoreThanOnce);
    }

    /// <summary>EF Core stores GUIDs as upper-case text on SQLite and as uuid on PostgreSQL.</summary>
    private static object Param(Guid id, bool sqlite) => sqlite ? id.ToString().ToUpperInvariant() : id;
}

public sealed class ReconciliationTests_Sqlite(SqliteApp app) : ReconciliationTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class ReconciliationTests_Postgres(PostgresApp app) : ReconciliationTests<PostgresApp>(app), IClassFixture<PostgresApp>;
