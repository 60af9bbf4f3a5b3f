using System.Diagnostics;
using System.Globalization;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Reports.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Reports.Indicators;

public sealed record ReportUnit(Guid? Id, string Name, string Path);

/// <summary>One district's (or industry union's) value of a figure and its rank among them.</summary>
public sealed record RankedValue(Guid UnitId, string Name, long Value, int Rank);

/// <summary>
/// A figure of the report: its definition, this period's value, the same period a year earlier, the change in basis points,
/// the drill-down to its records (dates filled in) and, for the city, the districts ranked by it.
/// </summary>
public sealed record FigureDto(string Key, string Name, IndicatorUnit Unit, string Definition, long Value, string? Flag, long? Previous, long? ChangeBp,
    string? DrillHref, IReadOnlyList<RankedValue> Districts);

public sealed record PartDto(string Key, string Title, IReadOnlyList<FigureDto> Figures);

/// <summary>The report for a period and a unit: every registered figure by part. <see cref="HasData"/> is false when no figure has a record in the period.</summary>
public sealed record IndicatorReportDto(string Period, DateOnly From, DateOnly To, ReportUnit Unit, bool HasData, IReadOnlyList<PartDto> Parts, long ElapsedMs);

/// <summary>
/// Builds the statistics and the annual report from every registered <see cref="IIndicatorSource"/> (issue 19): the figures for
/// the period and the unit, the same for the previous year, and for the city each district's, ranked. Knows no module: the
/// figures and their definitions come from the sources. The unit must lie within the caller's scope (else not found); without
/// one the report is for the caller's own scope.
/// </summary>
public sealed class ReportBuilder(IEnumerable<IIndicatorSource> sources, GonghuiDb db, CurrentUser me, IStringLocalizer<ReportsText> L, ILogger<ReportBuilder> log)
{
    private readonly IReadOnlyList<IIndicatorSource> _sources = sources.ToList();

    /// <summary>Every registered definition, in report-part order and then in each source's order.</summary>
    public IReadOnlyList<IndicatorDefinition> Definitions => Ordered(_sources.SelectMany(s => s.Definitions));

    internal static IReadOnlyList<IndicatorDefinition> Ordered(IEnumerable<IndicatorDefinition> defs) =>
        defs.Select((d, i) => (d, i)).OrderBy(x => PartOrder(x.d.Part)).ThenBy(x => x.i).Select(x => x.d).ToList();

    private static int PartOrder(string part) { var i = ReportParts.All.ToList().IndexOf(part); return i < 0 ? int.MaxValue : i; }

    /// <summary>The units the caller may report on: their own scope and the units one level below it (districts for the federation).</summary>
    public async Task<IReadOnlyList<ReportUnit>> UnitsAsync(CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var own = await db.UnitRows().AsNoTracking().Where(u => u.Path == scope).Select(u => new { u.Id, u.Name, u.Path, u.Depth }).FirstOrDefaultAsync(ct);
        var result = new List<ReportUnit> { new(own?.Id, own?.Name ?? scope, scope) };
        if (own is null) return result;
        var children = await db.UnitRows().AsNoTracking().Where(u => u.ParentId == own.Id && !u.IsClosed).OrderBy(u => u.Path)
            .Select(u => new ReportUnit(u.Id, u.Name, u.Path)).Take(200).ToListAsync(ct);
        result.AddRange(children);
        return result;
    }

    /// <summary>The report for a period read from the query (a bad one is invalid, naming the field) and a unit (out of scope: not found).</summary>
    public async Task<Outcome<IndicatorReportDto>> BuildAsync(int? year, int? quarter, int? month, Guid? unitId, bool withDistricts, CancellationToken ct)
    {
        var (period, errors) = ReportRules.ReadPeriod(year, quarter, month);
        if (period is null) return Outcome<IndicatorReportDto>.Invalid(errors);
        return await BuildAsync(period, unitId, withDistricts, ct);
    }

    public async Task<Outcome<IndicatorReportDto>> BuildAsync(ReportPeriod period, Guid? unitId, bool withDistricts, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var units = db.UnitRows().AsNoTracking();
        var unit = unitId is { } id
            ? await units.InScope(scope, u => u.Path).Where(u => u.Id == id).Select(u => new ReportUnit(u.Id, u.Name, u.Path)).FirstOrDefaultAsync(ct)
            : await units.Where(u => u.Path == scope).Select(u => new ReportUnit(u.Id, u.Name, u.Path)).FirstOrDefaultAsync(ct);
        if (unitId is not null && unit is null) return Outcome<IndicatorReportDto>.NotFound();
        return Outcome<IndicatorReportDto>.Ok(await BuildForAsync(period, unit ?? new ReportUnit(null, scope, scope), withDistricts, ct));
    }

