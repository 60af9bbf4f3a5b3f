using System.Globalization;
using Gonghui.Platform.Time;

namespace Gonghui.Platform.Ids;

/// <summary>Resident ID numbers (居民身份证号) per GB 11643-1999: region, birth date and ISO 7064 MOD 11-2 check character.</summary>
public static class ResidentId
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    // Province-level prefixes of GB/T 2260 (mainland, plus 71/81/82 used on ID cards for Taiwan, HK, Macao residents).
    private static readonly HashSet<string> Provinces =
    [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
        "71", "81", "82", "83",
    ];

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckChars[sum % 11];
    }

    /// <summary>Validates and normalises (upper-case X). Returns null with the reason on failure.</summary>
    public static bool TryParse(string? input, out ResidentIdInfo info, out string error)
    {
        info = default;
        var s = (input ?? "").Trim().ToUpperInvariant();
        if (s.Length != 18) { error = "id.length"; return false; }
        for (var i = 0; i < 17; i++)
            if (!char.IsAsciiDigit(s[i])) { error = "id.digits"; return false; }
        if (!char.IsAsciiDigit(s[17]) && s[17] != 'X') { error = "id.digits"; return false; }
        if (!Provinces.Contains(s[..2]) || s.AsSpan(2, 4).SequenceEqual("0000")) { error = "id.region"; return false; }
        if (!DateOnly.TryParseExact(s.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1900 || birth > BeijingTime.Today(TimeProvider.System))
        { error = "id.birthdate"; return false; }
        if (CheckCharacter(s) != s[17]) { error = "id.checksum"; return false; }
        info = new ResidentIdInfo(s, birth, (s[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female);
        error = "";
        return true;
    }

    public static bool IsValid(string? input) => TryParse(input, out _, out _);

    /// <summary>110101********123X: region kept, birth date and sequence hidden.</summary>
    public static string Mask(string id) => id.Length == 18 ? string.Concat(id.AsSpan(0, 6), "********", id.AsSpan(14, 4)) : "******";
}

public enum Sex { Unknown = 0, Male = 1, Female = 2 }

public readonly record struct ResidentIdInfo(string Number, DateOnly BirthDate, Sex Sex);
