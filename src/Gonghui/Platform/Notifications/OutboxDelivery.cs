using Gonghui.Platform.Data;
using Gonghui.Platform.Security;
using Gonghui.Platform.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gonghui.Platform.Notifications;

/// <summary>Delivers outbox messages with retry and back-off; a failing sender leaves the row for the next try.</summary>
public sealed class OutboxDelivery(GonghuiDb db, ISmsSender sender, PersonalDataProtector protector)
{
    public const int MaxAttempts = 10;

    public async Task<int> RunOnceAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        now = now.ToUniversalTime();
        // Claimed, so that two nodes delivering at once never send one message twice: the rows stay locked until their
        // outcome is committed, and another node takes the next ones.
        await using var claim = await db.BeginClaimAsync(ct);
        var batch = await db.Set<OutboxMessage>()
            .Where(m => m.SentAt == null && m.Attempts < MaxAttempts && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).Take(100).ForUpdateSkipLocked().ToListAsync(ct);
        var sent = 0;
        foreach (var m in batch)
        {
            try
            {
                await sender.SendAsync(m.Channel, m.ToCipher is null ? null : protector.Decrypt(m.ToCipher), m.ToUnitId, m.Body, ct);
                m.SentAt = now;
                m.LastError = null;
                sent++;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                m.Attempts++;
                m.LastError = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
                m.NextAttemptAt = now.AddSeconds(Math.Min(3600, 15 * Math.Pow(2, m.Attempts)));
            }
        }
        if (batch.Count > 0) await db.SaveChangesAsync(ct);
        await claim.CommitAsync(ct);
        return sent;
    }

    /// <summary>Messages not yet delivered (the queue depth metric).</summary>
    public Task<int> PendingAsync(CancellationToken ct = default) =>
        db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null && m.Attempts < MaxAttempts, ct);
}

/// <summary>Gonghui:Notifications settings.</summary>
public sealed class NotificationOptions
{
    /// <summary>How often the outbox is delivered (seconds).</summary>
    public int LoopSeconds { get; set; } = 30;
}

/// <summary>The background loop: delivers the outbox every few seconds on every node (the rows are claimed, never sent twice).</summary>
internal sealed class OutboxLoop(IServiceScopeFactory scopes, TimeProvider clock, IOptions<NotificationOptions> options, ILogger<OutboxLoop> log,
    GonghuiMetrics metrics) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.LoopSeconds)), clock);
        while (await timer.WaitForNextTickAsync(stop))
        {
            try
            {
                using var scope = scopes.CreateScope();
                var outbox = scope.ServiceProvider.GetRequiredService<OutboxDelivery>();
                await outbox.RunOnceAsync(clock.GetUtcNow(), stop);
                metrics.SetQueueDepth("notifications.outbox", await outbox.PendingAsync(stop));
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                log.LogWarning(ex, "Outbox delivery failed; retrying next tick");
            }
        }
    }
}

public static class NotificationsModule
{
    /// <summary>The SMS gateway (the shipped one logs; register another <see cref="ISmsSender"/> to send), the outbox and its loop.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration("Gonghui:Notifications");
        services.AddSingleton<ISmsSender, LogSmsSender>();
        services.AddScoped<OutboxDelivery>();
        services.AddHostedService<OutboxLoop>();
        return services;
    }
}
