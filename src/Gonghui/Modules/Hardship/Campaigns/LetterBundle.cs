using System.IO.Compression;
using System.Text;
using Gonghui.Modules.Hardship.Files;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Platform.Http;

namespace Gonghui.Modules.Hardship.Campaigns;

/// <summary>One admission letter of a bulk upload: its name (as in the zip, folders included), declared type and bytes.</summary>
public sealed record LetterUpload(string Name, string ContentType, byte[] Content);

/// <summary>
/// The admission letters of one bulk upload: several files at once and/or zips of them, unpacked with limits that a zip bomb
/// cannot get past (at most <see cref="MaxFiles"/> files and <see cref="MaxTotalBytes"/> unpacked in all; each entry is read to
/// one byte past the per-file limit and no further, whatever its header claims). A zip that is not a zip, or an upload over a
/// limit, is refused whole (400 naming <c>files</c>) before anything is written.
/// </summary>
public static class LetterBundle
{
    public const int MaxFiles = 200;
    public const long MaxTotalBytes = 50L * 1024 * 1024;
    public const string NotAZip = "letters.notAZip";
    public const string TooManyFiles = "letters.tooManyFiles";
    public const string TooLargeInAll = "letters.tooLargeInAll";

    // Zips made by Windows' "send to compressed folder" on a Chinese system name their entries in GBK without the UTF-8 flag;
    // entries flagged UTF-8 (macOS, 7-Zip, .NET) are read as UTF-8 whatever this says.
    private static readonly Encoding EntryNames = ChineseEntryNames();

    private static Encoding ChineseEntryNames()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    public static async Task<Outcome<List<LetterUpload>>> ReadAsync(IReadOnlyList<IFormFile> parts, long maxBytesPerFile, CancellationToken ct)
    {
        if (parts.Count == 0) return Outcome<List<LetterUpload>>.Invalid("files", DocumentRules.Empty);
        var letters = new List<LetterUpload>();
        long total = 0;
        foreach (var part in parts)
        {
            if (!IsZip(part))
            {
                if (letters.Count + 1 > MaxFiles) return Outcome<List<LetterUpload>>.Invalid("files", TooManyFiles);
                var bytes = await FileDocuments.ReadUploadAsync(part, maxBytesPerFile, ct);
                if ((total += bytes.Length) > MaxTotalBytes) return Outcome<List<LetterUpload>>.Invalid("files", TooLargeInAll);
                var declared = string.IsNullOrEmpty(part.ContentType) || part.ContentType == "application/octet-stream" ? TypeOf(part.FileName) : part.ContentType;
                letters.Add(new LetterUpload(part.FileName, declared, bytes));
                continue;
            }
            if (part.Length > MaxTotalBytes) return Outcome<List<LetterUpload>>.Invalid("files", TooLargeInAll);
            try
            {
                await using var stream = part.OpenReadStream();
                using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false, EntryNames);
                var entries = zip.Entries.Where(e => !IsFolderOrJunk(e.FullName)).ToList();
                if (letters.Count + entries.Count > MaxFiles) return Outcome<List<LetterUpload>>.Invalid("files", TooManyFiles);
                foreach (var e in entries)
                {
                    await using var entry = e.Open();
                    var bytes = await FileDocuments.ReadBoundedAsync(entry, maxBytesPerFile, ct);
                    if ((total += bytes.Length) > MaxTotalBytes) return Outcome<List<LetterUpload>>.Invalid("files", TooLargeInAll);
                    letters.Add(new LetterUpload(e.FullName, TypeOf(e.Name), bytes));
                }
            }
            // A file too short to hold a zip's directory makes the reader seek before its start (ArgumentOutOfRange on an
            // upload's stream, IOException on others); a damaged one throws InvalidData; an encrypted or unknown method NotSupported.
            catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or NotSupportedException)
            {
                return Outcome<List<LetterUpload>>.Invalid("files", NotAZip);
            }
        }
        return Outcome<List<LetterUpload>>.Ok(letters);
    }

    private static bool IsZip(IFormFile part) =>
        part.FileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
        || part.ContentType is "application/zip" or "application/x-zip-compressed" or "application/x-zip";

    // Folders, and what archivers add beside the files (macOS resource forks, Finder and Explorer metadata).
    private static bool IsFolderOrJunk(string path) =>
        path.EndsWith('/') || path.EndsWith('\\') || path.StartsWith("__MACOSX/", StringComparison.Ordinal)
        || Path.GetFileName(path) is ".DS_Store" or "Thumbs.db" or "desktop.ini";

    /// <summary>The type a letter's name declares; the content is then sniffed against it (<see cref="DocumentRules.Check"/>).</summary>
    private static string TypeOf(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".pdf" => "application/pdf",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };
}
