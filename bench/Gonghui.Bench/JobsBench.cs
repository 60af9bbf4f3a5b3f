using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Gonghui.Modules.Jobs;
using Gonghui.Modules.Jobs.Demo;
using Gonghui.Modules.Jobs.Posts;
using Gonghui.Modules.Jobs.Search;
using Gonghui.Modules.Jobs.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform;
using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Gonghui.Platform.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gonghui.Bench;

/// <summary>
/// Scenario `jobs`: 110,000 open posts (× --scale) from up to 1,760 of the registry's enterprises (cycling over those the
/// demo registry has), written through the same bulk path as the demo (RowWriter: one transaction, audited rows), then the
/// public search (<c>GET /api/v1/jobs/search</c>, anonymous) with each filter and their combinations, first slice, on loopback
/// Kestrel with 16 keep-alive connections; beside each, the bare SQL of the same slice (hand-written keyset query with the
/// same filters, through ADO.NET with 16 connections; the capped count taken once before the clock, as the API's count cache
/// keeps it) in the same run, and the ratio.
/// Args: [--scale 1.0] [--requests 400] [--concurrency 16] [--provider sqlite|postgresql] [--explain] [--profile]. PostgreSQL runs when
/// GONGHUI_BENCH_PG holds a server connection string (a database is created and dropped).
/// <c>--profile</c> first sends each case's requests one at a time and prints where one request's time goes (each SQL command EF
/// sends, its duration and plan, the rest in-process) beside the bare SQL, then measures as usual.
/// </summary>
public static class JobsBench
{
    public static readonly Scenario Scenario = new("jobs", "110,000 posts: public search with filters p50/p99 vs bare SQL [--scale F]", RunAsync);

