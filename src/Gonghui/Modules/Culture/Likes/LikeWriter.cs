using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Gonghui.Modules.Culture.Likes;

/// <summary>
/// Group commit of likes (the platform's <see cref="GroupCommit{TItem,TResult}"/>): concurrent likes are written in one transaction
/// per batch, each by <c>INSERT … ON CONFLICT (item_id, voter_key) DO NOTHING</c>, and each caller learns whether its own row went in
/// (counted) or met one already there (a double click, on this node or another; twins in one batch likewise: the second meets the
/// first). Answered only after the commit.
/// </summary>
public sealed class LikeWriter(IServiceScopeFactory scopes, ILogger<LikeWriter> log) : GroupCommit<ItemLike, bool>(scopes, log)
{
    private const string Sql = "INSERT INTO culture_likes (id, campaign_id, item_id, voter_key, user_id, member_id, ip_hash, \"at\", account_seen_at, flag) " +
                               "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL) ON CONFLICT (item_id, voter_key) DO NOTHING";

    private static readonly DateTimeOffsetToBinaryConverter SqliteTime = new();

    protected override async Task<IReadOnlyList<bool>> WriteAsync(GonghuiDb db, IReadOnlyList<ItemLike> items, CancellationToken ct)
    {
        var pg = db.IsNpgsql();
        object? T(DateTimeOffset? v) => v is not { } t ? null : pg ? t.ToUniversalTime() : SqliteTime.ConvertToProvider(t);
        var rows = new object?[items.Count][];
        for (var i = 0; i < items.Count; i++)
        {
            var l = items[i];
            rows[i] = [l.Id, l.CampaignId, l.ItemId, l.VoterKey, l.UserId, l.MemberId, l.IpHash, T(l.At), T(l.AccountSeenAt)];
        }
        var affected = await RowWriter.ExecuteEachAsync(db, Sql, rows, ct);
        return Array.ConvertAll(affected, n => n == 1);
    }
}
