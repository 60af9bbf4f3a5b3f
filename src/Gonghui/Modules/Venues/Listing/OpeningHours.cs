using System.Globalization;
using System.Text;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.Venues.Listing;

/// <summary>One opening interval in minutes from local midnight; Close ≤ Open means it runs past midnight into the next day.</summary>
public readonly record struct OpenInterval(int Open, int Close)
{
    public bool CrossesMidnight => Close <= Open;
    public override string ToString() => $"{Fmt(Open)}-{Fmt(Close)}";
    internal static string Fmt(int m) => $"{m / 60:00}:{m % 60:00}";
}

/// <summary>
/// A venue's opening hours: a weekly schedule, dated exceptions (holidays, closures, special hours) and a 24-hour flag.
/// The text form is used by the API, the import and storage: "Mo-Fr 08:00-20:00; Sa,Su 10:00-02:00; 2026-10-01 off;
/// 2026-10-02 10:00-16:00", or "24/7" (optionally followed by exceptions).
/// </summary>
public sealed class OpeningHours
{
    private static readonly string[] DayCodes = ["Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"];
    private readonly OpenInterval[][] _weekly; // index by DayOfWeek
    private readonly Dictionary<DateOnly, OpenInterval[]> _exceptions;

    public bool Is24Hours { get; }
    public IReadOnlyList<OpenInterval> ForDay(DayOfWeek d) => _weekly[(int)d];
    public IReadOnlyDictionary<DateOnly, OpenInterval[]> Exceptions => _exceptions;

    public static readonly OpeningHours Closed = new(false, Enumerable.Range(0, 7).Select(_ => Array.Empty<OpenInterval>()).ToArray(), []);
    public static readonly OpeningHours AlwaysOpen = new(true, Enumerable.Range(0, 7).Select(_ => new[] { new OpenInterval(0, 1440) }).ToArray(), []);

    private OpeningHours(bool is24, OpenInterval[][] weekly, Dictionary<DateOnly, OpenInterval[]> exceptions)
    {
        Is24Hours = is24;
        _weekly = weekly;
        _exceptions = exceptions;
    }

    /// <summary>The intervals that start on a local date: its exception if there is one, else its weekday's schedule.</summary>
    public OpenInterval[] IntervalsOn(DateOnly date) => _exceptions.TryGetValue(date, out var ex) ? ex : _weekly[(int)date.DayOfWeek];

    /// <summary>Open at this local wall-clock time? Intervals of the day before that run past midnight still count.</summary>
    public bool IsOpenAt(DateTime local)
    {
        var date = DateOnly.FromDateTime(local);
        var t = local.Hour * 60 + local.Minute;
        foreach (var i in IntervalsOn(date))
            if (i.CrossesMidnight ? t >= i.Open : t >= i.Open && t < i.Close) return true;
        foreach (var i in IntervalsOn(date.AddDays(-1)))
            if (i.CrossesMidnight && t < i.Close) return true;
        return false;
    }


    /// <summary>Open at this instant, judged in Beijing time.</summary>
    public bool IsOpenAt(DateTimeOffset instant) => IsOpenAt(BeijingTime.ToLocal(instant));


