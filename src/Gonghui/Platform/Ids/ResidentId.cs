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

    /// <summary><see cref="Provinces"/> by number (00–99): looked up without a substring per ID (bulk imports check millions).</summary>
    private static readonly bool[] ProvinceByNumber = Enumerable.Range(0, 100).Select(i => Provinces.Contains(i.ToString("00", CultureInfo.InvariantCulture))).ToArray();

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
        if (!ProvinceByNumber[(s[0] - '0') * 10 + s[1] - '0'] || s.AsSpan(2, 4).SequenceEqual("0000")) { error = "id.region"; return false; }
        if (!TryBirthDate(s, out var birth) || birth > BeijingTime.Today(TimeProvider.System)) { error = "id.birthdate"; return false; }
        if (CheckCharacter(s) != s[17]) { error = "id.checksum"; return false; }
        info = new ResidentIdInfo(s, birth, (s[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female);
        error = "";
        return true;
    }

    /// <summary>
    /// The birth date at positions 6–13 (yyyyMMdd, ASCII digits already checked) from 1900 on: what
    /// <c>DateOnly.TryParseExact(…, "yyyyMMdd")</c> and a year of at least 1900 accept, without the general parser.
    /// </summary>
    private static bool TryBirthDate(string s, out DateOnly birth)
    {
        birth = default;
        var y = (s[6] - '0') * 1000 + (s[7] - '0') * 100 + (s[8] - '0') * 10 + (s[9] - '0');
        var m = (s[10] - '0') * 10 + (s[11] - '0');
        var d = (s[12] - '0') * 10 + (s[13] - '0');
        if (y < 1900 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        birth = new DateOnly(y, m, d);
        return true;
    }

    public static bool IsValid(string? input) => TryParse(input, out _, out _);

    /// <summary>110101********123X: region kept, birth date and sequence hidden.</summary>
    public static string Mask(string id) => id.Length == 18 ? string.Concat(id.AsSpan(0, 6), "********", id.AsSpan(14, 4)) : "******";
}

public enum Sex { Unknown = 0, Male = 1, Female = 2 }

public readonly record struct ResidentIdInfo(string Number, DateOnly BirthDate, Sex Sex);
