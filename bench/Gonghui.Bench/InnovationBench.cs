using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Gonghui.Modules.Innovation;
using Gonghui.Modules.Innovation.Alliances;
using Gonghui.Modules.Innovation.Awards;
using Gonghui.Modules.Innovation.Rules;
using Gonghui.Modules.Innovation.Studios;
using Gonghui.Modules.Innovation.Training;
using Gonghui.Platform;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gonghui.Bench;

/// <summary>
/// Scenario `innovation` (issue 15): a studio registry of 10,000 studios and 50,000 patent awards (× --scale), made in the
/// database from the demo's rows (INSERT … SELECT over a generated series), then the first and a middle page of the studio
/// and patent lists, unfiltered and filtered (level; year), as the federation (admin) and a district (dongcheng), through
/// the API on loopback Kestrel; beside each, the bare keyset SQL of the same page in the same run. Target: p99 ≤ 50 ms.
/// Args: [--scale 1.0] [--requests 400] [--concurrency 16] [--provider sqlite|postgresql] [--explain: print each case's plans first]
/// </summary>
public static class InnovationBench
{
    public static readonly Scenario Scenario = new("innovation", "studio registry: 10k studios + 50k patent awards, list and filter p50/p99 vs bare SQL [--scale F]", RunAsync);

    private static string? Opt(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    public static async Task<int> RunAsync(string[] args)
    {
        var scale = double.Parse(Opt(args, "--scale") ?? "1", System.Globalization.CultureInfo.InvariantCulture);
        var requests = int.Parse(Opt(args, "--requests") ?? "400");
        var concurrency = int.Parse(Opt(args, "--concurrency") ?? "16");
        var only = Opt(args, "--provider");
        s_explain = args.Contains("--explain");
        var studios = (int)(10_000 * scale);
        var patents = (int)(50_000 * scale);
        Console.WriteLine($"innovation scenario: {studios:N0} studios and {patents:N0} patent awards, {requests} requests per case, {concurrency} connections, cores={Environment.ProcessorCount}; {Uptime()}");
        var providers = new List<(DatabaseProvider, Func<string, string>)> { (DatabaseProvider.Sqlite, dir => $"Data Source={Path.Combine(dir, "gonghui.db")}") };
        var pg = Environment.GetEnvironmentVariable("GONGHUI_BENCH_PG");
        if (!string.IsNullOrEmpty(pg)) providers.Add((DatabaseProvider.PostgreSQL, _ => pg));
        if (only is not null) providers.RemoveAll(p => !p.Item1.ToString().StartsWith(only, StringComparison.OrdinalIgnoreCase));
        var worst = 0.0;
        foreach (var (provider, cs) in providers) worst = Math.Max(worst, await RunProviderAsync(provider, cs, studios, patents, requests, concurrency));
        return worst <= 50 ? 0 : 1;
    }

    private static bool s_explain;

    private static string Uptime() => "uptime load " + string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private sealed record Case(string List, string User, string Filter, string Position, string Url, string Sql, object?[] Params);

    private static async Task<double> RunProviderAsync(DatabaseProvider provider, Func<string, string> csFor, int studios, int patents, int requests, int concurrency)
    {
        Console.WriteLine($"\n== {provider}");
        var dir = Directory.CreateTempSubdirectory("gonghui-bench-innovation-").FullName;
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
        app.MapInnovation();
        await app.StartAsync();
        var raw = new List<RawHttpClient>();
        var worstP99 = 0.0;
        try
        {
            var cases = new List<Case>();
            using (var scope = app.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
                var sw = Stopwatch.StartNew();
                await MultiplyAsync(db, pgsql, "innovation_studios", studios, new()
                {
                    ["id"] = Uuid(pgsql, 0), ["name"] = pgsql ? "'工作室' || lpad(((s.i::bigint * 7919) % 1000003)::text, 7, '0')" : "'工作室' || printf('%07d', (s.i * 7919) % 1000003)",
                    ["level"] = "1 + s.i % 5",
                });
                await MultiplyAsync(db, pgsql, "innovation_patent_awards", patents, new()
                {
                    ["id"] = Uuid(pgsql, 1), ["patent_number"] = pgsql ? "'B' || s.i::text" : "'B' || s.i", ["claimed_number"] = pgsql ? "'B' || s.i::text" : "'B' || s.i",
                    ["year"] = "2016 + s.i % 5",
                });
                await db.Database.ExecuteSqlRawAsync("ANALYZE");
                Console.WriteLine($"studios {await CountAsync(db, "innovation_studios"):N0}, patent awards {await CountAsync(db, "innovation_patent_awards"):N0} in {sw.Elapsed.TotalSeconds:0.0} s (set-up, not measured)");
                cases.AddRange(await StudioCasesAsync(db, pgsql));
                cases.AddRange(await PatentCasesAsync(db, pgsql));
            }
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var pools = new Dictionary<string, System.Collections.Concurrent.ConcurrentBag<RawHttpClient>>();
            foreach (var user in new[] { "admin", "dongcheng" })
            {
                var tok = (await (await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = "gonghui-demo" })).Content.ReadFromJsonAsync<Token>())!.AccessToken;
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
            Console.WriteLine($"{"list",-8} {"user",-10} {"filter",-7} {"page",-7} {"API p50",8} {"p99",8} {"SQL p50",8} {"p99",8} {"ratio p99",9}  status");
            if (s_explain) await ExplainAsync(dbConns, pgsql, cases);
            foreach (var c in cases)
            {
                var failures = 0;
                var api = await Latencies.MeasureAsync(requests, concurrency, async () =>
                {
                    if (!pools[c.User].TryTake(out var client)) throw new InvalidOperationException("more callers than connections");
                    try { if (await client.GetAsync(c.Url) != 200) Interlocked.Increment(ref failures); }
                    finally { pools[c.User].Add(client); }
                });
                var sql = await Latencies.MeasureAsync(requests, concurrency, async () =>
                {
                    if (!dbConns.TryTake(out var conn)) throw new InvalidOperationException("more callers than connections");
                    try
                    {
                        await using var cmd = conn.CreateCommand();
                        cmd.CommandText = c.Sql;
                        for (var i = 0; i < c.Params.Length; i++)
                        {
                            var p = cmd.CreateParameter();
                            p.ParameterName = "p" + i;
                            p.Value = c.Params[i] ?? DBNull.Value;
                            cmd.Parameters.Add(p);
                        }
                        await using var rd = await cmd.ExecuteReaderAsync();
                        while (await rd.ReadAsync()) { for (var f = 0; f < rd.FieldCount; f++) rd.GetValue(f); }
                    }
                    finally { dbConns.Add(conn); }
                });
                worstP99 = Math.Max(worstP99, api.P99);
                Console.WriteLine($"{c.List,-8} {c.User,-10} {c.Filter,-7} {c.Position,-7} {api.P50,8:0.0} {api.P99,8:0.0} {sql.P50,8:0.0} {sql.P99,8:0.0} {api.P99 / Math.Max(0.01, sql.P99),8:0.0}x  {(failures == 0 ? "ok" : $"{failures} failures")}");
            }
            Console.WriteLine($"worst p99 {worstP99:0.0} ms (target ≤ 50); {Uptime()}");
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
        return worstP99;
    }

    /// <summary>--explain: the plan of each case's bare SQL and, for a first slice, of its capped count (the app's <c>Take(1001).Count()</c>), one line each.</summary>
    private static async Task ExplainAsync(System.Collections.Concurrent.ConcurrentBag<DbConnection> conns, bool pgsql, List<Case> cases)
    {
        if (!conns.TryTake(out var conn)) return;
        try
        {
            foreach (var c in cases)
            {
                var sqls = new List<(string What, string Sql)> { ("page", c.Sql) };
                if (c.Position == "first")
                {
                    var from = c.Sql.IndexOf(" FROM ", StringComparison.Ordinal);
                    var order = c.Sql.IndexOf(" ORDER BY ", StringComparison.Ordinal);
                    sqls.Add(("count", $"SELECT COUNT(*) FROM (SELECT 1{c.Sql[from..order]} LIMIT {Keyset.CountCap + 1}) n"));
                }
                foreach (var (what, sql) in sqls)
                {
                    await using var cmd = conn.CreateCommand();
                    cmd.CommandText = (pgsql ? "EXPLAIN (COSTS OFF) " : "EXPLAIN QUERY PLAN ") + sql;
                    for (var i = 0; i < c.Params.Length; i++)
                    {
                        var p = cmd.CreateParameter();
                        p.ParameterName = "p" + i;
                        p.Value = c.Params[i] ?? DBNull.Value;
                        cmd.Parameters.Add(p);
                    }
                    var lines = new List<string>();
                    await using (var rd = await cmd.ExecuteReaderAsync())
                        while (await rd.ReadAsync()) lines.Add((pgsql ? rd.GetString(0) : rd.GetString(rd.FieldCount - 1)).Trim());
                    Console.WriteLine($"plan {c.List} {c.User} {c.Filter} {c.Position} {what}: {string.Join(" | ", lines)}");
                }
            }
        }
        finally { conns.Add(conn); }
    }

    /// <summary>A GUID made from the series number and a table tag, in the column's own form (uuid on PostgreSQL, upper-case text on SQLite).</summary>
    private static string Uuid(bool pgsql, int tag) => pgsql
        ? $"(lpad(to_hex(s.i), 8, '0') || '-000{tag}-7000-8000-' || lpad(to_hex(s.i), 12, '0'))::uuid"
        : $"printf('%08X-000{tag}-7000-8000-%012X', s.i, s.i)";

    /// <summary>Adds rows to <paramref name="table"/> until it holds <paramref name="n"/>: row i copies demo row i mod k, with the replaced columns.</summary>
    private static async Task MultiplyAsync(GonghuiDb db, bool pgsql, string table, int n, Dictionary<string, string> replace)
    {
        var entity = db.Model.GetEntityTypes().Single(e => e.GetTableName() == table && e.BaseType is null);
        var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table);
        var cols = entity.GetProperties().Select(p => p.GetColumnName(store)!).Where(c => c is not null).Distinct().ToList();
        var k = await CountAsync(db, table);
        if (k == 0) throw new InvalidOperationException($"the demo left {table} empty");
        var select = string.Join(", ", cols.Select(c => replace.TryGetValue(c, out var e) ? e : "t.\"" + c + "\""));
        var list = string.Join(", ", cols.Select(c => "\"" + c + "\""));
        var template = $"(SELECT x.*, row_number() OVER (ORDER BY x.id) - 1 AS rn FROM {table} x)";
        for (var from = 0; from < n - k; from += 100_000)
        {
            var to = Math.Min(n - k, from + 100_000);
            var series = pgsql ? $"generate_series({from + 1}, {to}) AS s(i)"
                : $"(WITH RECURSIVE q(i) AS (SELECT {from + 1} UNION ALL SELECT i + 1 FROM q WHERE i < {to}) SELECT i FROM q) AS s";
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            var sql = $"INSERT INTO {table} ({list}) SELECT {select} FROM {series} JOIN {template} t ON t.rn = s.i % {k}";
            await db.Database.ExecuteSqlRawAsync(sql);
        }
    }

