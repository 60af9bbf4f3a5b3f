using System.Text.RegularExpressions;
using UglyToad.PdfPig;

namespace Gonghui.Tests.Infrastructure;

/// <summary>A PDF's text layer as a reader extracts it (PdfPig), and the check that it names ideographs, not radicals.</summary>
public static partial class PdfText
{
    [GeneratedRegex(@"\s+")] private static partial Regex Space();

    /// <summary>The text of every page, without white space (a PDF places words, it does not store spaces reliably).</summary>
    public static string Of(byte[] pdf)
    {
        using var doc = PdfDocument.Open(pdf);
        return Space().Replace(string.Concat(doc.GetPages().Select(p => p.Text)), "");
    }

    /// <summary>
    /// Fails on any code point of the CJK radical blocks (U+2E80–U+2FDF): Chromium's PDF names the glyph that Noto CJK
    /// shares between 工 and ⼯ U+2F2F by the radical, so a search for "工会" in the file would miss (PdfTextLayer repairs it).
    /// </summary>
    public static void AssertNoRadicals(string text)
    {
        var radicals = text.EnumerateRunes().Where(r => r.Value is >= 0x2E80 and <= 0x2FDF).Select(r => $"U+{r.Value:X4} {r}").Distinct().ToList();
        Assert.True(radicals.Count == 0, "radicals in the PDF's text layer: " + string.Join(", ", radicals));
    }
}
