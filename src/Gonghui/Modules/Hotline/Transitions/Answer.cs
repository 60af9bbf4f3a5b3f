using Gonghui.Modules.Hotline.Deadlines;
using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Platform.Http;

namespace Gonghui.Modules.Hotline.Transitions;

// The lead unit's work on a request, in order: accept it (签收), contact the caller (联系), report progress (进展),
// resolve it (办结) with a note saying how.

/// <summary>签收: the lead unit takes the request on.</summary>
internal sealed class Accept : IRequestTransition
{
    public RequestAction Action => RequestAction.Accept;

    public Task<Outcome<HotlineRequest>?> ApplyAsync(Transition t, CancellationToken ct)
    {
        t.Request.Accept(t.Now);
        return Task.FromResult<Outcome<HotlineRequest>?>(null);
    }
}

/// <summary>联系: the lead unit reached the caller (the contact deadline is met or missed here).</summary>
internal sealed class Contact : IRequestTransition
{
    public RequestAction Action => RequestAction.Contact;

    public Task<Outcome<HotlineRequest>?> ApplyAsync(Transition t, CancellationToken ct)
    {
        t.Request.Contact(t.Now);
        return Task.FromResult<Outcome<HotlineRequest>?>(null);
    }
}

/// <summary>进展: a progress note, which restarts the update deadline.</summary>
internal sealed class Progress(DeadlinePolicy policy) : IRequestTransition
{
    public RequestAction Action => RequestAction.Progress;

    public Task<Outcome<HotlineRequest>?> ApplyAsync(Transition t, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(t.Note)) t.Errors.Add("note", HotlineCodes.ProgressNoteRequired);
        else t.Request.Progress(policy, t.Now);
        return Task.FromResult<Outcome<HotlineRequest>?>(null);
    }
}

/// <summary>办结: resolved, with a note saying how; the caller is told by SMS that a visit will follow.</summary>
internal sealed class Resolve(HotlineService svc) : IRequestTransition
{
    public RequestAction Action => RequestAction.Resolve;

    public Task<Outcome<HotlineRequest>?> ApplyAsync(Transition t, CancellationToken ct)
    {
        var r = t.Request;
        if (string.IsNullOrWhiteSpace(t.Note)) { t.Errors.Add("note", HotlineCodes.ResolutionNoteRequired); return Task.FromResult<Outcome<HotlineRequest>?>(null); }
        if (r.PausedSince is not null) return Task.FromResult<Outcome<HotlineRequest>?>(Outcome<HotlineRequest>.Conflict(HotlineCodes.WaitingOnWorker, null, r.State));
        r.Resolve(t.Note, t.Now);
        if (r.PhoneCipher is not null) t.Rows.Add(svc.Sms(r, $"【12351】您的诉求 {r.TrackingCode} 已办结，我们将回访了解您是否满意。"));
        return Task.FromResult<Outcome<HotlineRequest>?>(null);
    }
}
