using Gonghui.Modules.Services.Campaigns;
using Gonghui.Modules.Services.Projects;
using Gonghui.Modules.Services.Rules;
using Gonghui.Modules.Services.Visits;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Services.Statistics;

/// <summary>The Services module's figures for the report (DESIGN §6: 1,740 projects, 4,773,700 visits; the 送清凉 groups 415 / 545 / 15,399).</summary>
internal sealed class ServicesIndicators(GonghuiDb db) : IIndicatorSource, IIndicatorBaseline
{
    public IReadOnlyList<IndicatorDefinition> Definitions { get; } =
    [
        new("services.projects", ReportParts.Services, "服务项目", "Service projects", IndicatorUnit.Count,
            "Service projects of the units in scope whose plan year falls in the period (the years of From to To − 1 day), not rejected.", "/services/projects"),
        new("services.visits", ReportParts.Services, "服务会员人次", "Member-service visits", IndicatorUnit.Count,
            "Visits (one member, one project, one Beijing day) with a service day in the period, of projects of the units in scope.", "/services/visits?from={from}&to={to}&unit={unit}"),
        new("services.campaigns.archived-needy", ReportParts.Services, "季节性活动惠及在档困难职工", "Campaign recipients: archived needy workers", IndicatorUnit.Count,
            "Recipients in the archived-needy group who were given their gift, in campaigns of units in scope whose year falls in the period.", "/services/campaigns"),
        new("services.campaigns.needy", ReportParts.Services, "季节性活动惠及困难职工", "Campaign recipients: needy workers", IndicatorUnit.Count,
            "Recipients in the needy group who were given their gift, in campaigns of units in scope whose year falls in the period.", "/services/campaigns"),
        new("services.campaigns.front-line", ReportParts.Services, "季节性活动惠及一线职工", "Campaign recipients: front-line workers", IndicatorUnit.Count,
            "Recipients in the front-line group who were given their gift, in campaigns of units in scope whose year falls in the period.", "/services/campaigns"),
        new("services.campaigns.money-fen", ReportParts.Services, "季节性活动发放资金", "Campaign money given", IndicatorUnit.Fen,
            "Money gifts paid through the ledger to recipients of campaigns of units in scope whose year falls in the period.", "/services/campaigns"),
    ];

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorQuery query, CancellationToken ct)
    {
        var fromYear = query.From.Year;
        var toYear = query.To.AddDays(-1).Year;
        var projects = db.Set<ServiceProject>().AsNoTracking().InScope(query.ScopePath, p => p.ScopePath)
            .Where(p => p.Year >= fromYear && p.Year <= toYear && p.Status != ProjectStatus.Rejected);
        var projectCount = await projects.CountAsync(ct);
        var visits = (await ServiceStats.VisitsByProjectAsync(db, query.ScopePath, query.From, query.To, ct)).Values.Sum();
        var campaigns = db.Set<ServiceCampaign>().AsNoTracking().InScope(query.ScopePath, c => c.ScopePath).Where(c => c.Year >= fromYear && c.Year <= toYear);
        var campaignCount = await campaigns.CountAsync(ct);
        var groups = await db.Set<CampaignRecipient>().AsNoTracking().Where(r => r.Status != RecipientStatus.Listed && campaigns.Select(c => c.Id).Contains(r.CampaignId))
            .GroupBy(r => r.Group).Select(g => new { g.Key, Count = g.LongCount(), Money = g.Sum(r => r.PaidEntryId != null ? r.GiftFen : 0) }).ToListAsync(ct);
        return Values(projectCount, visits, campaignCount, groups.Select(g => (g.Key, g.Count, g.Money)));
    }

    /// <summary>
    /// One read of the parent's projects, visits (by project), campaigns and recipients (by campaign and group), added up for each
    /// district's subtree through the project's or campaign's path.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>>> ComputeByDistrictAsync(DistrictQuery query, CancellationToken ct)
    {
        var fromYear = query.From.Year;
        var toYear = query.To.AddDays(-1).Year;
        var projects = await db.Set<ServiceProject>().AsNoTracking().InScope(query.ParentPath, p => p.ScopePath)
            .Select(p => new { p.Id, p.ScopePath, Counted = p.Year >= fromYear && p.Year <= toYear && p.Status != ProjectStatus.Rejected }).ToListAsync(ct);
        var visits = await ServiceStats.VisitsByProjectAsync(db, query.ParentPath, query.From, query.To, ct);
        var campaigns = db.Set<ServiceCampaign>().AsNoTracking().InScope(query.ParentPath, c => c.ScopePath).Where(c => c.Year >= fromYear && c.Year <= toYear);
        var campaignPaths = await campaigns.Select(c => new { c.Id, c.ScopePath }).ToDictionaryAsync(c => c.Id, c => c.ScopePath, ct);
        var groups = await db.Set<CampaignRecipient>().AsNoTracking().Where(r => r.Status != RecipientStatus.Listed && campaigns.Select(c => c.Id).Contains(r.CampaignId))
            .GroupBy(r => new { r.CampaignId, r.Group })
            .Select(g => new { g.Key.CampaignId, g.Key.Group, Count = g.LongCount(), Money = g.Sum(r => r.PaidEntryId != null ? r.GiftFen : 0) }).ToListAsync(ct);
        return query.DistrictPaths.ToDictionary(d => d, d =>
        {
            var mine = projects.Where(p => ScopeFilter.Covers(d, p.ScopePath)).ToList();
            return Values(mine.Count(p => p.Counted), mine.Sum(p => visits.GetValueOrDefault(p.Id)),
                campaignPaths.Count(c => ScopeFilter.Covers(d, c.Value)),
                groups.Where(g => ScopeFilter.Covers(d, campaignPaths[g.CampaignId])).GroupBy(g => g.Group).Select(x => (x.Key, x.Sum(g => g.Count), x.Sum(g => g.Money))));
        }, StringComparer.Ordinal);
    }

    private sealed class Tally
    {
        public int Projects, Campaigns;
        public long Visits;
        public readonly Dictionary<RecipientGroup, (long Count, long Money)> Recipients = [];
    }

    /// <summary>
    /// The baseline (<see cref="IIndicatorBaseline"/>): the parent's projects and campaigns loaded into memory, then every visit of the period
    /// and every recipient given a gift streamed in and counted under its project's or campaign's path in C#.
    /// </summary>
    public async Task<BaselineFigures> FromRowsAsync(DistrictQuery query, CancellationToken ct)
    {
        var fromYear = query.From.Year;
        var toYear = query.To.AddDays(-1).Year;
        var tally = new BaselineTally<Tally>(query);
        var projects = await db.Set<ServiceProject>().AsNoTracking().Select(p => new { p.Id, p.ScopePath, p.Year, p.Status }).ToListAsync(ct);
        foreach (var p in projects.Where(p => p.Year >= fromYear && p.Year <= toYear && p.Status != ProjectStatus.Rejected))
            tally.Add(p.ScopePath, 0, static (t, _) => t.Projects++);
        var projectPaths = projects.ToDictionary(p => p.Id, p => p.ScopePath);
        await foreach (var v in db.Set<ServiceVisit>().AsNoTracking().Where(v => v.ServedOn >= query.From && v.ServedOn < query.To).Select(v => v.ProjectId)
                           .AsAsyncEnumerable().WithCancellation(ct))
            tally.Add(projectPaths.GetValueOrDefault(v), 0, static (t, _) => t.Visits++);
        var campaigns = await db.Set<ServiceCampaign>().AsNoTracking().Where(c => c.Year >= fromYear && c.Year <= toYear).Select(c => new { c.Id, c.ScopePath })
            .ToDictionaryAsync(c => c.Id, c => c.ScopePath, ct);
        foreach (var c in campaigns.Values) tally.Add(c, 0, static (t, _) => t.Campaigns++);
        await foreach (var r in db.Set<CampaignRecipient>().AsNoTracking().Where(r => r.Status != RecipientStatus.Listed)
                           .Select(r => new { r.CampaignId, r.Group, Paid = r.PaidEntryId != null, r.GiftFen }).AsAsyncEnumerable().WithCancellation(ct))
            tally.Add(campaigns.GetValueOrDefault(r.CampaignId), r, static (t, row) =>
            {
                var (n, money) = t.Recipients.GetValueOrDefault(row.Group);
                t.Recipients[row.Group] = (n + 1, money + (row.Paid ? row.GiftFen : 0));
            });
        return tally.Figures(t => Values(t.Projects, t.Visits, t.Campaigns, t.Recipients.Select(kv => (kv.Key, kv.Value.Count, kv.Value.Money))));
    }

    private static IReadOnlyList<IndicatorValue> Values(int projectCount, long visits, int campaignCount, IEnumerable<(RecipientGroup Group, long Count, long Money)> byGroup)
    {
        var groups = byGroup.ToList();
        string? NoProjects() => projectCount == 0 ? "no-data" : null;
        string? NoCampaigns() => campaignCount == 0 ? "no-data" : null;
        long Group(RecipientGroup g) => groups.Where(x => x.Group == g).Sum(x => x.Count);
        return
        [
            new("services.projects", projectCount, NoProjects()),
            new("services.visits", visits, NoProjects()),
            new("services.campaigns.archived-needy", Group(RecipientGroup.ArchivedNeedy), NoCampaigns()),
            new("services.campaigns.needy", Group(RecipientGroup.Needy), NoCampaigns()),
            new("services.campaigns.front-line", Group(RecipientGroup.FrontLine), NoCampaigns()),
            new("services.campaigns.money-fen", groups.Sum(g => g.Money), NoCampaigns()),
        ];
    }
}
