using Gonghui.Modules.Hotline.Deadlines;
using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Platform.Http;

namespace Gonghui.Modules.Hotline.Transitions;

/// <summary>暂停: the lead unit waits on the worker (papers, a date); the clock stops.</summary>
internal sealed class Pause : IRequestTransition
{
    public RequestAction Action => RequestAction.Pause;

    public Task<Outcome<HotlineRequest>?> ApplyAsync(Transition t, CancellationToken ct)
    {
        t.Request.Pause(t.Now);
        return Task.FromResult<Outcome<HotlineRequest>?>(null);
    }
}

/// <summary>恢复: the worker answered; the deadlines move by the working time spent waiting.</summary>
internal sealed class Resume(DeadlinePolicy policy) : IRequestTransition
{
    public RequestAction Action => RequestAction.Resume;

    public Task<Outcome<HotlineRequest>?> ApplyAsync(Transition t, CancellationToken ct)
    {
        t.Request.Resume(policy, t.Now);
        return Task.FromResult<Outcome<HotlineRequest>?>(null);
    }
}
