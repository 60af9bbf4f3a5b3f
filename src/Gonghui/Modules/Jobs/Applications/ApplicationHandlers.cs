using Gonghui.Modules.Hardship.Public;
using Gonghui.Modules.Jobs.Posts;
using Gonghui.Modules.Jobs.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Skills.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Jobs.Applications;

public sealed record ApplyInput(string? Note);

/// <summary>An application in the worker's own list: the post's title and employer, and where it stands.</summary>
public sealed record MyApplication(Guid Id, Guid PostId, string Title, string EmployerName, ApplicationStatus Status, DateTimeOffset AppliedAt);

/// <summary>An application as staff see it on a post: <paramref name="Priority"/> marks a member of the needy-worker archive (listed first).</summary>
public sealed record ApplicantRow(Guid Id, Guid MemberId, string Name, ApplicationStatus Status, DateTimeOffset AppliedAt, bool Priority);

/// <summary>A member matched to a post by their trade: how close (4 the same occupation … 2 the same medium group) and whether they come first.</summary>
public sealed record CandidateRow(Guid MemberId, string Name, string Trade, int Closeness, bool Priority, bool Applied);

/// <summary>
/// Applications, placements and matching: a worker applies once per post; staff place an applicant (the post's places are
/// counted under a conditional update, so the last place closes the post and no race over-fills it; a person holds one
/// current placement, so no one is counted twice); members are matched to a post by their trades, needy workers first.
/// </summary>
internal sealed class ApplicationHandlers(GonghuiDb db, CurrentUser me, TimeProvider clock, Search.JobSearch search, IHardshipRoster hardship)
{
    public async Task<Outcome<JobApplication>> ApplyAsync(Guid postId, ApplyInput input, CancellationToken ct)
    {
        if (me.MemberId is not { } memberId) return Outcome<JobApplication>.Conflict("application.notMember");
        if (input.Note is { Length: > 500 }) return Outcome<JobApplication>.Invalid("note", "tooLong");
        var post = await db.Set<JobPost>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == postId && (p.Status == PostStatus.Published || p.Status == PostStatus.Filled), ct);
        if (post is null) return Outcome<JobApplication>.NotFound();
        if (!post.IsOpen(BeijingTime.Today(clock))) return Outcome<JobApplication>.Conflict("post.closed");
        if (await db.Set<JobApplication>().AnyAsync(a => a.PostId == postId && a.MemberId == memberId, ct))
            return Outcome<JobApplication>.Invalid("postId", "application.duplicate");
        var name = await db.MemberRows().Where(m => m.Id == memberId).Select(m => m.Name).FirstOrDefaultAsync(ct);
        if (name is null) return Outcome<JobApplication>.Conflict("application.notMember");
        var application = JobApplication.Apply(postId, post.ScopePath, memberId, name, input.Note?.Trim(), clock.GetUtcNow());
        db.Add(application);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            // Two submissions at once: the unique index kept one; the other is the same duplicate as above.
            db.ChangeTracker.Clear();
            return Outcome<JobApplication>.Invalid("postId", "application.duplicate");
        }
        return Outcome<JobApplication>.Ok(application);
    }

    public async Task<Slice<MyApplication>> MineAsync(KeysetRequest request, CancellationToken ct)
    {
        var memberId = me.MemberId ?? Guid.Empty;
        return await db.Set<JobApplication>().AsNoTracking().Where(a => a.MemberId == memberId)
            .SliceAsync(request, a => a.AppliedAt, a => a.Id, descending: true,
                rows => rows.Join(db.Set<JobPost>(), a => a.PostId, p => p.Id, (a, p) => new MyApplication(a.Id, a.PostId, p.Title, p.EmployerName, a.Status, a.AppliedAt)),
                a => a.AppliedAt, a => a.Id, ct);
    }

    /// <summary>A post's applicants (staff in the post's scope): needy workers of the archive first, then by time of application.</summary>
    public async Task<Outcome<IReadOnlyList<ApplicantRow>>> ApplicantsAsync(Guid postId, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        if (!await db.Set<JobPost>().InScope(scope, p => p.ScopePath).AnyAsync(p => p.Id == postId, ct)) return Outcome<IReadOnlyList<ApplicantRow>>.NotFound();
        var archived = hardship.ArchivedMemberIds();
        // Ordered in SQL before the cap (a row limit without an order is arbitrary: EF warns, and the needy could fall off the end).
        var rows = await db.Set<JobApplication>().AsNoTracking().Where(a => a.PostId == postId)
            .OrderByDescending(a => archived.Contains(a.MemberId)).ThenBy(a => a.AppliedAt).ThenBy(a => a.Id)
            .Select(a => new ApplicantRow(a.Id, a.MemberId, a.ApplicantName, a.Status, a.AppliedAt, archived.Contains(a.MemberId)))
            .Take(1000).ToListAsync(ct);
        return Outcome<IReadOnlyList<ApplicantRow>>.Ok(rows);
    }

    /// <summary>
    /// Places an applicant. One transaction: the post's count goes up only while places are left (a conditional UPDATE, which
    /// both databases apply atomically: concurrent placements never take more places than the headcount) and the last place
    /// closes the post; the placement row's unique index refuses a person who already holds a current placement.
    /// </summary>
    public async Task<Outcome<JobApplication>> PlaceAsync(Guid applicationId, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var a = await db.Set<JobApplication>().InScope(scope, x => x.ScopePath).FirstOrDefaultAsync(x => x.Id == applicationId, ct);
        if (a is null) return Outcome<JobApplication>.NotFound();
        if (a.Status != ApplicationStatus.Applied) return Outcome<JobApplication>.Conflict("application.decided");
        if (await db.Set<JobPlacement>().AnyAsync(p => p.MemberId == a.MemberId && p.EndedAt == null, ct)) return Outcome<JobApplication>.Conflict("placement.alreadyPlaced");
        var employerId = await db.Set<JobPost>().Where(p => p.Id == a.PostId).Select(p => p.EmployerId).FirstAsync(ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var taken = await db.Set<JobPost>()
            .Where(p => p.Id == a.PostId && p.Status == PostStatus.Published && p.Filled < p.Headcount)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Status, p => p.Filled + 1 >= p.Headcount ? PostStatus.Filled : p.Status)
                .SetProperty(p => p.Filled, p => p.Filled + 1)
                .SetProperty(p => p.Version, p => p.Version + 1), ct);
        if (taken == 0)
        {
            await tx.RollbackAsync(ct);
            return Outcome<JobApplication>.Conflict("post.filled");
        }
        var now = clock.GetUtcNow();
        a.Place(now, me.Name);
        db.Add(JobPlacement.Of(a, employerId, now, me.Name));
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e) || e is DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Outcome<JobApplication>.Conflict(e is DbUpdateConcurrencyException ? "application.decided" : "placement.alreadyPlaced");
        }
        return Outcome<JobApplication>.Ok(a);
    }

    public async Task<Outcome<JobApplication>> DeclineAsync(Guid applicationId, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var a = await db.Set<JobApplication>().InScope(scope, x => x.ScopePath).FirstOrDefaultAsync(x => x.Id == applicationId, ct);
        if (a is null) return Outcome<JobApplication>.NotFound();
        if (a.Status != ApplicationStatus.Applied) return Outcome<JobApplication>.Conflict("application.decided");
        a.Decline(clock.GetUtcNow(), me.Name);
        await db.SaveChangesAsync(ct);
        return Outcome<JobApplication>.Ok(a);
    }

    /// <summary>
    /// Members in the caller's scope whose trades (skills records) lie in the post's medium group or closer: needy workers of
    /// the archive first, then the closest trades, then by name. At most 200.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<CandidateRow>>> CandidatesAsync(Guid postId, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var post = await db.Set<JobPost>().AsNoTracking().InScope(scope, p => p.ScopePath).FirstOrDefaultAsync(p => p.Id == postId, ct);
        if (post is null) return Outcome<IReadOnlyList<CandidateRow>>.NotFound();
        var occupations = Occupations.Current;
        var group = post.OccupationMedium + "-";
        var names = occupations.All.Where(o => o.Code.StartsWith(group, StringComparison.Ordinal) && occupations.IsLeaf(o.Code)).Select(o => o.Name).ToList();
        var trades = await db.MemberTradeRows().Where(t => names.Contains(t.TradeName) || t.OccupationCode != null).ToListAsync(ct);
        var best = new Dictionary<Guid, (string Trade, int Closeness)>();
        foreach (var t in trades)
        {
            var code = t.OccupationCode is { } c && occupations.IsLeaf(c) ? c : occupations.LeafNamed(t.TradeName);
            if (code is null) continue;
            var closeness = Occupations.Closeness(code, post.OccupationCode);
            if (closeness < 2) continue;
            if (!best.TryGetValue(t.MemberId, out var b) || b.Closeness < closeness) best[t.MemberId] = (t.TradeName, closeness);
        }
        var ids = best.Keys.ToList();
        var members = await (from m in db.MemberRows()
                             join u in db.UnitRows() on m.UnionId equals u.Id
                             where ids.Contains(m.Id) && m.Status == MemberStatus.Active
                             select new { m.Id, m.Name, u.Path }).InScope(scope, x => x.Path).ToListAsync(ct);
        var found = members.Select(m => m.Id).ToList();
        var needy = (await hardship.ArchivedMemberIds().Where(id => found.Contains(id)).ToListAsync(ct)).ToHashSet();
        var applied = (await db.Set<JobApplication>().Where(a => a.PostId == postId && found.Contains(a.MemberId)).Select(a => a.MemberId).ToListAsync(ct)).ToHashSet();
        var rows = Matching.Rank(members.Select(m => new CandidateRow(m.Id, m.Name, best[m.Id].Trade, best[m.Id].Closeness, needy.Contains(m.Id), applied.Contains(m.Id)))).Take(200).ToList();
        return Outcome<IReadOnlyList<CandidateRow>>.Ok(rows);
    }

    /// <summary>Open posts for the signed-in worker: those in the small groups of their trades, newest first.</summary>
    public async Task<(IReadOnlyList<string> Groups, Slice<Search.PostCard> Posts)> ForMeAsync(KeysetRequest request, CancellationToken ct)
    {
        var memberId = me.MemberId ?? Guid.Empty;
        var occupations = Occupations.Current;
        var trades = await db.MemberTradeRows().Where(t => t.MemberId == memberId).ToListAsync(ct);
        var groups = trades.Select(t => t.OccupationCode is { } c && occupations.IsLeaf(c) ? c : occupations.LeafNamed(t.TradeName)).OfType<string>()
            .Select(c => Occupations.GroupOf(c, OccupationLevel.Small)).Distinct().ToList();
        var q = search.Open().Where(p => groups.Contains(p.OccupationSmall));
        var slice = await q.SliceAsync(request, p => p.PostedAt, p => p.Id, descending: true, rows => rows, p => p.PostedAt, p => p.Id, ct);
        var today = BeijingTime.Today(clock);
        return (groups, slice.Map(p => new Search.PostCard(Search.JobSearch.ToPublic(p, today), null)));
    }

    internal static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == "23505",
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode == 19,
        _ => false,
    };
}
