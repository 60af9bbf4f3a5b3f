using System.Security.Cryptography;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Platform.Files;

/// <summary>A file in the platform's store: its content's SHA-256 (the key and the path on disk), size, type, who put it there and when.</summary>
public sealed class StoredFile : IAudited
{
    public string Sha256 { get; private set; } = "";
    public long Size { get; private set; }
    public string ContentType { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    private StoredFile() { }

    internal static StoredFile Create(string sha, long size, string type, DateTimeOffset at, string by) =>
        new() { Sha256 = sha, Size = size, ContentType = type, CreatedAt = at, CreatedBy = by };
}

/// <summary>The EF mapping of <see cref="StoredFile"/> (table platform_files), applied by GonghuiDb with the platform's tables.</summary>
internal static class StoredFileModel
{
    internal static void Configure(ModelBuilder b) => b.Entity<StoredFile>(e =>
    {
        e.ToTable("platform_files");
        e.HasKey(x => x.Sha256);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.ContentType).HasMaxLength(100).IsRequired();
        e.Property(x => x.CreatedBy).HasMaxLength(100).IsRequired();
    });
}

/// <summary>An upload written to a temporary file and hashed, not yet in the store: <see cref="FileStore.CommitAsync"/> or <see cref="FileStore.Discard"/>.</summary>
public sealed record StagedFile(string TempPath, string Sha256, long Size);

/// <summary>
/// The platform's one file store: a folder under the data directory (<c>files/ab/cd/&lt;sha256&gt;</c>), content-addressed by
/// SHA-256 so the same bytes are stored once and a path never comes from a caller's name, with the metadata in the database
/// (<c>platform_files</c>, audited). Modules serve the files through their own endpoints after their own checks (a work is
/// public once published), with range requests so that a phone can seek (<see cref="Serve"/>). Backups: docs/operations.md.
/// </summary>
public sealed class FileStore(DatabaseSettings settings, GonghuiDb db, CurrentUser me, TimeProvider clock)
{
    public string Root { get; } = Path.Combine(settings.DataDir, "files");

    public string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower)) throw new ArgumentException("not a SHA-256 hex digest", nameof(sha256));
        return Path.Combine(Root, sha256[..2], sha256[2..4], sha256);
    }

    /// <summary>
    /// Copies the upload to a temporary file under the store while hashing it. More than <paramref name="maxBytes"/> is refused
    /// (400 naming <paramref name="field"/>, code <c>file.tooLarge</c>) and nothing is left behind.
    /// </summary>
    public async Task<StagedFile> StageAsync(Stream content, long maxBytes, string field, CancellationToken ct)
    {
        var tmpDir = Path.Combine(Root, "tmp");
        Directory.CreateDirectory(tmpDir);
        var tmp = Path.Combine(tmpDir, Guid.NewGuid().ToString("N"));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        try
        {
            await using (var output = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int n;
                while ((n = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += n;
                    if (size > maxBytes) throw new BadInputException(field, $"The file is larger than {maxBytes / (1024 * 1024)} MB.", "file.tooLarge");
                    hash.AppendData(buffer, 0, n);
                    await output.WriteAsync(buffer.AsMemory(0, n), ct);
                }
            }
            if (size == 0) throw new BadInputException(field, "The file is empty.", "file.empty");
            return new StagedFile(tmp, Convert.ToHexStringLower(hash.GetHashAndReset()), size);
        }
        catch
        {
            File.Delete(tmp);
            throw;
        }
    }

    public void Discard(StagedFile staged) => File.Delete(staged.TempPath);

    /// <summary>Moves a staged file into the store (once per content) and records it; the row joins the caller's SaveChanges or is saved here.</summary>
    public async Task<StoredFile> CommitAsync(StagedFile staged, string contentType, CancellationToken ct)
    {
        var path = PathOf(staged.Sha256);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path)) File.Delete(staged.TempPath);
        else
        {
            try { File.Move(staged.TempPath, path, overwrite: false); }
            catch (IOException) when (File.Exists(path)) { File.Delete(staged.TempPath); } // the same content stored by another upload meanwhile
        }
        var existing = await db.Set<StoredFile>().FirstOrDefaultAsync(f => f.Sha256 == staged.Sha256, ct);
        if (existing is not null) return existing;
        var row = StoredFile.Create(staged.Sha256, staged.Size, contentType, clock.GetUtcNow(), me.Name);
        db.Add(row);
        return row;
    }

    public Task<StoredFile?> FindAsync(string sha256, CancellationToken ct) => db.Set<StoredFile>().AsNoTracking().FirstOrDefaultAsync(f => f.Sha256 == sha256, ct);

    /// <summary>The file as an HTTP answer with range requests (206 for <c>Range:</c>, so a phone's player can seek), or 404 when absent.</summary>
    public IResult Serve(string sha256, string contentType)
    {
        var path = PathOf(sha256);
        return File.Exists(path)
            ? TypedResults.PhysicalFile(path, contentType, enableRangeProcessing: true, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue("\"" + sha256 + "\""))
            : TypedResults.NotFound();
    }
}
