using Gonghui.Platform.Data;
using Gonghui.Platform.Notifications;
using Gonghui.Platform.Security;
using Gonghui.Platform.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Gonghui.Modules.Loans.Applications;

namespace Gonghui.Modules.Loans.Reminders;

/// <summary>
/// Delivers queued loan reminders through the platform's SMS gateway (<see cref="ISmsSender"/>, Platform/Notifications), with
/// retry and back-off; a reminder without a contact phone goes to the borrower's union unit.
/// </summary>
internal sealed class LoanReminderDelivery(GonghuiDb db, ISmsSender sender, PersonalDataProtector protector)
{
    public const int MaxAttempts = 10;

    public async Task<int> RunOnceAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        // Claimed (FOR UPDATE SKIP LOCKED on PostgreSQL): two nodes delivering at once never send one reminder twice.
        await using var claim = await db.BeginClaimAsync(ct);
        var batch = await db.Set<LoanReminder>().Where(m => m.SentAt == null && m.Attempts < MaxAttempts && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).Take(100).ForUpdateSkipLocked().ToListAsync(ct);
        var sent = 0;
        foreach (var m in batch)
        {
            try
            {
                await sender.SendAsync(m.ToCipher is null ? "unit" : "sms", m.ToCipher is null ? null : protector.Decrypt(m.ToCipher), m.ToCipher is null ? m.UnitId : null, m.Body, ct);
                m.Sent(now);
                sent++;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                m.Failed(ex.Message, now);
            }
        }
        if (batch.Count > 0) await db.SaveChangesAsync(ct);
        await claim.CommitAsync(ct);
        return sent;
    }

    /// <summary>Reminders not yet delivered (the queue depth metric).</summary>
    public Task<int> PendingAsync(CancellationToken ct = default) =>
        db.Set<LoanReminder>().CountAsync(m => m.SentAt == null && m.Attempts < MaxAttempts, ct);
}

/// <summary>The daily reminder job: once per Shanghai day it queues due-soon and overdue reminders for every loan, and on every tick delivers.</summary>
internal sealed class LoanReminderLoop(IServiceScopeFactory scopes, TimeProvider clock, IOptions<LoansOptions> options, ILogger<LoanReminderLoop> log,
    GonghuiMetrics metrics) : BackgroundService
{
    private DateOnly _queuedFor;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.LoopSeconds)), clock);
        while (await timer.WaitForNextTickAsync(stop))
        {
            try
            {
                using var scope = scopes.CreateScope();
                var svc = scope.ServiceProvider.GetRequiredService<LoansService>();
                if (svc.Today != _queuedFor)
                {
                    var n = await svc.QueueRemindersAsync(svc.Today, options.Value.ReminderDaysAhead, allUnits: true, stop);
                    _queuedFor = svc.Today;
                    if (n > 0) log.LogInformation("Queued {Count} loan reminders for {Day}", n, _queuedFor);
                }
                var delivery = scope.ServiceProvider.GetRequiredService<LoanReminderDelivery>();
                await delivery.RunOnceAsync(clock.GetUtcNow(), stop);
                metrics.SetQueueDepth("loans.reminders", await delivery.PendingAsync(stop));
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                log.LogWarning(ex, "Loan reminder loop failed; retrying next tick");
            }
        }
    }
}
