using System.Text.RegularExpressions;

namespace Gonghui.Modules.Hotline.Rules;

public enum LinkKind { HardshipFile = 0, MutualAidClaim = 1, LegalAidCase = 2 }

/// <summary>
/// Links from a request to records elsewhere. Hardship files and mutual-aid claims are looked up in their modules;
/// legal aid is not built yet, so a legal-aid case is an external reference checked by its format only:
/// the usual case number "(年份)京[简称]法援[类]字第N号", e.g. "(2020)京朝法援民字第123号".
/// </summary>
public static partial class LinkRules
{
    public const string BadLegalAidNumber = "link.badLegalAidNumber";

    [GeneratedRegex(@"^\((19|20)\d{2}\)京[\u4e00-\u9fff]{1,4}法援[\u4e00-\u9fff]{0,2}字第\d{1,6}号$")]
    private static partial Regex LegalAid();

    /// <summary>The case number with full-width brackets made ASCII and spaces removed, or null when it is not one.</summary>
    public static string? NormaliseLegalAid(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference)) return null;
        var s = new string(reference.Where(c => !char.IsWhiteSpace(c)).ToArray()).Replace('（', '(').Replace('）', ')').Replace('〔', '(').Replace('〕', ')').Replace('[', '(').Replace(']', ')');
        return LegalAid().IsMatch(s) ? s : null;
    }
}
