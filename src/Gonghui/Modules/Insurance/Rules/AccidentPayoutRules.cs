using System.Globalization;

namespace Gonghui.Modules.Insurance;

/// <summary>The accident causes the platform knows; which of them a scheme covers is data on the scheme.</summary>
public static class AccidentCauses
{
    public const string Traffic = "traffic", Fall = "fall", StruckByObject = "struck", Burn = "burn", Drowning = "drowning",
        Animal = "animal", OffDutyWork = "off-duty-work", Sports = "sports", Violence = "violence", Covid19 = "covid-19", Other = "other";

    public static readonly IReadOnlyList<string> All = [Traffic, Fall, StruckByObject, Burn, Drowning, Animal, OffDutyWork, Sports, Violence, Covid19, Other];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code);

    public static string Format(IEnumerable<string> causes) => string.Join(";", causes);

    public static IReadOnlyList<string> Parse(string? text) =>
        (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}

/// <summary>
/// A scheme's payout schedule, from data: medical expenses reimbursed at a ratio above a deductible (capped per person),
/// disability by grade 1–10 as a share of the sum insured, death the sum insured (family members: their own sum insured),
/// and the total per person per scheme capped.
/// </summary>
public sealed record PayoutSchedule(
    long SumInsuredFen, long FamilySumInsuredFen, long MedicalDeductibleFen, int MedicalRatioBp, long MedicalCapFen,
    IReadOnlyList<int> DisabilityBp, long PerPersonCapFen)
{
    /// <summary>Grades as text, grade 1 first: "10000;9000;…;1000" (basis points of the sum insured).</summary>
    public static string FormatGrades(IEnumerable<int> bp) => string.Join(";", bp.Select(b => b.ToString(CultureInfo.InvariantCulture)));

    public static bool TryParseGrades(string? text, out List<int> bp)
    {
        bp = [];
        foreach (var part in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) return false;
            bp.Add(v);
        }
        return bp.Count == 10;
    }

    /// <summary>The error code of the first rule the schedule breaks, or null.</summary>
    public string? Validate()
    {
        if (SumInsuredFen <= 0) return "scheme.sumInsured";
        if (FamilySumInsuredFen < 0) return "scheme.familySumInsured";
        if (MedicalDeductibleFen < 0) return "scheme.medicalDeductible";
        if (MedicalRatioBp is < 0 or > 10_000) return "scheme.medicalRatio";
        if (MedicalCapFen < 0) return "scheme.medicalCap";
        if (DisabilityBp.Count != 10 || DisabilityBp.Any(b => b is < 0 or > 10_000)) return "scheme.disabilityGrades";
        for (var i = 1; i < DisabilityBp.Count; i++) if (DisabilityBp[i] > DisabilityBp[i - 1]) return "scheme.disabilityGrades";
        if (PerPersonCapFen <= 0) return "scheme.perPersonCap";
        return null;
    }
}

/// <summary>The scheme's terms the rule needs besides the schedule: the covered causes and the date COVID-19 counts as an accident from.</summary>
public sealed record SchemeTerms(IReadOnlyList<string> Causes, DateOnly? CovidFrom);

/// <summary>What happened: when, why, and the outcome (medical expenses, a disability grade, death).</summary>
public sealed record AccidentFacts(DateOnly AccidentOn, string Cause, long MedicalFen, int? DisabilityGrade, bool Death);

/// <summary>The insured person's cover and what was already granted to them in the scheme (approved or paid claims).</summary>
public sealed record InsuredPosition(DateOnly CoverFrom, DateOnly CoverTo, bool IsFamily, long GrantedFen, long MedicalGrantedFen, long SumInsuredUsedFen)
{
    public static InsuredPosition Fresh(DateOnly from, DateOnly to, bool family = false) => new(from, to, family, 0, 0, 0);
}

/// <summary>One line of a payout's explanation; localised at the edges from its code (Arg: a grade or a date).</summary>
public sealed record ExplanationLine(string Code, long AmountFen, long? BaseFen = null, int? RatioBp = null, string? Arg = null);

/// <summary>The payout: the amount, its medical and sum-insured parts, the explanation, and — when not covered — the refusal code.</summary>
public sealed record AccidentPayout(long AmountFen, long MedicalFen, long BenefitFen, IReadOnlyList<ExplanationLine> Lines, string? Refusal = null)
{
    public bool Covered => Refusal is null;
}

/// <summary>The accident-insurance payout (非工伤意外伤害险): a pure function of the schedule, the terms, the facts and the person's position.</summary>
public static class AccidentPayoutRules
{
    /// <summary>(field, error code) of the first problem with the facts as filed, or null.</summary>
    public static (string Field, string Code)? Validate(AccidentFacts f)
    {
        if (!AccidentCauses.IsKnown(f.Cause)) return ("cause", "claim.cause");
        if (f.MedicalFen < 0) return ("medicalFen", "claim.medical");
        if (f.DisabilityGrade is { } g && g is < 1 or > 10) return ("disabilityGrade", "claim.grade");
        if (f.Death && f.DisabilityGrade is not null) return ("disabilityGrade", "claim.deathWithDisability");
        if (f.MedicalFen == 0 && f.DisabilityGrade is null && !f.Death) return ("medicalFen", "claim.noOutcome");
        return null;
    }

