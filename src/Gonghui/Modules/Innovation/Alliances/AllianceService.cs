using Gonghui.Modules.Innovation.Rules;
using Gonghui.Modules.Innovation.Studios;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Innovation.Alliances;

public sealed record CreateAllianceRequest(string? Name, AllianceKind? Kind, string? Description, Guid? LeadStudioId);
public sealed record JoinAllianceRequest(Guid? StudioId);
public sealed record PostNeedRequest(Guid? AllianceId, string? Enterprise, string? Title, string? Problem);
public sealed record OfferRequest(Guid? StudioId, string? Note);

public sealed record ProposeProjectRequest(string? Title, string? Summary, Guid? LeadStudioId, string? Contribution);
public sealed record JoinProjectRequest(Guid? StudioId, string? Contribution);
public sealed record MoveProjectRequest(SharedProjectStatus? Status);

public sealed record AllianceMemberView(Guid StudioId, string Name, StudioLevel Level, string? DistrictCode, string Field, bool IsLead);
public sealed record ProjectStudioView(Guid StudioId, string StudioName, string Contribution, bool IsLead, DateTimeOffset JoinedAt);
public sealed record SharedProjectView(Guid Id, Guid AllianceId, string Title, string? Summary, Guid LeadStudioId, string LeadStudioName, SharedProjectStatus Status,
    DateTimeOffset CreatedAt, DateTimeOffset? StatusChangedAt, IReadOnlyList<ProjectStudioView> Studios);
public sealed record AllianceDetail(StudioAlliance Alliance, IReadOnlyList<AllianceMemberView> Members, AllianceSpan Span, IReadOnlyList<SharedProjectView> Projects);
public sealed record NeedDetail(TechNeed Need, IReadOnlyList<NeedOffer> Offers);

/// <summary>
/// Alliances of studios and the supply-and-demand board, shared by the API and the pages. Alliances and the board are
/// city-wide (they exist to cross districts); a caller brings in only studios of their own subtree (as lead, member or offer).
/// </summary>
internal sealed class AllianceService(GonghuiDb db, CurrentUser me, TimeProvider clock)
{
    /// <summary>A recognised studio in the caller's subtree, or null.</summary>
    private async Task<InnovationStudio?> OwnStudioAsync(Guid? id, CancellationToken ct) => id is null || !me.IsStaff ? null
        : await db.Set<InnovationStudio>().AsNoTracking().InScope(await me.ScopePathAsync(ct), s => s.ScopePath)
            .FirstOrDefaultAsync(s => s.Id == id && s.Status == StudioStatus.Recognised, ct);

    public async Task<Slice<StudioAlliance>> AlliancesAsync(AllianceKind? kind, string? q, KeysetRequest request, CancellationToken ct)
    {
        var query = db.Set<StudioAlliance>().AsNoTracking();
        if (kind is not null) query = query.Where(a => a.Kind == kind);
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(a => a.Name.Contains(q));
        return await query.SliceAsync(request, a => a.Name, a => a.Id, descending: false, rows => rows, a => a.Name, a => a.Id, ct);
    }

    public async Task<Outcome<StudioAlliance>> CreateAsync(CreateAllianceRequest r, CancellationToken ct)
    {
        var errors = AllianceRules.CheckAlliance(r.Name, r.Kind, r.Description).ToList();
        var lead = await OwnStudioAsync(r.LeadStudioId, ct);
        if (lead is null) errors.Add(("leadStudioId", "alliance.studioUnknown"));
        if (errors.Count > 0) return Outcome<StudioAlliance>.Invalid(errors);
        var at = clock.GetUtcNow();
        var a = StudioAlliance.Create(r.Name!.Trim(), r.Kind!.Value, string.IsNullOrWhiteSpace(r.Description) ? null : r.Description.Trim(), lead!.Id, lead.Name, at, me.Name);
        db.Add(a);
        db.Add(AllianceMember.Of(a.Id, lead.Id, at));
        await db.SaveChangesAsync(ct);
        return Outcome<StudioAlliance>.Ok(a);
    }

