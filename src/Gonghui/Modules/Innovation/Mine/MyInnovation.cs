using Gonghui.Modules.Innovation.Awards;
using Gonghui.Modules.Innovation.Rules;
using Gonghui.Modules.Innovation.Studios;
using Gonghui.Modules.Innovation.Training;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Innovation.Mine;

public sealed record MyStudio(Guid Id, string Name, StudioKind Kind, StudioLevel Level, StudioStatus Status, string Field, string LeaderName, bool IAmLeader,
    DateOnly? RecognisedOn, IReadOnlyList<string> Team);
public sealed record MyPatentAward(Guid Id, string PatentNumber, string Title, DateOnly GrantedOn, int Year, AwardStatus Status, long AmountFen, DateTimeOffset? PaidAt);
public sealed record MyEnrolment(Guid Id, Guid CourseId, string CourseTitle, string InstitutionName, DateOnly StartsOn, DateOnly EndsOn, int Hours, int AttendedHours,
    int AttendancePercent, EnrolmentStatus Status, string? CertificateNo);
public sealed record OpenCourse(Guid Id, string Title, string InstitutionName, DateOnly StartsOn, DateOnly EndsOn, int Hours, int SeatsLeft, bool Enrolled);
public sealed record MyInnovationView(bool IsMember, IReadOnlyList<MyStudio> Studios, IReadOnlyList<MyPatentAward> Patents, IReadOnlyList<MyEnrolment> Enrolments,
    IReadOnlyList<OpenCourse> Courses);

/// <summary>
/// What a worker sees of workers' innovation (issue 15): the studios they lead or work in and their teams, their patent awards,
/// their training (attendance and certificates) and the courses open to enrol in. Only the caller's own member record: no scope,
/// no other member's rows.
/// </summary>
internal sealed class MyInnovation(GonghuiDb db, CurrentUser me, TimeProvider clock)
{
    public const int OpenCoursesShown = 50;

    public async Task<MyInnovationView> ViewAsync(CancellationToken ct)
    {
        if (me.MemberId is not { } member) return new(false, [], [], [], []);
        var studios = await (from sm in db.Set<StudioMember>().AsNoTracking()
                             join s in db.Set<InnovationStudio>().AsNoTracking() on sm.StudioId equals s.Id
                             where sm.MemberId == member
                             orderby s.Name
                             select new { s.Id, s.Name, s.Kind, s.Level, s.Status, s.Field, s.LeaderName, sm.IsLeader, s.RecognisedOn }).Take(20).ToListAsync(ct);
        var ids = studios.Select(s => s.Id).ToList();
        var teams = (await db.Set<StudioMember>().AsNoTracking().Where(m => ids.Contains(m.StudioId)).OrderByDescending(m => m.IsLeader).ThenBy(m => m.Name)
                .Select(m => new { m.StudioId, m.Name }).ToListAsync(ct))
            .GroupBy(m => m.StudioId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(m => m.Name).ToList());
        var patents = await db.Set<PatentAward>().AsNoTracking().Where(a => a.MemberId == member).OrderByDescending(a => a.FiledAt).Take(50)
            .Select(a => new MyPatentAward(a.Id, a.PatentNumber, a.Title, a.GrantedOn, a.Year, a.Status, a.AmountFen, a.PaidAt)).ToListAsync(ct);
        var enrolments = (await (from e in db.Set<TrainingEnrolment>().AsNoTracking()
                                 join c in db.Set<TrainingCourse>().AsNoTracking() on e.CourseId equals c.Id
                                 where e.MemberId == member
                                 orderby c.StartsOn descending
                                 select new { e.Id, e.CourseId, c.Title, c.InstitutionName, c.StartsOn, c.EndsOn, c.Hours, e.AttendedHours, e.Status, e.CertificateNo })
                .Take(100).ToListAsync(ct))
            .Select(e => new MyEnrolment(e.Id, e.CourseId, e.Title, e.InstitutionName, e.StartsOn, e.EndsOn, e.Hours, e.AttendedHours,
                TrainingRules.AttendancePercent(e.AttendedHours, e.Hours), e.Status, e.CertificateNo)).ToList();
        var today = BeijingTime.Today(clock);
        var mine = enrolments.Select(e => e.CourseId).ToHashSet();
        var courses = (await db.Set<TrainingCourse>().AsNoTracking().Where(c => c.EndsOn >= today).OrderBy(c => c.StartsOn).ThenBy(c => c.Id).Take(OpenCoursesShown)
                .Select(c => new { c.Id, c.Title, c.InstitutionName, c.StartsOn, c.EndsOn, c.Hours, c.Capacity, c.Enrolled }).ToListAsync(ct))
            .Select(c => new OpenCourse(c.Id, c.Title, c.InstitutionName, c.StartsOn, c.EndsOn, c.Hours, Math.Max(0, c.Capacity - c.Enrolled), mine.Contains(c.Id))).ToList();
        return new(true,
            studios.Select(s => new MyStudio(s.Id, s.Name, s.Kind, s.Level, s.Status, s.Field, s.LeaderName, s.IsLeader, s.RecognisedOn, teams.GetValueOrDefault(s.Id) ?? [])).ToList(),
            patents, enrolments, courses);
    }
}
