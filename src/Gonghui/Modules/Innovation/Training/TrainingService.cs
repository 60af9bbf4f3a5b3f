using Gonghui.Modules.Innovation.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Innovation.Training;

public sealed record CreateInstitutionRequest(string? Name, InstitutionKind? Kind, bool? DemonstrationPoint, string? DistrictCode);
public sealed record CreateCourseRequest(Guid? InstitutionId, string? Title, DateOnly? StartsOn, DateOnly? EndsOn, int? Hours, int? Capacity);
public sealed record EnrolRequest(Guid? MemberId);
public sealed record AttendRequest(int? Hours);

/// <summary>
/// The training alliance, shared by the API and the pages: institutions (and the 100 demonstration points), courses, members'
/// enrolment, attendance and certificates, and a member's training record. Institutions and courses are city-wide; enrolments
/// follow the member's union (staff enrol and see members of their own subtree).
/// </summary>
internal sealed class TrainingService(GonghuiDb db, CurrentUser me, TimeProvider clock)
{
    private static readonly SemaphoreSlim SqliteGate = new(1, 1);

    public DateOnly Today => BeijingTime.Today(clock);

    public Task<int> DemonstrationPointsAsync(CancellationToken ct) => db.Set<TrainingInstitution>().CountAsync(i => i.IsDemonstrationPoint, ct);

    public async Task<Slice<TrainingInstitution>> InstitutionsAsync(KeysetRequest request, CancellationToken ct) =>
        await db.Set<TrainingInstitution>().AsNoTracking().SliceAsync(request, i => i.Name, i => i.Id, descending: false, rows => rows, i => i.Name, i => i.Id, ct);

    public async Task<Outcome<TrainingInstitution>> CreateInstitutionAsync(CreateInstitutionRequest r, CancellationToken ct)
    {
        var errors = TrainingRules.CheckInstitution(r.Name, r.Kind).ToList();
        if (r.DistrictCode is { Length: > 6 }) errors.Add(("districtCode", "training.district"));
        if (errors.Count > 0) return Outcome<TrainingInstitution>.Invalid(errors);
        var i = TrainingInstitution.Create(r.Name!.Trim(), r.Kind!.Value, r.DemonstrationPoint ?? false, string.IsNullOrWhiteSpace(r.DistrictCode) ? null : r.DistrictCode.Trim(), clock.GetUtcNow());
        db.Add(i);
        await db.SaveChangesAsync(ct);
        return Outcome<TrainingInstitution>.Ok(i);
    }

    public async Task<Slice<TrainingCourse>> CoursesAsync(Guid? institutionId, KeysetRequest request, CancellationToken ct)
    {
        var q = db.Set<TrainingCourse>().AsNoTracking();
        if (institutionId is not null) q = q.Where(c => c.InstitutionId == institutionId);
        return await q.SliceAsync(request, c => c.Title, c => c.Id, descending: false, rows => rows, c => c.Title, c => c.Id, ct);
    }

