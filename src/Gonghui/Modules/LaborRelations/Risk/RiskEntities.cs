using Gonghui.Modules.LaborRelations.Rules;
using Gonghui.Platform.Audit;

namespace Gonghui.Modules.LaborRelations.Risk;

/// <summary>
/// An enterprise's last computed score (one row per enterprise with any points; none means green), written by the set-based
/// recompute. The explanation is computed again from the signals when asked, with the same model.
/// </summary>
public sealed class RiskScore
{
    public Guid EnterpriseId { get; set; }
    public string EnterpriseName { get; set; } = "";
    public string ScopePath { get; set; } = "";
    public string DistrictCode { get; set; } = "";
    public int Score { get; set; }
    public RiskLevel Level { get; set; }
    public DateOnly AsOf { get; set; }
}

/// <summary>An early-warning alert (预警) on an enterprise, assigned to its district union, with its disposal and escalation.</summary>
public sealed class RiskAlert : IAudited
{
    private RiskAlert() { }

    public Guid Id { get; private set; }
    public Guid EnterpriseId { get; private set; }
    public string EnterpriseName { get; private set; } = "";
    public string DistrictCode { get; private set; } = "";
    /// <summary>The district union the alert is assigned to; <see cref="ScopePath"/> is its path.</summary>
    public Guid? UnitId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public RiskLevel Level { get; private set; }
    public int Score { get; private set; }
    public AlertState State { get; private set; }
    public DateOnly RaisedOn { get; private set; }
    public DateOnly VerifyBy { get; private set; }
    public int Escalation { get; private set; }
    public DateOnly? EscalatedOn { get; private set; }
    public string? VerifyNote { get; private set; }
    public string? ActionNote { get; private set; }
    public AlertClosure? Result { get; private set; }
    public string? ResultNote { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    public int Version { get; private set; }

    public bool IsOpen => State != AlertState.Closed;

    public static RiskAlert Raise(Guid id, Guid enterpriseId, string enterpriseName, string districtCode, Guid? unitId, string scopePath, RiskLevel level, int score,
        DateOnly raisedOn, DateOnly verifyBy) => new()
    {
        Id = id, EnterpriseId = enterpriseId, EnterpriseName = enterpriseName, DistrictCode = districtCode, UnitId = unitId, ScopePath = scopePath, Level = level,
        Score = score, State = AlertState.Raised, RaisedOn = raisedOn, VerifyBy = verifyBy,
    };

    /// <summary>The score rose while the alert is open: the alert follows it (never lowers: a falling score is for the closing note).</summary>
    public bool Follow(RiskLevel level, int score)
    {
        if (level <= Level && score <= Score) return false;
        (Level, Score) = (level > Level ? level : Level, Math.Max(score, Score));
        Version++;
        return true;
    }

    public void Apply(AlertAction action, string? note, AlertClosure? result, DateOnly today)
    {
        switch (action)
        {
            case AlertAction.Verify: VerifyNote = note; break;
            case AlertAction.Act: ActionNote = note; break;
            case AlertAction.Close: (Result, ResultNote, ClosedOn) = (result, note, today); break;
            case AlertAction.Escalate: (Escalation, EscalatedOn) = (Escalation + 1, today); break;
        }
        State = AlertWorkflow.After(State, action);
        Version++;
    }
}

/// <summary>One step on an alert's timeline.</summary>
public sealed class RiskAlertEvent : IAudited
{
    public long Id { get; set; }
    public Guid AlertId { get; set; }
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    /// <summary>raise, follow, verify, act, close, escalate (by hand or "overdue").</summary>
    public string Action { get; set; } = "";
    public string? Note { get; set; }
}
