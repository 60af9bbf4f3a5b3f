using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Platform.Calendars;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Hotline.Deadlines;

/// <summary>
/// When a year's calendar is uploaded, every unfinished request whose deadlines may fall in that year is recomputed on
/// it: a deadline counted Monday–Friday while the year was unknown (and flagged uncertain) becomes a certain one, and
/// one that crossed the new year's holidays moves past them.
/// </summary>
public sealed class DeadlineRefresh(GonghuiDb db, DeadlinePolicy policy, ILogger<DeadlineRefresh> log) : ICalendarChangeListener
{
    private const int Chunk = 500;

    public async Task<int> CalendarChangedAsync(int year, DateTimeOffset now, CancellationToken ct)
    {
        // Generous bounds in UTC: a Beijing year starts 8 hours earlier, and a holiday may move a deadline by weeks.
        var from = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(-2);
        var to = new DateTimeOffset(year, 12, 31, 0, 0, 0, TimeSpan.Zero).AddDays(2);
        var finished = new[] { RequestState.Resolved, RequestState.VisitedBack, RequestState.Closed };
        var changed = 0;
        var ids = await db.Set<HotlineRequest>().Where(r => !finished.Contains(r.State) && r.ReceivedAt < to && r.ResolutionDueAt >= from)
            .Select(r => r.Id).ToListAsync(ct);
        foreach (var chunk in ids.Chunk(Chunk))
        {
            var batch = await db.Set<HotlineRequest>().Where(r => chunk.Contains(r.Id)).ToListAsync(ct);
            foreach (var r in batch)
            {
                var before = (r.ContactDueAt, r.UpdateDueAt, r.ResolutionDueAt);
                r.Recompute(policy, now);
                if ((r.ContactDueAt, r.UpdateDueAt, r.ResolutionDueAt) != before) changed++;
            }
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException)
            {
                // A request changed meanwhile was recomputed by its own action on the new calendar; leave it.
                log.LogInformation("Some hotline requests changed while their deadlines were recomputed; their own action recomputed them");
            }
            db.ChangeTracker.Clear();
        }
        if (changed > 0) log.LogInformation("Calendar {Year} uploaded: recomputed the deadlines of {Count} hotline requests", year, changed);
        return changed;
    }
}
