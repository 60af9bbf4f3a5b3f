using System.Diagnostics;
using System.Security.Claims;
using Gonghui.Modules.Organizations;
using Gonghui.Modules.Skills;
using Gonghui.Modules.Skills.Contests;
using Gonghui.Modules.Skills.Rules;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gonghui.Bench;

/// <summary>
/// Scenario "skills": a contest of 27 trades, 3,000 competitors, 9 judges per trade and 20 aspects (10 measured, 10 judged by all
/// nine judges): 300,000 marks. Times the full results of every trade with z-score standardisation (SkillsService.ContestResultsAsync:
/// the reads, the bucketing and the rules), target ≤ 1 s, against a baseline in the same run: the bare SQL read of every mark of the
/// contest (four columns, no entities). SQLite always; PostgreSQL too when GONGHUI_BENCH_PG names a server.
/// </summary>
public static class SkillsBench
{
    private static readonly IReadOnlyList<ModelConfiguration> Modules = global::Program.AddModules(new ServiceCollection()).ModelConfigurations();

    public static readonly Scenario Scenario = new("skills", "skills contest: full results with standardisation, 27 trades x 3,000 competitors x 9 judges x 20 aspects [--competitors N]", RunAsync);

    private sealed class BenchActor : IAuditActor { public string Name => "bench"; }

    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(string name, int dflt) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : dflt; }
        var competitors = Arg("--competitors", 3000);
        var runs = Arg("--runs", 10);
        Console.WriteLine($"skills: 27 trades, {competitors:N0} competitors, 9 judges, 20 aspects, {runs} runs");
        var dir = Directory.CreateTempSubdirectory("gonghui-bench-skills-").FullName;
        await RunOnAsync("SQLite", () => new SqliteGonghuiDb(new DbContextOptionsBuilder<SqliteGonghuiDb>()
            .UseSqlite($"Data Source={Path.Combine(dir, "bench.db")}").UseModelConfigurations(Modules).Options, new BenchActor(), TimeProvider.System), competitors, runs);
        var pg = Environment.GetEnvironmentVariable("GONGHUI_BENCH_PG");
        if (!string.IsNullOrEmpty(pg))
        {
            var name = "gonghui_bench_sk_" + Guid.NewGuid().ToString("N")[..8];
            await using (var c = new NpgsqlConnection(pg)) { await c.OpenAsync(); await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", c).ExecuteNonQueryAsync(); }
            var cs = new NpgsqlConnectionStringBuilder(pg) { Database = name }.ConnectionString;
            try
            {
                await RunOnAsync("PostgreSQL", () => new PostgresGonghuiDb(new DbContextOptionsBuilder<PostgresGonghuiDb>().UseNpgsql(cs).UseModelConfigurations(Modules).Options,
                    new BenchActor(), TimeProvider.System), competitors, runs);
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
        return 0;
    }

    private static async Task RunOnAsync(string provider, Func<GonghuiDb> newDb, int competitors, int runs)
    {
        Console.WriteLine($"\n== {provider}");
        var rng = new Random(27);
        var at = new DateTimeOffset(2020, 9, 15, 1, 0, 0, TimeSpan.Zero);
        var load = Stopwatch.StartNew();
        Guid contestId;
        long markCount = 0;
        await using (var db = newDb())
        {
            await DataModule.MigrateAsync(db);
            var contest = SkillsContest.Create("BENCH", 2020, "bench", ContestKind.TradeContest, new DateOnly(2020, 9, 15), true, 18, 60, Leniency.ZScore,
                TieRule.JudgementFirst, 1, 24, at);
            contestId = contest.Id;
            var trades = new List<SkillsTrade>();
            var aspects = new List<SkillsAspect>();
            var judges = new List<SkillsJudge>();
            var entries = new List<SkillsEntry>();
            for (var t = 0; t < 27; t++)
            {
                var trade = SkillsTrade.Create(contest.Id, $"T{t + 1:00}", "工种" + t, null, 10, 20, 3);
                trade.Drawn(at);
                trades.Add(trade);
                for (var a = 0; a < 20; a++) aspects.Add(SkillsAspect.Create(trade.Id, a + 1, $"A{a + 1}", "评分项" + a, a < 10 ? AspectKind.Measurement : AspectKind.Judgement, 5_00));
                for (var j = 0; j < 9; j++) judges.Add(SkillsJudge.Create(trade.Id, $"裁判{t}-{j}", Guid.NewGuid(), null, null, j == 0));
                var n = competitors / 27 + (t < competitors % 27 ? 1 : 0);
                for (var e = 0; e < n; e++)
                {
                    var entry = SkillsEntry.Create(trade, Guid.NewGuid(), $"选手{t}-{e}", Guid.NewGuid(), "/BJ/", Guid.NewGuid(), null, null, at, "bench");
                    entry.Place(new DrawSlot(entry.Id, e + 1, e % 20 + 1, e / 20 + 1));
                    entries.Add(entry);
                }
            }
            await HardshipBench.BulkAsync(db, [contest]);
            await HardshipBench.BulkAsync(db, trades);
            await HardshipBench.BulkAsync(db, aspects);
            await HardshipBench.BulkAsync(db, judges);
            await HardshipBench.BulkAsync(db, entries);
            var aspectsByTrade = aspects.GroupBy(a => a.TradeId).ToDictionary(g => g.Key, g => g.ToList());
            var judgesByTrade = judges.GroupBy(j => j.TradeId).ToDictionary(g => g.Key, g => g.ToList());
            IEnumerable<SkillsMark> Marks()
            {
                foreach (var e in entries)
                {
                    var ability = rng.NextDouble();
                    foreach (var a in aspectsByTrade[e.TradeId])
                    {
                        if (a.Kind == AspectKind.Measurement) { yield return SkillsMark.Create(e.TradeId, e.Id, a.Id, Guid.Empty, judgesByTrade[e.TradeId][0].Id, (int)(ability * 500), at); continue; }
                        var b = Math.Clamp((int)Math.Round(ability * 3), 0, 2);
                        foreach (var j in judgesByTrade[e.TradeId]) yield return SkillsMark.Create(e.TradeId, e.Id, a.Id, j.Id, j.Id, (b + rng.Next(2)) * 100, at);
                    }
                }
            }
            await HardshipBench.BulkAsync(db, Marks());
            markCount = await db.Set<SkillsMark>().LongCountAsync();
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }
        Console.WriteLine($"loaded {markCount:N0} marks in {load.Elapsed.TotalSeconds:N1} s");

        var results = new List<(string Name, double P50, double Max)>();
        async Task<double> TimeAsync(string name, Func<GonghuiDb, Task<int>> query)
        {
            var times = new List<double>();
            var check = 0;
            for (var i = 0; i < runs + 2; i++)
            {
                await using var db = newDb();
                var sw = Stopwatch.StartNew();
                check = await query(db);
                sw.Stop();
                if (i >= 2) times.Add(sw.Elapsed.TotalMilliseconds); // the first runs warm caches and EF's query compilation
            }
            times.Sort();
            results.Add((name, times[times.Count / 2], times[^1]));
            Console.WriteLine($"  {name}: {check:N0} rows/results");
            return times[times.Count / 2];
        }

        var baseline = await TimeAsync("baseline: bare SQL read of every mark of the contest", async db =>
        {
            var conn = db.Database.GetDbConnection();
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "SELECT m.entry_id, m.aspect_id, m.judge_key, m.centi FROM skills_marks m JOIN skills_trades t ON t.id = m.trade_id WHERE t.contest_id = @c";
            var p = cmd.CreateParameter();
            p.ParameterName = "@c";
            p.Value = db.Database.IsNpgsql() ? contestId : contestId.ToString().ToUpperInvariant();
            cmd.Parameters.Add(p);
            await using var r = await cmd.ExecuteReaderAsync();
            var n = 0;
            long sum = 0;
            while (await r.ReadAsync()) { _ = r.GetGuid(0); _ = r.GetGuid(1); _ = r.GetGuid(2); sum += r.GetInt32(3); n++; }
            return n;
        });
        await TimeAsync("full results, z-score standardised, 27 trades", async db =>
        {
            var o = await Service(db).ContestResultsAsync(contestId, default);
            if (!o.IsOk) throw new InvalidOperationException("results refused");
            return o.Value!.Sum(t => t.Result.Entries.Count);
        });

        Console.WriteLine($"{"query",-56} {"p50 ms",9} {"max ms",9} {"p50/base",9}");
        foreach (var (name, p50, max) in results) Console.WriteLine($"{name,-56} {p50,9:N1} {max,9:N1} {p50 / baseline,9:N1}x");
    }

    private static SkillsService Service(GonghuiDb db)
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "admin"), new Claim(ClaimTypes.Role, Roles.FederationAdmin)], "bench", ClaimTypes.Name, ClaimTypes.Role));
        var me = new CurrentUser(new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = principal } }, new OrgPathLookup(db));
        return new SkillsService(db, me, TimeProvider.System, new ServiceCollection().BuildServiceProvider());
    }
}
