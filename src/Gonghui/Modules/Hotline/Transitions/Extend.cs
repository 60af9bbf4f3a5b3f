using Gonghui.Modules.Hotline.Deadlines;
using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Hotline.Transitions;

/// <summary>
/// 延期: the lead unit asks for 1 to 30 more working days; an agent or a supervisor of the lead unit gets them at once,
/// anyone else waits for <see cref="ApproveExtension"/>.
/// </summary>
internal sealed class Extend(HotlineService svc, DeadlinePolicy policy) : IRequestTransition
{
    public RequestAction Action => RequestAction.Extend;

    public async Task<Outcome<HotlineRequest>?> ApplyAsync(Transition t, CancellationToken ct)
    {
        if (t.Body.Days is not (>= 1 and <= 30)) { t.Errors.Add("days", HotlineCodes.ExtensionDaysRange); return null; }
        t.Request.RequestExtension(t.Body.Days.Value);
        t.Note = $"+{t.Body.Days} {t.Note}".Trim();
        if (svc.IsAgent || await svc.IsParentSupervisorAsync(t.Request, ct))
        {
            t.Request.ApproveExtension(policy, t.Now);
            t.Note += " (approved)";
        }
        return null;
    }
}

/// <summary>批准延期: a supervisor (a parent unit or the federation) grants the days a lead unit asked for.</summary>
internal sealed class ApproveExtension(HotlineService svc, GonghuiDb db, CurrentUser me, TimeProvider clock, DeadlinePolicy policy)
{
    public async Task<Outcome<HotlineRequest>> ApproveAsync(Guid id, CancellationToken ct)
    {
        var r = await svc.FindVisibleAsync(id, ct);
        if (r is null || !me.IsStaff) return Outcome<HotlineRequest>.NotFound();
        if (r.ExtensionRequestedDays <= 0) return Outcome<HotlineRequest>.Conflict(HotlineCodes.NoExtensionWaiting, null, r.State);
        if (!svc.IsAgent && !await svc.IsParentSupervisorAsync(r, ct)) return Outcome<HotlineRequest>.Conflict(HotlineCodes.SupervisorApproves);
        var days = r.ExtensionRequestedDays;
        r.ApproveExtension(policy, clock.GetUtcNow());
        db.Add(HotlineRequestEvent.Of(r, "extend-approved", r.State, me.Name, clock.GetUtcNow(), note: $"+{days}"));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<HotlineRequest>.Conflict(HotlineCodes.ChangedConcurrently); }
        return Outcome<HotlineRequest>.Ok(r);
    }
}
