using Gonghui.Modules.Legal.Rules;
using Gonghui.Platform.Calendars;

namespace Gonghui.Tests.Legal;

/// <summary>
/// The statute's clocks on dated cases, against the shipped State Council calendars (2020: National Day 1–8 October;
/// 2021: Spring Festival 11–17 February with 7 and 20 February worked).
/// </summary>
public sealed class StatutoryClockTests
{
    private static readonly WorkCalendar Cal = WorkCalendar.Shipped();
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2020-03-02", "2020-03-17")] // 15 natural days, the day of receipt not counted
    [InlineData("2020-03-06", "2020-03-23")] // ends on Saturday 21 March → Monday
    [InlineData("2021-01-27", "2021-02-18")] // ends on 11 February, Spring Festival → first working day after it
    [InlineData("2021-01-23", "2021-02-07")] // ends on Sunday 7 February, an adjusted working day (调休): stays
    [InlineData("2020-09-17", "2020-10-09")] // ends on 2 October (National Day) → 9 October
    public void Mediation_runs_fifteen_natural_days_and_leaves_rest_days(string applied, string due) =>
        Assert.Equal(D(due), StatutoryClocks.Due(D(applied), StatutoryPeriods.Mediation, Cal));

    [Theory]
    [InlineData("2020-03-06", "2020-03-13")] // Friday: Monday to Friday of the next week
    [InlineData("2021-02-09", "2021-02-22")] // 10 Feb, 18, 19, Saturday 20 (worked), Monday 22
    [InlineData("2020-09-29", "2020-10-13")] // 30 Sep, then 9 Oct, Saturday 10 Oct (worked), 12, 13
    public void Acceptance_counts_five_working_days(string applied, string due) =>
        Assert.Equal(D(due), StatutoryClocks.Due(D(applied), StatutoryPeriods.Acceptance, Cal));

    [Fact]
    public void Working_days_are_not_natural_days()
    {
        // Five natural days from 9 Feb 2021 would end on 14 Feb, in the holiday; five working days end on 22 Feb.
        Assert.Equal(D("2021-02-14"), D("2021-02-09").AddDays(5));
        Assert.Equal(D("2021-02-22"), StatutoryClocks.Due(D("2021-02-09"), StatutoryPeriods.Acceptance, Cal));
    }

    [Theory]
    [InlineData("2020-08-20", false, "2020-10-09")] // 45 days → 4 October, National Day → 9 October
    [InlineData("2020-08-20", true, "2020-10-19")]  // extended: 4 October + 15 = 19 October (Monday)
    [InlineData("2020-03-02", false, "2020-04-16")] // 16 April, Thursday
    [InlineData("2020-03-02", true, "2020-05-06")]  // 16 April + 15 = 1 May (Labour Day 1–5 May) → 6 May
    public void Award_runs_forty_five_days_and_fifteen_more_when_extended(string accepted, bool extended, string due) =>
        Assert.Equal(D(due), CaseRules.AwardDeadline(D(accepted), extended, Cal).Due);

    [Theory]
    [InlineData("2020-03-15", "2021-03-15")] // the corresponding day of the next year
    [InlineData("2020-02-29", "2021-03-01")] // no 29 Feb 2021: the month's last day (Sunday 28) → Monday 1 March
    [InlineData("2020-02-12", "2021-02-18")] // 12 Feb 2021 is in the Spring Festival → 18 February
    [InlineData("2019-10-01", "2020-10-09")] // 1 Oct 2020 is National Day → 9 October
    public void The_limitation_is_one_year_from_knowing(string knew, string expires)
    {
        var r = StatutoryClocks.Limitation(new(D(knew), false, null, []), Cal);
        Assert.Equal(LimitationState.Running, r.State);
        Assert.Equal(D(expires), r.Expires);
    }

    [Fact]
    public void An_interruption_restarts_the_year()
    {
        var r = StatutoryClocks.Limitation(new(D("2020-01-10"), false, null,
            [new(LimitationEventKind.Interruption, D("2020-06-01"))]), Cal);
        Assert.Equal(D("2021-06-01"), r.Expires);
        Assert.Contains(r.Steps, s => s.StartsWith("interrupted 2020-06-01", StringComparison.Ordinal));
    }

    [Fact]
    public void The_last_of_several_interruptions_counts()
    {
        var r = StatutoryClocks.Limitation(new(D("2020-01-10"), false, null,
            [new(LimitationEventKind.Interruption, D("2020-11-02")), new(LimitationEventKind.Interruption, D("2020-06-01"))]), Cal);
        Assert.Equal(D("2021-11-02"), r.Expires);
    }

    [Fact]
    public void An_interruption_after_the_period_ran_out_revives_nothing()
    {
        var r = StatutoryClocks.Limitation(new(D("2019-01-10"), false, null,
            [new(LimitationEventKind.Interruption, D("2020-03-02"))]), Cal);
        Assert.Equal(D("2020-01-10"), r.Expires);
        Assert.Contains(r.Steps, s => s.StartsWith("ignored-after-lapse", StringComparison.Ordinal));
    }

