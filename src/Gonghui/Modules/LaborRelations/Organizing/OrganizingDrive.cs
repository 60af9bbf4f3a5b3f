using Gonghui.Modules.LaborRelations.Rules;
using Gonghui.Platform.Audit;

namespace Gonghui.Modules.LaborRelations.Organizing;

/// <summary>
/// An organizing drive (建会入会专项行动): what it organizes, in which district (or the whole city), its step (全面建会, 规范建会), its period and
/// targets (firms to found unions, members to join). Progress is counted from the registry, never typed in. A park, building or platform drive
/// lists its firms (<see cref="DriveFirm"/>).
/// </summary>
public sealed class OrganizingDrive : IAudited
{
    private OrganizingDrive() { }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public DriveKind Kind { get; private set; }
    public DriveStep Step { get; private set; }
    /// <summary>The district the drive covers; null for a city-wide drive.</summary>
    public string? DistrictCode { get; private set; }
    public string ScopePath { get; private set; } = "";
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public int TargetFirms { get; private set; }
    public int TargetMembers { get; private set; }
    public string? Note { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    public static OrganizingDrive Of(Guid id, string name, DriveKind kind, DriveStep step, string? districtCode, string scopePath, DateOnly startsOn, DateOnly endsOn,
        int targetFirms, int targetMembers, string? note, DateTimeOffset at, string by) => new()
    {
        Id = id, Name = name, Kind = kind, Step = step, DistrictCode = districtCode, ScopePath = scopePath, StartsOn = startsOn, EndsOn = endsOn,
        TargetFirms = targetFirms, TargetMembers = targetMembers, Note = note, CreatedAt = at, CreatedBy = by,
    };
}

/// <summary>A registry enterprise a drive targets by name (the firms of a park or building, the platform firms).</summary>
public sealed class DriveFirm
{
    private DriveFirm() { }

    public Guid DriveId { get; private set; }
    public Guid EnterpriseId { get; private set; }

    public static DriveFirm Of(Guid driveId, Guid enterpriseId) => new() { DriveId = driveId, EnterpriseId = enterpriseId };
}
