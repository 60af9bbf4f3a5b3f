namespace Gonghui.Platform.Indicators;

/// <summary>
/// The one way a source turns what its SQL counted into <see cref="IndicatorValue"/>s, so that "no records" reads the same in
/// every module: a figure over no matching records in the period and scope is flagged <see cref="NoData"/> (value 0), never a
/// silent zero; a zero over records that exist (an amount of 0 fen on paid records) is a real zero.
/// </summary>
public static class IndicatorValues
{
    /// <summary>The flag of a figure without any record behind it in the period and scope.</summary>
    public const string NoData = "no-data";

    /// <summary>A count of records (or people, firms…): zero means nothing was recorded.</summary>
    public static IndicatorValue Count(string key, long n) => new(key, n, n == 0 ? NoData : null);

    /// <summary>An amount in fen summed over <paramref name="records"/> records.</summary>
    public static IndicatorValue Amount(string key, long fen, long records) => new(key, records == 0 ? 0 : fen, records == 0 ? NoData : null);

    /// <summary>A rate (0..1, as the module's own formula gives it) in basis points, over <paramref name="denominator"/> records.</summary>
    public static IndicatorValue Rate(string key, double rate, long denominator) =>
        new(key, denominator == 0 ? 0 : (long)Math.Round(rate * 10_000, MidpointRounding.AwayFromZero), denominator == 0 ? NoData : null);
}
