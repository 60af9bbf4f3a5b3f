using Gonghui.Platform.Calendars;

namespace Gonghui.Modules.Legal.Rules;

/// <summary>How a statutory period is counted.</summary>
public enum PeriodUnit
{
    /// <summary>Natural days (自然日).</summary>
    CalendarDays,
    /// <summary>Working days (工作日) from the platform's calendar: weekends and public holidays skipped, 调休 Saturdays counted.</summary>
    WorkingDays,
    /// <summary>Years: the period ends on the corresponding day of the later year, or that month's last day if it has none.</summary>
    Years,
}

/// <summary>One statutory period as data: its length, how it is counted and the article it comes from.</summary>
public sealed record StatutoryPeriod(string Code, int Length, PeriodUnit Unit, string Source);

/// <summary>
/// The clocks of the Labour Dispute Mediation and Arbitration Law (劳动争议调解仲裁法) and the arbitration case-handling
/// rules (劳动人事争议仲裁办案规则, 2017), as data. Which periods count working days is set by the rules' closing article:
/// "三日、五日、十日" are working days, "十五日、四十五日" natural days.
/// </summary>
public static class StatutoryPeriods
{
    /// <summary>Art. 14: no mediated agreement within 15 days of the mediation body's receipt → the parties may go to arbitration.</summary>
    public static readonly StatutoryPeriod Mediation = new("mediation", 15, PeriodUnit.CalendarDays, "劳动争议调解仲裁法第十四条");
    /// <summary>Art. 29: the commission decides on acceptance within 5 days of receiving the application (working days).</summary>
    public static readonly StatutoryPeriod Acceptance = new("acceptance", 5, PeriodUnit.WorkingDays, "劳动争议调解仲裁法第二十九条；办案规则：五日指工作日");
    /// <summary>Art. 43: the award within 45 days of acceptance.</summary>
    public static readonly StatutoryPeriod Award = new("award", 45, PeriodUnit.CalendarDays, "劳动争议调解仲裁法第四十三条");
    /// <summary>Art. 43: extendable once, by at most 15 days, with the commission chair's approval.</summary>
    public static readonly StatutoryPeriod AwardExtension = new("award-extension", 15, PeriodUnit.CalendarDays, "劳动争议调解仲裁法第四十三条");
    /// <summary>Art. 27: one year from when the worker knew or should have known of the infringement.</summary>
    public static readonly StatutoryPeriod Limitation = new("limitation", 1, PeriodUnit.Years, "劳动争议调解仲裁法第二十七条");

    public static IReadOnlyList<StatutoryPeriod> All { get; } = [Mediation, Acceptance, Award, AwardExtension, Limitation];
}

/// <summary>An event that changes the limitation period (Art. 27 paras 2–3).</summary>
public enum LimitationEventKind
{
    /// <summary>中断: a claim on the employer, a request to an authority for relief, or the employer agreeing to perform. The year restarts.</summary>
    Interruption,
    /// <summary>中止: force majeure or another proper reason keeps the worker from applying. The period pauses and continues when it ends.</summary>
    Suspension,
}

/// <summary>A limitation event; a suspension has an end once its cause has gone (null while it lasts).</summary>
public sealed record LimitationEvent(LimitationEventKind Kind, DateOnly? On, DateOnly? Until = null);

/// <summary>What the limitation rule needs to know about a claim.</summary>
/// <param name="KnewOn">When the worker knew or should have known the right was infringed.</param>
/// <param name="WageArrears">A claim for unpaid labour remuneration (拖欠劳动报酬).</param>
/// <param name="EmploymentEndedOn">When the employment ended; null while it continues.</param>
public sealed record LimitationFacts(DateOnly KnewOn, bool WageArrears, DateOnly? EmploymentEndedOn, IReadOnlyList<LimitationEvent> Events);

/// <summary>Where the limitation stands.</summary>
public enum LimitationState
{
    /// <summary>Running: <see cref="LimitationResult.Expires"/> is the last day to apply for arbitration.</summary>
    Running,
    /// <summary>Wage arrears while the employment continues: no limitation (Art. 27 para 4).</summary>
    NotRunning,
    /// <summary>Suspended now (a suspension without an end): the rest of the period waits.</summary>
    Suspended,
}

/// <summary>The limitation's last day (after moving off a non-working day), its state and the steps that produced it.</summary>
public sealed record LimitationResult(LimitationState State, DateOnly? Expires, int? RemainingDaysWhenSuspended, IReadOnlyList<string> Steps);

/// <summary>
/// A statutory deadline of a case: which period, from when, to when (inclusive). <see cref="Estimated"/> when the period
/// reaches a year the platform has no holiday calendar for (counted Monday–Friday, and shown as such).
/// </summary>
public sealed record Deadline(StatutoryPeriod Period, DateOnly From, DateOnly Due, bool Estimated = false)
{
    public static Deadline Of(StatutoryPeriod period, DateOnly from, DateOnly due, WorkCalendar calendar) =>
        new(period, from, due, !calendar.Covers(from.Year) || !calendar.Covers(due.Year));
}

/// <summary>How close a deadline is.</summary>
public enum DeadlineUrgency { Ok, Soon, DueToday, Overdue }

