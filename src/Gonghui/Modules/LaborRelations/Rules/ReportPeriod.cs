namespace Gonghui.Modules.LaborRelations.Rules;

/// <summary>The opinion reports' periods (日报、周报、季报、年报).</summary>
public enum PeriodKind { Daily, Weekly, Quarterly, Annual }

/// <summary>A period [From, To) of Beijing dates, the one before it (for the trend), and the buckets its series is drawn in.</summary>
public sealed record ReportPeriod(PeriodKind Kind, DateOnly From, DateOnly To, DateOnly PreviousFrom, string Label)
{
    /// <summary>The period holding <paramref name="day"/>: the day; the week Monday to Sunday; the calendar quarter; the calendar year.</summary>
    public static ReportPeriod Of(PeriodKind kind, DateOnly day)
    {
        switch (kind)
        {
            case PeriodKind.Daily:
                return new(kind, day, day.AddDays(1), day.AddDays(-1), day.ToString("yyyy-MM-dd"));
            case PeriodKind.Weekly:
            {
                var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
                return new(kind, monday, monday.AddDays(7), monday.AddDays(-7), $"{monday:yyyy-MM-dd}–{monday.AddDays(6):MM-dd}");
            }
            case PeriodKind.Quarterly:
            {
                var q = (day.Month - 1) / 3;
                var from = new DateOnly(day.Year, q * 3 + 1, 1);
                return new(kind, from, from.AddMonths(3), from.AddMonths(-3), $"{day.Year}Q{q + 1}");
            }
            default:
            {
                var from = new DateOnly(day.Year, 1, 1);
                return new(kind, from, from.AddYears(1), from.AddYears(-1), $"{day.Year}");
            }
        }
    }

    /// <summary>The series' bucket of a day: hours are not kept, so a daily report has one bucket; a week by day; a quarter by week; a year by month.</summary>
    public DateOnly BucketOf(DateOnly day) => Kind switch
    {
        PeriodKind.Daily => From,
        PeriodKind.Weekly => day,
        PeriodKind.Quarterly => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)) < From ? From : day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        _ => new DateOnly(day.Year, day.Month, 1),
    };

    /// <summary>Every bucket of the period, in order (so an empty one shows as zero).</summary>
    public IReadOnlyList<DateOnly> Buckets()
    {
        var list = new List<DateOnly>();
        for (var d = From; d < To; d = d.AddDays(1))
        {
            var b = BucketOf(d);
            if (list.Count == 0 || list[^1] != b) list.Add(b);
        }
        return list;
    }
}
