using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Gonghui.Modules.LaborRelations;
using Gonghui.Modules.LaborRelations.Risk;
using Gonghui.Modules.Legal;
using Gonghui.Platform;
using Gonghui.Platform.Data;
using Gonghui.Platform.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gonghui.Bench;

/// <summary>
/// Scenario `labor` (issue 16): 100,000 risk signals over 50,000 enterprises, 100,000 opinion items over the year and 11,000 legal
/// cases (× --scale), made in the database from the demo's rows (INSERT … SELECT over a generated series). Measures every
/// enterprise's score recomputed by the set-based statement (target ≤ 2 s) beside the baseline that loads the window's rows into
/// memory and scores them in .NET, the annual opinion report through the API (target ≤ 3 s), and the legal case list's first and
/// a later page through the API as the federation and a district (p99 target ≤ 50 ms). Prints the load (uptime) beside each figure.
/// Args: [--scale 1.0] [--requests 300] [--concurrency 8] [--provider sqlite|postgresql]; PostgreSQL when GONGHUI_BENCH_PG is set.
/// </summary>
public static class LaborBench
{
    public static readonly Scenario Scenario = new("labor", "labour relations: 100k signals / 50k firms score recompute vs in-memory, annual opinion report, legal list p99 [--scale F]", RunAsync);

