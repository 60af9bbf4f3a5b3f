using System.Security.Cryptography;
using Gonghui.Modules.ModelWorkers.Register;
using Gonghui.Modules.ModelWorkers.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.ModelWorkers.Lectures;

public sealed record TopicRequest(int? Year, string? Title, string? Summary);
public sealed record LectureRequestBody(Guid? TopicId, string? HostName, HostType? HostType, string? DistrictCode, string? Address, int? Audience,
    DateOnly? PreferredOn, Guid? UnitId);
public sealed record ScheduleRequest(Guid? SpeakerId, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);
public sealed record LectureStepRequest(LectureAction? Action, string? Reason);
public sealed record SignInRequest(string? Code);
/// <summary>A member pass (会员码) scanned at the lecture's door by the host's staff: the token its QR code carries.</summary>
public sealed record PassSignInRequest(string? Pass);
public sealed record FeedbackRequest(int? Rating, string? Comment);

public sealed record TopicView(Guid Id, int Year, string Title, string? Summary);
public sealed record LectureView(Guid Id, Guid TopicId, string Topic, string HostName, HostType HostType, string DistrictCode, string Address, int Audience,
    DateOnly PreferredOn, LectureStatus Status, Guid? SpeakerId, string? SpeakerName, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, int Attendance,
    DateTimeOffset RequestedAt, string RequestedBy, string? Reason);
/// <summary>A lecture's detail: the sign-in code is shown to staff only (it goes on the QR poster), the mean rating in tenths of a star.</summary>
public sealed record LectureDetail(LectureView Lecture, string? SignInCode, int Feedbacks, int? MeanRatingTenths, IReadOnlyList<LectureAction> Actions);
public sealed record LectureFilter(LectureStatus? Status = null, HostType? HostType = null, string? District = null);
public sealed record LectureCount(string DistrictCode, string DistrictName, HostType HostType, int Held, int Attendance);
public sealed record LectureStats(int Year, IReadOnlyList<LectureCount> Rows, int Requested, int Scheduled, int Held, int Attendance);
public sealed record SignedIn(Guid LectureId, string Topic, string HostName, DateTimeOffset At, bool Again);

/// <summary>The lecture programme's use cases: topics, requests, the schedule without double-booking, sign-in, feedback, counts, a speaker's own lectures.</summary>
internal sealed class LectureService(GonghuiDb db, CurrentUser me, TimeProvider clock, Gonghui.Platform.Passes.MemberPasses passes)
{
    // SQLite has one writer: scheduling in this process queues here (PostgreSQL locks the speaker's row).
    private static readonly SemaphoreSlim SqliteGate = new(1, 1);

    public DateOnly Today => BeijingTime.Today(clock);

    public async Task<IQueryable<Lecture>> VisibleAsync(CancellationToken ct) =>
        me.IsStaff ? db.Set<Lecture>().AsNoTracking().InScope(await me.ScopePathAsync(ct), l => l.ScopePath)
                   : db.Set<Lecture>().AsNoTracking().Where(l => false);

    private IQueryable<LectureView> Views(IQueryable<Lecture> q) =>
        from l in q
        join t in db.Set<LectureTopic>() on l.TopicId equals t.Id
        join s in db.Set<ModelWorker>() on l.SpeakerId equals s.Id into sp
        from s in sp.DefaultIfEmpty()
        select new LectureView(l.Id, l.TopicId, t.Title, l.HostName, l.HostType, l.DistrictCode, l.Address, l.Audience, l.PreferredOn, l.Status, l.SpeakerId,
            s == null ? null : s.Name, l.StartsAt, l.EndsAt, l.Attendance, l.RequestedAt, l.RequestedBy, l.Reason);

    public Task<List<TopicView>> TopicsAsync(int? year, CancellationToken ct) =>
        db.Set<LectureTopic>().AsNoTracking().Where(t => year == null || t.Year == year).OrderByDescending(t => t.Year).ThenBy(t => t.Title)
            .Select(t => new TopicView(t.Id, t.Year, t.Title, t.Summary)).Take(200).ToListAsync(ct);

