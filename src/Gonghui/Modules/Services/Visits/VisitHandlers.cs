using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Services.Projects;
using Gonghui.Modules.Services.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Text;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Services.Visits;

/// <summary>One visit recorded by staff at an event or venue: the member, when (default now), where and how.</summary>
public sealed record RecordVisitInput(Guid? MemberId, DateTimeOffset? ServedAt, VisitChannel? Channel, string? Place, Guid? VenueId);

/// <summary>A visit as lists show it (the member by name only).</summary>
public sealed record VisitRow(Guid Id, Guid ProjectId, string ProjectCode, string ProjectName, ServiceCategory Category, Guid MemberId, string MemberName,
    DateOnly ServedOn, DateTimeOffset ServedAt, VisitChannel Channel, string? Place);

/// <summary>A visit as the visits list shows it: the member's name and phone masked (the list spans a whole scope's members).</summary>
public sealed record VisitListRow(Guid Id, Guid ProjectId, string ProjectCode, string ProjectName, string MemberName, string? MemberPhone, DateOnly ServedOn,
    DateTimeOffset ServedAt, VisitChannel Channel, string? Place);

/// <summary>The visits list's filters: one project (optional) and the report's drill-down (period by the service day, unit by the project's owner).</summary>
public sealed record VisitListFilter(Guid? ProjectId, DrillFilter Drill);

/// <summary>Visits: one recorded at a time (staff, or a member pass scanned at the door), a project's list, and a worker's own this year.</summary>
public sealed class VisitHandlers(GonghuiDb db, CurrentUser me, ProjectHandlers projects, TimeProvider clock)
{
    /// <summary>The visits list's page size.</summary>
    public const int ListPageSize = 50;

