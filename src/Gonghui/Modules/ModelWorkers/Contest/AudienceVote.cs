using Gonghui.Modules.Culture.Public;
using Gonghui.Modules.ModelWorkers.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.ModelWorkers.Contest;

public sealed record OpenVoteRequest(DateTimeOffset? ClosesAt);
/// <summary>One entry of the round the audience votes in: the cleaned count for everyone, the raw count for staff only.</summary>
public sealed record VoteEntry(Guid EntryId, string SpeakerName, string Title, long Cleaned, long? Raw, bool VotedByMe);
public sealed record AudienceView(Guid ContestId, string ContestName, ContestRound Round, DateTimeOffset? ClosesAt, bool Open, IReadOnlyList<VoteEntry> Entries);

/// <summary>
/// The speech contest's audience vote (观众投票), built on the Culture module's likes (<see cref="ILikes"/>), not a copy: the
/// like campaign is the contest (campaign id = contest id, kind "speech"); one vote per verified member (or verified phone)
/// per entry under the likes' unique index, votes at or after the closing time refused, bursts flagged, and the audience
/// ranking by the cleaned count with the raw count beside it for staff. Votes go to the entries of the round being held
/// (after the final: the finalists). The vote is advisory: it does not change the judges' places.
/// </summary>
internal sealed class AudienceVote(GonghuiDb db, ILikes likes, TimeProvider clock)
{
    public const string Kind = "speech";

    /// <summary>Opens the vote, or moves its closing time (federation): the closing time must be in the future.</summary>
    public async Task<Outcome<AudienceView>> OpenAsync(Guid contestId, OpenVoteRequest r, CancellationToken ct)
    {
        var c = await db.Set<SpeechContest>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == contestId, ct);
        if (c is null) return Outcome<AudienceView>.NotFound();
        if (r.ClosesAt is not { } closes || closes <= clock.GetUtcNow() || closes > clock.GetUtcNow().AddYears(1))
            return Outcome<AudienceView>.Invalid("closesAt", "vote.closingTime");
        await likes.EnsureCampaignAsync(contestId, Kind, c.Name, closes.ToUniversalTime(), ct);
        return Outcome<AudienceView>.Ok((await ViewAsync(contestId, staff: true, ct)).Value!);
    }

    /// <summary>A vote for an entry of the round being voted on. 404: no such contest or entry, or no vote opened; 409: closed,
    /// not eligible, or the entry is out of the round; a second vote of the same entry is Ok with <c>counted: false</c>.</summary>
    public async Task<Outcome<LikeReceipt>> VoteAsync(Guid contestId, Guid entryId, CancellationToken ct)
    {
        var c = await db.Set<SpeechContest>().AsNoTracking().Where(x => x.Id == contestId).Select(x => new { x.Round }).FirstOrDefaultAsync(ct);
        if (c is null) return Outcome<LikeReceipt>.NotFound();
        var e = await db.Set<SpeechEntry>().AsNoTracking().Where(x => x.Id == entryId && x.ContestId == contestId).Select(x => new { x.Reached }).FirstOrDefaultAsync(ct);
        if (e is null) return Outcome<LikeReceipt>.NotFound();
        if (e.Reached != c.Round) return Outcome<LikeReceipt>.Conflict("vote.notInRound");
        return await likes.LikeAsync(contestId, entryId, ct);
    }

    /// <summary>The entries of the round voted on with their counts (raw only for <paramref name="staff"/>), by cleaned count.</summary>
    public async Task<Outcome<AudienceView>> ViewAsync(Guid contestId, bool staff, CancellationToken ct)
    {
        var c = await db.Set<SpeechContest>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == contestId, ct);
        if (c is null) return Outcome<AudienceView>.NotFound();
        var entries = await db.Set<SpeechEntry>().AsNoTracking().Where(e => e.ContestId == contestId && e.Reached == c.Round)
            .OrderBy(e => e.SpeakerName).Take(500).Select(e => new { e.Id, e.SpeakerName, e.Title }).ToListAsync(ct);
        var ids = entries.Select(e => e.Id).ToList();
        var closes = await likes.ClosesAtAsync(contestId, ct);
        var counts = closes is null ? new Dictionary<Guid, LikeCount>() : await likes.CountsAsync(contestId, ids, ct);
        var mine = closes is null ? new HashSet<Guid>() : await likes.LikedByMeAsync(contestId, ids, ct);
        var rows = entries.Select(e =>
        {
            var n = counts.GetValueOrDefault(e.Id) ?? new LikeCount(0, 0);
            return new VoteEntry(e.Id, e.SpeakerName, e.Title, n.Cleaned, staff ? n.Raw : null, mine.Contains(e.Id));
        }).OrderByDescending(v => v.Cleaned).ThenBy(v => v.SpeakerName, StringComparer.Ordinal).ToList();
        return Outcome<AudienceView>.Ok(new AudienceView(c.Id, c.Name, c.Round, closes, closes is { } at && clock.GetUtcNow() < at, rows));
    }

    /// <summary>Words a code: the likes' codes in the Culture module's words, the rest in this module's.</summary>
    public OutcomeText Words(OutcomeText module) =>
        (code, args) => code.StartsWith("culture.", StringComparison.Ordinal) || code.StartsWith("like.", StringComparison.Ordinal) ? likes.Describe(code) : module(code, args);
}
