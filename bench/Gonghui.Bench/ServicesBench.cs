using System.Diagnostics;
using System.Globalization;
using System.Text;
using Gonghui.Modules.Organizations.Importing;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Services.Projects;
using Gonghui.Modules.Services.Rules;
using Gonghui.Modules.Services.Statistics;
using Gonghui.Modules.Services.Visits;
using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Importing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gonghui.Bench;

/// <summary>
/// `services-visits`: a year of member-service visits (4,773,700 by default, DESIGN §6) over 1,740 projects and a registry of members,
/// loaded from one CSV by <see cref="VisitImporter"/> on SQLite and PostgreSQL, each against the raw-insert limit measured in the
/// same run (<see cref="TableLimit"/>; target ≥ 0.6×); then the year's statistics computed in SQL over the index
/// (<see cref="ServiceStats"/>; target ≤ 1 s) against loading the rows into memory and grouping there.
/// </summary>
public static class ServicesBench
{
    public static readonly Scenario Scenario = new("services-visits",
        "4,773,700 visits of a year: bulk import vs the raw-insert limit, and the year's statistics in SQL vs in memory [--visits N --members N --pg CS --sqlite-only --pg-only]", RunAsync);

    private const int Projects = 1740;
    private static readonly DateOnly Jan1 = new(2020, 1, 1);

