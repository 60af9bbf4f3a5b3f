using Gonghui.Modules.Jobs.Posts;
using Gonghui.Modules.Jobs.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Geo;
using Gonghui.Platform.Http;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Jobs.Search;

/// <summary>
/// A job seeker's filters: occupation (any code of the classification: a group finds every post in it), district, the monthly
/// salary wanted (posts whose range reaches it), a point and radius (the map's coordinates, WGS-84), a keyword in the title or
/// employer's name, a campaign or job fair.
/// </summary>
public sealed record SearchFilter(string? Occupation = null, string? District = null, long? SalaryFen = null, double? Lat = null, double? Lng = null,
    double? RadiusKm = null, string? Q = null, Guid? CampaignId = null);

/// <summary>One hit of the search: the post as the public sees it, and its distance from the seeker's point when one was given.</summary>
public sealed record PostCard(PublicPost Post, double? DistanceMeters);

/// <summary>
/// The public search over open posts (published, not past their date, places left), newest first and keyset-sliced; the
/// public page of one post; the feed of open posts. Anonymous and read-only.
/// </summary>
internal sealed class JobSearch(GonghuiDb db, TimeProvider clock)
{
    public const double MaxRadiusKm = 100;
    public DateOnly Today => BeijingTime.Today(clock);

    /// <summary>The filters' errors (field, code): an unknown occupation or district, a radius without a point, out-of-range figures.</summary>
    public static IReadOnlyList<(string Field, string Code)> Check(SearchFilter f)
    {
        var errors = new List<(string, string)>();
        if (!string.IsNullOrWhiteSpace(f.Occupation) && !Occupations.Current.Exists(f.Occupation.Trim())) errors.Add(("occupation", "occupation.unknown"));
        if (!string.IsNullOrWhiteSpace(f.District) && !PostHandlers.DistrictCodes.Contains(f.District.Trim())) errors.Add(("district", "district.unknown"));
        if (f.SalaryFen is < 0 or > PostRules.MaxMonthlyFen) errors.Add(("salaryFen", "salary.range"));
        if (f.RadiusKm is { } r)
        {
            if (r is <= 0 or > MaxRadiusKm || !double.IsFinite(r)) errors.Add(("radiusKm", "radius.range"));
            if (f.Lat is null || f.Lng is null) errors.Add(("lat", "location.required"));
        }
        if ((f.Lat is null) != (f.Lng is null)) errors.Add(("lat", "location.required"));
        if (f.Lat is { } lat && f.Lng is { } lng && !PostRules.InBeijing(lat, lng)) errors.Add(("lat", "location.outside"));
        if (f.Q is { Length: > 50 }) errors.Add(("q", "tooLong"));
        return errors;
    }

    /// <summary>Open posts: published, valid today or later. Filled posts have left Published.</summary>
    public IQueryable<JobPost> Open()
    {
        var today = Today;
        return db.Set<JobPost>().AsNoTracking().Where(p => p.Status == PostStatus.Published && p.ValidThrough >= today);
    }

    /// <summary>The filtered query (checked filters only): each filter is an equality or range the indexes serve.</summary>
    public IQueryable<JobPost> Filtered(SearchFilter f)
    {
        var q = Open();
        if (!string.IsNullOrWhiteSpace(f.Occupation))
        {
            var code = f.Occupation.Trim();
            q = Occupations.LevelOf(code) switch
            {
                OccupationLevel.Major => q.Where(p => p.OccupationMajor == code),
                OccupationLevel.Medium => q.Where(p => p.OccupationMedium == code),
                OccupationLevel.Small => q.Where(p => p.OccupationSmall == code),
                _ => q.Where(p => p.OccupationCode == code),
            };
        }
        if (!string.IsNullOrWhiteSpace(f.District)) { var d = f.District.Trim(); q = q.Where(p => p.DistrictCode == d); }
        if (f.SalaryFen is { } salary and > 0) q = q.Where(p => p.SalaryMaxFen >= salary);
        if (f.CampaignId is { } campaign) q = q.Where(p => p.CampaignId == campaign);
        if (f.Lat is { } lat && f.Lng is { } lng && f.RadiusKm is { } km)
        {
            var (dLat, dLng, scale) = PostRules.Box(lat, km * 1000);
            double minLat = lat - dLat, maxLat = lat + dLat, minLng = lng - dLng, maxLng = lng + dLng, r2 = dLat * dLat;
            q = q.Where(p => p.Lat >= minLat && p.Lat <= maxLat && p.Lng >= minLng && p.Lng <= maxLng
                && (p.Lat - lat) * (p.Lat - lat) + (p.Lng - lng) * scale * ((p.Lng - lng) * scale) <= r2);
        }
        if (!string.IsNullOrWhiteSpace(f.Q)) { var text = f.Q.Trim(); q = q.Where(p => p.Title.Contains(text) || p.EmployerName.Contains(text)); }
        return q;
    }

    /// <summary>Posts holding a keyword's every selective bigram, at most <see cref="SelectiveTerm"/> each.</summary>
    public static int SelectiveTerm { get; set; } = 4000; // settable: a test lowers it to take the walk on the demo's few posts

