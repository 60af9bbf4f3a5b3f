using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Gonghui.Modules.Hotline;
using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Organizations;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gonghui.Bench;

/// <summary>
/// Scenario `lists`: 1,000,000 members and 1,000,000 hotline requests (× --scale), made in the database from the demo's rows
/// (INSERT … SELECT over a generated series: new id, name / tracking code and ID hash, the rest copied), then the first,
/// middle and last page of each list, unfiltered and filtered, as district staff (dongcheng) and as federation admin (admin),
/// through the API on loopback Kestrel with 16 keep-alive connections; beside each, the bare SQL of the same page
/// (hand-written keyset query, same scope and filter, through ADO.NET with 16 connections) in the same run, and the ratio.
/// Args: [--scale 1.0] [--requests 400] [--concurrency 16] [--provider sqlite|postgresql] [--count-cache on|off] [--explain]
/// (off: every first page counts its rows, as before the count cache of <see cref="ListCounts"/>; --explain prints, per case, the plan of
/// the bare SQL and of every command EF sends for one API request of the case, with its SQL). A case that fails (an exception, a
/// connection lost) is reported and the run goes on; at the end one table of every case of every engine (page, engine, role, filter,
/// p50, p99, bare-SQL p99, ratio) and the exit code is 1 if any request failed.
/// </summary>
public static class ListsBench
{
    public static readonly Scenario Scenario = new("lists", "member and hotline lists at 1M rows: first/middle/last page p50/p99 vs bare SQL [--scale F]", RunAsync);

