using Microsoft.Extensions.Options;
using Gonghui.Modules.Loans.Applications;

namespace Gonghui.Modules.Loans.Reminders;

/// <summary>
/// The daily reminder job: once per Shanghai day it queues due-soon and overdue reminders for every loan. Each reminder's
/// SMS is a platform outbox message written with it; the platform's outbox loop (Platform/Notifications) delivers them.
/// </summary>
internal sealed class LoanReminderLoop(IServiceScopeFactory scopes, TimeProvider clock, IOptions<LoansOptions> options, ILogger<LoanReminderLoop> log)
    : BackgroundService
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
                var svc = scope.ServiceProvider.GetRequiredService<ReminderQueue>();
                if (svc.Today != _queuedFor)
                {
                    var n = await svc.QueueRemindersAsync(svc.Today, options.Value.ReminderDaysAhead, allUnits: true, stop);
                    _queuedFor = svc.Today;
                    if (n > 0) log.LogInformation("Queued {Count} loan reminders for {Day}", n, _queuedFor);
                }
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                log.LogWarning(ex, "Loan reminder loop failed; retrying next tick");
            }
        }
    }
}
