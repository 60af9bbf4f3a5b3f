using Gonghui.Modules.Hardship.Assistance;
using Gonghui.Modules.Hardship.Files;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Money;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Security;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Hardship.Files;

/// <summary>A file's documents (certificates, admission letters): checked on upload, read only within the caller's scope.</summary>
public sealed class FileDocuments(HardshipScope scope, GonghuiDb db, CurrentUser me)
{
    private ActorLevel Level => scope.Level;
    private DateTimeOffset Now => scope.Now;
    private HardshipRuleBook rules => scope.Rules;

    private Task<IQueryable<HardshipFile>> ScopedFilesAsync(CancellationToken ct) => scope.ScopedFilesAsync(ct);

    public async Task<Outcome<DocumentView>> AddDocumentAsync(Guid fileId, Guid? applicationId, string kind, string fileName, string contentType, byte[] content, CancellationToken ct)
    {
        var file = await (await ScopedFilesAsync(ct)).AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, ct);
        if (file is null) return Outcome<DocumentView>.NotFound();
        var err = DocumentRules.Check(contentType, content.LongLength, content.AsSpan(0, Math.Min(16, content.Length)), rules.Documents);
        if (err is not null) return Outcome<DocumentView>.Invalid("file", err);
        var name = Path.GetFileName(fileName);
        if (name.Length > 200) name = name[^200..];
        var doc = HardshipDocument.Create(fileId, applicationId, kind, name, contentType.ToLowerInvariant(), content, me.Name, Now);
        db.Add(doc);
        db.Add(HardshipEvent.Create(fileId, Now, me.Name, "Document", null, null, $"{kind}: {name}"));
        await db.SaveChangesAsync(ct);
        return Outcome<DocumentView>.Ok(new DocumentView(doc.Id, doc.Kind, doc.FileName, doc.ContentType, doc.Size, doc.UploadedAt, doc.UploadedBy));
    }

    public async Task<HardshipDocument?> DocumentAsync(Guid fileId, Guid docId, CancellationToken ct)
    {
        var file = await (await ScopedFilesAsync(ct)).AsNoTracking().AnyAsync(f => f.Id == fileId, ct);
        return file ? await db.Set<HardshipDocument>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == docId && d.FileId == fileId, ct) : null;
    }

    /// <summary>An uploaded file's bytes, never more than the limit (plus one byte, so "too large" is still detected).</summary>
    internal static async Task<byte[]> ReadUploadAsync(IFormFile file, long maxBytes, CancellationToken ct)
    {
        await using var s = file.OpenReadStream();
        return await ReadBoundedAsync(s, maxBytes, ct);
    }

    /// <summary>A stream's bytes up to the limit plus one byte, whatever the stream claims (an upload, a zip entry).</summary>
    internal static async Task<byte[]> ReadBoundedAsync(Stream s, long maxBytes, CancellationToken ct)
    {
        var max = (int)Math.Min(maxBytes + 1, int.MaxValue);
        using var ms = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while (ms.Length < max && (n = await s.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, max - ms.Length)), ct)) > 0) ms.Write(buffer, 0, n);
        return ms.ToArray();
    }
}
