using Gonghui.Modules.Hotline.Requests;
using Gonghui.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Hotline.Endpoints;

/// <summary>
/// The hotline's read handlers with their services bound, for its pages: a page calls the same handler as the API
/// (<see cref="HotlineEndpoints"/>) and never touches <see cref="GonghuiDb"/> itself.
/// </summary>
internal sealed class HotlineHandlers(GonghuiDb db, HotlineService svc)
{
    /// <summary>A visible request with its timeline, co-handling units, suggestion, attachments, links and merges (the API's detail).</summary>
    public Task<RequestDetailDto> DetailAsync(HotlineRequest r, DateTimeOffset now, CancellationToken ct) => HotlineEndpoints.DetailAsync(r, svc, db, now, ct);

    /// <summary>The public tracking look-up by code and phone (the API's <c>GET /public/track</c>).</summary>
    public Task<Results<Ok<TrackDto>, NotFound>> Track(string? code, string? phone, CancellationToken ct) => HotlineEndpoints.Track(code, phone, db, svc, ct);

    /// <summary>The caller's own latest 50 requests, newest first, each with its timeline; and their attachments by request.</summary>
    public async Task<(List<(HotlineRequest Request, List<HotlineRequestEvent> Events)> Items, Dictionary<Guid, List<HotlineAttachment>> Attachments)> MineAsync(CancellationToken ct)
    {
        var mine = await (await svc.VisibleAsync(ct)).AsNoTracking().OrderByDescending(r => r.ReceivedAt).Take(50).ToListAsync(ct);
        var ids = mine.Select(r => r.Id).ToList();
        var events = await db.Set<HotlineRequestEvent>().AsNoTracking().Where(e => ids.Contains(e.RequestId)).OrderBy(e => e.Id).ToListAsync(ct);
        var attachments = (await db.Set<HotlineAttachment>().AsNoTracking().Where(a => ids.Contains(a.RequestId)).OrderBy(a => a.UploadedAt).ToListAsync(ct))
            .GroupBy(a => a.RequestId).ToDictionary(g => g.Key, g => g.ToList());
        return (mine.Select(r => (r, events.Where(e => e.RequestId == r.Id).ToList())).ToList(), attachments);
    }

    /// <summary>The id of a request visible to the caller by its tracking code (case-insensitive), or null.</summary>
    public async Task<Guid?> VisibleIdByCodeAsync(string code, CancellationToken ct)
    {
        var c = code.Trim().ToUpperInvariant();
        return await (await svc.VisibleAsync(ct)).Where(x => x.TrackingCode == c).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Forgets everything this request's context tracks. A page that runs a use case and then shows the result reads
    /// afresh: a refused save leaves its changes tracked, and a later read would otherwise see them.
    /// </summary>
    public void ForgetTracked() => db.ChangeTracker.Clear();
}
