using System.Diagnostics;
using System.Globalization;
using System.Text;
using Gonghui.Modules.Organizations.Importing;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Importing;
using Gonghui.Platform.Security;
using Gonghui.Platform.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Npgsql;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Bench;

/// <summary>
/// `members-import`: generates N member rows to CSV, imports them with <see cref="MemberImporter"/> into SQLite and PostgreSQL
/// (env GONGHUI_BENCH_PG or --pg), and compares with a naive EF Core baseline (AddRange + SaveChanges per 1,000 rows) on a slice.
/// Prints rows/s and peak memory for each, and the ratios.
/// </summary>
public static class MembersImportBench
{
    public static readonly Scenario Scenario = new("members-import",
        "1M member rows from CSV into SQLite and PostgreSQL (bulk) vs naive EF SaveChanges [--rows N --baseline-rows N --pg CS]", RunAsync);

    private sealed record Figure(string Name, long Rows, double Seconds, double CpuSeconds, long PeakWorkingSet, long PeakManaged)
    {
        public double RowsPerSecond => Rows / Seconds;
        /// <summary>Rows per second of this process's CPU time: less sensitive to a busy shared machine than wall-clock rows/s.</summary>
        public double RowsPerCpuSecond => Rows / CpuSeconds;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        if (Arg(args, "--phase") is { } only) return await RunPhaseAsync(only, Arg(args, "--csv")!, Arg(args, "--pg"), Arg(args, "--dir")!);
        var rows = IntArg(args, "--rows", 1_000_000);
        var baselineRows = IntArg(args, "--baseline-rows", 50_000);
        var pg = Arg(args, "--pg") ?? Environment.GetEnvironmentVariable("GONGHUI_BENCH_PG");
        var dir = Directory.CreateTempSubdirectory("gonghui-bench-").FullName;
        Console.WriteLine($"load average at the start: {LoadAverage()}");
        Console.WriteLine($"members-import: {rows:N0} rows, baseline {baselineRows:N0} rows, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        try
        {
            var csv = Path.Combine(dir, "members.csv");
            var sw = Stopwatch.StartNew();
            await PeopleCsv.WriteAsync(csv, rows, unions: 300, seed: 20201231);
            var slice = Path.Combine(dir, "slice.csv");
            await PeopleCsv.WriteAsync(slice, baselineRows, unions: 300, seed: 20201231);
            Console.WriteLine($"generated {new FileInfo(csv).Length / 1048576.0:N0} MB CSV in {sw.Elapsed.TotalSeconds:N1} s");

            // Each measurement runs in its own child process, so its peak memory is its own and not what an earlier one left.
            var figures = new List<Figure>();
            string[] phases = pg is null ? ["sqlite-bulk", "sqlite-naive"] : ["sqlite-bulk", "sqlite-naive", "pg-bulk", "pg-naive"];
            if (pg is null) Console.WriteLine("PostgreSQL skipped: set GONGHUI_BENCH_PG or pass --pg (bench/run.sh starts a throw-away server).");
            foreach (var phase in phases)
                figures.AddRange(await RunPhaseInChildAsync(phase, phase.EndsWith("naive") ? slice : csv, pg, dir));
            Console.WriteLine();
            Console.WriteLine($"load average at the end: {LoadAverage()}");
            Console.WriteLine($"{"scenario",-48} {"rows",10} {"seconds",8} {"rows/s",10} {"rows/cpu-s",10} {"peak WS MB",10} {"peak heap MB",12}");
            foreach (var f in figures)
                Console.WriteLine($"{f.Name,-48} {f.Rows,10:N0} {f.Seconds,8:N1} {f.RowsPerSecond,10:N0} {f.RowsPerCpuSecond,10:N0} {f.PeakWorkingSet / 1048576.0,10:N0} {f.PeakManaged / 1048576.0,12:N0}");
            foreach (var provider in new[] { "SQLite", "PostgreSQL" })
            {
                var bulk = figures.FirstOrDefault(f => f.Name.StartsWith(provider + " bulk"));
                var naive = figures.FirstOrDefault(f => f.Name.StartsWith(provider + " naive"));
                if (bulk is not null && naive is not null)
                    Console.WriteLine($"{provider}: bulk is {bulk.RowsPerSecond / naive.RowsPerSecond:N1}× the naive EF baseline's rows/s, "
                        + $"{bulk.RowsPerCpuSecond / naive.RowsPerCpuSecond:N1}× its rows per CPU-second");
                var limit = figures.FirstOrDefault(f => f.Name.StartsWith(provider + " limit"));
                if (bulk is not null && limit is not null)
                    Console.WriteLine($"{provider}: importer {bulk.RowsPerSecond:N0} rows/s against the limit {limit.RowsPerSecond:N0} rows/s measured in this run = {bulk.RowsPerSecond / limit.RowsPerSecond:0.00}× (target ≥ 0.8×); "
                        + $"CPU per row of this process: importer {1e6 * bulk.CpuSeconds / bulk.Rows:N1} µs, limit {1e6 * limit.CpuSeconds / limit.Rows:N1} µs (the floor of the write alone; the importer's own per-row work: scenario members-import-stages)");
            }
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<int> RunPhaseAsync(string phase, string csv, string? pg, string dir)
    {
        var (provider, cs) = phase.StartsWith("pg")
            ? (DatabaseProvider.PostgreSQL, await BenchDb.NewPgDatabaseAsync(pg!))
            : (DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dir, phase + ".db")}");
        await using var b = await BenchDb.CreateAsync(provider, cs, dir);
        var name = phase switch
        {
            "sqlite-bulk" => "SQLite bulk (MemberImporter)",
            "sqlite-naive" => "SQLite naive EF SaveChanges",
            "pg-bulk" => "PostgreSQL bulk (MemberImporter, binary COPY)",
            _ => "PostgreSQL naive EF SaveChanges",
        };
        var f = await MeasureAsync(name, () => phase.EndsWith("naive") ? NaiveAsync(b, csv) : ImportAsync(b, csv));
        Console.WriteLine(FormattableString.Invariant($"RESULT\t{f.Name}\t{f.Rows}\t{f.Seconds}\t{f.CpuSeconds}\t{f.PeakWorkingSet}\t{f.PeakManaged}"));
        if (phase.EndsWith("bulk"))
        {
            // The limit, in the same run on the same machine: the importer's final rows loaded again into a copy of the
            // table with the same indexes, set aside during the load and rebuilt before the commit as the importer does.
            var l = provider == DatabaseProvider.PostgreSQL ? await PgLimitAsync(cs) : await SqliteLimitAsync(cs);
            Console.WriteLine(FormattableString.Invariant($"RESULT\t{l.Name}\t{l.Rows}\t{l.Seconds}\t{l.CpuSeconds}\t{l.PeakWorkingSet}\t{l.PeakManaged}"));
        }
        return 0;
    }

    /// <summary>The limit of the engine for the importer's final rows (see <see cref="TableLimit"/>).</summary>
    private static async Task<Figure> PgLimitAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        return await MeasureAsync("PostgreSQL limit (binary COPY of the same rows)", await TableLimit.PrepareAsync(conn, "members"));
    }

