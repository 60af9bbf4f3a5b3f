namespace Gonghui.Platform.Calendars;

/// <summary>
/// A module that stores dates computed on the working-day calendar (hotline deadlines, …) recomputes them when a year's
/// calendar is uploaded. Called on the node that took the upload, after the new calendar is in effect; returns how many
/// records it changed.
/// </summary>
public interface ICalendarChangeListener
{
    Task<int> CalendarChangedAsync(int year, DateTimeOffset now, CancellationToken ct);
}
