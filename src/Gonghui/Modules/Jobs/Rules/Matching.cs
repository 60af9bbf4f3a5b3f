using Gonghui.Modules.Jobs.Applications;

namespace Gonghui.Modules.Jobs.Rules;

/// <summary>The order of candidates for a post: needy workers of the archive first, then the closest trade, then by name and id.</summary>
public static class Matching
{
    public static IEnumerable<CandidateRow> Rank(IEnumerable<CandidateRow> rows) =>
        rows.OrderByDescending(r => r.Priority).ThenByDescending(r => r.Closeness).ThenBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.MemberId);
}