    private static async Task<int> CountAsync(GonghuiDb db, string table) => Convert.ToInt32(await RawAsync(db, $"SELECT COUNT(*) FROM {table}"));

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

    private static async Task<List<Case>> StudioCasesAsync(GonghuiDb db, bool pgsql)
    {
        var cases = new List<Case>();
        foreach (var (user, path) in new[] { ("admin", "/"), ("dongcheng", "/BJ/DC/") })
        foreach (var filtered in new[] { false, true })
        {
            var q = db.Set<InnovationStudio>().AsNoTracking().Where(s => s.ScopePath.StartsWith(path));
            if (filtered) q = q.Where(s => s.Level == StudioLevel.Municipal);
            var total = await q.CountAsync();
            var url = $"/api/v1/innovation/studios?limit={Limit}" + (filtered ? "&level=Municipal" : "");
            // The app's scope filter: a district by equality on the studio's district (ScopeFilter.InScope with the district column).
            var district = path.Length > 1;
            var where = (district ? $"s.scope_district = {P(pgsql, 0)}" : $"s.scope_path LIKE {P(pgsql, 0)}") + (filtered ? $" AND s.level = {P(pgsql, 1)}" : "");
            object?[] ps = filtered ? [district ? path : path + "%", (int)StudioLevel.Municipal] : [district ? path : path + "%"];
            var select = "SELECT s.* FROM innovation_studios s WHERE ";
            var filter = filtered ? "level" : "none";
            cases.Add(new("studios", user, filter, "first", url, select + where + $" ORDER BY s.name, s.id LIMIT {Limit + 1}", ps));
            if (total < 2 * Limit) continue;
            var row = await q.OrderBy(s => s.Name).ThenBy(s => s.Id).Skip(total / 2).Select(s => new { s.Name, s.Id }).FirstAsync();
            var k = ps.Length;
            cases.Add(new("studios", user, filter, "middle", url + "&after=" + Keyset.CursorOf(row.Name, row.Id),
                select + where + $" AND s.name >= {P(pgsql, k)} AND (s.name > {P(pgsql, k)} OR s.id > {P(pgsql, k + 1)}) ORDER BY s.name, s.id LIMIT {Limit + 1}",
                [.. ps, row.Name, IdParam(pgsql, row.Id)]));
        }
        return cases;
    }

