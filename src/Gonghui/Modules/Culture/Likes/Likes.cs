using Gonghui.Modules.Culture.Participants;
using Gonghui.Modules.Culture.Public;
using Gonghui.Modules.Culture.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Gonghui.Modules.Culture.Likes;

/// <summary>The likes of <see cref="ILikes"/>: one row per (item, voter) under a unique index; burst flags written by <see cref="ReviewAsync"/>.</summary>
internal sealed class Likes(GonghuiDb db, ParticipantLookup participants, IHttpContextAccessor http, PersonalDataProtector protector, TimeProvider clock,
    IMemoryCache cache, IOptions<LikeRules> rules, IStringLocalizer<CultureText> text, LikeWriter writer) : ILikes
{
    private static readonly TimeSpan ReviewEvery = TimeSpan.FromMinutes(1);
    [ThreadStatic] private static UuidV7Batch? t_ids;

    public async Task EnsureCampaignAsync(Guid campaignId, string kind, string name, DateTimeOffset closesAt, CancellationToken ct)
    {
        var c = await db.Set<LikeCampaign>().FirstOrDefaultAsync(x => x.Id == campaignId, ct);
        if (c is null) db.Add(LikeCampaign.Create(campaignId, kind, name, closesAt));
        else c.Change(name, closesAt);
        await db.SaveChangesAsync(ct);
        cache.Remove(("culture.campaign", campaignId));
    }

    public async Task<DateTimeOffset?> ClosesAtAsync(Guid campaignId, CancellationToken ct)
    {
        var key = ("culture.campaign", campaignId);
        if (cache.TryGetValue(key, out DateTimeOffset closes)) return closes;
        var found = await db.Set<LikeCampaign>().AsNoTracking().Where(c => c.Id == campaignId).Select(c => (DateTimeOffset?)c.ClosesAt).FirstOrDefaultAsync(ct);
        if (found is { } f) cache.Set(key, f, TimeSpan.FromSeconds(30));
        return found;
    }

    public async Task<Outcome<LikeReceipt>> LikeAsync(Guid campaignId, Guid itemId, CancellationToken ct)
    {
        var who = await participants.CurrentAsync(ct);
        if (who is null) return Outcome<LikeReceipt>.Conflict(LikeCodes.NotEligible);
        if (await ClosesAtAsync(campaignId, ct) is not { } closes) return Outcome<LikeReceipt>.NotFound();
        var now = clock.GetUtcNow();
        if (now >= closes) return Outcome<LikeReceipt>.Conflict(LikeCodes.Closed);
        var ip = http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "-";
        var ids = t_ids ??= new UuidV7Batch();
        var like = ItemLike.Create(ids.Next(now), campaignId, itemId, who.UserId, who.MemberId, protector.Hash("culture-like-ip:" + ip)[..32], now, who.FirstSeen);
        // Group commit: answered once the batch holding this like has committed; false when a like of this voter was there first.
        var counted = await writer.SubmitAsync(like, ct);
        return Outcome<LikeReceipt>.Ok(new LikeReceipt(itemId, counted), replayed: !counted);
    }

    public async Task<IReadOnlyDictionary<Guid, LikeCount>> CountsAsync(Guid campaignId, IReadOnlyCollection<Guid> items, CancellationToken ct)
    {
        await ReviewIfStaleAsync(campaignId, ct);
        var list = items.ToList();
        return await db.Set<ItemLike>().AsNoTracking().Where(l => l.CampaignId == campaignId && list.Contains(l.ItemId)).GroupBy(l => l.ItemId)
            .Select(g => new { g.Key, Raw = g.LongCount(), Cleaned = g.LongCount(l => l.Flag == null) })
            .ToDictionaryAsync(x => x.Key, x => new LikeCount(x.Raw, x.Cleaned), ct);
    }

    public async Task<IReadOnlySet<Guid>> LikedByMeAsync(Guid campaignId, IReadOnlyCollection<Guid> items, CancellationToken ct)
    {
        var who = await participants.CurrentAsync(ct);
        if (who is null) return new HashSet<Guid>();
        var voter = who.MemberId ?? who.UserId;
        var list = items.ToList();
        return (await db.Set<ItemLike>().AsNoTracking().Where(l => l.VoterKey == voter && l.CampaignId == campaignId && list.Contains(l.ItemId))
            .Select(l => l.ItemId).ToListAsync(ct)).ToHashSet();
    }

    public async Task<IReadOnlyList<LikeRank>> RankingAsync(Guid campaignId, int top, CancellationToken ct)
    {
        await ReviewIfStaleAsync(campaignId, ct);
        var rows = await db.Set<ItemLike>().AsNoTracking().Where(l => l.CampaignId == campaignId).GroupBy(l => l.ItemId)
            .Select(g => new { g.Key, Raw = g.LongCount(), Cleaned = g.LongCount(l => l.Flag == null) })
            .OrderByDescending(x => x.Cleaned).ThenByDescending(x => x.Raw).ThenBy(x => x.Key).Take(Math.Clamp(top, 1, 1000)).ToListAsync(ct);
        return rows.Select((r, i) => new LikeRank(i + 1, r.Key, r.Raw, r.Cleaned)).ToList();
    }

    public string Describe(string code) => text[code].Value;

    private async Task ReviewIfStaleAsync(Guid campaignId, CancellationToken ct)
    {
        var reviewed = await db.Set<LikeCampaign>().AsNoTracking().Where(c => c.Id == campaignId).Select(c => new { c.ReviewedAt }).FirstOrDefaultAsync(ct);
        if (reviewed is null) return;
        if (reviewed.ReviewedAt is { } at && clock.GetUtcNow() - at < ReviewEvery) return;
        await ReviewAsync(campaignId, ct);
    }

    public async Task<int> ReviewAsync(Guid campaignId, CancellationToken ct)
    {
        var likes = await db.Set<ItemLike>().AsNoTracking().Where(l => l.CampaignId == campaignId)
            .Select(l => new { l.Id, l.ItemId, l.IpHash, l.At, l.AccountSeenAt, l.Flag }).ToListAsync(ct);
        var flags = LikeBursts.Flag(likes.Select(l => new LikeFact(l.Id, l.ItemId, l.IpHash, l.At, l.AccountSeenAt)).ToList(), rules.Value);
        var changes = likes.Where(l => l.Flag != flags.GetValueOrDefault(l.Id)).GroupBy(l => flags.GetValueOrDefault(l.Id));
        foreach (var change in changes)
            foreach (var chunk in change.Select(l => l.Id).Chunk(500))
            {
                var ids = chunk.ToList();
                var flag = change.Key;
                await db.Set<ItemLike>().Where(l => ids.Contains(l.Id)).ExecuteUpdateAsync(s => s.SetProperty(l => l.Flag, flag), ct);
            }
        await db.Set<LikeCampaign>().Where(c => c.Id == campaignId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ReviewedAt, clock.GetUtcNow()), ct);
        return flags.Count;
    }
}
