using System.IO.Compression;

namespace Gonghui.Modules.Hotline.Rules;

/// <summary>Limits on attachments (Gonghui:Hotline:Attachments): size, count, allowed types by extension.</summary>
public sealed class AttachmentLimits
{
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
    public int MaxFiles { get; set; } = 5;
    public static readonly IReadOnlyList<string> DefaultTypes = ["jpg", "png", "pdf", "docx", "xlsx", "mp3", "m4a"];
    /// <summary>Allowed extensions (no dot), each one <see cref="AttachmentRules"/> recognises by content; empty = <see cref="DefaultTypes"/>.</summary>
    public List<string> Types { get; set; } = [];
    public IReadOnlyList<string> AllowedTypes => Types.Count > 0 ? Types : DefaultTypes;
}

/// <summary>One file as offered: its name and its bytes (already read up to the limit + 1).</summary>
public sealed record OfferedFile(string FileName, ReadOnlyMemory<byte> Content);

/// <summary>A file that passed: the kind recognised from its content, and its content type.</summary>
public sealed record CheckedFile(string FileName, string Kind, string ContentType, ReadOnlyMemory<byte> Content);

/// <summary>Why a file was refused; <see cref="Index"/> is its position among the offered files.</summary>
public sealed record AttachmentError(int Index, string FileName, string Code);

/// <summary>
/// Attachments are recognised by what they contain (their first bytes, and for Office files the parts inside the
/// zip), not by the name alone: the extension must be allowed and agree with the content. Pure: no I/O.
/// </summary>
public static class AttachmentRules
{
    public const string Empty = "attachment.empty";
    public const string TooLarge = "attachment.tooLarge";
    public const string TooMany = "attachment.tooMany";
    public const string TypeNotAllowed = "attachment.typeNotAllowed";
    public const string ContentMismatch = "attachment.contentMismatch";
    public const string BadName = "attachment.badName";

    public static readonly IReadOnlyDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        ["jpg"] = "image/jpeg", ["png"] = "image/png", ["pdf"] = "application/pdf",
        ["docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ["xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ["mp3"] = "audio/mpeg", ["m4a"] = "audio/mp4",
    };

    /// <summary>The kind an extension claims (jpeg → jpg), or null when it has none.</summary>
    public static string? KindOfName(string fileName)
    {
        var ext = Path.GetExtension(fileName).TrimStart('.').ToLowerInvariant();
        return ext switch { "" => null, "jpeg" => "jpg", _ => ext };
    }

    /// <summary>Checks every file and the count; all pass or the errors say which failed and why (nothing is kept then).</summary>
    public static (IReadOnlyList<CheckedFile> Files, IReadOnlyList<AttachmentError> Errors) Check(
        IReadOnlyList<OfferedFile> files, int alreadyAttached, AttachmentLimits limits)
    {
        var ok = new List<CheckedFile>();
        var errors = new List<AttachmentError>();
        if (files.Count + alreadyAttached > limits.MaxFiles) errors.Add(new(-1, "", TooMany));
        for (var i = 0; i < files.Count; i++)
        {
            var f = files[i];
            var name = CleanName(f.FileName);
            if (name is null) { errors.Add(new(i, f.FileName, BadName)); continue; }
            var claimed = KindOfName(name);
            var allowed = limits.AllowedTypes.Select(t => t.ToLowerInvariant() == "jpeg" ? "jpg" : t.ToLowerInvariant()).ToHashSet();
            if (claimed is null || !allowed.Contains(claimed) || !ContentTypes.ContainsKey(claimed)) { errors.Add(new(i, name, TypeNotAllowed)); continue; }
            if (f.Content.Length == 0) { errors.Add(new(i, name, Empty)); continue; }
            if (f.Content.Length > limits.MaxBytes) { errors.Add(new(i, name, TooLarge)); continue; }
            var sniffed = Sniff(f.Content.Span);
            if (sniffed == "zip") sniffed = OfficeKind(f.Content);
            if (sniffed != claimed) { errors.Add(new(i, name, ContentMismatch)); continue; }
            ok.Add(new CheckedFile(name, claimed, ContentTypes[claimed], f.Content));
        }
        return errors.Count > 0 ? ([], errors) : (ok, errors);
    }

    /// <summary>The kind recognised from the first bytes: jpg, png, pdf, mp3, m4a, zip (Office is decided inside), or null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> h)
    {
        if (h.Length >= 3 && h[0] == 0xFF && h[1] == 0xD8 && h[2] == 0xFF) return "jpg";
        if (h.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return "png";
        if (h.StartsWith("%PDF-"u8)) return "pdf";
        if (h.StartsWith("PK\x03\x04"u8)) return "zip";
        if (h.StartsWith("ID3"u8)) return "mp3";
        // An MPEG audio frame header: 11 sync bits, MPEG-1/2/2.5, layer III, a bitrate that is not "bad".
        if (h.Length >= 3 && h[0] == 0xFF && (h[1] & 0xE0) == 0xE0 && (h[1] & 0x06) == 0x02 && (h[1] & 0x18) != 0x08 && (h[2] & 0xF0) != 0xF0) return "mp3";
        if (h.Length >= 12 && h[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = System.Text.Encoding.ASCII.GetString(h[8..12]);
            if (brand is "M4A " or "M4B " or "mp42" or "isom" or "iso2" or "mp41" or "dash") return "m4a";
        }
        return null;
    }

    /// <summary>docx or xlsx by the parts in the zip; null for any other zip (or a broken one).</summary>
    public static string? OfficeKind(ReadOnlyMemory<byte> content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content.ToArray(), writable: false), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (!names.Contains("[Content_Types].xml")) return null;
            if (names.Contains("word/document.xml")) return "docx";
            if (names.Contains("xl/workbook.xml")) return "xlsx";
            return null;
        }
        catch (InvalidDataException) { return null; }
    }

    /// <summary>The file name without any path, control or reserved characters, at most 120 characters; null if nothing is left.</summary>
    public static string? CleanName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName)) return null;
        var name = fileName.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim().TrimEnd('.', ' ');
        if (name.Length == 0 || Path.GetFileNameWithoutExtension(name).Length == 0) return null;
        if (name.Length > 120) name = name[..(120 - Path.GetExtension(name).Length)] + Path.GetExtension(name);
        return name;
    }
}
