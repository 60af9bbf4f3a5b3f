using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Modules.FeeRefunds.Rules;

/// <summary>A refund policy as data: which fee years, which size classes, what share (basis points) is refunded, and the most one firm gets back for one year (null: no cap).</summary>
public sealed record RefundPolicyRules(int FromYear, int ToYear, IReadOnlyCollection<SizeClass> Classes, int ShareBp, long? CapFen = null)
{
    public const int MinYear = 2000, MaxYear = 2100, MaxYears = 10, MaxNameLength = 200, MaxCodeLength = 40, MaxReasonLength = 500;
    /// <summary>The domain maximum of any amount of money (10^12 fen).</summary>
    public const long MaxFen = 1_000_000_000_000;

    /// <summary>Checks a policy as entered; (field, stable code) for each problem, empty when it is valid.</summary>
    public static List<(string Field, string Code)> Check(string? name, int? fromYear, int? toYear, IReadOnlyCollection<SizeClass>? classes, int? shareBp, long? capFen)
    {
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength) errors.Add(("name", "policy.name"));
        if (fromYear is null or < MinYear or > MaxYear) errors.Add(("fromYear", "policy.year"));
        if (toYear is null or < MinYear or > MaxYear) errors.Add(("toYear", "policy.year"));
        else if (fromYear is { } f and >= MinYear and <= MaxYear && (toYear < f || toYear - f >= MaxYears)) errors.Add(("toYear", "policy.years"));
        if (classes is null || classes.Count == 0 || classes.Any(c => !Enum.IsDefined(c))) errors.Add(("classes", "policy.classes"));
        if (shareBp is null or < 1 or > 10_000) errors.Add(("shareBp", "policy.share"));
        if (capFen is < 1 or > MaxFen) errors.Add(("capFen", "policy.cap"));
        return errors;
    }

    /// <summary>A policy code: 1–40 of A–Z, 0–9 and '-'.</summary>
    public static bool IsValidCode(string? code) =>
        code is { Length: > 0 and <= MaxCodeLength } && code.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-');

    public static string FormatClasses(IEnumerable<SizeClass> c) => string.Join(",", c.Order());
    public static IReadOnlyCollection<SizeClass> ParseClasses(string s) =>
        s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Enum.Parse<SizeClass>).ToHashSet();
}

/// <summary>One line of a refund's explanation; codes are localised at the edge.</summary>
public sealed record RefundLine(string Code, long AmountFen, SizeClass? Class = null, SizeClass? OtherClass = null);

/// <summary>What is due for one firm and fee year, and why.</summary>
public sealed record RefundDue(int Year, long AmountFen, bool Eligible, IReadOnlyList<RefundLine> Lines);

/// <summary>Union fees (2% of payroll) and their refund to small and micro firms: pure functions.</summary>
public static class RefundRules
{
    public const int FeeRateBp = 200; // 2%

    /// <summary>The union fee for a payroll: 2%, rounded half up to the fen.</summary>
    public static long FeeFor(long payrollFen) => payrollFen <= 0 ? 0 : (checked(payrollFen * FeeRateBp) + 5_000) / 10_000;

    /// <summary>
    /// The size class that decides is the one recorded for the fee year (from the fee-collection records) when known,
    /// else the registry's current class; a difference is explained.
    /// </summary>
    public static RefundDue Compute(RefundPolicyRules policy, int year, long feeFen, SizeClass? recordedClass, SizeClass registryClass)
    {
        var lines = new List<RefundLine> { new("refund.fee", feeFen) };
        var decisive = recordedClass ?? registryClass;
        if (recordedClass is { } rc && rc != registryClass) lines.Add(new("refund.sizeChanged", 0, rc, registryClass));
        if (year < policy.FromYear || year > policy.ToYear) return Refuse(year, lines, new("refund.yearNotCovered", 0));
        if (!policy.Classes.Contains(decisive)) return Refuse(year, lines, new("refund.sizeNotEligible", 0, decisive));
        if (feeFen <= 0) return Refuse(year, lines, new("refund.noFee", 0));
        var amount = checked(feeFen * policy.ShareBp) / 10_000;
        lines.Add(new("refund.share", amount, decisive));
        if (policy.CapFen is { } cap && amount > cap)
        {
            amount = cap;
            lines.Add(new("refund.cap", cap));
        }
        return new RefundDue(year, amount, true, lines);
    }

    private static RefundDue Refuse(int year, List<RefundLine> lines, RefundLine why)
    {
        lines.Add(why);
        return new RefundDue(year, 0, false, lines);
    }
}
