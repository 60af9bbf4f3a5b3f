using Gonghui.Modules.Innovation.Awards;
using Gonghui.Modules.Innovation.Rules;
using Gonghui.Modules.Innovation.Studios;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using static Gonghui.Platform.Indicators.IndicatorValues;

namespace Gonghui.Modules.Innovation.Indicators;

/// <summary>
/// Innovation's figures of the annual report: recognised studios by level at the period's end (the dashboard's rule, with the
/// period's end for its year) and the innovation fund's awards paid (patent awards to first inventors, project awards to studios).
/// </summary>
public sealed class InnovationIndicators(GonghuiDb db) : IIndicatorSource
{
    private const string Studios = "studios in the scope recognised (命名) before the period's end and not revoked by then " +
        "(status Recognised, or Revoked in a year after the period's last day; revocation is recorded by year, as on the dashboard)";
    private const string Patents = "patent-award claims in status Paid (not reversed) whose payment time falls in the period, filed for units in the scope";
    private const string Projects = "project awards in status Paid (not reversed) whose payment time falls in the period, of studios in the scope";
    // The lists behind the figures, narrowed to the report's period and unit (PaidAwards.Drill: the same filter).
    private const string PatentsDrill = "/innovation/patents?from={from}&to={to}&unit={unit}";
    private const string ProjectsDrill = "/innovation/projects?from={from}&to={to}&unit={unit}";

    private static readonly (StudioLevel Level, string Key, string Zh, string En)[] Levels =
    [
        (StudioLevel.National, "innovation.studios.national", "全国示范性职工创新工作室", "National model studios"),
        (StudioLevel.MunicipalModel, "innovation.studios.municipal-model", "市级示范性职工创新工作室", "Municipal model studios"),
        (StudioLevel.Municipal, "innovation.studios.municipal", "市级职工创新工作室", "Municipal studios"),
        (StudioLevel.District, "innovation.studios.district", "区局集团级职工创新工作室", "District, bureau and group studios"),
        (StudioLevel.Grassroots, "innovation.studios.grassroots", "基层职工创新工作室", "Grassroots studios"),
    ];

    public IReadOnlyList<IndicatorDefinition> Definitions { get; } =
    [
        new("innovation.studios", ReportParts.SkillsCulture, "职工创新工作室", "Worker innovation studios", IndicatorUnit.Count, "Count of " + Studios + ".", "/innovation"),
        .. Levels.Select(l => new IndicatorDefinition(l.Key, ReportParts.SkillsCulture, l.Zh, l.En, IndicatorUnit.Count, $"Of innovation.studios, those of level {l.Level}.", "/innovation")),
        new("innovation.patents", ReportParts.Money, "职务发明专利奖励", "Service-invention patent awards paid", IndicatorUnit.Count, "Count of " + Patents + ".", PatentsDrill),
        new("innovation.patents.amount", ReportParts.Money, "职务发明专利奖励金额", "Patent awards paid", IndicatorUnit.Fen, "Sum of the amounts of " + Patents + ".", PatentsDrill),
        new("innovation.projects", ReportParts.Money, "创新项目助推资金项目", "Innovation projects funded", IndicatorUnit.Count, "Count of " + Projects + ".", ProjectsDrill),
        new("innovation.projects.amount", ReportParts.Money, "创新项目助推资金", "Project boost funds paid", IndicatorUnit.Fen, "Sum of the amounts of " + Projects + ".", ProjectsDrill),
    ];

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorQuery query, CancellationToken ct)
    {
        var (from, to) = query.Instants;
        var lastYear = query.To.AddDays(-1).Year;
        var levels = await db.Set<InnovationStudio>().AsNoTracking().InScope(query.ScopePath, s => s.ScopePath)
            .Where(s => s.RecognisedOn != null && s.RecognisedOn < query.To
                        && (s.Status == StudioStatus.Recognised || (s.Status == StudioStatus.Revoked && s.RevokedYear > lastYear)))
            .GroupBy(s => s.Level).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        var patents = await db.Set<PatentAward>().AsNoTracking().InScope(query.ScopePath, a => a.ScopePath)
            .PaidBetween(from, to)
            .GroupBy(_ => 1).Select(g => new { N = g.Count(), Fen = g.Sum(a => a.AmountFen) }).SingleOrDefaultAsync(ct);
        var projects = await db.Set<InnovationProject>().AsNoTracking().InScope(query.ScopePath, p => p.ScopePath)
            .PaidBetween(from, to)
            .GroupBy(_ => 1).Select(g => new { N = g.Count(), Fen = g.Sum(p => p.AmountFen) }).SingleOrDefaultAsync(ct);
        return Values(levels.Select(l => (l.Key, l.N)), patents?.N ?? 0, patents?.Fen ?? 0, projects?.N ?? 0, projects?.Fen ?? 0);
    }

    /// <summary>One read each of the parent's studios, patent awards and project awards, grouped by path and added up for each district's subtree.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>>> ComputeByDistrictAsync(DistrictQuery query, CancellationToken ct)
    {
        var (from, to) = query.Parent.Instants;
        var lastYear = query.To.AddDays(-1).Year;
        var levels = await db.Set<InnovationStudio>().AsNoTracking().InScope(query.ParentPath, s => s.ScopePath)
            .Where(s => s.RecognisedOn != null && s.RecognisedOn < query.To
                        && (s.Status == StudioStatus.Recognised || (s.Status == StudioStatus.Revoked && s.RevokedYear > lastYear)))
            .GroupBy(s => new { s.ScopePath, s.Level }).Select(g => new { g.Key.ScopePath, g.Key.Level, N = g.Count() }).ToListAsync(ct);
        var patents = await db.Set<PatentAward>().AsNoTracking().InScope(query.ParentPath, a => a.ScopePath)
            .PaidBetween(from, to)
            .GroupBy(a => a.ScopePath).Select(g => new { Path = g.Key, N = g.Count(), Fen = g.Sum(a => a.AmountFen) }).ToListAsync(ct);
        var projects = await db.Set<InnovationProject>().AsNoTracking().InScope(query.ParentPath, p => p.ScopePath)
            .PaidBetween(from, to)
            .GroupBy(p => p.ScopePath).Select(g => new { Path = g.Key, N = g.Count(), Fen = g.Sum(p => p.AmountFen) }).ToListAsync(ct);
        return query.DistrictPaths.ToDictionary(d => d, d =>
        {
            var pa = patents.Where(x => ScopeFilter.Covers(d, x.Path)).ToList();
            var pr = projects.Where(x => ScopeFilter.Covers(d, x.Path)).ToList();
            return Values(levels.Where(x => ScopeFilter.Covers(d, x.ScopePath)).Select(x => (x.Level, x.N)), pa.Sum(x => x.N), pa.Sum(x => x.Fen), pr.Sum(x => x.N), pr.Sum(x => x.Fen));
        }, StringComparer.Ordinal);
    }

    private static IReadOnlyList<IndicatorValue> Values(IEnumerable<(StudioLevel Level, int N)> byLevel, int patents, long patentFen, int projects, long projectFen)
    {
        var levels = byLevel.ToList();
        return
        [
            Count("innovation.studios", levels.Sum(x => x.N)),
            .. Levels.Select(l => Count(l.Key, levels.Where(x => x.Level == l.Level).Sum(x => x.N))),
            Count("innovation.patents", patents),
            Amount("innovation.patents.amount", patentFen, patents),
            Count("innovation.projects", projects),
            Amount("innovation.projects.amount", projectFen, projects),
        ];
    }
}