    /// <summary>
    /// The report for a unit the caller has already been checked for (the API and pages go through <see cref="BuildAsync(ReportPeriod, Guid?, bool, CancellationToken)"/>;
    /// the scenario command, which runs as the operator of the database, calls this for the federation).
    /// </summary>
    public async Task<IndicatorReportDto> BuildForAsync(ReportPeriod period, ReportUnit unit, bool withDistricts, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var units = db.UnitRows().AsNoTracking();
        var path = unit.Path;

        var defs = Definitions;
        var current = await ComputeAsync(new IndicatorQuery(period.From, period.To, path), ct);
        var previousPeriod = period.PreviousYear;
        var previous = previousPeriod.Year >= ReportRules.FirstYear ? await ComputeAsync(new IndicatorQuery(previousPeriod.From, previousPeriod.To, path), ct)
            : new Dictionary<string, IndicatorValue>();

        // Districts (and industry unions) directly below the unit, each with its own figures, for the rankings.
        var districtValues = new List<(Guid Id, string Name, IReadOnlyDictionary<string, IndicatorValue> Values)>();
        if (withDistricts && unit.Id is not null)
        {
            var below = await units.Where(u => u.ParentId == unit.Id && !u.IsClosed
                    && (u.Kind == OrgUnitKind.DistrictUnion || u.Kind == OrgUnitKind.IndustryUnion))
                .OrderBy(u => u.Path).Select(u => new { u.Id, u.Name, u.Path }).ToListAsync(ct);
            // One call per source for all districts (a source that groups by district reads its records once, not once a district).
            var byDistrict = await ComputeByDistrictAsync(new DistrictQuery(period.From, period.To, path, below.Select(d => d.Path).ToList()), ct);
            foreach (var d in below) districtValues.Add((d.Id, d.Name, byDistrict[d.Path]));
        }

        var zh = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var figures = defs.Select(d =>
        {
            var v = current.GetValueOrDefault(d.Key) ?? new IndicatorValue(d.Key, 0, "missing");
            long? prev = previous.TryGetValue(d.Key, out var p) && p.Flag is null ? p.Value : null;
            var ranked = d.Unit == IndicatorUnit.BasisPoints && districtValues.Count > 0
                ? RankRows(districtValues.Where(x => x.Values.TryGetValue(d.Key, out var dv) && dv.Flag is null).Select(x => (x.Id, x.Name, x.Values[d.Key].Value)))
                : RankRows(districtValues.Select(x => (x.Id, x.Name, x.Values.TryGetValue(d.Key, out var dv) ? dv.Value : 0)));
            return (d.Part, Figure: new FigureDto(d.Key, zh ? d.NameZh : d.NameEn, d.Unit, d.Definition, v.Value, v.Flag, prev,
                v.Flag is null ? ReportRules.ChangeBp(v.Value, prev) : null, Drill(d.DrillHref, period, unit.Id), ranked));
        }).ToList();

        var parts = figures.GroupBy(f => f.Part).Select(g => new PartDto(g.Key, L["Part." + g.Key], g.Select(x => x.Figure).ToList())).ToList();
        var hasData = figures.Any(f => f.Figure.Flag is null && f.Figure.Value != 0);
        return new IndicatorReportDto(period.Label, period.From, period.To, unit, hasData, parts, watch.ElapsedMilliseconds);
    }

    private static IReadOnlyList<RankedValue> RankRows(IEnumerable<(Guid Id, string Name, long Value)> rows) =>
        ReportRules.Rank(rows.Select(r => ((r.Id, r.Name), r.Value))).Select(r => new RankedValue(r.Item.Id, r.Item.Name, r.Value, r.Rank)).ToList();

    /// <summary>The drill-down link with the report's period and unit filled in (a report on a scope without a unit drops <c>unit</c>).</summary>
    internal static string? Drill(string? href, ReportPeriod p, Guid? unit) =>
        href?.Replace("{from}", p.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{to}", p.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace(unit is null ? "&unit={unit}" : "{unit}", unit?.ToString() ?? "", StringComparison.Ordinal);

    /// <summary>Every source's figures for each district, by district path and key; a failing source is flagged "error" as in <see cref="ComputeAsync"/>.</summary>
    private async Task<Dictionary<string, Dictionary<string, IndicatorValue>>> ComputeByDistrictAsync(DistrictQuery q, CancellationToken ct)
    {
        var result = q.DistrictPaths.ToDictionary(p => p, _ => new Dictionary<string, IndicatorValue>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var s in _sources)
        {
            IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>> values;
            try { values = await s.ComputeByDistrictAsync(q, ct); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Indicator source {Source} failed by district for {From}–{To} below {Scope}", s.GetType().Name, q.From, q.To, q.ParentPath);
                var flagged = s.Definitions.Select(d => new IndicatorValue(d.Key, 0, "error")).ToList();
                values = q.DistrictPaths.ToDictionary(p => p, _ => (IReadOnlyList<IndicatorValue>)flagged);
            }
            foreach (var (district, list) in values)
                if (result.TryGetValue(district, out var into))
                    foreach (var v in list) into[v.Key] = v;
        }
        return result;
    }

    /// <summary>
    /// Every source's figures for one query, by key. Sources share the request's database context, so they run one after the other.
    /// A source that fails is logged and its figures are flagged "error" (the report still answers; the flag says which part to distrust).
    /// </summary>
    private async Task<IReadOnlyDictionary<string, IndicatorValue>> ComputeAsync(IndicatorQuery q, CancellationToken ct)
    {
        var result = new Dictionary<string, IndicatorValue>(StringComparer.Ordinal);
        foreach (var s in _sources)
        {
            IReadOnlyList<IndicatorValue> values;
            try { values = await s.ComputeAsync(q, ct); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Indicator source {Source} failed for {From}–{To} {Scope}", s.GetType().Name, q.From, q.To, q.ScopePath);
                values = s.Definitions.Select(d => new IndicatorValue(d.Key, 0, "error")).ToList();
            }
            foreach (var v in values) result[v.Key] = v;
        }
        return result;
    }
}