    public async Task<Outcome<AllianceDetail>> DetailAsync(Guid id, CancellationToken ct)
    {
        var a = await db.Set<StudioAlliance>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return Outcome<AllianceDetail>.NotFound();
        var members = await db.Set<AllianceMember>().AsNoTracking().Where(m => m.AllianceId == id)
            .Join(db.Set<InnovationStudio>(), m => m.StudioId, s => s.Id, (m, s) => new { s.Id, s.Name, s.Level, s.DistrictCode, s.Field, s.EnterpriseId, s.UnitId })
            .OrderBy(x => x.Name).ToListAsync(ct);
        var span = AllianceRules.Span(a.Kind, members.Select(m => (m.DistrictCode, m.Field, (m.EnterpriseId ?? m.UnitId).ToString())).ToList());
        return Outcome<AllianceDetail>.Ok(new AllianceDetail(a, members.Select(m => new AllianceMemberView(m.Id, m.Name, m.Level, m.DistrictCode, m.Field, m.Id == a.LeadStudioId)).ToList(), span,
            await ProjectsOfAsync(id, null, ct)));
    }

    // ---- shared projects (联盟共享项目) ----

    /// <summary>An alliance's shared projects (or one), newest first, each with its studios (lead first, then by joining).</summary>
    private async Task<List<SharedProjectView>> ProjectsOfAsync(Guid allianceId, Guid? projectId, CancellationToken ct)
    {
        var q = db.Set<AllianceProject>().AsNoTracking().Where(p => p.AllianceId == allianceId);
        if (projectId is { } pid) q = q.Where(p => p.Id == pid);
        var projects = await q.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(200).ToListAsync(ct);
        var ids = projects.Select(p => p.Id).ToList();
        var studios = (await db.Set<AllianceProjectStudio>().AsNoTracking().Where(s => ids.Contains(s.ProjectId)).ToListAsync(ct))
            .OrderByDescending(s => s.IsLead).ThenBy(s => s.JoinedAt).ThenBy(s => s.Id).ToLookup(s => s.ProjectId);
        return projects.Select(p => new SharedProjectView(p.Id, p.AllianceId, p.Title, p.Summary, p.LeadStudioId, p.LeadStudioName, p.Status, p.CreatedAt, p.StatusChangedAt,
            studios[p.Id].Select(s => new ProjectStudioView(s.StudioId, s.StudioName, s.Contribution, s.IsLead, s.JoinedAt)).ToList())).ToList();
    }

    public async Task<Outcome<SharedProjectView>> ProjectAsync(Guid id, CancellationToken ct)
    {
        var allianceId = await db.Set<AllianceProject>().Where(p => p.Id == id).Select(p => (Guid?)p.AllianceId).FirstOrDefaultAsync(ct);
        return allianceId is null ? Outcome<SharedProjectView>.NotFound() : Outcome<SharedProjectView>.Ok((await ProjectsOfAsync(allianceId.Value, id, ct))[0]);
    }

    /// <summary>A member studio of the caller's subtree proposes a shared project and leads it (its contribution recorded).</summary>
    public async Task<Outcome<SharedProjectView>> ProposeProjectAsync(Guid allianceId, ProposeProjectRequest r, CancellationToken ct)
    {
        if (!await db.Set<StudioAlliance>().AnyAsync(a => a.Id == allianceId, ct)) return Outcome<SharedProjectView>.NotFound();
        var errors = AllianceRules.CheckProject(r.Title, r.Summary, r.Contribution).ToList();
        var lead = await OwnStudioAsync(r.LeadStudioId, ct);
        if (lead is null) errors.Add(("leadStudioId", "alliance.studioUnknown"));
        else if (!await db.Set<AllianceMember>().AnyAsync(m => m.AllianceId == allianceId && m.StudioId == lead.Id, ct)) errors.Add(("leadStudioId", "shared.notMember"));
        if (errors.Count > 0) return Outcome<SharedProjectView>.Invalid(errors);
        var at = clock.GetUtcNow();
        var p = AllianceProject.Propose(allianceId, r.Title!.Trim(), string.IsNullOrWhiteSpace(r.Summary) ? null : r.Summary.Trim(), lead!.Id, lead.Name, at, me.Name);
        db.Add(p);
        db.Add(AllianceProjectStudio.Of(p.Id, lead.Id, lead.Name, r.Contribution!.Trim(), true, at, me.Name));
        await db.SaveChangesAsync(ct);
        return await ProjectAsync(p.Id, ct);
    }

