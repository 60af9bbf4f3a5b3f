namespace Gonghui.Platform.Indicators;

/// <summary>
/// A module's named figures for the statistics and the annual report (issue 19): each is defined once, in the module that
/// owns its records, and computed from those records for a period and an organisation scope. The report, the dashboard and
/// <c>/api/v1/reports/indicators</c> read every registered source and know no module. A module registers its source in
/// <c>Add&lt;Name&gt;()</c>: <c>services.AddScoped&lt;IIndicatorSource, XIndicators&gt;()</c>.
/// Rules: compute in SQL (aggregates over indexed filters, never rows loaded into memory: that is the baseline's way,
/// <see cref="IIndicatorBaseline"/>, which only the bench and the tests call); count only within
/// <see cref="IndicatorQuery.ScopePath"/> (the platform's <c>InScope</c>); money in fen; never a silent zero: a figure whose records
/// the module cannot have for the period (e.g. nothing recorded yet) is returned with <see cref="IndicatorValue.Flag"/> set.
/// </summary>
public interface IIndicatorSource
{
    /// <summary>The figures this source defines, in report order.</summary>
    IReadOnlyList<IndicatorDefinition> Definitions { get; }

    /// <summary>Every figure of <see cref="Definitions"/> for the period and scope (one value per definition, same keys).</summary>
    Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorQuery query, CancellationToken ct);

    /// <summary>
    /// Every figure for each of the report's districts (the units one level below its unit, by path), for the rankings. A source
    /// whose records can be grouped by district overrides this with one grouped query per figure set (one read of its records
    /// for all districts, the same filter as <see cref="ComputeAsync"/>); the default computes <see cref="ComputeAsync"/> once
    /// per district. Same values either way (<c>IndicatorDistrictTests</c> compares them for every source).
    /// </summary>
    async Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>>> ComputeByDistrictAsync(DistrictQuery query, CancellationToken ct)
    {
        var result = new Dictionary<string, IReadOnlyList<IndicatorValue>>(StringComparer.Ordinal);
        foreach (var path in query.DistrictPaths) result[path] = await ComputeAsync(query.For(path), ct);
        return result;
    }
}

/// <summary>The report parts (issue 19.3), in report order.</summary>
public static class ReportParts
{
    public const string Hotline = "hotline";            // 12351 and 接诉即办
    public const string Hardship = "hardship";          // hardship files, assistance, warmth, grants
    public const string Services = "services";          // member services, seasonal campaigns, member card, jobs
    public const string Money = "money";                // mutual aid, insurance, fee refunds, loans, innovation fund
    public const string Rights = "rights";              // legal aid, labour relations, bargaining, organizing
    public const string SkillsCulture = "skills";       // skills contests, craftsmen, innovation studios, culture
    public const string Organisation = "organisation";  // units, enterprises, members, venues

    public static readonly IReadOnlyList<string> All = [Hotline, Hardship, Services, Money, Rights, SkillsCulture, Organisation];
}

/// <summary>What a figure's number is: a count of records or people, an amount in fen, or a rate in basis points (1/10,000).</summary>
public enum IndicatorUnit { Count, Fen, BasisPoints }

/// <summary>
/// A named figure. <paramref name="Key"/> is stable and dotted by module ("hotline.requests"); <paramref name="Definition"/> says
/// which records, which filter, which date decides the period, in plain words (printed in docs/indicators.md);
/// <paramref name="DrillHref"/> is the list page of the records behind it, with <c>{from}</c>, <c>{to}</c> (ISO dates, end exclusive)
/// and <c>{unit}</c> (the report's unit id, its subtree) placeholders for the lists that filter by them (<c>DrillFilter</c>), or null
/// when there is no such page.
/// </summary>
public sealed record IndicatorDefinition(string Key, string Part, string NameZh, string NameEn, IndicatorUnit Unit, string Definition,
    string? DrillHref = null);

/// <summary>A period [<paramref name="From"/>, <paramref name="To"/>) of Beijing calendar dates, within an organisation scope path ("/BJ/" for the city).</summary>
public sealed record IndicatorQuery(DateOnly From, DateOnly To, string ScopePath)
{
    /// <summary>The period's bounds as UTC instants (Beijing midnights), for filtering timestamp columns as the modules store them.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Instants => (Time.BeijingTime.StartOfDayUtc(From), Time.BeijingTime.StartOfDayUtc(To));

    public static IndicatorQuery Year(int year, string scopePath) => new(new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1), scopePath);
}

/// <summary>
/// The period of a report and its districts (paths of the units one level below the report's unit, <paramref name="ParentPath"/>),
/// for <see cref="IIndicatorSource.ComputeByDistrictAsync"/>.
/// </summary>
public sealed record DistrictQuery(DateOnly From, DateOnly To, string ParentPath, IReadOnlyList<string> DistrictPaths)
{
    public IndicatorQuery For(string districtPath) => new(From, To, districtPath);
    /// <summary>The query of the whole parent (every district's records together), for the shared filter.</summary>
    public IndicatorQuery Parent => new(From, To, ParentPath);

    /// <summary>Values per district, with every district present (a district without records gets the source's empty figures).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>> Complete(IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>> found, Func<IReadOnlyList<IndicatorValue>> empty) =>
        DistrictPaths.ToDictionary(p => p, p => found.TryGetValue(p, out var v) ? v : empty(), StringComparer.Ordinal);
}

/// <summary>A computed figure; <paramref name="Flag"/> (a short code such as "no-data") says why it should not be read as a plain number.</summary>
public sealed record IndicatorValue(string Key, long Value, string? Flag = null);
