using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gonghui.Platform.Http;

/// <summary>How long remembered <c>Idempotency-Key</c> answers are kept (<c>Gonghui:Idempotency</c>).</summary>
public sealed class IdempotencyOptions
{
    /// <summary>A finished request's answer is replayed for this long (Stripe keeps 24 hours); money moves keep their own
    /// ledger keys for ever, so a retry after the purge still moves nothing twice.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);
    /// <summary>A key whose request never finished (its node stopped mid-request) is released after this long.</summary>
    public TimeSpan AbandonedAfter { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Deletes remembered keys past their retention, and keys of requests that never finished, so the table stays small and
/// a key held by a crashed node does not answer "in progress" for ever. Each node may run it: a delete of old rows by
/// date is the same work whoever does it first.
/// </summary>
public sealed class IdempotencyPurge(IServiceScopeFactory scopes, TimeProvider clock, IOptions<IdempotencyOptions> options, ILogger<IdempotencyPurge> log)
    : BackgroundService
{
    public async Task<int> RunOnceAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var o = options.Value;
        var finishedBefore = now - o.Retention;
        var abandonedBefore = now - o.AbandonedAfter;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
        return await db.Set<IdempotencyRecord>()
            .Where(r => (r.CompletedAt != null && r.StartedAt < finishedBefore) || (r.CompletedAt == null && r.StartedAt < abandonedBefore))
            .ExecuteDeleteAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                var n = await RunOnceAsync(clock.GetUtcNow(), ct);
                if (n > 0) log.LogInformation("Purged {Count} idempotency keys", n);
            }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "Purging idempotency keys failed; will retry"); }
        }
    }
}
