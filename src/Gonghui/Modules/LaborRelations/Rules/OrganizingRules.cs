namespace Gonghui.Modules.LaborRelations.Rules;

/// <summary>
/// What a drive organizes: non-public firms (非公企业), a park or office building (园区楼宇, by joint unions), internet platform firms
/// (互联网平台企业), dispatch workers (劳务派遣工, joining through the agency or the user firm).
/// </summary>
public enum DriveKind { NonPublicFirms = 0, ParkOrBuilding = 1, PlatformFirms = 2, DispatchWorkers = 3 }

/// <summary>The two steps: 全面建会 (found unions everywhere), then 规范建会 (make them work to the rules).</summary>
public enum DriveStep { Comprehensive = 0, Standardized = 1 }

/// <summary>A drive's progress against its targets (counted from the registry).</summary>
public sealed record DriveProgress(int FirmsOrganized, int TargetFirms, int MembersJoined, int TargetMembers, int FirmsWithoutUnion)
{
    /// <summary>Share of the firm target reached, basis points (capped at 10,000); null without a target.</summary>
    public int? FirmsBp => OrganizingRules.ShareBp(FirmsOrganized, TargetFirms);
    public int? MembersBp => OrganizingRules.ShareBp(MembersJoined, TargetMembers);
}

/// <summary>Pure rules of organizing drives: checks of a drive, shares of its targets, whether a firm or member counts for it.</summary>
public static class OrganizingRules
{
    public static int? ShareBp(int done, int target) => target <= 0 ? null : (int)Math.Min(10_000, Math.Round(10_000.0 * done / target, MidpointRounding.AwayFromZero));

    /// <summary>The period a drive counts: from its start to its end or today, whichever comes first.</summary>
    public static (DateOnly From, DateOnly To) CountingPeriod(DateOnly startsOn, DateOnly endsOn, DateOnly today) => (startsOn, endsOn < today ? endsOn : today);

    /// <summary>Checks of a new drive (field, code).</summary>
    public static IReadOnlyList<(string Field, string Code)> Validate(string? name, DriveKind? kind, DateOnly? startsOn, DateOnly? endsOn, int? targetFirms, int? targetMembers,
        int listed)
    {
        var e = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(name)) e.Add(("name", "required"));
        else if (name.Length > 100) e.Add(("name", "too-long"));
        if (kind is not { } k || !Enum.IsDefined(k)) e.Add(("kind", "out-of-range"));
        if (startsOn is null) e.Add(("startsOn", "required"));
        if (endsOn is null) e.Add(("endsOn", "required"));
        else if (startsOn is { } s && (endsOn < s || endsOn > s.AddYears(5))) e.Add(("endsOn", "drive.period"));
        if (targetFirms is not { } tf || tf < 0 || tf > 1_000_000) e.Add(("targetFirms", "out-of-range"));
        if (targetMembers is not { } tm || tm < 0 || tm > 10_000_000) e.Add(("targetMembers", "out-of-range"));
        if (targetFirms is 0 && targetMembers is 0) e.Add(("targetFirms", "drive.noTarget"));
        // A park, building or platform drive names its firms (the registry does not know parks or platforms).
        if (kind is DriveKind.ParkOrBuilding or DriveKind.PlatformFirms && listed == 0) e.Add(("enterpriseIds", "drive.firmsRequired"));
        if (listed > 5_000) e.Add(("enterpriseIds", "out-of-range"));
        return e;
    }
}
