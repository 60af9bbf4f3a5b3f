namespace Gonghui.Modules.Hotline.Rules;

public enum RequestState { Received = 0, Dispatched = 1, Accepted = 2, Contacted = 3, Resolved = 4, VisitedBack = 5, Closed = 6, Returned = 7, Escalated = 8, Reopened = 9 }

public enum RequestAction { Dispatch = 0, Accept = 1, Return = 2, Contact = 3, Resolve = 4, Visit = 5, Close = 6, Escalate = 7, Reopen = 8, Extend = 9, Pause = 10, Resume = 11, Progress = 12, Merge = 13 }

/// <summary>
/// The life of a request as an explicit table: (state, action) → next state. Anything not in the table is illegal.
/// Extend, Pause and Resume keep the state (they change deadlines, not the stage of work).
/// </summary>
public static class RequestStateMachine
{
    public static readonly IReadOnlyDictionary<(RequestState, RequestAction), RequestState> Table = new Dictionary<(RequestState, RequestAction), RequestState>
    {
        // The agent dispatches, or answers on the call (直接办结: a consultation resolved by the agent).
        [(RequestState.Received, RequestAction.Dispatch)] = RequestState.Dispatched,
        [(RequestState.Received, RequestAction.Resolve)] = RequestState.Resolved,
        // The handling unit takes it, or hands it back (退单) for re-dispatch.
        [(RequestState.Dispatched, RequestAction.Accept)] = RequestState.Accepted,
        [(RequestState.Dispatched, RequestAction.Return)] = RequestState.Returned,
        [(RequestState.Dispatched, RequestAction.Escalate)] = RequestState.Escalated,
        [(RequestState.Returned, RequestAction.Dispatch)] = RequestState.Dispatched,
        [(RequestState.Accepted, RequestAction.Contact)] = RequestState.Contacted,
        [(RequestState.Accepted, RequestAction.Escalate)] = RequestState.Escalated,
        [(RequestState.Accepted, RequestAction.Extend)] = RequestState.Accepted,
        [(RequestState.Accepted, RequestAction.Pause)] = RequestState.Accepted,
        [(RequestState.Accepted, RequestAction.Resume)] = RequestState.Accepted,
        [(RequestState.Contacted, RequestAction.Resolve)] = RequestState.Resolved,
        [(RequestState.Contacted, RequestAction.Escalate)] = RequestState.Escalated,
        [(RequestState.Contacted, RequestAction.Extend)] = RequestState.Contacted,
        [(RequestState.Contacted, RequestAction.Pause)] = RequestState.Contacted,
        [(RequestState.Contacted, RequestAction.Resume)] = RequestState.Contacted,
        // Under supervision (督办) the unit keeps working; the parent unit may re-dispatch.
        [(RequestState.Escalated, RequestAction.Accept)] = RequestState.Accepted,
        [(RequestState.Escalated, RequestAction.Contact)] = RequestState.Contacted,
        [(RequestState.Escalated, RequestAction.Resolve)] = RequestState.Resolved,
        [(RequestState.Escalated, RequestAction.Dispatch)] = RequestState.Dispatched,
        [(RequestState.Escalated, RequestAction.Extend)] = RequestState.Escalated,
        // The agent calls the worker back (回访), then closes; an unsolved or dissatisfied answer reopens.
        [(RequestState.Resolved, RequestAction.Visit)] = RequestState.VisitedBack,
        [(RequestState.Resolved, RequestAction.Reopen)] = RequestState.Reopened,
        [(RequestState.VisitedBack, RequestAction.Close)] = RequestState.Closed,
        [(RequestState.VisitedBack, RequestAction.Reopen)] = RequestState.Reopened,
        [(RequestState.Reopened, RequestAction.Dispatch)] = RequestState.Dispatched,
        [(RequestState.Reopened, RequestAction.Accept)] = RequestState.Accepted,
        [(RequestState.Reopened, RequestAction.Contact)] = RequestState.Contacted,
        [(RequestState.Reopened, RequestAction.Resolve)] = RequestState.Resolved,
        [(RequestState.Reopened, RequestAction.Escalate)] = RequestState.Escalated,
        [(RequestState.Reopened, RequestAction.Extend)] = RequestState.Reopened,
        // A progress update (阶段性反馈) by the handling unit keeps the state and moves the update deadline on.
        [(RequestState.Accepted, RequestAction.Progress)] = RequestState.Accepted,
        [(RequestState.Contacted, RequestAction.Progress)] = RequestState.Contacted,
        [(RequestState.Escalated, RequestAction.Progress)] = RequestState.Escalated,
        [(RequestState.Reopened, RequestAction.Progress)] = RequestState.Reopened,
        // An agent merges a duplicate into a primary request: the duplicate is closed as merged.
        [(RequestState.Received, RequestAction.Merge)] = RequestState.Closed,
        [(RequestState.Returned, RequestAction.Merge)] = RequestState.Closed,
        [(RequestState.Dispatched, RequestAction.Merge)] = RequestState.Closed,
        [(RequestState.Accepted, RequestAction.Merge)] = RequestState.Closed,
        [(RequestState.Contacted, RequestAction.Merge)] = RequestState.Closed,
        [(RequestState.Escalated, RequestAction.Merge)] = RequestState.Closed,
        [(RequestState.Reopened, RequestAction.Merge)] = RequestState.Closed,
    };

    public static bool CanApply(RequestState state, RequestAction action) => Table.ContainsKey((state, action));

    public static bool TryApply(RequestState state, RequestAction action, out RequestState next) => Table.TryGetValue((state, action), out next);

    public static IEnumerable<RequestAction> AllowedFrom(RequestState state) =>
        Table.Keys.Where(k => k.Item1 == state).Select(k => k.Item2);

    /// <summary>States in which the unit's contact and resolution clocks run and overdue escalation applies.</summary>
    public static bool IsOpenForHandling(RequestState s) => s is RequestState.Dispatched or RequestState.Accepted or RequestState.Contacted or RequestState.Reopened;

    public static bool IsFinished(RequestState s) => s is RequestState.Resolved or RequestState.VisitedBack or RequestState.Closed;
}