    /// <summary>Whether the accident is covered at all: the cover period, the scheme's causes, COVID-19 from its date. Null when covered.</summary>
    public static ExplanationLine? Refusal(SchemeTerms terms, AccidentFacts f, InsuredPosition p)
    {
        if (f.AccidentOn < p.CoverFrom || f.AccidentOn > p.CoverTo)
            return new("refusal.notCovered", 0, Arg: $"{p.CoverFrom:yyyy-MM-dd} – {p.CoverTo:yyyy-MM-dd}");
        if (f.Cause == AccidentCauses.Covid19)
        {
            if (terms.CovidFrom is null || !terms.Causes.Contains(AccidentCauses.Covid19)) return new("refusal.covidNotCovered", 0);
            if (f.AccidentOn < terms.CovidFrom) return new("refusal.covidBeforeDate", 0, Arg: terms.CovidFrom.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            return null;
        }
        return terms.Causes.Contains(f.Cause) ? null : new("refusal.causeNotCovered", 0, Arg: f.Cause);
    }

    /// <summary>
    /// medical = (expenses − deductible, not below 0) × ratio, rounded down to the fen, capped at what is left of the person's medical cap;
    /// disability = sum insured × grade share; death = the sum insured; disability and death together never exceed the sum insured
    /// (what earlier claims used is deducted); the total is capped at what is left of the per-person cap, cutting the sum-insured part first.
    /// </summary>
    public static AccidentPayout Compute(PayoutSchedule s, SchemeTerms terms, AccidentFacts f, InsuredPosition p)
    {
        if (Refusal(terms, f, p) is { } refusal) return new(0, 0, 0, [refusal, new("payout.total", 0)], refusal.Code);
        var sumInsured = p.IsFamily ? s.FamilySumInsuredFen : s.SumInsuredFen;
        if (sumInsured <= 0 && p.IsFamily) { var r = new ExplanationLine("refusal.familyNotCovered", 0); return new(0, 0, 0, [r, new("payout.total", 0)], r.Code); }
        var lines = new List<ExplanationLine>();

        long medical = 0;
        if (f.MedicalFen > 0)
        {
            lines.Add(new("payout.medicalExpenses", f.MedicalFen));
            var deductible = Math.Min(s.MedicalDeductibleFen, f.MedicalFen);
            if (s.MedicalDeductibleFen > 0) lines.Add(new("payout.medicalDeductible", -deductible, s.MedicalDeductibleFen));
            var baseFen = f.MedicalFen - deductible;
            medical = checked(baseFen * s.MedicalRatioBp) / 10_000;
            lines.Add(new("payout.medicalRatio", medical, baseFen, s.MedicalRatioBp));
            var left = Math.Max(0, s.MedicalCapFen - Math.Max(0, p.MedicalGrantedFen));
            if (medical > left)
            {
                lines.Add(new("payout.medicalCap", left - medical, left, Arg: s.MedicalCapFen.ToString(CultureInfo.InvariantCulture)));
                medical = left;
            }
        }

        long benefit = 0;
        if (f.DisabilityGrade is { } grade)
        {
            var bp = s.DisabilityBp[grade - 1];
            benefit = checked(sumInsured * bp) / 10_000;
            lines.Add(new("payout.disability", benefit, sumInsured, bp, grade.ToString(CultureInfo.InvariantCulture)));
        }
        else if (f.Death)
        {
            benefit = sumInsured;
            lines.Add(new("payout.death", benefit, sumInsured));
        }
        if (benefit > 0)
        {
            var left = Math.Max(0, sumInsured - Math.Max(0, p.SumInsuredUsedFen));
            if (benefit > left)
            {
                lines.Add(new("payout.sumInsuredUsed", left - benefit, p.SumInsuredUsedFen));
                benefit = left;
            }
        }

        var total = medical + benefit;
        var capLeft = Math.Max(0, s.PerPersonCapFen - Math.Max(0, p.GrantedFen));
        if (total > capLeft)
        {
            lines.Add(new("payout.personCap", capLeft - total, p.GrantedFen, Arg: s.PerPersonCapFen.ToString(CultureInfo.InvariantCulture)));
            var cut = total - capLeft;
            var fromBenefit = Math.Min(cut, benefit);
            benefit -= fromBenefit;
            medical -= cut - fromBenefit;
            total = capLeft;
        }
        lines.Add(new("payout.total", total));
        return new(total, medical, benefit, lines);
    }

    /// <summary>The 2020 schedule: 200,000 yuan sum insured (family 100,000), medical 80 % above 100 yuan up to 23,200 yuan, total 223,200 yuan per person.</summary>
    public static PayoutSchedule Schedule2020 { get; } = new(
        SumInsuredFen: 200_000_00, FamilySumInsuredFen: 100_000_00, MedicalDeductibleFen: 100_00, MedicalRatioBp: 8000, MedicalCapFen: 23_200_00,
        DisabilityBp: [10000, 9000, 8000, 7000, 6000, 5000, 4000, 3000, 2000, 1000], PerPersonCapFen: 223_200_00);
}