    /// <summary>
    /// A scope with at most this many projects is listed project by project (each part one range of the unique index (project_id, served_on, …),
    /// merged by <see cref="Keyset"/>); a larger one walks the index (served_at, id) newest first and keeps its projects' visits. A scope of more
    /// than this many projects holds enough of the visits that the walk finds a page after a short stretch; a small one (a grassroots union)
    /// could hold none in the period, which a walk would learn only at the period's end.
    /// </summary>
    internal const int ProjectByProject = 8;
    /// <summary>Records one visit to a project in the caller's scope; a second for the same member, project and Beijing day is 409 <c>visit.duplicate</c>.</summary>
    public async Task<Outcome<VisitRow>> RecordAsync(Guid projectId, RecordVisitInput input, CancellationToken ct)
    {
        var project = await (await projects.VisibleAsync(ct)).FirstOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null) return Outcome<VisitRow>.NotFound();
        var errors = new List<(string, string)>();
        if (input.MemberId is null) errors.Add(("memberId", "required"));
        if (input.Channel is { } ch && !Enum.IsDefined(ch)) errors.Add(("channel", "visit.channelUnknown"));
        var place = input.Place?.Trim();
        if (place is { Length: > VisitRules.PlaceMax }) errors.Add(("place", "visit.placeTooLong"));
        if (errors.Count > 0) return Outcome<VisitRow>.Invalid(errors);
        var member = await db.MemberRows().Where(m => m.Id == input.MemberId && m.Status == MemberStatus.Active)
            .Select(m => new { m.Id, m.Name, m.UnionId }).FirstOrDefaultAsync(ct);
        if (member is null) return Outcome<VisitRow>.Invalid("memberId", "visit.memberUnknown");
        var at = input.ServedAt ?? clock.GetUtcNow();
        var day = BeijingTime.DateOf(at);
        if (VisitRules.Check(day, BeijingTime.Today(clock), project.Year, project.Status) is { } rule)
            return rule == "visit.projectNotDelivering" ? Outcome<VisitRow>.Conflict(rule) : Outcome<VisitRow>.Invalid("servedAt", rule);
        if (await db.Set<ServiceVisit>().AnyAsync(v => v.ProjectId == projectId && v.ServedOn == day && v.MemberId == member.Id, ct))
            return Outcome<VisitRow>.Conflict("visit.duplicate", null, BeijingTime.FormatDate(at));
        var visit = ServiceVisit.Of(Guid.CreateVersion7(), projectId, member.Id, member.UnionId, day, at, input.Channel ?? VisitChannel.OnSite,
            string.IsNullOrEmpty(place) ? null : place, input.VenueId, clock.GetUtcNow(), me.Name);
        db.Add(visit);
        // The visit and the report's roll-up (VisitRollup) in one transaction: the caller's (a sign-in) or one of its own.
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Outcome<VisitRow>.Conflict("visit.duplicate", null, BeijingTime.FormatDate(at)); } // a concurrent second sign-in: the unique index
        await Statistics.VisitRollup.ApplyAsync(db, [(projectId, day)], ct);
        if (own is not null) await own.CommitAsync(ct);
        return Outcome<VisitRow>.Ok(new VisitRow(visit.Id, projectId, project.Code, project.Name, project.Category, member.Id, member.Name, day, at, visit.Channel, visit.Place));
    }

    /// <summary>A project's visits, newest day first.</summary>
    public async Task<Slice<VisitRow>?> ForProjectAsync(Guid projectId, KeysetRequest request, CancellationToken ct)
    {
        var project = await (await projects.VisibleAsync(ct)).FirstOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null) return null;
        var members = db.MemberRows();
        return await db.Set<ServiceVisit>().AsNoTracking().Where(v => v.ProjectId == projectId)
            .SliceAsync(request, v => v.ServedAt, v => v.Id, descending: true,
                rows => rows.Join(members, v => v.MemberId, m => m.Id, (v, m) => new VisitRow(v.Id, v.ProjectId, project.Code, project.Name, project.Category,
                    v.MemberId, m.Name, v.ServedOn, v.ServedAt, v.Channel, v.Place)), r => r.ServedAt, r => r.Id, ct);
    }

    /// <summary>
    /// The list's filters, checked: the drill-down's (a <c>unit</c> outside the caller's scope, <c>to</c> not after <c>from</c>) and a <c>project</c>
    /// that is no project in the caller's scope, each an error naming its field. Null when there is an error.
    /// </summary>
    public async Task<VisitListFilter?> ListFilterAsync(DateOnly? from, DateOnly? to, Guid? unit, Guid? project, Api.Errors errors, CancellationToken ct)
    {
        var drill = await DrillFilter.ForCallerAsync(db, me, from, to, unit, errors, ct);
        if (project is { } id && !await (await projects.VisibleAsync(ct)).AnyAsync(p => p.Id == id, ct)) errors.Add("project", "project is not a service project within your scope.");
        return drill is null || errors.Any ? null : new VisitListFilter(project, drill);
    }

    /// <summary>
    /// The visits of the projects in the caller's scope (narrowed to the unit's subtree and to a project when given), with a service day in the
    /// period, newest first on (served at, id), <see cref="ListPageSize"/> a page: what the report's <c>services.visits</c> counts for the same
    /// period and unit. The member's name and phone are masked.
    /// </summary>
    public Task<Slice<VisitListRow>> ListAsync(VisitListFilter f, KeysetRequest request, CancellationToken ct) => ListAsync(f, request, ProjectByProject, ct);

    /// <summary><see cref="ListAsync(VisitListFilter, KeysetRequest, CancellationToken)"/> with another threshold of <see cref="ProjectByProject"/> (the tests compare both ways).</summary>
    internal async Task<Slice<VisitListRow>> ListAsync(VisitListFilter f, KeysetRequest request, int projectByProject, CancellationToken ct)
    {
        var members = db.MemberRows();
        var projectRows = db.Set<ServiceProject>().AsNoTracking();
        var (parts, counted) = await ListPartsAsync(f, ct, projectByProject);
        var slice = await parts.SliceAsync(request, v => v.ServedAt, v => v.Id, descending: true,
            rows => from v in rows
                    join m in members on v.MemberId equals m.Id
                    join p in projectRows on v.ProjectId equals p.Id
                    select new VisitListRow(v.Id, v.ProjectId, p.Code, p.Name, m.Name, m.PhoneMasked, v.ServedOn, v.ServedAt, v.Channel, v.Place),
            r => r.ServedAt, r => r.Id, ct, counted);
        return slice.Map(r => r with { MemberName = PersonName.Mask(r.MemberName) });
    }

    /// <summary>
    /// The list's rows as disjoint parts for <see cref="Keyset"/>: one walk of the whole scope, or one range per project (see <see cref="ProjectByProject"/>);
    /// and, for a scope's walk, the same rows written for the first page's count (null: the parts are counted).
    /// </summary>
    internal async Task<(IReadOnlyList<IQueryable<ServiceVisit>> Parts, IReadOnlyList<IQueryable<ServiceVisit>>? Counted)> ListPartsAsync(VisitListFilter f,
        CancellationToken ct, int projectByProject = ProjectByProject)
    {
        // The service day decides the period, as the figure counts it. A visit's time served falls on its service day (Beijing time; every
        // writer sets both from one instant), so the walk filters the time alone, the range of the index it walks: with the day's range as well,
        // SQLite takes the unique index (project_id, served_on, …) for a district's projects and sorts all of them.
        var walk = db.Set<ServiceVisit>().AsNoTracking();
        var byDay = walk;
        if (f.Drill.From is { } from)
        {
            var at = BeijingTime.StartOfDayUtc(from);
            walk = walk.Where(v => v.ServedAt >= at);
            byDay = byDay.Where(v => v.ServedAt >= at && v.ServedOn >= from);
        }
        if (f.Drill.To is { } to)
        {
            var at = BeijingTime.StartOfDayUtc(to);
            walk = walk.Where(v => v.ServedAt < at);
            byDay = byDay.Where(v => v.ServedAt < at && v.ServedOn < to);
        }
        var scope = f.Drill.UnitPath ?? await me.ScopePathAsync(ct);
        var inScope = db.Set<ServiceProject>().AsNoTracking().InScope(scope, p => p.ScopePath).Select(p => p.Id);
        // One project: its range of the unique index (project_id, served_on, …), sorted (a project's visits of a period: thousands).
        if (f.ProjectId is { } project)
            return (await inScope.AnyAsync(id => id == project, ct) ? [byDay.Where(v => v.ProjectId == project)] : [], null);
        // The whole city: every visit is of a project in scope.
        if (await db.UnitRows().AnyAsync(u => u.ParentId == null && u.Path == scope, ct)) return ([walk], null);
        var few = await inScope.Take(projectByProject + 1).ToListAsync(ct);
        if (few.Count <= projectByProject) return (few.Select(id => byDay.Where(v => v.ProjectId == id)).ToList(), null);
        // A larger scope (a district): the walk keeps a visit when its project is in scope, as a correlated EXISTS (a probe of the project's primary key per
        // visit walked). SQLite then walks (served_at, id) with or without statistics; as project_id IN (the scope's projects) a database
        // never analysed drove the IN from the unique index and sorted all the district's visits (about 300,000 at full scale) for a page.
        // The count of the first page keeps that IN: it has no order, and reads its 1,001 rows project by project from the unique index,
        // where the EXISTS would scan that index until it met as many of the district's (nearly the whole year for a district whose
        // projects come last in it). A subquery either way, not the ids: a district has hundreds of projects (EF would bind one parameter each).
        var projects = db.Set<ServiceProject>();
        return ([walk.WhereScoped(v => projects.Any(p => p.Id == v.ProjectId && ScopeFilter.Covers(scope, p.ScopePath)))],
            [walk.Where(v => inScope.Contains(v.ProjectId))]);
    }

    /// <summary>The signed-in worker's own services in <paramref name="year"/> (their membership's visits), newest first.</summary>
    public async Task<IReadOnlyList<VisitRow>> MineAsync(int year, CancellationToken ct)
    {
        if (me.MemberId is not { } memberId) return [];
        var from = new DateOnly(year, 1, 1);
        var to = from.AddYears(1);
        var name = await db.MemberRows().Where(m => m.Id == memberId).Select(m => m.Name).FirstOrDefaultAsync(ct) ?? "";
        return await db.Set<ServiceVisit>().AsNoTracking()
            .Where(v => v.MemberId == memberId && v.ServedOn >= from && v.ServedOn < to)
            .Join(db.Set<ServiceProject>(), v => v.ProjectId, p => p.Id, (v, p) => new { v, p })
            .OrderByDescending(x => x.v.ServedOn).ThenByDescending(x => x.v.Id).Take(500)
            .Select(x => new VisitRow(x.v.Id, x.p.Id, x.p.Code, x.p.Name, x.p.Category, memberId, name, x.v.ServedOn, x.v.ServedAt, x.v.Channel, x.v.Place))
            .ToListAsync(ct);
    }
}
