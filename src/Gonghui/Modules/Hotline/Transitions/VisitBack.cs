using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;

namespace Gonghui.Modules.Hotline.Transitions;

/// <summary>
/// 回访: the agent calls the worker back after the resolution. Reached, solved or satisfied enough, the request closes;
/// otherwise it reopens once and goes up to the lead unit's parent (<see cref="VisitOutcome"/>). The visit feeds the rates.
/// </summary>
internal sealed class VisitBack(HotlineService svc, CurrentUser me) : IRequestTransition
{
    public RequestAction Action => RequestAction.Visit;
    public bool AgentOnly => true;

    public async Task<Outcome<HotlineRequest>?> ApplyAsync(Transition t, CancellationToken ct)
    {
        var (r, body, now, note) = (t.Request, t.Body, t.Now, t.Note);
        if (body.Reached is null) t.Errors.Add("reached", HotlineCodes.VisitReachedRequired);
        if (body.Reached == true && body.Solved is null) t.Errors.Add("solved", HotlineCodes.VisitSolvedRequired);
        if (body.Reached == true && body.Satisfaction is null) t.Errors.Add("satisfaction", HotlineCodes.VisitSatisfactionRequired);
        if (t.Errors.Any) return null;
        var reached = body.Reached!.Value;
        var solved = body.Solved ?? false;
        var sat = body.Satisfaction ?? Satisfaction.Dissatisfied;
        r.RecordVisit(reached, solved, sat, now);
        t.WritesOwnTimeline = true;
        t.Rows.Add(new HotlineVisit { RequestId = r.Id, At = now, Agent = me.Name, Reached = reached, Solved = reached && solved, Satisfaction = reached ? sat : null, Note = note, UnitId = r.LeadUnitId });
        t.Rows.Add(HotlineRequestEvent.Of(r, "visit", t.From, me.Name, now, r.LeadUnitId, $"{(reached ? (solved ? "solved" : "unsolved") + "/" + sat : "not reached")} {note}".Trim()));
        var next = VisitOutcome.After(reached, solved, sat, r.TimesReopened);
        var before = r.State;
        if (next == VisitOutcome.Next.ReopenAndEscalate)
        {
            r.Reopen();
            t.Rows.Add(HotlineRequestEvent.Of(r, "reopen", before, me.Name, now, note: "visit"));
            var parent = await svc.ParentUnitAsync(r, ct);
            var reopened = r.State;
            r.Escalate(parent?.Id, overdue: false);
            t.Rows.Add(HotlineRequestEvent.Of(r, "escalate", reopened, me.Name, now, parent?.Id, "visit"));
        }
        else
        {
            r.Close(now);
            t.Rows.Add(HotlineRequestEvent.Of(r, "close", before, me.Name, now, note: next.ToString()));
        }
        return null;
    }
}
