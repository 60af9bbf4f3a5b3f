using Gonghui.Modules.Skills.Rules;
using Gonghui.Platform.Audit;

namespace Gonghui.Modules.Skills.TeamContests;

/// <summary>
/// A contest of teams: a team contest (班组赛) or a key-project labour contest (重点工程劳动竞赛, e.g. 京津冀交通一体化) that runs in
/// stages with periods; each stage marks the teams, and the cumulative ranking adds the stages up by the declared rule.
/// </summary>
public sealed class TeamContest : IAudited
{
    private TeamContest() { }

    public Guid Id { get; private set; }
    public int Year { get; private set; }
    public string Name { get; private set; } = "";
    public TeamContestKind Kind { get; private set; }
    /// <summary>The key project the contest is run on (重点工程), for a key-project contest.</summary>
    public string? Project { get; private set; }
    public CumulativeRule Rule { get; private set; }
    public int MinTeamSize { get; private set; }
    public int MaxTeamSize { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    /// <summary>The skills contest that judges this contest's stages per judge (WorldSkills rules: 3+ judges, conflicts, spread, sign-off,
    /// standardisation), one trade per stage; null when the federation enters one mark per team and stage.</summary>
    public Guid? JudgingContestId { get; private set; }

    public void JudgedBy(Guid skillsContestId) => JudgingContestId = skillsContestId;

    public static TeamContest Create(int year, string name, TeamContestKind kind, string? project, CumulativeRule rule, int minSize, int maxSize, DateTimeOffset at, string by) => new()
    {
        Id = Guid.CreateVersion7(), Year = year, Name = name, Kind = kind, Project = project, Rule = rule, MinTeamSize = minSize, MaxTeamSize = maxSize,
        CreatedAt = at, CreatedBy = by,
    };
}

/// <summary>A stage of a contest: its period, its weight (percent, for the weighted sum) and whether its marks are closed.</summary>
public sealed class TeamContestStage : IAudited
{
    private TeamContestStage() { }

    public Guid Id { get; private set; }
    public Guid ContestId { get; private set; }
    public int Position { get; private set; }
    public string Name { get; private set; } = "";
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public int WeightPercent { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? ClosedBy { get; private set; }
    /// <summary>The trade of the judging contest that marks this stage (judged contests only).</summary>
    public Guid? TradeId { get; private set; }

    public void JudgedBy(Guid tradeId) => TradeId = tradeId;

    public static TeamContestStage Of(Guid contestId, int position, string name, DateOnly startsOn, DateOnly endsOn, int weight) => new()
    {
        Id = Guid.CreateVersion7(), ContestId = contestId, Position = position, Name = name, StartsOn = startsOn, EndsOn = endsOn, WeightPercent = weight,
    };

    public void Close(DateTimeOffset at, string by) { ClosedAt = at; ClosedBy = by; }
}

/// <summary>A team of members of one unit (the unit and every union below it), entered by that unit's staff.</summary>
public sealed class ContestTeam : IAudited
{
    private ContestTeam() { }

    public Guid Id { get; private set; }
    public Guid ContestId { get; private set; }
    public string Name { get; private set; } = "";
    public Guid UnitId { get; private set; }
    public string UnitName { get; private set; } = "";
    public string UnitPath { get; private set; } = "";
    public DateTimeOffset RegisteredAt { get; private set; }
    public string RegisteredBy { get; private set; } = "";

    public static ContestTeam Enter(Guid contestId, string name, Guid unitId, string unitName, string unitPath, DateTimeOffset at, string by) => new()
    {
        Id = Guid.CreateVersion7(), ContestId = contestId, Name = name, UnitId = unitId, UnitName = unitName, UnitPath = unitPath, RegisteredAt = at, RegisteredBy = by,
    };
}

/// <summary>A member in a team; a member is in one team per contest (unique index).</summary>
public sealed class ContestTeamMember
{
    private ContestTeamMember() { }

    public Guid Id { get; private set; }
    public Guid ContestId { get; private set; }
    public Guid TeamId { get; private set; }
    public Guid MemberId { get; private set; }
    public string Name { get; private set; } = "";

    public static ContestTeamMember Of(Guid contestId, Guid teamId, Guid memberId, string name) => new()
    {
        Id = Guid.CreateVersion7(), ContestId = contestId, TeamId = teamId, MemberId = memberId, Name = name,
    };
}

/// <summary>A team's mark in a stage, in hundredths (0–10,000); one per stage and team, replaced until the stage closes.</summary>
public sealed class TeamStageMark : IAudited
{
    private TeamStageMark() { }

    public Guid Id { get; private set; }
    public Guid StageId { get; private set; }
    public Guid TeamId { get; private set; }
    public int Centi { get; private set; }
    public DateTimeOffset EnteredAt { get; private set; }
    public string EnteredBy { get; private set; } = "";

    public static TeamStageMark Of(Guid stageId, Guid teamId, int centi, DateTimeOffset at, string by) => new()
    {
        Id = Guid.CreateVersion7(), StageId = stageId, TeamId = teamId, Centi = centi, EnteredAt = at, EnteredBy = by,
    };

    public void Replace(int centi, DateTimeOffset at, string by) { Centi = centi; EnteredAt = at; EnteredBy = by; }
}