    public Task<TrainingCourse?> CourseAsync(Guid id, CancellationToken ct) => db.Set<TrainingCourse>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);

    public async Task<Outcome<TrainingCourse>> CreateCourseAsync(CreateCourseRequest r, CancellationToken ct)
    {
        var errors = TrainingRules.CheckCourse(r.Title, r.StartsOn, r.EndsOn, r.Hours, r.Capacity).ToList();
        var inst = r.InstitutionId is null ? null : await db.Set<TrainingInstitution>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == r.InstitutionId, ct);
        if (inst is null) errors.Insert(0, ("institutionId", "course.institutionUnknown"));
        if (errors.Count > 0) return Outcome<TrainingCourse>.Invalid(errors);
        var c = TrainingCourse.Create(inst!, r.Title!.Trim(), r.StartsOn!.Value, r.EndsOn!.Value, r.Hours!.Value, r.Capacity!.Value);
        db.Add(c);
        await db.SaveChangesAsync(ct);
        return Outcome<TrainingCourse>.Ok(c);
    }

    /// <summary>The course's enrolments of members in the caller's subtree, by name.</summary>
    public async Task<List<TrainingEnrolment>> EnrolmentsAsync(Guid courseId, CancellationToken ct) =>
        await db.Set<TrainingEnrolment>().AsNoTracking().InScope(await ScopeAsync(ct), e => e.ScopePath).Where(e => e.CourseId == courseId)
            .OrderBy(e => e.MemberName).Take(1000).ToListAsync(ct);

    private async Task<string> ScopeAsync(CancellationToken ct) => me.IsStaff ? await me.ScopePathAsync(ct) : "\u0000none";

    /// <summary>Enrols an active member of the caller's subtree, under the course's lock so the seats are never oversold.</summary>
    public async Task<Outcome<TrainingEnrolment>> EnrolAsync(Guid courseId, EnrolRequest r, CancellationToken ct)
    {
        if (await CourseAsync(courseId, ct) is null) return Outcome<TrainingEnrolment>.NotFound();
        var units = db.UnitRows().InScope(await ScopeAsync(ct), u => u.Path);
        var member = r.MemberId is null ? null : await db.MemberRows().Where(m => m.Id == r.MemberId && m.Status == MemberStatus.Active)
            .Join(units, m => m.UnionId, u => u.Id, (m, u) => new { m.Id, m.Name, u.Path }).FirstOrDefaultAsync(ct);
        if (member is null) return Outcome<TrainingEnrolment>.Invalid("memberId", "enrolment.memberUnknown");
        return await EnrolMemberAsync(courseId, member.Id, member.Name, member.Path, ct);
    }

    /// <summary>A worker enrols themselves (their own member record, active) on a course, under the same seat lock as staff enrolment.</summary>
    public async Task<Outcome<TrainingEnrolment>> EnrolSelfAsync(Guid courseId, CancellationToken ct)
    {
        if (await CourseAsync(courseId, ct) is null) return Outcome<TrainingEnrolment>.NotFound();
        var member = me.MemberId is not { } id ? null : await db.MemberRows().Where(m => m.Id == id && m.Status == MemberStatus.Active)
            .Join(db.UnitRows(), m => m.UnionId, u => u.Id, (m, u) => new { m.Id, m.Name, u.Path }).FirstOrDefaultAsync(ct);
        if (member is null) return Outcome<TrainingEnrolment>.Invalid("memberId", "enrolment.notMember");
        return await EnrolMemberAsync(courseId, member.Id, member.Name, member.Path, ct);
    }

    private Task<Outcome<TrainingEnrolment>> EnrolMemberAsync(Guid courseId, Guid memberId, string memberName, string path, CancellationToken ct) =>
        LockedAsync(() => db.Set<TrainingCourse>().Where(c => c.Id == courseId).ExecuteUpdateAsync(x => x.SetProperty(c => c.LockVersion, c => c.LockVersion + 1), ct), async () =>
        {
            var course = await db.Set<TrainingCourse>().FirstAsync(c => c.Id == courseId, ct);
            var already = await db.Set<TrainingEnrolment>().AnyAsync(e => e.CourseId == courseId && e.MemberId == memberId, ct);
            if (TrainingRules.CanEnrol(course.Capacity, course.Enrolled, course.EndsOn, Today, already) is { } why) return Outcome<TrainingEnrolment>.Conflict(why);
            var e = TrainingEnrolment.Of(course, memberId, memberName, path, clock.GetUtcNow());
            course.Enrol();
            db.Add(e);
            await db.SaveChangesAsync(ct);
            return Outcome<TrainingEnrolment>.Ok(e);
        }, ct);

    /// <summary>An enrolment in the caller's subtree (staff), for its certificate.</summary>
    public async Task<TrainingEnrolment?> EnrolmentInScopeAsync(Guid id, CancellationToken ct) =>
        await db.Set<TrainingEnrolment>().AsNoTracking().InScope(await ScopeAsync(ct), e => e.ScopePath).FirstOrDefaultAsync(e => e.Id == id, ct);

    /// <summary>The caller's own enrolment (a worker's member record).</summary>
    public async Task<TrainingEnrolment?> MyEnrolmentAsync(Guid id, CancellationToken ct) =>
        me.MemberId is { } m ? await db.Set<TrainingEnrolment>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.MemberId == m, ct) : null;

    private async Task<TrainingEnrolment?> OwnEnrolmentAsync(Guid id, CancellationToken ct) =>
        await db.Set<TrainingEnrolment>().InScope(await ScopeAsync(ct), e => e.ScopePath).FirstOrDefaultAsync(e => e.Id == id, ct);

    public async Task<Outcome<TrainingEnrolment>> AttendAsync(Guid id, AttendRequest r, CancellationToken ct)
    {
        var e = await OwnEnrolmentAsync(id, ct);
        if (e is null) return Outcome<TrainingEnrolment>.NotFound();
        if (r.Hours is null or < 1 or > 24) return Outcome<TrainingEnrolment>.Invalid("hours", "attendance.hours");
        if (e.Status != EnrolmentStatus.Enrolled) return Outcome<TrainingEnrolment>.Conflict("enrolment.notOpen");
        var course = await db.Set<TrainingCourse>().AsNoTracking().FirstAsync(c => c.Id == e.CourseId, ct);
        e.Attend(r.Hours.Value, course.Hours);
        await db.SaveChangesAsync(ct);
        return Outcome<TrainingEnrolment>.Ok(e);
    }

    /// <summary>Completes an enrolment with a certificate when at least 80% of the course's hours were attended.</summary>
    public async Task<Outcome<TrainingEnrolment>> CompleteAsync(Guid id, CancellationToken ct)
    {
        var e = await OwnEnrolmentAsync(id, ct);
        if (e is null) return Outcome<TrainingEnrolment>.NotFound();
        if (e.Status != EnrolmentStatus.Enrolled) return Outcome<TrainingEnrolment>.Conflict("enrolment.notOpen");
        var course = await db.Set<TrainingCourse>().AsNoTracking().FirstAsync(c => c.Id == e.CourseId, ct);
        if (!TrainingRules.EarnsCertificate(e.AttendedHours, course.Hours))
            return Outcome<TrainingEnrolment>.Conflict("enrolment.attendanceTooLow", null, TrainingRules.AttendancePercent(e.AttendedHours, course.Hours), TrainingRules.CertificateAttendancePercent);
        e.Complete(TrainingRules.CertificateNumber(Today.Year, e.Id), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Outcome<TrainingEnrolment>.Ok(e);
    }

    /// <summary>A member's training record: every course they enrolled in (the member must be in the caller's subtree).</summary>
    public async Task<Outcome<List<TrainingEnrolment>>> RecordAsync(Guid memberId, CancellationToken ct)
    {
        var units = db.UnitRows().InScope(await ScopeAsync(ct), u => u.Path).Select(u => u.Id);
        if (!await db.MemberRows().AnyAsync(m => m.Id == memberId && units.Contains(m.UnionId), ct)) return Outcome<List<TrainingEnrolment>>.NotFound();
        return Outcome<List<TrainingEnrolment>>.Ok(await db.Set<TrainingEnrolment>().AsNoTracking().Where(e => e.MemberId == memberId)
            .OrderByDescending(e => e.EnrolledAt).Take(500).ToListAsync(ct));
    }

    private async Task<Outcome<T>> LockedAsync<T>(Func<Task<int>> bump, Func<Task<Outcome<T>>> body, CancellationToken ct)
    {
        if (db.IsNpgsql())
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await bump();
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
