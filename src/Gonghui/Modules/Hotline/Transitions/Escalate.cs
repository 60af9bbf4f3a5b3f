using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Platform.Http;

namespace Gonghui.Modules.Hotline.Transitions;

/// <summary>升级: the request goes up to the lead unit's parent (the overdue scanner does the same when a deadline passes).</summary>
internal sealed class Escalate(HotlineService svc) : IRequestTransition
{
    public RequestAction Action => RequestAction.Escalate;

    public async Task<Outcome<HotlineRequest>?> ApplyAsync(Transition t, CancellationToken ct)
    {
        var parent = await svc.ParentUnitAsync(t.Request, ct);
        t.Request.Escalate(parent?.Id, overdue: false);
        t.UnitForEvent = parent?.Id;
        return null;
    }
}
