using Gonghui.Modules.Services.Rules;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Scope;

namespace Gonghui.Modules.Services.Projects;

/// <summary>
/// A member-service project (服务项目) of one unit and year under the three-tier rules: its tier follows its owner unit, its
/// category is a season (四季歌), one of the five sends (五送) or other; its budget is reserved in the ledger on approval and paid
/// on acceptance. Visits are recorded against it while it is delivered. State changes go through <see cref="Apply"/>.
/// </summary>
public sealed class ServiceProject : IAudited
{
    private ServiceProject() { }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public int Year { get; private set; }
    public Guid OwnerUnitId { get; private set; }
    public string ScopePath { get; private set; } = "";
    /// <summary>The owner's district path ("/BJ/DC/"; empty for city projects), set with the path (ScopeFilter.DistrictOf).</summary>
    public string District { get; private set; } = "";
    public ServiceTier Tier { get; private set; }
    public ServiceCategory Category { get; private set; }
    public TargetGroup TargetGroup { get; private set; }
    public string? Description { get; private set; }
    public DateOnly? StartsOn { get; private set; }
    public DateOnly? EndsOn { get; private set; }
    public long BudgetFen { get; private set; }
    public string FundCode { get; private set; } = "";
    public int PlannedVisits { get; private set; }
    public ProjectStatus Status { get; private set; }

    public DateTimeOffset AppliedAt { get; private set; }
    public string AppliedBy { get; private set; } = "";
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public string? RejectReason { get; private set; }
    /// <summary>The ledger entry that reserved the budget on approval.</summary>
    public Guid? CommitEntryId { get; private set; }
    public DateTimeOffset? DeliveryStartedAt { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public string? AcceptedBy { get; private set; }
    public long? SpentFen { get; private set; }
    /// <summary>The ledger payment of what was spent, made on acceptance.</summary>
    public Guid? PaidEntryId { get; private set; }
    public int? EvaluationScore { get; private set; }
    public EvaluationGrade? EvaluationGrade { get; private set; }
    public string? EvaluationNote { get; private set; }
    public int Version { get; private set; }

    public static string CodeOf(int year, Guid id) => $"FW{year}-{id.ToString("N")[^8..].ToUpperInvariant()}";

    public static ServiceProject Apply(Guid id, string name, int year, Guid ownerUnitId, string ownerPath, int ownerDepth, ServiceCategory category,
        TargetGroup group, string? description, DateOnly? startsOn, DateOnly? endsOn, long budgetFen, int plannedVisits, DateTimeOffset at, string by) => new()
    {
        Id = id, Code = CodeOf(year, id), Name = name, Year = year, OwnerUnitId = ownerUnitId, ScopePath = ownerPath,
        District = ScopeFilter.DistrictOf(ownerPath) ?? "", Tier = ProjectRules.TierOf(ownerDepth), Category = category, TargetGroup = group,
        Description = description, StartsOn = startsOn, EndsOn = endsOn, BudgetFen = budgetFen, FundCode = ProjectRules.FundOf(category),
        PlannedVisits = plannedVisits, Status = ProjectStatus.Applied, AppliedAt = at, AppliedBy = by,
    };

    /// <summary>Moves along the state machine (the caller checked <see cref="ProjectRules.Next"/>); sets what each step carries.</summary>
    public void Apply(ProjectAction action, DateTimeOffset at, string by)
    {
        var next = ProjectRules.Next(Status, action) ?? throw new InvalidOperationException($"{action} from {Status}");
        switch (action)
        {
            case ProjectAction.Approve or ProjectAction.Reject: DecidedAt = at; DecidedBy = by; break;
            case ProjectAction.StartDelivery: DeliveryStartedAt = at; break;
            case ProjectAction.FinishDelivery: DeliveredAt = at; break;
            case ProjectAction.Accept: AcceptedAt = at; AcceptedBy = by; break;
        }
        Status = next;
        Version++;
    }

    public void Approved(Guid commitEntryId) => CommitEntryId = commitEntryId;

    public void Rejected(string reason) => RejectReason = reason;

    public void Evaluate(long spentFen, Guid? paidEntryId, int score, EvaluationGrade grade, string? note)
    {
        SpentFen = spentFen;
        PaidEntryId = paidEntryId;
        EvaluationScore = score;
        EvaluationGrade = grade;
        EvaluationNote = note;
    }

    /// <summary>The ledger reversed the payment: the project keeps its acceptance but counts as unpaid.</summary>
    public void PaymentReversed() { PaidEntryId = null; Version++; }
}
