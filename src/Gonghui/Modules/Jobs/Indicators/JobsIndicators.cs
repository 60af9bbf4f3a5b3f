using Gonghui.Modules.Jobs.Applications;
using Gonghui.Modules.Jobs.Posts;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Jobs.Indicators;

/// <summary>The jobs figures of the report (DESIGN §6: 1,760 employers, over 110,000 posts): employers, posts, places and people placed.</summary>
internal sealed class JobsIndicators(GonghuiDb db) : IIndicatorSource
{
    public IReadOnlyList<IndicatorDefinition> Definitions { get; } =
    [
        new("jobs.employers", ReportParts.Services, "发布岗位的用人单位", "Employers posting jobs", IndicatorUnit.Count,
            "Distinct employers (registry enterprises) with at least one post published in the period (datePosted in the period), in the scope of the post's union.",
            "/jobs/posts"),
        new("jobs.posts", ReportParts.Services, "发布岗位数", "Job posts published", IndicatorUnit.Count,
            "Posts published (reviewed) with datePosted in the period, whatever they became since (filled, expired, withdrawn).", "/jobs/posts?from={from}&to={to}&unit={unit}"),
        new("jobs.openings", ReportParts.Services, "提供岗位数(人)", "Openings offered", IndicatorUnit.Count,
            "The headcount of the posts counted in jobs.posts: places offered.", "/jobs/posts"),
        new("jobs.placements", ReportParts.Services, "实现就业人数", "People placed", IndicatorUnit.Count,
            "Distinct members placed in a post in the period (placement date in the period): a person placed twice counts once.", null),
    ];

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorQuery query, CancellationToken ct)
    {
        var (from, to) = query.Instants;
        var posts = db.Set<JobPost>().AsNoTracking().InScope(query.ScopePath, p => p.ScopePath)
            .Where(p => p.Status != PostStatus.Draft && p.Status != PostStatus.Pending && p.Status != PostStatus.Rejected && p.ReviewedBy != null)
            .Where(p => p.PostedAt >= from && p.PostedAt < to);
        var postCount = await posts.CountAsync(ct);
        var employers = await posts.Select(p => p.EmployerId).Distinct().CountAsync(ct);
        var openings = postCount == 0 ? 0 : await posts.SumAsync(p => (long)p.Headcount, ct);
        var placed = await db.Set<JobPlacement>().AsNoTracking().InScope(query.ScopePath, p => p.ScopePath)
            .Where(p => p.PlacedAt >= from && p.PlacedAt < to).Select(p => p.MemberId).Distinct().CountAsync(ct);
        // No post in the period and scope: the figures have no records behind them ("no-data"), never a silent zero.
        return Values(employers, postCount, openings, placed);
    }

    /// <summary>One read of the parent's posts and one of its placements, each grouped by the district whose subtree holds the post's union.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>>> ComputeByDistrictAsync(DistrictQuery query, CancellationToken ct)
    {
        var (from, to) = query.Parent.Instants;
        var posts = await db.Set<JobPost>().AsNoTracking()
            .Where(p => p.Status != PostStatus.Draft && p.Status != PostStatus.Pending && p.Status != PostStatus.Rejected && p.ReviewedBy != null)
            .Where(p => p.PostedAt >= from && p.PostedAt < to)
            .GroupByBranch(query.ParentPath, p => p.ScopePath)
            .Select(g => new { g.Key, N = g.Count(), Employers = g.Select(p => p.EmployerId).Distinct().Count(), Openings = g.Sum(p => (long)p.Headcount) })
            .ToDictionaryAsync(x => x.Key, ct);
        var placed = await db.Set<JobPlacement>().AsNoTracking().Where(p => p.PlacedAt >= from && p.PlacedAt < to)
            .GroupByBranch(query.ParentPath, p => p.ScopePath).Select(g => new { g.Key, N = g.Select(p => p.MemberId).Distinct().Count() })
            .ToDictionaryAsync(x => x.Key, x => x.N, ct);
        return query.DistrictPaths.ToDictionary(d => d, d =>
        {
            var p = posts.GetValueOrDefault(d);
            return Values(p?.Employers ?? 0, p?.N ?? 0, p?.Openings ?? 0, placed.GetValueOrDefault(d));
        }, StringComparer.Ordinal);
    }

    private static IReadOnlyList<IndicatorValue> Values(int employers, int posts, long openings, int placed) =>
    [
        IndicatorValues.Count("jobs.employers", employers),
        IndicatorValues.Count("jobs.posts", posts),
        IndicatorValues.Count("jobs.openings", openings),
        IndicatorValues.Count("jobs.placements", placed),
    ];
}
