using Gonghui.Modules.Hotline.Rules;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Data;
using Gonghui.Platform.Security;
using Gonghui.Platform.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gonghui.Modules.Hotline.Requests;

/// <summary>Flags overdue requests and escalates them (督办) to the lead unit's parent. Tests call <see cref="RunOnceAsync"/> with their own clock.</summary>
public sealed class OverdueScanner(GonghuiDb db)
{
    public async Task<int> RunOnceAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        now = now.ToUniversalTime();
        var open = new[] { RequestState.Dispatched, RequestState.Accepted, RequestState.Contacted, RequestState.Reopened };
        // One node scans at a time (the others skip their turn); a request changed meanwhile fails the save on its
        // version, so a request is escalated once however many nodes run.
        await using var claim = await db.TryClaimJobAsync("hotline.overdue", ct);
        if (claim is null) return 0;
        var due = await db.Set<HotlineRequest>()
            .Where(r => open.Contains(r.State) && r.PausedSince == null && r.EscalationLevel == 0
                        && ((r.ContactedAt == null && r.ContactDueAt < now) || r.ResolutionDueAt < now || r.UpdateDueAt < now))
            .OrderBy(r => r.ResolutionDueAt).Take(500).ToListAsync(ct);
        if (due.Count == 0) return 0;
        var units = await db.Set<OrgUnit>().AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToDictionaryAsync(u => u.Id, u => u.ParentId, ct);
        foreach (var r in due)
        {
            var from = r.State;
            var parent = r.LeadUnitId is { } l && units.TryGetValue(l, out var p) ? p : null;
            r.Escalate(parent, overdue: true);
            db.Add(HotlineRequestEvent.Of(r, "escalate", from, "system:overdue", now, parent,
                r.ContactedAt is null && r.ContactDueAt < now ? "contact overdue" : r.ResolutionDueAt < now ? "resolution overdue" : "update overdue"));
            db.Add(new HotlineOutboxMessage { Channel = "unit", ToUnitId = parent, Body = $"【12351督办】{r.TrackingCode} 已超期，请督促办理。", RequestId = r.Id, CreatedAt = now, NextAttemptAt = now });
        }
        try
        {
            await db.SaveChangesAsync(ct);
            await claim.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException) { return 0; } // someone acted meanwhile; the next scan looks again
        return due.Count;
    }
}

/// <summary>The SMS gateway. Implementations throw when delivery fails; the outbox retries.</summary>
public interface ISmsSender
{
    Task SendAsync(string channel, string? phone, Guid? unitId, string body, CancellationToken ct);
}

/// <summary>The shipped sender: writes the message to the log with the phone masked (the outbox row is the record).</summary>
public sealed class LogSmsSender(ILogger<LogSmsSender> log) : ISmsSender
{
    public Task SendAsync(string channel, string? phone, Guid? unitId, string body, CancellationToken ct)
    {
        log.LogInformation("Hotline {Channel} to {To}: {Body}", channel, phone is null ? unitId?.ToString() : Platform.Ids.MobilePhone.Mask(phone), body);
        return Task.CompletedTask;
    }
}

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
        var batch = await db.Set<HotlineOutboxMessage>()
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
        db.Set<HotlineOutboxMessage>().CountAsync(m => m.SentAt == null && m.Attempts < MaxAttempts, ct);
}

/// <summary>The background loop: overdue scan and outbox delivery every few seconds.</summary>
internal sealed class HotlineLoop(IServiceScopeFactory scopes, TimeProvider clock, IOptions<HotlineOptions> options, ILogger<HotlineLoop> log,
    GonghuiMetrics metrics, IntakeWriter intake) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        metrics.ObserveQueue("hotline.intake", () => intake.Pending);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.LoopSeconds)), clock);
        while (await timer.WaitForNextTickAsync(stop))
        {
            try
            {
                using var scope = scopes.CreateScope();
                var now = clock.GetUtcNow();
                await scope.ServiceProvider.GetRequiredService<OverdueScanner>().RunOnceAsync(now, stop);
                var outbox = scope.ServiceProvider.GetRequiredService<OutboxDelivery>();
                await outbox.RunOnceAsync(now, stop);
                metrics.SetQueueDepth("hotline.outbox", await outbox.PendingAsync(stop));
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                log.LogWarning(ex, "Hotline loop failed; retrying next tick");
            }
        }
    }
}
