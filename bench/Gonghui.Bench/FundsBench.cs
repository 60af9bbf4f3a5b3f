using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Gonghui.Modules.Funds;
using Gonghui.Modules.MutualAid;
using Gonghui.Modules.MutualAid.Claims;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Platform.Importing;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace Gonghui.Bench;

/// <summary>
/// Scenario `mutual-aid`: a year of mutual-aid claims (2,633,700 at full scale) taken in from CSV — parsed, member looked up by
/// keyed hash, payout computed against the member's year-to-date, bulk-written — then posted to the ledger as payments and
/// reconciled. Baselines in the same run: reading the CSV cells only (the floor), and EF Core SaveChanges per 1,000 claims.
/// Usage: mutual-aid [--claims N] (default 2,633,700); PostgreSQL too when GONGHUI_BENCH_PG is set.
/// </summary>
public static class FundsBench
{
    private sealed class BenchActor : IAuditActor { public string Name => "bench"; }

    public static async Task<int> RunAsync(string[] args)
    {
        var n = 2_633_700;
        for (var i = 0; i < args.Length - 1; i++) if (args[i] == "--claims") n = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
        var dir = Directory.CreateTempSubdirectory("gonghui-bench-funds-").FullName;
        var csv = Path.Combine(dir, "claims.csv");
        var protector = new PersonalDataProtector(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());
        var members = Math.Max(1, n / 3);
        var sw = Stopwatch.StartNew();
        var ids = GenerateCsv(csv, n, members);
        Console.WriteLine($"mutual-aid: {n:N0} claims for {members:N0} members, CSV {new FileInfo(csv).Length / 1e6:N0} MB generated in {sw.Elapsed.TotalSeconds:N1} s");
        var memberByHash = ids.Select((id, i) => (protector.Hash(id), Guid.CreateVersion7())).ToDictionary(x => x.Item1, x => x.Item2);

        // Baseline 1: reading every cell of the file, nothing else.
        sw.Restart();
        long cells = 0;
        using (var f = TabularFile.Open(File.OpenRead(csv), csv)) foreach (var row in f.Rows()) cells += row.Values.Length;
        var readRate = n / sw.Elapsed.TotalSeconds;
        Console.WriteLine($"  baseline read-only CSV scan: {readRate:N0} rows/s ({cells:N0} cells)");

        var results = new List<string>();
        results.Add(await RunProviderAsync("SQLite", Sqlite(Path.Combine(dir, "bench.db")), csv, n, protector, memberByHash, readRate));
        var pg = Environment.GetEnvironmentVariable("GONGHUI_BENCH_PG");
        if (!string.IsNullOrEmpty(pg))
        {
            var dbName = "gonghui_bench_" + Guid.NewGuid().ToString("N")[..8];
            await using (var c = new NpgsqlConnection(pg)) { await c.OpenAsync(); await new NpgsqlCommand($"CREATE DATABASE \"{dbName}\"", c).ExecuteNonQueryAsync(); }
            var cs = new NpgsqlConnectionStringBuilder(pg) { Database = dbName }.ConnectionString;
            try { results.Add(await RunProviderAsync("PostgreSQL", Postgres(cs), csv, n, protector, memberByHash, readRate)); }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                await using var c = new NpgsqlConnection(pg);
                await c.OpenAsync();
                await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{dbName}\" WITH (FORCE)", c).ExecuteNonQueryAsync();
            }
        }
        else Console.WriteLine("  (PostgreSQL skipped: set GONGHUI_BENCH_PG to a server connection string)");
        Console.WriteLine();
        foreach (var r in results) Console.WriteLine(r);
        Directory.Delete(dir, true);
        return 0;
    }

    private static Func<GonghuiDb> Sqlite(string file) => () => new SqliteGonghuiDb(new DbContextOptionsBuilder<SqliteGonghuiDb>().UseSqlite($"Data Source={file}", o => o.CommandTimeout(600)).Options, new BenchActor(), TimeProvider.System);
    private static Func<GonghuiDb> Postgres(string cs) => () => new PostgresGonghuiDb(new DbContextOptionsBuilder<PostgresGonghuiDb>().UseNpgsql(cs, o => o.CommandTimeout(600)).Options, new BenchActor(), TimeProvider.System);

    private static List<string> GenerateCsv(string path, int n, int members)
    {
        var rng = new Random(2020);
        var ids = new List<string>(members);
        var seen = new HashSet<string>();
        while (ids.Count < members)
        {
            var birth = new DateOnly(1960, 1, 1).AddDays(rng.Next(0, 14000));
            var first17 = $"1101{rng.Next(1, 20):00}{birth:yyyyMMdd}{rng.Next(0, 1000):000}";
            var id = first17 + ResidentId.CheckCharacter(first17);
            if (seen.Add(id)) ids.Add(id);
        }
        string[] hospitals = ["北京协和医院", "北京大学第一医院", "北京朝阳医院", "北京天坛医院", "北京积水潭医院"];
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        w.WriteLine("身份证号,姓名,入院日期,医院,诊断,医疗总费用,医保统筹支付,个人自付");
        for (var i = 0; i < n; i++)
        {
            // 358 million yuan over 2,633,700 claims: most claims are small outpatient-size bills.
            var total = rng.Next(300_00, 8_000_00);
            var insured = total * rng.Next(40, 75) / 100;
            var self = (total - insured) * rng.Next(60, 100) / 100;
            var day = new DateOnly(2020, 1, 1).AddDays(rng.Next(0, 366));
            w.Write(ids[i % members]); w.Write(",会员,"); w.Write(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); w.Write(',');
            w.Write(hospitals[i % hospitals.Length]); w.Write(",门诊,");
            w.Write(Yuan(total)); w.Write(','); w.Write(Yuan(insured)); w.Write(','); w.WriteLine(Yuan(self));
        }
        return ids;
    }

    private static string Yuan(long fen) => (fen / 100).ToString(CultureInfo.InvariantCulture) + "." + (fen % 100).ToString("00", CultureInfo.InvariantCulture);

    private static async Task<string> RunProviderAsync(string name, Func<GonghuiDb> newDb, string csv, int n, PersonalDataProtector protector, Dictionary<string, Guid> memberByHash, double readRate)
    {
        Console.WriteLine($"  {name}:");
        await using (var db = newDb()) await DataModule.MigrateAsync(db);
        var planId = Guid.CreateVersion7();
        var unionId = Guid.CreateVersion7();
        var fundingUnit = Guid.CreateVersion7();
        var rules = new PlanRules(0, [new(100_000, 5000), new(null, 6000)], 20_000_00, 60_000_00);

        // Baseline 2: the obvious EF Core way (Add + SaveChanges per 1,000), on a sample.
        var sample = Math.Min(20_000, n);
        var sw = Stopwatch.StartNew();
        await using (var db = newDb())
        {
            var batch = 0;
            foreach (var (claim, _) in Intake(csv, sample, protector, memberByHash, rules, planId, unionId, fundingUnit))
            {
                db.Add(claim);
                if (++batch % 1000 == 0) { await db.SaveChangesAsync(); db.ChangeTracker.Clear(); }
            }
            await db.SaveChangesAsync();
        }
        var efRate = sample / sw.Elapsed.TotalSeconds;
        Console.WriteLine($"    baseline EF Core SaveChanges per 1,000: {efRate:N0} claims/s ({sample:N0} claims)");
        await using (var db = newDb()) await db.Set<MutualAidClaim>().ExecuteDeleteAsync();

        // The intake: parse, look up, compute, bulk write.
        sw.Restart();
        var paid = new List<(Guid Id, long Amount)>(n);
        await using (var db = newDb())
        {
            await db.Database.OpenConnectionAsync();
            var conn = db.Database.GetDbConnection();
            // Parsing and payout on one core, writing on the other.
            using var queue = new System.Collections.Concurrent.BlockingCollection<MutualAidClaim>(20_000);
            var producer = Task.Run(() =>
            {
                try { foreach (var x in Intake(csv, n, protector, memberByHash, rules, planId, unionId, fundingUnit)) queue.Add(x.Claim); }
                finally { queue.CompleteAdding(); }
            });
            var claims = queue.GetConsumingEnumerable().Select(c => { if (c.PayoutFen > 0) paid.Add((c.Id, c.PayoutFen)); return c; });
            if (conn is NpgsqlConnection pg) await CopyClaimsAsync(pg, claims);
            else await InsertClaimsSqliteAsync((SqliteConnection)conn, claims);
            await producer;
        }
        var intake = sw.Elapsed.TotalSeconds;
        var intakeRate = n / intake;
        int stored;
        await using (var db = newDb()) stored = await db.Set<MutualAidClaim>().CountAsync(c => c.PlanId == planId);
        if (stored != n) throw new InvalidOperationException($"{name}: stored {stored} of {n} claims");
        Console.WriteLine($"    intake + payout: {n:N0} claims in {intake:N1} s = {intakeRate:N0} claims/s ({intakeRate / efRate:N1}× EF baseline, {intakeRate / readRate:P0} of the read-only scan)");

        // Ledger: a budget and one payment entry per claim, written in bulk (the per-claim FundLedger path is for live approvals).
        sw.Restart();
        await using (var db = newDb())
        {
            await db.Database.OpenConnectionAsync();
            await PostLedgerAsync(db, fundingUnit, paid);
        }
        var posting = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"    ledger posting: {paid.Count:N0} payments ({paid.Count * 2:N0} lines) in {posting:N1} s");

        sw.Restart();
        ReconciliationReport report;
        await using (var db = newDb()) report = await new FundLedger(db, TimeProvider.System).ReconcileAsync(2020);
        var rec = sw.Elapsed.TotalSeconds;
        if (!report.IsClean) throw new InvalidOperationException("reconciliation is not clean");
        Console.WriteLine($"    reconciliation over the year: {rec:N2} s ({report.Entries:N0} entries, {report.Lines:N0} lines, clean)");
        return $"{name}: intake+payout {intakeRate:N0} claims/s (target 100,000; {intakeRate / efRate:N1}× EF SaveChanges baseline {efRate:N0}/s); reconciliation {rec:N2} s (target 3 s) for {n:N0} claims";
    }

    private static IEnumerable<(MutualAidClaim Claim, int Row)> Intake(string csv, int max, PersonalDataProtector protector, Dictionary<string, Guid> memberByHash,
        PlanRules rules, Guid planId, Guid unionId, Guid fundingUnit)
    {
        var errors = new List<RowError>();
        using var file = TabularFile.Open(File.OpenRead(csv), csv);
        var map = new ColumnMap(file.Headers, ClaimRowParser.Columns, errors);
        var granted = new Dictionary<Guid, long>(memberByHash.Count);
        var at = new DateTimeOffset(2020, 12, 31, 0, 0, 0, TimeSpan.Zero);
        var count = 0;
        foreach (var row in file.Rows())
        {
            if (count++ >= max) yield break;
            var r = ClaimRowParser.Parse(row, map, errors);
            if (r is null) continue;
            var hash = protector.Hash(r.IdNumber);
            if (!memberByHash.TryGetValue(hash, out var member)) continue;
            ref var g = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(granted, member, out _);
            var payout = PayoutRules.Compute(rules, r.Bill, g);
            g += payout.AmountFen;
            yield return (MutualAidClaim.File(planId, 2020, member, r.Name ?? "", unionId, fundingUnit, r.AdmittedOn, r.Hospital, r.Diagnosis, r.Bill, payout, at, "bench", null), r.Row);
        }
        if (errors.Count > 0) throw new InvalidOperationException($"{errors.Count} row errors, first: {errors[0]}");
    }

    private static readonly string[] ClaimColumns =
    [
        "id", "plan_id", "year", "member_id", "member_name", "union_id", "funding_unit_id", "admitted_on", "hospital", "diagnosis", "total_fen",
        "insurance_covered_fen", "self_paid_fen", "payout_fen", "explanation", "status", "submitted_at", "submitted_by",
    ];

    private static readonly DateTimeOffsetToBinaryConverter SqliteTime = new();

    private static async Task InsertClaimsSqliteAsync(SqliteConnection conn, IEnumerable<MutualAidClaim> claims)
    {
        await using var tx = (SqliteTransaction)await conn.BeginTransactionAsync();
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO mutual_aid_claims ({string.Join(",", ClaimColumns)}) VALUES ({string.Join(",", ClaimColumns.Select((_, i) => "$p" + i))})";
        var p = ClaimColumns.Select((_, i) => cmd.CreateParameter()).ToArray();
        for (var i = 0; i < p.Length; i++) { p[i].ParameterName = "$p" + i; cmd.Parameters.Add(p[i]); }
        cmd.Prepare();
        foreach (var c in claims)
        {
            // EF Core's SQLite mapping: GUIDs as upper-case text, DateOnly as yyyy-MM-dd, DateTimeOffset as this project's binary long.
            p[0].Value = c.Id.ToString().ToUpperInvariant(); p[1].Value = c.PlanId.ToString().ToUpperInvariant(); p[2].Value = c.Year;
            p[3].Value = c.MemberId.ToString().ToUpperInvariant(); p[4].Value = c.MemberName; p[5].Value = c.UnionId.ToString().ToUpperInvariant();
            p[6].Value = c.FundingUnitId.ToString().ToUpperInvariant(); p[7].Value = c.AdmittedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            p[8].Value = c.Hospital; p[9].Value = (object?)c.Diagnosis ?? DBNull.Value; p[10].Value = c.TotalFen; p[11].Value = c.InsuranceCoveredFen;
            p[12].Value = c.SelfPaidFen; p[13].Value = c.PayoutFen; p[14].Value = c.Explanation; p[15].Value = (int)c.Status;
            p[16].Value = SqliteTime.ConvertToProvider(c.SubmittedAt)!; p[17].Value = c.SubmittedBy;
            cmd.ExecuteNonQuery();
        }
        await tx.CommitAsync();
    }

    private static async Task CopyClaimsAsync(NpgsqlConnection conn, IEnumerable<MutualAidClaim> claims)
    {
        await using var w = await conn.BeginBinaryImportAsync($"COPY mutual_aid_claims ({string.Join(",", ClaimColumns)}) FROM STDIN (FORMAT BINARY)");
        foreach (var c in claims)
        {
            await w.StartRowAsync();
            await w.WriteAsync(c.Id, NpgsqlDbType.Uuid); await w.WriteAsync(c.PlanId, NpgsqlDbType.Uuid); await w.WriteAsync(c.Year, NpgsqlDbType.Integer);
            await w.WriteAsync(c.MemberId, NpgsqlDbType.Uuid); await w.WriteAsync(c.MemberName, NpgsqlDbType.Varchar); await w.WriteAsync(c.UnionId, NpgsqlDbType.Uuid);
            await w.WriteAsync(c.FundingUnitId, NpgsqlDbType.Uuid); await w.WriteAsync(c.AdmittedOn, NpgsqlDbType.Date); await w.WriteAsync(c.Hospital, NpgsqlDbType.Varchar);
            if (c.Diagnosis is null) await w.WriteNullAsync(); else await w.WriteAsync(c.Diagnosis, NpgsqlDbType.Varchar);
            await w.WriteAsync(c.TotalFen, NpgsqlDbType.Bigint); await w.WriteAsync(c.InsuranceCoveredFen, NpgsqlDbType.Bigint); await w.WriteAsync(c.SelfPaidFen, NpgsqlDbType.Bigint);
            await w.WriteAsync(c.PayoutFen, NpgsqlDbType.Bigint); await w.WriteAsync(c.Explanation, NpgsqlDbType.Varchar); await w.WriteAsync((int)c.Status, NpgsqlDbType.Integer);
            await w.WriteAsync(c.SubmittedAt, NpgsqlDbType.TimestampTz); await w.WriteAsync(c.SubmittedBy, NpgsqlDbType.Varchar);
        }
        await w.CompleteAsync();
    }

    /// <summary>One allocation covering the year, then a payment entry (paid +, available −) per claim; account balances set to their lines' sums.</summary>
    private static async Task PostLedgerAsync(GonghuiDb db, Guid unit, List<(Guid Id, long Amount)> paid)
    {
        var total = paid.Sum(p => p.Amount);
        var appropriation = Guid.CreateVersion7(); var available = Guid.CreateVersion7(); var paidAcc = Guid.CreateVersion7();
        var at = new DateTimeOffset(2020, 12, 31, 0, 0, 0, TimeSpan.Zero);
        var alloc = Guid.CreateVersion7();
        var entries = new List<object?[]> { new object?[] { alloc, 0, FundCodes.MutualAid, unit, 2020, total, null, null, "bench:alloc", "bench", at } };
        var lines = new List<object?[]> { new object?[] { Guid.CreateVersion7(), alloc, available, total }, new object?[] { Guid.CreateVersion7(), alloc, appropriation, -total } };
        foreach (var (id, amount) in paid)
        {
            var e = Guid.CreateVersion7();
            entries.Add([e, 2, FundCodes.MutualAid, unit, 2020, amount, MutualAidService.SourceType, id, "bench:pay:" + id.ToString("N"), "bench", at]);
            lines.Add([Guid.CreateVersion7(), e, paidAcc, amount]);
            lines.Add([Guid.CreateVersion7(), e, available, -amount]);
        }
        var accounts = new List<object?[]> { new object?[] { appropriation, FundCodes.MutualAid, unit, 2020, 0, -total }, new object?[] { available, FundCodes.MutualAid, unit, 2020, 1, 0L }, new object?[] { paidAcc, FundCodes.MutualAid, unit, 2020, 3, total } };
        string[] ec = ["id", "kind", "fund_code", "org_unit_id", "year", "amount", "source_type", "source_id", "idempotency_key", "actor", "at"];
        string[] lc = ["id", "entry_id", "account_id", "amount"];
        string[] ac = ["id", "fund_code", "org_unit_id", "year", "kind", "balance"];
        var conn = db.Database.GetDbConnection();
        if (conn is NpgsqlConnection pg)
        {
            await CopyAsync(pg, "funds_accounts", ac, accounts);
            await CopyAsync(pg, "funds_entries", ec, entries);
            await CopyAsync(pg, "funds_lines", lc, lines);
        }
        else
        {
            var sc = (SqliteConnection)conn;
            await using var tx = (SqliteTransaction)await sc.BeginTransactionAsync();
            await InsertAsync(sc, tx, "funds_accounts", ac, accounts);
            await InsertAsync(sc, tx, "funds_entries", ec, entries);
            await InsertAsync(sc, tx, "funds_lines", lc, lines);
            await tx.CommitAsync();
        }
    }

    private static object Sql(object? v) => v switch
    {
        null => DBNull.Value,
        Guid g => g.ToString().ToUpperInvariant(),
        DateTimeOffset d => SqliteTime.ConvertToProvider(d)!,
        _ => v,
    };

    private static async Task InsertAsync(SqliteConnection conn, SqliteTransaction tx, string table, string[] cols, List<object?[]> rows)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO {table} ({string.Join(",", cols)}) VALUES ({string.Join(",", cols.Select((_, i) => "$p" + i))})";
        var p = cols.Select((_, i) => { var x = cmd.CreateParameter(); x.ParameterName = "$p" + i; cmd.Parameters.Add(x); return x; }).ToArray();
        cmd.Prepare();
        foreach (var r in rows)
        {
            for (var i = 0; i < p.Length; i++) p[i].Value = Sql(r[i]);
            cmd.ExecuteNonQuery();
        }
    }

    private static async Task CopyAsync(NpgsqlConnection conn, string table, string[] cols, List<object?[]> rows)
    {
        await using var w = await conn.BeginBinaryImportAsync($"COPY {table} ({string.Join(",", cols)}) FROM STDIN (FORMAT BINARY)");
        foreach (var r in rows)
        {
            await w.StartRowAsync();
            foreach (var v in r)
            {
                switch (v)
                {
                    case null: await w.WriteNullAsync(); break;
                    case Guid g: await w.WriteAsync(g, NpgsqlDbType.Uuid); break;
                    case int i: await w.WriteAsync(i, NpgsqlDbType.Integer); break;
                    case long l: await w.WriteAsync(l, NpgsqlDbType.Bigint); break;
                    case string s: await w.WriteAsync(s, NpgsqlDbType.Varchar); break;
                    case DateTimeOffset d: await w.WriteAsync(d, NpgsqlDbType.TimestampTz); break;
                    default: throw new InvalidOperationException(v.GetType().Name);
                }
            }
        }
        await w.CompleteAsync();
    }
}
