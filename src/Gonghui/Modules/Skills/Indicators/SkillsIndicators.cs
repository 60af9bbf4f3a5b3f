using Gonghui.Modules.Skills.Contests;
using Gonghui.Modules.Skills.Craftsmen;
using Gonghui.Modules.Skills.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using static Gonghui.Platform.Indicators.IndicatorValues;

namespace Gonghui.Modules.Skills.Indicators;

/// <summary>The skills figures of the annual report: contest trades and entrants, and the 北京大工匠 selection's winners and nominees.</summary>
public sealed class SkillsIndicators(GonghuiDb db) : IIndicatorSource
{
    private const string Entries = "contest entries from units in the scope, of contests whose start date falls in the period";
    private const string Awarded = "candidates from units in the scope, not withdrawn, of Great Craftsman selections announced in the period " +
        "(announcement start date in the period; stage Announcing or Final)";

    public IReadOnlyList<IndicatorDefinition> Definitions { get; } =
    [
        new("skills.trades", ReportParts.SkillsCulture, "职业技能竞赛工种", "Skills contest trades", IndicatorUnit.Count,
            "Distinct trades with at least one of the " + Entries + ".", "/skills"),
        new("skills.entrants", ReportParts.SkillsCulture, "职业技能竞赛参赛人次", "Skills contest entries", IndicatorUnit.Count, "Count of " + Entries + ".", "/skills"),
        new("skills.craftsmen", ReportParts.SkillsCulture, "北京大工匠", "Great Craftsmen", IndicatorUnit.Count, "Count of " + Awarded + ", awarded GreatCraftsman.",
            "/skills/craftsmen/winners?from={from}&to={to}&unit={unit}"),
        new("skills.craftsmen.nominees", ReportParts.SkillsCulture, "北京大工匠提名奖", "Great Craftsman nominees", IndicatorUnit.Count, "Count of " + Awarded + ", awarded Nominee.",
            "/skills/craftsmen/nominees?from={from}&to={to}&unit={unit}"),
    ];

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorQuery query, CancellationToken ct)
    {
        var entries = await (from e in db.Set<SkillsEntry>().AsNoTracking().InScope(query.ScopePath, e => e.UnitPath)
                             join c in db.Set<SkillsContest>().AsNoTracking() on e.ContestId equals c.Id
                             where c.StartsOn >= query.From && c.StartsOn < query.To && e.TeamId == null // people, not a judged team contest's teams
                             select e)
            .GroupBy(_ => 1).Select(g => new { N = g.Count(), Trades = g.Select(e => e.TradeId).Distinct().Count() }).SingleOrDefaultAsync(ct);
        var awards = await db.Set<CraftsmanCandidate>().AsNoTracking().InScope(query.ScopePath, c => c.UnitPath)
            .AnnouncedBetween(db.Set<CraftsmanSelection>().AsNoTracking(), query.From, query.To)
            .GroupBy(c => c.Award).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        return Values(entries?.N ?? 0, entries?.Trades ?? 0, awards.Select(a => (a.Key, a.N)));
    }

    /// <summary>One read of the parent's entries and one of its awarded candidates, each grouped by the district whose subtree holds the unit.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>>> ComputeByDistrictAsync(DistrictQuery query, CancellationToken ct)
    {
        var entries = await (from e in db.Set<SkillsEntry>().AsNoTracking()
                             join c in db.Set<SkillsContest>().AsNoTracking() on e.ContestId equals c.Id
                             where c.StartsOn >= query.From && c.StartsOn < query.To && e.TeamId == null // as ComputeAsync: people, not teams
                             select e)
            .GroupByBranch(query.ParentPath, e => e.UnitPath).Select(g => new { g.Key, N = g.Count(), Trades = g.Select(e => e.TradeId).Distinct().Count() })
            .ToDictionaryAsync(x => x.Key, ct);
        var awards = await db.Set<CraftsmanCandidate>().AsNoTracking().InScope(query.ParentPath, c => c.UnitPath)
            .AnnouncedBetween(db.Set<CraftsmanSelection>().AsNoTracking(), query.From, query.To)
            .GroupBy(c => new { c.UnitPath, c.Award }).Select(g => new { g.Key.UnitPath, g.Key.Award, N = g.Count() }).ToListAsync(ct);
        return query.DistrictPaths.ToDictionary(d => d, d =>
        {
            var e = entries.GetValueOrDefault(d);
            return Values(e?.N ?? 0, e?.Trades ?? 0, awards.Where(a => ScopeFilter.Covers(d, a.UnitPath)).Select(a => (a.Award, a.N)));
        }, StringComparer.Ordinal);
    }

    private static IReadOnlyList<IndicatorValue> Values(int entries, int trades, IEnumerable<(CraftsmanAward Award, int N)> awards)
    {
        var a = awards.ToList();
        return
        [
            Count("skills.trades", trades),
            Count("skills.entrants", entries),
            Count("skills.craftsmen", a.Where(x => x.Award == CraftsmanAward.GreatCraftsman).Sum(x => x.N)),
            Count("skills.craftsmen.nominees", a.Where(x => x.Award == CraftsmanAward.Nominee).Sum(x => x.N)),
        ];
    }
}
