using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Gonghui.Modules.Culture.Participants;

/// <summary>Who takes part: the account, the member it names (if any), the unit their results count for, and when the account was first seen (its first sign-in).</summary>
public sealed record Participant(Guid UserId, Guid? MemberId, Guid UnitId, string UnitPath, DateTimeOffset? FirstSeen);

/// <summary>
/// Whether the caller may take a quiz or like a work: an account naming an active member (counted for the member's union),
/// or an account with a verified phone (counted for the account's unit). Anyone else is refused with
/// <c>culture.notEligible</c>. Answers are cached per account for a minute (the like and answer paths are hot).
/// </summary>
public sealed class ParticipantLookup(GonghuiDb db, CurrentUser me, IMemoryCache cache)
{
    public const string NotEligible = "culture.notEligible";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    public async Task<Participant?> CurrentAsync(CancellationToken ct)
    {
        if (me.UserId is not { } userId) return null;
        var key = ("culture.participant", userId);
        if (cache.TryGetValue(key, out Participant? cached)) return cached;
        var found = await ResolveAsync(userId, ct);
        if (found is not null) cache.Set(key, found, Lifetime); // a refusal is not kept: the account may be linked to a member a moment later
        return found;
    }

    private async Task<Participant?> ResolveAsync(Guid userId, CancellationToken ct)
    {
        var user = await db.Set<AppUser>().AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.MemberId, u.OrgUnitId, u.PhoneNumberConfirmed }).FirstOrDefaultAsync(ct);
        if (user is null) return null;
        // A handful of sessions per account; the minimum is taken here (SQLite cannot compare DateTimeOffset in SQL).
        var sessions = await db.Set<UserSession>().AsNoTracking().Where(s => s.UserId == userId).Select(s => s.CreatedAt).ToListAsync(ct);
        DateTimeOffset? seen = sessions.Count > 0 ? sessions.Min() : null;
        if (user.MemberId is { } memberId)
        {
            var member = await (from m in db.MemberRows()
                                join u in db.UnitRows() on m.UnionId equals u.Id
                                where m.Id == memberId && m.Status == MemberStatus.Active
                                select new { u.Id, u.Path }).FirstOrDefaultAsync(ct);
            if (member is not null) return new Participant(userId, memberId, member.Id, member.Path, seen);
        }
        if (!user.PhoneNumberConfirmed) return null;
        var unit = await db.UnitRows().Where(u => u.Id == user.OrgUnitId).Select(u => new { u.Id, u.Path }).FirstOrDefaultAsync(ct);
        return unit is null ? null : new Participant(userId, null, unit.Id, unit.Path, seen);
    }
}
