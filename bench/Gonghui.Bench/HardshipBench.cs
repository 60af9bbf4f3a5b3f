using System.Diagnostics;
using System.Security.Claims;
using Gonghui.Modules.Hardship;
using Gonghui.Modules.Hardship.Assistance;
using Gonghui.Modules.Hardship.Campaigns;
using Gonghui.Modules.Hardship.Files;
using Gonghui.Modules.Hardship.Precision;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Modules.Organizations;
using Gonghui.Modules.Organizations.Demo;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

using Gonghui.Platform.Http;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Bench;

/// <summary>
/// Scenario "hardship": 50,000 files and 500,000 assistance records (override with --files N --assistance M). Times the
/// filtered file list (p95, target ≤ 100 ms), the precision report and the campaign summary (target ≤ 1 s) through the
/// real HardshipService queries, against a baseline in the same run: the bare newest-20 page of hardship_files with no
/// scope join, filter or count. SQLite always; PostgreSQL too when GONGHUI_BENCH_PG names a server.
/// </summary>
public static class HardshipBench
{
    /// <summary>Every module's part of the EF model, as the app registers them.</summary>
    private static readonly IReadOnlyList<ModelConfiguration> Modules = global::Program.AddModules(new ServiceCollection()).ModelConfigurations();

    public static readonly Scenario Scenario = new("hardship", "needy-worker archive: file list p95, precision and campaign summaries at 50k files / 500k assistance", RunAsync);

