using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Legal.Cases;

/// <summary>Legal aid's figures for the report (DESIGN §6: 11,000 cases, 150 million yuan recovered), in SQL over the scope.</summary>
internal sealed class LegalIndicators(GonghuiDb db) : IIndicatorSource
{
    public IReadOnlyList<IndicatorDefinition> Definitions { get; } =
    [
        new("legal.cases", ReportParts.Rights, "劳动争议调解和法律援助案件", "Dispute-mediation and legal-aid cases", IndicatorUnit.Count,
            "Legal cases (every type and channel) whose date received falls in the period, handled by a union in the scope.", "/legal?from={from}&to={to}&unit={unit}"),
        new("legal.recovered", ReportParts.Rights, "为职工挽回经济损失", "Recovered for workers", IndicatorUnit.Fen,
            "The recovered amounts (fen) of the legal cases closed in the period (date closed), handled by a union in the scope.", "/legal/stats"),
    ];

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorQuery query, CancellationToken ct)
    {
        var inScope = db.Set<LegalCase>().AsNoTracking().InScope(query.ScopePath, c => c.ScopePath);
        var received = await inScope.CountAsync(c => c.ReceivedOn >= query.From && c.ReceivedOn < query.To, ct);
        var closed = inScope.Where(c => c.ClosedOn >= query.From && c.ClosedOn < query.To);
        var closedCount = await closed.CountAsync(ct);
        var recovered = closedCount == 0 ? 0 : await closed.SumAsync(c => c.RecoveredFen, ct);
        return Values(received, closedCount, recovered);
    }

    /// <summary>One read of the parent's cases, grouped by the district whose subtree holds the handling union.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>>> ComputeByDistrictAsync(DistrictQuery query, CancellationToken ct)
    {
        var rows = await db.Set<LegalCase>().AsNoTracking()
            .Where(c => (c.ReceivedOn >= query.From && c.ReceivedOn < query.To) || (c.ClosedOn >= query.From && c.ClosedOn < query.To))
            .GroupByBranch(query.ParentPath, c => c.ScopePath)
            .Select(g => new
            {
                g.Key,
                Received = g.Count(c => c.ReceivedOn >= query.From && c.ReceivedOn < query.To),
                Closed = g.Count(c => c.ClosedOn >= query.From && c.ClosedOn < query.To),
                Recovered = g.Sum(c => c.ClosedOn >= query.From && c.ClosedOn < query.To ? c.RecoveredFen : 0),
            }).ToDictionaryAsync(x => x.Key, ct);
        return query.DistrictPaths.ToDictionary(d => d, d =>
        {
            var r = rows.GetValueOrDefault(d);
            return Values(r?.Received ?? 0, r?.Closed ?? 0, r?.Recovered ?? 0);
        }, StringComparer.Ordinal);
    }

    private static IReadOnlyList<IndicatorValue> Values(int received, int closed, long recovered) =>
    [
        new("legal.cases", received, received == 0 ? "no-data" : null),
        new("legal.recovered", closed == 0 ? 0 : recovered, closed == 0 ? "no-data" : null),
    ];
}
