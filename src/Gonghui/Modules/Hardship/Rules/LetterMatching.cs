using System.Text;

namespace Gonghui.Modules.Hardship.Rules;

/// <summary>An application a bulk-uploaded admission letter may belong to: its household's file number, the child's name and
/// the last four characters of the child's ID number (as the masked number shows them).</summary>
public sealed record LetterCandidate(Guid ApplicationId, string FileNo, string ChildName, string IdTail);

/// <summary>
/// Which application a bulk-uploaded admission letter belongs to, from its file name alone (docs/hardship.md, "Admission letters
/// in bulk"): the name carries the file number (档案编号, e.g. KN2026-1A2B3C4D5E6F) and/or the child's name, and optionally the
/// last four characters of the child's ID number. A name that fits no application, or several, is not matched: the staff rename
/// it rather than the system guess.
/// </summary>
public static class LetterMatching
{
    public const string NoMatch = "letters.noMatch";
    public const string Ambiguous = "letters.ambiguous";
    public const string SecondForSameApplication = "letters.duplicate";

    /// <summary>The one application <paramref name="fileName"/> names, or the code that says why there is none.</summary>
    public static (LetterCandidate? Match, string? Code) Match(string fileName, IReadOnlyList<LetterCandidate> candidates)
    {
        var stem = Stem(fileName);
        bool Has(string s) => s.Length > 0 && stem.Contains(Fold(s), StringComparison.Ordinal);
        var byFile = candidates.Where(c => Has(c.FileNo)).ToList();
        var byName = Longest(candidates.Where(c => Has(c.ChildName)).ToList());
        List<LetterCandidate> hits;
        if (byFile.Count > 0)
        {
            // A household may have two children in the campaign: the name tells them apart.
            var both = byFile.Intersect(byName).ToList();
            hits = both.Count > 0 ? both : byFile;
        }
        else
        {
            // Two children of the same name: the ID-number tail tells them apart.
            var byTail = byName.Where(c => c.IdTail.Length == 4 && Has(c.IdTail)).ToList();
            hits = byTail.Count > 0 ? byTail : byName;
        }
        return hits.Count switch
        {
            1 => (hits[0], null),
            0 => (null, NoMatch),
            _ => (null, Ambiguous),
        };
    }

    /// <summary>The name without folders and extension, full-width letters and digits folded to ASCII, upper case.</summary>
    public static string Stem(string fileName)
    {
        var name = fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..];
        var dot = name.LastIndexOf('.');
        return Fold(dot > 0 ? name[..dot] : name);
    }

    private static string Fold(string s) => s.Normalize(NormalizationForm.FormKC).ToUpperInvariant();

    // "王小" is inside "王小明": a file named for 王小明 is not also one for 王小.
    private static List<LetterCandidate> Longest(List<LetterCandidate> named) =>
        named.Where(c => !named.Any(o => o.ChildName.Length > c.ChildName.Length && o.ChildName.Contains(c.ChildName, StringComparison.Ordinal))).ToList();
}
