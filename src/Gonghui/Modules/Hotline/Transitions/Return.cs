using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Platform.Http;

namespace Gonghui.Modules.Hotline.Transitions;

/// <summary>退回: the lead unit hands the request back to the federation's agents, with a reason, for another dispatch.</summary>
internal sealed class Return(HotlineService svc) : IRequestTransition
{
    public RequestAction Action => RequestAction.Return;

    public async Task<Outcome<HotlineRequest>?> ApplyAsync(Transition t, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(t.Note)) { t.Errors.Add("note", HotlineCodes.ReturnReasonRequired); return null; }
        t.UnitForEvent = t.Request.LeadUnitId;
        t.Request.Return(await svc.FederationPathAsync(ct));
        return null;
    }
}
