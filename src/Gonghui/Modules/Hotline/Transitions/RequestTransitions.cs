using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Hotline.Transitions;

/// <summary>The body of every transition POST; each step reads the fields it needs.</summary>
public sealed record TransitionBody(
    int? Version = null, string? Note = null, Guid? UnitId = null, List<Guid>? CoUnitIds = null, int? Days = null,
    bool? Reached = null, bool? Solved = null, Satisfaction? Satisfaction = null, Guid? TargetId = null);

/// <summary>
/// One step in a request's life (dispatch, accept, return, …), taken by <see cref="RequestTransitions"/> once the shared
/// checks have passed. A step validates what it reads from the body (field codes in <see cref="Transition.Errors"/>),
/// changes the request and leaves the rows that go with the change (notifications, visits) in <see cref="Transition.Rows"/>.
/// </summary>
internal interface IRequestTransition
{
    RequestAction Action { get; }

    /// <summary>Only a hotline agent takes this step (a dispatch also a supervisor of the lead unit).</summary>
    bool AgentOnly => false;

    /// <summary>Applies the step; answers a refusal, or null when applied or when <see cref="Transition.Errors"/> has field errors.</summary>
    Task<Outcome<HotlineRequest>?> ApplyAsync(Transition t, CancellationToken ct);
}

/// <summary>What a step works on and what it leaves for the shared save.</summary>
internal sealed class Transition(HotlineRequest request, TransitionBody body, DateTimeOffset now)
{
    public HotlineRequest Request { get; } = request;
    public TransitionBody Body { get; } = body;
    public DateTimeOffset Now { get; } = now;
    public RequestState From { get; } = request.State;

    /// <summary>The timeline note (the body's note, trimmed; a step may reword it).</summary>
    public string? Note { get; set; } = body.Note?.Trim();

    /// <summary>The unit the timeline entry names (the unit dispatched to, escalated to, handing back).</summary>
    public Guid? UnitForEvent { get; set; }

    public Api.Errors Errors { get; } = new();

    /// <summary>Rows saved with the change (outbox messages, visits, extra timeline entries).</summary>
    public List<object> Rows { get; } = [];

    /// <summary>The step wrote its own timeline entries (a visit: the visit, then the close or the reopening).</summary>
    public bool WritesOwnTimeline { get; set; }
}

/// <summary>
/// The hotline's transitions (<c>POST /api/v1/hotline/requests/{id}/{action}</c> and the detail page's buttons): the
/// checks every step shares (scope, role, idempotency key, version, state machine), then the step itself, then one save
/// with the timeline entry, the audit entry and the step's notifications. Failures carry codes of <see cref="HotlineText"/>.
/// </summary>
internal sealed class RequestTransitions(HotlineService svc, GonghuiDb db, CurrentUser me, TimeProvider clock, IEnumerable<IRequestTransition> steps)
{
    private readonly Dictionary<RequestAction, IRequestTransition> _steps = steps.ToDictionary(s => s.Action);

    /// <summary>The actions that have a step (every action but a merge, which has its own use case).</summary>
    public static readonly RequestAction[] Actions =
    [
        RequestAction.Dispatch, RequestAction.Accept, RequestAction.Return, RequestAction.Contact, RequestAction.Resolve, RequestAction.Visit,
        RequestAction.Escalate, RequestAction.Reopen, RequestAction.Extend, RequestAction.Close, RequestAction.Pause, RequestAction.Resume, RequestAction.Progress,
    ];

    /// <summary>Runs one transition with scope, role, idempotency and concurrency checks; records timeline, audit and notifications.</summary>
    public async Task<Outcome<HotlineRequest>> ActAsync(Guid id, RequestAction action, TransitionBody body, string? idempotencyKey, CancellationToken ct)
    {
        var r = await svc.FindVisibleAsync(id, ct);
        if (r is null || !me.IsStaff) return Outcome<HotlineRequest>.NotFound();
        string? idemKey = null;
        if (!string.IsNullOrWhiteSpace(idempotencyKey))
        {
            idemKey = $"{me.UserId}:{idempotencyKey.Trim()}";
            if (idemKey.Length > 200) return Outcome<HotlineRequest>.Invalid("Idempotency-Key", HotlineCodes.IdempotencyKeyTooLong);
            var seen = await db.Set<HotlineIdempotencyKey>().AsNoTracking().FirstOrDefaultAsync(k => k.Key == idemKey, ct);
            if (seen is not null)
                return seen.RequestId == id && seen.Action == action.ToString() ? Outcome<HotlineRequest>.Ok(r) : Outcome<HotlineRequest>.Conflict(HotlineCodes.IdempotencyKeyReused);
        }
        if (!svc.IsAgent && !ScopeFilter.Covers(await me.ScopePathAsync(ct), r.ScopePath))
            return Outcome<HotlineRequest>.Conflict(HotlineCodes.LeadUnitActs, null, r.State);
        if (body.Version is { } v && v != r.Version) return Outcome<HotlineRequest>.Conflict(HotlineCodes.VersionChanged, null, r.Version, v, r.State);
        if (!RequestStateMachine.CanApply(r.State, action) || !_steps.TryGetValue(action, out var step)) return Illegal(r.State, action);
        if (step.AgentOnly && !svc.IsAgent && !(action == RequestAction.Dispatch && await svc.IsParentSupervisorAsync(r, ct)))
            return Outcome<HotlineRequest>.Conflict(HotlineCodes.AgentOnly, null, Verb(action), r.State);
        var t = new Transition(r, body, clock.GetUtcNow());
        try
        {
            if (await step.ApplyAsync(t, ct) is { } refused) return refused;
        }
        catch (IllegalTransitionException ex)
        {
            return Illegal(ex.State, ex.Action);
        }
        if (t.Errors.Any) return Outcome<HotlineRequest>.Invalid(t.Errors);
        if (!t.WritesOwnTimeline) db.Add(HotlineRequestEvent.Of(r, Verb(action), t.From, me.Name, t.Now, t.UnitForEvent, t.Note));
        foreach (var x in t.Rows) db.Add(x);
        if (idemKey is not null) db.Add(new HotlineIdempotencyKey { Key = idemKey, RequestId = r.Id, Action = action.ToString(), At = t.Now });
        try
        {
            // Besides the row-level audit of the request, each step is named in the trail with its before and after state.
            await db.SaveChangesWithAuditAsync([svc.Audit("hotline." + Verb(action), r, new { from = t.From.ToString(), to = r.State.ToString(), note = body.Note })], ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<HotlineRequest>.Conflict(HotlineCodes.ChangedConcurrently);
        }
        catch (DbUpdateException) when (idemKey is not null)
        {
            return Outcome<HotlineRequest>.Conflict(HotlineCodes.IdempotencyKeyInUse);
        }
        return Outcome<HotlineRequest>.Ok(r);
    }

    /// <summary>The action as the timeline, the audit trail and the API routes name it.</summary>
    public static string Verb(RequestAction action) => action.ToString().ToLowerInvariant();

    /// <summary>Refused: the state machine has no such step from this state.</summary>
    public static Outcome<HotlineRequest> Illegal(RequestState state, RequestAction action) =>
        Outcome<HotlineRequest>.Conflict(HotlineCodes.IllegalTransition, null, state, Verb(action));
}