    /// <summary>A member studio of the caller's subtree joins a project that is not completed, once, with its contribution.</summary>
    public async Task<Outcome<SharedProjectView>> JoinProjectAsync(Guid projectId, JoinProjectRequest r, CancellationToken ct)
    {
        var p = await db.Set<AllianceProject>().FirstOrDefaultAsync(x => x.Id == projectId, ct);
        if (p is null) return Outcome<SharedProjectView>.NotFound();
        var errors = AllianceRules.CheckContribution(r.Contribution).ToList();
        var studio = await OwnStudioAsync(r.StudioId, ct);
        if (studio is null) errors.Add(("studioId", "alliance.studioUnknown"));
        else if (!await db.Set<AllianceMember>().AnyAsync(m => m.AllianceId == p.AllianceId && m.StudioId == studio.Id, ct)) errors.Add(("studioId", "shared.notMember"));
        if (errors.Count > 0) return Outcome<SharedProjectView>.Invalid(errors);
        if (!AllianceRules.TakesStudios(p.Status)) return Outcome<SharedProjectView>.Conflict("shared.completed");
        if (await db.Set<AllianceProjectStudio>().AnyAsync(s => s.ProjectId == projectId && s.StudioId == studio!.Id, ct)) return Outcome<SharedProjectView>.Conflict("shared.alreadyIn");
        if (p.Studios >= AllianceRules.MaxProjectStudios) return Outcome<SharedProjectView>.Conflict("shared.full");
        db.Add(AllianceProjectStudio.Of(p.Id, studio!.Id, studio.Name, r.Contribution!.Trim(), false, clock.GetUtcNow(), me.Name));
        p.Joined();
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Outcome<SharedProjectView>.Conflict("shared.alreadyIn"); } // the same studio twice at once: the unique index
        return await ProjectAsync(p.Id, ct);
    }

    /// <summary>Moves the project's status (start, suspend, resume, complete); a staff member of the lead studio's subtree only.</summary>
    public async Task<Outcome<SharedProjectView>> MoveProjectAsync(Guid projectId, MoveProjectRequest r, CancellationToken ct)
    {
        var p = await db.Set<AllianceProject>().FirstOrDefaultAsync(x => x.Id == projectId, ct);
        if (p is null) return Outcome<SharedProjectView>.NotFound();
        if (r.Status is not { } to || !Enum.IsDefined(to)) return Outcome<SharedProjectView>.Invalid("status", "shared.status");
        if (await OwnStudioAsync(p.LeadStudioId, ct) is null) return Outcome<SharedProjectView>.Conflict("shared.leadOnly");
        if (AllianceRules.Move(p.Status, to, p.Studios) is { } refusal) return Outcome<SharedProjectView>.Conflict(refusal, null, AllianceRules.MinStudiosToStart);
        p.MoveTo(to, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await ProjectAsync(p.Id, ct);
    }

    public async Task<Outcome<AllianceDetail>> JoinAsync(Guid id, JoinAllianceRequest r, CancellationToken ct)
    {
        if (!await db.Set<StudioAlliance>().AnyAsync(a => a.Id == id, ct)) return Outcome<AllianceDetail>.NotFound();
        var studio = await OwnStudioAsync(r.StudioId, ct);
        if (studio is null) return Outcome<AllianceDetail>.Invalid("studioId", "alliance.studioUnknown");
        if (await db.Set<AllianceMember>().AnyAsync(m => m.AllianceId == id && m.StudioId == studio.Id, ct)) return Outcome<AllianceDetail>.Conflict("alliance.alreadyMember");
        if (await db.Set<AllianceMember>().CountAsync(m => m.AllianceId == id, ct) >= AllianceRules.MaxMembers) return Outcome<AllianceDetail>.Conflict("alliance.full");
        db.Add(AllianceMember.Of(id, studio.Id, clock.GetUtcNow()));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Outcome<AllianceDetail>.Conflict("alliance.alreadyMember"); }
        return await DetailAsync(id, ct);
    }

    public async Task<Slice<TechNeed>> NeedsAsync(NeedStatus? status, Guid? allianceId, KeysetRequest request, CancellationToken ct)
    {
        var query = db.Set<TechNeed>().AsNoTracking();
        if (status is not null) query = query.Where(n => n.Status == status);
        if (allianceId is not null) query = query.Where(n => n.AllianceId == allianceId);
        return await query.SliceAsync(request, n => n.PostedAt, n => n.Id, descending: true, rows => rows, n => n.PostedAt, n => n.Id, ct);
    }

    public async Task<Outcome<TechNeed>> PostNeedAsync(PostNeedRequest r, CancellationToken ct)
    {
        var errors = AllianceRules.CheckNeed(r.Enterprise, r.Title, r.Problem).ToList();
        if (r.AllianceId is { } aid && !await db.Set<StudioAlliance>().AnyAsync(a => a.Id == aid, ct)) errors.Add(("allianceId", "need.allianceUnknown"));
        if (errors.Count > 0) return Outcome<TechNeed>.Invalid(errors);
        var n = TechNeed.Post(r.AllianceId, r.Enterprise!.Trim(), r.Title!.Trim(), r.Problem!.Trim(), clock.GetUtcNow(), me.Name);
        db.Add(n);
        await db.SaveChangesAsync(ct);
        return Outcome<TechNeed>.Ok(n);
    }

    public async Task<Outcome<NeedDetail>> NeedAsync(Guid id, CancellationToken ct)
    {
        var n = await db.Set<TechNeed>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (n is null) return Outcome<NeedDetail>.NotFound();
        return Outcome<NeedDetail>.Ok(new NeedDetail(n, await db.Set<NeedOffer>().AsNoTracking().Where(o => o.NeedId == id).OrderBy(o => o.At).ToListAsync(ct)));
    }

    public async Task<Outcome<NeedDetail>> OfferAsync(Guid id, OfferRequest r, CancellationToken ct)
    {
        var need = await db.Set<TechNeed>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (need is null) return Outcome<NeedDetail>.NotFound();
        if (r.Note?.Trim().Length > 1000) return Outcome<NeedDetail>.Invalid("note", "need.note");
        var studio = await OwnStudioAsync(r.StudioId, ct);
        if (studio is null) return Outcome<NeedDetail>.Invalid("studioId", "alliance.studioUnknown");
        if (!AllianceRules.TakesOffers(need.Status)) return Outcome<NeedDetail>.Conflict("need.closed");
        if (await db.Set<NeedOffer>().AnyAsync(o => o.NeedId == id && o.StudioId == studio.Id, ct)) return Outcome<NeedDetail>.Conflict("need.alreadyOffered");
        db.Add(NeedOffer.Of(id, studio.Id, studio.Name, string.IsNullOrWhiteSpace(r.Note) ? null : r.Note.Trim(), clock.GetUtcNow(), me.Name));
        need.Offered();
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Outcome<NeedDetail>.Conflict("need.alreadyOffered"); }
        return await NeedAsync(id, ct);
    }

    public async Task<Outcome<NeedDetail>> CloseNeedAsync(Guid id, CancellationToken ct)
    {
        var need = await db.Set<TechNeed>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (need is null) return Outcome<NeedDetail>.NotFound();
        if (need.Status == NeedStatus.Closed) return Outcome<NeedDetail>.Conflict("need.closed");
        need.Close();
        await db.SaveChangesAsync(ct);
        return await NeedAsync(id, ct);
    }
}
