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
        return Values(archive?.OnFile ?? 0, archive?.Entered ?? 0, archive?.Exited ?? 0, all?.N ?? 0, all?.Fen ?? 0, all?.Households ?? 0,
            warmth?.N ?? 0, warmth?.Fen ?? 0, education?.N ?? 0, education?.Fen ?? 0, education?.Children ?? 0);
    }

    /// <summary>One read of the parent's files and one per kind of assistance, each grouped by the district whose subtree holds the file's union.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>>> ComputeByDistrictAsync(DistrictQuery query, CancellationToken ct)
    {
        var (from, to) = query.Parent.Instants;
        var files = from f in db.Set<HardshipFile>().AsNoTracking()
                    join u in db.UnitRows().InScope(query.ParentPath, u => u.Path) on f.OrgUnitId equals u.Id
                    select new { f.Id, f.ApprovedAt, f.ExitedAt, u.Path };
        var archive = await files.GroupByBranch(query.ParentPath, f => f.Path).Select(g => new
        {
            g.Key,
            OnFile = g.Count(f => f.ApprovedAt != null && f.ApprovedAt < to && (f.ExitedAt == null || f.ExitedAt >= to)),
            Entered = g.Count(f => f.ApprovedAt >= from && f.ApprovedAt < to),
            Exited = g.Count(f => f.ExitedAt >= from && f.ExitedAt < to),
        }).ToDictionaryAsync(x => x.Key, ct);
        var paid = from a in db.Set<HardshipAssistance>().AsNoTracking()
                   join f in files on a.FileId equals f.Id
                   where a.Status == AssistanceStatus.Paid && a.On >= query.From && a.On < query.To
                   select new { a.FileId, a.Type, a.AmountFen, a.ChildMemberId, f.Path };
        var all = await paid.GroupByBranch(query.ParentPath, a => a.Path)
            .Select(g => new { g.Key, N = g.Count(), Fen = g.Sum(a => a.AmountFen), Households = g.Select(a => a.FileId).Distinct().Count() }).ToDictionaryAsync(x => x.Key, ct);
        var warmth = await paid.Where(a => a.Type == AssistanceType.WarmthCash || a.Type == AssistanceType.WarmthGoods).GroupByBranch(query.ParentPath, a => a.Path)
            .Select(g => new { g.Key, N = g.Count(), Fen = g.Sum(a => a.AmountFen) }).ToDictionaryAsync(x => x.Key, ct);
        var education = await paid.Where(a => a.Type == AssistanceType.EducationGrant).GroupByBranch(query.ParentPath, a => a.Path)
            .Select(g => new { g.Key, N = g.Count(), Fen = g.Sum(a => a.AmountFen), Children = g.Select(a => a.ChildMemberId).Distinct().Count() })
            .ToDictionaryAsync(x => x.Key, ct);
        return query.DistrictPaths.ToDictionary(d => d, d =>
        {
            var f = archive.GetValueOrDefault(d);
            var a = all.GetValueOrDefault(d);
            var w = warmth.GetValueOrDefault(d);
            var e = education.GetValueOrDefault(d);
            return Values(f?.OnFile ?? 0, f?.Entered ?? 0, f?.Exited ?? 0, a?.N ?? 0, a?.Fen ?? 0, a?.Households ?? 0, w?.N ?? 0, w?.Fen ?? 0, e?.N ?? 0, e?.Fen ?? 0, e?.Children ?? 0);
        }, StringComparer.Ordinal);
    }

    private static IReadOnlyList<IndicatorValue> Values(int onFile, int entered, int exited, int paid, long paidFen, int households, int warmth, long warmthFen,
        int education, long educationFen, int children) =>
        [
            Count("hardship.files", onFile),
            Count("hardship.files.entered", entered),
            Count("hardship.files.exited", exited),
            Amount("hardship.assistance", paidFen, paid),
            Count("hardship.assistance.households", households),
            Amount("hardship.warmth", warmthFen, warmth),
            Count("hardship.warmth.households", warmth),
            Count("hardship.education.children", children),
            Amount("hardship.education.amount", educationFen, education),
        ];
}
