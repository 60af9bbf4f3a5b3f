using Gonghui.Modules.Hotline.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Hotline.Requests;

public sealed record MergeBody(Guid? TargetId, int? Version = null, string? Note = null);

/// <summary>A candidate primary for a duplicate, and why it was suggested.</summary>
public sealed record DuplicateCandidate(Guid Id, string TrackingCode, RequestState State, string Category, string? EnterpriseName, DateTimeOffset ReceivedAt, bool SameCaller, bool SameEnterprise, bool SameCategory);

/// <summary>Merging duplicates (an agent's act): the duplicate is closed as merged with a link to the primary; only the primary is handled and counted.</summary>
public sealed class HotlineMerge(GonghuiDb db, HotlineService svc, TimeProvider clock)
{
    /// <summary>
    /// Likely primaries for a request, found the way intake suggests earlier requests: the same caller (phone hash), or
    /// the same enterprise and category, within 30 days either side; open, not merged, visible to the caller.
    /// </summary>
    public async Task<List<DuplicateCandidate>> CandidatesAsync(HotlineRequest r, CancellationToken ct)
    {
        var from = r.ReceivedAt.AddDays(-30);
        var to = r.ReceivedAt.AddDays(30);
        var q = (await svc.VisibleAsync(ct)).AsNoTracking()
            .Where(x => x.Id != r.Id && x.MergedIntoId == null && x.State != RequestState.Closed && x.ReceivedAt >= from && x.ReceivedAt <= to)
            .Where(x => (r.PhoneHash != null && x.PhoneHash == r.PhoneHash) || (r.EnterpriseId != null && x.EnterpriseId == r.EnterpriseId && x.Category == r.Category));
        var rows = await q.OrderByDescending(x => x.ReceivedAt).Take(20).ToListAsync(ct);
        return rows.Select(x => new DuplicateCandidate(x.Id, x.TrackingCode, x.State, x.Category, x.EnterpriseName, x.ReceivedAt,
                r.PhoneHash != null && x.PhoneHash == r.PhoneHash, r.EnterpriseId != null && x.EnterpriseId == r.EnterpriseId, x.Category == r.Category))
            .OrderByDescending(c => c.SameCaller).ThenByDescending(c => c.ReceivedAt).Take(10).ToList();
    }

    public static MergeSide Side(HotlineRequest r) => new(r.Id, r.State, r.MergedIntoId, r.MergedCount, r.PhoneHash, r.EnterpriseId, r.Category);

    public async Task<Outcome<HotlineRequest>> MergeAsync(Guid duplicateId, MergeBody body, string? idempotencyKey, CancellationToken ct)
    {
        var me = svc.Me;
        var dup = await svc.FindVisibleAsync(duplicateId, ct);
        if (dup is null || !me.IsStaff) return Outcome<HotlineRequest>.NotFound();
        if (!svc.IsAgent) return Outcome<HotlineRequest>.Conflict(HotlineCodes.MergeAgentOnly, null, dup.State);
        string? idemKey = null;
        if (!string.IsNullOrWhiteSpace(idempotencyKey))
        {
            idemKey = $"{me.UserId}:{idempotencyKey.Trim()}";
            if (idemKey.Length > 200) return Outcome<HotlineRequest>.Invalid("Idempotency-Key", HotlineCodes.IdempotencyKeyTooLong);
            var seen = await db.Set<HotlineIdempotencyKey>().AsNoTracking().FirstOrDefaultAsync(k => k.Key == idemKey, ct);
            if (seen is not null)
                return seen.RequestId == duplicateId && seen.Action == nameof(RequestAction.Merge) ? Outcome<HotlineRequest>.Ok(dup) : Outcome<HotlineRequest>.Conflict(HotlineCodes.IdempotencyKeyReused);
        }
        if (body.TargetId is not { } targetId) return Outcome<HotlineRequest>.Invalid("targetId", HotlineCodes.MergeTargetRequired);
        if (body.Version is { } v && v != dup.Version) return Outcome<HotlineRequest>.Conflict(HotlineCodes.VersionChanged, null, dup.Version, v, dup.State);
        var primary = targetId == dup.Id ? dup : await svc.FindVisibleAsync(targetId, ct);
        if (primary is null) return Outcome<HotlineRequest>.Invalid("targetId", HotlineCodes.MergeTargetUnknown);
        if (MergeRules.Check(Side(dup), Side(primary)) is { } code)
            return Outcome<HotlineRequest>.Conflict(code, null, dup.State, primary.TrackingCode, primary.State);
        var now = clock.GetUtcNow();
        var from = dup.State;
        dup.MergeInto(primary.Id, now);
        primary.AcceptMerged();
        var note = body.Note?.Trim();
        db.Add(HotlineRequestEvent.Of(dup, "merge", from, me.Name, now, note: $"→ {primary.TrackingCode} {note}".Trim()));
        db.Add(HotlineRequestEvent.Of(primary, "merged-in", primary.State, me.Name, now, note: $"← {dup.TrackingCode} {note}".Trim()));
        if (idemKey is not null) db.Add(new HotlineIdempotencyKey { Key = idemKey, RequestId = dup.Id, Action = nameof(RequestAction.Merge), At = now });
        try
        {
            await db.SaveChangesWithAuditAsync(
            [
                svc.Audit("hotline.merge", dup, new { from = from.ToString(), to = dup.State.ToString(), into = primary.Id, note }),
                svc.Audit("hotline.merged-in", primary, new { duplicate = dup.Id }),
            ], ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<HotlineRequest>.Conflict(HotlineCodes.MergeChangedConcurrently);
        }
        catch (DbUpdateException) when (idemKey is not null)
        {
            return Outcome<HotlineRequest>.Conflict(HotlineCodes.IdempotencyKeyInUse);
        }
        return Outcome<HotlineRequest>.Ok(dup);
    }
}
