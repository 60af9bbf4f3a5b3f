using System.Diagnostics;
using Gonghui.Platform.Indicators;

namespace Gonghui.Modules.Reports.Indicators;

/// <summary>One source measured against its baseline: the report's way and the rows-in-memory way, timed, and every figure that differs.</summary>
public sealed record BaselineRun(string Source, long Rows, double ReportMs, double BaselineMs, IReadOnlyList<string> Differences);

/// <summary>
/// Issue 19's baseline ("the same figures computed by loading rows into memory"), run beside the report: for every source that offers one
/// (<see cref="IIndicatorBaseline"/>), the figures of the parent and of each district as the report computes them (its
/// <see cref="IIndicatorSource.ComputeAsync"/> and <see cref="IIndicatorSource.ComputeByDistrictAsync"/>, from roll-ups) and as the
/// baseline does (the records streamed into memory and added up in C#), each timed, and every value or flag that differs named. The reports
/// bench prints it at full scale; <c>IndicatorBaselineTests</c> runs it on the 0.01 year of both engines.
/// </summary>
public static class BaselineCheck
{
    public static async Task<IReadOnlyList<BaselineRun>> RunAsync(IEnumerable<IIndicatorSource> sources, DistrictQuery query, CancellationToken ct)
    {
        var runs = new List<BaselineRun>();
        foreach (var source in sources)
        {
            if (source is not IIndicatorBaseline baseline) continue;
            var w = Stopwatch.StartNew();
            var parent = await source.ComputeAsync(query.Parent, ct);
            var districts = await source.ComputeByDistrictAsync(query, ct);
            var reportMs = w.Elapsed.TotalMilliseconds;
            w.Restart();
            var rows = await baseline.FromRowsAsync(query, ct);
            var baselineMs = w.Elapsed.TotalMilliseconds;
            var differences = new List<string>();
            Compare(query.ParentPath, parent, rows.Parent, differences);
            foreach (var path in query.DistrictPaths)
                Compare(path, districts.GetValueOrDefault(path) ?? [], rows.Districts.GetValueOrDefault(path) ?? [], differences);
            runs.Add(new BaselineRun(source.GetType().Name, rows.Rows, reportMs, baselineMs, differences));
        }
        return runs;
    }

    private static void Compare(string path, IReadOnlyList<IndicatorValue> report, IReadOnlyList<IndicatorValue> baseline, List<string> differences)
    {
        if (report.Count != baseline.Count) { differences.Add($"{path}: {report.Count} figures in the report, {baseline.Count} in the baseline"); return; }
        for (var i = 0; i < report.Count; i++)
            if (report[i] != baseline[i]) differences.Add($"{path} {report[i].Key}: report {report[i].Value} {report[i].Flag}, rows {baseline[i].Key} {baseline[i].Value} {baseline[i].Flag}");
    }
}
