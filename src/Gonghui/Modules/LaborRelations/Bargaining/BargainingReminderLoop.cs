namespace Gonghui.Modules.LaborRelations.Bargaining;

/// <summary>
/// Once per Beijing day (checked hourly, the first time an hour after start, clear of migrations and demo seeding) queues the filing and renewal reminders of every collective agreement
/// (<see cref="BargainingHandlers.QueueRemindersAsync"/>); the platform's outbox loop delivers them to the unions.
/// </summary>
internal sealed class BargainingReminderLoop(IServiceScopeFactory scopes, TimeProvider clock, ILogger<BargainingReminderLoop> log) : BackgroundService
{
    private DateOnly _queuedFor;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        while (await timer.WaitForNextTickAsync(stop))
        {
            try
            {
                using var scope = scopes.CreateScope();
                var h = scope.ServiceProvider.GetRequiredService<BargainingHandlers>();
                if (h.Today != _queuedFor)
                {
                    var n = await h.QueueRemindersAsync(allScopes: true, stop);
                    _queuedFor = h.Today;
                    if (n > 0) log.LogInformation("Queued {Count} collective-agreement reminders for {Day}", n, _queuedFor);
                }
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                log.LogWarning(ex, "Collective-agreement reminder loop failed; retrying next tick");
            }
        }
    }
}
