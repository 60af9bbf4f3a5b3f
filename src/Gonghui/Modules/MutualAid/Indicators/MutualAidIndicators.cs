using Gonghui.Modules.MutualAid.Claims;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using static Gonghui.Platform.Indicators.IndicatorValues;

namespace Gonghui.Modules.MutualAid.Indicators;

/// <summary>Medical mutual aid's figures of the annual report: payouts (person-times) and the amount paid.</summary>
public sealed class MutualAidIndicators(GonghuiDb db) : IIndicatorSource
{
    private const string Paid = "mutual-aid claims in status Paid (not reversed) whose payment time falls in the period, of members of grassroots unions in the scope";

    public IReadOnlyList<IndicatorDefinition> Definitions { get; } =
    [
        new("mutualaid.payouts", ReportParts.Money, "职工医疗互助受益人次", "Medical mutual-aid payouts (person-times)", IndicatorUnit.Count,
            "Count of " + Paid + " (each paid claim is one person-time).", "/mutual-aid"),
        new("mutualaid.amount", ReportParts.Money, "职工医疗互助金额", "Medical mutual aid paid", IndicatorUnit.Fen,
            "Sum of the payouts of " + Paid + ".", "/mutual-aid"),
        new("mutualaid.members", ReportParts.Money, "职工医疗互助受益人数", "Members given medical mutual aid", IndicatorUnit.Count,
            "Distinct members of " + Paid + ".", "/mutual-aid"),
    ];

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorQuery query, CancellationToken ct)
    {
        var (from, to) = query.Instants;
        var units = db.UnitRows().InScope(query.ScopePath, u => u.Path).Select(u => u.Id);
        var r = await db.Set<MutualAidClaim>().AsNoTracking()
            .Where(c => c.Status == ClaimStatus.Paid && c.PaidAt >= from && c.PaidAt < to && units.Contains(c.UnionId))
            .GroupBy(_ => 1).Select(g => new { N = g.Count(), Fen = g.Sum(c => c.PayoutFen), Members = g.Select(c => c.MemberId).Distinct().Count() })
            .FirstOrDefaultAsync(ct);
        return [Count("mutualaid.payouts", r?.N ?? 0), Amount("mutualaid.amount", r?.Fen ?? 0, r?.N ?? 0), Count("mutualaid.members", r?.Members ?? 0)];
    }
}