    /// <summary>Parses the text form; on failure returns null and an error code.</summary>
    public static OpeningHours? TryParse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text)) { error = "hours.required"; return null; }
        var weekly = Enumerable.Range(0, 7).Select(_ => new List<OpenInterval>()).ToArray();
        var exceptions = new Dictionary<DateOnly, List<OpenInterval>>();
        var is24 = false;
        foreach (var raw in text.Split([';', '；', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (raw is "24/7" or "24h" or "24小时")
            {
                is24 = true;
                foreach (var d in weekly) d.Add(new OpenInterval(0, 1440));
                continue;
            }
            var space = raw.IndexOf(' ');
            if (space < 0) { error = "hours.invalid"; return null; }
            var head = raw[..space].Trim();
            var body = raw[(space + 1)..].Trim();
            List<OpenInterval> intervals = [];
            if (!body.Equals("off", StringComparison.OrdinalIgnoreCase) && !body.Equals("closed", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var part in body.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (!TryInterval(part, out var iv)) { error = "hours.invalid"; return null; }
                    intervals.Add(iv);
                }
                if (intervals.Count == 0) { error = "hours.invalid"; return null; }
            }
            if (DateOnly.TryParseExact(head, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                if (!exceptions.TryGetValue(date, out var list)) exceptions[date] = list = [];
                list.AddRange(intervals);
                continue;
            }
            var days = ParseDays(head);
            if (days is null) { error = "hours.invalid"; return null; }
            foreach (var d in days)
            {
                if (is24) continue; // 24/7 already covers every weekday; exceptions still apply
                weekly[d].AddRange(intervals);
            }
        }
        return new OpeningHours(is24,
            weekly.Select(l => l.OrderBy(i => i.Open).ToArray()).ToArray(),
            exceptions.ToDictionary(e => e.Key, e => e.Value.OrderBy(i => i.Open).ToArray()));
    }

    private static bool TryInterval(string s, out OpenInterval iv)
    {
        iv = default;
        var dash = s.IndexOf('-');
        if (dash < 0 || !TryTime(s[..dash], out var o, allow24: false) || !TryTime(s[(dash + 1)..], out var c, allow24: true)) return false;
        if (c == 0) c = 1440; // "20:00-00:00" closes at midnight
        if (o == c) return false;
        iv = new OpenInterval(o, c);
        return true;
    }

    private static bool TryTime(string s, out int minutes, bool allow24)
    {
        minutes = 0;
        s = s.Trim();
        var colon = s.IndexOf(':');
        if (colon < 1 || !int.TryParse(s[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(s[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var m)) return false;
        if (m is < 0 or > 59 || h < 0 || h > 24 || (h == 24 && (m != 0 || !allow24))) return false;
        minutes = h * 60 + m;
        return true;
    }

    private static List<int>? ParseDays(string head)
    {
        var result = new List<int>();
        foreach (var token in head.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = token.IndexOf('-');
            if (dash < 0)
            {
                var d = Array.IndexOf(DayCodes, token);
                if (d < 0) return null;
                result.Add(d);
                continue;
            }
            var from = Array.IndexOf(DayCodes, token[..dash]);
            var to = Array.IndexOf(DayCodes, token[(dash + 1)..]);
            if (from < 0 || to < 0) return null;
            // Weeks start on Monday here: "Sa-Mo" means Sa, Su, Mo.
            for (var d = from; ; d = (d + 1) % 7) { result.Add(d); if (d == to) break; }
        }
        return result.Count == 0 ? null : result;
    }

    /// <summary>The canonical text form, days grouped as written by people (Mo-Fr …; Sa,Su …).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Is24Hours) sb.Append("24/7");
        else
        {
            int[] order = [1, 2, 3, 4, 5, 6, 0];
            var i = 0;
            while (i < 7)
            {
                var key = Key(_weekly[order[i]]);
                var j = i;
                while (j + 1 < 7 && Key(_weekly[order[j + 1]]) == key) j++;
                if (key.Length > 0)
                {
                    if (sb.Length > 0) sb.Append("; ");
                    sb.Append(j == i ? DayCodes[order[i]] : j == i + 1 ? $"{DayCodes[order[i]]},{DayCodes[order[j]]}" : $"{DayCodes[order[i]]}-{DayCodes[order[j]]}");
                    sb.Append(' ').Append(key);
                }
                i = j + 1;
            }
        }
        foreach (var (date, ivs) in _exceptions.OrderBy(e => e.Key))
        {
            if (sb.Length > 0) sb.Append("; ");
            sb.Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(' ').Append(ivs.Length == 0 ? "off" : Key(ivs));
        }
        return sb.Length == 0 ? "" : sb.ToString();
    }

    private static string Key(OpenInterval[] ivs) => string.Join(",", ivs.Select(i => i.ToString()));
}
