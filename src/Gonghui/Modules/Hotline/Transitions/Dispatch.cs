using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Notifications;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Hotline.Transitions;

/// <summary>
/// 派单: the agent (or a supervisor of the lead unit) sends the request to a lead unit (主办) and co-handling units (协办);
/// without a unit, to the suggested ones. The lead unit is told by the outbox when to contact the caller.
/// </summary>
internal sealed class Dispatch(HotlineService svc, GonghuiDb db) : IRequestTransition
{
    public RequestAction Action => RequestAction.Dispatch;
    public bool AgentOnly => true;

    public async Task<Outcome<HotlineRequest>?> ApplyAsync(Transition t, CancellationToken ct)
    {
        var r = t.Request;
        var units = await svc.UnitsAsync(ct);
        var leadId = t.Body.UnitId ?? (await svc.SuggestAsync(r, ct)).LeadUnitId;
        var lead = units.FirstOrDefault(u => u.Id == leadId);
        if (lead is null) { t.Errors.Add("unitId", HotlineCodes.DispatchUnitInvalid); return null; }
        var co = t.Body.UnitId is null ? (await svc.SuggestAsync(r, ct)).CoUnitIds.ToList() : t.Body.CoUnitIds ?? [];
        r.Dispatch(lead.Id, lead.Path, t.Now);
        db.RemoveRange(await db.Set<HotlineCoUnit>().Where(c => c.RequestId == r.Id).ToListAsync(ct));
        foreach (var cu in co.Distinct().Where(c => c != lead.Id))
            if (units.FirstOrDefault(u => u.Id == cu) is { } cunit) db.Add(HotlineCoUnit.Of(r.Id, cunit.Id, cunit.Path));
        t.UnitForEvent = lead.Id;
        t.Rows.Add(new OutboxMessage
        {
            Channel = "unit", ToUnitId = lead.Id, SubjectId = r.Id, CreatedAt = t.Now, NextAttemptAt = t.Now,
            Body = $"【12351】新派单 {r.TrackingCode}，请在 {BeijingTime.ToLocal(r.ContactDueAt):MM-dd HH:mm} 前联系来电人。",
        });
        return null;
    }
}
