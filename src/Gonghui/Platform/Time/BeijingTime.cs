using System.Globalization;

namespace Gonghui.Platform.Time;

/// <summary>
/// Beijing time, once. China Standard Time is UTC+8 all year (no daylight saving since 1991), so local dates and
/// times are the UTC instant plus eight hours. Instants are stored in UTC (PostgreSQL keeps no offset); these helpers
/// turn them into the dates and clock times people in Beijing see, and back. "Now" always comes from an injected
/// <see cref="TimeProvider"/>; nothing here reads the system clock.
/// </summary>
public static class BeijingTime
{
    /// <summary>UTC+8.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The instant with Beijing's offset (+08:00): same moment, Beijing wall-clock fields.</summary>
    public static DateTimeOffset ToBeijing(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>The Beijing wall-clock time of an instant (kind Unspecified).</summary>
    public static DateTime ToLocal(DateTimeOffset instant) => ToBeijing(instant).DateTime;

    /// <summary>The Beijing calendar date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant));

    /// <summary>Now, in Beijing (offset +08:00).</summary>
    public static DateTimeOffset Now(TimeProvider clock) => ToBeijing(clock.GetUtcNow());

    /// <summary>Today's date in Beijing.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow());

    /// <summary>The Beijing calendar year now (budget years, plan years, report years).</summary>
    public static int Year(TimeProvider clock) => Today(clock).Year;

    /// <summary>A Beijing wall-clock time as an instant (offset +08:00).</summary>
    public static DateTimeOffset FromLocal(DateTime local) => new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Offset);

    /// <summary>The instant, in UTC, at which a Beijing date reaches a clock time.</summary>
    public static DateTimeOffset ToUtc(DateOnly date, TimeOnly time) => FromLocal(date.ToDateTime(time)).ToUniversalTime();

    /// <summary>Midnight at the start of a Beijing date, in UTC (16:00 UTC the day before).</summary>
    public static DateTimeOffset StartOfDayUtc(DateOnly date) => ToUtc(date, TimeOnly.MinValue);

    /// <summary>Midnight at the end of a Beijing date (the start of the next), in UTC.</summary>
    public static DateTimeOffset EndOfDayUtc(DateOnly date) => StartOfDayUtc(date.AddDays(1));

    /// <summary>Midnight Beijing on the first of a month, in UTC.</summary>
    public static DateTimeOffset StartOfMonthUtc(int year, int month) => StartOfDayUtc(new DateOnly(year, month, 1));

    /// <summary>Midnight Beijing on 1 January, in UTC.</summary>
    public static DateTimeOffset StartOfYearUtc(int year) => StartOfDayUtc(new DateOnly(year, 1, 1));

    /// <summary>"yyyy-MM-dd HH:mm" in Beijing time, as the pages show an instant.</summary>
    public static string Format(DateTimeOffset instant) => ToLocal(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"yyyy-MM-dd" in Beijing time.</summary>
    public static string FormatDate(DateTimeOffset instant) => ToLocal(instant).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 with the +08:00 offset ("2026-12-05T09:30:00+08:00"), as Open311 and exports write it.</summary>
    public static string FormatIso(DateTimeOffset instant) => ToBeijing(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
