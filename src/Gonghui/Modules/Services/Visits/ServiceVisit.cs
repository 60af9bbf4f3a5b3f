using Gonghui.Modules.Services.Rules;

namespace Gonghui.Modules.Services.Visits;

/// <summary>
/// One service delivered to a member (服务人次): who, which project, when (the Beijing day and the instant), where (a place or a
/// venue) and how. One member, one project, one Beijing day is one visit: the unique index (project_id, served_on, member_id)
/// holds it, and the importer and the sign-in refuse or skip a second. Millions a year, so the row is lean, written in bulk, and
/// its import is audited as one entry with the rows' count and digest rather than per row.
/// </summary>
public sealed class ServiceVisit
{
    private ServiceVisit() { }

    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid MemberId { get; private set; }
    /// <summary>The member's grassroots union when served (their unit's figures count it).</summary>
    public Guid UnionId { get; private set; }
    public DateOnly ServedOn { get; private set; }
    public DateTimeOffset ServedAt { get; private set; }
    public VisitChannel Channel { get; private set; }
    public string? Place { get; private set; }
    public Guid? VenueId { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string RecordedBy { get; private set; } = "";

    public static ServiceVisit Of(Guid id, Guid projectId, Guid memberId, Guid unionId, DateOnly servedOn, DateTimeOffset servedAt, VisitChannel channel,
        string? place, Guid? venueId, DateTimeOffset recordedAt, string recordedBy) => new()
    {
        Id = id, ProjectId = projectId, MemberId = memberId, UnionId = unionId, ServedOn = servedOn, ServedAt = servedAt, Channel = channel,
        Place = place, VenueId = venueId, RecordedAt = recordedAt, RecordedBy = recordedBy,
    };
}
