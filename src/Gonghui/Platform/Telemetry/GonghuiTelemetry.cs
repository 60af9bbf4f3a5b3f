using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Gonghui.Platform.Telemetry;

/// <summary>
/// The platform's own instruments (meter and activity source "Gonghui"): queue depths (group-commit intake, notification
/// outboxes) and imported rows. Request rate and latency come from ASP.NET Core's own meter.
/// </summary>
public sealed class GonghuiMetrics : IDisposable
{
    public const string Name = "Gonghui";
    public static readonly ActivitySource Activities = new(Name);

    private readonly Meter _meter;
    private readonly ConcurrentDictionary<string, Func<long>> _queues = new(StringComparer.Ordinal);
    private readonly Counter<long> _importRows;
    private readonly Histogram<double> _importRate;

    public GonghuiMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        _meter.CreateObservableGauge("gonghui.queue.depth", ObserveQueues, "{item}",
            "Items waiting in a queue: hotline intake (group commit), the notification outbox and loan reminders (undelivered messages).");
        _importRows = _meter.CreateCounter<long>("gonghui.import.rows", "{row}", "Rows read by finished imports; rate() gives rows per second.");
        _importRate = _meter.CreateHistogram<double>("gonghui.import.rows_per_second", unit: null, "Rows per second of each finished import.");
    }

    /// <summary>Reports a queue's depth on every collection (the function must be cheap and thread-safe).</summary>
    public void ObserveQueue(string queue, Func<long> depth) => _queues[queue] = depth;

    /// <summary>Sets a queue's depth as last counted (for queues that live in the database).</summary>
    public void SetQueueDepth(string queue, long depth) => _queues[queue] = () => depth;

    public void ImportFinished(string kind, long rows, double rowsPerSecond)
    {
        var tag = new KeyValuePair<string, object?>("kind", kind);
        _importRows.Add(rows, tag);
        if (rowsPerSecond > 0) _importRate.Record(rowsPerSecond, tag);
    }

    private IEnumerable<Measurement<long>> ObserveQueues()
    {
        foreach (var (queue, depth) in _queues)
            yield return new Measurement<long>(depth(), new KeyValuePair<string, object?>("queue", queue));
    }

    public void Dispose() => _meter.Dispose();
}

/// <summary>Settings under Gonghui:Telemetry.</summary>
public sealed class TelemetryOptions
{
    /// <summary>An OTLP collector (e.g. http://collector:4317); traces and metrics are exported there only when it is set.
    /// The standard OTEL_EXPORTER_OTLP_ENDPOINT variable works too.</summary>
    public string? OtlpEndpoint { get; set; }
    /// <summary>When set, <c>/metrics</c> also answers a scraper from another host that sends <c>Authorization: Bearer &lt;token&gt;</c>;
    /// without it, only loopback callers are answered.</summary>
    public string? MetricsToken { get; set; }
}

public static class TelemetryModule
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddGonghuiTelemetry(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection("Gonghui:Telemetry").Get<TelemetryOptions>() ?? new();
        services.AddSingleton(options);
        services.AddSingleton<GonghuiMetrics>();
        var otlp = options.OtlpEndpoint ?? config["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("gonghui", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation().AddMeter(GonghuiMetrics.Name).AddPrometheusExporter();
                if (!string.IsNullOrWhiteSpace(otlp)) m.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
            });
        // Traces cost something per request: recorded only when there is a collector to send them to.
        if (!string.IsNullOrWhiteSpace(otlp))
            otel.WithTracing(t => t.AddAspNetCoreInstrumentation().AddSource(GonghuiMetrics.Name).AddOtlpExporter(o => o.Endpoint = new Uri(otlp)));
        return services;
    }

    /// <summary>
    /// The Prometheus scrape endpoint. It is not an API endpoint (no account signs in to it): it answers loopback callers,
    /// and other callers only with the configured bearer token; everyone else gets 404 as if it did not exist.
    /// </summary>
    public static IApplicationBuilder UseGonghuiMetrics(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<TelemetryOptions>();
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(ctx => ctx.Request.Path == MetricsPath && MayScrape(ctx, options.MetricsToken));
    }

    internal static bool MayScrape(HttpContext ctx, string? token)
    {
        if (!string.IsNullOrEmpty(token))
        {
            var auth = ctx.Request.Headers.Authorization.ToString();
            if (auth.StartsWith("Bearer ", StringComparison.Ordinal)
                && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(auth[7..].Trim()), Encoding.UTF8.GetBytes(token)))
                return true;
        }
        // Behind a proxy every caller looks local: the proxy must not forward /metrics (docs/operations.md).
        return ctx.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip) && !ctx.Request.Headers.ContainsKey("X-Forwarded-For");
    }
}
