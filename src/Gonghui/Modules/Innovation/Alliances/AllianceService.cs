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

public sealed record AllianceMemberView(Guid StudioId, string Name, StudioLevel Level, string? DistrictCode, string Field, bool IsLead);
public sealed record AllianceDetail(StudioAlliance Alliance, IReadOnlyList<AllianceMemberView> Members, AllianceSpan Span);
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
        return Outcome<AllianceDetail>.Ok(new AllianceDetail(a, members.Select(m => new AllianceMemberView(m.Id, m.Name, m.Level, m.DistrictCode, m.Field, m.Id == a.LeadStudioId)).ToList(), span));
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
