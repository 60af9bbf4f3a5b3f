using Gonghui.Modules.Hardship.Assistance;
using Gonghui.Modules.Hardship.Files;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using static Gonghui.Platform.Indicators.IndicatorValues;

namespace Gonghui.Modules.Hardship.Indicators;

/// <summary>
/// Hardship's figures of the annual report: the archive (files on it at the period's end, entries, exits) and the assistance
/// paid (all, 送温暖, 金秋助学), each over the files whose grassroots union lies in the scope.
/// </summary>
public sealed class HardshipIndicators(GonghuiDb db) : IIndicatorSource
{
    private const string Files = "hardship files whose grassroots union lies in the scope";
    private const string Paid = "assistance records in status Paid (not cancelled, not reversed) on " + Files + ", whose assistance date (the day it was handed over) falls in the period";

    public IReadOnlyList<IndicatorDefinition> Definitions { get; } =
    [
        new("hardship.files", ReportParts.Hardship, "在档困难职工", "Needy workers on the archive", IndicatorUnit.Count,
            "Files approved by the federation before the period's end and not exited by then (approval time < end, no exit time or exit time >= end), of " + Files + ".", "/hardship"),
        new("hardship.files.entered", ReportParts.Hardship, "新建档困难职工", "Files entered on the archive", IndicatorUnit.Count,
            "Files whose federation approval time (entry on the archive) falls in the period, of " + Files + ".", "/hardship"),
        new("hardship.files.exited", ReportParts.Hardship, "解困脱困", "Files exited (out of hardship)", IndicatorUnit.Count,
            "Files whose exit time (the written notice of exit recorded) falls in the period, of " + Files + ".", "/hardship"),
        new("hardship.assistance", ReportParts.Hardship, "帮扶资金", "Assistance paid", IndicatorUnit.Fen,
            "Sum of the amounts of " + Paid + ", of every type."),
        new("hardship.assistance.households", ReportParts.Hardship, "帮扶困难职工", "Needy households assisted", IndicatorUnit.Count,
            "Distinct files with at least one of the " + Paid + "."),
        new("hardship.warmth", ReportParts.Hardship, "送温暖资金", "Warmth funds paid", IndicatorUnit.Fen,
            "Sum of the amounts (cash, and the value of goods) of " + Paid + " of type WarmthCash or WarmthGoods."),
        new("hardship.warmth.households", ReportParts.Hardship, "送温暖户次", "Households given warmth funds", IndicatorUnit.Count,
            "Count of " + Paid + " of type WarmthCash or WarmthGoods."),
        new("hardship.education.children", ReportParts.Hardship, "金秋助学人数", "Children given education grants", IndicatorUnit.Count,
            "Distinct children of " + Paid + " of type EducationGrant (the 金秋助学 grants, paid through a campaign or directly).", "/hardship/campaigns"),
        new("hardship.education.amount", ReportParts.Hardship, "金秋助学金额", "Education grants paid", IndicatorUnit.Fen,
            "Sum of the amounts of " + Paid + " of type EducationGrant.", "/hardship/campaigns"),
    ];

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorQuery query, CancellationToken ct)
    {
        var (from, to) = query.Instants;
        var units = db.UnitRows().InScope(query.ScopePath, u => u.Path).Select(u => u.Id);
        var files = db.Set<HardshipFile>().AsNoTracking().Where(f => units.Contains(f.OrgUnitId));
        var archive = await files.GroupBy(_ => 1).Select(g => new
        {
            OnFile = g.Count(f => f.ApprovedAt != null && f.ApprovedAt < to && (f.ExitedAt == null || f.ExitedAt >= to)),
            Entered = g.Count(f => f.ApprovedAt >= from && f.ApprovedAt < to),
            Exited = g.Count(f => f.ExitedAt >= from && f.ExitedAt < to),
        }).FirstOrDefaultAsync(ct);

        var paid = from a in db.Set<HardshipAssistance>().AsNoTracking()
                   join f in files on a.FileId equals f.Id
                   where a.Status == AssistanceStatus.Paid && a.On >= query.From && a.On < query.To
                   select a;
        var all = await paid.GroupBy(_ => 1).Select(g => new { N = g.Count(), Fen = g.Sum(a => a.AmountFen), Households = g.Select(a => a.FileId).Distinct().Count() })
            .FirstOrDefaultAsync(ct);
        var warmth = await paid.Where(a => a.Type == AssistanceType.WarmthCash || a.Type == AssistanceType.WarmthGoods)
            .GroupBy(_ => 1).Select(g => new { N = g.Count(), Fen = g.Sum(a => a.AmountFen) }).FirstOrDefaultAsync(ct);
        var education = await paid.Where(a => a.Type == AssistanceType.EducationGrant)
            .GroupBy(_ => 1).Select(g => new { N = g.Count(), Fen = g.Sum(a => a.AmountFen), Children = g.Select(a => a.ChildMemberId).Distinct().Count() }).FirstOrDefaultAsync(ct);
        return
        [
            Count("hardship.files", archive?.OnFile ?? 0),
            Count("hardship.files.entered", archive?.Entered ?? 0),
            Count("hardship.files.exited", archive?.Exited ?? 0),
            Amount("hardship.assistance", all?.Fen ?? 0, all?.N ?? 0),
            Count("hardship.assistance.households", all?.Households ?? 0),
            Amount("hardship.warmth", warmth?.Fen ?? 0, warmth?.N ?? 0),
            Count("hardship.warmth.households", warmth?.N ?? 0),
            Count("hardship.education.children", education?.Children ?? 0),
            Amount("hardship.education.amount", education?.Fen ?? 0, education?.N ?? 0),
        ];
    }
}
