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

public sealed record FileFilter(HardshipGrade? Grade, HardshipCause? Cause, string? District, FileStatus? Status, string? Due, string? Q, bool ActiveOnly = false);

public sealed record FileRow(Guid Id, string FileNo, string WorkerName, string WorkerIdMasked, string DistrictCode, string UnitName, HardshipGrade Grade,
    FileStatus Status, long CauseFlags, long PerPersonIncomeFen, DateTimeOffset FiledAt, DateTimeOffset? ReverifyDueAt, DateTimeOffset? VisitDueAt,
    bool ReverifyOverdue, bool VisitOverdue);

public sealed record MemberView(Guid Id, string Name, Relation Relation, string IdMasked, DateOnly BirthDate, HealthStatus Health, WorkStatus Work, string? School, long MonthlyIncomeFen);
public sealed record EventView(DateTimeOffset At, string Actor, string Kind, FileStatus? From, FileStatus? To, string? Note);
public sealed record DocumentView(Guid Id, string Kind, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt, string UploadedBy);
public sealed record FileDetail(Guid Id, string FileNo, Guid OrgUnitId, string UnitName, string DistrictCode, string WorkerName, string WorkerIdMasked, string? PhoneMasked,
    string? Address, long MonthlyIncomeFen, int HouseholdSize, long PerPersonIncomeFen, HardshipCause[] Causes, HardshipGrade Grade, string EligibilityRule,
    int AssessedYear, FileStatus Status, bool IsActive, DateTimeOffset FiledAt, DateTimeOffset? NoticeEndsAt, int OpenObjections, DateTimeOffset? ApprovedAt,
    DateTimeOffset? LastVerifiedAt, DateTimeOffset? ReverifyDueAt, bool ReverifyOverdue, string ContactName, DateTimeOffset? LastVisitAt, DateTimeOffset? VisitDueAt,
    bool VisitOverdue, ExitReason? ExitReason, DateTimeOffset? ExitedAt, DateTimeOffset? FollowUpUntil, FileAction[] AvailableActions,
    List<MemberView> Household, List<DocumentView> Documents, List<EventView> History, List<AssistanceView> Assistance);

/// <summary>Reading the archive: the keyset-paged list, a file's detail, the review queue at the caller's level, the export.</summary>
public sealed class FileQueries(HardshipScope scope, GonghuiDb db, CurrentUser me)
{
    internal ActorLevel Level => scope.Level;
    private DateTimeOffset Now => scope.Now;
    private HardshipRuleBook rules => scope.Rules;

    private Task<IQueryable<FileWithUnit>> ScopedAsync(CancellationToken ct) => scope.ScopedAsync(ct);

    /// <summary>
    /// Files in scope, keyset-paged: newest filing first on (filed at, id); the due lists longest overdue first on (due date, id).
    /// </summary>
    public async Task<Slice<FileRow>> ListAsync(FileFilter f, KeysetRequest request, CancellationToken ct)
    {
        var q = await ScopedAsync(ct);
        var now = Now;
        q = Filter(q, f, now);
        IQueryable<FileRow> Rows(IQueryable<FileWithUnit> rows) => rows.Select(x => new FileRow(x.File.Id, x.File.FileNo, x.File.WorkerName, x.File.WorkerIdMasked,
            x.File.DistrictCode, x.UnitName, x.File.Grade, x.File.Status, x.File.CauseFlags, x.File.PerPersonIncomeFen, x.File.FiledAt, x.File.ReverifyDueAt, x.File.VisitDueAt,
            x.File.IsActive && x.File.ReverifyDueAt != null && x.File.ReverifyDueAt < now,
            x.File.IsActive && x.File.VisitDueAt != null && x.File.VisitDueAt < now));
        // The due filters keep only files with that date, so its value is the key.
        return f.Due switch
        {
            "reverify" => await q.SliceAsync(request, x => x.File.ReverifyDueAt!.Value, x => x.File.Id, descending: false, Rows, r => r.ReverifyDueAt!.Value, r => r.Id, ct),
            "visit" => await q.SliceAsync(request, x => x.File.VisitDueAt!.Value, x => x.File.Id, descending: false, Rows, r => r.VisitDueAt!.Value, r => r.Id, ct),
            _ => await q.SliceAsync(request, x => x.File.FiledAt, x => x.File.Id, descending: true, Rows, r => r.FiledAt, r => r.Id, ct),
        };
    }

    internal static IQueryable<FileWithUnit> Filter(IQueryable<FileWithUnit> q, FileFilter f, DateTimeOffset now)
    {
        if (f.Grade is { } g) q = q.Where(x => x.File.Grade == g);
        if (f.Cause is { } c) { var flag = HardshipFile.Flag(c); q = q.Where(x => (x.File.CauseFlags & flag) != 0); }
        if (!string.IsNullOrWhiteSpace(f.District)) q = q.Where(x => x.File.DistrictCode == f.District);
        if (f.Status is { } s) q = q.Where(x => x.File.Status == s);
        if (f.ActiveOnly) q = q.Where(x => x.File.IsActive);
        if (f.Due == "reverify") q = q.Where(x => x.File.IsActive && x.File.ReverifyDueAt != null && x.File.ReverifyDueAt < now);
        else if (f.Due == "visit") q = q.Where(x => x.File.IsActive && x.File.VisitDueAt != null && x.File.VisitDueAt < now);
        if (!string.IsNullOrWhiteSpace(f.Q)) { var t = f.Q.Trim(); q = q.Where(x => x.File.WorkerName.Contains(t) || x.File.FileNo == t.ToUpper()); }
        return q;
    }