    private static async Task<List<Case>> PatentCasesAsync(GonghuiDb db, bool pgsql)
    {
        var cases = new List<Case>();
        foreach (var (user, path) in new[] { ("admin", "/"), ("dongcheng", "/BJ/DC/") })
        foreach (var filtered in new[] { false, true })
        {
            var q = db.Set<PatentAward>().AsNoTracking().Where(a => a.ScopePath.StartsWith(path));
            if (filtered) q = q.Where(a => a.Year == 2018);
            var total = await q.CountAsync();
            var url = $"/api/v1/innovation/patent-awards?limit={Limit}" + (filtered ? "&year=2018" : "");
            // The app's scope filter: a district by equality on the award's district (ScopeFilter.InScope with the district column).
            var district = path.Length > 1;
            var where = (district ? $"a.scope_district = {P(pgsql, 0)}" : $"a.scope_path LIKE {P(pgsql, 0)}") + (filtered ? $" AND a.year = {P(pgsql, 1)}" : "");
            object?[] ps = filtered ? [district ? path : path + "%", 2018] : [district ? path : path + "%"];
            var select = "SELECT a.* FROM innovation_patent_awards a WHERE ";
            var filter = filtered ? "year" : "none";
            cases.Add(new("patents", user, filter, "first", url, select + where + $" ORDER BY a.filed_at DESC, a.id DESC LIMIT {Limit + 1}", ps));
            if (total < 2 * Limit) continue;
            var row = await q.OrderByDescending(a => a.FiledAt).ThenByDescending(a => a.Id).Skip(total / 2).Select(a => new { a.FiledAt, a.Id }).FirstAsync();
            var rawAt = await RawAsync(db, $"SELECT filed_at FROM innovation_patent_awards WHERE id = {P(pgsql, 0)}", IdParam(pgsql, row.Id));
            var k = ps.Length;
            cases.Add(new("patents", user, filter, "middle", url + "&after=" + Keyset.CursorOf(row.FiledAt, row.Id),
                select + where + $" AND a.filed_at <= {P(pgsql, k)} AND (a.filed_at < {P(pgsql, k)} OR a.id < {P(pgsql, k + 1)}) ORDER BY a.filed_at DESC, a.id DESC LIMIT {Limit + 1}",
                [.. ps, rawAt, IdParam(pgsql, row.Id)]));
        }
        return cases;
    }

    private sealed record Token(string AccessToken);

}