    private static string? Opt(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    private static string Uptime() => "load " + string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    public static async Task<int> RunAsync(string[] args)
    {
        var scale = double.Parse(Opt(args, "--scale") ?? "1", System.Globalization.CultureInfo.InvariantCulture);
        var requests = int.Parse(Opt(args, "--requests") ?? "300");
        var concurrency = int.Parse(Opt(args, "--concurrency") ?? "8");
        var only = Opt(args, "--provider");
        var providers = new List<(DatabaseProvider, Func<string, string>)> { (DatabaseProvider.Sqlite, dir => $"Data Source={Path.Combine(dir, "gonghui.db")}") };
        var pg = Environment.GetEnvironmentVariable("GONGHUI_BENCH_PG");
        if (!string.IsNullOrEmpty(pg)) providers.Add((DatabaseProvider.PostgreSQL, _ => pg));
        if (only is not null) providers.RemoveAll(p => !p.Item1.ToString().StartsWith(only, StringComparison.OrdinalIgnoreCase));
        Console.WriteLine($"labor scenario: scale {scale}, cores={Environment.ProcessorCount}; {Uptime()}");
        var ok = true;
        foreach (var (provider, cs) in providers) ok &= await RunProviderAsync(provider, cs, scale, requests, concurrency);
        return ok ? 0 : 1;
    }

    private static async Task<bool> RunProviderAsync(DatabaseProvider provider, Func<string, string> csFor, double scale, int requests, int concurrency)
    {
        Console.WriteLine($"\n== {provider}");
        var signals = (int)(100_000 * scale);
        var firms = (int)(50_000 * scale);
        var items = (int)(100_000 * scale);
        var cases = (int)(11_000 * scale);
        var dir = Directory.CreateTempSubdirectory("gonghui-bench-labor-").FullName;
        var cs = csFor(dir);
        string? pgDb = null;
        var pgsql = provider == DatabaseProvider.PostgreSQL;
        if (pgsql)
        {
            pgDb = "gonghui_bench_" + Guid.NewGuid().ToString("N")[..10];
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            await using (var cmd = new NpgsqlCommand($"CREATE DATABASE \"{pgDb}\"", conn)) await cmd.ExecuteNonQueryAsync();
            cs = new NpgsqlConnectionStringBuilder(cs) { Database = pgDb, MaxPoolSize = 100 }.ConnectionString;
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
        app.MapLegal();
        app.MapLaborRelations();
        await app.StartAsync();
        var pass = true;
        try
        {
            DateOnly asOf;
            using (var scope = app.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
                asOf = BeijingTime.Today(scope.ServiceProvider.GetRequiredService<TimeProvider>());
                var sw = Stopwatch.StartNew();
                var day = pgsql ? $"(DATE '{asOf:yyyy-MM-dd}' - ((s.i * 37) % 180))" : $"date('{asOf:yyyy-MM-dd}', '-' || ((s.i * 37) % 180) || ' days')";
                await MultiplyAsync(db, pgsql, "labor_signals", signals, new()
                {
                    ["id"] = Uuid(pgsql, 5, "s.i"), ["enterprise_id"] = Uuid(pgsql, 6, $"(s.i % {firms})"), ["enterprise_name"] = pgsql ? $"'企业' || (s.i % {firms})::text" : $"'企业' || (s.i % {firms})",
                    ["kind"] = "s.i % 7", ["occurred_on"] = day, ["units"] = "1 + (s.i % 11) / 10", ["source"] = "'bench'", ["source_ref"] = pgsql ? "'b' || s.i::text" : "'b' || s.i",
                });
                var year = new DateOnly(asOf.Year, 1, 1);
                var yday = pgsql ? $"(DATE '{year:yyyy-MM-dd}' + (s.i % {asOf.DayOfYear}))" : $"date('{year:yyyy-MM-dd}', '+' || (s.i % {asOf.DayOfYear}) || ' days')";
                await MultiplyAsync(db, pgsql, "labor_opinion_items", items, new()
                {
                    ["id"] = Uuid(pgsql, 7, "s.i"), ["published_on"] = yday, ["dedup_key"] = pgsql ? "'b' || s.i::text" : "'b' || s.i", ["sentiment"] = "s.i % 3",
                    ["major"] = pgsql ? "(s.i % 97 = 0)" : "(s.i % 97 = 0)",
                });
                await MultiplyAsync(db, pgsql, "legal_cases", cases, new()
                {
                    ["id"] = Uuid(pgsql, 8, "s.i"), ["number"] = pgsql ? "'LB' || s.i::text" : "'LB' || s.i",
                });
                await db.Database.ExecuteSqlRawAsync("ANALYZE");
                Console.WriteLine($"signals {await CountAsync(db, "labor_signals"):N0} over {firms:N0} firms, opinion items {await CountAsync(db, "labor_opinion_items"):N0}, legal cases {await CountAsync(db, "legal_cases"):N0} in {sw.Elapsed.TotalSeconds:0.0} s (set-up, not measured)");
            }

            // Every enterprise's score: the set-based statement (best and worst of 3) beside the in-memory baseline, each in a fresh scope.
            var setBased = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                using var scope = app.Services.CreateScope();
                setBased.Add(await scope.ServiceProvider.GetRequiredService<RiskEngine>().ScoreAllAsync(asOf, default));
            }
            int scored;
            using (var scope = app.Services.CreateScope()) scored = await CountAsync(scope.ServiceProvider.GetRequiredService<GonghuiDb>(), "labor_risk_scores");
            double memory;
            using (var scope = app.Services.CreateScope()) memory = await scope.ServiceProvider.GetRequiredService<RiskEngine>().RecomputeInMemoryAsync(asOf, default);
            int scoredMem;
            using (var scope = app.Services.CreateScope()) scoredMem = await CountAsync(scope.ServiceProvider.GetRequiredService<GonghuiDb>(), "labor_risk_scores");
            Console.WriteLine($"score recompute, {scored:N0} firms scored: set-based best {setBased.Min():0} ms, worst {setBased.Max():0} ms (target ≤ 2000); in-memory baseline {memory:0} ms ({scoredMem:N0} firms), ratio {memory / setBased.Min():0.0}x; {Uptime()}");
            pass &= setBased.Max() <= 2000 && scored == scoredMem;

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
            var tokens = new Dictionary<string, string>();
            foreach (var user in new[] { "admin", "dongcheng" })
                tokens[user] = (await (await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = "gonghui-demo" })).Content.ReadFromJsonAsync<Token>())!.AccessToken;

            // The annual opinion report, as the federation (the whole city).
            var annual = new List<double>();
            for (var i = 0; i < 4; i++)
            {
                using var req = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/labor-relations/reports/opinion?period=Annual&date={asOf:yyyy-MM-dd}");
                req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens["admin"]);
                var t0 = Stopwatch.GetTimestamp();
                using var res = await http.SendAsync(req);
                await res.Content.ReadAsByteArrayAsync();
                if (!res.IsSuccessStatusCode) throw new InvalidOperationException($"annual report: {res.StatusCode}");
                if (i > 0) annual.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds); // the first warms up
            }
            // Baseline: the report's statements as bare SQL on one connection (the period's counts, the previous period's, by day,
            // district, industry, category, the top enterprises and the major items), best of 3.
            var bareReport = new List<double>();
            using (var scope = app.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
                var conn = db.Database.GetDbConnection();
                await conn.OpenAsync();
                var from = $"'{new DateOnly(asOf.Year, 1, 1):yyyy-MM-dd}'";
                var to = $"'{new DateOnly(asOf.Year + 1, 1, 1):yyyy-MM-dd}'";
                var prev = $"'{new DateOnly(asOf.Year - 1, 1, 1):yyyy-MM-dd}'";
                var where = $"published_on >= {from} AND published_on < {to}";
                string[] statements =
                [
                    $"SELECT COUNT(*), SUM(CASE WHEN sentiment = 0 THEN 1 ELSE 0 END) FROM labor_opinion_items WHERE published_on >= {prev} AND published_on < {from}",
                    $"SELECT published_on, COUNT(*), SUM(CASE WHEN sentiment = 0 THEN 1 ELSE 0 END), SUM(CASE WHEN major THEN 1 ELSE 0 END) FROM labor_opinion_items WHERE {where} GROUP BY published_on",
                    $"SELECT district_code, COUNT(*), SUM(CASE WHEN sentiment = 0 THEN 1 ELSE 0 END) FROM labor_opinion_items WHERE {where} GROUP BY district_code",
                    $"SELECT industry, COUNT(*), SUM(CASE WHEN sentiment = 0 THEN 1 ELSE 0 END) FROM labor_opinion_items WHERE {where} GROUP BY industry",
                    $"SELECT category, COUNT(*), SUM(CASE WHEN sentiment = 0 THEN 1 ELSE 0 END) FROM labor_opinion_items WHERE {where} GROUP BY category",
                    $"SELECT enterprise_name, COUNT(*) AS n, SUM(CASE WHEN sentiment = 0 THEN 1 ELSE 0 END) AS neg FROM labor_opinion_items WHERE {where} AND enterprise_name IS NOT NULL GROUP BY enterprise_name ORDER BY neg DESC, n DESC, enterprise_name LIMIT 10",
                    $"SELECT * FROM labor_opinion_items WHERE {where} AND major ORDER BY published_on DESC, id DESC LIMIT 50",
                ];
                for (var i = 0; i < 4; i++)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    foreach (var sql in statements)
                    {
                        await using var cmd = conn.CreateCommand();
                        cmd.CommandText = sql;
                        await using var rd = await cmd.ExecuteReaderAsync();
                        while (await rd.ReadAsync()) { for (var f = 0; f < rd.FieldCount; f++) rd.GetValue(f); }
                    }
                    if (i > 0) bareReport.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
            }
            Console.WriteLine($"annual opinion report over {items:N0} items: best {annual.Min():0} ms, worst {annual.Max():0} ms (target ≤ 3000); bare SQL of its 7 statements best {bareReport.Min():0} ms, ratio {annual.Min() / bareReport.Min():0.0}x; {Uptime()}");
            pass &= annual.Max() <= 3000;

            // The legal case list, first page and a later one, as the federation and a district.
            foreach (var user in new[] { "admin", "dongcheng" })
            {
                string? next;
                using (var req = new HttpRequestMessage(HttpMethod.Get, "/api/v1/legal/cases?limit=20"))
                {
                    req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[user]);
                    using var res = await http.SendAsync(req);
                    next = (await res.Content.ReadFromJsonAsync<Page>())?.Next;
                    for (var k = 0; k < 20 && next is not null; k++)
                    {
                        using var r2 = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/legal/cases?limit=20&after={Uri.EscapeDataString(next)}");
                        r2.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[user]);
                        using var res2 = await http.SendAsync(r2);
                        next = (await res2.Content.ReadFromJsonAsync<Page>())?.Next ?? next;
                    }
                }
                // The bare SQL of the same pages: newest first by (created_at, id), the district by its scope path; page 21 seeks past row 420.
                var scopeWhere = user == "admin" ? "" : "scope_path LIKE '/BJ/DC/%'";
                object? k420 = null, i420 = null;
                using (var scope = app.Services.CreateScope())
                {
                    var conn = scope.ServiceProvider.GetRequiredService<GonghuiDb>().Database.GetDbConnection();
                    await conn.OpenAsync();
                    await using var cmd = conn.CreateCommand();
                    cmd.CommandText = $"SELECT created_at, id FROM legal_cases {(scopeWhere == "" ? "" : "WHERE " + scopeWhere)} ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET 419";
                    await using var rd = await cmd.ExecuteReaderAsync();
                    if (await rd.ReadAsync()) { k420 = rd.GetValue(0); i420 = rd.GetValue(1); }
                }
                foreach (var (position, url) in new[] { ("first", "/api/v1/legal/cases?limit=20"), ("page 21", next is null ? null : $"/api/v1/legal/cases?limit=20&after={Uri.EscapeDataString(next)}") })
                {
                    if (url is null) continue;
                    var seek = position == "first" || k420 is null ? "" : "(created_at, id) < (@k, @i)";
                    var conds = string.Join(" AND ", new[] { scopeWhere, seek }.Where(x => x != ""));
                    var bareSql = $"SELECT * FROM legal_cases {(conds == "" ? "" : "WHERE " + conds)} ORDER BY created_at DESC, id DESC LIMIT 21";
                    var scopes = new System.Collections.Concurrent.ConcurrentBag<IServiceScope>();
                    var conns = new System.Collections.Concurrent.ConcurrentBag<System.Data.Common.DbConnection>();
                    for (var c = 0; c < concurrency; c++)
                    {
                        var sc = app.Services.CreateScope();
                        scopes.Add(sc);
                        var conn = sc.ServiceProvider.GetRequiredService<GonghuiDb>().Database.GetDbConnection();
                        await conn.OpenAsync();
                        conns.Add(conn);
                    }
                    var bare = await Latencies.MeasureAsync(requests, concurrency, async () =>
                    {
                        if (!conns.TryTake(out var conn)) throw new InvalidOperationException("more callers than connections");
                        try
                        {
                            await using var cmd = conn.CreateCommand();
                            cmd.CommandText = bareSql;
                            if (seek != "")
                            {
                                foreach (var (name, value) in new[] { ("k", k420!), ("i", i420!) })
                                {
                                    var p = cmd.CreateParameter();
                                    p.ParameterName = name;
                                    p.Value = value;
                                    cmd.Parameters.Add(p);
                                }
                            }
                            await using var rd = await cmd.ExecuteReaderAsync();
                            while (await rd.ReadAsync()) { for (var f = 0; f < rd.FieldCount; f++) rd.GetValue(f); }
                        }
                        finally { conns.Add(conn); }
                    });
                    foreach (var sc in scopes) sc.Dispose();
                    var lat = await Latencies.MeasureAsync(requests, concurrency, async () =>
                    {
                        using var req = new HttpRequestMessage(HttpMethod.Get, url);
                        req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[user]);
                        using var res = await http.SendAsync(req);
                        await res.Content.ReadAsByteArrayAsync();
                        if (!res.IsSuccessStatusCode) throw new InvalidOperationException($"legal list: {res.StatusCode}");
                    });
                    Console.WriteLine($"legal case list {user,-10} {position,-8} p50 {lat.P50:0.0} ms p99 {lat.P99:0.0} ms (target ≤ 50) at {concurrency} concurrent; bare SQL p50 {bare.P50:0.0} p99 {bare.P99:0.0} ms, ratio {lat.P99 / bare.P99:0.0}x; {Uptime()}");
                    pass &= lat.P99 <= 50;
                }
            }
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
        return pass;
    }

    private sealed record Token(string AccessToken);
    private sealed record Page(string? Next);

    private static string Uuid(bool pgsql, int tag, string n) => pgsql
        ? $"(lpad(to_hex({n}), 8, '0') || '-000{tag}-7000-8000-' || lpad(to_hex({n}), 12, '0'))::uuid"
        : $"printf('%08X-000{tag}-7000-8000-%012X', {n}, {n})";

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

    private static async Task<int> CountAsync(GonghuiDb db, string table)
    {
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT COUNT(*) FROM {table}";
        return Convert.ToInt32(await cmd.ExecuteScalarAsync());
    }

}