    private static string? Opt(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    private static string Uptime() => "uptime load " + string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
    private static bool explain;
    private static bool profile;

    public static async Task<int> RunAsync(string[] args)
    {
        var scale = double.Parse(Opt(args, "--scale") ?? "1", System.Globalization.CultureInfo.InvariantCulture);
        var requests = int.Parse(Opt(args, "--requests") ?? "400");
        var concurrency = int.Parse(Opt(args, "--concurrency") ?? "16");
        var only = Opt(args, "--provider");
        explain = args.Contains("--explain");
        profile = args.Contains("--profile");
        var n = (int)(110_000 * scale);
        Console.WriteLine($"jobs scenario: {n:N0} posts, {requests} requests per case, {concurrency} connections, cores={Environment.ProcessorCount}; {Uptime()}");
        var providers = new List<(DatabaseProvider, Func<string, string>)> { (DatabaseProvider.Sqlite, dir => $"Data Source={Path.Combine(dir, "gonghui.db")}") };
        var pg = Environment.GetEnvironmentVariable("GONGHUI_BENCH_PG");
        if (!string.IsNullOrEmpty(pg)) providers.Add((DatabaseProvider.PostgreSQL, _ => pg));
        if (only is not null) providers.RemoveAll(p => !p.Item1.ToString().StartsWith(only, StringComparison.OrdinalIgnoreCase));
        foreach (var (provider, cs) in providers) await RunProviderAsync(provider, cs, n, requests, concurrency);
        return 0;
    }

    /// <summary>One search: its URL and the bare SQL's WHERE (after the open-post conditions) with its parameters.</summary>
    private sealed record Case(string Name, string Query, string Where, object[] Params, string From = "jobs_posts", string Order = "posted_at DESC, id DESC");

    private static async Task RunProviderAsync(DatabaseProvider provider, Func<string, string> csFor, int n, int requests, int concurrency)
    {
        Console.WriteLine($"\n== {provider}");
        var dir = Directory.CreateTempSubdirectory("gonghui-bench-jobs-").FullName;
        var cs = csFor(dir);
        string? pgDb = null;
        var pgsql = provider == DatabaseProvider.PostgreSQL;
        if (pgsql)
        {
            pgDb = "gonghui_bench_" + Guid.NewGuid().ToString("N")[..10];
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            await using (var cmd = new NpgsqlCommand($"CREATE DATABASE \"{pgDb}\"", conn)) await cmd.ExecuteNonQueryAsync();
            cs = new NpgsqlConnectionStringBuilder(cs) { Database = pgDb, MaxPoolSize = 200 }.ConnectionString;
        }
        var port = Latencies.FreePort();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "Gonghui", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gonghui:DataDir"] = dir, ["Gonghui:Database:Provider"] = provider.ToString(), ["ConnectionStrings:Gonghui"] = cs,
            ["Gonghui:Demo"] = "true", ["Gonghui:Demo:Scale"] = "0.05", ["Gonghui:Hotline:LoopSeconds"] = "3600",
            ["Logging:LogLevel:Default"] = "Warning", ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning", ["urls"] = $"http://127.0.0.1:{port}",
            ["Gonghui:Security:EncryptionKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            ["Gonghui:Security:HashKey"] = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray()),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPlatform();
        global::Program.AddModules(builder.Services);
        var app = builder.Build();
        app.UsePlatform();
        app.MapJobs();
        await app.StartAsync();
        try
        {
            DateOnly today;
            using (var scope = app.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
                var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
                today = BeijingTime.Today(clock);
                var sw = Stopwatch.StartNew();
                var written = await GenerateAsync(db, clock, n);
                Console.WriteLine($"posts: {written:N0} written through RowWriter (with their audit entries) in {sw.Elapsed.TotalSeconds:0.0} s, {written / sw.Elapsed.TotalSeconds:N0} rows/s (set-up); {Uptime()}");
                db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
                // The steady state of a table after a bulk load: PostgreSQL's autovacuum sets the visibility map some time later
                // (index-only scans of jobs_post_terms then need no heap), and a plan chosen before differs from one chosen after
                // (the profile of 2026-12-06 saw the keyword's plan flip in mid-run). Vacuum now, as VisitImporter does after its loads.
                await db.Database.ExecuteSqlRawAsync(pgsql ? "VACUUM (ANALYZE)" : "ANALYZE");
            }
            var cases = Cases(pgsql);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var dbConns = new System.Collections.Concurrent.ConcurrentBag<DbConnection>();
            for (var c = 0; c < concurrency; c++)
            {
                DbConnection conn = pgsql ? new NpgsqlConnection(cs) : new Microsoft.Data.Sqlite.SqliteConnection(cs);
                await conn.OpenAsync();
                dbConns.Add(conn);
            }
            if (profile)
            {
                foreach (var c in cases)
                {
                    var (pageSql, countSql) = Sql(pgsql, c.Where, c.From, c.Order);
                    var ps = new List<object> { (int)PostStatus.Published, pgsql ? today : today.ToString("yyyy-MM-dd") };
                    ps.AddRange(c.Params);
                    await ProfileAsync(c, http, dbConns, pgsql, pageSql, countSql, ps);
                }
                Console.WriteLine();
            }
            Console.WriteLine($"{"case",-34} {"hits",6} {"API p50",8} {"p99",8} {"SQL p50",8} {"p99",8} {"ratio p50",9} {"p99",6}  status");
            var worstP99 = 0.0; var worstRatio = 0.0;
            foreach (var c in cases)
            {
                var (pageSql, countSql) = Sql(pgsql, c.Where, c.From, c.Order);
                var ps = new List<object> { (int)PostStatus.Published, pgsql ? today : today.ToString("yyyy-MM-dd") };
                ps.AddRange(c.Params);
                if (explain && dbConns.TryTake(out var ec))
                {
                    try
                    {
                        await using var cmd = Command(ec, (pgsql ? "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " : "EXPLAIN QUERY PLAN ") + pageSql, ps);
                        await using var rd = await cmd.ExecuteReaderAsync();
                        Console.WriteLine($"plan {c.Name}:");
                        while (await rd.ReadAsync()) Console.WriteLine("    " + rd.GetValue(pgsql ? 0 : 3));
                    }
                    finally { dbConns.Add(ec); }
                }
                var failures = 0;
                var hits = 0;
                var api = await Latencies.MeasureAsync(requests, concurrency, async () =>
                {
                    using var res = await http.GetAsync($"/api/v1/jobs/search?{c.Query}");
                    var body = await res.Content.ReadAsStringAsync();
                    if (res.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref failures);
                    else if (hits == 0) hits = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("totalEstimate").GetInt32();
                });
                // The API takes a list's capped count once and answers it from the count cache (ListCounts, 30 s) after that: the bare
                // SQL counts once too, in its warm-up, and each timed call is the page. Until session 12 it counted on every call, which
                // for a radius (1,000 hits among ~24,000 posts walked) was most of its 300–900 ms: not the API's work.
                var counted = 0;
                var sql = await Latencies.MeasureAsync(requests, concurrency, async () =>
                {
                    if (!dbConns.TryTake(out var conn)) throw new InvalidOperationException("more callers than connections");
                    try
                    {
                        if (Interlocked.Exchange(ref counted, 1) == 0) { await using var cmd = Command(conn, countSql, ps); await cmd.ExecuteScalarAsync(); }
                        await using var page = Command(conn, pageSql, ps);
                        await using var rd = await page.ExecuteReaderAsync();
                        while (await rd.ReadAsync()) { for (var f = 0; f < rd.FieldCount; f++) rd.GetValue(f); }
                    }
                    finally { dbConns.Add(conn); }
                });
                var ratio = api.P99 / Math.Max(0.01, sql.P99);
                worstP99 = Math.Max(worstP99, api.P99); worstRatio = Math.Max(worstRatio, ratio);
                Console.WriteLine($"{c.Name,-34} {(hits >= 1000 ? "1000+" : hits.ToString()),6} {api.P50,8:0.0} {api.P99,8:0.0} {sql.P50,8:0.0} {sql.P99,8:0.0} {api.P50 / Math.Max(0.01, sql.P50),8:0.0}x {ratio,5:0.0}x  {(failures == 0 ? "ok" : $"{failures} failures")}");
            }
            Console.WriteLine($"worst p99 {worstP99:0.0} ms (target ≤ 50), worst p99 ratio to bare SQL {worstRatio:0.0}x; {Uptime()}");
            foreach (var conn in dbConns) await conn.DisposeAsync();
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            if (pgDb is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await using var conn = new NpgsqlConnection(csFor(dir));
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{pgDb}\" WITH (FORCE)", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    /// <summary>One SQL command EF sent: its text, parameters, when it ended (Stopwatch ticks) and how long it ran.</summary>
    private sealed record Sent(string Sql, (string Name, object? Value)[] Params, long EndedAt, double Ms);

    /// <summary>Records the commands EF executes (its DiagnosticListener) while <see cref="On"/>.</summary>
    private sealed class CommandRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        public static readonly CommandRecorder Instance = new();
        public volatile bool On;
        public readonly System.Collections.Concurrent.ConcurrentQueue<Sent> Commands = new();
        private IDisposable? _all;
        public void Start() => _all ??= DiagnosticListener.AllListeners.Subscribe(this);
        public void OnNext(DiagnosticListener l) { if (l.Name == DbLoggerCategory.Name) l.Subscribe(this); }
        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (!On || e.Value is not Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData d) return;
            Commands.Enqueue(new Sent(d.Command.CommandText, d.Command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToArray(),
                Stopwatch.GetTimestamp(), d.Duration.TotalMilliseconds));
        }
        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }

    /// <summary>
    /// One case, one request at a time: the request's wall time, the commands EF sent for it (duration, plan), the in-process rest,
    /// the response size; and the bare SQL of the same slice, one at a time too.
    /// </summary>
    private static async Task ProfileAsync(Case c, HttpClient http, System.Collections.Concurrent.ConcurrentBag<DbConnection> conns, bool pg,
        string pageSql, string countSql, List<object> ps, int rounds = 40)
    {
        var rec = CommandRecorder.Instance;
        rec.Start();
        var runs = new List<(double Ms, long Start, int Bytes, Sent[] Commands)>();
        for (var i = 0; i < rounds + 5; i++)
        {
            rec.Commands.Clear();
            rec.On = true;
            var t0 = Stopwatch.GetTimestamp();
            using var res = await http.GetAsync($"/api/v1/jobs/search?{c.Query}");
            var body = await res.Content.ReadAsByteArrayAsync();
            var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            rec.On = false;
            if (i >= 5) runs.Add((ms, t0, body.Length, rec.Commands.ToArray()));
        }
        var sorted = runs.OrderBy(r => r.Ms).ToList();
        var median = sorted[sorted.Count / 2];
        conns.TryTake(out var conn);
        var bare = new List<double>();
        try
        {
            for (var i = 0; i < rounds + 5; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                if (i == 0) { await using var cmd = Command(conn!, countSql, ps); await cmd.ExecuteScalarAsync(); } // counted once, as the API's count cache does
                await using (var page = Command(conn!, pageSql, ps))
                await using (var rd = await page.ExecuteReaderAsync())
                    while (await rd.ReadAsync()) { for (var f = 0; f < rd.FieldCount; f++) rd.GetValue(f); }
                if (i >= 5) bare.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
            bare.Sort();
            Console.WriteLine($"\n-- {c.Name}: API one at a time p50 {median.Ms:0.00} ms (min {sorted[0].Ms:0.00}, max {sorted[^1].Ms:0.00}), {median.Bytes:N0} bytes, " +
                $"{median.Commands.Length} commands, their sum {median.Commands.Sum(x => x.Ms):0.00} ms; bare SQL (the page; counted once) p50 {bare[bare.Count / 2]:0.00} ms");
            foreach (var s in median.Commands)
            {
                var ended = Stopwatch.GetElapsedTime(median.Start, s.EndedAt).TotalMilliseconds;
                Console.WriteLine($"   at {ended - s.Ms,7:0.00} ms ran {s.Ms,7:0.00} ms: {System.Text.RegularExpressions.Regex.Replace(s.Sql, @"\s+", " ")}");
                Console.WriteLine("      params: " + string.Join(", ", s.Params.Select(p => $"{p.Name}={Show(p.Value)}")));
                if (s.Sql.Contains("keyset-count")) continue;
                await using var ex = conn!.CreateCommand();
                ex.CommandText = (pg ? "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " : "EXPLAIN QUERY PLAN ") + s.Sql;
                foreach (var (name, value) in s.Params) { var p = ex.CreateParameter(); p.ParameterName = name; p.Value = value ?? DBNull.Value; ex.Parameters.Add(p); }
                await using var rd = await ex.ExecuteReaderAsync();
                while (await rd.ReadAsync()) Console.WriteLine("      plan: " + rd.GetValue(pg ? 0 : 3));
            }
            // The same commands (as EF sent them) timed one at a time on the bench's connection: the database's share alone.
            var again = new List<double>();
            for (var i = 0; i < rounds; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                foreach (var s in median.Commands)
                {
                    await using var cmd = conn!.CreateCommand();
                    cmd.CommandText = s.Sql;
                    foreach (var (name, value) in s.Params) { var p = cmd.CreateParameter(); p.ParameterName = name; p.Value = value ?? DBNull.Value; cmd.Parameters.Add(p); }
                    await using var rd = await cmd.ExecuteReaderAsync();
                    while (await rd.ReadAsync()) { for (var f = 0; f < rd.FieldCount; f++) rd.GetValue(f); }
                }
                again.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
            again.Sort();
            Console.WriteLine($"   EF's commands replayed through ADO.NET: p50 {again[again.Count / 2]:0.00} ms");
        }
        finally { if (conn is not null) conns.Add(conn); }
    }

    private static string Show(object? v) => v switch
    {
        null or DBNull => "null",
        string s => s.Length > 60 ? $"'{s[..60]}…' ({s.Length} chars)" : $"'{s}'",
        System.Collections.ICollection e => $"[{e.Count} values]",
        _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Open posts spread like the demo's (its occupations, districts, salaries and places), posted over the last 60 days.</summary>
    private static async Task<int> GenerateAsync(GonghuiDb db, TimeProvider clock, int n)
    {
        var employers = await (from e in db.EnterpriseRows()
                               join u in db.UnitRows() on e.GrassrootsUnionId equals u.Id
                               orderby e.Id
                               select new { e.Id, e.Name, e.CreditCode, e.DistrictCode, u.Path }).Take(1760).ToListAsync();
        var now = clock.GetUtcNow();
        var today = BeijingTime.Today(clock);
        var rnd = new Random(110_000);
        var districts = JobsDemoSeeder.Centres.Keys.ToArray();
        var names = new[] { "急招", "长期", "包吃住", "五险一金", "可兼职" };
        var written = 0;
        for (var chunk = 0; chunk < n; chunk += 10_000)
        {
            var rows = new List<(object Row, string Actor)>(10_000);
            for (var i = chunk; i < Math.Min(n, chunk + 10_000); i++)
            {
                var e = employers[i % employers.Count];
                var code = i % 4 == 0 ? JobsDemoSeeder.DemoOccupations[rnd.Next(JobsDemoSeeder.DemoOccupations.Length)] : RandomLeaf(rnd);
                var district = districts[rnd.Next(districts.Length)];
                var (lat, lng) = JobsDemoSeeder.Centres[district];
                var min = (30 + rnd.Next(0, 120)) * 100_00L;
                var name = Occupations.Current.Find(code)?.Name ?? "职工";
                var f = new PostFields($"{name}（{names[rnd.Next(names.Length)]}）", $"{e.Name}招聘{name}。", code, EmploymentType.FullTime, min, min + rnd.Next(5, 80) * 100_00L,
                    1 + rnd.Next(0, 10), district, "北京市某路1号", Math.Round(lat + (rnd.NextDouble() - 0.5) * 0.16, 6), Math.Round(lng + (rnd.NextDouble() - 0.5) * 0.2, 6),
                    today.AddDays(1 + rnd.Next(0, 90)), null);
                rows.Add((JobPost.Published(Guid.CreateVersion7(), f, e.Id, e.Name, e.CreditCode, e.Path, now.AddMinutes(-rnd.Next(0, 60 * 24 * 60)), "bench"), "bench"));
            }
            var posted = rows.Count;
            rows.AddRange(rows.Select(r => r.Row).OfType<JobPost>().SelectMany(p => JobPostTerm.Of(p)).Select(t => ((object)t, "bench")).ToList());
            await RowWriter.InsertAsync(db, rows, now, default);
            written += posted;
        }
        return written;
    }

    private static string[]? leaves;
    private static string RandomLeaf(Random rnd)
    {
        leaves ??= Occupations.Current.All.Where(o => Occupations.Current.IsLeaf(o.Code) && o.Code[0] is '2' or '3' or '4' or '6').Select(o => o.Code).ToArray();
        return leaves[rnd.Next(leaves.Length)];
    }

    private static List<Case> Cases(bool pg)
    {
        string P(int i) => pg ? "@p" + i : "$p" + i;
        // Guomao (国贸), 5 km and 10 km.
        double lat = 39.9088, lng = 116.4574;
        var (dLat5, dLng5, scale) = PostRules.Box(lat, 5000);
        var (dLat10, dLng10, _) = PostRules.Box(lat, 10000);
        string Near(int first) =>
            $"lat >= {P(first)} AND lat <= {P(first + 1)} AND lng >= {P(first + 2)} AND lng <= {P(first + 3)} AND (lat - {P(first + 4)}) * (lat - {P(first + 4)}) + (lng - {P(first + 5)}) * {P(first + 6)} * ((lng - {P(first + 5)}) * {P(first + 6)}) <= {P(first + 7)}";
        object[] NearParams(double dLat, double dLng) => [lat - dLat, lat + dLat, lng - dLng, lng + dLng, lat, lng, scale, dLat * dLat];
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return
        [
            new("open posts, no filter", "", "", []),
            new("occupation medium group 6-18", "occupation=6-18", $"occupation_medium = {P(2)}", ["6-18"]),
            new("occupation 4-03-02-01", "occupation=4-03-02-01", $"occupation_code = {P(2)}", ["4-03-02-01"]),
            new("occupation small group 4-02-07", "occupation=4-02-07", $"occupation_small = {P(2)}", ["4-02-07"]),
            new("district 110105", "district=110105", $"district_code = {P(2)}", ["110105"]),
            new("district + salary ≥ 15,000", "district=110108&salaryFen=1500000", $"district_code = {P(2)} AND salary_max_fen >= {P(3)}", ["110108", 1_500_000L]),
            new("occupation 6-18 + district", "occupation=6-18&district=110105", $"occupation_medium = {P(2)} AND district_code = {P(3)}", ["6-18", "110105"]),
            new("within 5 km of Guomao", $"lat={lat.ToString(inv)}&lng={lng.ToString(inv)}&radiusKm=5", Near(2), NearParams(dLat5, dLng5)),
            new("major 4 + salary + 10 km", $"occupation=4&salaryFen=1200000&lat={lat.ToString(inv)}&lng={lng.ToString(inv)}&radiusKm=10",
                $"occupation_major = {P(2)} AND salary_max_fen >= {P(3)} AND " + Near(4), ["4", 1_200_000L, .. NearParams(dLat10, dLng10)]),
            new("keyword 焊工", "q=" + Uri.EscapeDataString("焊工"), pg ? $"(strpos(title, {P(2)}) > 0 OR strpos(employer_name, {P(2)}) > 0)" : $"(instr(title, {P(2)}) > 0 OR instr(employer_name, {P(2)}) > 0)", ["焊工"]),
            new("keyword 焊工 + district", "q=" + Uri.EscapeDataString("焊工") + "&district=110105",
                (pg ? $"(strpos(title, {P(2)}) > 0 OR strpos(employer_name, {P(2)}) > 0)" : $"(instr(title, {P(2)}) > 0 OR instr(employer_name, {P(2)}) > 0)") + $" AND district_code = {P(3)}", ["焊工", "110105"]),
            // The same keyword with the bare SQL going through the bigram table as the API does (the fair baseline since jobs_post_terms).
            new("keyword 焊工, SQL via jobs_post_terms", "q=" + Uri.EscapeDataString("焊工"),
                $"id IN (SELECT post_id FROM jobs_post_terms WHERE term = {P(2)}) AND " + (pg ? $"(strpos(title, {P(2)}) > 0 OR strpos(employer_name, {P(2)}) > 0)" : $"(instr(title, {P(2)}) > 0 OR instr(employer_name, {P(2)}) > 0)"), ["焊工"]),
            // Session 9: the API walks a common term's rows newest first on (term, posted_at, post_id); this is the bare SQL of that plan.
            // Session 10: a keyword that is one whole term is answered by the term alone (no substring test), in the API and here.
            new("keyword 焊工, SQL walking the term", "q=" + Uri.EscapeDataString("焊工"), $"t.term = {P(2)}", ["焊工"],
                "jobs_post_terms t JOIN jobs_posts ON jobs_posts.id = t.post_id", "t.posted_at DESC, t.post_id DESC"),
            // Session 10: the API walks the term with the district as a filter of the join (no id list); the same work by hand.
            // Session 12: the term's row carries the district, and the API walks only the term's rows of the district; so does this.
            new("keyword 焊工 + district, SQL walking", "q=" + Uri.EscapeDataString("焊工") + "&district=110105",
                $"t.term = {P(2)} AND t.district_code = {P(3)} AND jobs_posts.district_code = {P(3)}", ["焊工", "110105"],
                "jobs_post_terms t JOIN jobs_posts ON jobs_posts.id = t.post_id", "t.posted_at DESC, t.post_id DESC"),
        ];
    }

    /// <summary>The first slice (limit 20, one more to know there is a next) and the capped count, as a hand-written query.</summary>
    private static (string Page, string Count) Sql(bool pg, string where, string from = "jobs_posts", string order = "posted_at DESC, id DESC")
    {
        var p0 = pg ? "@p0" : "$p0";
        var p1 = pg ? "@p1" : "$p1";
        var filter = $"status = {p0} AND valid_through >= {p1}" + (where.Length > 0 ? " AND " + where : "");
        const string p = "jobs_posts.";
        return ($"SELECT {p}id, title, employer_name, employer_credit_code, occupation_code, employment_type, salary_min_fen, salary_max_fen, headcount, filled, {p}district_code, address, lat, lng, {p}posted_at, valid_through, description, campaign_id FROM {from} WHERE {filter} ORDER BY {order} LIMIT 21",
            $"SELECT COUNT(*) FROM (SELECT 1 FROM {from} WHERE {filter} LIMIT 1000) c");
    }

    private static DbCommand Command(DbConnection conn, string sql, IReadOnlyList<object> ps)
    {
        var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        for (var i = 0; i < ps.Count; i++) { var p = cmd.CreateParameter(); p.ParameterName = "p" + i; p.Value = ps[i]; cmd.Parameters.Add(p); }
        return cmd;
    }

}
