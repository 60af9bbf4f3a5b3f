namespace Gonghui.Modules.Skills.Rules;

/// <summary>How judges' leniency is corrected in the standardised results (the raw results are always published beside them).</summary>
public enum Leniency { None = 0, ZScore = 1, TrimmedMean = 2 }

/// <summary>How two competitors with the same total (to 0.01 mark) are ordered; declared with the contest, before marking.</summary>
public enum TieRule
{
    /// <summary>They share the place (the next place is skipped: 1, 1, 3).</summary>
    Shared = 0,
    /// <summary>The higher total over judgement aspects is placed first; still equal: shared.</summary>
    JudgementFirst = 1,
    /// <summary>The aspect marks are compared in the scheme's order, the first difference decides; still equal: shared.</summary>
    AspectOrder = 2,
}

public enum Medal { None = 0, Gold = 1, Silver = 2, Bronze = 3, Excellence = 4 }

/// <summary>One mark on a sheet: competitor and aspect (indexes into the trade's lists), the judge (−1 for a measurement mark), centimarks.</summary>
public readonly record struct Score(int Entry, int Aspect, int Judge, int Centi);

/// <summary>What keeps a competitor's aspect from being signed off.</summary>
public enum IssueKind { Missing = 0, TooFewJudges = 1, Spread = 2 }

public readonly record struct MarkingIssue(int Entry, int Aspect, IssueKind Kind, int Detail);

public sealed record ResultOptions(Leniency Method, TieRule Tie, int TitlePlaces);

/// <summary>A competitor's results: per-aspect and total marks raw and standardised (rounded to 0.01), both ranks, the official place, points on the 700 scale, medal and title.</summary>
public sealed record EntryResult(int Entry, decimal[] RawAspects, decimal[] StdAspects, decimal RawTotal, decimal StdTotal, int RawRank, int StdRank,
    int Place, int ScalePoints, Medal Medal, bool Title, int MaxSpread);

public sealed record TradeResult(IReadOnlyList<EntryResult> Entries, IReadOnlyList<MarkingIssue> Issues, int ScoresUsed);

/// <summary>
/// The results of one trade, computed from the marks alone (no I/O): the WorldSkills way of marking as the federation runs it.
/// Formulas (docs/skills.md):
/// <list type="bullet">
/// <item>measurement aspect: the mark entered (0 … max); judgement aspect: mean score ÷ 3 × max, over the scores of its judges;</item>
/// <item>z-score: a judge's score s on an aspect, where that judge scored n ≥ <see cref="MinSampleForZ"/> competitors with mean m_j and
///   standard deviation σ_j, becomes m_a + (s − m_j) · σ_a / σ_j (m_a, σ_a over all judges' scores on the aspect), clamped to 0–3;
///   σ_j = 0 shifts only (s − m_j + m_a); fewer scores stay raw;</item>
/// <item>trimmed mean: with three or more scores the single highest and lowest are dropped (three judges: the median);</item>
/// <item>totals are sums of aspect marks, rounded to 0.01; ranks are competition ranks (1, 2, 2, 4) under the declared <see cref="TieRule"/>;</item>
/// <item>the official place is the standardised rank (the raw rank when no leniency correction is declared): places 1–3 win gold, silver,
///   bronze; the 700 scale is 700 + (T − median) / σ × 100/3 over the official totals; a competitor without a medal at 700 or more wins
///   a Medallion for Excellence; places up to <c>TitlePlaces</c> earn the title (技术能手).</item>
/// </list>
/// </summary>
public static class ResultRules
{
    public const int MinJudges = 3;
    public const int MinSampleForZ = 5;
    public const int ScaleCentre = 700;
    public const double ScalePointsPerSd = 100.0 / 3;