    /// <summary>
    /// <see cref="Filtered"/> narrowed by the keyword's bigram index (<see cref="JobPostTerm"/>), and the term to walk when there is one.
    /// The posts holding each of the keyword's terms are read from the index; a term held by more than <see cref="SelectiveTerm"/>
    /// posts is not selective and is not read. The selective terms' posts are intersected and handed to the query as a list of ids
    /// (PostgreSQL <c>= ANY</c>, SQLite <c>json_each</c>) that the primary key serves. When every term is common (焊工 in 4,000 of
    /// 110,000 posts), the answer names one of them as <c>Walk</c>: the search then reads that term's rows newest first from the
    /// index <c>(term, posted_at, post_id)</c> and joins each to its post, so a page stops after its rows and the capped count
    /// after its cap, and the other common terms are probes of the primary key. The substring test still decides.
    /// </summary>
    public async Task<(IQueryable<JobPost> Query, string? Walk)> FilteredAsync(SearchFilter f, CancellationToken ct)
    {
        var q = Filtered(f);
        if (string.IsNullOrWhiteSpace(f.Q)) return (q, null);
        HashSet<Guid>? ids = null;
        var common = new List<string>();
        foreach (var term in JobPostTerm.Grams(f.Q.Trim()).Distinct(StringComparer.Ordinal).Take(6))
        {
            var holding = await db.Set<JobPostTerm>().AsNoTracking().Where(t => t.Term == term).OrderBy(t => t.PostId).Select(t => t.PostId)
                .Take(SelectiveTerm + 1).ToListAsync(ct);
            if (holding.Count > SelectiveTerm) { common.Add(term); continue; }
            if (ids is null) ids = [.. holding]; else ids.IntersectWith(holding);
            if (ids.Count == 0) break;
        }
        if (ids is not null)
        {
            var list = ids.ToList();
            return (q.Where(p => list.Contains(p.Id)), null);
        }
        if (common.Count == 0) return (q, null); // a one-character keyword: no term
        foreach (var other in common.Skip(1))
            q = q.Where(p => db.Set<JobPostTerm>().Any(t => t.Term == other && t.PostId == p.Id));
        return (q, common[0]);
    }

    public async Task<Outcome<Slice<PostCard>>> SearchAsync(SearchFilter f, KeysetRequest request, CancellationToken ct)
    {
        var errors = Check(f);
        if (errors.Count > 0) return Outcome<Slice<PostCard>>.Invalid(errors);
        var (query, walk) = await FilteredAsync(f, ct);
        var slice = walk is null
            ? await query.SliceAsync(request, p => p.PostedAt, p => p.Id, descending: true, rows => rows, p => p.PostedAt, p => p.Id, ct)
            // The common term's rows in the index's order; the cursor is the same (posted at, id) as the posts' own order.
            : await (from t in db.Set<JobPostTerm>().AsNoTracking()
                     where t.Term == walk
                     join p in query on t.PostId equals p.Id
                     select new { Term = t, Post = p })
                .SliceAsync(request, x => x.Term.PostedAt, x => x.Term.PostId, descending: true, rows => rows.Select(x => x.Post), p => p.PostedAt, p => p.Id, ct);
        var today = Today;
        return Outcome<Slice<PostCard>>.Ok(slice.Map(p => new PostCard(ToPublic(p, today),
            f.Lat is { } lat && f.Lng is { } lng ? Math.Round(GreatCircle.DistanceMeters(lat, lng, p.Lat, p.Lng)) : null)));
    }

    /// <summary>A post's public page: published or filled (a filled post still shows, closed); drafts, pending, rejected and withdrawn are not public.</summary>
    public async Task<PublicPost?> GetAsync(Guid id, CancellationToken ct)
    {
        var p = await db.Set<JobPost>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && (x.Status == PostStatus.Published || x.Status == PostStatus.Filled), ct);
        return p is null ? null : ToPublic(p, Today);
    }

    /// <summary>The feed: open posts, newest first, as JSON-LD JobPosting objects.</summary>
    public async Task<Slice<PublicPost>> FeedAsync(KeysetRequest request, CancellationToken ct) =>
        (await Open().SliceAsync(request, p => p.PostedAt, p => p.Id, descending: true, rows => rows, p => p.PostedAt, p => p.Id, ct)).Map(p => ToPublic(p, Today));

    public static PublicPost ToPublic(JobPost p, DateOnly today) => new(p.Id, p.Title, p.Description, p.EmployerName, p.EmployerCreditCode, p.OccupationCode,
        Occupations.Current.Find(p.OccupationCode)?.Name, p.EmploymentType, p.SalaryMinFen, p.SalaryMaxFen, p.Headcount, p.Filled, p.DistrictCode,
        BeijingDistricts.NameOf(p.DistrictCode), p.Address, p.Lat, p.Lng, BeijingTime.DateOf(p.PostedAt), p.ValidThrough, p.IsOpen(today), p.CampaignId);
}