    private sealed class BenchActor : IAuditActor { public string Name => "bench"; }

    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(string name, int dflt) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : dflt; }
        var files = Arg("--files", 50_000);
        var assistance = Arg("--assistance", 500_000);
        var runs = Arg("--runs", 60);
        Console.WriteLine($"hardship: {files:N0} files, {assistance:N0} assistance records, {runs} runs per query");

        var dir = Directory.CreateTempSubdirectory("gonghui-bench-hardship-").FullName;
        await RunOnAsync("SQLite", () => new SqliteGonghuiDb(new DbContextOptionsBuilder<SqliteGonghuiDb>()
            .UseSqlite($"Data Source={Path.Combine(dir, "bench.db")}").UseModelConfigurations(Modules).Options, new BenchActor(), TimeProvider.System), files, assistance, runs);

        var pg = Environment.GetEnvironmentVariable("GONGHUI_BENCH_PG");
        if (!string.IsNullOrEmpty(pg))
        {
            var name = "gonghui_bench_hs_" + Guid.NewGuid().ToString("N")[..8];
            await using (var c = new NpgsqlConnection(pg)) { await c.OpenAsync(); await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", c).ExecuteNonQueryAsync(); }
            var cs = new NpgsqlConnectionStringBuilder(pg) { Database = name }.ConnectionString;
            try
            {
                await RunOnAsync("PostgreSQL", () => new PostgresGonghuiDb(new DbContextOptionsBuilder<PostgresGonghuiDb>().UseNpgsql(cs).UseModelConfigurations(Modules).Options, new BenchActor(), TimeProvider.System),
                    files, assistance, runs);
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
        if (Environment.GetEnvironmentVariable("GONGHUI_BENCH_KEEP") is null) Directory.Delete(dir, true);
        else Console.WriteLine($"kept {dir}");
        return 0;
    }

    private static async Task RunOnAsync(string provider, Func<GonghuiDb> newDb, int fileCount, int assistanceCount, int runs)
    {
        Console.WriteLine($"\n== {provider}");
        var rules = HardshipRuleBook.Default;
        var protector = new PersonalDataProtector(new byte[32], Enumerable.Repeat((byte)7, 32).ToArray());
        var now = DateTimeOffset.UtcNow;
        var rng = new Random(50_000);
        var load = Stopwatch.StartNew();
        Guid campaignId;
        int year = 2020;
        await using (var db = newDb())
        {
            await DataModule.MigrateAsync(db);
            var root = OrgUnit.CreateRoot("BJ", "北京市总工会", now);
            db.Add(root);
            var units = new List<(OrgUnit Unit, OrgUnit District)>();
            foreach (var d in BeijingDistricts.All)
            {
                var district = OrgUnit.CreateChild(root, d.Slug, d.Name + "总工会", OrgUnitKind.DistrictUnion, d.Code, now);
                db.Add(district);
                for (var i = 0; i < 25; i++)
                {
                    var g = OrgUnit.CreateChild(district, $"{d.Slug}-G{i:000}", $"{d.Name}第{i + 1}基层工会", OrgUnitKind.GrassrootsUnion, null, now);
                    db.Add(g);
                    units.Add((g, district));
                }
            }
            await db.SaveChangesAsync();

            var fileRows = new List<HardshipFile>(fileCount);
            var members = new List<HouseholdMember>(fileCount);
            for (var n = 0; n < fileCount; n++)
            {
                var (unit, district) = units[rng.Next(units.Count)];
                var filed = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(rng.Next(0, 2100));
                var fy = Math.Min(2026, filed.Year);
                var line = rules.LineFor(fy, district.DistrictCode)!;
                var size = 1 + rng.Next(4);
                var perPerson = rng.Next(3) switch { 0 => line.MinimumLiving - rng.Next(30000), 1 => line.MinimumLiving + rng.Next(1, 50000), _ => line.LowIncome + rng.Next(1, 50000) };
                HardshipCause[] causes = [(HardshipCause)(1 + rng.Next(7)), HardshipCause.Accident];
                var e = Eligibility.Evaluate(new HouseholdFacts(fy, district.DistrictCode, perPerson * size, size, causes), rules);
                var f = HardshipFile.File(unit.Id, district.Id, district.DistrictCode!, null, "职工" + n, "110101********" + (n % 10000).ToString("0000"), null, null, null,
                    perPerson * size, size, causes, e, fy, "帮扶人", "bench", filed);
                var s = rng.Next(20);
                if (s > 0) { f.Apply(FileAction.DistrictAccept, FileStatus.InNotice, filed.AddDays(2), rules, null); }
                if (s > 1) { f.Apply(FileAction.CloseNotice, FileStatus.AwaitingApproval, filed.AddDays(10), rules, null); }
                if (s > 2) { f.Apply(FileAction.FederationApprove, FileStatus.Active, filed.AddDays(15), rules, null); }
                if (s > 2 && rng.Next(4) > 0) f.RecordVisit(filed.AddDays(15 + rng.Next(400)), rules, now);
                if (s is 18 or 19)
                {
                    f.Apply(FileAction.ProposeExit, FileStatus.ExitProposed, filed.AddDays(200), rules, ExitReason.ReEmployed);
                    f.Apply(FileAction.CollectiveApproveExit, FileStatus.ExitInNotice, filed.AddDays(201), rules, null);
                    f.Apply(FileAction.DistrictApproveExit, FileStatus.ExitApproved, filed.AddDays(210), rules, null);
                    f.Apply(FileAction.RecordWrittenNotice, FileStatus.Exited, filed.AddDays(212), rules, null);
                }
                fileRows.Add(f);
                var m = HouseholdMember.Create(f.Id, f.WorkerName, Relation.Self, "x", protector.Hash("bench" + n), f.WorkerIdMasked, new DateOnly(1980, 1, 1), 0, 0, null, 0);
                m.SetActive(f.IsActive);
                members.Add(m);
            }
            await BulkAsync(db, fileRows);
            await BulkAsync(db, members);

            var active = fileRows.Where(f => f.ApprovedAt is not null).ToList();
            IEnumerable<HardshipAssistance> Assist()
            {
                for (var i = 0; i < assistanceCount; i++)
                {
                    var f = active[rng.Next(active.Count)];
                    var on = DateOnly.FromDateTime(f.ApprovedAt!.Value.AddDays(rng.Next(1, 700)).UtcDateTime);
                    var type = (AssistanceType)(1 + rng.Next(6));
                    var a = HardshipAssistance.Approve(f.Id, type, 10_000 + rng.Next(100) * 1000, on, rules.StandardFor(type)!.Fund, null, null, "帮扶人", null, null, null, "bench", now);
                    a.MarkPaid(Guid.CreateVersion7(), now);
                    yield return a;
                }
            }
            await BulkAsync(db, Assist());

            // Precision: a sample of 100 files per district for 2020, judged with 2% disagreement.
            var population = fileRows.Where(f => f.ApprovedAt is { } a && a.Year <= year).ToList();
            var sample = PrecisionRules.Sample(population, f => f.DistrictCode, 100, year);
            await BulkAsync(db, sample.Select(f =>
            {
                var ev = HardshipEvaluation.Draw(year, f.Id, f.DistrictCode, "bench", now);
                ev.Judge(rng.Next(50) != 0, f.ExitedAt is null ? null : true, rng.Next(50) != 0, null, "evaluator", now);
                return ev;
            }));

            // A campaign of 10,000 applications, 95% paid.
            var campaign = EducationCampaign.Open(2024, "2024年金秋助学", now);
            campaignId = campaign.Id;
            await BulkAsync(db, [campaign]);
            await BulkAsync(db, active.Take(10_000).Select((f, i) =>
            {
                var stage = (SchoolStage)(1 + i % 5);
                var a = GrantApplication.Submit(campaign.Id, f.Id, Guid.CreateVersion7(), "子女" + i, stage, "学校", rules.EducationStandards[stage], "bench", now);
                if (i % 20 != 0) { a.Decide(ActorLevel.District, true, null, now); a.Decide(ActorLevel.Federation, true, null, now); a.MarkPaid(Guid.CreateVersion7()); }
                return a;
            }));
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }
        Console.WriteLine($"loaded in {load.Elapsed.TotalSeconds:N1} s");

        var results = new List<(string Name, double P50, double P95)>();
        async Task<(double, double)> TimeAsync(string name, string user, Func<HardshipService, GonghuiDb, Task> query, int n)
        {
            var times = new List<double>();
            for (var i = 0; i < n + 3; i++)
            {
                await using var db = newDb();
                var s = Service(db, user, rules, protector);
                var sw = Stopwatch.StartNew();
                await query(s, db);
                sw.Stop();
                if (i >= 3) times.Add(sw.Elapsed.TotalMilliseconds); // first runs warm the caches and EF's query compilation
            }
            times.Sort();
            var r = (times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1]);
            results.Add((name, r.Item1, r.Item2));
            return r;
        }

        if (Environment.GetEnvironmentVariable("GONGHUI_BENCH_SQL") is not null)
        {
            await using var db = newDb();
            var s = Service(db, "admin", rules, protector);
            var q = HardshipService.Filter(await s.ScopedAsync(default), new FileFilter(null, null, null, null, null, null), DateTimeOffset.UtcNow);
            Console.WriteLine(q.OrderByDescending(x => x.File.FiledAt).ThenByDescending(x => x.File.Id).Take(20).Select(x => new { x.File.Id, x.UnitName }).ToQueryString());
            Console.WriteLine(q.Select(x => x.File.Id).ToQueryString());
        }
        var (_, baseline) = await TimeAsync("baseline: newest 20 files, no scope/filter/count", "admin",
            (s, db) => db.Set<HardshipFile>().AsNoTracking().OrderByDescending(f => f.FiledAt).Take(20).ToListAsync(), runs);
        await TimeAsync("list: city-wide, no filter (capped count + first slice)", "admin", (s, _) => s.ListAsync(new FileFilter(null, null, null, null, null, null), new KeysetRequest(null, null, 20), default), runs);
        await TimeAsync("list: district 110105 + deep hardship", "admin", (s, _) => s.ListAsync(new FileFilter(HardshipGrade.DeepHardship, null, "110105", null, null, null), new KeysetRequest(null, null, 20), default), runs);
        await TimeAsync("list: due for re-verification", "admin", (s, _) => s.ListAsync(new FileFilter(null, null, null, null, "reverify", null), new KeysetRequest(null, null, 20), default), runs);
        await TimeAsync("list: cause=serious illness, active", "admin", (s, _) => s.ListAsync(new FileFilter(null, HardshipCause.SeriousIllness, null, FileStatus.Active, null, null), new KeysetRequest(null, null, 20), default), runs);
        await TimeAsync("list: Dongcheng staff scope, name search", "dongcheng", (s, _) => s.ListAsync(new FileFilter(null, null, null, null, null, "职工12"), new KeysetRequest(null, null, 20), default), runs);
        await TimeAsync("precision report 2020 (1,600 verdicts)", "admin", (s, _) => s.PrecisionAsync(year, default), Math.Max(5, runs / 6));
        await TimeAsync("campaign summary (10,000 applications)", "admin", (s, _) => s.SummaryAsync(campaignId, default), Math.Max(5, runs / 6));

        Console.WriteLine($"{"query",-52} {"p50 ms",9} {"p95 ms",9} {"p95/base",9}");
        foreach (var (name, p50, p95) in results)
            Console.WriteLine($"{name,-52} {p50,9:N1} {p95,9:N1} {p95 / baseline,9:N1}x");
    }

    private static HardshipService Service(GonghuiDb db, string user, HardshipRuleBook rules, PersonalDataProtector protector)
    {
        var unit = user == "admin"
            ? db.Set<OrgUnit>().AsNoTracking().Where(u => u.ParentId == null).Select(u => u.Id).First()
            : db.Set<OrgUnit>().AsNoTracking().Where(u => u.Code == "DC").Select(u => u.Id).First();
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, user), new Claim(GonghuiClaims.OrgUnit, unit.ToString()),
            new Claim(ClaimTypes.Role, user == "admin" ? Roles.FederationAdmin : Roles.DistrictStaff),
        ], "bench", ClaimTypes.Name, ClaimTypes.Role));
        var me = new CurrentUser(new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = principal } }, new OrgPathLookup(db));
        return new HardshipService(db, me, rules, protector, TimeProvider.System, new ServiceCollection().BuildServiceProvider());
    }

    /// <summary>Bulk insert through the EF model's own column names and value converters: binary COPY on PostgreSQL, one prepared statement in one transaction on SQLite.</summary>
    private static async Task BulkAsync<T>(GonghuiDb db, IEnumerable<T> rows) where T : class
    {
        var et = db.Model.FindEntityType(typeof(T))!;
        var table = et.GetTableName()!;
        var props = et.GetProperties().ToList();
        var cols = props.Select(p => "\"" + p.GetColumnName() + "\"").ToList();
        var getters = props.Select(p =>
        {
            var conv = p.GetValueConverter() ?? p.GetTypeMapping().Converter;
            var info = p.PropertyInfo!;
            return (Func<object, object?>)(o => { var v = info.GetValue(o); return v is null ? null : conv is null ? v : conv.ConvertToProvider(v); });
        }).ToList();
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync();
        if (conn is NpgsqlConnection npg)
        {
            await using var w = await npg.BeginBinaryImportAsync($"COPY {table} ({string.Join(",", cols)}) FROM STDIN (FORMAT BINARY)");
            foreach (var r in rows)
            {
                await w.StartRowAsync();
                foreach (var g in getters)
                {
                    var v = g(r);
                    if (v is null) await w.WriteNullAsync(); else await w.WriteAsync(v is DateTimeOffset d ? d.ToUniversalTime() : v);
                }
            }
            await w.CompleteAsync();
            return;
        }
        await using var tx = await conn.BeginTransactionAsync();
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO {table} ({string.Join(",", cols)}) VALUES ({string.Join(",", cols.Select((_, i) => "$p" + i))})";
        var ps = cols.Select((_, i) => { var p = cmd.CreateParameter(); p.ParameterName = "$p" + i; cmd.Parameters.Add(p); return p; }).ToList();
        foreach (var r in rows)
        {
            for (var i = 0; i < getters.Count; i++)
                ps[i].Value = getters[i](r) switch
                {
                    null => DBNull.Value,
                    Guid g => g.ToString().ToUpperInvariant(),
                    DateOnly d => d.ToString("yyyy-MM-dd"),
                    var v => v,
                };
            await cmd.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }
}
