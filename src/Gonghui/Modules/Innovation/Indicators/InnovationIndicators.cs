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
        new("innovation.patents", ReportParts.Money, "职务发明专利奖励", "Service-invention patent awards paid", IndicatorUnit.Count, "Count of " + Patents + ".", "/innovation/patents"),
        new("innovation.patents.amount", ReportParts.Money, "职务发明专利奖励金额", "Patent awards paid", IndicatorUnit.Fen, "Sum of the amounts of " + Patents + ".", "/innovation/patents"),
        new("innovation.projects", ReportParts.Money, "创新项目助推资金项目", "Innovation projects funded", IndicatorUnit.Count, "Count of " + Projects + ".", "/innovation/projects"),
        new("innovation.projects.amount", ReportParts.Money, "创新项目助推资金", "Project boost funds paid", IndicatorUnit.Fen, "Sum of the amounts of " + Projects + ".", "/innovation/projects"),
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
            .Where(a => a.Status == AwardStatus.Paid && a.PaidAt >= from && a.PaidAt < to)
            .GroupBy(_ => 1).Select(g => new { N = g.Count(), Fen = g.Sum(a => a.AmountFen) }).FirstOrDefaultAsync(ct);
        var projects = await db.Set<InnovationProject>().AsNoTracking().InScope(query.ScopePath, p => p.ScopePath)
            .Where(p => p.Status == AwardStatus.Paid && p.PaidAt >= from && p.PaidAt < to)
            .GroupBy(_ => 1).Select(g => new { N = g.Count(), Fen = g.Sum(p => p.AmountFen) }).FirstOrDefaultAsync(ct);
        return
        [
            Count("innovation.studios", levels.Sum(x => x.N)),
            .. Levels.Select(l => Count(l.Key, levels.Where(x => x.Key == l.Level).Sum(x => x.N))),
            Count("innovation.patents", patents?.N ?? 0),
            Amount("innovation.patents.amount", patents?.Fen ?? 0, patents?.N ?? 0),
            Count("innovation.projects", projects?.N ?? 0),
            Amount("innovation.projects.amount", projects?.Fen ?? 0, projects?.N ?? 0),
        ];
    }
}
