namespace Gonghui.Modules.Jobs.Search;

/// <summary>
/// One two-character term (bigram) of a post's title or employer name: the keyword search's index. Chinese has no spaces, and
/// PostgreSQL's trigram index cannot serve the usual two-character keywords (焊工, 电工: no whole trigram inside), nor does
/// SQLite have one; a bigram table in B-tree order serves both engines the same way. Written when the post is published
/// (only open posts are searched; title and employer do not change), with the post's <see cref="PostedAt"/> so that a common
/// term's posts are walked newest first from the index <c>(term, posted_at, post_id, district_code)</c> and a page stops after its
/// rows; with the post's <see cref="DistrictCode"/> too, so that a keyword with a district drops the term's posts of other districts
/// in that index instead of reading each post (a post's content does not change once drafted). Derived data, so not audited.
/// </summary>
public sealed class JobPostTerm
{
    private JobPostTerm() { }

    public string Term { get; private set; } = "";
    public Guid PostId { get; private set; }
    /// <summary>The post's datePosted (the search's order), copied when it is published.</summary>
    public DateTimeOffset PostedAt { get; private set; }
    /// <summary>The post's district (GB/T 2260 code), copied when it is published: the search's commonest filter beside a keyword.</summary>
    public string DistrictCode { get; private set; } = "";

    /// <summary>The distinct bigrams of the post's title and employer name (never across the two, never over white space).</summary>
    public static IEnumerable<JobPostTerm> Of(Guid postId, string title, string employerName, DateTimeOffset postedAt, string districtCode) =>
        Grams(title).Concat(Grams(employerName)).Distinct(StringComparer.Ordinal)
            .Select(t => new JobPostTerm { Term = t, PostId = postId, PostedAt = postedAt, DistrictCode = districtCode });

    /// <summary>The terms of a published post.</summary>
    public static IEnumerable<JobPostTerm> Of(Posts.JobPost post) => Of(post.Id, post.Title, post.EmployerName, post.PostedAt, post.DistrictCode);

    /// <summary>The two-character terms of a text in order (case as written: the search matches as <c>Contains</c> does).</summary>
    public static IEnumerable<string> Grams(string text)
    {
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) || char.IsWhiteSpace(text[i + 1])) continue;
            if (char.IsHighSurrogate(text[i]) || char.IsLowSurrogate(text[i + 1])) continue; // no half characters
            yield return text.Substring(i, 2);
        }
    }
}
