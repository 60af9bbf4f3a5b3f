using Gonghui.Modules.Innovation.Rules;
using Gonghui.Platform.Audit;

namespace Gonghui.Modules.Innovation.Alliances;

/// <summary>An alliance of studios with a lead studio; member studios join from any district (the alliance is city-wide).</summary>
public sealed class StudioAlliance : IAudited
{
    private StudioAlliance() { }
    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public AllianceKind Kind { get; private set; }
    public string? Description { get; private set; }
    public Guid LeadStudioId { get; private set; }
    public string LeadStudioName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    public static StudioAlliance Create(string name, AllianceKind kind, string? description, Guid leadId, string leadName, DateTimeOffset at, string by) => new()
    {
        Id = Guid.CreateVersion7(), Name = name, Kind = kind, Description = description, LeadStudioId = leadId, LeadStudioName = leadName, CreatedAt = at, CreatedBy = by,
    };
}

public sealed class AllianceMember
{
    private AllianceMember() { }
    public Guid Id { get; private set; }
    public Guid AllianceId { get; private set; }
    public Guid StudioId { get; private set; }
    public DateTimeOffset JoinedAt { get; private set; }

    public static AllianceMember Of(Guid allianceId, Guid studioId, DateTimeOffset at) => new() { Id = Guid.CreateVersion7(), AllianceId = allianceId, StudioId = studioId, JoinedAt = at };
}

/// <summary>A firm's technical problem on the supply-and-demand board (供需对接): studios offer to solve it.</summary>
public sealed class TechNeed : IAudited
{
    private TechNeed() { }
    public Guid Id { get; private set; }
    public Guid? AllianceId { get; private set; }
    public string Enterprise { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Problem { get; private set; } = "";
    public NeedStatus Status { get; private set; }
    public DateTimeOffset PostedAt { get; private set; }
    public string PostedBy { get; private set; } = "";
    public int Offers { get; private set; }

    public static TechNeed Post(Guid? allianceId, string enterprise, string title, string problem, DateTimeOffset at, string by) => new()
    {
        Id = Guid.CreateVersion7(), AllianceId = allianceId, Enterprise = enterprise, Title = title, Problem = problem, Status = NeedStatus.Open, PostedAt = at, PostedBy = by,
    };

    public void Offered() { Offers++; Status = NeedStatus.Matched; }
    public void Close() => Status = NeedStatus.Closed;
}

public sealed class NeedOffer : IAudited
{
    private NeedOffer() { }
    public Guid Id { get; private set; }
    public Guid NeedId { get; private set; }
    public Guid StudioId { get; private set; }
    public string StudioName { get; private set; } = "";
    public string? Note { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string By { get; private set; } = "";

    public static NeedOffer Of(Guid needId, Guid studioId, string studioName, string? note, DateTimeOffset at, string by) =>
        new() { Id = Guid.CreateVersion7(), NeedId = needId, StudioId = studioId, StudioName = studioName, Note = note, At = at, By = by };
}

/// <summary>
/// A shared project of an alliance (联盟共享项目): led by one member studio, joined by other member studios, each with what it
/// contributes; its status moves by <see cref="Rules.AllianceRules.Move"/>.
/// </summary>
public sealed class AllianceProject : IAudited
{
    private AllianceProject() { }

    public Guid Id { get; private set; }
    public Guid AllianceId { get; private set; }
    public string Title { get; private set; } = "";
    public string? Summary { get; private set; }
    public Guid LeadStudioId { get; private set; }
    public string LeadStudioName { get; private set; } = "";
    public Rules.SharedProjectStatus Status { get; private set; }
    public int Studios { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset? StatusChangedAt { get; private set; }

    public static AllianceProject Propose(Guid allianceId, string title, string? summary, Guid leadId, string leadName, DateTimeOffset at, string by) => new()
    {
        Id = Guid.CreateVersion7(), AllianceId = allianceId, Title = title, Summary = summary, LeadStudioId = leadId, LeadStudioName = leadName,
        Status = Rules.SharedProjectStatus.Planned, Studios = 1, CreatedAt = at, CreatedBy = by,
    };

    public void Joined() => Studios++;

    public void MoveTo(Rules.SharedProjectStatus to, DateTimeOffset at)
    {
        if (Rules.AllianceRules.Move(Status, to, Studios) is { } refusal) throw new InvalidOperationException(refusal);
        Status = to; StatusChangedAt = at;
    }
}

/// <summary>A member studio taking part in a shared project, with its contribution; once per studio and project.</summary>
public sealed class AllianceProjectStudio : IAudited
{
    private AllianceProjectStudio() { }

    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public Guid StudioId { get; private set; }
    public string StudioName { get; private set; } = "";
    public string Contribution { get; private set; } = "";
    public bool IsLead { get; private set; }
    public DateTimeOffset JoinedAt { get; private set; }
    public string By { get; private set; } = "";

    public static AllianceProjectStudio Of(Guid projectId, Guid studioId, string studioName, string contribution, bool lead, DateTimeOffset at, string by) => new()
    {
        Id = Guid.CreateVersion7(), ProjectId = projectId, StudioId = studioId, StudioName = studioName, Contribution = contribution, IsLead = lead, JoinedAt = at, By = by,
    };
}