    public static TradeResult Compute(IReadOnlyList<AspectSpec> aspects, int entries, IReadOnlyList<Score> scores, ResultOptions options)
    {
        var na = aspects.Count;
        var cells = entries * na;
        // Bucket the scores by (entry, aspect) in one counting pass: no dictionaries over 300,000 marks.
        var counts = new int[cells + 1];
        var used = 0;
        foreach (var s in scores)
            if ((uint)s.Entry < (uint)entries && (uint)s.Aspect < (uint)na) { counts[s.Entry * na + s.Aspect + 1]++; used++; }
        for (var i = 1; i <= cells; i++) counts[i] += counts[i - 1];
        var start = (int[])counts.Clone();
        var byCell = new Score[used];
        foreach (var s in scores)
            if ((uint)s.Entry < (uint)entries && (uint)s.Aspect < (uint)na) byCell[start[s.Entry * na + s.Aspect]++] = s;

        var adjusted = options.Method == Leniency.ZScore ? ZScores(aspects, byCell) : null;

        var raw = new double[cells];
        var std = new double[cells];
        var judged = new double[entries * 2]; // judgement subtotals raw, std (for the tie rule)
        var spreads = new int[entries];
        var issues = new List<MarkingIssue>();
        var buffer = new List<double>();
        for (var e = 0; e < entries; e++)
            for (var a = 0; a < na; a++)
            {
                var cell = e * na + a;
                var from = counts[cell];
                var n = counts[cell + 1] - from;
                var aspect = aspects[a];
                var max = aspect.MaxCenti / 100.0;
                if (aspect.Kind == AspectKind.Measurement)
                {
                    if (n == 0) { issues.Add(new(e, a, IssueKind.Missing, 0)); continue; }
                    // One measurement mark per competitor and aspect: the last one entered stands (the store keeps one).
                    raw[cell] = std[cell] = Math.Min(byCell[from + n - 1].Centi, aspect.MaxCenti) / 100.0;
                    continue;
                }
                if (n == 0) { issues.Add(new(e, a, IssueKind.Missing, 0)); continue; }
                if (n < MinJudges) issues.Add(new(e, a, IssueKind.TooFewJudges, n));
                int lo = int.MaxValue, hi = int.MinValue;
                double sum = 0;
                for (var k = from; k < from + n; k++) { var c = byCell[k].Centi; sum += c; lo = Math.Min(lo, c); hi = Math.Max(hi, c); }
                var spread = (hi - lo) / 100;
                if (spread > MarkRules.MaxSpread) issues.Add(new(e, a, IssueKind.Spread, spread));
                spreads[e] = Math.Max(spreads[e], spread);
                raw[cell] = sum / n / 100.0 / MarkRules.MaxScore * max;
                std[cell] = options.Method switch
                {
                    Leniency.ZScore => Mean(adjusted!, from, n) / MarkRules.MaxScore * max,
                    Leniency.TrimmedMean => Trimmed(byCell, from, n, buffer) / MarkRules.MaxScore * max,
                    _ => raw[cell],
                };
                judged[e * 2] += raw[cell];
                judged[e * 2 + 1] += std[cell];
            }

        var rawAspects = new decimal[entries][];
        var stdAspects = new decimal[entries][];
        var rawTotals = new decimal[entries];
        var stdTotals = new decimal[entries];
        for (var e = 0; e < entries; e++)
        {
            rawAspects[e] = new decimal[na];
            stdAspects[e] = new decimal[na];
            double rt = 0, st = 0;
            for (var a = 0; a < na; a++)
            {
                rawAspects[e][a] = Round(raw[e * na + a]);
                stdAspects[e][a] = Round(std[e * na + a]);
                rt += raw[e * na + a];
                st += std[e * na + a];
            }
            rawTotals[e] = Round(rt);
            stdTotals[e] = Round(st);
        }
        var rawRanks = Rank(rawTotals, e => Round(judged[e * 2]), rawAspects, options.Tie);
        var stdRanks = Rank(stdTotals, e => Round(judged[e * 2 + 1]), stdAspects, options.Tie);
        var official = options.Method == Leniency.None ? rawRanks : stdRanks;
        var officialTotals = options.Method == Leniency.None ? rawTotals : stdTotals;
        var points = ScalePoints(officialTotals);

        var results = new EntryResult[entries];
        for (var e = 0; e < entries; e++)
        {
            var place = official[e];
            var medal = MedalFor(place, points[e]);
            results[e] = new EntryResult(e, rawAspects[e], stdAspects[e], rawTotals[e], stdTotals[e], rawRanks[e], stdRanks[e], place, points[e], medal,
                place <= options.TitlePlaces, spreads[e]);
        }
        return new TradeResult(results, issues, used);
    }

    public static Medal MedalFor(int place, int scalePoints) => place switch
    {
        1 => Medal.Gold,
        2 => Medal.Silver,
        3 => Medal.Bronze,
        _ => scalePoints >= ScaleCentre ? Medal.Excellence : Medal.None,
    };

    /// <summary>Published marks are rounded half away from zero to 0.01 mark.</summary>
    public static decimal Round(double v) => Math.Round((decimal)v, 2, MidpointRounding.AwayFromZero);

