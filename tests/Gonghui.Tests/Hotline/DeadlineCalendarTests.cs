using Gonghui.Platform.Time;
using Gonghui.Platform.Calendars;
using Gonghui.Modules.Hotline.Deadlines;

namespace Gonghui.Tests.Hotline;

/// <summary>Working days, 调休 weekends, holidays (Spring Festival 2020 extended to 2 February) and deadlines with pauses and extensions.</summary>
public sealed class DeadlineCalendarTests
{
    private static readonly WorkCalendar Cal = WorkCalendar.Shipped();
    private static readonly DeadlinePolicy Policy = DeadlinePolicy.Shipped();

    private static DateTimeOffset L(int y, int m, int d, int h = 0, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData("2020-01-19", true)]   // Sunday, adjusted working day before the Spring Festival
    [InlineData("2020-01-23", true)]
    [InlineData("2020-01-24", false)]
    [InlineData("2020-01-31", false)]  // the extension: originally a working Friday
    [InlineData("2020-02-01", false)]  // originally an adjusted working Saturday; cancelled by the extension
    [InlineData("2020-02-02", false)]
    [InlineData("2020-02-03", true)]
    [InlineData("2020-01-01", false)]
    [InlineData("2020-04-06", false)]
    [InlineData("2020-04-26", true)]   // Sunday working day for Labour Day
    [InlineData("2020-05-05", false)]
    [InlineData("2020-05-09", true)]
    [InlineData("2020-06-28", true)]
    [InlineData("2020-09-27", true)]
    [InlineData("2020-10-08", false)]
    [InlineData("2020-10-10", true)]
    [InlineData("2020-03-07", false)]  // ordinary Saturday
    [InlineData("2020-03-09", true)]
    [InlineData("2026-01-04", true)]
    [InlineData("2026-01-02", false)]
    [InlineData("2026-02-14", true)]
    [InlineData("2026-02-23", false)]
    [InlineData("2026-02-28", true)]
    [InlineData("2026-09-20", true)]
    [InlineData("2026-10-07", false)]
    [InlineData("2026-11-25", true)]
    public void Working_days_follow_the_calendar_data(string date, bool working) =>
        Assert.Equal(working, Cal.IsWorkingDay(DateOnly.Parse(date)));

    public static TheoryData<DateTimeOffset, int, DateTimeOffset> WorkingDayCases => new()
    {
        // received in working time: the receipt day is not counted
        { L(2020, 3, 2, 10), 7, L(2020, 3, 11, 17, 30) },
        { L(2020, 3, 2, 10), 1, L(2020, 3, 3, 17, 30) },
        // after hours on a Friday, on a Saturday, exactly at closing: counted from Monday
        { L(2020, 3, 6, 18), 7, L(2020, 3, 18, 17, 30) },
        { L(2020, 3, 7, 11), 7, L(2020, 3, 18, 17, 30) },
        { L(2020, 3, 6, 17, 30), 1, L(2020, 3, 10, 17, 30) },
        { L(2020, 3, 6, 17, 29), 1, L(2020, 3, 9, 17, 30) },
        // before opening on a working day counts that day
        { L(2020, 3, 2, 6), 1, L(2020, 3, 3, 17, 30) },
        // the Spring Festival, extended to 2 February
        { L(2020, 1, 23, 10), 1, L(2020, 2, 3, 17, 30) },
        { L(2020, 1, 23, 10), 7, L(2020, 2, 11, 17, 30) },
        { L(2020, 1, 27, 10), 1, L(2020, 2, 4, 17, 30) },
        // 调休: an adjusted working Sunday counts
        { L(2020, 1, 17, 10), 1, L(2020, 1, 19, 17, 30) },
        { L(2020, 1, 18, 10), 1, L(2020, 1, 20, 17, 30) },
        { L(2020, 1, 19, 10), 1, L(2020, 1, 20, 17, 30) },
        // National Day and Mid-Autumn; the working Saturday after it
        { L(2020, 9, 30, 10), 1, L(2020, 10, 9, 17, 30) },
        { L(2020, 9, 30, 10), 2, L(2020, 10, 10, 17, 30) },
        { L(2020, 9, 26, 10), 1, L(2020, 9, 28, 17, 30) },
        // Labour Day and its working Saturday
        { L(2020, 4, 30, 16), 3, L(2020, 5, 8, 17, 30) },
        { L(2020, 4, 30, 16), 4, L(2020, 5, 9, 17, 30) },
        // Beijing's four tiers: 15 days
        { L(2020, 3, 2, 10), 15, L(2020, 3, 23, 17, 30) },
        // 2026: working Saturday before the Spring Festival, then nine days off
        { L(2026, 2, 13, 10), 1, L(2026, 2, 14, 17, 30) },
        { L(2026, 2, 13, 10), 2, L(2026, 2, 24, 17, 30) },
        { L(2025, 12, 31, 10), 1, L(2026, 1, 4, 17, 30) },
        { L(2026, 9, 30, 12), 1, L(2026, 10, 8, 17, 30) },
    };

