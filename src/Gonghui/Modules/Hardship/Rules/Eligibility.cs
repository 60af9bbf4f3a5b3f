namespace Gonghui.Modules.Hardship.Rules;

/// <summary>What the eligibility rule needs to know about a household.</summary>
public sealed record HouseholdFacts(int Year, string? District, long MonthlyIncomeFen, int HouseholdSize, IReadOnlyCollection<HardshipCause> Causes);

/// <summary>
/// The outcome: eligible or not, the grade, and the deciding rule as a code with its figures, so a page can say
/// "per-person income ¥1,100.00 is at or below the minimum-living line ¥1,240.00 (2020, 东城区)".
/// </summary>
public sealed record EligibilityResult(bool Eligible, HardshipGrade? Grade, string Rule, long PerPersonIncomeFen, long? MinimumLivingFen, long? LowIncomeFen, long? AccidentLimitFen);

/// <summary>Eligibility of a household against the poverty lines of its year and district. Pure; the lines come from data.</summary>
public static class Eligibility
{
    public const string DeepBelowMinimum = "eligibility.deep.belowMinimumLiving";
    public const string RelativeBelowLowIncome = "eligibility.relative.belowLowIncome";
    public const string AccidentSudden = "eligibility.accident.suddenCause";
    public const string NoCause = "eligibility.none.noCause";
    public const string AboveLine = "eligibility.none.aboveLowIncome";
    public const string NoLine = "eligibility.none.noLineForYearAndDistrict";
    public const string InvalidHousehold = "eligibility.none.invalidHousehold";

    /// <summary>Per-person monthly income in fen, rounded down (the household is never made to look poorer by rounding).</summary>
    public static long PerPerson(long monthlyIncomeFen, int size) => size <= 0 ? monthlyIncomeFen : monthlyIncomeFen / size;

    public static EligibilityResult Evaluate(HouseholdFacts h, HardshipRuleBook rules)
    {
        if (h.HouseholdSize < 1 || h.MonthlyIncomeFen < 0)
            return new(false, null, InvalidHousehold, 0, null, null, null);
        var perPerson = PerPerson(h.MonthlyIncomeFen, h.HouseholdSize);
        var line = rules.LineFor(h.Year, h.District);
        if (line is null) return new(false, null, NoLine, perPerson, null, null, null);
        var accidentLimit = line.LowIncome * rules.AccidentIncomeMultiplePercent / 100;
        EligibilityResult R(bool ok, HardshipGrade? g, string rule) => new(ok, g, rule, perPerson, line.MinimumLiving, line.LowIncome, accidentLimit);

        var hasCause = h.Causes.Count > 0;
        var sudden = h.Causes.Any(c => rules.AccidentCauses.Contains(c));
        // Deep hardship: at or below the minimum-living line, whatever the cause.
        if (perPerson <= line.MinimumLiving) return R(true, HardshipGrade.DeepHardship, DeepBelowMinimum);
        // Relative hardship: at or below the low-income line, with a recognised cause.
        if (perPerson <= line.LowIncome)
            return hasCause ? R(true, HardshipGrade.RelativeHardship, RelativeBelowLowIncome) : R(false, null, NoCause);
        // Accident-caused hardship: a sudden cause (accident, disaster) and income up to a multiple of the low-income line.
        if (sudden && perPerson <= accidentLimit) return R(true, HardshipGrade.AccidentHardship, AccidentSudden);
        return R(false, null, AboveLine);
    }
}