    /// <summary>Competition ranks (1, 2, 2, 4) by total, then by the tie rule's keys; equal keys share the rank.</summary>
    public static int[] Rank(decimal[] totals, Func<int, decimal> judgementTotal, decimal[][] aspectMarks, TieRule tie)
    {
        var n = totals.Length;
        var order = Enumerable.Range(0, n).ToArray();
        Comparison<int> cmp = (x, y) =>
        {
            var c = totals[y].CompareTo(totals[x]);
            if (c != 0 || tie == TieRule.Shared) return c;
            if (tie == TieRule.JudgementFirst) return judgementTotal(y).CompareTo(judgementTotal(x));
            var ax = aspectMarks[x];
            var ay = aspectMarks[y];
            for (var a = 0; a < ax.Length; a++)
            {
                c = ay[a].CompareTo(ax[a]);
                if (c != 0) return c;
            }
            return 0;
        };
        Array.Sort(order, (x, y) => cmp(x, y) is var c && c != 0 ? c : x.CompareTo(y));
        var ranks = new int[n];
        for (var i = 0; i < n; i++)
            ranks[order[i]] = i > 0 && cmp(order[i - 1], order[i]) == 0 ? ranks[order[i - 1]] : i + 1;
        return ranks;
    }

    /// <summary>Points on the 700 scale: the median total sits at 700, a standard deviation is worth 100/3 points (so ±3σ spans 600–800).</summary>
    public static int[] ScalePoints(decimal[] totals)
    {
        var n = totals.Length;
        var points = new int[n];
        if (n == 0) return points;
        var sorted = totals.Select(t => (double)t).Order().ToArray();
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        var mean = sorted.Average();
        var sd = Math.Sqrt(sorted.Sum(t => (t - mean) * (t - mean)) / n);
        for (var i = 0; i < n; i++)
            points[i] = sd == 0 ? ScaleCentre : (int)Math.Round(ScaleCentre + ((double)totals[i] - median) / sd * ScalePointsPerSd, MidpointRounding.AwayFromZero);
        return points;
    }

    private static double Mean(double[] values, int from, int n)
    {
        double s = 0;
        for (var k = from; k < from + n; k++) s += values[k];
        return s / n;
    }

    /// <summary>The mean score (0–3) without the single highest and lowest when there are three or more.</summary>
    public static double Trimmed(Score[] byCell, int from, int n, List<double> buffer)
    {
        buffer.Clear();
        for (var k = from; k < from + n; k++) buffer.Add(byCell[k].Centi / 100.0);
        if (n < 3) return buffer.Average();
        buffer.Sort();
        double s = 0;
        for (var k = 1; k < n - 1; k++) s += buffer[k];
        return s / (n - 2);
    }

    /// <summary>Each judgement score standardised per judge and aspect (0–3 scale), aligned with <paramref name="byCell"/>.</summary>
    private static double[] ZScores(IReadOnlyList<AspectSpec> aspects, Score[] byCell)
    {
        var judges = byCell.Length == 0 ? 0 : byCell.Max(s => s.Judge) + 1;
        var na = aspects.Count;
        // Sums per (judge, aspect) and per aspect: n, Σs, Σs².
        var jn = new int[judges * na]; var js = new double[judges * na]; var jq = new double[judges * na];
        var an = new int[na]; var asum = new double[na]; var aq = new double[na];
        foreach (var s in byCell)
        {
            if (s.Judge < 0 || aspects[s.Aspect].Kind != AspectKind.Judgement) continue;
            var v = s.Centi / 100.0;
            var k = s.Judge * na + s.Aspect;
            jn[k]++; js[k] += v; jq[k] += v * v;
            an[s.Aspect]++; asum[s.Aspect] += v; aq[s.Aspect] += v * v;
        }
        var result = new double[byCell.Length];
        for (var i = 0; i < byCell.Length; i++)
        {
            var s = byCell[i];
            var v = s.Centi / 100.0;
            if (s.Judge < 0 || aspects[s.Aspect].Kind != AspectKind.Judgement) { result[i] = v; continue; }
            var k = s.Judge * na + s.Aspect;
            var n = jn[k];
            if (n < MinSampleForZ) { result[i] = v; continue; }
            var mj = js[k] / n;
            var sj = Math.Sqrt(Math.Max(0, jq[k] / n - mj * mj));
            var ma = asum[s.Aspect] / an[s.Aspect];
            var sa = Math.Sqrt(Math.Max(0, aq[s.Aspect] / an[s.Aspect] - ma * ma));
            var z = sj < 1e-9 ? ma + (v - mj) : ma + (v - mj) / sj * sa;
            result[i] = Math.Clamp(z, MarkRules.MinScore, MarkRules.MaxScore);
        }
        return result;
    }
}
