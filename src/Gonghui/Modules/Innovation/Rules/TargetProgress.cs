namespace Gonghui.Modules.Innovation.Rules;

/// <summary>The federation's targets for a year (2025: more than 8,000 studios at all levels, more than 900 municipal), as data.</summary>
public sealed record StudioTargets(int Year, int Total, int Municipal)
{
    public static readonly StudioTargets Of2025 = new(2025, 8000, 900);
}

/// <summary>Recognised studios at the end of one year (cumulative, revoked ones no longer counted).</summary>
public sealed record YearCount(int Year, int Total, int Municipal);

/// <summary>Progress to one target: where we are, the average yearly growth of the last years, the projection and the yearly growth still needed.</summary>
public sealed record TargetLine(int Target, int Current, double AverageGrowth, int Projected, int NeededPerYear, bool OnTrack, int PercentOfTarget);

public sealed record Progress(int Year, int TargetYear, TargetLine Total, TargetLine Municipal);

/// <summary>Progress to the targets, and the projection. Pure.</summary>
public static class TargetProgress
{
    /// <summary>Years of growth the projection averages over.</summary>
    public const int Window = 3;

    /// <summary>"Municipal" in the target counts every studio at municipal level or above (national, municipal model, municipal).</summary>
    public static bool IsMunicipalOrAbove(StudioLevel level) => level is StudioLevel.National or StudioLevel.MunicipalModel or StudioLevel.Municipal;

    /// <summary>
    /// Projection: the current count plus the average yearly growth over the last <see cref="Window"/> years (from the
    /// trend, cumulative counts by year) times the years left; needed per year = ⌈(target − current) / years left⌉.
    /// Target "more than N" is met at N + 1.
    /// </summary>
    public static Progress Compute(StudioTargets targets, int year, IReadOnlyList<YearCount> trend, int currentTotal, int currentMunicipal)
    {
        var ordered = trend.Where(t => t.Year <= year).OrderBy(t => t.Year).ToList();
        return new Progress(year, targets.Year,
            Line(targets.Total + 1, currentTotal, ordered.Select(t => (t.Year, t.Total)).ToList(), year, targets.Year),
            Line(targets.Municipal + 1, currentMunicipal, ordered.Select(t => (t.Year, t.Municipal)).ToList(), year, targets.Year));
    }

    private static TargetLine Line(int target, int current, List<(int Year, int Count)> trend, int year, int targetYear)
    {
        var growth = AverageGrowth(trend);
        var left = Math.Max(0, targetYear - year);
        var projected = current + (int)Math.Round(growth * left, MidpointRounding.AwayFromZero);
        var gap = Math.Max(0, target - current);
        var needed = gap == 0 ? 0 : left == 0 ? gap : (gap + left - 1) / left;
        var percent = target <= 0 ? 100 : (int)Math.Min(100, (long)current * 100 / target);
        return new TargetLine(target, current, growth, projected, needed, projected >= target, percent);
    }

    /// <summary>The mean yearly increase over the last <see cref="Window"/> steps of a cumulative series (0 with fewer than two points).</summary>
    public static double AverageGrowth(IReadOnlyList<(int Year, int Count)> trend)
    {
        if (trend.Count < 2) return 0;
        var last = trend[^1];
        var first = trend[Math.Max(0, trend.Count - 1 - Window)];
        var years = last.Year - first.Year;
        return years <= 0 ? 0 : (last.Count - first.Count) / (double)years;
    }

    /// <summary>Cumulative recognised counts at the end of each year, from counts of recognitions and of revocations by (year, municipal or above).</summary>
    public static IReadOnlyList<YearCount> Cumulative(IEnumerable<(int Year, bool Municipal, int Count)> recognised, IEnumerable<(int Year, bool Municipal, int Count)> revoked,
        int fromYear, int toYear)
    {
        var add = recognised.ToList();
        var remove = revoked.ToList();
        var list = new List<YearCount>();
        for (var y = fromYear; y <= toYear; y++)
        {
            var total = add.Where(r => r.Year <= y).Sum(r => r.Count) - remove.Where(r => r.Year <= y).Sum(r => r.Count);
            var municipal = add.Where(r => r.Year <= y && r.Municipal).Sum(r => r.Count) - remove.Where(r => r.Year <= y && r.Municipal).Sum(r => r.Count);
            list.Add(new YearCount(y, total, municipal));
        }
        return list;
    }
}
