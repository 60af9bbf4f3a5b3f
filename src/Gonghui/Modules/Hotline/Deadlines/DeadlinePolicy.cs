using Gonghui.Platform.Calendars;
using System.Text.Json;

namespace Gonghui.Modules.Hotline.Deadlines;

public enum Urgency { Normal = 0, Urgent = 1, Collective = 2 }
public enum DeadlineKind { Contact = 0, Update = 1, Resolution = 2 }
public enum ClockUnit { Hours = 0, WorkingHours = 1, WorkingDays = 2 }

/// <summary>One tier: a deadline of <see cref="Amount"/> <see cref="Unit"/>s, for a category and/or urgency (null = any).</summary>
public sealed record DeadlineRule(DeadlineKind Kind, int Amount, ClockUnit Unit, string? Category = null, Urgency? Urgency = null);

/// <summary>A span during which the request waited on the worker; the clock does not run.</summary>
public sealed record PauseSpan(DateTimeOffset From, DateTimeOffset? To);

/// <summary>The three deadlines of a request.</summary>
public sealed record Deadlines(DateTimeOffset ContactDue, DateTimeOffset UpdateDue, DateTimeOffset ResolutionDue);

/// <summary>
/// Deadline tiers per category and urgency, from data (deadline-rules.json or configuration). The most specific rule
/// wins: category and urgency, then category, then urgency, then the default. Deadlines are always recomputed from
/// the receipt time, the current rules, the recorded pauses and the approved extensions, so a rule change keeps the
/// paused time.
/// </summary>
public sealed class DeadlinePolicy(IReadOnlyList<DeadlineRule> rules, Func<WorkCalendar> calendarSource)
{
    /// <summary>A policy on a fixed calendar (tests, tools).</summary>
    public DeadlinePolicy(IReadOnlyList<DeadlineRule> rules, WorkCalendar calendar) : this(rules, () => calendar) { }

    public IReadOnlyList<DeadlineRule> Rules => rules;

    /// <summary>The platform's calendar as it is now (an administrator may upload a year at any time).</summary>
    public WorkCalendar Calendar => calendarSource();

    /// <summary>Whether a deadline from <paramref name="received"/> to <paramref name="due"/> ran through a year without a calendar
    /// (then it was counted Monday–Friday and must be shown as uncertain).</summary>
    public bool Uncertain(DateTimeOffset received, DateTimeOffset due) => !Calendar.Covers(received, due);

    public DeadlineRule RuleFor(DeadlineKind kind, string category, Urgency urgency)
    {
        DeadlineRule? best = null;
        var bestScore = -1;
        foreach (var r in rules)
        {
            if (r.Kind != kind) continue;
            if (r.Category is not null && r.Category != category) continue;
            if (r.Urgency is not null && r.Urgency != urgency) continue;
            var score = (r.Category is null ? 0 : 2) + (r.Urgency is null ? 0 : 1);
            if (score > bestScore) { best = r; bestScore = score; }
        }
        return best ?? throw new InvalidOperationException($"No {kind} deadline rule matches; a default rule (no category, no urgency) is required.");
    }

    /// <summary>The due time of one deadline. <paramref name="extensionDays"/> are approved extra working days.</summary>
    public DateTimeOffset Due(DeadlineKind kind, string category, Urgency urgency, DateTimeOffset received,
        IReadOnlyList<PauseSpan>? pauses = null, int extensionDays = 0, DateTimeOffset? now = null)
    {
        var rule = RuleFor(kind, category, urgency);
        var calendar = Calendar;
        DateTimeOffset due = rule.Unit switch
        {
            ClockUnit.Hours => received.AddHours(rule.Amount + extensionDays * 24),
            ClockUnit.WorkingHours => calendar.AddWorkingMinutes(received, (rule.Amount + extensionDays * (calendar.DayEnd - calendar.DayStart).TotalHours) * 60),
            _ => calendar.AddWorkingDays(received, rule.Amount + extensionDays),
        };
        if (pauses is null || pauses.Count == 0) return due;
        // Paused time is measured in the rule's own clock and added on: wall-clock for hour rules, working time otherwise.
        if (rule.Unit == ClockUnit.Hours)
        {
            var paused = TimeSpan.Zero;
            foreach (var p in pauses) { var to = p.To ?? now ?? p.From; if (to > p.From) paused += to - p.From; }
            return due + paused;
        }
        double minutes = 0;
        foreach (var p in pauses) minutes += calendar.WorkingMinutesBetween(p.From, p.To ?? (now ?? p.From));
        return minutes <= 0 ? due : calendar.AddWorkingMinutes(due, minutes);
    }

    public Deadlines All(string category, Urgency urgency, DateTimeOffset received, IReadOnlyList<PauseSpan>? pauses = null, int extensionDays = 0, DateTimeOffset? now = null) =>
        new(Due(DeadlineKind.Contact, category, urgency, received, pauses, 0, now),
            Due(DeadlineKind.Update, category, urgency, received, pauses, 0, now),
            Due(DeadlineKind.Resolution, category, urgency, received, pauses, extensionDays, now));

    public static IReadOnlyList<DeadlineRule> RulesFromJson(string json) =>
        JsonSerializer.Deserialize<RulesFile>(json, WorkCalendar.JsonOptions)?.Rules ?? throw new InvalidDataException("Empty deadline rules.");

    public static DeadlinePolicy Shipped() => new(RulesFromJson(HotlineData.Read("deadline-rules.json")), WorkCalendar.Shipped());

    private sealed record RulesFile(List<DeadlineRule> Rules);
}
