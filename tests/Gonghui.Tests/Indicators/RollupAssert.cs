using Gonghui.Platform.Indicators;

namespace Gonghui.Tests.Indicators;

/// <summary>
/// The roll-up tests' one check: for each period, a source's figures (read from its roll-up where the period allows) equal the same
/// figures read from its records, for the city, two districts and every district at once.
/// </summary>
public static class RollupAssert
{
    public static async Task SameAsRecordsAsync(IIndicatorSource source,
        Func<IndicatorQuery, CancellationToken, Task<IReadOnlyList<IndicatorValue>>> raw,
        Func<DistrictQuery, CancellationToken, Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>>>> rawByDistrict,
        IEnumerable<(DateOnly From, DateOnly To)> periods, IReadOnlyList<string> districts, string when, string records, CancellationToken ct)
    {
        foreach (var (from, to) in periods)
        {
            foreach (var path in new[] { "/BJ/", "/BJ/DC/", "/BJ/XC/" })
            {
                var q = new IndicatorQuery(from, to, path);
                Assert.True(Same(await raw(q, ct), await source.ComputeAsync(q, ct), records, out var diff), $"{when}, {from}–{to} {path}: {diff}");
            }
            var d = new DistrictQuery(from, to, "/BJ/", districts);
            var byRecords = await rawByDistrict(d, ct);
            var rolled = await source.ComputeByDistrictAsync(d, ct);
            foreach (var p in districts)
                Assert.True(Same(byRecords[p], rolled[p], records, out var diff), $"{when}, {from}–{to} by district, {p}: {diff}");
        }
    }

    private static bool Same(IReadOnlyList<IndicatorValue> raw, IReadOnlyList<IndicatorValue> rolled, string records, out string diff)
    {
        diff = $"{records} {string.Join(", ", raw)} / roll-up {string.Join(", ", rolled)}";
        return raw.SequenceEqual(rolled);
    }
}
