using Gonghui.Modules.Hotline.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Notifications;
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
        var units = await db.UnitRows().Select(u => new { u.Id, u.ParentId }).ToDictionaryAsync(u => u.Id, u => u.ParentId, ct);
        foreach (var r in due)
        {
            var from = r.State;
            var parent = r.LeadUnitId is { } l && units.TryGetValue(l, out var p) ? p : null;
            r.Escalate(parent, overdue: true);
            db.Add(HotlineRequestEvent.Of(r, "escalate", from, "system:overdue", now, parent,
                r.ContactedAt is null && r.ContactDueAt < now ? "contact overdue" : r.ResolutionDueAt < now ? "resolution overdue" : "update overdue"));
            db.Add(new OutboxMessage { Channel = "unit", ToUnitId = parent, Body = $"【12351督办】{r.TrackingCode} 已超期，请督促办理。", SubjectId = r.Id, CreatedAt = now, NextAttemptAt = now });
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

/// <summary>The background loop: the overdue scan every few seconds (the platform's OutboxLoop delivers the notifications).</summary>
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
                await scope.ServiceProvider.GetRequiredService<OverdueScanner>().RunOnceAsync(clock.GetUtcNow(), stop);
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                log.LogWarning(ex, "Hotline loop failed; retrying next tick");
            }
        }
    }
}
