using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Scope;

namespace Gonghui.Modules.Innovation.Awards;

/// <summary>
/// The awards the report counts as paid in a period (innovation.patents, innovation.projects and their amounts): status Paid (a reversed
/// payment is not), payment time in [from, to). One filter for the figures and for their lists' drill-down, so the list counts what the figure counts.
/// </summary>
internal static class PaidAwards
{
    public static IQueryable<PatentAward> PaidBetween(this IQueryable<PatentAward> query, DateTimeOffset? from, DateTimeOffset? to)
    {
        query = query.Where(a => a.Status == AwardStatus.Paid);
        if (from is { } f) query = query.Where(a => a.PaidAt >= f);
        if (to is { } t) query = query.Where(a => a.PaidAt < t);
        return query;
    }

    public static IQueryable<InnovationProject> PaidBetween(this IQueryable<InnovationProject> query, DateTimeOffset? from, DateTimeOffset? to)
    {
        query = query.Where(p => p.Status == AwardStatus.Paid);
        if (from is { } f) query = query.Where(p => p.PaidAt >= f);
        if (to is { } t) query = query.Where(p => p.PaidAt < t);
        return query;
    }

    /// <summary>
    /// The report's drill-down (issue 19) on the patent awards: with a period, those paid in it (as innovation.patents counts them); with a
    /// unit, those filed for units in its subtree.
    /// </summary>
    public static IQueryable<PatentAward> Drill(this IQueryable<PatentAward> query, DrillFilter drill)
    {
        if (drill.From is not null || drill.To is not null) query = query.PaidBetween(drill.FromUtc, drill.ToUtc);
        if (drill.UnitPath is { } path) query = query.InScope(path, a => a.ScopePath, a => a.ScopeDistrict);
        return query;
    }

    /// <summary>The drill-down on the project awards: with a period, those paid in it (as innovation.projects counts them); with a unit, those of studios in its subtree.</summary>
    public static IQueryable<InnovationProject> Drill(this IQueryable<InnovationProject> query, DrillFilter drill)
    {
        if (drill.From is not null || drill.To is not null) query = query.PaidBetween(drill.FromUtc, drill.ToUtc);
        if (drill.UnitPath is { } path) query = query.InScope(path, p => p.ScopePath);
        return query;
    }
}
