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
/// paid (all, 送温暖, 金秋助学), each over the files whose grassroots union lies in the scope. The assistance of a period of whole
/// months reads the roll-up the records keep on write (<see cref="AssistanceRollup"/>); any other period, and the archive, read the records.
/// </summary>
public sealed class HardshipIndicators(GonghuiDb db) : IIndicatorSource, IIndicatorBaseline
{
    private const string Files = "hardship files whose grassroots union lies in the scope";
    private const string Paid = "assistance records in status Paid (not cancelled, not reversed) on " + Files + ", whose assistance date (the day it was handed over) falls in the period";

    // The assistance list (AssistanceList) with the report's period and unit, and the type each figure counts.
    private const string Drill = "/hardship/assistance?from={from}&to={to}&unit={unit}";
    private const string WarmthDrill = "/hardship/assistance?type=" + AssistanceList.Warmth + "&from={from}&to={to}&unit={unit}";
    private const string EducationDrill = "/hardship/assistance?type=" + nameof(AssistanceType.EducationGrant) + "&from={from}&to={to}&unit={unit}";

    public IReadOnlyList<IndicatorDefinition> Definitions { get; } =
    [
        new("hardship.files", ReportParts.Hardship, "在档困难职工", "Needy workers on the archive", IndicatorUnit.Count,
            "Files approved by the federation before the period's end and not exited by then (approval time < end, no exit time or exit time >= end), of " + Files + ".", "/hardship"),
        new("hardship.files.entered", ReportParts.Hardship, "新建档困难职工", "Files entered on the archive", IndicatorUnit.Count,
            "Files whose federation approval time (entry on the archive) falls in the period, of " + Files + ".", "/hardship"),
        new("hardship.files.exited", ReportParts.Hardship, "解困脱困", "Files exited (out of hardship)", IndicatorUnit.Count,
            "Files whose exit time (the written notice of exit recorded) falls in the period, of " + Files + ".", "/hardship"),
        new("hardship.assistance", ReportParts.Hardship, "帮扶资金", "Assistance paid", IndicatorUnit.Fen,
            "Sum of the amounts of " + Paid + ", of every type.", Drill),
        new("hardship.assistance.households", ReportParts.Hardship, "帮扶困难职工", "Needy households assisted", IndicatorUnit.Count,
            "Distinct files with at least one of the " + Paid + ".", Drill),
        new("hardship.warmth", ReportParts.Hardship, "送温暖资金", "Warmth funds paid", IndicatorUnit.Fen,
            "Sum of the amounts (cash, and the value of goods) of " + Paid + " of type WarmthCash or WarmthGoods.", WarmthDrill),
        new("hardship.warmth.households", ReportParts.Hardship, "送温暖户次", "Households given warmth funds", IndicatorUnit.Count,
            "Count of " + Paid + " of type WarmthCash or WarmthGoods.", WarmthDrill),
        new("hardship.education.children", ReportParts.Hardship, "金秋助学人数", "Children given education grants", IndicatorUnit.Count,
            "Distinct children of " + Paid + " of type EducationGrant (the 金秋助学 grants, paid through a campaign or directly).", EducationDrill),
        new("hardship.education.amount", ReportParts.Hardship, "金秋助学金额", "Education grants paid", IndicatorUnit.Fen,
            "Sum of the amounts of " + Paid + " of type EducationGrant.", EducationDrill),
    ];

    /// <summary>The period as roll-up month keys [from, to) (yyyymm), or null when it is not whole months.</summary>
    private static (int From, int To)? Months(DateOnly from, DateOnly to) =>
        from.Day == 1 && to.Day == 1 && to > from ? (from.Year * 100 + from.Month, to.Year * 100 + to.Month) : null;

    /// <summary>The period's year when it is exactly one whole year, else null.</summary>
    private static int? WholeYear(DateOnly from, DateOnly to) => from is { Month: 1, Day: 1 } && to == from.AddYears(1) ? from.Year : null;

    private IQueryable<Guid> UnitsIn(string scopePath) => db.UnitRows().InScope(scopePath, u => u.Path).Select(u => u.Id);

    /// <summary>The paid assistance's figures: all (count, fen, distinct households), warmth (count, fen), education (count, fen, distinct children).</summary>
    private sealed record PaidFigures(long N, long Fen, long Households, long Warmth, long WarmthFen, long Education, long EducationFen, long Children);

    private sealed record ArchiveFigures(int OnFile, int Entered, int Exited);

    private static bool IsWarmth(AssistanceType t) => t is AssistanceType.WarmthCash or AssistanceType.WarmthGoods;

