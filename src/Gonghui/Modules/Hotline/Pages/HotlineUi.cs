using Gonghui.Platform.Calendars;
using System.Globalization;
using Gonghui.Modules.Hotline.Deadlines;
using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Microsoft.Extensions.Localization;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.Hotline.Pages;

/// <summary>Small display helpers shared by the hotline pages.</summary>
internal static class HotlineUi
{
    public static string Local(DateTimeOffset? t) => t is null ? "—" : BeijingTime.Format(t.Value);

    public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static string Span(IStringLocalizer L, TimeSpan s)
    {
        s = s.Duration();
        if (s.TotalDays >= 1) return L["Span.Days", (int)s.TotalDays, s.Hours];
        if (s.TotalHours >= 1) return L["Span.Hours", (int)s.TotalHours, s.Minutes];
        return L["Span.Minutes", s.Minutes];
    }

    /// <summary>The words hotline.js needs to keep a countdown (<c>data-due</c>) ticking, for the element that holds the countdowns.</summary>
    public static IReadOnlyDictionary<string, object> DueText(IStringLocalizer L) => new Dictionary<string, object>
    {
        ["data-text-left"] = L["Detail.Left"].Value, ["data-text-over"] = L["Detail.Ago"].Value,
        ["data-text-days"] = L["Span.Days"].Value, ["data-text-hours"] = L["Span.Hours"].Value, ["data-text-minutes"] = L["Span.Minutes"].Value,
    };

    public static bool Zh => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    public static string StateClass(RequestState s) => s switch
    {
        RequestState.Closed or RequestState.VisitedBack or RequestState.Resolved => "tag ok",
        RequestState.Escalated or RequestState.Returned or RequestState.Reopened => "tag warn",
        _ => "tag",
    };

    public static string Pct(double v) => v.ToString("P1", CultureInfo.InvariantCulture);

    /// <summary>Countdown text for a deadline; the page script keeps it ticking.</summary>
    public static string Due(IStringLocalizer L, DateTimeOffset due, DateTimeOffset now) =>
        due >= now ? L["Detail.Left", Span(L, due - now)] : L["Detail.Ago", Span(L, now - due)];

    public static string ActorName(IStringLocalizer L, string actor) => actor == "anonymous" ? L["Actor.anonymous"] : actor;

    public static string NoteText(IStringLocalizer L, string action, string note)
    {
        if (action == "visit")
        {
            var (head, rest) = note.StartsWith("not reached", StringComparison.Ordinal) ? ("not reached", note[11..]) : (note.Split(' ', 2)[0], note.Split(' ', 2).ElementAtOrDefault(1) ?? "");
            string? words = head == "not reached" ? L["Visit.NotReached"].Value : null;
            if (words is null && head.Split('/') is [var solved, var sat] && (solved is "solved" or "unsolved") && Enum.TryParse<Satisfaction>(sat, out var s))
                words = (solved == "solved" ? L["Visit.Solved"] : L["Visit.Unsolved"]) + " · " + L["Sat." + s];
            if (words is not null) return (words + " " + rest.Trim()).Trim();
        }
        if (note == "visit" && action is "reopen" or "escalate") return L["Visit.AfterVisit"];
        if (action == "close" && Enum.TryParse<VisitOutcome.Next>(note, out var next)) return L["Visit.Next." + next];
        return note;
    }

    public static string EventName(IStringLocalizer L, string action)
    {
        if (Enum.TryParse<RequestAction>(action, true, out var act)) return L["Action." + act];
        var t = L["Event." + action];
        return t.ResourceNotFound ? action : t.Value;
    }
}