    public async Task<Outcome<TopicView>> CreateTopicAsync(TopicRequest r, CancellationToken ct)
    {
        var e = new List<(string, string)>();
        if (r.Year is null || r.Year < 2000 || r.Year > Today.Year + 1) e.Add(("year", "topic.year"));
        if (string.IsNullOrWhiteSpace(r.Title) || r.Title.Trim().Length > 100) e.Add(("title", "topic.title"));
        if (r.Summary?.Trim().Length > 500) e.Add(("summary", "topic.summary"));
        if (e.Count > 0) return Outcome<TopicView>.Invalid(e);
        if (await db.Set<LectureTopic>().AnyAsync(t => t.Year == r.Year && t.Title == r.Title!.Trim(), ct)) return Outcome<TopicView>.Conflict("topic.exists");
        var t = LectureTopic.Create(r.Year!.Value, r.Title!, r.Summary, clock.GetUtcNow());
        db.Add(t);
        await db.SaveChangesAsync(ct);
        return Outcome<TopicView>.Ok(new TopicView(t.Id, t.Year, t.Title, t.Summary));
    }

    /// <summary>Records a host's request through a union in the caller's subtree (the caller's own unit by default).</summary>
    public async Task<Outcome<LectureView>> RequestAsync(LectureRequestBody r, CancellationToken ct)
    {
        var errors = LectureRules.CheckRequest(r.HostName, r.HostType, r.DistrictCode, r.Address, r.Audience, r.PreferredOn, Today,
            BeijingDistricts.NameOf(r.DistrictCode) is not null);
        if (r.TopicId is not { } topicId || !await db.Set<LectureTopic>().AnyAsync(t => t.Id == topicId, ct)) errors.Add(("topicId", "lecture.topic"));
        var scope = await me.ScopePathAsync(ct);
        var unitId = r.UnitId ?? me.OrgUnitId;
        var unit = unitId is { } uid ? await db.UnitRows().InScope(scope, u => u.Path).Where(u => u.Id == uid && !u.IsClosed).FirstOrDefaultAsync(ct) : null;
        if (unit is null) errors.Add(("unitId", "lecture.unit"));
        if (errors.Count > 0) return Outcome<LectureView>.Invalid(errors);
        var l = Lecture.Request(r.TopicId!.Value, r.HostName!, r.HostType!.Value, r.DistrictCode!, r.Address!, r.Audience!.Value, r.PreferredOn!.Value,
            unit!.Id, unit.Path, clock.GetUtcNow(), me.Name);
        db.Add(l);
        await db.SaveChangesAsync(ct);
        return Outcome<LectureView>.Ok(await Views(db.Set<Lecture>().AsNoTracking().Where(x => x.Id == l.Id)).FirstAsync(ct));
    }

    /// <summary>Lectures in scope, newest request first (keyset (requested at, id)).</summary>
    public async Task<Slice<LectureView>> ListAsync(LectureFilter f, KeysetRequest request, CancellationToken ct)
    {
        var q = await VisibleAsync(ct);
        if (f.Status is { } s) q = q.Where(l => l.Status == s);
        if (f.HostType is { } h) q = q.Where(l => l.HostType == h);
        if (!string.IsNullOrWhiteSpace(f.District)) q = q.Where(l => l.DistrictCode == f.District);
        return await q.SliceAsync(request, l => l.RequestedAt, l => l.Id, descending: true, Views, v => v.RequestedAt, v => v.Id, ct);
    }

    public async Task<Outcome<LectureDetail>> DetailAsync(Guid id, CancellationToken ct)
    {
        var l = await (await VisibleAsync(ct)).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (l is null) return Outcome<LectureDetail>.NotFound();
        var view = await Views(db.Set<Lecture>().AsNoTracking().Where(x => x.Id == id)).FirstAsync(ct);
        var ratings = await db.Set<LectureFeedback>().Where(f => f.LectureId == id).Select(f => f.Rating).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var actions = Enum.GetValues<LectureAction>().Where(a => LectureRules.Step(a, l.Status, now, l.StartsAt).Error is null).ToList();
        return Outcome<LectureDetail>.Ok(new LectureDetail(view, l.SignInCode, ratings.Count, LectureRules.MeanTenths(ratings), actions));
    }

