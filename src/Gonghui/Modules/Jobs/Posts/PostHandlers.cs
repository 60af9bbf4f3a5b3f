using Gonghui.Modules.Jobs.Campaigns;
using Gonghui.Modules.Jobs.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Jobs.Posts;

/// <summary>The staff list's filters: one employer's posts, a status, a title or employer name; the report's drill-down (issue 19):
/// posts published (datePosted) in the period, within the unit's subtree, as jobs.posts counts them.</summary>
public sealed record PostFilter(Guid? EmployerId = null, PostStatus? Status = null, string? Q = null, DrillFilter? Drill = null);

/// <summary>A review decision: publish, or reject with a reason the employer's union can act on.</summary>
public sealed record ReviewInput(bool? Approve, string? Note);

/// <summary>An employer the caller may post for: a registry enterprise and the union path that scopes its posts.</summary>
public sealed record EmployerOption(Guid Id, string Name, string CreditCode, string DistrictCode, string ScopePath);

/// <summary>
/// Posts as union staff handle them: draft for an employer in their scope, submit, review (district and federation staff
/// publish or reject), withdraw; the lists of an employer's posts and of the review queue. Shared by the API and the pages.
/// </summary>
internal sealed class PostHandlers(GonghuiDb db, CurrentUser me, TimeProvider clock)
{
    public DateOnly Today => BeijingTime.Today(clock);
    public static readonly HashSet<string> DistrictCodes = BeijingDistricts.All.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);

    public async Task<IQueryable<JobPost>> VisibleAsync(CancellationToken ct) =>
        db.Set<JobPost>().AsNoTracking().InScope(await me.ScopePathAsync(ct), p => p.ScopePath);

    public async Task<Slice<JobPost>> ListAsync(PostFilter f, KeysetRequest request, CancellationToken ct)
    {
        var q = await VisibleAsync(ct);
        if (f.EmployerId is { } employer) q = q.Where(p => p.EmployerId == employer);
        if (f.Status is { } status) q = q.Where(p => p.Status == status);
        if (f.Drill is { IsEmpty: false } drill)
        {
            // As jobs.posts: published (reviewed), dated in the period.
            q = q.Where(p => p.Status != PostStatus.Draft && p.Status != PostStatus.Pending && p.Status != PostStatus.Rejected && p.ReviewedBy != null);
            if (drill.FromUtc is { } from) q = q.Where(p => p.PostedAt >= from);
            if (drill.ToUtc is { } to) q = q.Where(p => p.PostedAt < to);
            if (drill.UnitPath is { } unitPath) q = q.InScope(unitPath, p => p.ScopePath);
        }
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var text = f.Q.Trim();
            q = q.Where(p => p.Title.Contains(text) || p.EmployerName.Contains(text));
        }
        return await q.SliceAsync(request, p => p.CreatedAt, p => p.Id, descending: true, rows => rows, p => p.CreatedAt, p => p.Id, ct);
    }

    /// <summary>The report's drill-down filters of the list, checked (a unit out of the caller's scope is an error naming <c>unit</c>).</summary>
    public async Task<DrillFilter?> DrillAsync(DateOnly? from, DateOnly? to, Guid? unit, Api.Errors errors, CancellationToken ct) =>
        await DrillFilter.ForCallerAsync(db, me, from, to, unit, errors, ct);

    /// <summary>Posts waiting for review in the caller's scope, oldest first.</summary>
    public async Task<Slice<JobPost>> ReviewQueueAsync(KeysetRequest request, CancellationToken ct) =>
        await (await VisibleAsync(ct)).Where(p => p.Status == PostStatus.Pending)
            .SliceAsync(request, p => p.CreatedAt, p => p.Id, descending: false, rows => rows, p => p.CreatedAt, p => p.Id, ct);

    public async Task<JobPost?> GetAsync(Guid id, CancellationToken ct) => await (await VisibleAsync(ct)).FirstOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>
    /// Employers in the caller's scope whose name or credit code contains <paramref name="q"/> (the form's picker), at most 50:
    /// enterprises of the grassroots unions in scope, and enterprises without a union whose district union is in scope.
    /// </summary>
    public async Task<IReadOnlyList<EmployerOption>> EmployersAsync(string? q, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var text = q?.Trim() ?? "";
        var withUnion = await (from e in db.EnterpriseRows()
                               join u in db.UnitRows() on e.GrassrootsUnionId equals u.Id
                               where text == "" || e.Name.Contains(text) || e.CreditCode == text
                               select new { e.Id, e.Name, e.CreditCode, e.DistrictCode, u.Path })
            .InScope(scope, x => x.Path).OrderBy(x => x.Name).ThenBy(x => x.Id).Take(50).ToListAsync(ct);
        var withoutUnion = await (from e in db.EnterpriseRows()
                                  join u in db.UnitRows() on e.DistrictCode equals u.DistrictCode
                                  where e.GrassrootsUnionId == null && u.Kind == OrgUnitKind.DistrictUnion
                                      && (text == "" || e.Name.Contains(text) || e.CreditCode == text)
                                  select new { e.Id, e.Name, e.CreditCode, e.DistrictCode, u.Path })
            .InScope(scope, x => x.Path).OrderBy(x => x.Name).ThenBy(x => x.Id).Take(50).ToListAsync(ct);
        return withUnion.Concat(withoutUnion).OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Id).Take(50)
            .Select(r => new EmployerOption(r.Id, r.Name, r.CreditCode, r.DistrictCode, r.Path)).ToList();
    }

    /// <summary>The enterprise and the path that scopes its posts: its grassroots union, else its district's union, else the root.</summary>
    public async Task<EmployerOption?> EmployerAsync(Guid id, CancellationToken ct)
    {
        var e = await db.EnterpriseRows().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return null;
        string? path = null;
        if (e.GrassrootsUnionId is { } union) path = await db.UnitRows().Where(u => u.Id == union).Select(u => u.Path).FirstOrDefaultAsync(ct);
        path ??= await db.UnitRows().Where(u => u.Kind == OrgUnitKind.DistrictUnion && u.DistrictCode == e.DistrictCode).Select(u => u.Path).FirstOrDefaultAsync(ct);
        path ??= await db.UnitRows().Where(u => u.ParentId == null).Select(u => u.Path).FirstOrDefaultAsync(ct) ?? "/";
        return new EmployerOption(e.Id, e.Name, e.CreditCode, e.DistrictCode, path);
    }

    /// <summary>Drafts a post for an employer in the caller's scope; <paramref name="submit"/> sends it to review at once.</summary>
    public async Task<Outcome<JobPost>> CreateAsync(PostInput input, bool submit, CancellationToken ct)
    {
        var errors = PostRules.Validate(input, Today, Occupations.Current, DistrictCodes, out var fields).ToList();
        EmployerOption? employer = null;
        if (input.EmployerId is not { } employerId) errors.Insert(0, ("employerId", "required"));
        else if ((employer = await EmployerAsync(employerId, ct)) is null || !await me.CoversAsync(employer.ScopePath, ct))
            errors.Insert(0, ("employerId", "employer.unknown"));
        if (input.CampaignId is { } campaignId && !await db.Set<JobCampaign>().AnyAsync(c => c.Id == campaignId, ct))
            errors.Add(("campaignId", "campaign.unknown"));
        if (errors.Count > 0) return Outcome<JobPost>.Invalid(errors);

        var post = JobPost.Draft(Guid.CreateVersion7(), fields!, employer!.Id, employer.Name, employer.CreditCode, employer.ScopePath, clock.GetUtcNow(), me.Name);
        if (submit) post.Submit();
        db.Add(post);
        await db.SaveChangesAsync(ct);
        return Outcome<JobPost>.Ok(post);
    }

    public async Task<Outcome<JobPost>> SubmitAsync(Guid id, CancellationToken ct)
    {
        var post = await TrackedAsync(id, ct);
        if (post is null) return Outcome<JobPost>.NotFound();
        if (post.Status is not (PostStatus.Draft or PostStatus.Rejected)) return Outcome<JobPost>.Conflict("post.notDraft");
        post.Submit();
        await db.SaveChangesAsync(ct);
        return Outcome<JobPost>.Ok(post);
    }

    /// <summary>Publishes or rejects a pending post. The reviewer may not be the one who drafted it; a rejection says why.</summary>
    public async Task<Outcome<JobPost>> ReviewAsync(Guid id, ReviewInput input, CancellationToken ct)
    {
        if (input.Approve is not { } approve) return Outcome<JobPost>.Invalid("approve", "required");
        var note = input.Note?.Trim();
        if (!approve && string.IsNullOrEmpty(note)) return Outcome<JobPost>.Invalid("note", "review.reasonRequired");
        if (note is { Length: > 500 }) return Outcome<JobPost>.Invalid("note", "tooLong");
        var post = await TrackedAsync(id, ct);
        if (post is null) return Outcome<JobPost>.NotFound();
        if (post.Status != PostStatus.Pending) return Outcome<JobPost>.Conflict("post.notPending");
        if (string.Equals(post.CreatedBy, me.Name, StringComparison.Ordinal)) return Outcome<JobPost>.Conflict("review.ownPost");
        if (approve)
        {
            if (post.ValidThrough < Today) return Outcome<JobPost>.Invalid("validThrough", "validThrough.past");
            post.Publish(clock.GetUtcNow(), me.Name, note);
            db.AddRange(Search.JobPostTerm.Of(post)); // the keyword index, with its datePosted, in the same SaveChanges as the publication
        }
        else post.Reject(me.Name, note!);
        await db.SaveChangesAsync(ct);
        return Outcome<JobPost>.Ok(post);
    }

    public async Task<Outcome<JobPost>> WithdrawAsync(Guid id, CancellationToken ct)
    {
        var post = await TrackedAsync(id, ct);
        if (post is null) return Outcome<JobPost>.NotFound();
        if (post.Status is PostStatus.Withdrawn or PostStatus.Filled) return Outcome<JobPost>.Conflict("post.closed");
        post.Withdraw();
        await db.SaveChangesAsync(ct);
        return Outcome<JobPost>.Ok(post);
    }

    private async Task<JobPost?> TrackedAsync(Guid id, CancellationToken ct) =>
        await db.Set<JobPost>().InScope(await me.ScopePathAsync(ct), p => p.ScopePath).FirstOrDefaultAsync(p => p.Id == id, ct);
}