    private static string? Opt(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    public static async Task<int> RunAsync(string[] args)
    {
        var scale = double.Parse(Opt(args, "--scale") ?? "1", System.Globalization.CultureInfo.InvariantCulture);
        var requests = int.Parse(Opt(args, "--requests") ?? "400");
        var concurrency = int.Parse(Opt(args, "--concurrency") ?? "16");
        var only = Opt(args, "--provider");
        ListCounts.Enabled = Opt(args, "--count-cache") != "off";
        explain = args.Contains("--explain");
        if (explain) EfCommands.Listen();
        var n = (int)(1_000_000 * scale);
        Console.WriteLine($"lists scenario: {n:N0} members and {n:N0} hotline requests, {requests} requests per page case, {concurrency} connections, count cache {(ListCounts.Enabled ? "on" : "off")}, cores={Environment.ProcessorCount}; {Uptime()}");
        var providers = new List<(DatabaseProvider, Func<string, string>)> { (DatabaseProvider.Sqlite, dir => $"Data Source={Path.Combine(dir, "gonghui.db")}") };
        var pg = Environment.GetEnvironmentVariable("GONGHUI_BENCH_PG");
        if (!string.IsNullOrEmpty(pg)) providers.Add((DatabaseProvider.PostgreSQL, _ => pg));
        if (only is not null) providers.RemoveAll(p => !p.Item1.ToString().StartsWith(only, StringComparison.OrdinalIgnoreCase));
        var results = new List<Result>();
        var failed = false;
        foreach (var (provider, cs) in providers)
        {
            try { await RunProviderAsync(provider, cs, n, requests, concurrency, results); }
            catch (Exception e)
            {
                // One engine's failure (set-up, server) is reported and the other engine still runs.
                failed = true;
                Console.WriteLine($"!! {provider}: {e.GetType().Name}: {e.Message}");
            }
        }
        Console.WriteLine($"\n## lists: {n:N0} members + {n:N0} requests, {requests} requests a case, {concurrency} connections; p50/p99 of the API and p99 of the bare SQL of the same page in ms; ratio = API p99 / SQL p99 (targets: p99 ≤ 50 ms, ratio ≤ 3); {Uptime()}");
        Console.WriteLine("| list | page | engine | role | filter | rows in scope | p50 | p99 | SQL p50 | SQL p99 | ratio | CPU ms/req | status |");
        Console.WriteLine("|---|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
            Console.WriteLine($"| {r.List} | {r.Page} | {r.Engine} | {r.User} | {r.Filter} | {r.Rows:N0} | {r.P50:0.0} | {(r.P99 > 50 ? $"**{r.P99:0.0}**" : $"{r.P99:0.0}")} | {r.SqlP50:0.0} | {r.SqlP99:0.0} | {r.Ratio:0.0}× | {r.Cpu:0.00} | {r.Status} |");
        foreach (var g in results.GroupBy(r => r.Engine))
            Console.WriteLine($"{g.Key}: worst p99 {g.Max(r => r.P99):0.0} ms ({g.MaxBy(r => r.P99)!.Describe}); cases over 50 ms: {g.Count(r => r.P99 > 50)} of {g.Count()}; worst ratio {g.Max(r => r.Ratio):0.0}× ({g.MaxBy(r => r.Ratio)!.Describe})");
        failed |= results.Any(r => r.Status != "ok");
        return failed ? 1 : 0;
    }

    private static bool explain;

    private sealed record Result(string Engine, string List, string User, string Filter, string Page, int Rows, double P50, double P99, double SqlP50, double SqlP99, double Cpu, string Status)
    {
        public double Ratio => P99 / Math.Max(0.01, SqlP99);
        public string Describe => $"{List} {User} {Filter} {Page}";
    }

    private static string Uptime() => "uptime load " + string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private sealed record Case(string List, string User, string Filter, string Position, string Url, string Sql, object?[] Params, int Rows);

    private static async Task RunProviderAsync(DatabaseProvider provider, Func<string, string> csFor, int n, int requests, int concurrency, List<Result> results)
    {
        Console.WriteLine($"\n== {provider}");
        var dir = Directory.CreateTempSubdirectory("gonghui-bench-lists-").FullName;
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
        // Every module: each registers its own EF model configuration, and the migrations hold them all.
        global::Program.AddModules(builder.Services);
        var app = builder.Build();
        app.UsePlatform();
        app.MapOrganizations();
        app.MapHotline();
        await app.StartAsync();
        var raw = new List<RawHttpClient>();
        try
        {
            var cases = new List<Case>();
            string grassroots;
            Guid grassrootsId;
            using (var scope = app.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
                var sw = Stopwatch.StartNew();
                await MultiplyAsync(db, pgsql, "members", n, new()
                {
                    ["id"] = Uuid(pgsql), ["name"] = pgsql ? "'会员' || lpad(((s.i::bigint * 7919) % 1000003)::text, 7, '0')" : "'会员' || printf('%07d', (s.i * 7919) % 1000003)",
                    ["id_number_hash"] = pgsql ? "'bench' || s.i::text" : "'bench' || s.i",
                });
                Console.WriteLine($"members: {await CountAsync(db, "members"):N0} rows in {sw.Elapsed.TotalSeconds:0.0} s (set-up, not measured)");
                sw.Restart();
                var demoRequests = await CountAsync(db, "hotline_requests");
                await MultiplyAsync(db, pgsql, "hotline_requests", n, new()
                {
                    ["id"] = Uuid(pgsql), ["tracking_code"] = pgsql ? "'BENCH' || s.i::text" : "'BENCH' || s.i",
                });
                Console.WriteLine($"hotline requests: {await CountAsync(db, "hotline_requests"):N0} rows in {sw.Elapsed.TotalSeconds:0.0} s (set-up, not measured)");
                (grassroots, grassrootsId) = await GrassrootsAsync(scope.ServiceProvider, db, pgsql, demoRequests);
                await CoUnitsAsync(db, pgsql);
                await ExecAsync(db, pgsql ? "ANALYZE" : "ANALYZE");
                cases.AddRange(await MemberCasesAsync(db, pgsql, grassroots, grassrootsId));
                cases.AddRange(await HotlineCasesAsync(db, pgsql, grassroots));
            }
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var tokens = new Dictionary<string, string>();
            foreach (var user in new[] { "admin", "dongcheng", GrassrootsUser })
                tokens[user] = (await (await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = "gonghui-demo" })).Content.ReadFromJsonAsync<Token>())!.AccessToken;
            var pools = new Dictionary<string, System.Collections.Concurrent.ConcurrentBag<RawHttpClient>>();
            foreach (var (user, tok) in tokens)
            {
                var bag = new System.Collections.Concurrent.ConcurrentBag<RawHttpClient>();
                for (var c = 0; c < concurrency; c++) { var r = await RawHttpClient.ConnectAsync(port, tok); raw.Add(r); bag.Add(r); }
                pools[user] = bag;
            }
            var dbConns = new System.Collections.Concurrent.ConcurrentBag<DbConnection>();
            for (var c = 0; c < concurrency; c++)
            {
                DbConnection conn = pgsql ? new NpgsqlConnection(cs) : new Microsoft.Data.Sqlite.SqliteConnection(cs);
                await conn.OpenAsync();
                dbConns.Add(conn);
            }
            Console.WriteLine($"{"list",-8} {"user",-10} {"filter",-10} {"page",-7} {"rows",9} {"API p50",8} {"p99",8} {"SQL p50",8} {"p99",8} {"ratio p99",9} {"CPU ms",7}  status");
            foreach (var c in cases)
            {
                if (explain) await ExplainAsync(c, pgsql, dbConns, pools);
                var failures = 0;
                try
                {
                    var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                    var api = await Latencies.MeasureAsync(requests, concurrency, async () =>
                    {
                        if (!pools[c.User].TryTake(out var client)) throw new InvalidOperationException("more callers than connections");
                        try { if (await client.GetAsync(c.Url) != 200) Interlocked.Increment(ref failures); }
                        catch (Exception e) when (e is IOException or SocketException)
                        {
                            // A connection lost in the middle of a request: counted as a failure, the connection opened again, the run goes on.
                            Interlocked.Increment(ref failures);
                            await client.ReopenAsync();
                        }
                        finally { pools[c.User].Add(client); }
                    });
                    // This process's CPU per API request: the server's work and the raw client's (small), and SQLite's (in process); not PostgreSQL's.
                    var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds / (requests + concurrency);
                    var sql = await Latencies.MeasureAsync(requests, concurrency, async () =>
                    {
                        if (!dbConns.TryTake(out var conn)) throw new InvalidOperationException("more callers than connections");
                        try
                        {
                            await using var cmd = BareCommand(conn, c);
                            await using var rd = await cmd.ExecuteReaderAsync();
                            while (await rd.ReadAsync()) { for (var f = 0; f < rd.FieldCount; f++) rd.GetValue(f); }
                        }
                        finally { dbConns.Add(conn); }
                    });
                    var status = failures == 0 ? "ok" : $"{failures} failures";
                    var r = new Result(provider.ToString(), c.List, c.User, c.Filter, c.Position, c.Rows, api.P50, api.P99, sql.P50, sql.P99, cpu, status);
                    results.Add(r);
                    Console.WriteLine($"{c.List,-8} {c.User,-10} {c.Filter,-10} {c.Position,-7} {c.Rows,9:N0} {api.P50,8:0.0} {api.P99,8:0.0} {sql.P50,8:0.0} {sql.P99,8:0.0} {r.Ratio,8:0.0}x {cpu,7:0.00}  {status}");
                }
                catch (Exception e)
                {
                    results.Add(new Result(provider.ToString(), c.List, c.User, c.Filter, c.Position, c.Rows, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, $"error: {e.GetType().Name}: {e.Message}"));
                    Console.WriteLine($"{c.List,-8} {c.User,-10} {c.Filter,-10} {c.Position,-7} error: {e.GetType().Name}: {e.Message}");
                }
            }
            Console.WriteLine($"idle connections reopened after the server's keep-alive timeout: {raw.Sum(r => r.Reconnects)}; {Uptime()}");
            foreach (var conn in dbConns) await conn.DisposeAsync();
        }
        finally
        {
            foreach (var c in raw) c.Dispose();
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

    private static DbCommand BareCommand(DbConnection conn, Case c, string prefix = "")
    {
        var cmd = conn.CreateCommand();
        cmd.CommandText = prefix + c.Sql;
        for (var i = 0; i < c.Params.Length; i++)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "p" + i;
            p.Value = c.Params[i] ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    private static string ExplainPrefix(bool pgsql) => pgsql ? "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " : "EXPLAIN QUERY PLAN ";

    private static async Task PrintPlanAsync(DbCommand cmd, bool pgsql)
    {
        await using var rd = await cmd.ExecuteReaderAsync();
        while (await rd.ReadAsync()) Console.WriteLine("      " + rd.GetValue(pgsql ? 0 : 3));
    }

    /// <summary>
    /// --explain: the plan of the case's bare SQL, then one API request of the case with EF's commands captured, and the SQL and plan of
    /// each (the exact statements the list endpoint sends, with their parameter values), so that the two can be compared.
    /// </summary>
    private static async Task ExplainAsync(Case c, bool pgsql, System.Collections.Concurrent.ConcurrentBag<DbConnection> dbConns,
        Dictionary<string, System.Collections.Concurrent.ConcurrentBag<RawHttpClient>> pools)
    {
        if (!dbConns.TryTake(out var conn)) return;
        try
        {
            Console.WriteLine($"plan {c.List} {c.User} {c.Filter} {c.Position} — bare SQL:");
            await using (var cmd = BareCommand(conn, c, ExplainPrefix(pgsql))) await PrintPlanAsync(cmd, pgsql);
            var captured = new List<(string Sql, DbParameter[] Ps)>();
            EfCommands.Instance.Capture = captured;
            try
            {
                if (pools[c.User].TryTake(out var client))
                    try { await client.GetAsync(c.Url); } finally { pools[c.User].Add(client); }
            }
            finally { EfCommands.Instance.Capture = null; }
            List<(string Sql, DbParameter[] Ps)> commands;
            lock (captured) commands = captured.ToList();
            foreach (var (text, ps) in commands)
                {
                    Console.WriteLine("    EF: " + string.Join(" ", text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)));
                    Console.WriteLine("      params: " + string.Join(", ", ps.Select(p => $"{p.ParameterName}={p.Value}")));
                    try
                    {
                        await using var cmd = conn.CreateCommand();
                        cmd.CommandText = ExplainPrefix(pgsql) + text;
                        foreach (var p in ps) cmd.Parameters.Add(p);
                        await PrintPlanAsync(cmd, pgsql);
                    }
                    catch (Exception e) { Console.WriteLine($"      (no plan: {e.Message})"); }
                }
        }
        catch (Exception e) { Console.WriteLine($"    (explain failed: {e.GetType().Name}: {e.Message})"); }
        finally { dbConns.Add(conn); }
    }

    /// <summary>
    /// The commands EF sends while <see cref="Capture"/> is set (one API request at a time, for --explain), read from EF's
    /// DiagnosticListener; while it is null the listener reports itself disabled, so measuring costs nothing.
    /// </summary>
    private sealed class EfCommands : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        public static readonly EfCommands Instance = new();
        private IDisposable? _all;
        public volatile List<(string Sql, DbParameter[] Ps)>? Capture;

        public static void Listen() => Instance._all ??= DiagnosticListener.AllListeners.Subscribe(Instance);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name) listener.Subscribe(this, (Predicate<string>)(_ => Capture is not null));
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (Capture is not { } into || e.Key != RelationalEventId.CommandExecuting.Name || e.Value is not CommandEventData d) return;
            var ps = d.Command.Parameters.Cast<DbParameter>().Select(Copy).ToArray();
            lock (into) into.Add((d.Command.CommandText, ps));
        }

