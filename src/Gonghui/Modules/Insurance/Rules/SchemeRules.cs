namespace Gonghui.Modules.Insurance;

/// <summary>Checks a new insurance scheme's terms and payout schedule, field by field. Pure; codes are localised at the edge.</summary>
public static class SchemeRules
{
    /// <summary>
    /// Every failed field with its error code (empty when valid). Amounts in fen, ratios in basis points (8000 = 80 %),
    /// disability shares grade 1 first. Whether the code is taken is for the caller to check.
    /// </summary>
    public static IReadOnlyList<(string Field, string Code)> Check(string? code, int? year, string? name, DateOnly? coverFrom, DateOnly? coverTo, DateOnly? covidFrom,
        IReadOnlyList<string> causes, long? sumInsuredFen, long? familySumInsuredFen, long? medicalDeductibleFen, int? medicalRatioBp, long? medicalCapFen,
        IReadOnlyList<int>? disabilityBp, long? perPersonCapFen)
    {
        var errors = new List<(string, string)>();
        var c = code?.Trim() ?? "";
        if (c.Length is 0 or > 40) errors.Add(("code", "scheme.code"));
        if (year is null or < 2000 or > 2100) errors.Add(("year", "scheme.year"));
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200) errors.Add(("name", "scheme.name"));
        if (coverFrom is null) errors.Add(("coverFrom", "scheme.period"));
        if (coverTo is null || (coverFrom is not null && coverTo < coverFrom)) errors.Add(("coverTo", "scheme.period"));
        if (causes.Count == 0 || causes.Any(x => !AccidentCauses.IsKnown(x))) errors.Add(("causes", "scheme.causes"));
        if (covidFrom is not null)
        {
            if (!causes.Contains(AccidentCauses.Covid19)) errors.Add(("covidFrom", "scheme.covidCause"));
            else if (coverTo is not null && covidFrom > coverTo) errors.Add(("covidFrom", "scheme.covidDate"));
        }
        if (sumInsuredFen is null or <= 0) errors.Add(("sumInsuredFen", "scheme.sumInsured"));
        if (familySumInsuredFen is < 0) errors.Add(("familySumInsuredFen", "scheme.familySumInsured"));
        if (medicalDeductibleFen is < 0) errors.Add(("medicalDeductibleFen", "scheme.medicalDeductible"));
        if (medicalRatioBp is null or < 0 or > 10_000) errors.Add(("medicalRatioBp", "scheme.medicalRatio"));
        if (medicalCapFen is < 0) errors.Add(("medicalCapFen", "scheme.medicalCap"));
        var grades = disabilityBp ?? [];
        if (grades.Count != 10 || grades.Any(b => b is < 0 or > 10_000) || grades.Zip(grades.Skip(1)).Any(p => p.Second > p.First))
            errors.Add(("disabilityBp", "scheme.disabilityGrades"));
        if (perPersonCapFen is null or <= 0) errors.Add(("perPersonCapFen", "scheme.perPersonCap"));
        return errors;
    }
}
