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
        // The box and the distance test only columns that the open posts' walk (ix_jobs_posts_open_walk) carries: a post outside the
        // box is dropped in that index, and only the posts inside it are read from the table.
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

    /// <summary>A term's holders are counted up to this many to pick the rarest term of a keyword (beyond it, all count the same).</summary>
    public const int TermCountCap = 4000;

    /// <summary>
    /// <see cref="Filtered"/> and the keyword's term to walk (<see cref="JobPostTerm"/>), if it has one. A keyword is found by
    /// walking one of its two-character terms newest first on the index <c>(term, posted_at, post_id, district_code)</c> (with a
    /// district, only the term's rows of that district: <see cref="Walk"/>), each row joined to its
    /// post (filters, open status and the substring test apply there), so a page stops after its rows and the capped count after
    /// its cap; the keyword's other terms (at most 5 more) are probes of the primary key <c>(term, post_id)</c>. The term walked is
    /// the rarest (the fewest holders, counted up to <see cref="TermCountCap"/> from the index alone); a one-term keyword needs no
    /// count. Before session 10 a term held by at most 4,000 posts was read back and its posts handed to the query as a list of
    /// ids: 焊工's 1,112 ids became 1,112 parameters (EF Core 10 sends a list as one parameter each), read by the primary key and
    /// sorted, ten times the cost of the walk (docs/jobs.md, "Measured"). The substring test decides unless the keyword is one term.
    /// </summary>
    public async Task<(IQueryable<JobPost> Query, string? Walk)> FilteredAsync(SearchFilter f, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(f.Q)) return (Filtered(f), null);
        var text = f.Q.Trim();
        var terms = JobPostTerm.Grams(text).Distinct(StringComparer.Ordinal).Take(6).ToList();
        if (terms.Count == 0) return (Filtered(f), null); // a one-character keyword: no term, the substring test over the open posts
        // A keyword that is one whole term (two characters of the basic plane, the usual 焊工) is held exactly by the posts whose
        // title or employer name contains it: the walk is the answer and the substring test is left out (it would only repeat it,
        // and on PostgreSQL its unknowable selectivity made the planner read and sort every holder instead of walking). A longer
        // keyword keeps the test: its terms can be held apart.
        var q = terms is [var whole] && whole == text ? Filtered(f with { Q = null }) : Filtered(f);
        var walk = terms[0];
        if (terms.Count > 1)
        {
            var fewest = int.MaxValue;
            foreach (var term in terms)
            {
                var holders = await db.Set<JobPostTerm>().AsNoTracking().Where(t => t.Term == term).OrderBy(t => t.PostId).Take(TermCountCap + 1).CountAsync(ct);
                if (holders < fewest) (walk, fewest) = (term, holders);
                if (holders == 0) break; // nothing holds it: the walk ends at once
            }
        }
        foreach (var other in terms.Where(t => t != walk))
            q = q.Where(p => db.Set<JobPostTerm>().Any(t => t.Term == other && t.PostId == p.Id));
        return (q, walk);
    }

    /// <summary>
    /// The rows of the term a keyword walks, and with a district only the district's: the term's row carries its post's district and
    /// the index <c>(term, posted_at, post_id, district_code)</c> drops the others before any post is read. Without it 焊工 + a
    /// district read ~300 posts by their key to keep the 21 of the district (one request 3.8 ms on SQLite against 1.3 ms for 焊工
    /// alone, session 10); the post's own district test stays in the join (it repeats this one).
    /// </summary>
    private IQueryable<JobPostTerm> Walk(string term, string? district)
    {
        var rows = db.Set<JobPostTerm>().AsNoTracking().Where(t => t.Term == term);
        if (!string.IsNullOrWhiteSpace(district)) { var d = district.Trim(); rows = rows.Where(t => t.DistrictCode == d); }
        return rows;
    }

    public async Task<Outcome<Slice<PostCard>>> SearchAsync(SearchFilter f, KeysetRequest request, CancellationToken ct)
    {
        var errors = Check(f);
        if (errors.Count > 0) return Outcome<Slice<PostCard>>.Invalid(errors);
        var (query, walk) = await FilteredAsync(f, ct);
        var slice = walk is null
            ? await query.SliceAsync(request, p => p.PostedAt, p => p.Id, descending: true, rows => rows, p => p.PostedAt, p => p.Id, ct)
            // The term's rows in the index's order; the cursor is the same (posted at, id) as the posts' own order.
            : await (from t in Walk(walk, f.District)
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