    /// <summary>
    /// Books a speaker for a requested lecture (or moves a scheduled one) — never onto a slot that clashes with another of the
    /// speaker's lectures (travel time included). Serialised per speaker: PostgreSQL locks the speaker's row for the
    /// transaction, so two schedulers racing for one speaker are checked one after the other; SQLite has one writer.
    /// </summary>
    public async Task<Outcome<LectureView>> ScheduleAsync(Guid id, ScheduleRequest r, CancellationToken ct)
    {
        if (!await (await VisibleAsync(ct)).AnyAsync(x => x.Id == id, ct)) return Outcome<LectureView>.NotFound();
        var now = clock.GetUtcNow();
        var errors = LectureRules.CheckSlot(r.StartsAt, r.EndsAt, now);
        var speaker = r.SpeakerId is { } sid ? await db.Set<ModelWorker>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == sid && w.Lecturer, ct) : null;
        if (speaker is null) errors.Add(("speakerId", "lecture.speaker"));
        if (errors.Count > 0) return Outcome<LectureView>.Invalid(errors);
        var start = r.StartsAt!.Value.ToUniversalTime();
        var end = r.EndsAt!.Value.ToUniversalTime();
        return await PerSpeakerAsync(speaker!.Id, id, async () =>
        {
            var l = await db.Set<Lecture>().FirstAsync(x => x.Id == id, ct);
            var (to, error) = LectureRules.Step(LectureAction.Schedule, l.Status, now, l.StartsAt);
            if (to is null) return Outcome<LectureView>.Conflict(error!);
            var bookings = await db.Set<Lecture>().AsNoTracking()
                .Where(x => x.SpeakerId == speaker.Id && x.Id != id && x.Status == LectureStatus.Scheduled
                    && x.StartsAt < end + LectureRules.Travel && x.EndsAt > start - LectureRules.Travel)
                .Select(x => new { x.Id, x.StartsAt, x.EndsAt }).ToListAsync(ct);
            if (LectureRules.FirstClash(bookings.Select(b => new Booking(b.Id, b.StartsAt!.Value, b.EndsAt!.Value)), id, start, end) is { } clash)
                return Outcome<LectureView>.Conflict("lecture.speakerBusy", null, BeijingTime.Format(clash.Start), BeijingTime.Format(clash.End));
            l.Schedule(speaker.Id, start, end, LectureRules.NewCode(RandomNumberGenerator.GetBytes(15)), now);
            await db.SaveChangesAsync(ct);
            return Outcome<LectureView>.Ok(await Views(db.Set<Lecture>().AsNoTracking().Where(x => x.Id == id)).FirstAsync(ct));
        }, ct);
    }

    /// <summary>Declines or cancels a lecture (a reason is kept), or marks a scheduled one held once it has started.</summary>
    public async Task<Outcome<LectureView>> StepAsync(Guid id, LectureStepRequest r, CancellationToken ct)
    {
        if (!await (await VisibleAsync(ct)).AnyAsync(x => x.Id == id, ct)) return Outcome<LectureView>.NotFound();
        if (r.Action is not { } action || !Enum.IsDefined(action) || action == LectureAction.Schedule) return Outcome<LectureView>.Invalid("action", "lecture.action");
        if (action is LectureAction.Decline or LectureAction.Cancel && (string.IsNullOrWhiteSpace(r.Reason) || r.Reason.Trim().Length > 500))
            return Outcome<LectureView>.Invalid("reason", "lecture.reason");
        var l = await db.Set<Lecture>().FirstAsync(x => x.Id == id, ct);
        var now = clock.GetUtcNow();
        var (to, error) = LectureRules.Step(action, l.Status, now, l.StartsAt);
        if (to is null) return Outcome<LectureView>.Conflict(error!);
        l.Close(to.Value, r.Reason, now);
        await db.SaveChangesAsync(ct);
        return Outcome<LectureView>.Ok(await Views(db.Set<Lecture>().AsNoTracking().Where(x => x.Id == id)).FirstAsync(ct));
    }

    /// <summary>An attendee signs in with the code of the lecture's QR poster (a member account; a second scan answers the first sign-in).</summary>
    public async Task<Outcome<SignedIn>> SignInAsync(SignInRequest r, CancellationToken ct)
    {
        if (me.MemberId is not { } member) return Outcome<SignedIn>.Conflict("signIn.notMember");
        if (string.IsNullOrWhiteSpace(r.Code) || r.Code.Length > 40) return Outcome<SignedIn>.Invalid("code", "signIn.code");
        var l = await db.Set<Lecture>().AsNoTracking().FirstOrDefaultAsync(x => x.SignInCode == r.Code, ct);
        if (l is null) return Outcome<SignedIn>.Invalid("code", "signIn.code");
        return await AttendAsync(l, member, "code", ct);
    }

    public const string PassPurpose = "modelworkers.lecture-sign-in";

    /// <summary>
    /// Staff at the door scan an attendee's member pass (<c>Platform/Passes</c>: a 60-second HMAC-signed QR code, used once).
    /// The lecture must be in the caller's scope (else 404) and open for sign-in (checked before the pass is used, so a refused
    /// scan leaves the pass usable); then the pass is consumed (expired, forged or replayed: 400/409 with the pass's codes) and
    /// the attendance recorded with <c>via = "pass"</c>. A member already signed in answers the first sign-in (<c>again</c>).
    /// </summary>
    public async Task<Outcome<SignedIn>> PassSignInAsync(Guid id, PassSignInRequest r, CancellationToken ct)
    {
        var l = await (await VisibleAsync(ct)).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (l is null) return Outcome<SignedIn>.NotFound();
        var verified = passes.Verify(r.Pass, "pass");
        if (!verified.IsOk) return verified.As<SignedIn>();
        if (LectureRules.SignInRefusal(l.Status, l.StartsAt ?? DateTimeOffset.MinValue, l.EndsAt ?? DateTimeOffset.MinValue, clock.GetUtcNow()) is { } refusal)
            return Outcome<SignedIn>.Conflict(refusal);
        var used = await passes.ConsumeAsync(r.Pass, PassPurpose, "pass", ct);
        if (!used.IsOk) return used.As<SignedIn>();
        return await AttendAsync(l, used.Value!.MemberId, "pass", ct);
    }

    /// <summary>Records one attendance (unique per lecture and member) and the lecture's count, in one save.</summary>
    internal async Task<Outcome<SignedIn>> AttendAsync(Lecture l, Guid member, string via, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var topic = await db.Set<LectureTopic>().Where(t => t.Id == l.TopicId).Select(t => t.Title).FirstAsync(ct);
        var before = await db.Set<LectureAttendance>().AsNoTracking().FirstOrDefaultAsync(a => a.LectureId == l.Id && a.MemberId == member, ct);
        if (before is not null) return Outcome<SignedIn>.Ok(new SignedIn(l.Id, topic, l.HostName, before.At, true), replayed: true);
        if (LectureRules.SignInRefusal(l.Status, l.StartsAt!.Value, l.EndsAt!.Value, now) is { } refusal) return Outcome<SignedIn>.Conflict(refusal);
        var a = LectureAttendance.Of(l.Id, member, now, via);
        db.Add(a);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            db.Entry(a).State = EntityState.Detached;
            var first = await db.Set<LectureAttendance>().AsNoTracking().FirstAsync(x => x.LectureId == l.Id && x.MemberId == member, ct);
            return Outcome<SignedIn>.Ok(new SignedIn(l.Id, topic, l.HostName, first.At, true), replayed: true);
        }
        // The count follows the rows (a concurrent sign-in may have added one too): recomputed, not incremented.
        var count = await db.Set<LectureAttendance>().CountAsync(x => x.LectureId == l.Id, ct);
        await db.Set<Lecture>().Where(x => x.Id == l.Id).ExecuteUpdateAsync(x => x.SetProperty(p => p.Attendance, count), ct);
        return Outcome<SignedIn>.Ok(new SignedIn(l.Id, topic, l.HostName, now, false));
    }

    /// <summary>An attendee rates a lecture they signed in to, once.</summary>
    public async Task<Outcome<LectureFeedbackView>> FeedbackAsync(Guid id, FeedbackRequest r, CancellationToken ct)
    {
        if (me.MemberId is not { } member) return Outcome<LectureFeedbackView>.Conflict("signIn.notMember");
        if (!await db.Set<LectureAttendance>().AnyAsync(a => a.LectureId == id && a.MemberId == member, ct)) return Outcome<LectureFeedbackView>.NotFound();
        var errors = LectureRules.CheckFeedback(r.Rating, r.Comment);
        if (errors.Count > 0) return Outcome<LectureFeedbackView>.Invalid(errors);
        if (await db.Set<LectureFeedback>().AnyAsync(f => f.LectureId == id && f.MemberId == member, ct)) return Outcome<LectureFeedbackView>.Conflict("feedback.exists");
        var f = LectureFeedback.Of(id, member, r.Rating!.Value, r.Comment, clock.GetUtcNow());
        db.Add(f);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.Entry(f).State = EntityState.Detached; return Outcome<LectureFeedbackView>.Conflict("feedback.exists"); }
        return Outcome<LectureFeedbackView>.Ok(new LectureFeedbackView(f.LectureId, f.Rating, f.Comment, f.At));
    }

    /// <summary>The signed-in model worker's own lectures (as speaker), soonest first, and the lectures they attended.</summary>
    public async Task<MyLectures> MineAsync(CancellationToken ct)
    {
        if (me.MemberId is not { } member) return new MyLectures(null, [], []);
        var w = await db.Set<ModelWorker>().AsNoTracking().FirstOrDefaultAsync(x => x.MemberId == member, ct);
        var speaking = w is null ? [] : await Views(db.Set<Lecture>().AsNoTracking().Where(l => l.SpeakerId == w.Id
                && (l.Status == LectureStatus.Scheduled || l.Status == LectureStatus.Held)).OrderByDescending(l => l.StartsAt).Take(200)).ToListAsync(ct);
        var attendedIds = db.Set<LectureAttendance>().Where(a => a.MemberId == member).Select(a => a.LectureId);
        var attended = await Views(db.Set<Lecture>().AsNoTracking().Where(l => attendedIds.Contains(l.Id)).OrderByDescending(l => l.StartsAt).Take(100)).ToListAsync(ct);
        return new MyLectures(w?.Title, speaking, attended);
    }

    /// <summary>Lectures held in a year in scope, by district and host type, with their attendance; and the year's requests by state.</summary>
    public async Task<LectureStats> StatsAsync(int? year, CancellationToken ct)
    {
        var y = year ?? Today.Year;
        var (from, to) = (BeijingTime.StartOfYearUtc(y), BeijingTime.StartOfYearUtc(y + 1));
        var q = (await VisibleAsync(ct)).Where(l => l.StartsAt >= from && l.StartsAt < to || l.StartsAt == null && l.RequestedAt >= from && l.RequestedAt < to);
        var cells = await q.Where(l => l.Status == LectureStatus.Held).GroupBy(l => new { l.DistrictCode, l.HostType })
            .Select(g => new { g.Key.DistrictCode, g.Key.HostType, N = g.Count(), A = g.Sum(l => l.Attendance) }).ToListAsync(ct);
        var byStatus = await q.GroupBy(l => l.Status).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N, ct);
        var rows = cells.Select(c => new LectureCount(c.DistrictCode, BeijingDistricts.NameOf(c.DistrictCode) ?? c.DistrictCode, c.HostType, c.N, c.A))
            .OrderBy(c => c.DistrictCode).ThenBy(c => c.HostType).ToList();
        return new LectureStats(y, rows, byStatus.GetValueOrDefault(LectureStatus.Requested), byStatus.GetValueOrDefault(LectureStatus.Scheduled),
            byStatus.GetValueOrDefault(LectureStatus.Held), rows.Sum(r => r.Attendance));
    }

    private async Task<Outcome<T>> PerSpeakerAsync<T>(Guid speakerId, Guid lectureId, Func<Task<Outcome<T>>> body, CancellationToken ct)
    {
        if (db.IsNpgsql())
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Speaker first, then the lecture: one order for every scheduler, so no two wait on each other.
            await db.Set<ModelWorker>().Where(w => w.Id == speakerId).ExecuteUpdateAsync(x => x.SetProperty(w => w.LockVersion, w => w.LockVersion + 1), ct);
            await db.Set<Lecture>().Where(l => l.Id == lectureId).ExecuteUpdateAsync(x => x.SetProperty(l => l.Attendance, l => l.Attendance), ct);
            var result = await body();
            if (result.IsOk) await tx.CommitAsync(ct);
            else await tx.RollbackAsync(ct);
            return result;
        }
        await SqliteGate.WaitAsync(ct);
        try { return await body(); }
        finally { SqliteGate.Release(); }
    }
}

public sealed record LectureFeedbackView(Guid LectureId, int Rating, string? Comment, DateTimeOffset At);
public sealed record MyLectures(string? Title, IReadOnlyList<LectureView> Speaking, IReadOnlyList<LectureView> Attended);