        private static DbParameter Copy(DbParameter p) => p switch
        {
            NpgsqlParameter np => np.Clone(),
            Microsoft.Data.Sqlite.SqliteParameter sp => new Microsoft.Data.Sqlite.SqliteParameter(sp.ParameterName, sp.Value ?? DBNull.Value) { SqliteType = sp.SqliteType },
            _ => throw new NotSupportedException(p.GetType().Name),
        };

        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }

    /// <summary>A GUID made from the series number, in the column's own form (uuid on PostgreSQL, upper-case text on SQLite).</summary>
    private static string Uuid(bool pgsql) => pgsql
        ? "(lpad(to_hex(s.i), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(s.i), 12, '0'))::uuid"
        : "printf('%08X-0000-7000-8000-%012X', s.i, s.i)";

    /// <summary>Adds rows to <paramref name="table"/> until it holds <paramref name="n"/>: row i copies demo row i mod k, with the replaced columns.</summary>
    private static async Task MultiplyAsync(GonghuiDb db, bool pgsql, string table, int n, Dictionary<string, string> replace)
    {
        var entity = db.Model.GetEntityTypes().Single(e => e.GetTableName() == table && e.BaseType is null);
        var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table);
        var cols = entity.GetProperties().Select(p => p.GetColumnName(store)!).Where(c => c is not null).Distinct().ToList();
        var k = await CountAsync(db, table);
        if (k == 0) throw new InvalidOperationException($"the demo left {table} empty");
        var select = string.Join(", ", cols.Select(c => replace.TryGetValue(c, out var e) ? e : "t." + Quote(c)));
        var list = string.Join(", ", cols.Select(Quote));
        var template = $"(SELECT x.*, row_number() OVER (ORDER BY x.id) - 1 AS rn FROM {table} x)";
        // Chunks of 100,000 keep SQLite's and PostgreSQL's transactions and memory bounded.
        for (var from = 0; from < n - k; from += 100_000)
        {
            var to = Math.Min(n - k, from + 100_000);
            var series = pgsql ? $"generate_series({from + 1}, {to}) AS s(i)"
                : $"(WITH RECURSIVE q(i) AS (SELECT {from + 1} UNION ALL SELECT i + 1 FROM q WHERE i < {to}) SELECT i FROM q) AS s";
            await ExecAsync(db, $"INSERT INTO {table} ({list}) SELECT {select} FROM {series} JOIN {template} t ON t.rn = s.i % {k}");
        }
    }

    private static string Quote(string c) => "\"" + c + "\"";

    private static async Task ExecAsync(GonghuiDb db, string sql)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private static async Task<int> CountAsync(GonghuiDb db, string table)
    {
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT COUNT(*) FROM {table}";
        return Convert.ToInt32(await cmd.ExecuteScalarAsync());
    }

    private static async Task<object?> RawAsync(GonghuiDb db, string sql, params object[] ps)
    {
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        for (var i = 0; i < ps.Length; i++) { var p = cmd.CreateParameter(); p.ParameterName = "p" + i; p.Value = ps[i]; cmd.Parameters.Add(p); }
        return await cmd.ExecuteScalarAsync();
    }

    private static object IdParam(bool pgsql, Guid id) => pgsql ? id : id.ToString().ToUpperInvariant();
    private static string P(bool pgsql, int i) => pgsql ? "@p" + i : "$p" + i;
    private const int Limit = 20;

    private const string GrassrootsUser = "gr-bench";

    /// <summary>
    /// A grassroots union's staff: the first grassroots union under Dongcheng gets a staff account, and one in ten of Dongcheng's
    /// copied requests (every tenth copy of the demo's rows) is led by it — as if dispatched there (scope path and lead unit; the district stays).
    /// Returns its path.
    /// </summary>
    private static async Task<(string Path, Guid Id)> GrassrootsAsync(IServiceProvider sp, GonghuiDb db, bool pgsql, int k)
    {
        var unit = await db.Set<OrgUnit>().AsNoTracking().Where(u => u.Kind == OrgUnitKind.GrassrootsUnion && u.Path.StartsWith("/BJ/DC/"))
            .OrderBy(u => u.Path).FirstAsync();
        await Gonghui.Modules.Organizations.Demo.OrganizationsDemoSeeder.CreateAsync(
            sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Gonghui.Platform.Identity.AppUser>>(), GrassrootsUser, unit.Name, unit.Id,
            Gonghui.Platform.Identity.Roles.GrassrootsStaff);
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        // The copy's number (tracking code BENCH<i>, i = copy × k + template row) picks the rows, so every template row of Dongcheng
        // gives some: the last digit of i alone follows the template row when 10 divides k (the demo's count), and gave 1 row or 12,000.
        var copy = pgsql ? $"(substr(tracking_code, 6)::bigint / {k}) % 10 = 7" : $"(CAST(substr(tracking_code, 6) AS INTEGER) / {k}) % 10 = 7";
        cmd.CommandText = $"UPDATE hotline_requests SET lead_unit_id = {P(pgsql, 0)}, scope_path = {P(pgsql, 1)} WHERE scope_district = '/BJ/DC/' AND tracking_code LIKE 'BENCH%' AND {copy}";
        foreach (var (name, value) in new (string, object)[] { ("p0", IdParam(pgsql, unit.Id)), ("p1", unit.Path) })
        { var p = cmd.CreateParameter(); p.ParameterName = name; p.Value = value; cmd.Parameters.Add(p); }
        cmd.CommandTimeout = 1800;
        var n = await cmd.ExecuteNonQueryAsync();
        Console.WriteLine($"grassroots {GrassrootsUser} at {unit.Path}: leads {n:N0} requests (set-up)");
        cmd.Parameters.Clear();
        cmd.CommandText = "SELECT coalesce(scope_district, '(none)'), count(*) FROM hotline_requests GROUP BY scope_district ORDER BY 2 DESC LIMIT 6";
        await using (var rd = await cmd.ExecuteReaderAsync())
            while (await rd.ReadAsync()) Console.WriteLine($"  requests led in {rd.GetString(0)}: {rd.GetInt64(1):N0}");
        return (unit.Path, unit.Id);
    }

    /// <summary>
    /// Co-handling units at scale: one in 10,000 requests led outside Dongcheng is co-handled (协办) by Dongcheng's union, so that a
    /// district's list has its second part (co-handled in scope, led elsewhere) and the co-unit table is not near-empty (with no
    /// rows the planner's guess, not the data, decides the pre-query's plan). The district column is copied as the app sets it.
    /// </summary>
    private static async Task CoUnitsAsync(GonghuiDb db, bool pgsql)
    {
        var dc = await db.Set<OrgUnit>().AsNoTracking().Where(u => u.Path == "/BJ/DC/").Select(u => new { u.Id, u.Path }).FirstAsync();
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "INSERT INTO hotline_co_units (request_id, unit_id, unit_path, unit_district) " +
                          $"SELECT r.id, {P(pgsql, 0)}, {P(pgsql, 1)}, {P(pgsql, 2)} FROM hotline_requests r " +
                          "WHERE r.tracking_code LIKE 'BENCH%0013' AND (r.scope_district IS NULL OR r.scope_district <> '/BJ/DC/') " +
                          "AND NOT EXISTS (SELECT 1 FROM hotline_co_units c WHERE c.request_id = r.id)";
        foreach (var (name, value) in new (string, object)[] { ("p0", IdParam(pgsql, dc.Id)), ("p1", dc.Path), ("p2", Gonghui.Platform.Scope.ScopeFilter.DistrictOf(dc.Path)!) })
        { var p = cmd.CreateParameter(); p.ParameterName = name; p.Value = value; cmd.Parameters.Add(p); }
        cmd.CommandTimeout = 1800;
        var n = await cmd.ExecuteNonQueryAsync();
        Console.WriteLine($"co-handled by {dc.Path} (led elsewhere): {n:N0} requests; co-unit rows in all: {await CountAsync(db, "hotline_co_units"):N0} (set-up)");
    }

    private static async Task<List<Case>> MemberCasesAsync(GonghuiDb db, bool pgsql, string grassroots, Guid grassrootsId)
    {
        var cases = new List<Case>();
        var sample = await db.Set<Member>().AsNoTracking().OrderBy(m => m.Id).FirstAsync();
        var rawType = await RawAsync(db, $"SELECT employment_type FROM members WHERE id = {P(pgsql, 0)}", IdParam(pgsql, sample.Id));
        foreach (var (user, path) in new[] { ("admin", "/"), ("dongcheng", "/BJ/DC/"), (GrassrootsUser, grassroots) })
        foreach (var filtered in new[] { false, true })
        {
            var q = db.Set<Member>().AsNoTracking().Where(m => db.Set<OrgUnit>().Any(u => u.Id == m.UnionId && u.Path.StartsWith(path)));
            if (filtered) q = q.Where(m => m.EmploymentType == sample.EmploymentType);
            var total = await q.CountAsync();
            var baseUrl = $"/api/v1/members?limit={Limit}" + (filtered ? $"&employmentType={sample.EmploymentType}" : "");
            // The API's shape (RegistryScope.MembersAsync): a grassroots union's members by equality on the union, others by the units in scope.
            var where = (user == GrassrootsUser ? $"m.union_id = {P(pgsql, 0)}" : $"u.path LIKE {P(pgsql, 0)}") + (filtered ? $" AND m.employment_type = {P(pgsql, 1)}" : "");
            object scopeParam = user == GrassrootsUser ? IdParam(pgsql, grassrootsId) : path + "%";
            object?[] ps = filtered ? [scopeParam, rawType] : [scopeParam];
            var select = "SELECT m.id, m.name, m.id_number_masked, m.phone_masked, m.sex, m.birth_date, m.employment_type, m.status, m.union_id, u.name, m.enterprise_id, e.name, m.joined_on, m.card_number " +
                         "FROM members m JOIN org_units u ON u.id = m.union_id LEFT JOIN enterprises e ON e.id = m.enterprise_id WHERE ";
            foreach (var (position, at) in new[] { ("first", -1), ("middle", total / 2), ("last", Math.Max(0, total - Limit - 1)) })
            {
                if (at >= total) { Console.WriteLine($"members {user} {(filtered ? "type" : "none")}: {total} rows in scope, no {position} page"); continue; }
                if (at < 0)
                {
                    cases.Add(new("members", user, filtered ? "type" : "none", position, baseUrl, select + where + $" ORDER BY m.name, m.id LIMIT {Limit + 1}", ps, total));
                    continue;
                }
                var row = await q.OrderBy(m => m.Name).ThenBy(m => m.Id).Skip(at).Select(m => new { m.Name, m.Id }).FirstAsync();
                var k = ps.Length;
                // The keyset seek as a row comparison, as Keyset.SliceAsync sends it: one index range on (name, id), ties on the name included.
                var seek = $" AND (m.name, m.id) > ({P(pgsql, k)}, {P(pgsql, k + 1)})";
                cases.Add(new("members", user, filtered ? "type" : "none", position, baseUrl + "&after=" + Keyset.CursorOf(row.Name, row.Id),
                    select + where + seek + $" ORDER BY m.name, m.id LIMIT {Limit + 1}", [.. ps, row.Name, IdParam(pgsql, row.Id)], total));
            }
        }
        return cases;
    }

    private static async Task<List<Case>> HotlineCasesAsync(GonghuiDb db, bool pgsql, string grassroots)
    {
        var cases = new List<Case>();
        // A category that Dongcheng has (the first of its requests by id): a filter that finds nothing measures only the count.
        var category = await db.Set<HotlineRequest>().AsNoTracking().Where(r => r.ScopeDistrict == "/BJ/DC/").OrderBy(r => r.Id).Select(r => r.Category).FirstAsync();
        foreach (var (user, path) in new[] { ("admin", "/"), ("dongcheng", "/BJ/DC/"), (GrassrootsUser, grassroots) })
        foreach (var filtered in new[] { false, true })
        {
            var q = db.Set<HotlineRequest>().AsNoTracking().Where(r => r.ScopePath.StartsWith(path) || db.Set<HotlineCoUnit>().Any(c => c.RequestId == r.Id && c.UnitPath.StartsWith(path)));
            if (filtered) q = q.Where(r => r.Category == category);
            var total = await q.CountAsync();
            Console.WriteLine($"hotline {user} {(filtered ? "category " + category : "none")}: {total:N0} rows in scope");
            var baseUrl = $"/api/v1/hotline/requests?limit={Limit}" + (filtered ? $"&category={category}" : "");
            // The same query shape as the API's (HotlineService.VisiblePartsAsync): the root by the path prefix; a district by
            // equality on its column, a grassroots union by equality on its path; and, apart, the requests co-handled in scope but
            // led elsewhere.
            var district = Gonghui.Platform.Scope.ScopeFilter.DistrictOf(path);
            var cat = filtered ? $" AND r.category = {P(pgsql, 1)}" : "";
            string led, co;
            object?[] ps;
            if (district is null)
            {
                led = $"(r.scope_path LIKE {P(pgsql, 0)} OR EXISTS (SELECT 1 FROM hotline_co_units c WHERE c.request_id = r.id AND c.unit_path LIKE {P(pgsql, 0)})){cat}";
                co = "";
                ps = filtered ? [path + "%", category] : [path + "%"];
            }
            else
            {
                // Below a district the bench's user is a grassroots union's, which holds no units: equality on the path (requests
                // and co-units alike).
                led = (district == path ? $"r.scope_district = {P(pgsql, 0)}" : $"r.scope_path = {P(pgsql, 3)}") + cat;
                var coInScope = district == path ? $"c.unit_district = {P(pgsql, 0)}" : $"c.unit_path = {P(pgsql, 3)}";
                co = $"r.id IN (SELECT c.request_id FROM hotline_co_units c WHERE {coInScope}) AND NOT r.scope_path LIKE {P(pgsql, 2)}{cat}";
                ps = [district, filtered ? category : "", path + "%", path];
            }
            string Page(string seek) => co.Length == 0
                ? $"SELECT r.* FROM hotline_requests r WHERE {led}{seek} ORDER BY r.received_at DESC, r.id DESC LIMIT {Limit + 1}"
                : $"SELECT * FROM (SELECT r.* FROM hotline_requests r WHERE {led}{seek} ORDER BY r.received_at DESC, r.id DESC LIMIT {Limit + 1}) a UNION ALL " +
                  $"SELECT * FROM (SELECT r.* FROM hotline_requests r WHERE {co}{seek} ORDER BY r.received_at DESC, r.id DESC LIMIT {Limit + 1}) b " +
                  $"ORDER BY received_at DESC, id DESC LIMIT {Limit + 1}";
            foreach (var (position, at) in new[] { ("first", -1), ("middle", total / 2), ("last", Math.Max(0, total - Limit - 1)) })
            {
                if (at >= total) { Console.WriteLine($"hotline {user} {(filtered ? "category" : "none")}: {total} rows in scope, no {position} page"); continue; }
                if (at < 0)
                {
                    cases.Add(new("hotline", user, filtered ? "category" : "none", position, baseUrl, Page(""), ps, total));
                    continue;
                }
                var row = await q.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id).Skip(at).Select(r => new { r.ReceivedAt, r.Id }).FirstAsync();
                var rawAt = await RawAsync(db, $"SELECT received_at FROM hotline_requests WHERE id = {P(pgsql, 0)}", IdParam(pgsql, row.Id));
                var k = ps.Length;
                // The row comparison of Keyset.SliceAsync: one index range on (…, received_at, id), however many rows share a received_at.
                var seek = $" AND (r.received_at, r.id) < ({P(pgsql, k)}, {P(pgsql, k + 1)})";
                cases.Add(new("hotline", user, filtered ? "category" : "none", position, baseUrl + "&after=" + Keyset.CursorOf(row.ReceivedAt, row.Id),
                    Page(seek), [.. ps, rawAt, IdParam(pgsql, row.Id)], total));
            }
        }
        return cases;
    }

    private sealed record Token(string AccessToken);

}
