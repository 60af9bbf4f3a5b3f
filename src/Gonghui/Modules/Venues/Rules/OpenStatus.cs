using Gonghui.Modules.Venues.Listing;

namespace Gonghui.Modules.Venues.Rules;

/// <summary>
/// Where a venue stands at one local (Beijing) moment: open or closed, when the current opening ends, and when the next
/// one begins. <see cref="ClosesAt"/> is null while open with no end within <see cref="OpenStatus.Horizon"/> (24/7);
/// <see cref="OpensAt"/> is null while closed with no opening within it.
/// </summary>
public readonly record struct OpenState(bool IsOpen, DateTime? ClosesAt, DateTime? OpensAt);

/// <summary>
/// "Open now" and "until when": a pure function of the hours and the local time (pages pass
/// <c>BeijingTime.ToLocal(clock.GetUtcNow())</c>). Openings are laid out from the day before (a shift past midnight) to
/// <see cref="Horizon"/> days ahead, dated exceptions replacing their weekday; touching or overlapping openings merge, so
/// "Mo-Su 00:00-24:00" and "22:00-02:00" followed by "02:00-06:00" each read as one opening.
/// </summary>
public static class OpenStatus
{
    public const int Horizon = 8;

    public static OpenState At(OpeningHours hours, DateTime local)
    {
        var today = DateOnly.FromDateTime(local);
        var end = today.AddDays(Horizon).ToDateTime(TimeOnly.MinValue);
        var spans = new List<(DateTime From, DateTime To)>();
        for (var d = today.AddDays(-1); d <= today.AddDays(Horizon); d = d.AddDays(1))
        {
            var midnight = d.ToDateTime(TimeOnly.MinValue);
            foreach (var i in hours.IntervalsOn(d))
                spans.Add((midnight.AddMinutes(i.Open), midnight.AddMinutes(i.CrossesMidnight ? i.Close + 1440 : i.Close)));
        }
        spans.Sort((a, b) => a.From.CompareTo(b.From));
        var merged = new List<(DateTime From, DateTime To)>();
        foreach (var s in spans)
        {
            if (merged.Count > 0 && s.From <= merged[^1].To)
                merged[^1] = (merged[^1].From, s.To > merged[^1].To ? s.To : merged[^1].To);
            else merged.Add(s);
        }
        foreach (var s in merged)
        {
            if (s.From <= local && local < s.To) return new OpenState(true, s.To >= end ? null : s.To, null);
            if (s.From > local) return new OpenState(false, null, s.From >= end ? null : s.From);
        }
        return new OpenState(false, null, null);
    }
}
