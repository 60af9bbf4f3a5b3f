using System.Globalization;

namespace Gonghui.Platform.Money;

/// <summary>Ratios as integer basis points (1/10,000), entered and shown as percents with at most two decimals — never through floating point.</summary>
public static class BasisPoints
{
    /// <summary>"50", "62.5", "62.55" or "60%" → basis points (5000, 6250, 6255, 6000); more than two decimals or a sign is refused.</summary>
    public static bool TryParsePercent(string? s, out int bp)
    {
        bp = 0;
        var t = (s ?? "").Trim().TrimEnd('%', '％').Trim();
        if (t.Length == 0 || t.Length > 9) return false;
        var parts = t.Split('.');
        if (parts.Length > 2 || parts[0].Length is 0 or > 7 || !parts[0].All(char.IsAsciiDigit)) return false; // up to 9,999,999.99%: fits an int
        var frac = parts.Length == 2 ? parts[1] : "";
        if (frac.Length > 2 || (parts.Length == 2 && frac.Length == 0) || !frac.All(char.IsAsciiDigit)) return false;
        bp = int.Parse(parts[0], CultureInfo.InvariantCulture) * 100 + (frac.Length == 0 ? 0 : int.Parse(frac.PadRight(2, '0'), CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>Basis points as percent text without the sign: 6250 → "62.5".</summary>
    public static string FormatPercent(int bp) => (bp / 100m).ToString("0.##", CultureInfo.InvariantCulture);
}