    private static async Task<Figure> SqliteLimitAsync(string cs)
    {
        await using var conn = new Microsoft.Data.Sqlite.SqliteConnection(cs);
        await conn.OpenAsync();
        return await MeasureAsync("SQLite limit (prepared inserts of the same rows, one transaction)", await TableLimit.PrepareAsync(conn, "members"));
    }

    private static async Task<List<Figure>> RunPhaseInChildAsync(string phase, string csv, string? pg, string dir)
    {
        var self = Environment.ProcessPath!;
        var psi = new ProcessStartInfo(self) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") psi.ArgumentList.Add(typeof(MembersImportBench).Assembly.Location);
        foreach (var a in new[] { "members-import", "--phase", phase, "--csv", csv, "--dir", dir }) psi.ArgumentList.Add(a);
        if (pg is not null) { psi.ArgumentList.Add("--pg"); psi.ArgumentList.Add(pg); }
        using var child = Process.Start(psi)!;
        var result = new List<Figure>();
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("RESULT\t")) { Console.WriteLine(line); continue; }
            var p = line.Split('\t');
            var c = CultureInfo.InvariantCulture;
            result.Add(new Figure(p[1], long.Parse(p[2], c), double.Parse(p[3], c), double.Parse(p[4], c), long.Parse(p[5], c), long.Parse(p[6], c)));
        }
        await child.WaitForExitAsync();
        return result.Count > 0 ? result : throw new InvalidOperationException($"phase {phase} failed (exit code {child.ExitCode})");
    }

    private static async Task<long> ImportAsync(BenchDb b, string csv)
    {
        using var scope = b.Services.CreateScope();
        var importer = scope.ServiceProvider.GetRequiredService<MemberImporter>();
        await using var input = new FileStream(csv, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var bar = new ConsoleProgressBar(Console.Error, interactive: false);
        // Prints when each phase starts (reading and writing; rebuilding indexes and merging; done), to see where the time goes.
        var sw = Stopwatch.StartNew();
        var phase = "";
        void Report(ImportProgress p)
        {
            bar.Report(p);
            if (p.Phase == phase) return;
            phase = p.Phase;
            Console.WriteLine($"  {sw.Elapsed.TotalSeconds,6:N1} s  {phase} (rows {p.Rows:N0}, CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:N1} s)");
        }
        var result = await importer.ImportAsync(input, csv, new MemberImportOptions("/", "bench", SkipInvalid: false), Report);
        if (!result.Written) throw new InvalidOperationException("import rejected: " + string.Join("; ", result.Errors.Take(5)));
        Console.WriteLine($"  {result.Created:N0} created, {result.Updated:N0} updated, {result.FreshRows:N0} of them straight into the table (fresh mode)");
        return result.Created + result.Updated;
    }

    /// <summary>What a straightforward EF Core import would do: validate, new Member, AddRange, SaveChanges per 1,000 rows.</summary>
    private static async Task<long> NaiveAsync(BenchDb b, string csv)
    {
        using var scope = b.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<GonghuiDb>();
        var protector = sp.GetRequiredService<PersonalDataProtector>();
        var units = await db.Set<OrgUnit>().ToDictionaryAsync(u => u.Code, u => u.Id);
        await using var input = File.OpenRead(csv);
        using var file = TabularFile.Open(input, csv);
        var errors = new List<RowError>();
        var map = new ColumnMap(file.Headers, MemberImporter.Columns.Select(c => (c.Key, c.Names, c.Required)), errors);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var batch = new List<Member>(1000);
        long n = 0;
        var fe = new List<FieldError>();
        foreach (var row in file.Rows())
        {
            fe.Clear();
            var f = MemberRules.Validate(map.Get(row, "name"), map.Get(row, "idNumber"), map.Get(row, "phone"), map.Get(row, "employmentType"),
                map.Get(row, "joinedOn"), map.Get(row, "cardNumber"), fe, today) ?? throw new InvalidOperationException("bad row");
            var m = new Member { UnionId = units[map.Get(row, "unionCode")!], UpdatedAt = DateTimeOffset.UtcNow };
            MemberRules.ApplyPersonalData(m, f, protector);
            batch.Add(m);
            n++;
            if (batch.Count == 1000) { await FlushAsync(); }
        }
        await FlushAsync();
        return n;

        async Task FlushAsync()
        {
            db.AddRange(batch);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            batch.Clear();
        }
    }

    private static async Task<Figure> MeasureAsync(string name, Func<Task<long>> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var sampler = new MemorySampler();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var rows = await work();
        sw.Stop();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        var (ws, heap) = sampler.Stop();
        var f = new Figure(name, rows, sw.Elapsed.TotalSeconds, cpu, ws, heap);
        Console.WriteLine($"{name}: {rows:N0} rows in {f.Seconds:N1} s = {f.RowsPerSecond:N0} rows/s ({f.RowsPerCpuSecond:N0} rows per CPU-second of this process), peak working set {ws / 1048576.0:N0} MB (process peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MB)");
        return f;
    }

    /// <summary>Samples the process's working set and managed heap every 50 ms; the peak during one measurement.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _task;
        private long _ws, _heap;

        public MemorySampler() => _task = Task.Run(async () =>
        {
            using var me = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                Sample(me);
                try { await Task.Delay(50, _stop.Token); } catch (OperationCanceledException) { }
            }
            Sample(me);
        });

        private void Sample(Process me)
        {
            me.Refresh();
            _ws = Math.Max(_ws, me.WorkingSet64);
            _heap = Math.Max(_heap, GC.GetTotalMemory(false));
        }

        public (long WorkingSet, long Heap) Stop()
        {
            _stop.Cancel();
            _task.Wait();
            return (_ws, _heap);
        }

        public void Dispose() => _stop.Dispose();
    }

    internal static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int IntArg(string[] args, string name, int fallback) =>
        Arg(args, name) is { } s ? int.Parse(s.Replace("_", "").Replace(",", ""), CultureInfo.InvariantCulture) : fallback;
}

