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
            "Legal cases (every type and channel) whose date received falls in the period, handled by a union in the scope.", "/legal"),
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
        return
        [
            new("legal.cases", received, received == 0 ? "no-data" : null),
            new("legal.recovered", recovered, closedCount == 0 ? "no-data" : null),
        ];
    }
}