/// <summary>
/// The statute's clocks as pure functions over dates and the platform's <see cref="WorkCalendar"/>. Period counting follows
/// the civil-procedure rules the arbitration rules refer to (民事诉讼法第八十五条; 民法典第二百零一至二百零三条): the day the
/// period starts on is not counted; a period of years ends on the corresponding day (or the month's last day); a period whose
/// last day is a rest day — a public holiday or a weekend that is not an adjusted working day (调休) — ends on the first
/// working day after it.
/// </summary>
public static class StatutoryClocks
{
    /// <summary>The last day of <paramref name="period"/> started by an event on <paramref name="start"/>.</summary>
    public static DateOnly Due(DateOnly start, StatutoryPeriod period, WorkCalendar calendar) =>
        OffRestDay(RawEnd(start, period, calendar), calendar);

    /// <summary>The last day before moving off a rest day.</summary>
    public static DateOnly RawEnd(DateOnly start, StatutoryPeriod period, WorkCalendar calendar) => period.Unit switch
    {
        PeriodUnit.CalendarDays => start.AddDays(period.Length),
        // The working-day count already ends on a working day.
        PeriodUnit.WorkingDays => calendar.AddWorkingDays(start, period.Length),
        // DateOnly.AddYears maps 29 February to 28 February: the month's last day, as the Civil Code says.
        PeriodUnit.Years => start.AddYears(period.Length),
        _ => throw new ArgumentOutOfRangeException(nameof(period)),
    };

    /// <summary>A last day that is a rest day moves to the first working day after it.</summary>
    public static DateOnly OffRestDay(DateOnly day, WorkCalendar calendar) =>
        calendar.IsWorkingDay(day) ? day : calendar.NextWorkingDay(day);

    /// <summary>
    /// The arbitration limitation (Art. 27): one year from <see cref="LimitationFacts.KnewOn"/>; an interruption restarts the
    /// year from its date; a suspension adds the days it lasted; a wage-arrears claim has no limitation while the employment
    /// continues and one year from its end after that. Events after the period has run out change nothing (a lapsed
    /// limitation is not revived). Check the facts with <see cref="Validate"/> first.
    /// </summary>
    public static LimitationResult Limitation(LimitationFacts facts, WorkCalendar calendar)
    {
        var steps = new List<string>();
        DateOnly start;
        if (facts.WageArrears)
        {
            if (facts.EmploymentEndedOn is not { } ended)
            {
                steps.Add("wage-arrears-employment-continues");
                return new(LimitationState.NotRunning, null, null, steps);
            }
            start = ended;
            steps.Add($"start-employment-ended {ended:yyyy-MM-dd}");
        }
        else
        {
            start = facts.KnewOn;
            steps.Add($"start-knew {start:yyyy-MM-dd}");
        }
        var end = RawEnd(start, StatutoryPeriods.Limitation, calendar);
        steps.Add($"ends {end:yyyy-MM-dd}");
        foreach (var e in facts.Events.Where(e => e.On is { } on && on >= start).OrderBy(e => e.On))
        {
            var on = e.On!.Value;
            if (on > end)
            {
                steps.Add($"ignored-after-lapse {e.Kind} {on:yyyy-MM-dd}");
                continue;
            }
            if (e.Kind == LimitationEventKind.Interruption)
            {
                end = RawEnd(on, StatutoryPeriods.Limitation, calendar);
                steps.Add($"interrupted {on:yyyy-MM-dd} ends {end:yyyy-MM-dd}");
            }
            else if (e.Until is { } until)
            {
                end = end.AddDays(until.DayNumber - on.DayNumber);
                steps.Add($"suspended {on:yyyy-MM-dd}..{until:yyyy-MM-dd} ends {end:yyyy-MM-dd}");
            }
            else
            {
                var remaining = end.DayNumber - on.DayNumber;
                steps.Add($"suspended-since {on:yyyy-MM-dd} remaining {remaining}");
                return new(LimitationState.Suspended, null, remaining, steps);
            }
        }
        var due = OffRestDay(end, calendar);
        if (due != end) steps.Add($"rest-day moved {due:yyyy-MM-dd}");
        return new(LimitationState.Running, due, null, steps);
    }

    /// <summary>Bad limitation facts as (field, code): an event without a date, before the period started, a suspension ending before it began.</summary>
    public static IReadOnlyList<(string Field, string Code)> Validate(LimitationFacts facts, DateOnly today)
    {
        var errors = new List<(string, string)>();
        if (facts.KnewOn > today) errors.Add(("knewOn", "date-in-future"));
        if (facts.EmploymentEndedOn is { } ended && ended > today) errors.Add(("employmentEndedOn", "date-in-future"));
        for (var i = 0; i < facts.Events.Count; i++)
        {
            var e = facts.Events[i];
            var field = $"limitationEvents[{i}]";
            if (e.On is not { } on) { errors.Add((field + ".on", "date-required")); continue; }
            if (on < facts.KnewOn) errors.Add((field + ".on", "event-before-knew"));
            if (on > today) errors.Add((field + ".on", "date-in-future"));
            if (e.Kind == LimitationEventKind.Interruption && e.Until is not null) errors.Add((field + ".until", "interruption-has-no-end"));
            if (e.Kind == LimitationEventKind.Suspension && e.Until is { } until && until < on) errors.Add((field + ".until", "ends-before-start"));
        }
        return errors;
    }

    /// <summary>The deadline's urgency on <paramref name="today"/>: soon when <paramref name="warnDays"/> or fewer working days remain.</summary>
    public static DeadlineUrgency Urgency(DateOnly due, DateOnly today, WorkCalendar calendar, int warnDays = 3)
    {
        if (today > due) return DeadlineUrgency.Overdue;
        if (today == due) return DeadlineUrgency.DueToday;
        return calendar.WorkingDaysBetween(today, due) <= warnDays ? DeadlineUrgency.Soon : DeadlineUrgency.Ok;
    }
}
