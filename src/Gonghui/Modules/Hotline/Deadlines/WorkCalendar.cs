using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gonghui.Modules.Hotline.Deadlines;

/// <summary>
/// Working time in Beijing: Monday–Friday 09:00–17:30 local, minus public holidays, plus the adjusted working
/// weekends (调休), all loaded from data (calendar-YYYY.json). Years without data fall back to Monday–Friday.
/// Pure: no clock, no I/O beyond the factory that reads the shipped files.
/// </summary>
public sealed class WorkCalendar
{
    public static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _workdays;
    public TimeOnly DayStart { get; }
    public TimeOnly DayEnd { get; }
    public IReadOnlySet<int> Years { get; }

    public WorkCalendar(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> workdays, TimeOnly? dayStart = null, TimeOnly? dayEnd = null, IEnumerable<int>? years = null)
    {
        _holidays = [.. holidays];
        _workdays = [.. workdays];
        DayStart = dayStart ?? new TimeOnly(9, 0);
        DayEnd = dayEnd ?? new TimeOnly(17, 30);
        Years = new HashSet<int>(years ?? []);
    }

    public bool IsWorkingDay(DateOnly d) =>
        _workdays.Contains(d) || (!_holidays.Contains(d) && d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

    public bool IsHoliday(DateOnly d) => _holidays.Contains(d);

    public static DateTime ToLocal(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, Beijing).DateTime;
    public static DateTimeOffset FromLocal(DateTime local) => new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Beijing.GetUtcOffset(local));

    public bool IsWorkingTime(DateTimeOffset t)
    {
        var l = ToLocal(t);
        var tod = TimeOnly.FromDateTime(l);
        return IsWorkingDay(DateOnly.FromDateTime(l)) && tod >= DayStart && tod < DayEnd;
    }

    public DateOnly NextWorkingDay(DateOnly d)
    {
        do d = d.AddDays(1); while (!IsWorkingDay(d));
        return d;
    }

    /// <summary>
    /// The end of the n-th working day after the day the request counts as received. A request received on a working
    /// day before closing counts as received that day; one received after closing, on a weekend or a holiday counts as
    /// received on the next working day. The receipt day itself is not counted.
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset received, int days)
    {
        var l = ToLocal(received);
        var day = DateOnly.FromDateTime(l);
        if (!IsWorkingDay(day) || TimeOnly.FromDateTime(l) >= DayEnd) day = NextWorkingDay(day);
        for (var i = 0; i < days; i++) day = NextWorkingDay(day);
        return FromLocal(day.ToDateTime(DayEnd));
    }

    /// <summary>Moves forward by working minutes, counting only 09:00–17:30 on working days.</summary>
    public DateTimeOffset AddWorkingMinutes(DateTimeOffset from, double minutes)
    {
        var l = ToLocal(from);
        var day = DateOnly.FromDateTime(l);
        var tod = TimeOnly.FromDateTime(l);
        if (!IsWorkingDay(day) || tod >= DayEnd) { day = NextWorkingDay(day); tod = DayStart; }
        else if (tod < DayStart) tod = DayStart;
        var remaining = minutes;
        for (var guard = 0; guard < 100_000; guard++)
        {
            var left = (DayEnd - tod).TotalMinutes;
            if (remaining <= left) return FromLocal(day.ToDateTime(tod).AddMinutes(remaining));
            remaining -= left;
            day = NextWorkingDay(day);
            tod = DayStart;
        }
        throw new InvalidOperationException("Working-time walk did not end.");
    }

    /// <summary>Working minutes between two instants (0 when to ≤ from).</summary>
    public double WorkingMinutesBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from) return 0;
        var a = ToLocal(from);
        var b = ToLocal(to);
        double total = 0;
        for (var d = DateOnly.FromDateTime(a); d <= DateOnly.FromDateTime(b); d = d.AddDays(1))
        {
            if (!IsWorkingDay(d)) continue;
            var s = d.ToDateTime(DayStart);
            var e = d.ToDateTime(DayEnd);
            var lo = a > s ? a : s;
            var hi = b < e ? b : e;
            if (hi > lo) total += (hi - lo).TotalMinutes;
        }
        return total;
    }

    /// <summary>Loads calendar files (the shipped 2020 and 2026 ones by default).</summary>
    public static WorkCalendar FromJson(IEnumerable<string> jsonDocuments)
    {
        var holidays = new List<DateOnly>();
        var workdays = new List<DateOnly>();
        var years = new List<int>();
        foreach (var json in jsonDocuments)
        {
            var f = JsonSerializer.Deserialize<CalendarFile>(json, JsonOptions) ?? throw new InvalidDataException("Empty calendar file.");
            years.Add(f.Year);
            foreach (var h in f.Holidays)
                for (var d = h.From; d <= h.To; d = d.AddDays(1)) holidays.Add(d);
            workdays.AddRange(f.Workdays);
        }
        return new WorkCalendar(holidays, workdays, years: years);
    }

    public static WorkCalendar Shipped() => FromJson(HotlineData.CalendarFiles());

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private sealed record CalendarFile(int Year, List<HolidaySpan> Holidays, List<DateOnly> Workdays);
    private sealed record HolidaySpan(DateOnly From, DateOnly To, string? Name);
}

/// <summary>The module's data files, embedded in the assembly.</summary>
internal static class HotlineData
{
    public static string Read(string name)
    {
        using var s = typeof(HotlineData).Assembly.GetManifestResourceStream("Hotline." + name)
            ?? throw new FileNotFoundException($"Embedded hotline data file {name} is missing.");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    public static IEnumerable<string> CalendarFiles() =>
        typeof(HotlineData).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Hotline.calendar-", StringComparison.Ordinal))
            .Order().Select(n => Read(n["Hotline.".Length..]));
}
