using Gonghui.Modules.Services.Campaigns;
using Gonghui.Modules.Services.Projects;
using Gonghui.Modules.Services.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Services.Statistics;

/// <summary>The Services module's figures for the report (DESIGN §6: 1,740 projects, 4,773,700 visits; the 送清凉 groups 415 / 545 / 15,399).</summary>
internal sealed class ServicesIndicators(GonghuiDb db) : IIndicatorSource
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
