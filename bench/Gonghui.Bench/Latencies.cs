using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Gonghui.Bench;

/// <summary>A case's latency: median and 99th percentile, in milliseconds.</summary>
public sealed record Latency(double P50, double P99);

/// <summary>The list benches' one way of timing a case (API or its bare SQL alike) and of finding a loopback port.</summary>
public static class Latencies
{
    /// <summary>
    /// Times <paramref name="requests"/> calls with <paramref name="concurrency"/> at once. Warm-up first, the same for the API and its
    /// bare SQL: two rounds of <paramref name="concurrency"/> calls at once, so every pooled connection the timed requests will use (the
    /// app's database pool, each PostgreSQL backend's catalog and plan caches, each HTTP connection, the bare SQL's connections) has
    /// served this case before the clock starts. A sequential warm-up touched one connection and left the app's pool to open and warm
    /// the others inside the timed window (the innovation bench's first case: 160 ms p99 on PostgreSQL).
    /// </summary>
    public static async Task<Latency> MeasureAsync(int requests, int concurrency, Func<Task> call)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency };
        for (var round = 0; round < 2; round++)
            await Parallel.ForEachAsync(Enumerable.Range(0, concurrency), options, async (_, _) => await call());
        var lat = new double[requests];
        await Parallel.ForEachAsync(Enumerable.Range(0, requests), options, async (i, _) =>
        {
            var t0 = Stopwatch.GetTimestamp();
            await call();
            lat[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        });
        Array.Sort(lat);
        return new Latency(lat[requests / 2], lat[Math.Min(requests - 1, (int)(requests * 0.99))]);
    }

    /// <summary>A free TCP port on loopback for the bench's Kestrel.</summary>
    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
