using Gonghui.Modules.Culture.Participants;
using Gonghui.Modules.Culture.Public;
using Gonghui.Modules.Culture.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Files;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Gonghui.Modules.Culture.Recitations;

public sealed record UploadWork(string? Title, string? Text, Stream? Media, string? FileName);
public sealed record DecideRequest(bool? Publish, string? Reason);
public sealed record CampaignRequest(DateTimeOffset? ClosesAt);
public sealed record WorkView(Guid Id, string Title, string Text, string Author, string Unit, MediaKind Kind, string ContentType, long Bytes, int DurationMs,
    bool HasPoster, WorkStatus Status, DateTimeOffset UploadedAt, string? RejectReason, long Likes, bool LikedByMe);
public sealed record WorkRanking(int Rank, Guid Id, string Title, string Author, string Unit, long Raw, long Cleaned);

/// <summary>
/// Recitation works: upload (type sniffed from the bytes, size limit per kind, duration and poster by ffprobe/ffmpeg), moderation
/// by union staff in scope, public listing of published works with their cleaned like counts, likes through <see cref="ILikes"/>
/// in the recitation campaign, and the staff ranking with raw and cleaned counts.
/// </summary>
public sealed class RecitationHandlers(GonghuiDb db, CurrentUser me, ParticipantLookup participants, FileStore files, MediaProbe probe, ILikes likes,
    TimeProvider clock, IMemoryCache cache)
{
    /// <summary>The one like campaign of the recitation platform (its closing time is set by staff).</summary>
    public static readonly Guid CampaignId = new("0193a5c0-0000-7000-8000-00000000c01d");
    /// <summary>The published list's page (the API's default limit and the page's size).</summary>
    public const int PageSize = 50;

    public async Task<Outcome<RecitationWork>> UploadAsync(UploadWork r, CancellationToken ct)
    {
        var who = await participants.CurrentAsync(ct);
        if (who is null) return Outcome<RecitationWork>.Conflict(ParticipantLookup.NotEligible);
        var errors = new List<(string, string)>();
        var title = r.Title?.Trim() ?? "";
        var text = r.Text?.Trim() ?? "";
        if (title.Length is 0 or > 100) errors.Add(("title", "work.title"));
        if (text.Length > 4000) errors.Add(("text", "work.text"));
        if (r.Media is null) errors.Add(("file", "work.file"));
        if (errors.Count > 0) return Outcome<RecitationWork>.Invalid(errors);

        // The type comes from the bytes, never from the name or the declared type.
        var head = new byte[64];
        var buffered = new BufferedStream(r.Media!, 81920);
        var n = await buffered.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        if (MediaRules.Sniff(head.AsSpan(0, n)) is not { } sniffed) return Outcome<RecitationWork>.Invalid("file", "work.notMedia");
        var staged = await files.StageAsync(new PrefixedStream(head.AsMemory(0, n), buffered), MediaRules.MaxBytes(sniffed.Kind), "file", ct);
        StagedFile? poster = null;
        try
        {
            var probed = await probe.ProbeAsync(staged.TempPath, ct);
            if (probed is null || (!probed.HasAudio && !probed.HasVideo)) return Outcome<RecitationWork>.Invalid("file", "work.notMedia");
            if (probed.Duration < MediaRules.MinDuration || probed.Duration > MediaRules.MaxDuration) return Outcome<RecitationWork>.Invalid("file", "work.duration");
            var kind = MediaRules.KindOf(probed.HasVideo);
            if (kind == MediaKind.Video && staged.Size > MediaRules.MaxVideoBytes) return Outcome<RecitationWork>.Invalid("file", "file.tooLarge");
            if (kind == MediaKind.Audio && staged.Size > MediaRules.MaxAudioBytes) return Outcome<RecitationWork>.Invalid("file", "file.tooLarge");
            if (kind == MediaKind.Video)
            {
                var jpg = staged.TempPath + ".jpg";
                if (await probe.PosterAsync(staged.TempPath, probed.Duration, jpg, ct))
                {
                    await using var jpgStream = File.OpenRead(jpg);
                    poster = await files.StageAsync(jpgStream, 10 * 1024 * 1024, "file", ct);
                }
                File.Delete(jpg);
            }
            var author = await AuthorAsync(who, ct);
            var media = await files.CommitAsync(staged, MediaRules.ServedType(sniffed, kind), ct);
            var posterFile = poster is null ? null : await files.CommitAsync(poster, "image/jpeg", ct);
            poster = null;
            var work = RecitationWork.Upload(title, text, who.UserId, who.MemberId, author, who.UnitId, who.UnitPath, kind, media.Sha256, media.ContentType,
                media.Size, (int)probed.Duration.TotalMilliseconds, posterFile?.Sha256, clock.GetUtcNow());
            db.Add(work);
            await db.SaveChangesAsync(ct);
            return Outcome<RecitationWork>.Ok(work);
        }
        finally
        {
            if (File.Exists(staged.TempPath)) files.Discard(staged);
            if (poster is not null) files.Discard(poster);
        }
    }

    private async Task<string> AuthorAsync(Participant who, CancellationToken ct)
    {
        var name = who.MemberId is { } m
            ? await Organizations.Public.RegistryQueries.MemberRows(db).Where(x => x.Id == m).Select(x => x.Name).FirstOrDefaultAsync(ct)
            : null;
        return name ?? me.Principal.Identity?.Name ?? "";
    }

    /// <summary>The report's drill-down filters of the published list, checked (a unit out of the caller's scope is an error naming <c>unit</c>:
    /// the list is public, its drill-down is staff's).</summary>
    public async Task<DrillFilter?> DrillAsync(DateOnly? from, DateOnly? to, Guid? unit, Api.Errors errors, CancellationToken ct) =>
        await DrillFilter.ForCallerAsync(db, me, from, to, unit, errors, ct);

    /// <summary>
    /// Published works, newest upload first (keyset on (uploaded at, id)), with their cleaned like counts and the caller's own likes; the
    /// report's drill-down (issue 19) narrows to the works published on a Beijing date of its period, named for a unit in its unit's subtree
    /// (as culture.recitation-works counts them: <see cref="PublishedWorks"/>).
    /// </summary>
    public async Task<Slice<WorkView>> PublishedAsync(DrillFilter drill, KeysetRequest request, CancellationToken ct)
    {
        var query = db.Set<RecitationWork>().AsNoTracking().PublishedBetween(drill.From, drill.To);
        if (drill.UnitPath is { } path) query = query.InScope(path, w => w.UnitPath);
        var slice = await query.SliceAsync(request, w => w.UploadedAt, w => w.Id, descending: true, rows => rows, w => w.UploadedAt, w => w.Id, ct);
        return slice.With(await ViewsAsync(slice.Items.ToList(), ct));
    }

    /// <summary>Works awaiting moderation by units in the caller's scope, oldest first.</summary>
    public async Task<List<WorkView>> PendingAsync(CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var works = await db.Set<RecitationWork>().AsNoTracking().Where(w => w.Status == WorkStatus.Pending).InScope(scope, w => w.UnitPath)
            .OrderBy(w => w.Id).Take(200).ToListAsync(ct);
        return await ViewsAsync(works, ct);
    }

    /// <summary>The caller's own uploads, newest first.</summary>
    public async Task<List<WorkView>> MineAsync(CancellationToken ct)
    {
        var user = me.UserId ?? Guid.Empty;
        return await ViewsAsync(await db.Set<RecitationWork>().AsNoTracking().Where(w => w.UserId == user).OrderByDescending(w => w.Id).Take(100).ToListAsync(ct), ct);
    }

    /// <summary>A work as its reader may see it: published for anyone; otherwise only to its author and to moderators in scope.</summary>
    public async Task<Outcome<WorkView>> GetAsync(Guid id, CancellationToken ct)
    {
        var w = await VisibleAsync(id, ct);
        return w is null ? Outcome<WorkView>.NotFound() : Outcome<WorkView>.Ok((await ViewsAsync([w], ct))[0]);
    }

    private async Task<RecitationWork?> VisibleAsync(Guid id, CancellationToken ct)
    {
        var w = await db.Set<RecitationWork>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (w is null) return null;
        if (w.Status == WorkStatus.Published || (me.UserId is { } u && w.UserId == u)) return w;
        return me.Can(Permissions.CultureModerate) && await me.CoversAsync(w.UnitPath, ct) ? w : null;
    }

    /// <summary>The work's media (or poster) with range requests, to whoever may see the work.</summary>
    public async Task<IResult> ServeAsync(Guid id, bool poster, CancellationToken ct)
    {
        var w = await VisibleAsync(id, ct);
        if (w is null) return TypedResults.NotFound();
        if (poster) return w.PosterSha256 is { } p ? files.Serve(p, "image/jpeg") : TypedResults.NotFound();
        return files.Serve(w.MediaSha256, w.ContentType);
    }

    private async Task<List<WorkView>> ViewsAsync(List<RecitationWork> works, CancellationToken ct)
    {
        if (works.Count == 0) return [];
        var ids = works.Select(w => w.Id).ToList();
        var counts = await likes.CountsAsync(CampaignId, ids, ct);
        var mine = await likes.LikedByMeAsync(CampaignId, ids, ct);
        var unitIds = works.Select(w => w.UnitId).Distinct().ToList();
        var units = await Organizations.Public.RegistryQueries.UnitRows(db).Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return works.Select(w => new WorkView(w.Id, w.Title, w.RecitedText, w.Author, units.GetValueOrDefault(w.UnitId, ""), w.Kind, w.ContentType, w.Bytes,
            w.DurationMs, w.PosterSha256 is not null, w.Status, w.UploadedAt, w.RejectReason, counts.GetValueOrDefault(w.Id)?.Cleaned ?? 0, mine.Contains(w.Id))).ToList();
    }

    public async Task<Outcome<WorkView>> DecideAsync(Guid id, DecideRequest r, CancellationToken ct)
    {
        if (r.Publish is null) return Outcome<WorkView>.Invalid("publish", "work.publish");
        if (r.Publish == false && string.IsNullOrWhiteSpace(r.Reason)) return Outcome<WorkView>.Invalid("reason", "work.reason");
        if (r.Reason?.Length > 500) return Outcome<WorkView>.Invalid("reason", "work.reason");
        var scope = await me.ScopePathAsync(ct);
        var w = await db.Set<RecitationWork>().Where(x => x.Id == id).InScope(scope, x => x.UnitPath).FirstOrDefaultAsync(ct);
        if (w is null) return Outcome<WorkView>.NotFound();
        if (w.Decide(r.Publish.Value, r.Reason?.Trim(), me.Name, clock.GetUtcNow()) is { } refused) return Outcome<WorkView>.Conflict(refused);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<WorkView>.Conflict("work.decided"); }
        return Outcome<WorkView>.Ok((await ViewsAsync([w], ct))[0]);
    }

    /// <summary>A like of a published work by the caller, counted once per member; refused after the campaign closes.</summary>
    public async Task<Outcome<LikeReceipt>> LikeAsync(Guid id, CancellationToken ct)
    {
        // A work is decided once, so "published" never changes back: the answer is kept for a minute (likes are the hot path).
        var key = ("culture.published", id);
        if (!cache.TryGetValue(key, out bool _))
        {
            if (!await db.Set<RecitationWork>().AnyAsync(w => w.Id == id && w.Status == WorkStatus.Published, ct)) return Outcome<LikeReceipt>.NotFound();
            cache.Set(key, true, TimeSpan.FromMinutes(1));
        }
        return await likes.LikeAsync(CampaignId, id, ct);
    }

    /// <summary>Works by cleaned like count with the raw count beside it (staff).</summary>
    public async Task<List<WorkRanking>> RankingAsync(int top, CancellationToken ct)
    {
        var ranks = await likes.RankingAsync(CampaignId, top, ct);
        var ids = ranks.Select(r => r.ItemId).ToList();
        var works = await db.Set<RecitationWork>().AsNoTracking().Where(w => ids.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        var unitIds = works.Values.Select(w => w.UnitId).Distinct().ToList();
        var units = await Organizations.Public.RegistryQueries.UnitRows(db).Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return ranks.Where(r => works.ContainsKey(r.ItemId)).Select(r =>
        {
            var w = works[r.ItemId];
            return new WorkRanking(r.Rank, w.Id, w.Title, w.Author, units.GetValueOrDefault(w.UnitId, ""), r.Raw, r.Cleaned);
        }).ToList();
    }

    public async Task<Outcome<CampaignRequest>> SetCampaignAsync(CampaignRequest r, CancellationToken ct)
    {
        if (r.ClosesAt is null) return Outcome<CampaignRequest>.Invalid("closesAt", "work.closesAt");
        await likes.EnsureCampaignAsync(CampaignId, "recitation", "云诵读", r.ClosesAt.Value, ct);
        return Outcome<CampaignRequest>.Ok(r);
    }
}

/// <summary>The bytes already read for sniffing, then the rest of the stream.</summary>
internal sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : Stream
{
    private int _at;
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_at < prefix.Length)
        {
            var n = Math.Min(buffer.Length, prefix.Length - _at);
            prefix.Span.Slice(_at, n).CopyTo(buffer);
            _at += n;
            return n;
        }
        return rest.Read(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        if (_at < prefix.Length) return Read(buffer.Span);
        return await rest.ReadAsync(buffer, ct);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();
}
