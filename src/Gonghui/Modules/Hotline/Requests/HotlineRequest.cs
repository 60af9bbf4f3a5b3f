using Gonghui.Modules.Hotline.Deadlines;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Scope;

namespace Gonghui.Modules.Hotline.Requests;

public enum Channel { Phone = 0, Portal = 1, Api = 2, Open311 = 3 }

/// <summary>Thrown by a state change the transition table refuses; endpoints answer 409 naming the current state.</summary>
public sealed class IllegalTransitionException(RequestState state, RequestAction action)
    : InvalidOperationException($"A request in state {state} cannot {action}.")
{
    public RequestState State { get; } = state;
    public RequestAction Action { get; } = action;
}

/// <summary>A worker's request to the 12351 hotline (诉求). State changes go through <see cref="Apply"/> and the transition table.</summary>
public sealed class HotlineRequest : IAudited
{
    private HotlineRequest() { }

    public Guid Id { get; private set; }
    public string TrackingCode { get; private set; } = "";
    public Channel Channel { get; private set; }
    public RequestState State { get; private set; }
    public string Category { get; private set; } = "";
    public string? SubCategory { get; private set; }
    public Urgency Urgency { get; private set; }
    public string Description { get; private set; } = "";
    public string? CallerName { get; private set; }
    public string? PhoneCipher { get; private set; }
    public string? PhoneHash { get; private set; }
    public string? PhoneMasked { get; private set; }
    public Guid? MemberId { get; private set; }
    public Guid? FiledByUserId { get; private set; }
    public Guid? EnterpriseId { get; private set; }
    public string? EnterpriseName { get; private set; }
    public string? DistrictCode { get; private set; }
    public string? Address { get; private set; }
    public double? Latitude { get; private set; }
    public double? Longitude { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public DateTimeOffset ContactDueAt { get; private set; }
    public DateTimeOffset UpdateDueAt { get; private set; }
    public DateTimeOffset ResolutionDueAt { get; private set; }
    public Guid? LeadUnitId { get; private set; }
    /// <summary>Materialised path of the lead unit (the federation's before dispatch): the request's scope.</summary>
    public string ScopePath { get; private set; } = "";
    /// <summary>The district of <see cref="ScopePath"/> (<see cref="ScopeFilter.DistrictOf"/>: "/BJ/DC/"; null before dispatch),
    /// set with it: a district's list is an equality on this column, served in order by its (district, received at, id) index.</summary>
    public string? ScopeDistrict { get; private set; }
    public DateTimeOffset? DispatchedAt { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public DateTimeOffset? ContactedAt { get; private set; }
    public bool? ContactedInTime { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? ResolutionNote { get; private set; }
    public int ExtensionDays { get; private set; }
    public int ExtensionRequestedDays { get; private set; }
    /// <summary>Recorded pauses as "fromTicks-toTicks;…" (UTC ticks; open pause has no end).</summary>
    public string Pauses { get; private set; } = "";
    public DateTimeOffset? PausedSince { get; private set; }
    public int TimesReopened { get; private set; }
    public int EscalationLevel { get; private set; }
    public Guid? EscalatedToUnitId { get; private set; }
    public bool Overdue { get; private set; }
    public DateTimeOffset? VisitedAt { get; private set; }
    public bool? VisitReached { get; private set; }
    public bool? VisitSolved { get; private set; }
    public Satisfaction? VisitSatisfaction { get; private set; }
    /// <summary>The lead unit when the worker was visited back: the unit the visit's rates count for.</summary>
    public Guid? VisitUnitId { get; private set; }
    public Guid? MergedIntoId { get; private set; }
    /// <summary>How many duplicates were merged into this request (it is then a primary and cannot itself be merged).</summary>
    public int MergedCount { get; private set; }
    /// <summary>When the handling unit last posted a progress update (阶段性反馈); the next update is due from then.</summary>
    public DateTimeOffset? LastProgressAt { get; private set; }
    /// <summary>Optimistic concurrency: bumped by every change; a stale writer gets a conflict.</summary>
    public int Version { get; private set; }

    public static HotlineRequest File(Channel channel, string category, string? subCategory, Urgency urgency, string description,
        DateTimeOffset receivedAt, string federationPath, Deadlines.Deadlines due, string trackingCode)
    {
        receivedAt = receivedAt.ToUniversalTime();
        return new HotlineRequest
        {
            Id = Guid.CreateVersion7(), Channel = channel, Category = category, SubCategory = subCategory, Urgency = urgency,
            Description = description, ReceivedAt = receivedAt, ScopePath = federationPath, ScopeDistrict = ScopeFilter.DistrictOf(federationPath), State = RequestState.Received,
            ContactDueAt = due.ContactDue.ToUniversalTime(), UpdateDueAt = due.UpdateDue.ToUniversalTime(), ResolutionDueAt = due.ResolutionDue.ToUniversalTime(), TrackingCode = trackingCode, Version = 1,
        };
    }

    public void SetCaller(string? name, string? phoneCipher, string? phoneHash, string? phoneMasked, Guid? memberId, Guid? filedBy)
    {
        CallerName = name; PhoneCipher = phoneCipher; PhoneHash = phoneHash; PhoneMasked = phoneMasked; MemberId = memberId; FiledByUserId = filedBy;
    }

    public void SetPlace(Guid? enterpriseId, string? enterpriseName, string? districtCode, string? address, double? lat, double? lon)
    {
        EnterpriseId = enterpriseId; EnterpriseName = enterpriseName; DistrictCode = districtCode; Address = address; Latitude = lat; Longitude = lon;
    }

    /// <summary>Checks the table, moves the state and bumps the version; returns the state it left.</summary>
    public RequestState Apply(RequestAction action)
    {
        if (!RequestStateMachine.TryApply(State, action, out var next)) throw new IllegalTransitionException(State, action);
        var from = State;
        State = next;
        Version++;
        return from;
    }

    public void Dispatch(Guid leadUnitId, string leadUnitPath, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        Apply(RequestAction.Dispatch);
        LeadUnitId = leadUnitId; SetScope(leadUnitPath); DispatchedAt = now; AcceptedAt = null;
    }

    public void Accept(DateTimeOffset now) { Apply(RequestAction.Accept); AcceptedAt ??= now.ToUniversalTime(); }

    public void Return(string federationPath)
    {
        Apply(RequestAction.Return);
        LeadUnitId = null; SetScope(federationPath); AcceptedAt = null;
    }

    // The scope and its district change together, always.
    private void SetScope(string path) { ScopePath = path; ScopeDistrict = ScopeFilter.DistrictOf(path); }

    public void Contact(DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        Apply(RequestAction.Contact);
        if (ContactedAt is null) { ContactedAt = now; ContactedInTime = now <= ContactDueAt; }
    }

    public void Resolve(string? note, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        if (PausedSince is not null) throw new IllegalTransitionException(State, RequestAction.Resolve);
        Apply(RequestAction.Resolve);
        ResolvedAt = now; ResolutionNote = note;
    }

    public void Escalate(Guid? toUnitId, bool overdue)
    {
        Apply(RequestAction.Escalate);
        EscalationLevel++; EscalatedToUnitId = toUnitId;
        if (overdue) Overdue = true;
    }

    public void Reopen()
    {
        Apply(RequestAction.Reopen);
        TimesReopened++; ResolvedAt = null; ClosedAt = null;
    }

    public void Close(DateTimeOffset now) { Apply(RequestAction.Close); ClosedAt = now.ToUniversalTime(); }

    public void RecordVisit(bool reached, bool solved, Satisfaction satisfaction, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        Apply(RequestAction.Visit);
        VisitedAt = now; VisitReached = reached; VisitSolved = reached && solved; VisitSatisfaction = reached ? satisfaction : null; VisitUnitId = LeadUnitId;
    }

    public void RequestExtension(int days) { Apply(RequestAction.Extend); ExtensionRequestedDays = days; }

    public void ApproveExtension(DeadlinePolicy policy, DateTimeOffset now)
    {
        if (ExtensionRequestedDays <= 0) throw new IllegalTransitionException(State, RequestAction.Extend);
        ExtensionDays += ExtensionRequestedDays; ExtensionRequestedDays = 0; Version++;
        Recompute(policy, now);
    }

    public void Pause(DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        if (PausedSince is not null) throw new IllegalTransitionException(State, RequestAction.Pause);
        Apply(RequestAction.Pause);
        PausedSince = now;
    }

    public void Resume(DeadlinePolicy policy, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        if (PausedSince is null) throw new IllegalTransitionException(State, RequestAction.Resume);
        Apply(RequestAction.Resume);
        Pauses = (Pauses.Length == 0 ? "" : Pauses + ";") + $"{PausedSince.Value.UtcTicks}-{now.UtcTicks}";
        PausedSince = null;
        Recompute(policy, now);
    }


    public IReadOnlyList<PauseSpan> PauseSpans()
    {
        var list = new List<PauseSpan>();
        foreach (var part in Pauses.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var ab = part.Split('-');
            list.Add(new PauseSpan(new DateTimeOffset(long.Parse(ab[0]), TimeSpan.Zero), new DateTimeOffset(long.Parse(ab[1]), TimeSpan.Zero)));
        }
        if (PausedSince is { } p) list.Add(new PauseSpan(p, null));
        return list;
    }

    /// <summary>Deadlines from the receipt time, the current rules, the kept pauses and approved extensions.</summary>
    public void Recompute(DeadlinePolicy policy, DateTimeOffset now)
    {
        var d = policy.All(Category, Urgency, ReceivedAt, PauseSpans(), ExtensionDays, now);
        ContactDueAt = d.ContactDue.ToUniversalTime(); UpdateDueAt = d.UpdateDue.ToUniversalTime(); ResolutionDueAt = d.ResolutionDue.ToUniversalTime();
        if (LastProgressAt is not null) UpdateDueAt = NextUpdateDue(policy, now);
    }

    public bool IsOverdueAt(DateTimeOffset now) =>
        PausedSince is null && RequestStateMachine.IsOpenForHandling(State) && ((ContactedAt is null && ContactDueAt < now) || ResolutionDueAt < now || UpdateDueAt < now);

    /// <summary>The unit owes a progress update: the request is being handled (or under supervision), not paused, and the update deadline has passed.</summary>
    public bool IsUpdateOverdueAt(DateTimeOffset now) =>
        PausedSince is null && (RequestStateMachine.IsOpenForHandling(State) || State == RequestState.Escalated) && UpdateDueAt < now;

    /// <summary>A progress update (阶段性反馈): the next update falls due one update tier after it.</summary>
    public void Progress(DeadlinePolicy policy, DateTimeOffset now)
    {
        now = now.ToUniversalTime();
        Apply(RequestAction.Progress);
        LastProgressAt = now;
        UpdateDueAt = NextUpdateDue(policy, now);
    }

    /// <summary>The update deadline counted from the last progress update, with the pauses after it added on.</summary>
    private DateTimeOffset NextUpdateDue(DeadlinePolicy policy, DateTimeOffset now)
    {
        var from = LastProgressAt ?? ReceivedAt;
        var pauses = PauseSpans().Where(p => (p.To ?? now) > from).Select(p => p.From < from ? p with { From = from } : p).ToList();
        return policy.Due(DeadlineKind.Update, Category, Urgency, from, pauses, 0, now).ToUniversalTime();
    }

    /// <summary>Closes this request as a duplicate of <paramref name="primaryId"/>; it leaves the rates (only the primary counts).</summary>
    public void MergeInto(Guid primaryId, DateTimeOffset now)
    {
        Apply(RequestAction.Merge);
        MergedIntoId = primaryId; ClosedAt = now.ToUniversalTime(); PausedSince = null;
    }

    /// <summary>The primary side of a merge: counted, and the version bumped so a concurrent merge or change conflicts.</summary>
    public void AcceptMerged() { MergedCount++; Version++; }
}

/// <summary>One step on a request's timeline (also in the audit trail).</summary>
public sealed class HotlineRequestEvent
{
    public long Id { get; private set; }
    public Guid RequestId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Actor { get; private set; } = "";
    public string Action { get; private set; } = "";
    public RequestState? FromState { get; private set; }
    public RequestState ToState { get; private set; }
    public Guid? UnitId { get; private set; }
    public string? Note { get; private set; }

    public static HotlineRequestEvent Of(HotlineRequest r, string action, RequestState? from, string actor, DateTimeOffset at, Guid? unitId = null, string? note = null) =>
        new() { RequestId = r.Id, At = at.ToUniversalTime(), Actor = actor, Action = action, FromState = from, ToState = r.State, UnitId = unitId, Note = note };
}

/// <summary>
/// A co-handling unit (协办) of a request, with its path and its district (<see cref="ScopeFilter.DistrictOf"/> the path, set
/// together by <see cref="Of"/>) so that scope can include it: a district reads its co-handled requests by equality on the
/// indexed district, which SQLite serves (a path prefix <c>LIKE</c> it does not).
/// </summary>
public sealed class HotlineCoUnit
{
    public Guid RequestId { get; private set; }
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public string? UnitDistrict { get; private set; }

    public static HotlineCoUnit Of(Guid requestId, Guid unitId, string unitPath) =>
        new() { RequestId = requestId, UnitId = unitId, UnitPath = unitPath, UnitDistrict = ScopeFilter.DistrictOf(unitPath) };
}

/// <summary>One return visit (回访): reached or not, solved or not, how satisfied.</summary>
public sealed class HotlineVisit : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid RequestId { get; set; }
    public DateTimeOffset At { get; set; }
    public string Agent { get; set; } = "";
    public bool Reached { get; set; }
    public bool Solved { get; set; }
    public Satisfaction? Satisfaction { get; set; }
    public string? Note { get; set; }
    public Guid? UnitId { get; set; }
}

public enum AttachmentStage { Intake = 0, Handling = 1 }

/// <summary>A file attached to a request: bytes stored once under the data directory by their SHA-256, metadata here.</summary>
public sealed class HotlineAttachment : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid RequestId { get; set; }
    public string Sha256 { get; set; } = "";
    public string FileName { get; set; } = "";
    public string Kind { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public AttachmentStage Stage { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
}

/// <summary>A link from a request to a hardship file, a mutual-aid claim or (external, by number) a legal-aid case.</summary>
public sealed class HotlineLink : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid RequestId { get; set; }
    public LinkKind Kind { get; set; }
    /// <summary>The linked record's id in its module (null for an external legal-aid reference).</summary>
    public Guid? TargetId { get; set; }
    /// <summary>The number shown: file number, claim id, or the legal-aid case number.</summary>
    public string Reference { get; set; } = "";
    public string Label { get; set; } = "";
    /// <summary>Organisation path of the linked record's unit: the link is shown only to staff whose scope covers it.</summary>
    public string? TargetPath { get; set; }
    public DateTimeOffset LinkedAt { get; set; }
    public string LinkedBy { get; set; } = "";
}

public enum AlertStatus { Open = 0, Topic = 1, Closed = 2 }

/// <summary>A cluster of repeated requests (未诉先办) raised for a district; a candidate monthly topic (每月一题).</summary>
public sealed class HotlineAlert : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Key { get; set; } = "";
    public string Label { get; set; } = "";
    public string Category { get; set; } = "";
    public string? DistrictCode { get; set; }
    public string ScopePath { get; set; } = "";
    public int Count { get; set; }
    public DateTimeOffset From { get; set; }
    public DateTimeOffset To { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public AlertStatus Status { get; set; }
}

/// <summary>A remembered Idempotency-Key: a retry with the same key returns the first answer and acts no more.</summary>
public sealed class HotlineIdempotencyKey
{
    public string Key { get; set; } = "";
    public Guid RequestId { get; set; }
    public string Action { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