/// <summary>A fresh, migrated database with the demo federation's shape (one district, N grassroots unions) and the importer's services.</summary>
internal sealed class BenchDb : IAsyncDisposable
{
    private string? _pgDrop;
    public ServiceProvider Services { get; private init; } = null!;

    public static async Task<BenchDb> CreateAsync(DatabaseProvider provider, string connectionString, string dir)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLocalization();
        services.AddGonghuiData(new DatabaseSettings(provider, connectionString, dir));
        global::Program.AddModules(services); // every module's part of the EF model, as the app has it
        services.AddSingleton<IAuditActor>(new BenchActor());
        services.AddSingleton(new PersonalDataProtector(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), Enumerable.Range(101, 32).Select(i => (byte)i).ToArray()));
        services.AddSingleton<ImportLocalizer>();
        services.AddScoped<MemberImporter>();
        var b = new BenchDb { Services = services.BuildServiceProvider(), _pgDrop = provider == DatabaseProvider.PostgreSQL ? connectionString : null };
        using var scope = b.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
        await DataModule.MigrateAsync(db);
        var now = DateTimeOffset.UtcNow;
        var root = OrgUnit.CreateRoot("BJ", "北京市总工会", now);
        var district = OrgUnit.CreateChild(root, "DC", "东城区总工会", OrgUnitKind.DistrictUnion, "110101", now);
        db.AddRange(root, district);
        for (var i = 0; i < 300; i++) db.Add(OrgUnit.CreateChild(district, $"DC{i:D4}", $"东城区第{i}基层工会", OrgUnitKind.GrassrootsUnion, null, now));
        await db.SaveChangesAsync();
        return b;
    }

    public static async Task<string> NewPgDatabaseAsync(string server)
    {
        var name = "gonghui_bench_" + Guid.NewGuid().ToString("N")[..10];
        await using var conn = new NpgsqlConnection(server);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_pgDrop is null) return;
        NpgsqlConnection.ClearAllPools();
        var cs = new NpgsqlConnectionStringBuilder(_pgDrop);
        var name = cs.Database;
        cs.Database = "postgres";
        await using var conn = new NpgsqlConnection(cs.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private sealed class BenchActor : IAuditActor { public string Name => "bench"; }
}

