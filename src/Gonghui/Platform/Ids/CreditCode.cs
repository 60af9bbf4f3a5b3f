using System.Collections.Frozen;

namespace Gonghui.Platform.Ids;

/// <summary>Unified social credit codes (统一社会信用代码) per GB 32100-2015, checked in full: registration authority and
/// institution type (the standard's table), the GB/T 2260 administrative-division code (data/gb2260.txt), the embedded
/// GB 11714 organisation code with its MOD 11 check character, and the final MOD 31 check character.</summary>
/// <remarks>Error codes are stable: creditcode.length, .chars, .authority, .type, .region, .organization, .checksum.</remarks>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private static readonly int[] OrganizationWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>GB 32100-2015 table 1 (with its amendments): registration authority → institution types it issues.</summary>
    private static readonly FrozenDictionary<char, string> Types = new Dictionary<char, string>
    {
        ['1'] = "1239", // 机构编制: 机关, 事业单位, 中央编办直接管理机构编制的群众团体, 其他
        ['2'] = "19",   // 外交: 外国常驻新闻机构, 其他
        ['3'] = "123459", // 司法行政: 律师执业机构, 公证处, 基层法律服务所, 司法鉴定机构, 仲裁委员会, 其他
        ['4'] = "19",   // 文化: 外国在华文化中心, 其他
        ['5'] = "1239", // 民政: 社会团体, 民办非企业单位, 基金会, 其他
        ['6'] = "129",  // 旅游: 外国及港澳台旅游部门常驻代表机构, 其他
        ['7'] = "129",  // 宗教: 宗教活动场所, 宗教院校, 其他
        ['8'] = "19",   // 工会: 基层工会, 其他
        ['9'] = "123",  // 工商: 企业, 个体工商户, 农民专业合作社
        ['A'] = "19",   // 中央军委改革和编制办公室: 军队事业单位, 其他
        ['N'] = "1239", // 农业: 组级, 村级, 乡镇级集体经济组织, 其他
        ['Y'] = "1",    // 其他
    }.ToFrozenDictionary();

    private static readonly Lazy<FrozenDictionary<string, string>> Regions = new(LoadRegions);

    /// <summary>The final (18th) character over the first 17.</summary>
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

    /// <summary>GB 11714 check character of an organisation code's first 8 characters (digits 0–9, letters A=10 … Z=35).</summary>
    public static char OrganizationCheckCharacter(ReadOnlySpan<char> first8)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var ch = first8[i];
            var v = char.IsAsciiDigit(ch) ? ch - '0' : char.IsAsciiLetterUpper(ch) ? ch - 'A' + 10 : -1;
            if (v < 0) return '?';
            sum += v * OrganizationWeights[i];
        }
        var c = 11 - sum % 11;
        return c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
    }

    /// <summary>Builds a valid code from its parts, computing both check characters: e.g. ("91", "110101", "MA01ABCD").</summary>
    public static string Compose(string authorityAndType, string region, string organizationBody8)
    {
        if (authorityAndType.Length != 2 || region.Length != 6 || organizationBody8.Length != 8)
            throw new ArgumentException("2 + 6 + 8 characters expected");
        Span<char> c = stackalloc char[18];
        authorityAndType.AsSpan().CopyTo(c);
        region.AsSpan().CopyTo(c[2..]);
        organizationBody8.AsSpan().CopyTo(c[8..]);
        c[16] = OrganizationCheckCharacter(c[8..16]);
        c[17] = CheckCharacter(c);
        return new string(c);
    }

    /// <summary>True if the six digits are an administrative-division code in the shipped GB/T 2260 list.</summary>
    public static bool IsRegion(string code) => Regions.Value.ContainsKey(code);

    /// <summary>The division's name in the GB/T 2260 list, or null.</summary>
    public static string? RegionName(string code) => Regions.Value.GetValueOrDefault(code);

    public static bool TryParse(string? input, out string normalized, out string error)
    {
        normalized = (input ?? "").Trim().ToUpperInvariant();
        error = Check(normalized);
        return error.Length == 0;
    }

    public static bool IsValid(string? input) => TryParse(input, out _, out _);

    private static string Check(string s)
    {
        if (s.Length != 18) return "creditcode.length";
        foreach (var ch in s)
            if (Alphabet.IndexOf(ch) < 0) return "creditcode.chars";
        if (!Types.TryGetValue(s[0], out var types)) return "creditcode.authority";
        if (!types.Contains(s[1])) return "creditcode.type";
        for (var i = 2; i < 8; i++)
            if (!char.IsAsciiDigit(s[i])) return "creditcode.region";
        if (!IsRegion(s[2..8])) return "creditcode.region";
        if (OrganizationCheckCharacter(s.AsSpan(8, 8)) != s[16]) return "creditcode.organization";
        if (CheckCharacter(s) != s[17]) return "creditcode.checksum";
        return "";
    }

    private static FrozenDictionary<string, string> LoadRegions()
    {
        using var stream = typeof(CreditCode).Assembly.GetManifestResourceStream("Ids.gb2260.txt")
            ?? throw new InvalidOperationException("GB/T 2260 list not embedded");
        using var reader = new StreamReader(stream);
        var map = new Dictionary<string, string>(4000, StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length < 8 || line[0] == '#') continue;
            map[line[..6]] = line[7..];
        }
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