    [Fact]
    public void A_suspension_adds_the_days_it_lasted()
    {
        // 1 Feb – 2 Mar 2020 is 30 days: 10 Jan 2021 + 30 = 9 Feb 2021 (Tuesday, a working day).
        var r = StatutoryClocks.Limitation(new(D("2020-01-10"), false, null,
            [new(LimitationEventKind.Suspension, D("2020-02-01"), D("2020-03-02"))]), Cal);
        Assert.Equal(D("2021-02-09"), r.Expires);
    }

    [Fact]
    public void A_suspension_without_an_end_holds_the_rest_of_the_period()
    {
        var r = StatutoryClocks.Limitation(new(D("2020-01-10"), false, null,
            [new(LimitationEventKind.Suspension, D("2020-02-01"))]), Cal);
        Assert.Equal(LimitationState.Suspended, r.State);
        Assert.Null(r.Expires);
        Assert.Equal(344, r.RemainingDaysWhenSuspended); // 1 Feb 2020 → 10 Jan 2021
    }

    [Fact]
    public void A_suspension_then_an_interruption()
    {
        var r = StatutoryClocks.Limitation(new(D("2020-01-10"), false, null,
            [new(LimitationEventKind.Suspension, D("2020-02-01"), D("2020-03-02")), new(LimitationEventKind.Interruption, D("2020-12-01"))]), Cal);
        Assert.Equal(D("2021-12-01"), r.Expires);
    }

    [Fact]
    public void Wage_arrears_have_no_limitation_while_the_employment_continues()
    {
        var r = StatutoryClocks.Limitation(new(D("2018-05-01"), true, null, []), Cal);
        Assert.Equal(LimitationState.NotRunning, r.State);
        Assert.Null(r.Expires);
    }

    [Fact]
    public void Wage_arrears_run_one_year_from_the_end_of_the_employment()
    {
        var r = StatutoryClocks.Limitation(new(D("2018-05-01"), true, D("2020-11-30"), []), Cal);
        Assert.Equal(D("2021-11-30"), r.Expires);
        // An event before the employment ended does not move the start.
        var withEarlyEvent = StatutoryClocks.Limitation(new(D("2018-05-01"), true, D("2020-11-30"),
            [new(LimitationEventKind.Interruption, D("2019-01-02"))]), Cal);
        Assert.Equal(D("2021-11-30"), withEarlyEvent.Expires);
    }

    [Fact]
    public void A_year_without_a_calendar_counts_monday_to_friday_and_is_flagged()
    {
        // 2027 ships no calendar: 15 days from 22 Jan 2027 end on Saturday 6 February → Monday 8 February, flagged.
        var d = CaseRules.Running(new CaseDates(D("2027-01-20"), MediationAppliedOn: D("2027-01-22")), null, Cal).Single();
        Assert.Equal(D("2027-02-08"), d.Due);
        Assert.True(d.Estimated);
        var known = CaseRules.Running(new CaseDates(D("2021-01-20"), MediationAppliedOn: D("2021-01-27")), null, Cal).Single();
        Assert.False(known.Estimated);
    }

    [Fact]
    public void Limitation_facts_are_checked()
    {
        var today = D("2021-06-01");
        var errors = StatutoryClocks.Validate(new(D("2020-01-10"), false, null,
        [
            new(LimitationEventKind.Interruption, null),
            new(LimitationEventKind.Interruption, D("2019-12-31")),
            new(LimitationEventKind.Suspension, D("2020-05-01"), D("2020-04-01")),
            new(LimitationEventKind.Interruption, D("2021-07-01")),
            new(LimitationEventKind.Interruption, D("2020-05-01"), D("2020-06-01")),
        ]), today);
        Assert.Contains(("limitationEvents[0].on", "date-required"), errors);
        Assert.Contains(("limitationEvents[1].on", "event-before-knew"), errors);
        Assert.Contains(("limitationEvents[2].until", "ends-before-start"), errors);
        Assert.Contains(("limitationEvents[3].on", "date-in-future"), errors);
        Assert.Contains(("limitationEvents[4].until", "interruption-has-no-end"), errors);
        Assert.Empty(StatutoryClocks.Validate(new(D("2020-01-10"), false, null, [new(LimitationEventKind.Interruption, D("2020-05-01"))]), today));
    }

    [Theory]
    [InlineData("2021-02-18", "2021-02-19", DeadlineUrgency.Overdue)]
    [InlineData("2021-02-18", "2021-02-18", DeadlineUrgency.DueToday)]
    [InlineData("2021-02-18", "2021-02-10", DeadlineUrgency.Soon)]   // 1 working day left (18 Feb), the holiday between
    [InlineData("2021-03-15", "2021-03-01", DeadlineUrgency.Ok)]
    [InlineData("2021-03-15", "2021-03-10", DeadlineUrgency.Soon)]   // 11, 12, 15: three working days
    [InlineData("2021-03-15", "2021-03-09", DeadlineUrgency.Ok)]     // four
    public void Urgency_warns_three_working_days_ahead(string due, string today, DeadlineUrgency expected) =>
        Assert.Equal(expected, StatutoryClocks.Urgency(D(due), D(today), Cal));
}
