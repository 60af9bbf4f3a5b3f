using Gonghui.Platform.Scope;

namespace Gonghui.Platform.Indicators;

/// <summary>
/// The brute-force baseline of a source's figures (issue 19, "Baseline: the same figures computed by loading rows into memory"): the
/// records behind the figures streamed into the process row by row and added up in C#, for the parent and every district in one pass,
/// with no roll-up and no SQL aggregate. Implemented by the sources whose report reads a roll-up instead of its records (mutual aid,
/// services, hardship, culture): there the report and the records part ways, and the baseline is both the speed the roll-up is measured
/// against and an independent check of its figures. The reports bench times it beside the report and fails when a figure differs;
/// <c>IndicatorBaselineTests</c> compares it with the report's figures on both engines. Never called by the report itself.
/// </summary>
public interface IIndicatorBaseline
{
    /// <summary>The source's figures (every definition, in order) for <see cref="DistrictQuery.Parent"/> and for each district.</summary>
    Task<BaselineFigures> FromRowsAsync(DistrictQuery query, CancellationToken ct);
}

/// <summary>A baseline's figures: the parent's, each district's, and how many rows it read into memory.</summary>
public sealed record BaselineFigures(IReadOnlyList<IndicatorValue> Parent, IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>> Districts, long Rows);

/// <summary>
/// One accumulator (<typeparamref name="T"/>) for the parent of a <see cref="DistrictQuery"/> and one per district, fed row by row: a row
/// whose unit path lies within the parent counts for the parent and for the district that holds it (<see cref="ScopeFilter.BranchOf"/>);
/// a row outside the parent counts nowhere. Rows are only counted, never kept.
/// </summary>
public sealed class BaselineTally<T>(DistrictQuery query) where T : new()
{
    private readonly Dictionary<string, T> districts = query.DistrictPaths.ToDictionary(p => p, _ => new T(), StringComparer.Ordinal);

    public T Parent { get; } = new();

    /// <summary>Rows read (whether in scope or not).</summary>
    public long Rows { get; private set; }

    /// <summary>Counts <paramref name="row"/> under the unit at <paramref name="path"/> (null: a row with no unit, counted nowhere).</summary>
    public void Add<TRow>(string? path, TRow row, Action<T, TRow> add)
    {
        Rows++;
        if (!ScopeFilter.Covers(query.ParentPath, path)) return;
        add(Parent, row);
        if (districts.TryGetValue(ScopeFilter.BranchOf(query.ParentPath, path), out var district)) add(district, row);
    }

    /// <summary>The figures of the parent and of every district, by the source's own <paramref name="values"/>.</summary>
    public BaselineFigures Figures(Func<T, IReadOnlyList<IndicatorValue>> values) =>
        new(values(Parent), districts.ToDictionary(kv => kv.Key, kv => values(kv.Value), StringComparer.Ordinal), Rows);
}
