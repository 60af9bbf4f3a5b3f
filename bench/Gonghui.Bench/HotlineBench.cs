using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Gonghui.Modules.Hotline;
using Gonghui.Modules.Hotline.Deadlines;
using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Modules.Organizations;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Bench;

/// <summary>
/// Scenario `hotline`: a generated year of requests. (1) Intake through the real API on loopback Kestrel with a bounded
/// pool of concurrent HttpClients, group commit vs the baseline of one SaveChanges per request; (2) the three rates for
/// every unit over the year, one GROUP BY vs the baseline of loading every visited row into memory. SQLite always,
/// PostgreSQL when GONGHUI_BENCH_PG names a server. Args: [--n 100000] [--baseline-n 10000] [--concurrency 32]
/// [--rates-n N] [--provider sqlite|postgresql] [--httpclient] (HttpClient as the load generator instead of raw HTTP/1.1 connections).
/// </summary>
public static class HotlineBench
{
    public static readonly Scenario Scenario = new("hotline", "12351 hotline: API intake req/s + p99, rates over a year (SQLite, PostgreSQL)", RunAsync);

    private static int Arg(string[] args, string name, int dflt)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : dflt;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var n = Arg(args, "--n", 100_000);
        var baselineN = Arg(args, "--baseline-n", Math.Min(n, 10_000));
        var concurrency = Arg(args, "--concurrency", 32);
        RatesN = Arg(args, "--rates-n", n);
        UseHttpClient = args.Contains("--httpclient");
        var only = Array.IndexOf(args, "--provider") is var pi and >= 0 && pi + 1 < args.Length ? args[pi + 1] : null;
        Console.WriteLine($"hotline scenario: n={n:N0}, baseline n={baselineN:N0}, concurrency={concurrency}, cores={Environment.ProcessorCount}");
        var providers = new List<(DatabaseProvider, Func<string, string>)> { (DatabaseProvider.Sqlite, dir => $"Data Source={Path.Combine(dir, "gonghui.db")}") };
        var pg = Environment.GetEnvironmentVariable("GONGHUI_BENCH_PG");
        if (!string.IsNullOrEmpty(pg)) providers.Add((DatabaseProvider.PostgreSQL, _ => pg));
        if (only is not null) providers.RemoveAll(p => !p.Item1.ToString().StartsWith(only, StringComparison.OrdinalIgnoreCase));
        foreach (var (provider, cs) in providers)
        {
            Console.WriteLine($"\n== {provider}");
            // --baseline-n 0 --n 0 measures the rates alone (the year is generated, not posted).
            var baseline = baselineN == 0 ? new IntakeResult(1, 0, 0, 0, 0) : await IntakeAsync(provider, cs, batching: false, baselineN, concurrency, rates: false);
            var batched = await IntakeAsync(provider, cs, batching: true, n, concurrency, rates: true);
            Console.WriteLine($"intake ratio (group commit / per-request SaveChanges): {batched.Rps / baseline.Rps:0.0}x req/s, p99 {baseline.P99:0.0} → {batched.P99:0.0} ms, " +
                              $"CPU per request {baseline.CpuMs:0.00} → {batched.CpuMs:0.00} ms ({baseline.CpuMs / Math.Max(0.001, batched.CpuMs):0.0}x less)");
        }
        return 0;
    }

    private static int RatesN;
    private static bool UseHttpClient;

    private sealed record IntakeResult(double Rps, double P50, double P95, double P99, double CpuMs);

    private static async Task<IntakeResult> IntakeAsync(DatabaseProvider provider, Func<string, string> csFor, bool batching, int n, int concurrency, bool rates)
    {
        var dir = Directory.CreateTempSubdirectory("gonghui-bench-hotline-").FullName;
        var cs = csFor(dir);
        string? pgDb = null;
        if (provider == DatabaseProvider.PostgreSQL)
        {
            pgDb = "gonghui_bench_" + Guid.NewGuid().ToString("N")[..10];
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            await using (var cmd = new NpgsqlCommand($"CREATE DATABASE \"{pgDb}\"", conn)) await cmd.ExecuteNonQueryAsync();
            cs = new NpgsqlConnectionStringBuilder(cs) { Database = pgDb, MaxPoolSize = 200 }.ConnectionString;
        }
        var port = Latencies.FreePort();
        // The host is the platform itself (its application name finds its static-asset manifest).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = "Gonghui", ContentRootPath = AppContext.BaseDirectory });
        var settings = new Dictionary<string, string?>
        {
            ["Gonghui:DataDir"] = dir, ["Gonghui:Database:Provider"] = provider.ToString(), ["ConnectionStrings:Gonghui"] = cs,
            ["Gonghui:Demo"] = "true", ["Gonghui:Demo:Scale"] = "0.01", ["Gonghui:Hotline:IntakeBatching"] = batching.ToString(),
            ["Gonghui:Hotline:LoopSeconds"] = "3600", ["Logging:LogLevel:Default"] = "Warning", ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning", ["urls"] = $"http://127.0.0.1:{port}",
            ["Gonghui:Security:EncryptionKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            ["Gonghui:Security:HashKey"] = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray()),
        };
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPlatform();
        // Every module: each registers its own EF model configuration, and the migrations hold them all.
        global::Program.AddModules(builder.Services);
        var app = builder.Build();
        app.UsePlatform();
        app.MapOrganizations();
        app.MapHotline();
        await app.StartAsync();
        try
        {
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
            using var http = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var tok = await (await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = "agent", password = "gonghui-demo" })).Content.ReadFromJsonAsync<Token>();
            http.DefaultRequestHeaders.Authorization = new("Bearer", tok!.AccessToken);
            var districts = new[] { "110101", "110102", "110105", "110106", "110107", "110108", "110109", "110111", "110112", "110113", "110114", "110115", "110116", "110117", "110118", "110119" };
            var cats = new[] { "labor-dispute", "social-insurance", "labor-contract", "legal-advice", "psych-help", "hardship", "member-service", "other" };
            var start = DateTimeOffset.UtcNow.AddDays(-365);
            // Each request's body is made before the clock starts (the load generator's own JSON work is not the server's).
            byte[] Body(int i) => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new
            {
                category = cats[i % cats.Length], urgency = i % 10 == 0 ? "Urgent" : "Normal", description = $"基准测试诉求 {i}：拖欠工资",
                phone = $"139{(i + 1000) % 100_000_000:D8}", districtCode = districts[i % districts.Length], channel = "Phone",
                receivedAt = start.AddMinutes(i * 525_600.0 / 100_000 % 525_600),
            }, System.Text.Json.JsonSerializerOptions.Web);
            Func<byte[], Task<bool>> post;
            var raw = new List<RawHttpClient>();
            if (UseHttpClient) post = async body =>
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new("application/json");
                using var res = await http.PostAsync("/api/v1/hotline/requests", content);
                return res.StatusCode == HttpStatusCode.Created;
            };
            else
            {
                // One keep-alive HTTP/1.1 connection per concurrent caller, like wrk or bombardier: the generator costs
                // little CPU, so the machine's cores go to the server being measured.
                for (var c = 0; c < concurrency; c++) raw.Add(await RawHttpClient.ConnectAsync(port, tok.AccessToken));
                var pool = new System.Collections.Concurrent.ConcurrentBag<RawHttpClient>(raw);
                post = async body =>
                {
                    if (!pool.TryTake(out var c)) throw new InvalidOperationException("more callers than connections");
                    try { return await c.PostAsync("/api/v1/hotline/requests", body) == 201; }
                    finally { pool.Add(c); }
                };
            }
            try
            {
                // Warm-up (JIT, connection pool) is not measured.
                var warm = Enumerable.Range(n + 1, 500).Select(Body).ToArray();
                await Parallel.ForEachAsync(warm, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (b, _) => await post(b));
                var bodies = new byte[n][];
                for (var i = 0; i < n; i++) bodies[i] = Body(i + 1);
                var lat = new double[n];
                var failures = 0;
                GC.Collect();
                var gc0 = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration());
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
                {
                    var t0 = Stopwatch.GetTimestamp();
                    var ok = await post(bodies[i]);
                    lat[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    if (!ok) Interlocked.Increment(ref failures);
                });
                sw.Stop();
                // CPU spent by client and server together (one process): what the figure would be on idle cores.
                var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds / Math.Max(1, n);
                var allocKb = (GC.GetTotalAllocatedBytes() - gc0.Item4) / 1024.0 / Math.Max(1, n);
                var gcText = $"GC: {allocKb:0.0} KB allocated per request, collections gen0/1/2 {GC.CollectionCount(0) - gc0.Item1}/{GC.CollectionCount(1) - gc0.Item2}/{GC.CollectionCount(2) - gc0.Item3}, pauses {(GC.GetTotalPauseDuration() - gc0.Item5).TotalMilliseconds:N0} ms";
                Array.Sort(lat);
                var result = n == 0 ? new IntakeResult(1, 0, 0, 0, 0) : new IntakeResult(n / sw.Elapsed.TotalSeconds, lat[(int)(n * 0.50)], lat[(int)(n * 0.95)], lat[Math.Min(n - 1, (int)(n * 0.99))], cpuMs);
                Console.WriteLine($"intake {(batching ? "group commit" : "baseline: SaveChanges per request")} ({(UseHttpClient ? "HttpClient" : "raw HTTP/1.1")} client, {concurrency} connections): {n:N0} requests in {sw.Elapsed.TotalSeconds:0.0} s = {result.Rps:N0} req/s; " +
                                  $"p50 {result.P50:0.0} ms, p95 {result.P95:0.0} ms, p99 {result.P99:0.0} ms; failures {failures}; CPU {cpuMs:0.00} ms per request (client + server{(provider == DatabaseProvider.PostgreSQL ? ", not the PostgreSQL server" : "")}) ⇒ ≈{Environment.ProcessorCount * 1000 / Math.Max(0.001, cpuMs):N0} req/s on {Environment.ProcessorCount} idle cores; {gcText}; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
                if (rates && RatesN > 0) await RatesAsync(app.Services, n);
                return result;
            }
            finally
            {
                foreach (var c in raw) c.Dispose();
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
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    /// <summary>Turns the intake into a handled, visited year (bulk, outside the API) and times the rates for every unit.</summary>
    private static async Task RatesAsync(IServiceProvider services, int n)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
        var policy = scope.ServiceProvider.GetRequiredService<DeadlinePolicy>();
        var units = await db.Set<OrgUnit>().AsNoTracking().Where(u => u.Kind == OrgUnitKind.DistrictUnion).ToListAsync();
        var sw = Stopwatch.StartNew();
        var rnd = new Random(7);
        var ids = await db.Set<HotlineRequest>().AsNoTracking().OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var k = 0; k < ids.Count; k += 2000)
        {
            var chunkIds = ids.Skip(k).Take(2000).ToList();
            var chunk = await db.Set<HotlineRequest>().Where(r => chunkIds.Contains(r.Id)).ToListAsync();
            foreach (var r in chunk)
            {
                if (r.State != RequestState.Received || rnd.NextDouble() < 0.1) continue;
                var u = units[rnd.Next(units.Count)];
                var t = r.ReceivedAt.AddMinutes(10);
                r.Dispatch(u.Id, u.Path, t);
                r.Accept(t);
                r.Contact(t.AddHours(rnd.NextDouble() < 0.9 ? 3 : 30));
                r.Resolve("bench", t.AddDays(2));
                r.RecordVisit(rnd.NextDouble() < 0.95, rnd.NextDouble() < 0.85, (Satisfaction)rnd.Next(3), t.AddDays(3));
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        // Top up to the year's full size with generated, already handled requests (not through the API).
        var start = DateTimeOffset.UtcNow.AddDays(-365);
        for (var k = ids.Count; k < RatesN; k += 5000)
        {
            for (var j = k; j < Math.Min(RatesN, k + 5000); j++)
            {
                var received = start.AddMinutes(rnd.NextDouble() * 525_000);
                var r = HotlineRequest.File(Channel.Phone, "other", null, Urgency.Normal, "bench " + j, received, "/BJ/", policy.All("other", Urgency.Normal, received), $"B{j:D10}");
                var u = units[rnd.Next(units.Count)];
                var t = received.AddMinutes(10);
                r.Dispatch(u.Id, u.Path, t);
                r.Accept(t);
                r.Contact(t.AddHours(rnd.NextDouble() < 0.9 ? 3 : 30));
                r.Resolve("bench", t.AddDays(2));
                r.RecordVisit(rnd.NextDouble() < 0.95, rnd.NextDouble() < 0.85, (Satisfaction)rnd.Next(3), t.AddDays(3));
                db.Add(r);
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        var total = await db.Set<HotlineRequest>().CountAsync();
        Console.WriteLine($"prepared {total:N0} requests, handled and visited, in {sw.Elapsed.TotalSeconds:0.0} s (not measured)");

        var rates = scope.ServiceProvider.GetRequiredService<HotlineRates>();
        var from = DateTimeOffset.UtcNow.AddDays(-400);
        var to = DateTimeOffset.UtcNow.AddDays(10);
        await rates.ComputeAsync(from, to, "/", null, default); // warm-up
        var times = new List<double>();
        RatesReport? report = null;
        for (var i = 0; i < 5; i++)
        {
            var s = Stopwatch.StartNew();
            report = await rates.ComputeAsync(from, to, "/", null, default);
            times.Add(s.Elapsed.TotalMilliseconds);
        }
        var grouped = times.Order().ElementAt(2);

        // Baseline: load every visited row into memory and count per unit there.
        var btimes = new List<double>();
        var w = RateWeights.Default;
        Dictionary<Guid, RateResult> baseline = [];
        for (var i = 0; i < 3; i++)
        {
            var s = Stopwatch.StartNew();
            var rows = await db.Set<HotlineRequest>().AsNoTracking().Where(r => r.VisitedAt >= from && r.VisitedAt < to).ToListAsync();
            baseline = rows.Where(r => r.VisitReached == true && r.VisitUnitId != null).GroupBy(r => r.VisitUnitId!.Value)
                .ToDictionary(g => g.Key, g => RateFormula.Compute(g.Aggregate(RateCounts.Zero, (a, r) => a + RateFormula.Of(r.ContactedInTime == true, r.VisitSolved == true, r.VisitSatisfaction ?? Satisfaction.Dissatisfied)), w));
            btimes.Add(s.Elapsed.TotalMilliseconds);
        }
        var loaded = btimes.Order().ElementAt(1);
        var same = report!.Units.All(u => baseline.TryGetValue(u.UnitId, out var b) && b.Score == u.Score && b.ValidVisits == u.ValidVisits);
        Console.WriteLine($"rates for {report.Units.Count} units + {report.Districts.Count} districts over {report.City.ValidVisits:N0} valid visits: {grouped:0.0} ms (median of 5); " +
                          $"baseline load-all-rows {loaded:0.0} ms; ratio {loaded / grouped:0.0}x; same answers: {same}");
    }

    private sealed record Token(string AccessToken);

}
