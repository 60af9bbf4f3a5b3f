using System.Security.Cryptography;
using Gonghui.Platform.Data;

namespace Gonghui.Modules.Hotline.Attachments;

/// <summary>
/// Attachment bytes on disk under the data directory, content-addressed: hotline/attachments/ab/cd/&lt;sha256&gt;.
/// The same file is stored once; the path comes from the content, not from any name a caller chose, and the files
/// are never served directly (downloads go through the scope check).
/// </summary>
public sealed class AttachmentStore(DatabaseSettings settings)
{
    public string Root { get; } = Path.Combine(settings.DataDir, "hotline", "attachments");

    public static string Sha256Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower)) throw new ArgumentException("not a SHA-256 hex digest", nameof(sha256));
        return Path.Combine(Root, sha256[..2], sha256[2..4], sha256);
    }

    /// <summary>Writes the bytes if not there yet (temp file, then an atomic rename); true when this call created the file.</summary>
    public async Task<bool> PutAsync(string sha256, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var path = PathOf(sha256);
        if (File.Exists(path)) return false;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var tmp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(tmp, content.ToArray(), ct);
        try
        {
            File.Move(tmp, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(tmp); // another upload of the same content won the race
            return false;
        }
    }

    public Stream? Open(string sha256)
    {
        var path = PathOf(sha256);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
    }

    public void Delete(string sha256)
    {
        var path = PathOf(sha256);
        if (File.Exists(path)) File.Delete(path);
    }
}
