namespace Gonghui.Modules.Hardship.Rules;

/// <summary>An evaluator's verdict on one sampled file; null where the question does not apply (no exit, no assistance).</summary>
public sealed record Verdict(string District, bool? RightlyIdentified, bool? RightlyExited, bool? AssistanceRight);

/// <summary>Precision for one dimension: agreed / judged. Null when nothing was judged.</summary>
public sealed record Ratio(int Agreed, int Judged)
{
    public double? Value => Judged == 0 ? null : (double)Agreed / Judged;
    /// <summary>Basis points (1/100 of a percent), exact integer arithmetic, rounded half up.</summary>
    public int? BasisPoints => Judged == 0 ? null : (int)((Agreed * 20000L + Judged) / (2L * Judged));
}

public sealed record PrecisionFigures(string District, int Sampled, Ratio Identification, Ratio Exit, Ratio Assistance);

/// <summary>Identification, exit and assistance precision from an evaluator's verdicts, per district and city-wide.</summary>
public static class PrecisionRules
{
    public const string CityWide = "*";

    public static PrecisionFigures Compute(string district, IReadOnlyCollection<Verdict> verdicts)
    {
        static Ratio R(IEnumerable<bool?> xs)
        {
            var judged = xs.Where(x => x is not null).ToList();
            return new Ratio(judged.Count(x => x == true), judged.Count);
        }
        return new PrecisionFigures(district, verdicts.Count, R(verdicts.Select(v => v.RightlyIdentified)), R(verdicts.Select(v => v.RightlyExited)), R(verdicts.Select(v => v.AssistanceRight)));
    }

    /// <summary>One row per district (ordered by code) and a city-wide row last.</summary>
    public static IReadOnlyList<PrecisionFigures> ByDistrict(IReadOnlyCollection<Verdict> verdicts) =>
        [.. verdicts.GroupBy(v => v.District).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Compute(g.Key, g.ToList())), Compute(CityWide, verdicts)];

    public static bool IsDisagreement(Verdict v) => v.RightlyIdentified == false || v.RightlyExited == false || v.AssistanceRight == false;

    /// <summary>A stratified random sample: up to n per district, drawn with a seeded generator so a draw can be reproduced.</summary>
    public static IReadOnlyList<T> Sample<T>(IEnumerable<T> population, Func<T, string> district, int perDistrict, int seed)
    {
        var rng = new Random(seed);
        var result = new List<T>();
        foreach (var g in population.GroupBy(district).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var items = g.ToArray();
            // Partial Fisher–Yates: the first k positions become a uniform sample without replacement.
            var k = Math.Min(perDistrict, items.Length);
            for (var i = 0; i < k; i++)
            {
                var j = rng.Next(i, items.Length);
                (items[i], items[j]) = (items[j], items[i]);
                result.Add(items[i]);
            }
        }
        return result;
    }
}