    public static async Task<int> RunAsync(string[] args)
    {
        var visits = IntArg(args, "--visits", 4_773_700);
        var members = IntArg(args, "--members", 400_000);
        var pg = Arg(args, "--pg") ?? Environment.GetEnvironmentVariable("GONGHUI_BENCH_PG");
        var dir = Directory.CreateTempSubdirectory("gonghui-services-").FullName;
        Console.WriteLine($"load average at the start: {MembersImportBench.LoadAverage()}");
        Console.WriteLine($"services-visits: {visits:N0} visits, {members:N0} members, {Projects:N0} projects, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        try
        {
            var membersCsv = Path.Combine(dir, "members.csv");
            await PeopleCsv.WriteAsync(membersCsv, members, unions: 300, seed: 20201231);
            var projectIds = Enumerable.Range(0, Projects).Select(i => new Guid($"00000000-0000-7000-a000-{i:x12}")).ToArray();
            var visitsCsv = Path.Combine(dir, "visits.csv");
            var sw = Stopwatch.StartNew();
            await WriteVisitsAsync(visitsCsv, visits, members, projectIds);
            Console.WriteLine($"generated {new FileInfo(visitsCsv).Length / 1048576.0:N0} MB visit CSV in {sw.Elapsed.TotalSeconds:N1} s");
            var engines = new List<(string Name, DatabaseProvider Provider)>();
            if (!args.Contains("--pg-only")) engines.Add(("SQLite", DatabaseProvider.Sqlite));
            if (pg is not null && !args.Contains("--sqlite-only")) engines.Add(("PostgreSQL", DatabaseProvider.PostgreSQL));
            if (pg is null) Console.WriteLine("PostgreSQL skipped: set GONGHUI_BENCH_PG or pass --pg (bench/run.sh starts a throw-away server).");
            foreach (var (name, provider) in engines)
            {
                var cs = provider == DatabaseProvider.PostgreSQL ? await BenchDb.NewPgDatabaseAsync(pg!) : $"Data Source={Path.Combine(dir, "services.db")}";
                await using var b = await BenchDb.CreateAsync(provider, cs, dir);
                await RunEngineAsync(name, b, cs, provider, membersCsv, visitsCsv, projectIds);
            }
            Console.WriteLine($"load average at the end: {MembersImportBench.LoadAverage()}");
            return 0;
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private static async Task RunEngineAsync(string name, BenchDb b, string cs, DatabaseProvider provider, string membersCsv, string visitsCsv, Guid[] projectIds)
    {
        Console.WriteLine();
        Console.WriteLine($"== {name}");
        var sw = Stopwatch.StartNew();
        using (var scope = b.Services.CreateScope())
        {
            await using var input = File.OpenRead(membersCsv);
            var r = await scope.ServiceProvider.GetRequiredService<MemberImporter>().ImportAsync(input, membersCsv, new MemberImportOptions("/", "bench", SkipInvalid: false), _ => { });
            if (!r.Written) throw new InvalidOperationException("member import refused");
            Console.WriteLine($"  registry: {r.Created:N0} members in {sw.Elapsed.TotalSeconds:N1} s");
            var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
            var units = await db.UnitRows().Select(u => new { u.Id, u.Path, u.Depth }).ToListAsync();
            var rows = new List<(object, string)>();
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < projectIds.Length; i++)
            {
                var owner = units[i % units.Count];
                var p = ServiceProject.Apply(projectIds[i], $"服务项目{i}", 2020, owner.Id, owner.Path, owner.Depth, (ServiceCategory)new[] { 1, 2, 3, 4, 11, 12, 13, 14, 15, 99 }[i % 10],
                    TargetGroup.AllMembers, null, null, null, 100_000, 3000, now, "bench");
                p.Apply(ProjectAction.Approve, now, "approver");
                p.Apply(ProjectAction.StartDelivery, now, "bench");
                rows.Add((p, "bench"));
            }
            await RowWriter.InsertAsync(db, rows, now, default);
        }

        // The import, timed with this process's CPU.
        long imported;
        var phases = new List<string>();
        var (seconds, cpu) = await MeasureAsync(async () =>
        {
            using var scope = b.Services.CreateScope();
            var importer = scope.ServiceProvider.GetRequiredService<VisitImporter>();
            importer.OnPhase = (phase, took) => phases.Add($"{phase} {took.TotalSeconds:N2} s");
            await using var input = new FileStream(visitsCsv, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var r = await importer.ImportAsync(input, visitsCsv, new VisitImportOptions("/BJ/", "bench", SkipBadRows: false), null, default);
            if (!r.Written) throw new InvalidOperationException("visit import refused: " + string.Join("; ", r.Errors.Take(5)));
            imported = r.Imported;
            return r.Imported;
        });
        imported = await CountAsync(b);
        Console.WriteLine($"  importer: {imported:N0} visits in {seconds:N1} s = {imported / seconds:N0} rows/s, CPU {1e6 * cpu / imported:N1} µs/row; phases: {string.Join(", ", phases)}");

        // The limit: the same rows into a copy of the table with the same indexes set aside and rebuilt.
        double limitSeconds, limitCpu;
        long limitRows = 0;
        if (provider == DatabaseProvider.PostgreSQL)
        {
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            var load = await TableLimit.PrepareAsync(conn, "services_visits");
            (limitSeconds, limitCpu) = await MeasureAsync(async () => limitRows = await load());
        }
        else
        {
            await using var conn = new Microsoft.Data.Sqlite.SqliteConnection(cs);
            await conn.OpenAsync();
            var load = await TableLimit.PrepareAsync(conn, "services_visits");
            (limitSeconds, limitCpu) = await MeasureAsync(async () => limitRows = await load());
        }
        var ratio = (imported / seconds) / (limitRows / limitSeconds);
        Console.WriteLine($"  limit:    {limitRows:N0} rows in {limitSeconds:N1} s = {limitRows / limitSeconds:N0} rows/s, CPU {1e6 * limitCpu / limitRows:N1} µs/row");
        Console.WriteLine($"  {name}: importer {imported / seconds:N0} rows/s against the limit {limitRows / limitSeconds:N0} rows/s in this run = {ratio:0.00}× (target ≥ 0.6×)");

        // The year's statistics: in SQL over the index (twice: cold, then warm) against the rows loaded into memory.
        using (var scope = b.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
            var cold = Stopwatch.StartNew();
            var s1 = await ServiceStats.ComputeAsync(db, "/BJ/", 2020, default);
            cold.Stop();
            var warm = Stopwatch.StartNew();
            var s2 = await ServiceStats.ComputeAsync(db, "/BJ/", 2020, default);
            warm.Stop();
            var district = Stopwatch.StartNew();
            var s3 = await ServiceStats.ComputeAsync(db, "/BJ/DC/", 2020, default);
            district.Stop();
            var mem = Stopwatch.StartNew();
            var byProject = new Dictionary<Guid, long>();
            await foreach (var v in db.Set<ServiceVisit>().AsNoTracking().Where(v => v.ServedOn >= Jan1 && v.ServedOn < Jan1.AddYears(1)).AsAsyncEnumerable())
                byProject[v.ProjectId] = byProject.GetValueOrDefault(v.ProjectId) + 1;
            mem.Stop();
            if (s2.Total.Visits != imported || byProject.Values.Sum() != imported) throw new InvalidOperationException($"statistics {s2.Total.Visits:N0} / memory {byProject.Values.Sum():N0} ≠ {imported:N0}");
            Console.WriteLine($"  statistics of the year (SQL over the index): {cold.Elapsed.TotalMilliseconds:N0} ms cold, {warm.Elapsed.TotalMilliseconds:N0} ms warm "
                + $"({s2.Total.Visits:N0} visits, {s2.ByTier.Count} tiers, {s2.ByDistrict.Count} districts, {s2.ByCategory.Count} categories); one district {district.Elapsed.TotalMilliseconds:N0} ms "
                + $"({s3.Total.Visits:N0} visits) (target ≤ 1,000 ms)");
            Console.WriteLine($"  the same from rows loaded into memory: {mem.Elapsed.TotalMilliseconds:N0} ms ({mem.Elapsed.TotalMilliseconds / warm.Elapsed.TotalMilliseconds:N1}× the SQL)");
            _ = s1;
        }
    }

    private static async Task<long> CountAsync(BenchDb b)
    {
        using var scope = b.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<GonghuiDb>().Set<ServiceVisit>().LongCountAsync();
    }

    /// <summary>Unique visits: member v % M in round v / M, on a project and day that differ for every round of the same member.</summary>
    private static async Task WriteVisitsAsync(string path, int visits, int members, Guid[] projects)
    {
        var codes = projects.Select(id => ServiceProject.CodeOf(2020, id)).ToArray();
        if (codes.Distinct().Count() != codes.Length) throw new InvalidOperationException("project codes collide");
        var days = Enumerable.Range(0, 366).Select(d => Jan1.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToArray();
        string[] channels = ["现场", "现场", "现场", "线上", "电话", "上门", "扫码"];
        string[] places = ["职工之家", "", "暖心驿站", "", "社区服务站", ""];
        var ids = new string[members];
        for (var i = 0; i < members; i++) ids[i] = IdOf(i);
        await using var w = new StreamWriter(path, false, new UTF8Encoding(true), 1 << 16);
        await w.WriteLineAsync("身份证号,项目编号,服务时间,服务地点,服务方式");
        var sb = new StringBuilder(96);
        for (var v = 0; v < visits; v++)
        {
            var m = v % members;
            var round = v / members;
            if (round >= 366 / 23) throw new InvalidOperationException("too many visits per member: raise --members");
            var p = (int)(((long)m * 7 + round * 131) % projects.Length);
            var d = (int)(((long)m * 13 + round * 23) % 366);
            sb.Clear();
            sb.Append(ids[m]).Append(',').Append(codes[p]).Append(',').Append(days[d]).Append(',').Append(places[v % places.Length]).Append(',').Append(channels[v % channels.Length]);
            await w.WriteLineAsync(sb);
        }
    }

    /// <summary>The ID number <see cref="PeopleCsv"/> gives row <paramref name="i"/>.</summary>
    private static string IdOf(int i)
    {
        string[] regions = ["110101", "110102", "110105", "110106", "110107", "110108", "110109", "110111", "110112", "110113", "110114", "110115", "110116", "110117", "110118", "110119"];
        var region = regions[i % regions.Length];
        var birth = new DateOnly(1960, 1, 1).AddDays(i / regions.Length / 999 % 15000);
        var seq = i / regions.Length % 999 + 1;
        var first17 = $"{region}{birth:yyyyMMdd}{seq:D3}";
        return first17 + ResidentId.CheckCharacter(first17);
    }

    private static async Task<(double Seconds, double Cpu)> MeasureAsync(Func<Task<long>> work)
    {
        GC.Collect();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        await work();
        sw.Stop();
        return (sw.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds);
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int IntArg(string[] args, string name, int fallback) =>
        Arg(args, name) is { } s ? int.Parse(s.Replace("_", "").Replace(",", ""), CultureInfo.InvariantCulture) : fallback;
}
