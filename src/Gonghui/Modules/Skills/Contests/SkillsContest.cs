using Gonghui.Modules.Skills.Rules;
using Gonghui.Platform.Audit;

namespace Gonghui.Modules.Skills.Contests;

public enum ContestKind { TradeContest = 0, LabourContest = 1 }

/// <summary>A skills contest (职业技能竞赛, e.g. 职工技协杯) of one year: its trades, eligibility terms, leniency method, tie rule and draw seed, all declared before marking.</summary>
public sealed class SkillsContest : IAudited
{
    private SkillsContest() { }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public int Year { get; private set; }
    public string Name { get; private set; } = "";
    public ContestKind Kind { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public bool MembersOnly { get; private set; }
    public int? MinAge { get; private set; }
    public int? MaxAge { get; private set; }
    public Leniency Leniency { get; private set; }
    public TieRule TieRule { get; private set; }
    /// <summary>The published seed of the draw: anyone may recompute start orders and stations from it.</summary>
    public long DrawSeed { get; private set; }
    /// <summary>How long the appeals window stays open after a trade's sign-off.</summary>
    public int AppealHours { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>Set when this contest judges the stages of a team contest (one trade per stage, one entry per team): it takes no
    /// individual registrations, its entries are the teams'.</summary>
    public Guid? TeamContestId { get; private set; }

    public void JudgeTeamsOf(Guid teamContestId) => TeamContestId = teamContestId;

    public static SkillsContest Create(string code, int year, string name, ContestKind kind, DateOnly startsOn, bool membersOnly, int? minAge, int? maxAge,
        Leniency leniency, TieRule tie, long seed, int appealHours, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(), Code = code, Year = year, Name = name, Kind = kind, StartsOn = startsOn, MembersOnly = membersOnly, MinAge = minAge,
        MaxAge = maxAge, Leniency = leniency, TieRule = tie, DrawSeed = seed, AppealHours = appealHours, CreatedAt = at,
    };
}

/// <summary>A trade (工种) of a contest with its marking scheme, quota per unit, stations and title places; its stage moves forward only through its methods.</summary>
public sealed class SkillsTrade : IAudited
{
    private SkillsTrade() { }

    public Guid Id { get; private set; }
    public Guid ContestId { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? OccupationCode { get; private set; }
    public int QuotaPerUnit { get; private set; }
    public int Stations { get; private set; }
    public int TitlePlaces { get; private set; }
    public TradeStage Stage { get; private set; }
    public DateTimeOffset? DrawnAt { get; private set; }
    public DateTimeOffset? SignedOffAt { get; private set; }
    public string? SignedOffBy { get; private set; }
    public DateTimeOffset? AppealsCloseAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    /// <summary>Bumped by every marking write: two sheets saved at once, or a sign-off racing a save, conflict instead of interleaving.</summary>
    public long Version { get; private set; }

    public static SkillsTrade Create(Guid contestId, string code, string name, string? occupationCode, int quota, int stations, int titlePlaces) => new()
    {
        Id = Guid.CreateVersion7(), ContestId = contestId, Code = code, Name = name, OccupationCode = occupationCode, QuotaPerUnit = quota,
        Stations = stations, TitlePlaces = titlePlaces, Stage = TradeStage.Registration,
    };

    public void Touch() => Version++;

    public void Drawn(DateTimeOffset at) { Stage = TradeStage.Drawn; DrawnAt = at; Version++; }

    public void SignOff(DateTimeOffset at, string by, int appealHours)
    {
        Stage = TradeStage.SignedOff; SignedOffAt = at; SignedOffBy = by; AppealsCloseAt = at.AddHours(appealHours); Version++;
    }

    /// <summary>An upheld appeal reopens marking: the marks may be corrected, then signed off again.</summary>
    public void Reopen() { Stage = TradeStage.Drawn; SignedOffAt = null; SignedOffBy = null; AppealsCloseAt = null; Version++; }

    public void Publish(DateTimeOffset at) { Stage = TradeStage.Published; PublishedAt = at; Version++; }
}

/// <summary>One aspect of a trade's marking scheme (in scheme order).</summary>
public sealed class SkillsAspect
{
    private SkillsAspect() { }

    public Guid Id { get; private set; }
    public Guid TradeId { get; private set; }
    public int Position { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public AspectKind Kind { get; private set; }
    public int MaxCenti { get; private set; }

    public static SkillsAspect Create(Guid tradeId, int position, string code, string name, AspectKind kind, int maxCenti) => new()
    {
        Id = Guid.CreateVersion7(), TradeId = tradeId, Position = position, Code = code, Name = name, Kind = kind, MaxCenti = maxCenti,
    };

    public AspectSpec Spec() => new(Code, Kind, MaxCenti);
}

/// <summary>A judge (裁判/专家) of a trade: their unit and enterprise (for conflicts), and the account they mark with, if any.</summary>
public sealed class SkillsJudge : IAudited
{
    private SkillsJudge() { }

    public Guid Id { get; private set; }
    public Guid TradeId { get; private set; }
    public string Name { get; private set; } = "";
    public Guid UnitId { get; private set; }
    public Guid? EnterpriseId { get; private set; }
    public Guid? UserId { get; private set; }
    public bool Chief { get; private set; }

    public static SkillsJudge Create(Guid tradeId, string name, Guid unitId, Guid? enterpriseId, Guid? userId, bool chief) => new()
    {
        Id = Guid.CreateVersion7(), TradeId = tradeId, Name = name, UnitId = unitId, EnterpriseId = enterpriseId, UserId = userId, Chief = chief,
    };
}

/// <summary>A conflict a judge declared with one competitor (beyond the same unit or enterprise, which are found without asking).</summary>
public sealed class SkillsConflict : IAudited
{
    private SkillsConflict() { }

    public Guid Id { get; private set; }
    public Guid JudgeId { get; private set; }
    public Guid EntryId { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTimeOffset DeclaredAt { get; private set; }

    public static SkillsConflict Create(Guid judgeId, Guid entryId, string reason, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(), JudgeId = judgeId, EntryId = entryId, Reason = reason, DeclaredAt = at,
    };
}

/// <summary>A competitor's entry in a trade: the member, the unit that entered them, their union and enterprise, and their draw.</summary>
public sealed class SkillsEntry : IAudited
{
    private SkillsEntry() { }

    public Guid Id { get; private set; }
    public Guid TradeId { get; private set; }
    public Guid ContestId { get; private set; }
    public Guid MemberId { get; private set; }
    public string Name { get; private set; } = "";
    public Guid EnteringUnitId { get; private set; }
    /// <summary>The entering unit's organisation path: the scope of the entry.</summary>
    public string UnitPath { get; private set; } = "";
    public Guid UnionId { get; private set; }
    public Guid? EnterpriseId { get; private set; }
    public string? OccupationCode { get; private set; }
    public DateTimeOffset RegisteredAt { get; private set; }
    public string RegisteredBy { get; private set; } = "";
    public int? StartOrder { get; private set; }
    public int? Station { get; private set; }
    public int? Session { get; private set; }
    /// <summary>The team this entry is (a team contest's stage judged as a trade); null for an individual competitor. A team's entry has no
    /// member (<see cref="MemberId"/> is empty): its unit is the team's, its enterprise the one all its members share, if any.</summary>
    public Guid? TeamId { get; private set; }

    public static SkillsEntry Create(SkillsTrade trade, Guid memberId, string name, Guid unitId, string unitPath, Guid unionId, Guid? enterpriseId,
        string? occupationCode, DateTimeOffset at, string by) => new()
    {
        Id = Guid.CreateVersion7(), TradeId = trade.Id, ContestId = trade.ContestId, MemberId = memberId, Name = name, EnteringUnitId = unitId,
        UnitPath = unitPath, UnionId = unionId, EnterpriseId = enterpriseId, OccupationCode = occupationCode, RegisteredAt = at, RegisteredBy = by,
    };

    /// <summary>A team's entry in the trade that judges one stage of its contest.</summary>
    public static SkillsEntry ForTeam(SkillsTrade trade, Guid teamId, string teamName, Guid unitId, string unitPath, Guid? enterpriseId, DateTimeOffset at, string by) => new()
    {
        Id = Guid.CreateVersion7(), TradeId = trade.Id, ContestId = trade.ContestId, MemberId = Guid.Empty, Name = teamName, EnteringUnitId = unitId,
        UnitPath = unitPath, UnionId = unitId, EnterpriseId = enterpriseId, RegisteredAt = at, RegisteredBy = by, TeamId = teamId,
    };

    public void Place(DrawSlot slot) { StartOrder = slot.StartOrder; Station = slot.Station; Session = slot.Session; }

    public CompetitorTies Ties() => new(Id, EnteringUnitId, UnionId, EnterpriseId);
}

/// <summary>
/// One mark: a judge's score (0–3) on a judgement aspect of one competitor, or the measurement mark of an aspect (one per competitor:
/// <see cref="JudgeKey"/> is <see cref="Guid.Empty"/>, <see cref="EnteredBy"/> says which judge entered it). Centimarks.
/// </summary>
public sealed class SkillsMark
{
    private SkillsMark() { }

    public Guid Id { get; private set; }
    public Guid TradeId { get; private set; }
    public Guid EntryId { get; private set; }
    public Guid AspectId { get; private set; }
    public Guid JudgeKey { get; private set; }
    public Guid EnteredBy { get; private set; }
    public int Centi { get; private set; }
    public DateTimeOffset EnteredAt { get; private set; }

    public static SkillsMark Create(Guid tradeId, Guid entryId, Guid aspectId, Guid judgeKey, Guid enteredBy, int centi, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(), TradeId = tradeId, EntryId = entryId, AspectId = aspectId, JudgeKey = judgeKey, EnteredBy = enteredBy, Centi = centi, EnteredAt = at,
    };

    public void Change(int centi, Guid enteredBy, DateTimeOffset at) { Centi = centi; EnteredBy = enteredBy; EnteredAt = at; }
}

public enum AppealStatus { Open = 0, Dismissed = 1, Upheld = 2 }

/// <summary>An appeal (申诉) against a competitor's marks, filed by their unit inside the appeals window and decided by the chief expert.</summary>
public sealed class SkillsAppeal : IAudited
{
    private SkillsAppeal() { }

    public Guid Id { get; private set; }
    public Guid TradeId { get; private set; }
    public Guid EntryId { get; private set; }
    public string Reason { get; private set; } = "";
    public AppealStatus Status { get; private set; }
    public DateTimeOffset FiledAt { get; private set; }
    public string FiledBy { get; private set; } = "";
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public string? Decision { get; private set; }

    public static SkillsAppeal File(Guid tradeId, Guid entryId, string reason, DateTimeOffset at, string by) => new()
    {
        Id = Guid.CreateVersion7(), TradeId = tradeId, EntryId = entryId, Reason = reason, Status = AppealStatus.Open, FiledAt = at, FiledBy = by,
    };

    public void Decide(bool upheld, string decision, DateTimeOffset at, string by)
    {
        Status = upheld ? AppealStatus.Upheld : AppealStatus.Dismissed; Decision = decision; DecidedAt = at; DecidedBy = by;
    }
}
