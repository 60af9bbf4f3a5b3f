using System.Diagnostics;
using System.Globalization;
using System.Net;
using Gonghui.Modules.Organizations;
using Gonghui.Modules.Venues;
using Gonghui.Modules.Venues.Demo;
using Gonghui.Platform;
using Gonghui.Platform.Geo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Gonghui.Modules.Venues.Listing;
using Gonghui.Modules.Venues.Nearby;

namespace Gonghui.Bench;

/// <summary>
/// Venues at the federation's scale (35,000): nearest-10 in process (k-d tree vs a brute-force scan, same run), then the
/// public HTTP endpoint on loopback driven by concurrent HttpClient requests, bounded in count and time.
/// Usage: venues [--venues 35000] [--queries 20000] [--seconds 10] [--concurrency 32]
/// </summary>
public static class VenuesBench
{
    public static readonly Scenario Scenario = new("venues", "venues: nearest-10 in process vs brute force; HTTP /api/v1/venues/nearest on loopback", RunAsync);

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var count = Arg(args, "--venues", 35_000);
        var queries = Arg(args, "--queries", 20_000);
        var seconds = Arg(args, "--seconds", 10);
        var concurrency = Arg(args, "--concurrency", 32);
        var total = VenueDemoData.Federation.Sum(f => f.Count);
        var cards = VenueDemoData.Generate((double)count / total, 2026, new Random(7))
            .Select(g => new VenueCard(Guid.CreateVersion7(), g.Fields.Type, g.Fields.IsPublicArea, g.Fields.Name, g.Fields.Address, g.Fields.DistrictCode,
                g.Fields.Wgs84.Lat, g.Fields.Wgs84.Lng, g.Fields.Hours, g.Fields.Amenities, g.Fields.Capacity, g.Fields.Phone, g.Fields.Certification, Guid.Empty))
            .ToList();
        Console.WriteLine($"venues: {cards.Count:N0} venues over Beijing's 16 districts (demo generator), {Environment.ProcessorCount} cores");

        var sw = Stopwatch.StartNew();
        var index = new VenueIndex();
        index.Replace(cards);
        Console.WriteLine($"index build: {sw.Elapsed.TotalMilliseconds:F1} ms");

        var rng = new Random(11);
        var points = Enumerable.Range(0, queries).Select(_ => new LatLng(39.6 + rng.NextDouble() * 0.8, 115.9 + rng.NextDouble() * 1.2)).ToArray();
        var none = new VenueFilter();
        var night = new VenueFilter(VenueType.WarmStation, Amenity.None, new DateTime(2026, 11, 24, 2, 0, 0));

        // Warm up the JIT.
        for (var i = 0; i < 2000; i++) { index.Nearest(points[i % points.Length], 10, none); BruteForce(cards, points[i % points.Length], 10, none); }

        var tree = Measure(points, p => index.Nearest(p, 10, none).Count);
        var treeFiltered = Measure(points, p => index.Nearest(p, 10, night).Count);
        var bruteQueries = points.Take(Math.Min(queries, 2000)).ToArray();
        var brute = Measure(bruteQueries, p => BruteForce(cards, p, 10, none));
        var bruteFiltered = Measure(bruteQueries, p => BruteForce(cards, p, 10, night));

        // The two must agree (same run, same data).
        foreach (var p in bruteQueries.Take(200))
        {
            var a = index.Nearest(p, 10, night).Select(h => h.Item.Id);
            var b = BruteForceIds(cards, p, 10, night);
            if (!a.SequenceEqual(b)) { Console.Error.WriteLine("MISMATCH between index and brute force"); return 1; }
        }

        Console.WriteLine();
        Console.WriteLine("| in process, nearest-10 | median µs | p99 µs | brute-force median µs | speed-up |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine($"| no filter | {tree.Median:F2} | {tree.P99:F2} | {brute.Median:F1} | {brute.Median / tree.Median:F0}× |");
        Console.WriteLine($"| warm stations open at 02:00 | {treeFiltered.Median:F2} | {treeFiltered.P99:F2} | {bruteFiltered.Median:F1} | {bruteFiltered.Median / treeFiltered.Median:F0}× |");

        await HttpAsync(cards, points, seconds, concurrency);
        return 0;
    }

    private sealed record Stats(double Median, double P99);

    private static Stats Measure(LatLng[] points, Func<LatLng, int> query)
    {
        var us = new double[points.Length];
        var sink = 0;
        for (var i = 0; i < points.Length; i++)
        {
            var t = Stopwatch.GetTimestamp();
            sink += query(points[i]);
            us[i] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
        }
        if (sink < 0) Console.WriteLine(sink);
        Array.Sort(us);
        return new Stats(us[us.Length / 2], us[(int)(us.Length * 0.99)]);
    }

