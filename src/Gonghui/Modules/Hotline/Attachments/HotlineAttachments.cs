using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Gonghui.Modules.Hotline.Attachments;

public sealed record AttachmentDto(Guid Id, string FileName, string Kind, string ContentType, long Size, AttachmentStage Stage, DateTimeOffset UploadedAt, string UploadedBy);

/// <summary>Attachments at intake and later: checked by content, stored by SHA-256, rows written with the request (or not at all), downloads scoped and audited.</summary>
public sealed class HotlineAttachments(GonghuiDb db, HotlineService svc, AttachmentStore store, CurrentUser me, TimeProvider clock,
    IOptions<HotlineOptions> options, IStringLocalizer<HotlineText> text)
{
    public AttachmentLimits Limits => options.Value.Attachments;

    public static AttachmentDto ToDto(HotlineAttachment a) => new(a.Id, a.FileName, a.Kind, a.ContentType, a.Size, a.Stage, a.UploadedAt, a.UploadedBy);

    /// <summary>Reads uploaded files, never more than the limit plus one byte each (so "too large" is still seen).</summary>
    public async Task<List<OfferedFile>> ReadAsync(IEnumerable<IFormFile> files, CancellationToken ct)
    {
        var list = new List<OfferedFile>();
        var max = (int)Math.Min(Limits.MaxBytes + 1, int.MaxValue - 1);
        foreach (var f in files)
        {
            if (f.Length == 0 && string.IsNullOrEmpty(f.FileName)) continue; // an empty file input posts a nameless part
            await using var s = f.OpenReadStream();
            using var ms = new MemoryStream();
            var buffer = new byte[81920];
            int n;
            while (ms.Length < max && (n = await s.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, max - ms.Length)), ct)) > 0) ms.Write(buffer, 0, n);
            list.Add(new OfferedFile(f.FileName, ms.ToArray()));
        }
        return list;
    }

    /// <summary>The rule's verdict as field errors on "files", one clear sentence per refused file.</summary>
    public Api.Errors? Check(IReadOnlyList<OfferedFile> files, int already, out IReadOnlyList<CheckedFile> ok)
    {
        var (passed, errors) = AttachmentRules.Check(files, already, Limits);
        ok = passed;
        if (errors.Count == 0) return null;
        var e = new Api.Errors();
        foreach (var x in errors) e.Add("files", Explain(x));
        return e;
    }

    public string Explain(AttachmentError x)
    {
        var types = string.Join(", ", Limits.AllowedTypes);
        var mb = (Limits.MaxBytes / 1024.0 / 1024.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
        var why = x.Code switch
        {
            AttachmentRules.TooMany => text["Att.TooMany", Limits.MaxFiles].Value,
            AttachmentRules.TooLarge => text["Att.TooLarge", mb].Value,
            AttachmentRules.TypeNotAllowed => text["Att.TypeNotAllowed", types].Value,
            AttachmentRules.ContentMismatch => text["Att.ContentMismatch"].Value,
            AttachmentRules.Empty => text["Att.Empty"].Value,
            _ => text["Att.BadName"].Value,
        };
        return x.Index < 0 ? why : $"{x.FileName}: {why}";
    }

    /// <summary>
    /// Files a request with its attachments in one transaction: files and fields are checked first (a bad file refuses
    /// the whole filing), bytes are stored, then the request, its timeline entry, SMS and attachment rows are saved
    /// together. Requests without files take the ordinary (batched) intake path.
    /// </summary>
    public async Task<Outcome<HotlineRequest>> FileAsync(FileRequestBody b, Channel channel, IReadOnlyList<OfferedFile> files, CancellationToken ct)
    {
        if (files.Count == 0) return await svc.FileAsync(b, channel, ct);
        var fileErrors = Check(files, 0, out var ok);
        var built = await svc.BuildAsync(b, channel, ct);
        if (!built.IsOk || fileErrors is not null)
        {
            var all = built.ToErrors(text);  // worded: the files' messages join them
            if (fileErrors is not null) foreach (var m in fileErrors.ToDictionary()["files"]) all.Add("files", m);
            return Outcome<HotlineRequest>.Invalid(all);
        }
        var r = built.Value!;
        var ev = HotlineRequestEvent.Of(r, "file", null, me.Name, r.ReceivedAt, note: $"{channel} +{ok.Count} attachment(s)");
        var sms = r.PhoneCipher is null ? null : svc.Sms(r, $"【12351】您的诉求已受理，查询码 {r.TrackingCode}。");
        var rows = await StoreAsync(r.Id, ok, AttachmentStage.Intake, ct);
        db.Add(r); db.Add(ev); if (sms is not null) db.Add(sms);
        db.AddRange(rows.Select(x => x.Row));
        await SaveOrCleanAsync(rows, () => db.SaveChangesAsync(ct));
        await ClusterWatch.CheckAsync(db, [r], clock, ct);
        return built;
    }

    /// <summary>Adds files to an existing request: staff who see it (the handling unit and above, the agents), or the worker who filed it, until it is closed.</summary>
    public async Task<(Outcome<HotlineRequest> Outcome, IReadOnlyList<AttachmentDto> Added)> AddAsync(Guid requestId, IReadOnlyList<OfferedFile> files, CancellationToken ct)
    {
        var r = await svc.FindVisibleAsync(requestId, ct);
        if (r is null) return (Outcome<HotlineRequest>.NotFound(), []);
        if (files.Count == 0) return (Outcome<HotlineRequest>.Invalid(new Api.Errors().Add("files", text["Att.None"].Value)), []);
        if (r.State == RequestState.Closed) return (Outcome<HotlineRequest>.Conflict(HotlineCodes.AttachmentsClosed, null, r.State), []);
        var present = await db.Set<HotlineAttachment>().AsNoTracking().Where(a => a.RequestId == r.Id).ToListAsync(ct);
        // The same bytes sent again (a retried upload) are not attached twice: the answer lists what is already there.
        var known = present.ToDictionary(a => a.Sha256, StringComparer.Ordinal);
        var again = new List<AttachmentDto>();
        var fresh = new List<OfferedFile>();
        foreach (var f in files)
        {
            if (known.TryGetValue(AttachmentStore.Sha256Of(f.Content.Span), out var seen)) again.Add(ToDto(seen));
            else fresh.Add(f);
        }
        if (fresh.Count == 0) return (Outcome<HotlineRequest>.Ok(r), again);
        var errors = Check(fresh, present.Count, out var ok);
        if (errors is not null) return (Outcome<HotlineRequest>.Invalid(errors), []);
        var rows = await StoreAsync(r.Id, ok, me.IsStaff ? AttachmentStage.Handling : AttachmentStage.Intake, ct);
        db.AddRange(rows.Select(x => x.Row));
        db.Add(HotlineRequestEvent.Of(r, "attach", r.State, me.Name, clock.GetUtcNow(), note: string.Join(", ", rows.Select(x => x.Row.FileName))));
        await SaveOrCleanAsync(rows, () => db.SaveChangesAsync(ct));
        return (Outcome<HotlineRequest>.Ok(r), [.. again, .. rows.Select(x => ToDto(x.Row))]);
    }

    public async Task<List<AttachmentDto>> ListAsync(Guid requestId, CancellationToken ct) =>
        (await db.Set<HotlineAttachment>().AsNoTracking().Where(a => a.RequestId == requestId).OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).ToListAsync(ct))
            .Select(ToDto).ToList();

    /// <summary>Opens an attachment for download if its request is visible to the caller (staff in scope, or the worker who filed it); audited.</summary>
    public async Task<(HotlineAttachment Meta, Stream Content)?> OpenAsync(Guid attachmentId, CancellationToken ct)
    {
        var a = await db.Set<HotlineAttachment>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == attachmentId, ct);
        if (a is null || await svc.FindVisibleAsync(a.RequestId, ct) is null) return null;
        var stream = store.Open(a.Sha256);
        if (stream is null) return null;
        db.ChangeTracker.Clear();
        await db.SaveChangesWithAuditAsync([AuditTrail.Custom(me.Name, "hotline.attachment.download", nameof(HotlineAttachment), a.Id.ToString(), null,
            new { request = a.RequestId, a.FileName, a.Sha256 }, clock.GetUtcNow())], ct);
        return (a, stream);
    }

    private sealed record Stored(HotlineAttachment Row, bool Created);

    private async Task<List<Stored>> StoreAsync(Guid requestId, IReadOnlyList<CheckedFile> files, AttachmentStage stage, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var list = new List<Stored>();
        try
        {
            foreach (var f in files)
            {
                var sha = AttachmentStore.Sha256Of(f.Content.Span);
                var created = await store.PutAsync(sha, f.Content, ct);
                list.Add(new(new HotlineAttachment
                {
                    RequestId = requestId, Sha256 = sha, FileName = f.FileName, Kind = f.Kind, ContentType = f.ContentType, Size = f.Content.Length,
                    Stage = stage, UploadedAt = now, UploadedBy = me.Name,
                }, created));
            }
        }
        catch
        {
            Clean(list);
            throw;
        }
        return list;
    }

    /// <summary>Saves; if the rows cannot be written, removes the bytes this call stored and no row refers to, so nothing is left half-written.</summary>
    private async Task SaveOrCleanAsync(List<Stored> rows, Func<Task<int>> save)
    {
        try { await save(); }
        catch
        {
            Clean(rows);
            throw;
        }
    }

    private void Clean(IEnumerable<Stored> rows)
    {
        foreach (var s in rows.Where(x => x.Created))
        {
            try { store.Delete(s.Row.Sha256); } catch (IOException) { /* an orphan file is harmless: content-addressed, never served without a row */ }
        }
    }
}
