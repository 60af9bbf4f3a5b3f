using System.Diagnostics;
using System.Security.Claims;
using Gonghui.Modules.MemberCard.Merchants;
using Gonghui.Modules.MemberCard.Offers;
using Gonghui.Modules.MemberCard.Redemptions;
using Gonghui.Modules.MemberCard.Rules;
using Gonghui.Modules.MemberCard.Settlements;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Passes;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gonghui.Bench;

/// <summary>
/// Scenario "member-card": 1,000 simultaneous redemptions (reserve with the member pass, then confirm) of an offer with 1,000
/// left, then 1,000 more of an offer with 100 left; checks that exactly 1,000 and exactly 100 go through, that the budgets
/// end at zero and that the month's statement sums to the redemptions, and gives the rate. Baseline in the same run: the
/// bare conditional UPDATE of the budget (<c>remaining_count &gt;= 1</c>) 1,000 times at the same concurrency — the limit a
/// redemption's one serialised write can reach. SQLite always; PostgreSQL too when GONGHUI_BENCH_PG names a server.
/// </summary>
public static class MemberCardBench
{
    private static readonly IReadOnlyList<ModelConfiguration> Modules = global::Program.AddModules(new ServiceCollection()).ModelConfigurations();

    public static readonly Scenario Scenario = new("member-card", "member card: 1,000 simultaneous redemptions settle exactly (offers with 1,000 and 100 left), the rate against the bare budget UPDATE [--n N]", RunAsync);

