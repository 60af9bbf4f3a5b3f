using Gonghui.Modules.Venues.Listing;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Venues.Pages;

/// <summary>
/// Opening hours as a reader says them, not as OpenStreetMap writes them: "Mo-Fr 09:00-18:00; Sa,Su off" is shown as
/// "周一至周五 09:00-18:00；周六、周日 休息" (days with the same hours run together). Hours that do not parse are shown as written.
/// </summary>
public static class HoursInWords
{
    private static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static string Of(string? text, IStringLocalizer v)
    {
        if (string.IsNullOrWhiteSpace(text)) return "—";
        var hours = OpeningHours.TryParse(text, out _);
        if (hours is null) return text;
        if (hours.Is24Hours) return v["Map.H24"].Value;
        var parts = new List<string>();
        for (var i = 0; i < Week.Length;)
        {
            var intervals = hours.ForDay(Week[i]);
            var j = i;
            while (j + 1 < Week.Length && hours.ForDay(Week[j + 1]).SequenceEqual(intervals)) j++;
            string Day(int k) => v["Day." + Week[k]];
            var days = j == i ? Day(i) : j == i + 1 ? Day(i) + v["Hours.And"].Value + Day(j) : Day(i) + v["Hours.Through"].Value + Day(j);
            var when = intervals.Count == 0 ? v["Venue.ClosedDay"].Value : string.Join(v["Hours.And"].Value, intervals.Select(x => x.ToString()));
            parts.Add(days + " " + when);
            i = j + 1;
        }
        return string.Join(v["Hours.Sep"].Value, parts);
    }
}