/// <summary>Deterministic member rows: plausible Chinese names, valid resident ID numbers (Beijing regions), mobile numbers.</summary>
internal static class PeopleCsv
{
    private const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private const string Given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红鹏建华飞亮宇浩凯晨欣怡子涵梓轩一诺雨萱思远博文佳琪晓东志强海燕春梅";
    private static readonly string[] Regions = ["110101", "110102", "110105", "110106", "110107", "110108", "110109", "110111", "110112", "110113", "110114", "110115", "110116", "110117", "110118", "110119"];
    private static readonly string[] Types = ["正式职工", "正式职工", "正式职工", "劳务派遣", "灵活就业"];

    public static async Task WriteAsync(string path, int rows, int unions, int seed)
    {
        var rng = new Random(seed);
        await using var w = new StreamWriter(path, false, new UTF8Encoding(true), 1 << 16);
        await w.WriteLineAsync("姓名,身份证号,手机号,用工类型,工会代码,统一社会信用代码,入会日期,会员卡号");
        var start = new DateOnly(1960, 1, 1);
        var sb = new StringBuilder(128);
        for (var i = 0; i < rows; i++)
        {
            // Unique ID numbers: each (region, birth date) gets sequence numbers 001–999 in turn.
            var region = Regions[i % Regions.Length];
            var birth = start.AddDays(i / Regions.Length / 999 % 15000);
            var seq = i / Regions.Length % 999 + 1;
            var first17 = $"{region}{birth:yyyyMMdd}{seq:D3}";
            var id = first17 + ResidentId.CheckCharacter(first17);
            var name = string.Concat(Surnames[rng.Next(Surnames.Length)], Given[rng.Next(Given.Length)], rng.Next(3) == 0 ? "" : Given[rng.Next(Given.Length)].ToString());
            var phone = "1" + "3578"[rng.Next(4)] + rng.Next(0, 1_000_000_000).ToString("D9");
            var joined = new DateOnly(2000, 1, 1).AddDays(rng.Next(0, 9000));
            sb.Clear();
            sb.Append(name).Append(',').Append(id).Append(',').Append(phone).Append(',').Append(Types[rng.Next(Types.Length)]).Append(',')
              .Append("DC").Append(rng.Next(unions).ToString("D4")).Append(",,").Append(joined.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
              .Append(",C").Append(i.ToString("D9"));
            await w.WriteLineAsync(sb);
        }
    }
}

/// <summary>Where an import's time goes, stage by stage (read CSV; + validate; + encrypt/hash), without a database.</summary>
internal static class MembersImportStages
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
        var dir = Directory.CreateTempSubdirectory("gonghui-stages-").FullName;
        var csv = Path.Combine(dir, "m.csv");
        await PeopleCsv.WriteAsync(csv, rows, 300, 1);
        var protector = new PersonalDataProtector(new byte[32], new byte[32]);
        Console.WriteLine($"load average: {MembersImportBench.LoadAverage()}; rows per CPU-second is the steadier figure on a shared machine");
        foreach (var stage in new[] { "read", "validate", "protect" })
        {
            var sw = Stopwatch.StartNew();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            await using var input = File.OpenRead(csv);
            using var file = TabularFile.Open(input, csv);
            var map = new ColumnMap(file.Headers, MemberImporter.Columns.Select(c => (c.Key, c.Names, c.Required)), []);
            var fe = new List<FieldError>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            long n = 0;
            foreach (var row in file.Rows())
            {
                n++;
                if (stage == "read") continue;
                fe.Clear();
                var f = MemberRules.Validate(map.Get(row, "name"), map.Get(row, "idNumber"), map.Get(row, "phone"), map.Get(row, "employmentType"),
                    map.Get(row, "joinedOn"), map.Get(row, "cardNumber"), fe, today);
                if (stage == "validate") continue;
                MemberRules.ApplyPersonalData(new Member(), f!, protector);
            }
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            Console.WriteLine($"{stage,-10} {n / sw.Elapsed.TotalSeconds,12:N0} rows/s {n / cpu,12:N0} rows/CPU-s  ({cpu * 1e6 / n:N2} µs CPU per row, cumulative)");
        }
        var s2 = Stopwatch.StartNew();
        for (var i = 0; i < rows; i++) protector.Encrypt("11010519491231002X");
        Console.WriteLine($"{"encrypt",-10} {rows / s2.Elapsed.TotalSeconds,12:N0} calls/s (PersonalDataProtector: pooled nonces, no allocation but the result)");
        s2.Restart();
        using (var aes = new System.Security.Cryptography.AesGcm(new byte[32], 16))
        {
            var plain = Encoding.UTF8.GetBytes("11010519491231002X");
            var output = new byte[28 + plain.Length];
            for (var i = 0; i < rows; i++)
            {
                System.Security.Cryptography.RandomNumberGenerator.Fill(output.AsSpan(0, 12));
                aes.Encrypt(output.AsSpan(0, 12), plain, output.AsSpan(28), output.AsSpan(12, 16));
                _ = Convert.ToBase64String(output);
            }
        }
        Console.WriteLine($"{"aes reused",-10} {rows / s2.Elapsed.TotalSeconds,12:N0} calls/s (one CSPRNG call per nonce, as before)");
        s2.Restart();
        for (var i = 0; i < rows; i++) protector.Hash("11010519491231002X");
        Console.WriteLine($"{"hash",-10} {rows / s2.Elapsed.TotalSeconds,12:N0} calls/s");
        Directory.Delete(dir, true);
        return 0;
    }
}
