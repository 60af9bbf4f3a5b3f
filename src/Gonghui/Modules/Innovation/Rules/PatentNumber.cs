namespace Gonghui.Modules.Innovation.Rules;

/// <summary>The kind of a Chinese patent application (5th digit of a 12-digit number, 3rd of an 8-digit one).</summary>
public enum PatentKind { Invention = 1, UtilityModel = 2, Design = 3, PctInvention = 8, PctUtilityModel = 9 }

/// <summary>A CNIPA application / patent number (专利申请号 / 专利号 "ZL…"), parsed and checked.</summary>
public sealed record PatentNumber(string Digits, char Check, int ApplicationYear, PatentKind Kind)
{
    /// <summary>The canonical form stored and shown: the digits, a dot, the check character ("201710601862.3").</summary>
    public string Canonical => $"{Digits}.{Check}";

    public bool IsInvention => Kind is PatentKind.Invention or PatentKind.PctInvention;

    /// <summary>
    /// The check character of CNIPA application numbers: the digits multiplied in turn by 2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5
    /// (the weights repeat after 9), summed, modulo 11; a remainder of 10 is written "X". The same rule serves the 8-digit
    /// numbers used before 2004 (weights 2 to 9).
    /// </summary>
    public static char CheckCharacter(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++) sum += (digits[i] - '0') * (2 + i % 8);
        var r = sum % 11;
        return r == 10 ? 'X' : (char)('0' + r);
    }

    public const string FormatCode = "patent.number.format";
    public const string CheckCode = "patent.number.checkDigit";
    public const string KindCode = "patent.number.kind";

    /// <summary>
    /// Parses "ZL201710601862.3", "CN 2017 1 0601862.3", "201710601862.3", "2017106018623" or an 8-digit pre-2004 number
    /// ("ZL88201465.X"): an optional ZL/CN prefix, spaces and the dot are ignored. Null and an error code when it is not a
    /// number of that shape (format), its check character is wrong (checkDigit) or its kind digit is unknown (kind).
    /// </summary>
    public static PatentNumber? Parse(string? text, out string? error)
    {
        error = FormatCode;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40) return null;
        Span<char> buf = stackalloc char[40];
        var n = 0;
        var s = text.Trim().ToUpperInvariant();
        if (s.StartsWith("ZL", StringComparison.Ordinal) || s.StartsWith("CN", StringComparison.Ordinal)) s = s[2..];
        foreach (var c in s)
        {
            if (c is ' ' or '.' or '\u00B7' or '\u3002') continue; // the dot may be typed as a middle dot or a full-width stop
            if (!char.IsAsciiDigit(c) && c != 'X') return null;
            buf[n++] = c;
        }
        if (n is not (13 or 9)) return null;
        var digits = buf[..(n - 1)];
        foreach (var c in digits) if (!char.IsAsciiDigit(c)) return null;
        var check = buf[n - 1];
        if (CheckCharacter(digits) != check) { error = CheckCode; return null; }
        int year, kindDigit;
        if (n == 13) { year = int.Parse(digits[..4]); kindDigit = digits[4] - '0'; }
        else { var yy = int.Parse(digits[..2]); year = yy >= 85 ? 1900 + yy : 2000 + yy; kindDigit = digits[2] - '0'; }
        if (!Enum.IsDefined((PatentKind)kindDigit) || year < 1985) { error = KindCode; return null; }
        error = null;
        return new PatentNumber(new string(digits), check, year, (PatentKind)kindDigit);
    }
}
