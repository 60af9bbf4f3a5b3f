using Gonghui.Modules.Organizations.Enterprises;

namespace Gonghui.Modules.FeeRefunds;

/// <summary>A refund policy as data: which fee years, which size classes, what share (basis points) is refunded.</summary>
public sealed record RefundPolicyRules(int FromYear, int ToYear, IReadOnlyCollection<SizeClass> Classes, int ShareBp)
{
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
        return new RefundDue(year, amount, true, lines);
    }

    private static RefundDue Refuse(int year, List<RefundLine> lines, RefundLine why)
    {
        lines.Add(why);
        return new RefundDue(year, 0, false, lines);
    }
}
