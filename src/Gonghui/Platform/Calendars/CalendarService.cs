using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Platform.Calendars;

/// <summary>A year's calendar uploaded by an administrator; it replaces the shipped file of that year on every node.</summary>
public sealed class CalendarYear : IAudited
{
    public int Year { get; set; }
    public string Json { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
}

/// <summary>Where a covered year's calendar comes from.</summary>
public enum CalendarSource { Shipped, Uploaded }

public sealed record CalendarYearInfo(int Year, CalendarSource Source, string? Notice, int HolidayDays, int Workdays, DateTimeOffset? UploadedAt, string? UploadedBy);

/// <summary>
/// The one working-day calendar of the platform: the shipped year files plus the years uploaded to the database. Hotline
/// deadlines, hardship notice periods and every later module read <see cref="Current"/>. An upload takes effect at once on
/// the node that took it; other nodes pick it up within <see cref="RefreshInterval"/>.
/// </summary>
public sealed class CalendarService(IServiceScopeFactory scopes)
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    private volatile WorkCalendar _current = WorkCalendar.Shipped();
    private volatile IReadOnlyList<CalendarYear> _uploaded = [];

    public WorkCalendar Current => _current;

    /// <summary>How many stored records the listeners recomputed after the last upload on this node (for the page and log).</summary>
    public int LastRecomputed { get; private set; }

    public IReadOnlyList<CalendarYearInfo> Years()
    {
        var shipped = WorkCalendar.ShippedFiles().ToDictionary(f => f.Year, f => f.Json);
        var uploaded = _uploaded.ToDictionary(u => u.Year);
        return shipped.Keys.Union(uploaded.Keys).Order().Select(y =>
        {
            var up = uploaded.GetValueOrDefault(y);
            var file = CalendarFile.Parse(up?.Json ?? shipped[y]).File!;
            return new CalendarYearInfo(y, up is null ? CalendarSource.Shipped : CalendarSource.Uploaded, file.Source,
                file.Holidays.Sum(h => h.To.DayNumber - h.From.DayNumber + 1), file.Workdays.Count, up?.UploadedAt, up?.UploadedBy);
        }).ToList();
    }

    /// <summary>The stored JSON of a year (uploaded, else shipped), or null.</summary>
    public string? JsonOf(int year) =>
        _uploaded.FirstOrDefault(u => u.Year == year)?.Json ?? WorkCalendar.ShippedFiles().Where(f => f.Year == year).Select(f => f.Json).FirstOrDefault();

    public async Task ReloadAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
        var rows = await db.Set<CalendarYear>().AsNoTracking().OrderBy(c => c.Year).ToListAsync(ct);
        Apply(rows);
    }

    /// <summary>Validates and stores a year (audited), then rebuilds the calendar. Errors name the field and a stable code.</summary>
    public async Task<IReadOnlyList<(string Field, string Code)>> UploadAsync(int year, string json, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        var (file, errors) = CalendarFile.Parse(json);
        if (errors.Count > 0) return errors;
        if (file!.Year != year) return [("year", "calendar.year.mismatch")];
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
        var row = await db.Set<CalendarYear>().FirstOrDefaultAsync(c => c.Year == year, ct);
        if (row is null) db.Add(row = new CalendarYear { Year = year });
        row.Json = file.ToJson();
        row.UploadedAt = now;
        row.UploadedBy = actor;
        await db.SaveChangesAsync(ct);
        await ReloadAsync(ct);
        // Dates stored on the old calendar (a deadline counted Monday–Friday before this year was known) follow the new one.
        foreach (var listener in scope.ServiceProvider.GetServices<ICalendarChangeListener>())
            LastRecomputed = await listener.CalendarChangedAsync(year, now, ct);
        return [];
    }

    private void Apply(IReadOnlyList<CalendarYear> rows)
    {
        var files = WorkCalendar.ShippedFiles().Select(f => f.Json).Concat(rows.Select(r => r.Json))
            .Select(j => CalendarFile.Parse(j)).Where(p => p.File is not null).Select(p => p.File!);
        _current = WorkCalendar.FromFiles(files);
        _uploaded = rows;
    }

    /// <summary>Loads the uploaded years at start (after the migrations) and refreshes them for uploads made on other nodes.</summary>
    internal sealed class Refresher(CalendarService calendars, TimeProvider clock, ILogger<CalendarService> log) : BackgroundService
    {
        public override async Task StartAsync(CancellationToken ct)
        {
            await calendars.ReloadAsync(ct);
            await base.StartAsync(ct);
        }

        protected override async Task ExecuteAsync(CancellationToken ct)
        {
            using var timer = new PeriodicTimer(RefreshInterval, clock);
            while (await timer.WaitForNextTickAsync(ct))
            {
                try { await calendars.ReloadAsync(ct); }
                catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "Reloading the uploaded calendars failed; keeping the ones loaded"); }
            }
        }
    }
}