    /// <summary>The definitions' records: paid assistance dated in the period, on files of the unions in the scope (the one filter of the raw computations).</summary>
    private IQueryable<HardshipAssistance> PaidIn(DateOnly first, DateOnly end, IQueryable<Guid> units) =>
        from a in db.Set<HardshipAssistance>().AsNoTracking()
        join f in db.Set<HardshipFile>() on a.FileId equals f.Id
        where a.Status == AssistanceStatus.Paid && a.On >= first && a.On < end && units.Contains(f.OrgUnitId)
        select a;

    /// <summary>
    /// A period of whole months (a month, a quarter, a year) reads the roll-up the assistance keeps on write (<see cref="AssistanceRollup"/>):
    /// counts and amounts from the months' rows, the households and children of a whole year from the unions' counts less the subjects counted
    /// under two unions of the scope; those of a month or a quarter from the records. Any other period reads the records (<see cref="RawAsync"/>).
    /// The same figures either way (<c>HardshipRollupTests</c>).
    /// </summary>
    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorQuery query, CancellationToken ct)
    {
        if (Months(query.From, query.To) is not { } months) return await RawAsync(query, ct);
        var archive = await ArchiveAsync(query, ct);
        var units = UnitsIn(query.ScopePath);
        var byType = await db.Set<AssistancePaidMonth>().AsNoTracking().Where(m => m.Month >= months.From && m.Month < months.To && units.Contains(m.UnionId))
            .GroupBy(m => m.Type).Select(g => new { Type = g.Key, N = g.Sum(m => (long)m.Payments), Fen = g.Sum(m => m.AmountFen) }).ToListAsync(ct);
        long households, children;
        if (WholeYear(query.From, query.To) is { } year)
        {
            var counted = await db.Set<AssistancePaidUnionYear>().AsNoTracking().Where(u => u.Year == year && units.Contains(u.UnionId))
                .GroupBy(_ => 1).Select(g => new { Households = g.Sum(u => (long)u.Households), Children = g.Sum(u => (long)u.Children) }).SingleOrDefaultAsync(ct);
            var twice = await db.Set<AssistancePaidSubject>().AsNoTracking().Where(s => s.Year == year && s.Shared && s.Payments > 0 && units.Contains(s.UnionId))
                .GroupBy(s => s.Kind).Select(g => new { Kind = g.Key, Extra = g.Count() - g.Select(s => s.SubjectId).Distinct().Count() }).ToListAsync(ct);
            households = (counted?.Households ?? 0) - twice.Where(t => t.Kind == PaidSubjectKind.Household).Sum(t => (long)t.Extra);
            children = (counted?.Children ?? 0) - twice.Where(t => t.Kind == PaidSubjectKind.Child).Sum(t => (long)t.Extra);
        }
        else
        {
            var paid = PaidIn(query.From, query.To, units);
            households = await paid.Select(a => a.FileId).Distinct().LongCountAsync(ct);
            children = await paid.Where(a => a.Type == AssistanceType.EducationGrant && a.ChildMemberId != null).Select(a => a.ChildMemberId).Distinct().LongCountAsync(ct);
        }
        return Values(archive, new PaidFigures(byType.Sum(t => t.N), byType.Sum(t => t.Fen), households,
            byType.Where(t => IsWarmth(t.Type)).Sum(t => t.N), byType.Where(t => IsWarmth(t.Type)).Sum(t => t.Fen),
            byType.Where(t => t.Type == AssistanceType.EducationGrant).Sum(t => t.N), byType.Where(t => t.Type == AssistanceType.EducationGrant).Sum(t => t.Fen), children));
    }

    /// <summary>The figures counted from the records themselves (any period; the roll-up's reference in the tests).</summary>
    internal async Task<IReadOnlyList<IndicatorValue>> RawAsync(IndicatorQuery query, CancellationToken ct)
    {
        var archive = await ArchiveAsync(query, ct);
        var paid = PaidIn(query.From, query.To, UnitsIn(query.ScopePath));
        var all = await paid.GroupBy(_ => 1).Select(g => new { N = g.Count(), Fen = g.Sum(a => a.AmountFen), Households = g.Select(a => a.FileId).Distinct().Count() })
            .SingleOrDefaultAsync(ct);
        var warmth = await paid.Where(a => a.Type == AssistanceType.WarmthCash || a.Type == AssistanceType.WarmthGoods)
            .GroupBy(_ => 1).Select(g => new { N = g.Count(), Fen = g.Sum(a => a.AmountFen) }).SingleOrDefaultAsync(ct);
        var education = await paid.Where(a => a.Type == AssistanceType.EducationGrant)
            .GroupBy(_ => 1).Select(g => new { N = g.Count(), Fen = g.Sum(a => a.AmountFen), Children = g.Select(a => a.ChildMemberId).Distinct().Count() }).SingleOrDefaultAsync(ct);
        return Values(archive, new PaidFigures(all?.N ?? 0, all?.Fen ?? 0, all?.Households ?? 0, warmth?.N ?? 0, warmth?.Fen ?? 0,
            education?.N ?? 0, education?.Fen ?? 0, education?.Children ?? 0));
    }

    /// <summary>The archive's figures read the files (a few hundred thousand at most, not the assistance): no roll-up.</summary>
    private async Task<ArchiveFigures> ArchiveAsync(IndicatorQuery query, CancellationToken ct)
    {
        var (from, to) = query.Instants;
        var units = UnitsIn(query.ScopePath);
        var archive = await db.Set<HardshipFile>().AsNoTracking().Where(f => units.Contains(f.OrgUnitId)).GroupBy(_ => 1).Select(g => new
        {
            OnFile = g.Count(f => f.ApprovedAt != null && f.ApprovedAt < to && (f.ExitedAt == null || f.ExitedAt >= to)),
            Entered = g.Count(f => f.ApprovedAt >= from && f.ApprovedAt < to),
            Exited = g.Count(f => f.ExitedAt >= from && f.ExitedAt < to),
        }).SingleOrDefaultAsync(ct);
        return new ArchiveFigures(archive?.OnFile ?? 0, archive?.Entered ?? 0, archive?.Exited ?? 0);
    }

    /// <summary>The archive of every district in one read of the parent's files, grouped by the district whose subtree holds the file's union.</summary>
    private async Task<Dictionary<string, ArchiveFigures>> ArchiveByDistrictAsync(DistrictQuery query, CancellationToken ct)
    {
        var (from, to) = query.Parent.Instants;
        var files = from f in db.Set<HardshipFile>().AsNoTracking()
                    join u in db.UnitRows().InScope(query.ParentPath, u => u.Path) on f.OrgUnitId equals u.Id
                    select new { f.Id, f.ApprovedAt, f.ExitedAt, u.Path };
        return await files.GroupByBranch(query.ParentPath, f => f.Path).Select(g => new
        {
            g.Key,
            OnFile = g.Count(f => f.ApprovedAt != null && f.ApprovedAt < to && (f.ExitedAt == null || f.ExitedAt >= to)),
            Entered = g.Count(f => f.ApprovedAt >= from && f.ApprovedAt < to),
            Exited = g.Count(f => f.ExitedAt >= from && f.ExitedAt < to),
        }).ToDictionaryAsync(x => x.Key, x => new ArchiveFigures(x.OnFile, x.Entered, x.Exited), ct);
    }

    // Member-initialised (not a constructor) so that EF can filter and group on it after the projection.
    private sealed class PaidRow
    {
        public Guid FileId { get; init; }
        public AssistanceType Type { get; init; }
        public long AmountFen { get; init; }
        public Guid? ChildMemberId { get; init; }
        public string Path { get; init; } = "";
    }

    /// <summary>The parent's paid records of the period with the path of their file's union (the one filter of the raw computations by district).</summary>
    private IQueryable<PaidRow> PaidByPath(DistrictQuery query)
    {
        var files = from f in db.Set<HardshipFile>().AsNoTracking()
                    join u in db.UnitRows().InScope(query.ParentPath, u => u.Path) on f.OrgUnitId equals u.Id
                    select new { f.Id, u.Path };
        return from a in db.Set<HardshipAssistance>().AsNoTracking()
               join f in files on a.FileId equals f.Id
               where a.Status == AssistanceStatus.Paid && a.On >= query.From && a.On < query.To
               select new PaidRow { FileId = a.FileId, Type = a.Type, AmountFen = a.AmountFen, ChildMemberId = a.ChildMemberId, Path = f.Path };
    }

    /// <summary>
    /// Every district in one read per figure set: whole months from the roll-up, grouped by the district whose subtree holds the row's union
    /// (the union's path cut below the parent); other periods from the records, the same way (<see cref="RawByDistrictAsync"/>).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>>> ComputeByDistrictAsync(DistrictQuery query, CancellationToken ct)
    {
        if (Months(query.From, query.To) is not { } months) return await RawByDistrictAsync(query, ct);
        var archive = await ArchiveByDistrictAsync(query, ct);
        var units = db.UnitRows().InScope(query.ParentPath, u => u.Path);
        var byType = (await (from m in db.Set<AssistancePaidMonth>().AsNoTracking().Where(m => m.Month >= months.From && m.Month < months.To)
                             join u in units on m.UnionId equals u.Id
                             select new { m.Type, m.Payments, m.AmountFen, Union = u.Path })
                .GroupByBranch(query.ParentPath, x => x.Union)
                .Select(g => new
                {
                    g.Key,
                    N = g.Sum(x => (long)x.Payments), Fen = g.Sum(x => x.AmountFen),
                    Warmth = g.Sum(x => x.Type == AssistanceType.WarmthCash || x.Type == AssistanceType.WarmthGoods ? (long)x.Payments : 0L),
                    WarmthFen = g.Sum(x => x.Type == AssistanceType.WarmthCash || x.Type == AssistanceType.WarmthGoods ? x.AmountFen : 0L),
                    Education = g.Sum(x => x.Type == AssistanceType.EducationGrant ? (long)x.Payments : 0L),
                    EducationFen = g.Sum(x => x.Type == AssistanceType.EducationGrant ? x.AmountFen : 0L),
                })
                .ToListAsync(ct)).ToDictionary(x => x.Key);
        Dictionary<string, (long Households, long Children)> distinct;
        if (WholeYear(query.From, query.To) is { } year)
        {
            var counted = await (from c in db.Set<AssistancePaidUnionYear>().AsNoTracking().Where(c => c.Year == year)
                                 join u in units on c.UnionId equals u.Id
                                 select new { c.Households, c.Children, Union = u.Path })
                .GroupByBranch(query.ParentPath, x => x.Union).Select(g => new { g.Key, Households = g.Sum(x => (long)x.Households), Children = g.Sum(x => (long)x.Children) })
                .ToDictionaryAsync(x => x.Key, ct);
            async Task<Dictionary<string, int>> TwiceAsync(PaidSubjectKind kind) =>
                await (from s in db.Set<AssistancePaidSubject>().AsNoTracking().Where(s => s.Year == year && s.Kind == kind && s.Shared && s.Payments > 0)
                       join u in units on s.UnionId equals u.Id
                       select new { s.SubjectId, Union = u.Path })
                    .GroupByBranch(query.ParentPath, x => x.Union).Select(g => new { g.Key, Extra = g.Count() - g.Select(x => x.SubjectId).Distinct().Count() })
                    .ToDictionaryAsync(x => x.Key, x => x.Extra, ct);
            var households = await TwiceAsync(PaidSubjectKind.Household);
            var children = await TwiceAsync(PaidSubjectKind.Child);
            distinct = counted.ToDictionary(kv => kv.Key,
                kv => (kv.Value.Households - households.GetValueOrDefault(kv.Key), kv.Value.Children - children.GetValueOrDefault(kv.Key)));
        }
        else
        {
            var rows = await (from a in PaidByPath(query)
                              select new { a.FileId, Child = a.Type == AssistanceType.EducationGrant ? a.ChildMemberId : null, Union = a.Path })
                .GroupByBranch(query.ParentPath, x => x.Union)
                .Select(g => new { g.Key, Households = g.Select(x => x.FileId).Distinct().Count(), Children = g.Select(x => x.Child).Distinct().Count() })
                .ToListAsync(ct);
            distinct = rows.ToDictionary(r => r.Key, r => ((long)r.Households, (long)r.Children));
        }
        return query.DistrictPaths.ToDictionary(d => d, d =>
        {
            var t = byType.GetValueOrDefault(d);
            var (households, children) = distinct.GetValueOrDefault(d);
            return Values(archive.GetValueOrDefault(d) ?? new ArchiveFigures(0, 0, 0), new PaidFigures(t?.N ?? 0, t?.Fen ?? 0, households, t?.Warmth ?? 0,
                t?.WarmthFen ?? 0, t?.Education ?? 0, t?.EducationFen ?? 0, children));
        }, StringComparer.Ordinal);
    }

    /// <summary>One read of the parent's files and one per kind of assistance, each grouped by the district whose subtree holds the file's union.</summary>
    internal async Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>>> RawByDistrictAsync(DistrictQuery query, CancellationToken ct)
    {
        var archive = await ArchiveByDistrictAsync(query, ct);
        var paid = PaidByPath(query);
        var all = await paid.GroupByBranch(query.ParentPath, a => a.Path)
            .Select(g => new { g.Key, N = g.Count(), Fen = g.Sum(a => a.AmountFen), Households = g.Select(a => a.FileId).Distinct().Count() }).ToDictionaryAsync(x => x.Key, ct);
        var warmth = await paid.Where(a => a.Type == AssistanceType.WarmthCash || a.Type == AssistanceType.WarmthGoods).GroupByBranch(query.ParentPath, a => a.Path)
            .Select(g => new { g.Key, N = g.Count(), Fen = g.Sum(a => a.AmountFen) }).ToDictionaryAsync(x => x.Key, ct);
        var education = await paid.Where(a => a.Type == AssistanceType.EducationGrant).GroupByBranch(query.ParentPath, a => a.Path)
            .Select(g => new { g.Key, N = g.Count(), Fen = g.Sum(a => a.AmountFen), Children = g.Select(a => a.ChildMemberId).Distinct().Count() })
            .ToDictionaryAsync(x => x.Key, ct);
        return query.DistrictPaths.ToDictionary(d => d, d =>
        {
            var a = all.GetValueOrDefault(d);
            var w = warmth.GetValueOrDefault(d);
            var e = education.GetValueOrDefault(d);
            return Values(archive.GetValueOrDefault(d) ?? new ArchiveFigures(0, 0, 0),
                new PaidFigures(a?.N ?? 0, a?.Fen ?? 0, a?.Households ?? 0, w?.N ?? 0, w?.Fen ?? 0, e?.N ?? 0, e?.Fen ?? 0, e?.Children ?? 0));
        }, StringComparer.Ordinal);
    }

    private sealed class Tally
    {
        public int OnFile, Entered, Exited;
        public long N, Fen, Warmth, WarmthFen, Education, EducationFen;
        public readonly HashSet<Guid> Households = [], Children = [];
    }

    /// <summary>
    /// The baseline (<see cref="IIndicatorBaseline"/>): every file loaded into memory with its union's path (the archive counted there), then
    /// every assistance record paid in the period streamed in and counted under its file's union in C#, households and children in sets.
    /// </summary>
    public async Task<BaselineFigures> FromRowsAsync(DistrictQuery query, CancellationToken ct)
    {
        var (from, to) = query.Parent.Instants;
        var paths = await db.UnitPathsAsync(query.ParentPath, ct);
        var tally = new BaselineTally<Tally>(query);
        var fileUnion = new Dictionary<Guid, string?>();
        await foreach (var f in db.Set<HardshipFile>().AsNoTracking().Select(f => new { f.Id, f.OrgUnitId, f.ApprovedAt, f.ExitedAt }).AsAsyncEnumerable().WithCancellation(ct))
        {
            var path = paths.GetValueOrDefault(f.OrgUnitId);
            fileUnion[f.Id] = path;
            tally.Add(path, (f.ApprovedAt, f.ExitedAt, from, to), static (t, x) =>
            {
                if (x.ApprovedAt < x.to && (x.ExitedAt is null || x.ExitedAt >= x.to)) t.OnFile++;
                if (x.ApprovedAt >= x.from && x.ApprovedAt < x.to) t.Entered++;
                if (x.ExitedAt >= x.from && x.ExitedAt < x.to) t.Exited++;
            });
        }
        await foreach (var a in db.Set<HardshipAssistance>().AsNoTracking().Where(a => a.Status == AssistanceStatus.Paid && a.On >= query.From && a.On < query.To)
                           .Select(a => new { a.FileId, a.Type, a.AmountFen, a.ChildMemberId }).AsAsyncEnumerable().WithCancellation(ct))
            tally.Add(fileUnion.GetValueOrDefault(a.FileId), a, static (t, x) =>
            {
                t.N++; t.Fen += x.AmountFen; t.Households.Add(x.FileId);
                if (IsWarmth(x.Type)) { t.Warmth++; t.WarmthFen += x.AmountFen; }
                if (x.Type != AssistanceType.EducationGrant) return;
                t.Education++; t.EducationFen += x.AmountFen;
                if (x.ChildMemberId is { } child) t.Children.Add(child);
            });
        return tally.Figures(t => Values(new ArchiveFigures(t.OnFile, t.Entered, t.Exited),
            new PaidFigures(t.N, t.Fen, t.Households.Count, t.Warmth, t.WarmthFen, t.Education, t.EducationFen, t.Children.Count)));
    }

    private static IReadOnlyList<IndicatorValue> Values(ArchiveFigures f, PaidFigures p) =>
        [
            Count("hardship.files", f.OnFile),
            Count("hardship.files.entered", f.Entered),
            Count("hardship.files.exited", f.Exited),
            Amount("hardship.assistance", p.Fen, p.N),
            Count("hardship.assistance.households", p.Households),
            Amount("hardship.warmth", p.WarmthFen, p.Warmth),
            Count("hardship.warmth.households", p.Warmth),
            Count("hardship.education.children", p.Children),
            Amount("hardship.education.amount", p.EducationFen, p.Education),
        ];
}