    public async Task<FileDetail?> DetailAsync(Guid id, CancellationToken ct)
    {
        var row = await (await ScopedAsync(ct)).AsNoTracking().Where(x => x.File.Id == id).FirstOrDefaultAsync(ct);
        return row is null ? null : await DetailOfAsync(row.File, row.UnitName, Level, ct);
    }

    internal async Task<FileDetail> DetailOfAsync(HardshipFile f, string unitName, ActorLevel level, CancellationToken ct)
    {
        var now = Now;
        var household = await db.Set<HouseholdMember>().AsNoTracking().Where(m => m.FileId == f.Id).OrderBy(m => m.Relation).ThenBy(m => m.BirthDate)
            .Select(m => new MemberView(m.Id, m.Name, m.Relation, m.IdMasked, m.BirthDate, m.Health, m.Work, m.School, m.MonthlyIncomeFen)).ToListAsync(ct);
        var docs = await db.Set<HardshipDocument>().AsNoTracking().Where(d => d.FileId == f.Id)
            .Select(d => new DocumentView(d.Id, d.Kind, d.FileName, d.ContentType, d.Size, d.UploadedAt, d.UploadedBy)).ToListAsync(ct);
        var history = (await db.Set<HardshipEvent>().AsNoTracking().Where(e => e.FileId == f.Id)
            .Select(e => new EventView(e.At, e.Actor, e.Kind, e.From, e.To, e.Note)).ToListAsync(ct)).OrderBy(e => e.At).ToList();
        var assistance = (await db.Set<HardshipAssistance>().AsNoTracking().Where(a => a.FileId == f.Id)
            .Select(a => new AssistanceView(a.Id, a.Type, a.AmountFen, a.On, a.Fund, a.ChildMemberId, a.Goods, a.HandedOverBy, a.Note, a.Status, a.LedgerEntryId, a.PaidAt))
            .ToListAsync(ct)).OrderByDescending(a => a.On).ToList();
        return new FileDetail(f.Id, f.FileNo, f.OrgUnitId, unitName, f.DistrictCode, f.WorkerName, f.WorkerIdMasked, f.PhoneMasked, f.Address, f.MonthlyIncomeFen,
            f.HouseholdSize, f.PerPersonIncomeFen, f.Causes.ToArray(), f.Grade, f.EligibilityRule, f.AssessedYear, f.Status, f.IsActive, f.FiledAt, f.NoticeEndsAt,
            f.OpenObjections, f.ApprovedAt, f.LastVerifiedAt, f.ReverifyDueAt, f.IsActive && DueDates.IsOverdue(f.ReverifyDueAt, now), f.ContactName, f.LastVisitAt,
            f.VisitDueAt, f.IsActive && DueDates.IsOverdue(f.VisitDueAt, now), f.ExitReason, f.ExitedAt, f.FollowUpUntil,
            HardshipWorkflow.Available(f.Status, level).ToArray(), household, docs, history, assistance);
    }

    /// <summary>The files waiting for the caller's level in scope: the review queue, and the home page's count of it.</summary>
    public async Task<IQueryable<FileWithUnit>> QueueQueryAsync(CancellationToken ct)
    {
        var statuses = Level switch
        {
            ActorLevel.Federation => new[] { FileStatus.AwaitingApproval },
            ActorLevel.District => [FileStatus.Filed, FileStatus.InNotice, FileStatus.ExitInNotice],
            ActorLevel.Grassroots => [FileStatus.ExitProposed, FileStatus.ExitApproved],
            _ => [],
        };
        return (await ScopedAsync(ct)).Where(x => statuses.Contains(x.File.Status));
    }

    /// <summary>The review queue: files waiting for a step at the caller's level.</summary>
    public async Task<List<FileRow>> QueueAsync(CancellationToken ct)
    {
        var now = Now;
        var q = await QueueQueryAsync(ct);
        return await q.OrderBy(x => x.File.FiledAt).Take(500)
            .Select(x => new FileRow(x.File.Id, x.File.FileNo, x.File.WorkerName, x.File.WorkerIdMasked, x.File.DistrictCode, x.UnitName, x.File.Grade,
                x.File.Status, x.File.CauseFlags, x.File.PerPersonIncomeFen, x.File.FiledAt, x.File.NoticeEndsAt, x.File.VisitDueAt, false, false))
            .ToListAsync(ct);
    }

    /// <summary>Masked rows for an export; the reason goes into the audit trail with the filters and the count.</summary>
    public async Task<Outcome<List<FileRow>>> ExportAsync(FileFilter f, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 4) return Outcome<List<FileRow>>.Invalid("reason", "export.reasonRequired");
        var q = Filter(await ScopedAsync(ct), f, Now);
        var now = Now;
        var rows = await q.OrderBy(x => x.File.FileNo).Take(100_000)
            .Select(x => new FileRow(x.File.Id, x.File.FileNo, x.File.WorkerName, x.File.WorkerIdMasked, x.File.DistrictCode, x.UnitName, x.File.Grade,
                x.File.Status, x.File.CauseFlags, x.File.PerPersonIncomeFen, x.File.FiledAt, x.File.ReverifyDueAt, x.File.VisitDueAt,
                x.File.IsActive && x.File.ReverifyDueAt != null && x.File.ReverifyDueAt < now,
                x.File.IsActive && x.File.VisitDueAt != null && x.File.VisitDueAt < now))
            .ToListAsync(ct);
        await db.SaveChangesWithAuditAsync([AuditTrail.Custom(me.Name, "export", "HardshipFile", "list", null,
            new { reason = reason.Trim(), filter = f, count = rows.Count, scope = await me.ScopePathAsync(ct) }, Now)], ct);
        return Outcome<List<FileRow>>.Ok(rows);
    }
}
