using Gonghui.Modules.Hardship.Public;
using Gonghui.Modules.Hardship;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Modules.Legal.Public;
using Gonghui.Platform.Time;
using Gonghui.Modules.MutualAid.Public;
using Gonghui.Modules.MutualAid;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Scope;

namespace Gonghui.Modules.Hotline.Requests;

public sealed record LinkBody(LinkKind? Kind, string? Reference);

public sealed record LinkDto(Guid Id, LinkKind Kind, Guid? TargetId, string Reference, string Label, bool External, DateTimeOffset LinkedAt, string LinkedBy);

/// <summary>
/// Links from a request to a hardship file or a mutual-aid claim (looked up through those modules' public lookup
/// services, which apply their own module's rule for who may open a record: a link is refused, as a field error, when the
/// caller could not open its target) or to a legal-aid case (an external reference checked by format only).
/// </summary>
public sealed class HotlineLinks(GonghuiDb db, HotlineService svc, TimeProvider clock, IHardshipFileLookup hardship, IMutualAidClaimLookup claims,
    ILegalCases legal)
{
    /// <summary>A legal-aid link is external (a number typed in) unless it points at a case of the Legal module (转法律援助).</summary>
    public static LinkDto ToDto(HotlineLink l) => new(l.Id, l.Kind, l.TargetId, l.Reference, l.Label, l.Kind == LinkKind.LegalAidCase && l.TargetId is null, l.LinkedAt, l.LinkedBy);

    /// <summary>
    /// 转法律援助: opens a legal-aid case from the request through <see cref="ILegalCases"/> (the caller becomes the worker, the named
    /// enterprise the employer) and links it as this request's <see cref="LinkKind.LegalAidCase"/>; the case keeps the request's id,
    /// so each side shows the other. Repeating it answers the case already opened (and restores its link if it was removed).
    /// The case and the link are written in one transaction: neither exists without the other.
    /// </summary>
    public async Task<(Outcome<HotlineRequest> Outcome, LinkDto? Link)> OpenLegalAidAsync(Guid requestId, CancellationToken ct)
    {
        var me = svc.Me;
        var r = await svc.FindVisibleAsync(requestId, ct);
        if (r is null || !me.IsStaff) return (Outcome<HotlineRequest>.NotFound(), null);
        var scope = await me.ScopePathAsync(ct);
        if (!svc.IsAgent && !ScopeFilter.Covers(scope, r.ScopePath))
            return (Outcome<HotlineRequest>.Refused($"Only the lead unit (主办), a unit above it or an agent links this request. Current state: {r.State}."), null);
        var summary = $"{r.TrackingCode}: {r.Description}";
        if (summary.Length > 2000) summary = summary[..2000];
        var seed = new HotlineCaseSeed(r.Id, string.IsNullOrWhiteSpace(r.CallerName) ? "（来电职工）" : r.CallerName.Trim(), svc.DecryptPhone(r), r.EnterpriseName,
            summary, BeijingTime.DateOf(r.ReceivedAt), r.EnterpriseId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var opened = await legal.OpenFromHotlineAsync(seed, ct);
        if (opened is null) return (Outcome<HotlineRequest>.Refused($"A legal-aid case could not be opened from this request. Current state: {r.State}."), null);
        var link = await db.Set<HotlineLink>().FirstOrDefaultAsync(l => l.RequestId == r.Id && l.Kind == LinkKind.LegalAidCase && l.Reference == opened.Number, ct);
        if (link is null)
        {
            link = new HotlineLink
            {
                RequestId = r.Id, Kind = LinkKind.LegalAidCase, TargetId = opened.Id, Reference = opened.Number, Label = opened.Number,
                TargetPath = string.IsNullOrEmpty(opened.ScopePath) ? null : opened.ScopePath, LinkedAt = clock.GetUtcNow(), LinkedBy = me.Name,
            };
            db.Add(link);
            db.Add(HotlineRequestEvent.Of(r, "link", r.State, me.Name, link.LinkedAt, note: $"{link.Kind}: {link.Reference}"));
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return (Outcome<HotlineRequest>.Ok(r), ToDto(link));
    }

    /// <summary>The request's links the caller's scope covers (external references have no unit and are shown to whoever sees the request).</summary>
    public async Task<List<LinkDto>> ListAsync(Guid requestId, CancellationToken ct)
    {
        if (!svc.Me.IsStaff) return [];
        var scope = await svc.Me.ScopePathAsync(ct);
        return (await db.Set<HotlineLink>().AsNoTracking().WhereScoped(l => l.RequestId == requestId && (l.TargetPath == null || ScopeFilter.Covers(scope, l.TargetPath)))
            .OrderBy(l => l.LinkedAt).ToListAsync(ct)).Select(ToDto).ToList();
    }

    public async Task<(Outcome<HotlineRequest> Outcome, LinkDto? Link)> AddAsync(Guid requestId, LinkBody body, CancellationToken ct)
    {
        var me = svc.Me;
        var r = await svc.FindVisibleAsync(requestId, ct);
        if (r is null || !me.IsStaff) return (Outcome<HotlineRequest>.NotFound(), null);
        var scope = await me.ScopePathAsync(ct);
        if (!svc.IsAgent && !ScopeFilter.Covers(scope, r.ScopePath))
            return (Outcome<HotlineRequest>.Conflict(HotlineCodes.LinkLeadUnitActs, null, r.State), null);
        var errors = new Api.Errors();
        if (body.Kind is null) errors.Add("kind", HotlineCodes.LinkKindRequired);
        if (string.IsNullOrWhiteSpace(body.Reference)) errors.Add("reference", HotlineCodes.LinkReferenceRequired);
        if (errors.Any) return (Outcome<HotlineRequest>.Invalid(errors), null);
        var reference = body.Reference!.Trim();
        var link = new HotlineLink { RequestId = r.Id, Kind = body.Kind!.Value, LinkedAt = clock.GetUtcNow(), LinkedBy = me.Name };
        switch (body.Kind)
        {
            case LinkKind.HardshipFile:
            {
                // the hardship module's rule: its readers (not hotline agents) within their scope
                var f = await hardship.FindVisibleAsync(reference, ct);
                if (f is null) return (Outcome<HotlineRequest>.Invalid(errors.Add("reference", HotlineCodes.LinkHardshipNotVisible)), null);
                (link.TargetId, link.Reference, link.Label, link.TargetPath) = (f.Id, f.FileNo, $"{f.FileNo} · {f.UnitName} · {f.Status}", f.UnitPath);
                break;
            }
            case LinkKind.MutualAidClaim:
            {
                var c = Guid.TryParse(reference, out var cid) ? await claims.FindVisibleAsync(cid, ct) : null;
                if (c is null) return (Outcome<HotlineRequest>.Invalid(errors.Add("reference", HotlineCodes.LinkClaimNotVisible)), null);
                (link.TargetId, link.Reference, link.Label, link.TargetPath) = (c.Id, c.Id.ToString(), $"{c.Year} · {c.UnitName} · {c.Status} · ¥{c.PayoutFen / 100m:N2}", c.UnitPath);
                break;
            }
            default:
            {
                var n = LinkRules.NormaliseLegalAid(reference);
                if (n is null) return (Outcome<HotlineRequest>.Invalid(errors.Add("reference", HotlineCodes.LinkLegalAidNumber)), null);
                (link.Reference, link.Label) = (n, n);
                break;
            }
        }
        if (await db.Set<HotlineLink>().AnyAsync(l => l.RequestId == r.Id && l.Kind == link.Kind && l.Reference == link.Reference, ct))
            return (Outcome<HotlineRequest>.Conflict(HotlineCodes.LinkExists, null, link.Reference, r.State), null);
        db.Add(link);
        db.Add(HotlineRequestEvent.Of(r, "link", r.State, me.Name, link.LinkedAt, note: $"{link.Kind}: {link.Reference}"));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return (Outcome<HotlineRequest>.Conflict(HotlineCodes.LinkExists, null, link.Reference, r.State), null); }
        return (Outcome<HotlineRequest>.Ok(r), ToDto(link));
    }

    public async Task<Outcome<HotlineRequest>> RemoveAsync(Guid requestId, Guid linkId, CancellationToken ct)
    {
        var me = svc.Me;
        var r = await svc.FindVisibleAsync(requestId, ct);
        if (r is null || !me.IsStaff) return Outcome<HotlineRequest>.NotFound();
        var scope = await me.ScopePathAsync(ct);
        var link = await db.Set<HotlineLink>().WhereScoped(l => l.Id == linkId && l.RequestId == requestId && (l.TargetPath == null || ScopeFilter.Covers(scope, l.TargetPath))).FirstOrDefaultAsync(ct);
        if (link is null) return Outcome<HotlineRequest>.NotFound();
        if (!svc.IsAgent && !ScopeFilter.Covers(scope, r.ScopePath))
            return Outcome<HotlineRequest>.Conflict(HotlineCodes.UnlinkLeadUnitActs, null, r.State);
        db.Remove(link);
        db.Add(HotlineRequestEvent.Of(r, "unlink", r.State, me.Name, clock.GetUtcNow(), note: $"{link.Kind}: {link.Reference}"));
        await db.SaveChangesAsync(ct);
        return Outcome<HotlineRequest>.Ok(r);
    }
}
