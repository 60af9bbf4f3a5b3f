using Microsoft.Extensions.Configuration;

namespace Gonghui.Platform.Money;

/// <summary>What the four-eyes rule says about one payment.</summary>
public enum FourEyesVerdict
{
    /// <summary>At or below the threshold, or approved by someone other than the payer.</summary>
    Ok,
    /// <summary>Above the threshold and no approver is recorded (or no payer is known): nobody vouches for it.</summary>
    NeedsSecondApprover,
    /// <summary>Above the threshold and the payer is the person who approved it.</summary>
    SamePerson,
}

/// <summary>
/// The four-eyes rule for paying money out, in one place: a payment strictly above the threshold
/// (<see cref="ConfigKey"/>, default 50,000 yuan) must be paid by someone other than the person who approved it.
/// Account names compare trimmed and case-insensitively.
/// </summary>
public static class FourEyes
{
    public const string ConfigKey = "Gonghui:Payments:SecondApproverAboveFen";
    public const long DefaultThresholdFen = 5_000_000;
    /// <summary>The stable problem-details code of a refused payment (409).</summary>
    public const string Code = "payment.secondApproverRequired";

    public static FourEyesVerdict Check(long amountFen, long thresholdFen, string? firstApprover, string? payer)
    {
        if (amountFen <= thresholdFen) return FourEyesVerdict.Ok;
        if (string.IsNullOrWhiteSpace(firstApprover) || string.IsNullOrWhiteSpace(payer)) return FourEyesVerdict.NeedsSecondApprover;
        return string.Equals(firstApprover.Trim(), payer.Trim(), StringComparison.OrdinalIgnoreCase) ? FourEyesVerdict.SamePerson : FourEyesVerdict.Ok;
    }

    /// <summary>True when the payment may go ahead.</summary>
    public static bool Allows(long amountFen, long thresholdFen, string? firstApprover, string? payer) =>
        Check(amountFen, thresholdFen, firstApprover, payer) == FourEyesVerdict.Ok;

    /// <summary>The configured threshold in fen (default 5,000,000 = 50,000 yuan); a negative value is a configuration error.</summary>
    public static long ThresholdFen(IConfiguration config)
    {
        var v = config.GetValue<long?>(ConfigKey) ?? DefaultThresholdFen;
        if (v < 0) throw new InvalidOperationException($"{ConfigKey} must be 0 or more fen (got {v}).");
        return v;
    }
}
