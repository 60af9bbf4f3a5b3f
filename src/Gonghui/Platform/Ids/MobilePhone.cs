namespace Gonghui.Platform.Ids;

/// <summary>Mainland China mobile numbers: 11 digits starting 13–19; +86 and separators accepted.</summary>
public static class MobilePhone
{
    public static bool TryParse(string? input, out string normalized)
    {
        var digits = new string((input ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 13 && digits.StartsWith("86")) digits = digits[2..];
        normalized = digits;
        return digits.Length == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9';
    }

    public static string Mask(string phone) => phone.Length == 11 ? string.Concat(phone.AsSpan(0, 3), "****", phone.AsSpan(7, 4)) : "****";
}
