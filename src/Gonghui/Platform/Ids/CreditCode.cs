namespace Gonghui.Platform.Ids;

/// <summary>Unified social credit codes (统一社会信用代码) per GB 32100-2015: 18 characters with a MOD 31 check character.</summary>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = Alphabet.IndexOf(first17[i]);
            if (v < 0) return '?';
            sum += v * Weights[i];
        }
        var c = 31 - sum % 31;
        return Alphabet[c == 31 ? 0 : c];
    }

    public static bool TryParse(string? input, out string normalized, out string error)
    {
        normalized = (input ?? "").Trim().ToUpperInvariant();
        if (normalized.Length != 18) { error = "creditcode.length"; return false; }
        foreach (var ch in normalized)
            if (Alphabet.IndexOf(ch) < 0) { error = "creditcode.chars"; return false; }
        for (var i = 2; i < 8; i++)
            if (!char.IsAsciiDigit(normalized[i])) { error = "creditcode.region"; return false; }
        if (CheckCharacter(normalized) != normalized[17]) { error = "creditcode.checksum"; return false; }
        error = "";
        return true;
    }

    public static bool IsValid(string? input) => TryParse(input, out _, out _);
}