    [Theory]
    [MemberData(nameof(WorkingDayCases))]
    public void Working_day_deadlines(DateTimeOffset received, int days, DateTimeOffset expected) =>
        Assert.Equal(expected, Cal.AddWorkingDays(received, days));

    [Theory]
    [InlineData("2020-03-06T16:30", 120, "2020-03-09T10:00")]
    [InlineData("2020-03-02T08:00", 60, "2020-03-02T10:00")]
    [InlineData("2020-03-07T12:00", 30, "2020-03-09T09:30")]
    [InlineData("2020-01-23T17:00", 60, "2020-02-03T09:30")]
    [InlineData("2020-03-02T17:30", 10, "2020-03-03T09:10")]
    [InlineData("2020-03-02T09:00", 510, "2020-03-02T17:30")]
    public void Working_minutes_skip_nights_weekends_and_holidays(string from, double minutes, string expected)
    {
        var f = BeijingTime.FromLocal(DateTime.Parse(from));
        Assert.Equal(BeijingTime.FromLocal(DateTime.Parse(expected)), Cal.AddWorkingMinutes(f, minutes));
    }

    [Fact]
    public void Working_minutes_between_counts_only_working_time()
    {
        Assert.Equal(120, Cal.WorkingMinutesBetween(L(2020, 3, 6, 16, 30), L(2020, 3, 9, 10)));
        Assert.Equal(0, Cal.WorkingMinutesBetween(L(2020, 1, 24, 9), L(2020, 2, 2, 23)));
        Assert.Equal(510, Cal.WorkingMinutesBetween(L(2020, 3, 3, 0), L(2020, 3, 4, 0)));
        Assert.Equal(0, Cal.WorkingMinutesBetween(L(2020, 3, 4), L(2020, 3, 3)));
    }

    [Theory]
    [InlineData(DeadlineKind.Contact, "labor-dispute", Urgency.Normal, 24, ClockUnit.Hours)]
    [InlineData(DeadlineKind.Contact, "labor-dispute", Urgency.Urgent, 2, ClockUnit.Hours)]
    [InlineData(DeadlineKind.Contact, "other", Urgency.Collective, 2, ClockUnit.Hours)]
    [InlineData(DeadlineKind.Contact, "psych-help", Urgency.Normal, 2, ClockUnit.Hours)]
    [InlineData(DeadlineKind.Update, "other", Urgency.Normal, 3, ClockUnit.WorkingDays)]
    [InlineData(DeadlineKind.Update, "other", Urgency.Urgent, 1, ClockUnit.WorkingDays)]
    [InlineData(DeadlineKind.Resolution, "other", Urgency.Normal, 7, ClockUnit.WorkingDays)]
    [InlineData(DeadlineKind.Resolution, "other", Urgency.Collective, 15, ClockUnit.WorkingDays)]
    [InlineData(DeadlineKind.Resolution, "labor-dispute", Urgency.Normal, 15, ClockUnit.WorkingDays)]
    [InlineData(DeadlineKind.Resolution, "labor-dispute", Urgency.Urgent, 7, ClockUnit.WorkingDays)]
    [InlineData(DeadlineKind.Resolution, "labor-dispute", Urgency.Collective, 15, ClockUnit.WorkingDays)]
    [InlineData(DeadlineKind.Resolution, "psych-help", Urgency.Urgent, 24, ClockUnit.Hours)]
    [InlineData(DeadlineKind.Resolution, "legal-advice", Urgency.Normal, 1, ClockUnit.WorkingDays)]
    public void Most_specific_tier_wins(DeadlineKind kind, string category, Urgency urgency, int amount, ClockUnit unit)
    {
        var r = Policy.RuleFor(kind, category, urgency);
        Assert.Equal((amount, unit), (r.Amount, r.Unit));
    }

    [Fact]
    public void Urgent_contact_runs_around_the_clock_even_out_of_hours()
    {
        Assert.Equal(L(2020, 3, 8, 1), Policy.Due(DeadlineKind.Contact, "labor-dispute", Urgency.Urgent, L(2020, 3, 7, 23)));
        Assert.Equal(L(2020, 1, 25, 5), Policy.Due(DeadlineKind.Contact, "psych-help", Urgency.Normal, L(2020, 1, 25, 3)));
        Assert.Equal(L(2020, 3, 3, 10), Policy.Due(DeadlineKind.Contact, "other", Urgency.Normal, L(2020, 3, 2, 10)));
    }

    [Fact]
    public void Separate_contact_update_and_resolution_deadlines()
    {
        var d = Policy.All("other", Urgency.Normal, L(2020, 3, 2, 10));
        Assert.Equal(L(2020, 3, 3, 10), d.ContactDue);
        Assert.Equal(L(2020, 3, 5, 17, 30), d.UpdateDue);
        Assert.Equal(L(2020, 3, 11, 17, 30), d.ResolutionDue);
    }

