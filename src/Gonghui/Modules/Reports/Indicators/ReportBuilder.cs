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

/// <summary>
/// The report for a period and a unit: every registered figure by part. <see cref="HasData"/> is false when no figure has a record in the period.
/// <see cref="ElapsedMs"/> is what the build took and <see cref="BuiltAt"/> when it ended: the API and pages may answer a report built up to a
/// minute earlier for the same caller's scope, unit and period (<see cref="ReportCache"/>).
/// </summary>
public sealed record IndicatorReportDto(string Period, DateOnly From, DateOnly To, ReportUnit Unit, bool HasData, IReadOnlyList<PartDto> Parts, long ElapsedMs,
    DateTimeOffset BuiltAt);

/// <summary>
/// Builds the statistics and the annual report from every registered <see cref="IIndicatorSource"/> (issue 19): the figures for
/// the period and the unit, the same for the previous year, and for the city each district's, ranked. Knows no module: the
/// figures and their definitions come from the sources. The unit must lie within the caller's scope (else not found); without
/// one the report is for the caller's own scope.
/// </summary>
public sealed class ReportBuilder(IEnumerable<IIndicatorSource> sources, GonghuiDb db, CurrentUser me, IStringLocalizer<ReportsText> L, ILogger<ReportBuilder> log,
    IServiceScopeFactory scopes, IConfiguration config, ReportCache cache, TimeProvider clock)
{
    private readonly IReadOnlyList<IIndicatorSource> _sources = sources.ToList();

    /// <summary>
    /// How many sources compute at once (<c>Gonghui:Reports:Parallel</c>; default the processor count, at most 4): each on a database context
    /// of its own (a scope of its own), since one context runs one query at a time. 1, or a report asked for inside an open transaction
    /// (whose uncommitted rows only the request's context sees), computes them one after the other on the request's context.
    /// </summary>
    private int Degree => db.Database.CurrentTransaction is not null ? 1
        : Math.Max(1, config.GetValue<int?>("Gonghui:Reports:Parallel") ?? Math.Min(Environment.ProcessorCount, 4));

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
        var of = unit ?? new ReportUnit(null, scope, scope);
        // Inside an open transaction (whose uncommitted rows only this context sees) the report is built here and not kept.
        if (db.Database.CurrentTransaction is not null) return Outcome<IndicatorReportDto>.Ok(await BuildForAsync(period, of, withDistricts, ct));
        // The page, the exports and the ranking downloads of one caller's report share one build (ReportCache); the build runs in a DI scope
        // of its own, so that it outlives a first caller who gives up while others wait for it.
        return Outcome<IndicatorReportDto>.Ok(await cache.GetAsync(ReportCache.Key.Of(scope, of, period, withDistricts), async buildCt =>
        {
            await using var own = scopes.CreateAsyncScope();
            return await own.ServiceProvider.GetRequiredService<ReportBuilder>().BuildForAsync(period, of, withDistricts, buildCt);
        }, ct));
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
        // Districts (and industry unions) directly below the unit, each with its own figures, for the rankings.
        var below = withDistricts && unit.Id is not null
            ? await units.Where(u => u.ParentId == unit.Id && !u.IsClosed
                    && (u.Kind == OrgUnitKind.DistrictUnion || u.Kind == OrgUnitKind.IndustryUnion))
                .OrderBy(u => u.Path).Select(u => new { u.Id, u.Name, u.Path }).ToListAsync(ct)
            : [];

        // Every source's three reads (this period, the districts in one call, the year before) queue at one gate of Degree places, in
        // that order, each on a context of its own when more than one runs at once.
        using var gate = new Lanes(Degree);
        var previousPeriod = period.PreviousYear;
        var currentTask = ComputeAsync(new IndicatorQuery(period.From, period.To, path), gate, ct);
        // One call per source for all districts (a source that groups by district reads its records once, not once a district).
        var byDistrictTask = below.Count > 0
            ? ComputeByDistrictAsync(new DistrictQuery(period.From, period.To, path, below.Select(d => d.Path).ToList()), gate, ct)
            : Task.FromResult(new Dictionary<string, Dictionary<string, IndicatorValue>>());
        var previousTask = previousPeriod.Year >= ReportRules.FirstYear ? ComputeAsync(new IndicatorQuery(previousPeriod.From, previousPeriod.To, path), gate, ct)
            : Task.FromResult<IReadOnlyDictionary<string, IndicatorValue>>(new Dictionary<string, IndicatorValue>());
        await Task.WhenAll(currentTask, byDistrictTask, previousTask);
        var current = currentTask.Result;
        var previous = previousTask.Result;
        var byDistrict = byDistrictTask.Result;
        var districtValues = below.Select(d => (d.Id, d.Name, Values: (IReadOnlyDictionary<string, IndicatorValue>)byDistrict[d.Path])).ToList();

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
        return new IndicatorReportDto(period.Label, period.From, period.To, unit, hasData, parts, watch.ElapsedMilliseconds, clock.GetUtcNow());
    }

    private static IReadOnlyList<RankedValue> RankRows(IEnumerable<(Guid Id, string Name, long Value)> rows) =>
        ReportRules.Rank(rows.Select(r => ((r.Id, r.Name), r.Value))).Select(r => new RankedValue(r.Item.Id, r.Item.Name, r.Value, r.Rank)).ToList();

    /// <summary>The drill-down link with the report's period and unit filled in (a report on a scope without a unit drops <c>unit</c>).</summary>
    internal static string? Drill(string? href, ReportPeriod p, Guid? unit) =>
        href?.Replace("{from}", p.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{to}", p.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace(unit is null ? "&unit={unit}" : "{unit}", unit?.ToString() ?? "", StringComparison.Ordinal);

    /// <summary>
    /// Runs <paramref name="run"/> on source <paramref name="index"/> once the gate lets it: on the request's source (and context) when the
    /// gate has one place, else on the same source of a scope of its own (its own database context), so that several run at once.
    /// </summary>
    private async Task<T> OnSourceAsync<T>(int index, Lanes gate, Func<IIndicatorSource, Task<T>> run, CancellationToken ct)
    {
        await gate.Places.WaitAsync(ct);
        try
        {
            if (!gate.OwnContexts) return await run(_sources[index]);
            await using var scope = scopes.CreateAsyncScope();
            var type = _sources[index].GetType();
            var own = scope.ServiceProvider.GetServices<IIndicatorSource>().ToList();
            return await run(index < own.Count && own[index].GetType() == type ? own[index] : own.First(s => s.GetType() == type));
        }
        finally
        {
            gate.Places.Release();
        }
    }

    /// <summary>The places of the sources computing at once; with more than one, each source runs on a context of its own.</summary>
    private sealed class Lanes(int degree) : IDisposable
    {
        public SemaphoreSlim Places { get; } = new(degree);
        public bool OwnContexts => degree > 1;
        public void Dispose() => Places.Dispose();
    }

    /// <summary>Every source's figures for each district, by district path and key; a failing source is flagged "error" as in <see cref="ComputeAsync"/>.</summary>
    private async Task<Dictionary<string, Dictionary<string, IndicatorValue>>> ComputeByDistrictAsync(DistrictQuery q, Lanes gate, CancellationToken ct)
    {
        var result = q.DistrictPaths.ToDictionary(p => p, _ => new Dictionary<string, IndicatorValue>(StringComparer.Ordinal), StringComparer.Ordinal);
        var all = await Task.WhenAll(_sources.Select((s, i) => OnSourceAsync(i, gate, async source =>
        {
            try { return await source.ComputeByDistrictAsync(q, ct); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Indicator source {Source} failed by district for {From}–{To} below {Scope}", s.GetType().Name, q.From, q.To, q.ParentPath);
                var flagged = s.Definitions.Select(d => new IndicatorValue(d.Key, 0, "error")).ToList();
                return (IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>>)q.DistrictPaths.ToDictionary(p => p, _ => (IReadOnlyList<IndicatorValue>)flagged);
            }
        }, ct)));
        foreach (var values in all)
            foreach (var (district, list) in values)
                if (result.TryGetValue(district, out var into))
                    foreach (var v in list) into[v.Key] = v;
        return result;
    }

    /// <summary>
    /// Every source's figures for one query, by key (sources in parallel through <paramref name="gate"/>, each on its own context).
    /// A source that fails is logged and its figures are flagged "error" (the report still answers; the flag says which part to distrust).
    /// </summary>
    private async Task<IReadOnlyDictionary<string, IndicatorValue>> ComputeAsync(IndicatorQuery q, Lanes gate, CancellationToken ct)
    {
        var result = new Dictionary<string, IndicatorValue>(StringComparer.Ordinal);
        var all = await Task.WhenAll(_sources.Select((s, i) => OnSourceAsync(i, gate, async source =>
        {
            try { return await source.ComputeAsync(q, ct); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Indicator source {Source} failed for {From}–{To} {Scope}", s.GetType().Name, q.From, q.To, q.ScopePath);
                return (IReadOnlyList<IndicatorValue>)s.Definitions.Select(d => new IndicatorValue(d.Key, 0, "error")).ToList();
            }
        }, ct)));
        foreach (var values in all)
            foreach (var v in values) result[v.Key] = v;
        return result;
    }
}
