using Gonghui.Modules.ModelWorkers.Rules;
using Gonghui.Platform.Audit;

namespace Gonghui.Modules.ModelWorkers.Lectures;

/// <summary>A topic of the year's lecture programme (宣讲主题), set by the federation.</summary>
public sealed class LectureTopic : IAudited
{
    private LectureTopic() { }
    public Guid Id { get; private set; }
    public int Year { get; private set; }
    public string Title { get; private set; } = "";
    public string? Summary { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static LectureTopic Create(int year, string title, string? summary, DateTimeOffset at, Guid? id = null) =>
        new() { Id = id ?? Guid.CreateVersion7(), Year = year, Title = title.Trim(), Summary = string.IsNullOrWhiteSpace(summary) ? null : summary.Trim(), CreatedAt = at };
}

/// <summary>
/// A lecture: asked for by a host (enterprise, community, school, office) through its union, then scheduled with a model-worker
/// speaker and a time slot that clashes with none of the speaker's other lectures, held with QR sign-in, and rated by attendees.
/// </summary>
public sealed class Lecture : IAudited
{
    private Lecture() { }

    public Guid Id { get; private set; }
    public Guid TopicId { get; private set; }
    public string HostName { get; private set; } = "";
    public HostType HostType { get; private set; }
    public string DistrictCode { get; private set; } = "";
    public string Address { get; private set; } = "";
    public int Audience { get; private set; }
    public DateOnly PreferredOn { get; private set; }
    /// <summary>The union that asked (its path: scope).</summary>
    public Guid RequestingUnitId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public LectureStatus Status { get; private set; }
    public Guid? SpeakerId { get; private set; }
    public DateTimeOffset? StartsAt { get; private set; }
    public DateTimeOffset? EndsAt { get; private set; }
    /// <summary>The code of the lecture's QR sign-in (set when scheduled).</summary>
    public string? SignInCode { get; private set; }
    public int Attendance { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public string RequestedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public string? Reason { get; private set; }

    public static Lecture Request(Guid topicId, string hostName, HostType hostType, string district, string address, int audience, DateOnly preferredOn,
        Guid unitId, string scopePath, DateTimeOffset at, string by, Guid? id = null) => new()
    {
        Id = id ?? Guid.CreateVersion7(), TopicId = topicId, HostName = hostName.Trim(), HostType = hostType, DistrictCode = district, Address = address.Trim(),
        Audience = audience, PreferredOn = preferredOn, RequestingUnitId = unitId, ScopePath = scopePath, Status = LectureStatus.Requested,
        RequestedAt = at, RequestedBy = by, UpdatedAt = at,
    };

    public void Schedule(Guid speakerId, DateTimeOffset start, DateTimeOffset end, string code, DateTimeOffset at)
    {
        SpeakerId = speakerId; StartsAt = start; EndsAt = end; SignInCode ??= code; Status = LectureStatus.Scheduled; UpdatedAt = at;
    }

    public void Close(LectureStatus to, string? reason, DateTimeOffset at)
    {
        Status = to; UpdatedAt = at;
        if (!string.IsNullOrWhiteSpace(reason)) Reason = reason.Trim();
    }

    public void Attended(int count) => Attendance = count;
}

/// <summary>One attendee signed in to a lecture (unique per lecture and member: a second scan changes nothing).</summary>
public sealed class LectureAttendance
{
    private LectureAttendance() { }
    public Guid Id { get; private set; }
    public Guid LectureId { get; private set; }
    public Guid MemberId { get; private set; }
    public DateTimeOffset At { get; private set; }
    /// <summary>"code" (the attendee scanned the lecture's QR) or "pass" (staff scanned the attendee's member pass).</summary>
    public string Via { get; private set; } = "code";

    public static LectureAttendance Of(Guid lectureId, Guid memberId, DateTimeOffset at, string via) =>
        new() { Id = Guid.CreateVersion7(), LectureId = lectureId, MemberId = memberId, At = at, Via = via };
}

/// <summary>An attendee's rating (1–5) and comment on a lecture they signed in to; one per attendee.</summary>
public sealed class LectureFeedback
{
    private LectureFeedback() { }
    public Guid Id { get; private set; }
    public Guid LectureId { get; private set; }
    public Guid MemberId { get; private set; }
    public int Rating { get; private set; }
    public string? Comment { get; private set; }
    public DateTimeOffset At { get; private set; }

    public static LectureFeedback Of(Guid lectureId, Guid memberId, int rating, string? comment, DateTimeOffset at) =>
        new() { Id = Guid.CreateVersion7(), LectureId = lectureId, MemberId = memberId, Rating = rating, Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), At = at };
}
