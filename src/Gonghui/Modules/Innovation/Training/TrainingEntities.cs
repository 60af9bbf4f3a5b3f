using Gonghui.Modules.Innovation.Rules;
using Gonghui.Platform.Audit;

namespace Gonghui.Modules.Innovation.Training;

/// <summary>A training institution of the alliance (college, institute, enterprise, union school); some are demonstration points.</summary>
public sealed class TrainingInstitution : IAudited
{
    private TrainingInstitution() { }
    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public InstitutionKind Kind { get; private set; }
    public bool IsDemonstrationPoint { get; private set; }
    public string? DistrictCode { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static TrainingInstitution Create(string name, InstitutionKind kind, bool demonstrationPoint, string? district, DateTimeOffset at) =>
        new() { Id = Guid.CreateVersion7(), Name = name, Kind = kind, IsDemonstrationPoint = demonstrationPoint, DistrictCode = district, CreatedAt = at };
}

/// <summary>A course an institution runs: dates, hours and seats.</summary>
public sealed class TrainingCourse : IAudited
{
    private TrainingCourse() { }
    public Guid Id { get; private set; }
    public Guid InstitutionId { get; private set; }
    public string InstitutionName { get; private set; } = "";
    public string Title { get; private set; } = "";
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public int Hours { get; private set; }
    public int Capacity { get; private set; }
    public int Enrolled { get; private set; }
    /// <summary>Bumped with every enrolment: the seat count is checked and raised under it.</summary>
    public long LockVersion { get; private set; }

    public static TrainingCourse Create(TrainingInstitution i, string title, DateOnly startsOn, DateOnly endsOn, int hours, int capacity) => new()
    {
        Id = Guid.CreateVersion7(), InstitutionId = i.Id, InstitutionName = i.Name, Title = title, StartsOn = startsOn, EndsOn = endsOn, Hours = hours, Capacity = capacity,
    };

    public void Enrol() => Enrolled++;
}

/// <summary>A member on a course: hours attended, and the certificate once completed.</summary>
public sealed class TrainingEnrolment : IAudited
{
    private TrainingEnrolment() { }
    public Guid Id { get; private set; }
    public Guid CourseId { get; private set; }
    public string CourseTitle { get; private set; } = "";
    public Guid MemberId { get; private set; }
    public string MemberName { get; private set; } = "";
    public string ScopePath { get; private set; } = "";
    public EnrolmentStatus Status { get; private set; }
    public int AttendedHours { get; private set; }
    public string? CertificateNo { get; private set; }
    public DateTimeOffset EnrolledAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    public static TrainingEnrolment Of(TrainingCourse c, Guid memberId, string memberName, string scopePath, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(), CourseId = c.Id, CourseTitle = c.Title, MemberId = memberId, MemberName = memberName, ScopePath = scopePath,
        Status = EnrolmentStatus.Enrolled, EnrolledAt = at,
    };

    public void Attend(int hours, int courseHours) => AttendedHours = Math.Min(courseHours, AttendedHours + hours);

    public void Complete(string certificateNo, DateTimeOffset at) { Status = EnrolmentStatus.Completed; CertificateNo = certificateNo; CompletedAt = at; }
}