    private sealed class BenchActor : IAuditActor { public string Name => "bench"; }
    private sealed class Paths : IOrgPathLookup { public Task<string?> PathOfAsync(Guid unitId, CancellationToken ct = default) => Task.FromResult<string?>("/BJ/"); }
    private sealed class FixedClock(DateTimeOffset at) : TimeProvider { public override DateTimeOffset GetUtcNow() => at; }

    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(string name, int dflt) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : dflt; }
        var n = Arg("--n", 1000);
        var dir = Directory.CreateTempSubdirectory("gonghui-bench-card-").FullName;
        var failed = false;
        failed |= !await RunOnAsync("SQLite", () => new SqliteGonghuiDb(new DbContextOptionsBuilder<SqliteGonghuiDb>()
            .UseSqlite($"Data Source={Path.Combine(dir, "bench.db")}").UseModelConfigurations(Modules).Options, new BenchActor(), TimeProvider.System), n);
        var pg = Environment.GetEnvironmentVariable("GONGHUI_BENCH_PG");
        if (!string.IsNullOrEmpty(pg))
        {
            var name = "gonghui_bench_mc_" + Guid.NewGuid().ToString("N")[..8];
            await using (var c = new NpgsqlConnection(pg)) { await c.OpenAsync(); await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", c).ExecuteNonQueryAsync(); }
            var cs = new NpgsqlConnectionStringBuilder(pg) { Database = name, MaxPoolSize = 200 }.ConnectionString;
            try
            {
                failed |= !await RunOnAsync("PostgreSQL", () => new PostgresGonghuiDb(new DbContextOptionsBuilder<PostgresGonghuiDb>().UseNpgsql(cs).UseModelConfigurations(Modules).Options,
                    new BenchActor(), TimeProvider.System), n);
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                await using var c = new NpgsqlConnection(pg);
                await c.OpenAsync();
                await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", c).ExecuteNonQueryAsync();
            }
        }
        else Console.WriteLine("(PostgreSQL skipped: set GONGHUI_BENCH_PG to a server connection string to include it)");
        Directory.Delete(dir, true);
        return failed ? 1 : 0;
    }

    private static async Task<bool> RunOnAsync(string provider, Func<GonghuiDb> newDb, int n)
    {
        Console.WriteLine($"\n== {provider}: {n:N0} simultaneous redemptions");
        var at = new DateTimeOffset(2020, 7, 15, 4, 0, 0, TimeSpan.Zero);
        var clock = new FixedClock(at);
        var key = new byte[32];
        var signer = new MemberPassSigner(key, clock);
        var unit = Guid.CreateVersion7();
        var merchant = Merchant.Create(Guid.CreateVersion7(), "基准超市", MerchantKind.Shop, null, null, "BENCH-1", new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31), unit, "/BJ/", null, at);
        Offer NewOffer(long count) => Offer.Create(Guid.CreateVersion7(), merchant.Id, $"满99减50 ({count})", new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31), OfferChannels.Both,
            99_00, 50_00, 6_000, MemberGroups.AllMembers, null, null, count, count * 50_00, false, at);
        var plenty = NewOffer(n);
        var scarce = NewOffer(100);
        var baselineOffer = NewOffer(n);
        var members = Enumerable.Range(0, n).Select(i => new Member { Id = Guid.CreateVersion7(), Name = "会员" + i, IdNumberCipher = "x", IdNumberHash = "h" + i, IdNumberMasked = "x",
            BirthDate = new DateOnly(1985, 1, 1), UnionId = unit, JoinedOn = new DateOnly(2010, 1, 1), Status = MemberStatus.Active, UpdatedAt = at }).ToList();
        await using (var db = newDb())
        {
            await DataModule.MigrateAsync(db);
            await HardshipBench.BulkAsync(db, [merchant]);
            await HardshipBench.BulkAsync(db, new[] { plenty, scarce, baselineOffer });
            await HardshipBench.BulkAsync(db, members);
        }

        CurrentUser User(string role)
        {
            var ctx = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bench"), new Claim(ClaimTypes.Role, role),
                new Claim(GonghuiClaims.OrgUnit, unit.ToString())], "bench")) };
            return new CurrentUser(new HttpContextAccessor { HttpContext = ctx }, new Paths());
        }

        async Task<(int Ok, int Refused, double Seconds)> RedeemAllAsync(Offer offer)
        {
            var passes = members.Select(m => signer.Issue(m.Id).Token).ToList();
            using var go = new ManualResetEventSlim(false);
            var sw = new Stopwatch();
            var tasks = passes.Select((p, i) => Task.Run(async () =>
            {
                go.Wait();
                await using var db = newDb();
                var h = new RedemptionHandlers(db, new MemberPasses(signer, db, clock), User(Roles.Merchant), clock);
                var r = await h.ReserveAsync(merchant.Id, new TillInput(p, offer.Id, 120_00 + i, "T" + (i % 8), RedemptionChannel.Till, null), default);
                if (!r.IsOk) return false;
                return (await h.ConfirmAsync(merchant.Id, r.Value!.Id, default)).IsOk;
            })).ToArray();
            sw.Start();
            go.Set();
            var results = await Task.WhenAll(tasks);
            sw.Stop();
            return (results.Count(x => x), results.Count(x => !x), sw.Elapsed.TotalSeconds);
        }

        var (ok1, no1, s1) = await RedeemAllAsync(plenty);
        var (ok2, no2, s2) = await RedeemAllAsync(scarce);

        // Baseline: the one serialised write of a redemption, bare, at the same concurrency.
        using var go2 = new ManualResetEventSlim(false);
        var bsw = new Stopwatch();
        var btasks = Enumerable.Range(0, n).Select(_ => Task.Run(async () =>
        {
            go2.Wait();
            await using var db = newDb();
            return await db.Set<Offer>().Where(o => o.Id == baselineOffer.Id && o.RemainingCount >= 1 && o.RemainingFen >= 50_00)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.RemainingCount, o => o.RemainingCount - 1).SetProperty(o => o.RemainingFen, o => o.RemainingFen - 50_00));
        })).ToArray();
        bsw.Start();
        go2.Set();
        var bres = await Task.WhenAll(btasks);
        bsw.Stop();

        long left1, left2, leftFen1, leftFen2;
        int rows1, rows2;
        SettlementView? statement;
        await using (var db = newDb())
        {
            left1 = await db.Set<Offer>().Where(o => o.Id == plenty.Id).Select(o => o.RemainingCount).SingleAsync();
            leftFen1 = await db.Set<Offer>().Where(o => o.Id == plenty.Id).Select(o => o.RemainingFen).SingleAsync();
            left2 = await db.Set<Offer>().Where(o => o.Id == scarce.Id).Select(o => o.RemainingCount).SingleAsync();
            leftFen2 = await db.Set<Offer>().Where(o => o.Id == scarce.Id).Select(o => o.RemainingFen).SingleAsync();
            rows1 = await db.Set<Redemption>().CountAsync(r => r.OfferId == plenty.Id && r.Status == RedemptionStatus.Confirmed);
            rows2 = await db.Set<Redemption>().CountAsync(r => r.OfferId == scarce.Id && r.Status == RedemptionStatus.Confirmed);
            var later = new FixedClock(new DateTimeOffset(2020, 8, 3, 2, 0, 0, TimeSpan.Zero));
            var draw = await new SettlementHandlers(db, User(Roles.FederationAdmin), later, null!).DrawAsync(new DrawInput(merchant.Id, "2020-07"), default);
            statement = draw.Value;
        }
        var exact = ok1 == n && left1 == 0 && leftFen1 == 0 && rows1 == n && ok2 == 100 && no2 == n - 100 && left2 == 0 && leftFen2 == 0 && rows2 == 100
            && statement is { Redemptions: var sn, UnionShareFen: var share } && sn == n + 100 && share == (n + 100) * 30_00 && bres.Sum() == n;
        Console.WriteLine($"  offer with {n:N0} left:  {ok1:N0} redeemed, {no1:N0} refused, budget left {left1} / {leftFen1} fen — {n / s1:N0} redemptions/s (reserve + confirm, {s1:N2} s)");
        Console.WriteLine($"  offer with 100 left:    {ok2:N0} redeemed, {no2:N0} refused (budget.count), budget left {left2} / {leftFen2} fen — {n / s2:N0} answers/s ({s2:N2} s)");
        Console.WriteLine($"  baseline: bare conditional budget UPDATE x {n:N0} at the same concurrency: {n / bsw.Elapsed.TotalSeconds:N0}/s ({bsw.Elapsed.TotalSeconds:N2} s); redemption at {(n / s1) / (n / bsw.Elapsed.TotalSeconds):P0} of it");
        Console.WriteLine($"  statement 2020-07: {statement?.Redemptions:N0} redemptions, union share {statement?.UnionShareFen / 100m:N2} yuan, matches redemptions: {statement?.Reconciliation.Matches}");
        Console.WriteLine(exact ? "  EXACT: every count and sum as expected" : "  NOT EXACT: see the figures above");
        return exact;
    }
}