    /// <summary>The baseline: haversine to every venue, keep the best k.</summary>
    private static int BruteForce(List<VenueCard> cards, LatLng p, int k, VenueFilter filter) => BruteForceIds(cards, p, k, filter).Count;

    private static List<Guid> BruteForceIds(List<VenueCard> cards, LatLng p, int k, VenueFilter filter)
    {
        var best = new List<(double D, Guid Id)>(k + 1);
        foreach (var c in cards)
        {
            var d = GreatCircle.DistanceMeters(p.Lat, p.Lng, c.Lat, c.Lng);
            if (best.Count == k && d >= best[^1].D) continue;
            if (!filter.IsEmpty && !filter.Matches(c)) continue;
            var i = best.Count;
            while (i > 0 && best[i - 1].D > d) i--;
            best.Insert(i, (d, c.Id));
            if (best.Count > k) best.RemoveAt(k);
        }
        return best.Select(b => b.Id).ToList();
    }

    private static async Task HttpAsync(List<VenueCard> cards, LatLng[] points, int seconds, int concurrency)
    {
        var dataDir = Directory.CreateTempSubdirectory("gonghui-bench-venues-").FullName;
        // The platform and the Venues module composed as Program.cs does, on Kestrel at a free loopback port.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ApplicationName = "Gonghui" });
        builder.Configuration["Gonghui:DataDir"] = dataDir;
        builder.Configuration["Gonghui:Database:Provider"] = "Sqlite";
        builder.Configuration["urls"] = "http://127.0.0.1:0";
        builder.Logging.ClearProviders();
        builder.AddPlatform();
        // Every module: each registers its own EF model configuration, and the migrations hold them all.
        global::Program.AddModules(builder.Services);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.UsePlatform();
        app.MapOrganizations();
        app.MapVenues();
        await app.StartAsync();
        try
        {
            app.Services.GetRequiredService<VenueIndex>().Replace(cards);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
            { BaseAddress = new Uri(address) };
            string Url(int i)
            {
                var p = points[i % points.Length];
                var open = i % 4 == 0 ? "&type=WarmStation&openNow=true" : "";
                return string.Create(CultureInfo.InvariantCulture, $"/api/v1/venues/nearest?lat={p.Lat:F5}&lng={p.Lng:F5}&k=10{open}");
            }
            // Warm-up, then the measured run: bounded by time and by a request cap.
            await Drive(http, Url, concurrency, TimeSpan.FromSeconds(2), 20_000);
            var (done, failed, latencies, elapsed) = await Drive(http, Url, concurrency, TimeSpan.FromSeconds(seconds), 500_000);
            Array.Sort(latencies);
            double Pct(double q) => latencies.Length == 0 ? 0 : latencies[Math.Min(latencies.Length - 1, (int)(latencies.Length * q))];
            Console.WriteLine();
            Console.WriteLine($"| HTTP GET /api/v1/venues/nearest (k=10, ¼ with type+openNow), {concurrency} concurrent, {elapsed.TotalSeconds:F1} s | value |");
            Console.WriteLine("|---|---:|");
            Console.WriteLine($"| requests | {done:N0} ({failed} failed) |");
            Console.WriteLine($"| throughput | {done / elapsed.TotalSeconds:N0} req/s |");
            Console.WriteLine($"| latency p50 | {Pct(0.50):F2} ms |");
            Console.WriteLine($"| latency p99 | {Pct(0.99):F2} ms |");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            try { Directory.Delete(dataDir, true); } catch (IOException) { }
        }
    }

    private static async Task<(int Done, int Failed, double[] LatenciesMs, TimeSpan Elapsed)> Drive(
        HttpClient http, Func<int, string> url, int concurrency, TimeSpan duration, int cap)
    {
        var latencies = new double[cap];
        var next = -1;
        var failed = 0;
        var sw = Stopwatch.StartNew();
        async Task Worker()
        {
            while (sw.Elapsed < duration)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= cap) return;
                var t = Stopwatch.GetTimestamp();
                using var res = await http.GetAsync(url(i), HttpCompletionOption.ResponseContentRead);
                latencies[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                if (!res.IsSuccessStatusCode) Interlocked.Increment(ref failed);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker)));
        var elapsed = sw.Elapsed;
        var done = Math.Min(cap, next + 1);
        // Workers that stopped on time increment past the last recorded slot: keep only recorded latencies.
        var recorded = latencies.Take(done).Where(l => l > 0).ToArray();
        return (recorded.Length, failed, recorded, elapsed);
    }
}
