using Gonghui.Platform.Audit;

namespace Gonghui.Modules.Jobs.Applications;

/// <summary>Where an application stands: sent, the applicant placed in the post, or declined.</summary>
public enum ApplicationStatus { Applied = 0, Placed = 1, Declined = 2 }

/// <summary>A member's application to a post (one per member and post: the second is refused, and a unique index backs the rule).</summary>
public sealed class JobApplication : IAudited
{
    private JobApplication() { }

    public Guid Id { get; private set; }
    public Guid PostId { get; private set; }
    public Guid MemberId { get; private set; }
    public string ApplicantName { get; private set; } = "";
    /// <summary>The post's scope path, so that staff who see the post see its applications by the same index.</summary>
    public string ScopePath { get; private set; } = "";
    public ApplicationStatus Status { get; private set; }
    public DateTimeOffset AppliedAt { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public string? Note { get; private set; }
    public int Version { get; private set; }

    public static JobApplication Apply(Guid postId, string scopePath, Guid memberId, string name, string? note, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(), PostId = postId, ScopePath = scopePath, MemberId = memberId, ApplicantName = name, Note = note, AppliedAt = at,
    };

    public void Place(DateTimeOffset at, string by) { Status = ApplicationStatus.Placed; DecidedAt = at; DecidedBy = by; Version++; }
    public void Decline(DateTimeOffset at, string by) { Status = ApplicationStatus.Declined; DecidedAt = at; DecidedBy = by; Version++; }
}

/// <summary>
/// A person placed in a post (上岗). A member holds at most one current placement (a unique index over the placements not
/// ended), so one person is never counted twice, however many posts or staff report them; the placement figures count
/// distinct members.
/// </summary>
public sealed class JobPlacement : IAudited
{
    private JobPlacement() { }

    public Guid Id { get; private set; }
    public Guid PostId { get; private set; }
    public Guid ApplicationId { get; private set; }
    public Guid MemberId { get; private set; }
    public Guid EmployerId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public DateTimeOffset PlacedAt { get; private set; }
    public string PlacedBy { get; private set; } = "";
    public DateTimeOffset? EndedAt { get; private set; }

    public static JobPlacement Of(JobApplication a, Guid employerId, DateTimeOffset at, string by) => new()
    {
        Id = Guid.CreateVersion7(), PostId = a.PostId, ApplicationId = a.Id, MemberId = a.MemberId, EmployerId = employerId, ScopePath = a.ScopePath,
        PlacedAt = at, PlacedBy = by,
    };
}
