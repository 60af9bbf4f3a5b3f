namespace Gonghui.Modules.Innovation.Rules;

public enum InstitutionKind { College = 1, Institute = 2, Enterprise = 3, UnionSchool = 4 }

public enum EnrolmentStatus { Enrolled = 1, Completed = 2, Withdrawn = 3 }

/// <summary>The training alliance's rules (培训联盟): demonstration points, course checks, attendance and certificates. Pure.</summary>
public static class TrainingRules
{
    /// <summary>The federation's target: 100 training demonstration points (培训示范点).</summary>
    public const int DemonstrationPointsTarget = 100;

    /// <summary>A certificate needs at least this share of the course's hours attended.</summary>
    public const int CertificateAttendancePercent = 80;

    public static IEnumerable<(string Field, string Code)> CheckInstitution(string? name, InstitutionKind? kind)
    {
        if ((name?.Trim().Length ?? 0) is < 2 or > 200) yield return ("name", "training.name");
        if (kind is null || !Enum.IsDefined(kind.Value)) yield return ("kind", "training.kind");
    }

    public static IEnumerable<(string Field, string Code)> CheckCourse(string? title, DateOnly? startsOn, DateOnly? endsOn, int? hours, int? capacity)
    {
        if ((title?.Trim().Length ?? 0) is < 2 or > 200) yield return ("title", "course.title");
        if (startsOn is null) yield return ("startsOn", "course.dates");
        else if (endsOn is null || endsOn < startsOn) yield return ("endsOn", "course.dates");
        if (hours is null or < 1 or > 2000) yield return ("hours", "course.hours");
        if (capacity is null or < 1 or > 10_000) yield return ("capacity", "course.capacity");
    }

    /// <summary>Why a member cannot enrol now (code), or null: a seat left, the course not over, not already enrolled.</summary>
    public static string? CanEnrol(int capacity, int enrolled, DateOnly endsOn, DateOnly today, bool alreadyEnrolled) =>
        alreadyEnrolled ? "enrolment.already" : today > endsOn ? "enrolment.courseOver" : enrolled >= capacity ? "enrolment.full" : null;

    /// <summary>Attended hours as a whole percentage of the course's hours (floor), at most 100.</summary>
    public static int AttendancePercent(int attendedHours, int courseHours) =>
        courseHours <= 0 ? 0 : (int)Math.Min(100, (long)attendedHours * 100 / courseHours);

    public static bool EarnsCertificate(int attendedHours, int courseHours) => AttendancePercent(attendedHours, courseHours) >= CertificateAttendancePercent;

    /// <summary>Certificate numbers: "PX" + year + the last ten hex digits of the enrolment's id (its random part), so no two
    /// certificates issued at once can collide and no counter is shared ("PX2020A1B2C3D4E5").</summary>
    public static string CertificateNumber(int year, Guid enrolmentId) => $"PX{year}{enrolmentId.ToString("N")[^10..].ToUpperInvariant()}";
}
