namespace Gonghui.Modules.LaborRelations.Rules;

/// <summary>An alert's disposal (处置): raised, verified on site, measures taken, closed with a result.</summary>
public enum AlertState { Raised = 0, Verified = 1, Acting = 2, Closed = 3 }

public enum AlertAction { Verify, Act, Close, Escalate }

/// <summary>How an alert was closed (its disposal result).</summary>
public enum AlertClosure { Resolved = 0, Mitigated = 1, FalseAlarm = 2, Referred = 3 }

/// <summary>
/// The disposal workflow, a pure state machine: verify (核实) → act (处置) → close with a result (办结); a verified alert found to be a
/// false alarm may close at once. Escalation (升级督办) raises the alert one level (district union → federation) at any open state,
/// by hand or when the verification deadline passes; it happens at most <see cref="MaxEscalation"/> times.
/// </summary>
public static class AlertWorkflow
{
    public const int MaxEscalation = 1;

    /// <summary>Working days the district union has to verify a raised alert before it escalates by itself.</summary>
    public const int VerifyWorkingDays = 3;

    public static bool Can(AlertState state, AlertAction action, int escalation = 0) => (state, action) switch
    {
        (AlertState.Raised, AlertAction.Verify) => true,
        (AlertState.Verified, AlertAction.Act) => true,
        (AlertState.Verified or AlertState.Acting, AlertAction.Close) => true,
        (not AlertState.Closed, AlertAction.Escalate) => escalation < MaxEscalation,
        _ => false,
    };

    public static AlertState After(AlertState state, AlertAction action) => action switch
    {
        AlertAction.Verify => AlertState.Verified,
        AlertAction.Act => AlertState.Acting,
        AlertAction.Close => AlertState.Closed,
        _ => state,
    };

    /// <summary>Closing needs a result; only a verified (not acted-on) alert may close as anything, an acted-on one not as a false alarm.</summary>
    public static string? WhyNotClose(AlertState state, AlertClosure? result, string? note)
    {
        if (result is null || !Enum.IsDefined(result.Value)) return "alert.resultRequired";
        if (string.IsNullOrWhiteSpace(note)) return "alert.noteRequired";
        if (state == AlertState.Acting && result == AlertClosure.FalseAlarm) return "alert.falseAlarmAfterAction";
        return null;
    }

    /// <summary>Escalates by itself: still raised (not verified) after its verification deadline.</summary>
    public static bool Overdue(AlertState state, DateOnly verifyBy, DateOnly today, int escalation) =>
        state == AlertState.Raised && today > verifyBy && escalation < MaxEscalation;
}
