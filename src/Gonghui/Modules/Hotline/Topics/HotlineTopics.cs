using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Hotline.Endpoints;
using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Scope;

namespace Gonghui.Modules.Hotline.Topics;

public sealed record PromoteBody(string? Month, string? Title, string? Target, Guid? LeadUnitId);
public sealed record TopicNoteBody(string? Text);
public sealed record TopicCloseBody(string? Summary, int? Version = null);

public sealed record TopicDto(Guid Id, Guid AlertId, string Month, string Title, string Target, Guid LeadUnitId, string LeadUnitName, string Label,
    string Category, DateTimeOffset Since, TopicStatus Status, string? Summary, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? ClosedAt,
    int Version, int RequestCount);

public sealed record TopicNoteDto(DateTimeOffset At, string Author, string Text);

public sealed record TopicDetailDto(TopicDto Topic, IReadOnlyList<RequestDto> Requests, IReadOnlyList<TopicNoteDto> Notes);


/// <summary>Monthly topics (每月一题): promote an alert, list per month, progress notes, close with a summary.</summary>
public sealed class HotlineTopics(GonghuiDb db, HotlineService svc, TimeProvider clock)
{
    /// <summary>An alert raised in the caller's subtree, or null.</summary>
    public async Task<HotlineAlert?> AlertAsync(Guid id, CancellationToken ct)
    {
        var scope = await svc.Me.ScopePathAsync(ct);
        return await db.Set<HotlineAlert>().AsNoTracking().InScope(scope, a => a.ScopePath).FirstOrDefaultAsync(a => a.Id == id, ct);
    }

    /// <summary>The newest open alerts in the caller's subtree (the dashboard's list).</summary>
    public async Task<List<HotlineAlert>> OpenAlertsAsync(int take, CancellationToken ct)
    {
        var scope = await svc.Me.ScopePathAsync(ct);
        return await db.Set<HotlineAlert>().AsNoTracking().InScope(scope, a => a.ScopePath).Where(a => a.Status == AlertStatus.Open)
            .OrderByDescending(a => a.RaisedAt).Take(take).ToListAsync(ct);
    }

    /// <summary>District and federation staff (and the federation's agents) promote alerts and close topics.</summary>
    public bool IsSupervisor => svc.Me.IsInRole(Roles.FederationAdmin) || svc.Me.IsInRole(Roles.DistrictStaff) || svc.IsAgent;

    /// <summary>Topics raised for the caller's subtree, or led by a unit in it.</summary>
    public async Task<IQueryable<HotlineTopic>> VisibleAsync(CancellationToken ct)
    {
        if (!svc.Me.IsStaff) return db.Set<HotlineTopic>().Where(t => false);
        var scope = await svc.Me.ScopePathAsync(ct);
        return db.Set<HotlineTopic>().WhereScoped(t => ScopeFilter.Covers(scope, t.ScopePath) || ScopeFilter.Covers(scope, t.LeadUnitPath));
    }

    /// <summary>The topic's requests: the alert's enterprise and category since the cluster began (new ones included), not merged away, within the caller's request scope.</summary>
    public async Task<IQueryable<HotlineRequest>> RequestsAsync(HotlineTopic t, CancellationToken ct)
    {
        var q = await svc.VisibleAsync(ct);
        if (t.EnterpriseId is not { } eid) return q.Where(r => false);
        var since = t.Since;
        var cat = t.Category;
        return q.Where(r => r.EnterpriseId == eid && r.Category == cat && r.ReceivedAt >= since && r.MergedIntoId == null);
    }

