namespace Gonghui.Modules.ModelWorkers.Rules;

/// <summary>Who asks for a lecture (百位劳模宣讲 goes into enterprises, communities, schools and offices).</summary>
public enum HostType { Enterprise = 0, Community = 1, School = 2, Office = 3 }

/// <summary>A lecture's life: requested by a host, scheduled with a speaker, held (signed in), or declined / cancelled.</summary>
public enum LectureStatus { Requested = 0, Scheduled = 1, Held = 2, Declined = 3, Cancelled = 4 }

public enum LectureAction { Schedule = 0, Decline = 1, Cancel = 2, Complete = 3 }

/// <summary>A speaker's booked time (UTC instants).</summary>
public readonly record struct Booking(Guid LectureId, DateTimeOffset Start, DateTimeOffset End);

/// <summary>The lecture programme's rules: the request, the schedule without double-booking a speaker, sign-in and feedback. Pure.</summary>
public static class LectureRules
{
    /// <summary>Travel between two lectures of one speaker: bookings closer than this count as overlapping.</summary>
    public static readonly TimeSpan Travel = TimeSpan.FromMinutes(60);
    public static readonly TimeSpan MinLength = TimeSpan.FromMinutes(30), MaxLength = TimeSpan.FromHours(4);
    /// <summary>Sign-in opens this long before the start and closes this long after the end.</summary>
    public static readonly TimeSpan SignInBefore = TimeSpan.FromMinutes(60), SignInAfter = TimeSpan.FromMinutes(60);
    public const int AudienceMax = 5000, TextMax = 200, CommentMax = 500;

    /// <summary>Problems with a host's request (field, code).</summary>
    public static List<(string Field, string Code)> CheckRequest(string? hostName, HostType? hostType, string? district, string? address, int? audience,
        DateOnly? preferredOn, DateOnly today, bool districtKnown)
    {
        var e = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(hostName) || hostName.Trim().Length > TextMax) e.Add(("hostName", "lecture.hostName"));
        if (hostType is null || !Enum.IsDefined(hostType.Value)) e.Add(("hostType", "lecture.hostType"));
        if (string.IsNullOrWhiteSpace(district) || !districtKnown) e.Add(("districtCode", "lecture.district"));
        if (string.IsNullOrWhiteSpace(address) || address.Trim().Length > TextMax) e.Add(("address", "lecture.address"));
        if (audience is null || audience < 1 || audience > AudienceMax) e.Add(("audience", "lecture.audience"));
        if (preferredOn is null || preferredOn < today || preferredOn > today.AddYears(1)) e.Add(("preferredOn", "lecture.preferredOn"));
        return e;
    }

    /// <summary>Problems with a time slot: a start in the future, an end after it, a length of 30 minutes to 4 hours.</summary>
    public static List<(string Field, string Code)> CheckSlot(DateTimeOffset? start, DateTimeOffset? end, DateTimeOffset now)
    {
        var e = new List<(string, string)>();
        if (start is null || start <= now) e.Add(("startsAt", "lecture.startsAt"));
        if (end is null || start is null || end - start < MinLength || end - start > MaxLength) e.Add(("endsAt", "lecture.length"));
        return e;
    }

    /// <summary>Whether two bookings of one speaker clash: they overlap, or leave less than <see cref="Travel"/> between them.</summary>
    public static bool Clash(DateTimeOffset aStart, DateTimeOffset aEnd, DateTimeOffset bStart, DateTimeOffset bEnd) =>
        aStart < bEnd + Travel && bStart < aEnd + Travel;

    /// <summary>The first of the speaker's bookings the new slot clashes with (another lecture), or null.</summary>
    public static Booking? FirstClash(IEnumerable<Booking> bookings, Guid lectureId, DateTimeOffset start, DateTimeOffset end) =>
        bookings.Where(b => b.LectureId != lectureId && Clash(start, end, b.Start, b.End)).OrderBy(b => b.Start).Cast<Booking?>().FirstOrDefault();

    /// <summary>The state a step leads to, or the code of why it may not be taken from <paramref name="from"/>.</summary>
    public static (LectureStatus? To, string? Error) Step(LectureAction action, LectureStatus from, DateTimeOffset now, DateTimeOffset? startsAt) => action switch
    {
        LectureAction.Schedule => from is LectureStatus.Requested or LectureStatus.Scheduled ? (LectureStatus.Scheduled, null) : (null, "lecture.notOpen"),
        LectureAction.Decline => from == LectureStatus.Requested ? (LectureStatus.Declined, null) : (null, "lecture.notRequested"),
        LectureAction.Cancel => from is LectureStatus.Requested or LectureStatus.Scheduled ? (LectureStatus.Cancelled, null) : (null, "lecture.notOpen"),
        LectureAction.Complete => from != LectureStatus.Scheduled ? (null, "lecture.notScheduled")
            : startsAt > now ? (null, "lecture.notStarted") : (LectureStatus.Held, null),
        _ => (null, "lecture.action"),
    };

    /// <summary>Why an attendee cannot sign in now, or null: the lecture must be scheduled or held and now within its sign-in window.</summary>
    public static string? SignInRefusal(LectureStatus status, DateTimeOffset start, DateTimeOffset end, DateTimeOffset now) =>
        status is not (LectureStatus.Scheduled or LectureStatus.Held) ? "signIn.notScheduled"
        : now < start - SignInBefore ? "signIn.tooEarly"
        : now > end + SignInAfter ? "signIn.closed"
        : null;

    /// <summary>Problems with an attendee's feedback: a rating of 1 to 5 stars, a comment of at most 500 characters.</summary>
    public static List<(string Field, string Code)> CheckFeedback(int? rating, string? comment)
    {
        var e = new List<(string, string)>();
        if (rating is null or < 1 or > 5) e.Add(("rating", "feedback.rating"));
        if (comment?.Trim().Length > CommentMax) e.Add(("comment", "feedback.comment"));
        return e;
    }

    /// <summary>A sign-in code: 20 url-safe characters from 15 random bytes (printed in the lecture's QR code).</summary>
    public static string NewCode(ReadOnlySpan<byte> random15) => Convert.ToBase64String(random15).Replace('+', '-').Replace('/', '_');

    /// <summary>Mean rating in tenths of a star (4.3 → 43), or null with no ratings.</summary>
    public static int? MeanTenths(IReadOnlyCollection<int> ratings) =>
        ratings.Count == 0 ? null : (int)Math.Round(ratings.Average() * 10, MidpointRounding.AwayFromZero);
}