    [Fact]
    public void Pause_waiting_on_the_worker_moves_the_deadline_by_the_working_time_paused()
    {
        var pauses = new[] { new PauseSpan(L(2020, 3, 3, 9), L(2020, 3, 4, 9)) };
        Assert.Equal(L(2020, 3, 12, 17, 30), Policy.Due(DeadlineKind.Resolution, "other", Urgency.Normal, L(2020, 3, 2, 10), pauses));
        // a pause over a weekend costs no working time
        var weekend = new[] { new PauseSpan(L(2020, 3, 7, 9), L(2020, 3, 8, 20)) };
        Assert.Equal(L(2020, 3, 11, 17, 30), Policy.Due(DeadlineKind.Resolution, "other", Urgency.Normal, L(2020, 3, 2, 10), weekend));
    }

    [Fact]
    public void Open_pause_counts_until_now()
    {
        var pauses = new[] { new PauseSpan(L(2020, 3, 3, 9), null) };
        Assert.Equal(L(2020, 3, 12, 13), Policy.Due(DeadlineKind.Resolution, "other", Urgency.Normal, L(2020, 3, 2, 10), pauses, now: L(2020, 3, 3, 13)));
    }

    [Fact]
    public void Pause_on_an_hours_deadline_is_wall_clock()
    {
        var pauses = new[] { new PauseSpan(L(2020, 3, 2, 11), L(2020, 3, 2, 14)) };
        Assert.Equal(L(2020, 3, 3, 13), Policy.Due(DeadlineKind.Contact, "other", Urgency.Normal, L(2020, 3, 2, 10), pauses));
    }

    [Fact]
    public void Paused_time_is_kept_when_the_rule_changes()
    {
        var pauses = new[] { new PauseSpan(L(2020, 3, 3, 9), L(2020, 3, 4, 9)) };
        var changed = new DeadlinePolicy([.. Policy.Rules.Where(r => r.Kind != DeadlineKind.Resolution), new DeadlineRule(DeadlineKind.Resolution, 15, ClockUnit.WorkingDays)], Cal);
        Assert.Equal(L(2020, 3, 23, 17, 30), changed.Due(DeadlineKind.Resolution, "other", Urgency.Normal, L(2020, 3, 2, 10)));
        Assert.Equal(L(2020, 3, 24, 17, 30), changed.Due(DeadlineKind.Resolution, "other", Urgency.Normal, L(2020, 3, 2, 10), pauses));
    }

    [Fact]
    public void Extension_adds_working_days_to_the_resolution_deadline_only()
    {
        var d = Policy.All("other", Urgency.Normal, L(2020, 3, 2, 10), extensionDays: 3);
        Assert.Equal(L(2020, 3, 16, 17, 30), d.ResolutionDue);
        Assert.Equal(L(2020, 3, 3, 10), d.ContactDue);
        // an extension across the Spring Festival skips the whole holiday
        Assert.Equal(L(2020, 2, 5, 17, 30), Policy.Due(DeadlineKind.Resolution, "legal-advice", Urgency.Normal, L(2020, 1, 23, 10), extensionDays: 2));
    }

    [Fact]
    public void Working_hours_rules_count_only_office_time()
    {
        var p = new DeadlinePolicy([new DeadlineRule(DeadlineKind.Contact, 2, ClockUnit.WorkingHours)], Cal);
        Assert.Equal(L(2020, 3, 9, 10), p.Due(DeadlineKind.Contact, "x", Urgency.Normal, L(2020, 3, 6, 16, 30)));
        Assert.Equal(L(2020, 2, 3, 11), p.Due(DeadlineKind.Contact, "x", Urgency.Normal, L(2020, 1, 24, 10)));
    }

    [Fact]
    public void Missing_default_rule_is_an_error()
    {
        var p = new DeadlinePolicy([new DeadlineRule(DeadlineKind.Contact, 2, ClockUnit.Hours, Category: "x")], Cal);
        Assert.Throws<InvalidOperationException>(() => p.RuleFor(DeadlineKind.Contact, "y", Urgency.Normal));
    }

    [Fact]
    public void Calendar_loads_from_json_data()
    {
        var c = WorkCalendar.FromJson(["""{"year":2030,"holidays":[{"from":"2030-03-04","to":"2030-03-05","name":"x"}],"workdays":["2030-03-09"]}"""]);
        Assert.False(c.IsWorkingDay(new DateOnly(2030, 3, 4)));
        Assert.True(c.IsWorkingDay(new DateOnly(2030, 3, 9)));
        Assert.Contains(2030, c.Years);
        Assert.Contains(2020, Cal.Years);
        Assert.Contains(2026, Cal.Years);
    }
}
