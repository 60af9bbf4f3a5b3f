using Gonghui.Modules.Innovation.Rules;
using Gonghui.Platform.Audit;

namespace Gonghui.Modules.Innovation.Studios;

/// <summary>
/// An innovation studio (劳模/职工/工匠创新工作室) of one owning union unit, led by a member, with its team, field and level,
/// going through recognition (<see cref="StudioWorkflow"/>). The unit's path is copied at application so scope is one indexed
/// prefix on the studio row itself (the registry list and the dashboard group without joining units).
/// </summary>
public sealed class InnovationStudio : IAudited
{
    private InnovationStudio() { }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public StudioKind Kind { get; private set; }
    public StudioLevel Level { get; private set; }
    public string Field { get; private set; } = "";
    public Guid UnitId { get; private set; }
    public string ScopePath { get; private set; } = "";
    /// <summary><see cref="Gonghui.Platform.Scope.ScopeFilter.DistrictOf"/> the path, kept with it (set wherever the path is): a district's
    /// registry list is an equality on this column, walked in the list's order (name, id) by the indexes (district, [level|status,] name, id)
    /// instead of gathering the district by path prefix and sorting it.</summary>
    public string? ScopeDistrict { get; private set; }
    /// <summary>The district (GB/T 2260 code) the owning unit is in: the dashboard's rows.</summary>
    public string? DistrictCode { get; private set; }
    public Guid? EnterpriseId { get; private set; }
    public string? EnterpriseName { get; private set; }
    public Guid LeaderMemberId { get; private set; }
    public string LeaderName { get; private set; } = "";
    public int TeamSize { get; private set; }
    public StudioStatus Status { get; private set; }
    public DateTimeOffset AppliedAt { get; private set; }
    public string AppliedBy { get; private set; } = "";
    public DateOnly? PublicityEndsOn { get; private set; }
    public DateOnly? RecognisedOn { get; private set; }
    /// <summary>The years of recognition and revocation, kept as numbers so the dashboard groups by them in SQL on both engines.</summary>
    public int? RecognisedYear { get; private set; }
    public int? RevokedYear { get; private set; }
    public string? Reason { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    /// <summary>Bumped in SQL at the start of every workflow step and every award approval: the per-studio lock.</summary>
    public long LockVersion { get; private set; }

    public static InnovationStudio Apply(string name, StudioKind kind, StudioLevel level, string field, Guid unitId, string scopePath, string? districtCode,
        Guid? enterpriseId, string? enterpriseName, Guid leaderId, string leaderName, int teamSize, DateTimeOffset at, string by, Guid? id = null) => new()
    {
        Id = id ?? Guid.CreateVersion7(), Name = name, Kind = kind, Level = level, Field = field, UnitId = unitId, ScopePath = scopePath, ScopeDistrict = Gonghui.Platform.Scope.ScopeFilter.DistrictOf(scopePath), DistrictCode = districtCode,
        EnterpriseId = enterpriseId, EnterpriseName = enterpriseName, LeaderMemberId = leaderId, LeaderName = leaderName, TeamSize = teamSize,
        Status = StudioStatus.Applied, AppliedAt = at, AppliedBy = by, UpdatedAt = at,
    };

    /// <summary>Applies a decided step (<see cref="StudioWorkflow.Decide"/> said yes): the status, and what the step records.</summary>
    public void Apply(StudioAction action, StudioStatus to, DateOnly today, DateOnly? publicityEndsOn, string? reason, DateTimeOffset at)
    {
        Status = to;
        UpdatedAt = at;
        switch (action)
        {
            case StudioAction.FederationApprove: PublicityEndsOn = publicityEndsOn; break;
            case StudioAction.Recognise: RecognisedOn = today; RecognisedYear = today.Year; break;
            case StudioAction.Reject: Reason = reason?.Trim(); break;
            case StudioAction.Revoke: Reason = reason?.Trim(); RevokedYear = today.Year; break;
        }
    }
}

/// <summary>A member of a studio's team (the leader is one of them).</summary>
public sealed class StudioMember
{
    private StudioMember() { }
    public Guid Id { get; private set; }
    public Guid StudioId { get; private set; }
    public Guid MemberId { get; private set; }
    public string Name { get; private set; } = "";
    public bool IsLeader { get; private set; }

    public static StudioMember Of(Guid studioId, Guid memberId, string name, bool leader) =>
        new() { Id = Guid.CreateVersion7(), StudioId = studioId, MemberId = memberId, Name = name, IsLeader = leader };
}

/// <summary>One step of a studio's recognition history, shown as its timeline.</summary>
public sealed class StudioEvent
{
    private StudioEvent() { }
    public Guid Id { get; private set; }
    public Guid StudioId { get; private set; }
    /// <summary>Null for the application itself.</summary>
    public StudioAction? Action { get; private set; }
    public StudioStatus To { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Actor { get; private set; } = "";
    public string? Note { get; private set; }

    public static StudioEvent Of(Guid studioId, StudioAction? action, StudioStatus to, DateTimeOffset at, string actor, string? note = null) =>
        new() { Id = Guid.CreateVersion7(), StudioId = studioId, Action = action, To = to, At = at, Actor = actor, Note = note };
}

/// <summary>A recognised studio's outputs in one year (年度考核): patents, projects, trainees and economic benefit in fen.</summary>
public sealed class StudioAnnualReview : IAudited
{
    private StudioAnnualReview() { }
    public Guid Id { get; private set; }
    public Guid StudioId { get; private set; }
    public int Year { get; private set; }
    public int Patents { get; private set; }
    public int Projects { get; private set; }
    public int Trainees { get; private set; }
    public long EconomicBenefitFen { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string RecordedBy { get; private set; } = "";

    public static StudioAnnualReview Of(Guid studioId, AnnualOutputs o, DateTimeOffset at, string by) => new()
    {
        Id = Guid.CreateVersion7(), StudioId = studioId, Year = o.Year, Patents = o.Patents, Projects = o.Projects, Trainees = o.Trainees,
        EconomicBenefitFen = o.EconomicBenefitFen, RecordedAt = at, RecordedBy = by,
    };
}
