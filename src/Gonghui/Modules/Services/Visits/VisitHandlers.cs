using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Services.Projects;
using Gonghui.Modules.Services.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Services.Visits;

/// <summary>One visit recorded by staff at an event or venue: the member, when (default now), where and how.</summary>
public sealed record RecordVisitInput(Guid? MemberId, DateTimeOffset? ServedAt, VisitChannel? Channel, string? Place, Guid? VenueId);

/// <summary>A visit as lists show it (the member by name only).</summary>
public sealed record VisitRow(Guid Id, Guid ProjectId, string ProjectCode, string ProjectName, ServiceCategory Category, Guid MemberId, string MemberName,
    DateOnly ServedOn, DateTimeOffset ServedAt, VisitChannel Channel, string? Place);

/// <summary>Visits: one recorded at a time (staff, or a member pass scanned at the door), a project's list, and a worker's own this year.</summary>
public sealed class VisitHandlers(GonghuiDb db, CurrentUser me, ProjectHandlers projects, TimeProvider clock)
{
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
