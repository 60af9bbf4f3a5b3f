using Gonghui.Modules.Venues.Listing;
using Gonghui.Modules.Venues.Rules;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Venues.Pages;

/// <summary>
/// Opening hours as a reader says them, not as OpenStreetMap writes them: "Mo-Fr 09:00-18:00; Sa,Su off" is shown as
/// "周一至周五 9:00–18:00；周六、周日 不开放" (days with the same hours run together), and with the moment
/// "周一至周五 9:00–18:00，今日营业至 18:00" beside a mark "营业中" / "已打烊" (<see cref="OpenStatus"/>).
/// Hours that do not parse are shown as written.
/// </summary>
public static class HoursInWords
{
    private static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>A clock time as people write it: 9:00, 18:30, 0:00 (no leading zero on the hour).</summary>
    public static string Time(int minutes) => $"{minutes / 60 % 24}:{minutes % 60:00}";
    public static string Time(DateTime t) => Time(t.Hour * 60 + t.Minute);

    /// <summary>One interval, "9:00–18:00" (an en dash); "24:00" as an end stays "24:00".</summary>
    public static string Interval(OpenInterval i) => Time(i.Open) + "–" + (i.Close == 1440 ? "24:00" : Time(i.Close));

    public static string Of(string? text, IStringLocalizer v)
    {
        if (string.IsNullOrWhiteSpace(text)) return "—";
        var hours = OpeningHours.TryParse(text, out _);
        return hours is null ? text : Of(hours, v);
    }

    public static string Of(OpeningHours hours, IStringLocalizer v)
    {
        if (hours.Is24Hours) return v["Map.H24"].Value;
        var parts = new List<string>();
        for (var i = 0; i < Week.Length;)
        {
            var intervals = hours.ForDay(Week[i]);
            var j = i;
            while (j + 1 < Week.Length && hours.ForDay(Week[j + 1]).SequenceEqual(intervals)) j++;
            string Day(int k) => v["Day." + Week[k]];
            var days = j == i ? Day(i) : j == i + 1 ? Day(i) + v["Hours.And"].Value + Day(j) : Day(i) + v["Hours.Through"].Value + Day(j);
            var when = intervals.Count == 0 ? v["Venue.ClosedDay"].Value : string.Join(v["Hours.And"].Value, intervals.Select(Interval));
            parts.Add(days + " " + when);
            i = j + 1;
        }
        return string.Join(v["Hours.Sep"].Value, parts);
    }

    /// <summary>The weekly hours and where they stand now: "周一至周五 9:00–18:00；周六、周日 不开放，今日营业至 18:00".</summary>
    public static string WithToday(string? text, DateTime local, IStringLocalizer v)
    {
        var hours = string.IsNullOrWhiteSpace(text) ? null : OpeningHours.TryParse(text, out _);
        return hours is null ? Of(text, v) : WithToday(hours, local, v);
    }

    public static string WithToday(OpeningHours hours, DateTime local, IStringLocalizer v)
    {
        var now = Now(hours, local, v);
        return hours.Is24Hours && now == v["Map.H24"].Value ? now : Of(hours, v) + v["Hours.Then"].Value + now;
    }

    /// <summary>"营业中" or "已打烊" ("24小时开放" for a 24/7 venue that is open).</summary>
    public static string Mark(OpeningHours hours, DateTime local, IStringLocalizer v) =>
        OpenStatus.At(hours, local).IsOpen ? (hours.Is24Hours ? v["Map.H24"].Value : v["Map.Open"].Value) : v["Map.Closed"].Value;

    /// <summary>
    /// Where the hours stand at a local moment: "今日营业至 18:00", "营业至次日 2:00", "24小时开放", "今日 14:00 开门",
    /// "明日 9:00 开门", "周一 9:00 开门", "近期不开放".
    /// </summary>
    public static string Now(OpeningHours hours, DateTime local, IStringLocalizer v)
    {
        var s = OpenStatus.At(hours, local);
        var today = DateOnly.FromDateTime(local);
        if (s.IsOpen)
        {
            if (s.ClosesAt is not { } c) return hours.Is24Hours ? v["Map.H24"].Value : v["Hours.OpenNoEnd"].Value;
            var day = DateOnly.FromDateTime(c);
            // Closing at midnight reads "until 24:00" today, not "until 0:00 tomorrow".
            if (c.TimeOfDay == TimeSpan.Zero && day == today.AddDays(1)) return string.Format(v["Hours.OpenUntilToday"].Value, "24:00");
            if (day == today) return string.Format(v["Hours.OpenUntilToday"].Value, Time(c));
            if (day == today.AddDays(1)) return string.Format(v["Hours.OpenUntilTomorrow"].Value, Time(c));
            return string.Format(v["Hours.OpenUntilDay"].Value, v["Day." + c.DayOfWeek].Value, Time(c));
        }
        if (s.OpensAt is not { } o) return v["Hours.NotSoon"].Value;
        var on = DateOnly.FromDateTime(o);
        if (on == today) return string.Format(v["Hours.OpensToday"].Value, Time(o));
        if (on == today.AddDays(1)) return string.Format(v["Hours.OpensTomorrow"].Value, Time(o));
        return string.Format(v["Hours.OpensDay"].Value, v["Day." + o.DayOfWeek].Value, Time(o));
    }
}
