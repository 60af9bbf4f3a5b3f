using System.Text.Json;
using System.Text.Json.Serialization;
using Gonghui.Platform.Time;

namespace Gonghui.Platform.Calendars;

/// <summary>
/// Working time in Beijing: Monday–Friday 09:00–17:30 local, minus public holidays, plus the adjusted working
/// weekends (调休), all from data (data/calendars/YYYY.json, or a year uploaded by an administrator). A year without
/// data counts Monday–Friday, and <see cref="Covers(int)"/> says so, so callers flag such a result instead of trusting it.
/// Pure: no clock, no I/O beyond the factory that reads the shipped files.
/// </summary>
public sealed class WorkCalendar
{
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

    /// <summary>Whether the year's holidays are known. An uncovered year counts Monday–Friday.</summary>
    public bool Covers(int year) => Years.Contains(year);

    /// <summary>Whether every Beijing calendar year from <paramref name="from"/> to <paramref name="to"/> is covered.</summary>
    public bool Covers(DateTimeOffset from, DateTimeOffset to)
    {
        var a = BeijingTime.ToLocal(from).Year;
        var b = BeijingTime.ToLocal(to).Year;
        for (var y = Math.Min(a, b); y <= Math.Max(a, b); y++) if (!Covers(y)) return false;
        return true;
    }

    /// <summary>Full working days strictly after <paramref name="start"/>, up to and including <paramref name="end"/>.</summary>
    public int WorkingDaysBetween(DateOnly start, DateOnly end)
    {
        var n = 0;
        for (var d = start.AddDays(1); d <= end; d = d.AddDays(1)) if (IsWorkingDay(d)) n++;
        return n;
    }

    /// <summary>The day on which n full working days counted from the day after <paramref name="start"/> are complete.</summary>
    public DateOnly AddWorkingDays(DateOnly start, int n)
    {
        var d = start;
        while (n > 0) { d = d.AddDays(1); if (IsWorkingDay(d)) n--; }
        return d;
    }

    public bool IsWorkingTime(DateTimeOffset t)
    {
        var l = BeijingTime.ToLocal(t);
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
        var l = BeijingTime.ToLocal(received);
        var day = DateOnly.FromDateTime(l);
        if (!IsWorkingDay(day) || TimeOnly.FromDateTime(l) >= DayEnd) day = NextWorkingDay(day);
        for (var i = 0; i < days; i++) day = NextWorkingDay(day);
        return BeijingTime.FromLocal(day.ToDateTime(DayEnd));
    }

    /// <summary>Moves forward by working minutes, counting only 09:00–17:30 on working days.</summary>
    public DateTimeOffset AddWorkingMinutes(DateTimeOffset from, double minutes)
    {
        var l = BeijingTime.ToLocal(from);
        var day = DateOnly.FromDateTime(l);
        var tod = TimeOnly.FromDateTime(l);
        if (!IsWorkingDay(day) || tod >= DayEnd) { day = NextWorkingDay(day); tod = DayStart; }
        else if (tod < DayStart) tod = DayStart;
        var remaining = minutes;
        for (var guard = 0; guard < 100_000; guard++)
        {
            var left = (DayEnd - tod).TotalMinutes;
            if (remaining <= left) return BeijingTime.FromLocal(day.ToDateTime(tod).AddMinutes(remaining));
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
        var a = BeijingTime.ToLocal(from);
        var b = BeijingTime.ToLocal(to);
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

    /// <summary>Builds a calendar from year files; a later file for the same year replaces an earlier one (an upload over the shipped file).</summary>
    public static WorkCalendar FromFiles(IEnumerable<CalendarFile> files)
    {
        var byYear = new Dictionary<int, CalendarFile>();
        foreach (var f in files) byYear[f.Year] = f;
        var holidays = new List<DateOnly>();
        var workdays = new List<DateOnly>();
        foreach (var f in byYear.Values)
        {
            foreach (var h in f.Holidays)
                for (var d = h.From; d <= h.To; d = d.AddDays(1)) holidays.Add(d);
            workdays.AddRange(f.Workdays);
        }
        return new WorkCalendar(holidays, workdays, years: byYear.Keys);
    }

    /// <summary>Parses and validates year files; throws <see cref="InvalidDataException"/> naming the first problem.</summary>
    public static WorkCalendar FromJson(IEnumerable<string> jsonDocuments) => FromFiles(jsonDocuments.Select(json =>
    {
        var (file, errors) = CalendarFile.Parse(json);
        return errors.Count == 0 ? file! : throw new InvalidDataException(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Code}")));
    }));

    /// <summary>The calendars shipped with the platform (data/calendars/*.json, embedded).</summary>
    public static WorkCalendar Shipped() => _shipped ??= FromJson(ShippedFiles().Select(f => f.Json));
    private static WorkCalendar? _shipped;

    public static IEnumerable<(int Year, string Json)> ShippedFiles()
    {
        var asm = typeof(WorkCalendar).Assembly;
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.StartsWith("Calendars.", StringComparison.Ordinal)).Order())
        {
            using var s = asm.GetManifestResourceStream(name)!;
            using var r = new StreamReader(s);
            yield return (int.Parse(name["Calendars.".Length..^".json".Length], System.Globalization.CultureInfo.InvariantCulture), r.ReadToEnd());
        }
    }

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}

