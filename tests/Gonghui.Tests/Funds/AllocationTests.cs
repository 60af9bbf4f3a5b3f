using Gonghui.Modules.Funds.Ledger;
using Gonghui.Modules.Funds.Public;
using System.Net;
using Gonghui.Modules.Funds;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Money;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Funds;

/// <summary>
/// Budget flows down the tree: an allocation to a district (or any unit below the federation) draws the parent's available
/// budget down in the same transaction, is refused beyond it with a stable code, never lets two concurrent allocations both
/// pass, and a reversal gives the budget back to the parent.
/// </summary>
public abstract class AllocationTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private static int NewYear() => 2101 - Random.Shared.Next(1, 60); // an empty year per test (the demo uses 2020, 2021 and now)

    private async Task<T> Ledger<T>(Func<FundLedger, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider.GetRequiredService<FundLedger>());
    }

    private Task<(Guid Root, Guid Dongcheng, Guid Grassroots)> UnitsAsync() => app.WithDbAsync(async db => (
        await db.Set<OrgUnit>().Where(u => u.Path == "/BJ/").Select(u => u.Id).SingleAsync(),
        await db.Set<OrgUnit>().Where(u => u.Path == "/BJ/DC/").Select(u => u.Id).SingleAsync(),
        await db.Set<OrgUnit>().Where(u => u.ParentId != null && u.Path.StartsWith("/BJ/DC/") && u.Depth == 2).OrderBy(u => u.Path).Select(u => u.Id).FirstAsync()));

    private static HttpRequestMessage Allocate(object body, string key)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/funds/allocations") { Content = System.Net.Http.Json.JsonContent.Create(body) };
        req.Headers.Add("Idempotency-Key", key);
        return req;
    }

    [Fact]
    public async Task A_district_allocation_draws_down_the_federation_and_is_refused_beyond_it()
    {
        var (root, dongcheng, _) = await UnitsAsync();
        var year = NewYear();
        await Ledger(l => l.AllocateBudgetAsync(FundCodes.Warmth, root, year, Fen.FromYuan(1_000), "t:root:" + Guid.NewGuid()));
        var admin = await app.ClientAsync("admin");

        var ok = await admin.SendAsync(Allocate(new { fundCode = FundCodes.Warmth, orgUnitId = dongcheng, year, amountFen = 600_00 }, Guid.NewGuid().ToString()));
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var parent = await Ledger(l => l.BalanceAsync(FundCodes.Warmth, root, year));
        var child = await Ledger(l => l.BalanceAsync(FundCodes.Warmth, dongcheng, year));
        Assert.Equal(Fen.FromYuan(400), parent.Budget);
        Assert.Equal(Fen.FromYuan(400), parent.Available);
        Assert.Equal(Fen.FromYuan(600), child.Budget);

        // 400.01 yuan is more than the federation has left: refused, nothing written.
        var tooMuch = await admin.SendAsync(Allocate(new { fundCode = FundCodes.Warmth, orgUnitId = dongcheng, year, amountFen = 400_01 }, Guid.NewGuid().ToString()));
        Assert.Equal(HttpStatusCode.Conflict, tooMuch.StatusCode);
        Assert.Equal("application/problem+json", tooMuch.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"code\":\"funds.allocation.exceedsParentBudget\"", await tooMuch.Content.ReadAsStringAsync());
        Assert.Equal(Fen.FromYuan(400), (await Ledger(l => l.BalanceAsync(FundCodes.Warmth, root, year))).Available);
        Assert.Equal(Fen.FromYuan(600), (await Ledger(l => l.BalanceAsync(FundCodes.Warmth, dongcheng, year))).Budget);

        // Nothing allocated to the federation for another fund: a district gets nothing out of nothing.
        var fromNothing = await admin.SendAsync(Allocate(new { fundCode = FundCodes.Loan, orgUnitId = dongcheng, year, amountFen = 1 }, Guid.NewGuid().ToString()));
        Assert.Equal(HttpStatusCode.Conflict, fromNothing.StatusCode);

        var report = await Ledger(l => l.ReconcileAsync(year));
        Assert.True(report.IsClean);
        Assert.Equal(0, report.Funds.Single(f => f.FundCode == FundCodes.Warmth).Sum);
    }

    [Fact]
    public async Task Concurrent_allocations_never_take_more_than_the_parent_has()
    {
        var (root, dongcheng, grassroots) = await UnitsAsync();
        var year = NewYear();
        await Ledger(l => l.AllocateBudgetAsync(FundCodes.Education, root, year, Fen.FromYuan(1_000), "t:root:" + Guid.NewGuid()));
        Assert.True((await Ledger(l => l.AllocateFromParentAsync(FundCodes.Education, root, dongcheng, year, Fen.FromYuan(500), "t:dc:" + Guid.NewGuid()))).IsOk);

        // 30 allocations of 100 yuan from the district to its grassroots union, all at once: its 500 yuan fit exactly five.
        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() =>
            Ledger(l => l.AllocateFromParentAsync(FundCodes.Education, dongcheng, grassroots, year, Fen.FromYuan(100), "t:gr:" + Guid.NewGuid())))));
        Assert.Equal(5, results.Count(r => r.State() == LedgerState.Done));
        Assert.Equal(25, results.Count(r => r.State() == LedgerState.InsufficientBudget));
        var district = await Ledger(l => l.BalanceAsync(FundCodes.Education, dongcheng, year));
        var unit = await Ledger(l => l.BalanceAsync(FundCodes.Education, grassroots, year));
        Assert.Equal(Fen.Zero, district.Available);
        Assert.Equal(Fen.Zero, district.Budget);
        Assert.Equal(Fen.FromYuan(500), unit.Budget);

        // Reversing one allocation gives its budget back to the parent, both sides in one transaction.
        var one = results.First(r => r.State() == LedgerState.Done).Value;
        Assert.Equal(LedgerState.Done, (await Ledger(l => l.ReverseAsync(one, "wrong unit", "t:rev:" + Guid.NewGuid()))).State());
        Assert.Equal(Fen.FromYuan(100), (await Ledger(l => l.BalanceAsync(FundCodes.Education, dongcheng, year))).Available);
        Assert.Equal(Fen.FromYuan(400), (await Ledger(l => l.BalanceAsync(FundCodes.Education, grassroots, year))).Budget);
        Assert.True((await Ledger(l => l.ReconcileAsync(year))).IsClean);
    }
}

public sealed class AllocationTests_Sqlite(SqliteApp app) : AllocationTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class AllocationTests_Postgres(PostgresApp app) : AllocationTests<PostgresApp>(app), IClassFixture<PostgresApp>;