    public async Task<Outcome<HotlineTopic>> PromoteAsync(Guid alertId, PromoteBody body, CancellationToken ct)
    {
        var me = svc.Me;
        if (!me.IsStaff) return Outcome<HotlineTopic>.NotFound();
        var scope = await me.ScopePathAsync(ct);
        var alert = await db.Set<HotlineAlert>().InScope(scope, a => a.ScopePath).FirstOrDefaultAsync(a => a.Id == alertId, ct);
        if (alert is null) return Outcome<HotlineTopic>.NotFound();
        if (!IsSupervisor) return Outcome<HotlineTopic>.Conflict(HotlineCodes.TopicSupervisorPromotes);
        var errors = new Api.Errors();
        foreach (var (f, m) in TopicRules.Validate(body.Month, body.Title, body.Target, body.LeadUnitId)) errors.Add(f, m);
        var lead = body.LeadUnitId is { } lid ? await db.UnitRows().InScope(scope, u => u.Path).Where(u => u.Id == lid && !u.IsClosed).Select(u => new { u.Id, u.Path }).FirstOrDefaultAsync(ct) : null;
        if (body.LeadUnitId is not null && lead is null) errors.Add("leadUnitId", HotlineCodes.TopicLeadUnitInvalid);
        if (errors.Any) return Outcome<HotlineTopic>.Invalid(errors);
        if (alert.Status != AlertStatus.Open) return Outcome<HotlineTopic>.Conflict(HotlineCodes.AlertAlreadyPromoted, null, alert.Status);
        var (y, m2) = TopicRules.ParseMonth(body.Month)!.Value;
        var topic = HotlineTopic.Promote(alert, y, m2, body.Title!, body.Target!, lead!.Id, lead.Path, me.Name, clock.GetUtcNow());
        db.Add(topic);
        db.Add(new HotlineTopicNote { TopicId = topic.Id, At = topic.CreatedAt, Author = me.Name, Text = $"立项：{topic.Title}" });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Outcome<HotlineTopic>.Conflict(HotlineCodes.AlertPromotedConcurrently); }
        return Outcome<HotlineTopic>.Ok(topic);
    }

    public async Task<HotlineTopic?> FindAsync(Guid id, CancellationToken ct) => await (await VisibleAsync(ct)).FirstOrDefaultAsync(t => t.Id == id, ct);

    public async Task<Outcome<HotlineTopic>> AddNoteAsync(Guid id, TopicNoteBody body, CancellationToken ct)
    {
        var t = await FindAsync(id, ct);
        if (t is null) return Outcome<HotlineTopic>.NotFound();
        var errors = new Api.Errors();
        foreach (var (f, m) in TopicRules.ValidateText("text", body.Text)) errors.Add(f, m);
        if (errors.Any) return Outcome<HotlineTopic>.Invalid(errors);
        if (t.Status == TopicStatus.Closed) return Outcome<HotlineTopic>.Conflict(HotlineCodes.TopicClosed);
        t.Touch();
        db.Add(new HotlineTopicNote { TopicId = t.Id, At = clock.GetUtcNow(), Author = svc.Me.Name, Text = body.Text!.Trim() });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<HotlineTopic>.Conflict(HotlineCodes.TopicChangedConcurrently); }
        return Outcome<HotlineTopic>.Ok(t);
    }

    public async Task<Outcome<HotlineTopic>> CloseAsync(Guid id, TopicCloseBody body, CancellationToken ct)
    {
        var t = await FindAsync(id, ct);
        if (t is null) return Outcome<HotlineTopic>.NotFound();
        if (!IsSupervisor) return Outcome<HotlineTopic>.Conflict(HotlineCodes.TopicSupervisorCloses);
        var errors = new Api.Errors();
        foreach (var (f, m) in TopicRules.ValidateText("summary", body.Summary)) errors.Add(f, m);
        if (errors.Any) return Outcome<HotlineTopic>.Invalid(errors);
        if (t.Status == TopicStatus.Closed) return Outcome<HotlineTopic>.Conflict(HotlineCodes.TopicAlreadyClosed);
        if (body.Version is { } v && v != t.Version) return Outcome<HotlineTopic>.Conflict(HotlineCodes.TopicVersionChanged, null, t.Version, v);
        t.Close(body.Summary!, svc.Me.Name, clock.GetUtcNow());
        db.Add(new HotlineTopicNote { TopicId = t.Id, At = clock.GetUtcNow(), Author = svc.Me.Name, Text = $"结题：{t.Summary}" });
        var alert = await db.Set<HotlineAlert>().FirstOrDefaultAsync(a => a.Id == t.AlertId, ct);
        if (alert is not null) alert.Status = AlertStatus.Closed;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<HotlineTopic>.Conflict(HotlineCodes.TopicChangedConcurrently); }
        return Outcome<HotlineTopic>.Ok(t);
    }

    public async Task<List<TopicDto>> ListAsync(int? year, int? month, CancellationToken ct)
    {
        var q = (await VisibleAsync(ct)).AsNoTracking();
        if (year is { } y) q = q.Where(t => t.Year == y);
        if (month is { } m) q = q.Where(t => t.Month == m);
        var topics = await q.OrderByDescending(t => t.Year).ThenByDescending(t => t.Month).ThenBy(t => t.CreatedAt).Take(200).ToListAsync(ct);
        var names = await UnitNamesAsync(topics.Select(t => t.LeadUnitId), ct);
        var list = new List<TopicDto>();
        foreach (var t in topics) list.Add(ToDto(t, names, await (await RequestsAsync(t, ct)).CountAsync(ct)));
        return list;
    }

    public async Task<TopicDetailDto?> DetailAsync(Guid id, CancellationToken ct)
    {
        var t = await (await VisibleAsync(ct)).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (t is null) return null;
        var requests = await (await RequestsAsync(t, ct)).AsNoTracking().OrderByDescending(r => r.ReceivedAt).Take(200).ToListAsync(ct);
        var notes = await db.Set<HotlineTopicNote>().AsNoTracking().Where(n => n.TopicId == t.Id).OrderBy(n => n.At).ThenBy(n => n.Id)
            .Select(n => new TopicNoteDto(n.At, n.Author, n.Text)).ToListAsync(ct);
        var names = await UnitNamesAsync([t.LeadUnitId], ct);
        var now = clock.GetUtcNow();
        return new(ToDto(t, names, requests.Count), requests.Select(r => HotlineEndpoints.ToDto(r, now, svc.Calendar)).ToList(), notes);
    }

    private async Task<Dictionary<Guid, string>> UnitNamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var set = ids.Distinct().ToList();
        return await db.UnitRows().Where(u => set.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
    }

    public static TopicDto ToDto(HotlineTopic t, IReadOnlyDictionary<Guid, string> names, int requests) => new(
        t.Id, t.AlertId, TopicRules.Month(t.Year, t.Month), t.Title, t.Target, t.LeadUnitId, names.GetValueOrDefault(t.LeadUnitId) ?? "", t.Label, t.Category,
        t.Since, t.Status, t.Summary, t.CreatedAt, t.CreatedBy, t.ClosedAt, t.Version, requests);
}