/// <summary>A span of public holidays, both ends included.</summary>
public sealed record HolidaySpan(DateOnly From, DateOnly To, string? Name);

/// <summary>
/// One year of the State Council's holiday notice: the holidays, and the weekend days that are worked instead (调休).
/// Every other Saturday and Sunday is a rest day, every other weekday a working day.
/// </summary>
public sealed record CalendarFile(int Year, string? Source, IReadOnlyList<HolidaySpan> Holidays, IReadOnlyList<DateOnly> Workdays)
{
    /// <summary>
    /// Parses a year file and checks it: a year from 2000 to 2100; every date inside the year and named once (no day is both a
    /// holiday and a workday, no spans overlap); a workday falls on a Saturday or Sunday (weekends are explicit: a worked
    /// weekend is listed, a worked weekday is not); a holiday span runs forward. Errors name the field by index.
    /// </summary>
    public static (CalendarFile? File, IReadOnlyList<(string Field, string Code)> Errors) Parse(string json)
    {
        var errors = new List<(string, string)>();
        Raw? raw;
        try { raw = JsonSerializer.Deserialize<Raw>(json, WorkCalendar.JsonOptions); }
        catch (JsonException e) { return (null, [(e.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : "body", "calendar.json")]); }
        if (raw is null) return (null, [("body", "calendar.empty")]);
        if (raw.Year is not (>= 2000 and <= 2100)) errors.Add(("year", "calendar.year.range"));
        var holidays = raw.Holidays ?? [];
        var workdays = raw.Workdays ?? [];
        var seen = new HashSet<DateOnly>();
        for (var i = 0; i < holidays.Count; i++)
        {
            var h = holidays[i];
            if (h is null) { errors.Add(($"holidays[{i}]", "calendar.holiday.missing")); continue; }
            if (h.To < h.From) { errors.Add(($"holidays[{i}].to", "calendar.holiday.order")); continue; }
            if (h.From.Year != raw.Year || h.To.Year != raw.Year) { errors.Add(($"holidays[{i}]", "calendar.date.outsideYear")); continue; }
            if ((h.To.DayNumber - h.From.DayNumber) > 31) { errors.Add(($"holidays[{i}].to", "calendar.holiday.tooLong")); continue; }
            for (var d = h.From; d <= h.To; d = d.AddDays(1))
                if (!seen.Add(d)) { errors.Add(($"holidays[{i}]", "calendar.date.twice")); break; }
        }
        for (var i = 0; i < workdays.Count; i++)
        {
            var d = workdays[i];
            if (d.Year != raw.Year) errors.Add(($"workdays[{i}]", "calendar.date.outsideYear"));
            else if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) errors.Add(($"workdays[{i}]", "calendar.workday.notWeekend"));
            else if (!seen.Add(d)) errors.Add(($"workdays[{i}]", "calendar.date.twice"));
        }
        if (errors.Count > 0) return (null, errors);
        return (new CalendarFile(raw.Year, raw.Source, holidays.Select(h => h!).OrderBy(h => h.From).ToArray(), workdays.Order().ToArray()), []);
    }

    public string ToJson() => JsonSerializer.Serialize(this, WorkCalendar.JsonOptions);

    private sealed record Raw(int Year, string? Source, List<HolidaySpan?>? Holidays, List<DateOnly>? Workdays);
}
