using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Platform.Http;

namespace Gonghui.Modules.Hotline.Transitions;

/// <summary>结案: the agent closes a request (a visit back usually does it, see <see cref="VisitBack"/>).</summary>
internal sealed class Close : IRequestTransition
{
    public RequestAction Action => RequestAction.Close;
    public bool AgentOnly => true;

    public Task<Outcome<HotlineRequest>?> ApplyAsync(Transition t, CancellationToken ct)
    {
        t.Request.Close(t.Now);
        return Task.FromResult<Outcome<HotlineRequest>?>(null);
    }
}

/// <summary>重启: the agent reopens a resolved or closed request.</summary>
internal sealed class Reopen : IRequestTransition
{
    public RequestAction Action => RequestAction.Reopen;
    public bool AgentOnly => true;

    public Task<Outcome<HotlineRequest>?> ApplyAsync(Transition t, CancellationToken ct)
    {
        t.Request.Reopen();
        return Task.FromResult<Outcome<HotlineRequest>?>(null);
    }
}
