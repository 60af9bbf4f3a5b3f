using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Hardship.Assistance;
using Gonghui.Modules.Hardship.Campaigns;
using Gonghui.Modules.Hardship.Files;
using Gonghui.Modules.Hardship.Precision;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Money;
using Gonghui.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;


namespace Gonghui.Modules.Hardship;

public sealed record MemberInput(string? Name, Relation? Relation, string? IdNumber, HealthStatus? Health, WorkStatus? Work, string? School, long? MonthlyIncomeFen);

public sealed record FileInput(Guid? OrgUnitId, Guid? MemberId, string? WorkerName, string? WorkerIdNumber, string? Phone, string? Address,
    long? MonthlyIncomeFen, List<HardshipCause>? Causes, string? ContactName, List<MemberInput>? Members, int? Year, HealthStatus? WorkerHealth = null);

public sealed record TransitionInput(FileAction? Action, string? Reason, ExitReason? ExitReason, long? MonthlyIncomeFen);

public sealed record AssistanceInput(AssistanceType? Type, long? AmountFen, DateOnly? On, Guid? ChildMemberId, string? Goods, string? HandedOverBy, string? Note);

public sealed record FileFilter(HardshipGrade? Grade, HardshipCause? Cause, string? District, FileStatus? Status, string? Due, string? Q, bool ActiveOnly = false);

public sealed record FileRow(Guid Id, string FileNo, string WorkerName, string WorkerIdMasked, string DistrictCode, string UnitName, HardshipGrade Grade,
    FileStatus Status, long CauseFlags, long PerPersonIncomeFen, DateTimeOffset FiledAt, DateTimeOffset? ReverifyDueAt, DateTimeOffset? VisitDueAt,
    bool ReverifyOverdue, bool VisitOverdue);

public sealed record MemberView(Guid Id, string Name, Relation Relation, string IdMasked, DateOnly BirthDate, HealthStatus Health, WorkStatus Work, string? School, long MonthlyIncomeFen);
public sealed record EventView(DateTimeOffset At, string Actor, string Kind, FileStatus? From, FileStatus? To, string? Note);
public sealed record DocumentView(Guid Id, string Kind, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt, string UploadedBy);
public sealed record AssistanceView(Guid Id, AssistanceType Type, long AmountFen, DateOnly On, string Fund, Guid? ChildMemberId, string? Goods, string HandedOverBy,
    string? Note, AssistanceStatus Status, Guid? LedgerEntryId, DateTimeOffset? PaidAt);

public sealed record FileDetail(Guid Id, string FileNo, Guid OrgUnitId, string UnitName, string DistrictCode, string WorkerName, string WorkerIdMasked, string? PhoneMasked,
    string? Address, long MonthlyIncomeFen, int HouseholdSize, long PerPersonIncomeFen, HardshipCause[] Causes, HardshipGrade Grade, string EligibilityRule,
    int AssessedYear, FileStatus Status, bool IsActive, DateTimeOffset FiledAt, DateTimeOffset? NoticeEndsAt, int OpenObjections, DateTimeOffset? ApprovedAt,
    DateTimeOffset? LastVerifiedAt, DateTimeOffset? ReverifyDueAt, bool ReverifyOverdue, string ContactName, DateTimeOffset? LastVisitAt, DateTimeOffset? VisitDueAt,
    bool VisitOverdue, ExitReason? ExitReason, DateTimeOffset? ExitedAt, DateTimeOffset? FollowUpUntil, FileAction[] AvailableActions,
    List<MemberView> Household, List<DocumentView> Documents, List<EventView> History, List<AssistanceView> Assistance);

/// <summary>A file with its grassroots union's name, as scoped queries return it.</summary>
public sealed class FileWithUnit
{
    public required HardshipFile File { get; init; }
    public required string UnitName { get; init; }
}

/// <summary>The hardship use cases; endpoints and pages both call these, so the rules and the scope are checked in one place.</summary>
public sealed partial class HardshipService(GonghuiDb db, CurrentUser me, HardshipRuleBook rules, PersonalDataProtector protector, TimeProvider clock, IServiceProvider services)
{
    public HardshipRuleBook Rules => rules;

    /// <summary>Refused on eligibility: the outcome's argument is the result, so the explanation can name its figures.</summary>
    private static Outcome<T> Ineligible<T>(EligibilityResult e) => Outcome<T>.Invalid("eligibility", e.Rule, e);
    public const string DuplicatePerson = "file.duplicatePerson";
    public const string LedgerUnavailable = "assistance.ledgerUnavailable";
    public const string InsufficientBudget = "assistance.insufficientBudget";
    public const string LedgerRefused = "assistance.ledgerRefused";
    public const string Concurrent = "file.concurrentChange";
    public const string SourceType = "HardshipAssistance";
    // A path prefix no unit has (PostgreSQL refuses the NUL character, so no "\0" sentinel here).
    private const string NoScope = "//no-scope/";

    public ActorLevel Level =>
        me.IsInRole(Roles.FederationAdmin) ? ActorLevel.Federation :
        me.IsInRole(Roles.DistrictStaff) ? ActorLevel.District :
        me.IsInRole(Roles.GrassrootsStaff) ? ActorLevel.Grassroots : ActorLevel.None;

    public bool IsEvaluator => me.IsInRole(Roles.Evaluator);

    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Files whose grassroots unit is in the caller's subtree, with the unit's name. Hotline agents and evaluators get nothing here.</summary>
    public async Task<IQueryable<FileWithUnit>> ScopedAsync(CancellationToken ct)
    {
        var scope = Level == ActorLevel.None ? NoScope : await me.ScopePathAsync(ct);
        return from f in db.Set<HardshipFile>()
               join u in db.UnitRows().InScope(scope, u => u.Path) on f.OrgUnitId equals u.Id
               select new FileWithUnit { File = f, UnitName = u.Name };
    }

    private async Task<IQueryable<HardshipFile>> ScopedFilesAsync(CancellationToken ct)
    {
        var scope = Level == ActorLevel.None ? NoScope : await me.ScopePathAsync(ct);
        return from f in db.Set<HardshipFile>()
               join u in db.UnitRows().InScope(scope, u => u.Path) on f.OrgUnitId equals u.Id
               select f;
    }

    // ---------------------------------------------------------------- eligibility and filing

    public EligibilityResult Evaluate(int year, string? district, long monthlyIncome, int size, IReadOnlyCollection<HardshipCause> causes) =>
        Eligibility.Evaluate(new HouseholdFacts(year, district, monthlyIncome, size, causes), rules);

    private sealed record Person(string Name, Relation Relation, ResidentIdInfo Id, HealthStatus Health, WorkStatus Work, string? School, long Income);

    /// <summary>The open grassroots unions in the caller's subtree a new file may be filed under (the filing form's choices).</summary>
    public async Task<List<UnitRow>> FilingUnitsAsync(CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        return await db.UnitRows().InScope(scope, u => u.Path).Where(u => u.Kind == OrgUnitKind.GrassrootsUnion && !u.IsClosed)
            .OrderBy(u => u.Path).Take(500).ToListAsync(ct);
    }

    public async Task<Outcome<FileDetail>> CreateFileAsync(FileInput input, CancellationToken ct)
    {
        var errors = new List<(string Field, string Code)>();
        void Err(string f, string c) => errors.Add((f, c));
        if (Level == ActorLevel.None) return Outcome<FileDetail>.NotFound();

        UnitRow? unit = null;
        if (input.OrgUnitId is null) Err("orgUnitId", "field.required");
        else
        {
            var scope = await me.ScopePathAsync(ct);
            unit = await db.UnitRows().InScope(scope, u => u.Path).FirstOrDefaultAsync(u => u.Id == input.OrgUnitId, ct);
            if (unit is null) Err("orgUnitId", "file.unitNotInScope");
        }
        UnitRow? district = null;
        if (unit is not null)
        {
            var segments = unit.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var code = segments.Length >= 2 ? segments[1] : null;
            district = code is null ? null : await db.UnitRows().FirstOrDefaultAsync(u => u.Code == code && u.Kind == OrgUnitKind.DistrictUnion, ct);
            if (district?.DistrictCode is null) Err("orgUnitId", "file.unitNotInDistrict");
        }
        if (string.IsNullOrWhiteSpace(input.WorkerName) || input.WorkerName.Trim().Length > 100) Err("workerName", "field.required");
        var people = new List<Person>();
        if (!ResidentId.TryParse(input.WorkerIdNumber, out var workerId, out var idErr)) Err("workerIdNumber", idErr);
        else people.Add(new Person(input.WorkerName?.Trim() ?? "", Relation.Self, workerId, input.WorkerHealth ?? HealthStatus.Healthy, WorkStatus.Employed, null, 0));
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(input.Phone))
        {
            if (!MobilePhone.TryParse(input.Phone, out var p)) Err("phone", "field.phoneInvalid");
            else phone = p;
        }
        if (input.MonthlyIncomeFen is null or < 0) Err("monthlyIncomeFen", "field.incomeInvalid");
        if (string.IsNullOrWhiteSpace(input.ContactName)) Err("contactName", "field.required");
        var members = input.Members ?? [];
        for (var i = 0; i < members.Count; i++)
        {
            var m = members[i];
            if (string.IsNullOrWhiteSpace(m.Name)) Err($"members[{i}].name", "field.required");
            if (m.Relation is null or Relation.Self) Err($"members[{i}].relation", "field.relationInvalid");
            if (!ResidentId.TryParse(m.IdNumber, out var mid, out var mErr)) Err($"members[{i}].idNumber", mErr);
            else if (people.Any(p => p.Id.Number == mid.Number)) Err($"members[{i}].idNumber", "file.personTwiceInHousehold");
            else people.Add(new Person(m.Name?.Trim() ?? "", m.Relation ?? Relation.Other, mid, m.Health ?? HealthStatus.Healthy, m.Work ?? WorkStatus.Other, m.School?.Trim(), m.MonthlyIncomeFen ?? 0));
            if (m.MonthlyIncomeFen is < 0) Err($"members[{i}].monthlyIncomeFen", "field.incomeInvalid");
        }
        var year = input.Year ?? BeijingTime.DateOf(Now).Year;
        if (errors.Count > 0) return Outcome<FileDetail>.Invalid(errors);

        var causes = (input.Causes ?? []).Distinct().ToList();
        var eligibility = Evaluate(year, district!.DistrictCode, input.MonthlyIncomeFen!.Value, 1 + members.Count, causes);
        if (!eligibility.Eligible) return Ineligible<FileDetail>(eligibility);

        var hashes = people.Select(p => protector.Hash(p.Id.Number)).ToList();
        var dup = await DuplicateAsync(hashes, null, ct);
        if (dup is not null) return Outcome<FileDetail>.Conflict(DuplicatePerson, dup);

        var file = HardshipFile.File(unit!.Id, district.Id, district.DistrictCode!, input.MemberId, input.WorkerName!.Trim(), ResidentId.Mask(workerId.Number),
            phone is null ? null : protector.Encrypt(phone), phone is null ? null : MobilePhone.Mask(phone), input.Address?.Trim(),
            input.MonthlyIncomeFen.Value, 1 + members.Count, causes, eligibility, year, input.ContactName!.Trim(), me.Name, Now);
        db.Add(file);
        foreach (var p in people)
            db.Add(HouseholdMember.Create(file.Id, p.Name, p.Relation, protector.Encrypt(p.Id.Number), protector.Hash(p.Id.Number), ResidentId.Mask(p.Id.Number),
                p.Id.BirthDate, p.Health, p.Work, p.School, p.Income));
        db.Add(HardshipEvent.Create(file.Id, Now, me.Name, "Filed", null, FileStatus.Filed, eligibility.Rule));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            // Two filings raced for the same person: the unique index on the active ID hash let only one through.
            db.ChangeTracker.Clear();
            return Outcome<FileDetail>.Conflict(DuplicatePerson, await DuplicateAsync(hashes, null, ct));
        }
        return Outcome<FileDetail>.Ok((await DetailAsync(file.Id, ct))!);
    }

    /// <summary>The (masked) unit holding an active file for any of these people, or null.</summary>
    private async Task<string?> DuplicateAsync(IReadOnlyCollection<string> hashes, Guid? exceptFile, CancellationToken ct)
    {
        var hit = await (from m in db.Set<HouseholdMember>().AsNoTracking()
                         join f in db.Set<HardshipFile>() on m.FileId equals f.Id
                         join u in db.UnitRows() on f.OrgUnitId equals u.Id
                         where m.ActiveIdHash != null && hashes.Contains(m.ActiveIdHash) && f.Id != exceptFile
                         select new { u.Name, f.DistrictCode, m.IdMasked }).FirstOrDefaultAsync(ct);
        if (hit is null) return null;
        var districtName = Organizations.Public.BeijingDistricts.NameOf(hit.DistrictCode) ?? hit.DistrictCode;
        return $"{hit.IdMasked} · {districtName} · {MaskUnit(hit.Name)}";
    }

    /// <summary>北京市**工会: the first two and last two characters of a unit name, the middle hidden.</summary>
    public static string MaskUnit(string name) =>
        name.Length <= 4 ? new string('*', name.Length) : string.Concat(name.AsSpan(0, 2), new string('*', Math.Min(6, name.Length - 4)), name.AsSpan(name.Length - 2));

    // ---------------------------------------------------------------- reading

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

    /// <summary>The review queue: files waiting for a step at the caller's level.</summary>
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

    public async Task<List<FileRow>> QueueAsync(CancellationToken ct)
    {
        var now = Now;
        var q = await QueueQueryAsync(ct);
        return await q.OrderBy(x => x.File.FiledAt).Take(500)
            .Select(x => new FileRow(x.File.Id, x.File.FileNo, x.File.WorkerName, x.File.WorkerIdMasked, x.File.DistrictCode, x.UnitName, x.File.Grade,
                x.File.Status, x.File.CauseFlags, x.File.PerPersonIncomeFen, x.File.FiledAt, x.File.NoticeEndsAt, x.File.VisitDueAt, false, false))
            .ToListAsync(ct);
    }

    // ---------------------------------------------------------------- workflow

    public async Task<Outcome<FileDetail>> TransitionAsync(Guid id, TransitionInput input, string? idempotencyKey, CancellationToken ct)
    {
        if (input.Action is not { } action) return Outcome<FileDetail>.Invalid("action", "field.required");
        var file = await (await ScopedFilesAsync(ct)).FirstOrDefaultAsync(f => f.Id == id, ct);
        if (file is null) return Outcome<FileDetail>.NotFound();
        if (!string.IsNullOrEmpty(idempotencyKey)
            && await db.Set<HardshipEvent>().AnyAsync(e => e.FileId == id && e.IdempotencyKey == idempotencyKey, ct))
            return Outcome<FileDetail>.Ok((await DetailAsync(id, ct))!);

        var decision = HardshipWorkflow.Decide(action, new TransitionContext(file.Status, Level, Now, file.NoticeEndsAt, file.OpenObjections, input.Reason, input.ExitReason));
        if (!decision.Ok) return Outcome<FileDetail>.Conflict(decision.Error!);
        var from = file.Status;
        var household = await db.Set<HouseholdMember>().Where(m => m.FileId == id).ToListAsync(ct);

        if (action is FileAction.Reverify or FileAction.ReEnter && input.MonthlyIncomeFen is { } income)
        {
            if (income < 0) return Outcome<FileDetail>.Invalid("monthlyIncomeFen", "field.incomeInvalid");
            var year = BeijingTime.DateOf(Now).Year;
            var e = Evaluate(year, file.DistrictCode, income, household.Count, file.Causes.ToList());
            if (!e.Eligible) return Ineligible<FileDetail>(e);
            file.Reassess(income, household.Count, file.Causes, e, year, Now);
        }
        if (action == FileAction.ReEnter)
        {
            var dup = await DuplicateAsync(household.Select(m => m.IdHash).ToList(), id, ct);
            if (dup is not null) return Outcome<FileDetail>.Conflict(DuplicatePerson, dup);
        }

        file.Apply(action, decision.To!.Value, Now, rules, input.ExitReason);
        foreach (var m in household) m.SetActive(file.IsActive);
        var note = action == FileAction.ProposeExit ? $"{input.ExitReason}: {input.Reason}" : input.Reason;
        db.Add(HardshipEvent.Create(id, Now, me.Name, action.ToString(), from, file.Status, note, string.IsNullOrEmpty(idempotencyKey) ? null : idempotencyKey));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<FileDetail>.Conflict(Concurrent); }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (!string.IsNullOrEmpty(idempotencyKey) && await db.Set<HardshipEvent>().AnyAsync(e => e.FileId == id && e.IdempotencyKey == idempotencyKey, ct))
                return Outcome<FileDetail>.Ok((await DetailAsync(id, ct))!);
            return Outcome<FileDetail>.Conflict(action == FileAction.ReEnter ? DuplicatePerson : Concurrent);
        }
        return Outcome<FileDetail>.Ok((await DetailAsync(id, ct))!);
    }

    public async Task<Outcome<FileDetail>> RecordVisitAsync(Guid id, DateOnly? on, string? note, CancellationToken ct)
    {
        var file = await (await ScopedFilesAsync(ct)).FirstOrDefaultAsync(f => f.Id == id, ct);
        if (file is null) return Outcome<FileDetail>.NotFound();
        if (string.IsNullOrWhiteSpace(note)) return Outcome<FileDetail>.Invalid("note", "field.required");
        var today = BeijingTime.DateOf(Now);
        var day = on ?? today;
        if (day > today) return Outcome<FileDetail>.Invalid("on", "field.dateInFuture");
        var at = HardshipWorkflow.LocalNoon(day);
        file.RecordVisit(at, rules, Now);
        db.Add(HardshipEvent.Create(id, Now, me.Name, "Visit", null, null, $"{day:yyyy-MM-dd} {note.Trim()}"));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<FileDetail>.Conflict(Concurrent); }
        return Outcome<FileDetail>.Ok((await DetailAsync(id, ct))!);
    }

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

    // ---------------------------------------------------------------- assistance and payment

    public async Task<Outcome<AssistanceView>> ApproveAssistanceAsync(Guid fileId, AssistanceInput input, string? idempotencyKey, CancellationToken ct, Guid? applicationId = null)
    {
        var file = await (await ScopedFilesAsync(ct)).FirstOrDefaultAsync(f => f.Id == fileId, ct);
        if (file is null) return Outcome<AssistanceView>.NotFound();
        if (!string.IsNullOrEmpty(idempotencyKey))
        {
            var again = await db.Set<HardshipAssistance>().AsNoTracking().FirstOrDefaultAsync(a => a.IdempotencyKey == idempotencyKey && a.FileId == fileId, ct);
            if (again is not null) return Outcome<AssistanceView>.Ok(View(again));
        }
        if (input.Type is not { } type) return Outcome<AssistanceView>.Invalid("type", "field.required");
        if (input.AmountFen is not { } amount) return Outcome<AssistanceView>.Invalid("amountFen", "field.required");
        if (string.IsNullOrWhiteSpace(input.HandedOverBy)) return Outcome<AssistanceView>.Invalid("handedOverBy", "field.required");
        var today = BeijingTime.DateOf(Now);
        var on = input.On ?? today;
        if (on > today) return Outcome<AssistanceView>.Invalid("on", "field.dateInFuture");
        if (input.ChildMemberId is { } child
            && !await db.Set<HouseholdMember>().AnyAsync(m => m.Id == child && m.FileId == fileId && (m.Relation == Relation.Child || m.Relation == Relation.Grandchild), ct))
            return Outcome<AssistanceView>.Invalid("childMemberId", "assistance.notAChildOfHousehold");

        var history = (await db.Set<HardshipAssistance>().AsNoTracking().Where(a => a.FileId == fileId && a.Status != AssistanceStatus.Cancelled)
            .Select(a => new { a.Type, a.AmountFen, a.On, a.ChildMemberId }).ToListAsync(ct))
            .Select(a => new PriorAssistance(a.Type, a.AmountFen, a.On, a.ChildMemberId?.ToString("N")));
        var decision = AssistanceRules.Check(new AssistanceRequest(type, file.Grade, file.Status, amount, on, input.ChildMemberId?.ToString("N")), history, rules);
        if (!decision.Ok) return Outcome<AssistanceView>.Conflict(decision.Refusal!, new Fen(decision.StandardFen).ToString());

        var a = HardshipAssistance.Approve(fileId, type, amount, on, decision.Fund!, input.ChildMemberId, input.Goods?.Trim(), input.HandedOverBy.Trim(),
            input.Note?.Trim(), string.IsNullOrEmpty(idempotencyKey) ? null : idempotencyKey, applicationId, me.Name, Now);
        db.Add(a);
        // Serialises assistance per household: a concurrent approval of the same file fails its version check instead of slipping past the cap.
        file.Bump(Now);
        if (type is AssistanceType.WarmthCash or AssistanceType.WarmthGoods)
            file.RecordVisit(HardshipWorkflow.LocalNoon(on), rules, Now);
        db.Add(HardshipEvent.Create(fileId, Now, me.Name, "Assistance", null, null, $"{type} {new Fen(amount)} {input.Goods}".Trim()));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<AssistanceView>.Conflict(Concurrent); }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var again = string.IsNullOrEmpty(idempotencyKey) ? null
                : await db.Set<HardshipAssistance>().AsNoTracking().FirstOrDefaultAsync(x => x.IdempotencyKey == idempotencyKey && x.FileId == fileId, ct);
            return again is null ? Outcome<AssistanceView>.Conflict(Concurrent) : Outcome<AssistanceView>.Ok(View(again));
        }
        return Outcome<AssistanceView>.Ok(View(a));
    }

    internal static AssistanceView View(HardshipAssistance a) =>
        new(a.Id, a.Type, a.AmountFen, a.On, a.Fund, a.ChildMemberId, a.Goods, a.HandedOverBy, a.Note, a.Status, a.LedgerEntryId, a.PaidAt);

    /// <summary>
    /// Pays an approved piece of assistance through the fund ledger. The ledger pays a source at most once and the
    /// idempotency key is derived from the record, so a retry or a concurrent second request never pays twice.
    /// </summary>
    public async Task<Outcome<AssistanceView>> PayAsync(Guid assistanceId, CancellationToken ct)
    {
        var scoped = await ScopedFilesAsync(ct);
        var a = await db.Set<HardshipAssistance>().FirstOrDefaultAsync(x => x.Id == assistanceId && scoped.Any(f => f.Id == x.FileId), ct);
        if (a is null) return Outcome<AssistanceView>.NotFound();
        if (a.Status == AssistanceStatus.Paid) return Outcome<AssistanceView>.Ok(View(a));
        if (a.Status == AssistanceStatus.Cancelled) return Outcome<AssistanceView>.Conflict(HardshipWorkflow.IllegalTransition);
        // Four-eyes: above the threshold the person who approved the assistance (CreatedBy) may not also pay it.
        if (!FourEyes.Allows(a.AmountFen, FourEyes.ThresholdFen(services.GetRequiredService<IConfiguration>()), a.CreatedBy, me.Name))
            return Outcome<AssistanceView>.Conflict(FourEyes.Code);
        var file = await db.Set<HardshipFile>().AsNoTracking().FirstAsync(f => f.Id == a.FileId, ct);
        var ledger = services.GetService<IFundLedger>();
        if (ledger is null) return Outcome<AssistanceView>.Conflict(LedgerUnavailable);
        var source = new SourceRef(SourceType, a.Id);
        var result = await ledger.PayAsync(a.Fund, file.DistrictUnitId, a.Year, new Fen(a.AmountFen), source, $"hardship-assistance:{a.Id:N}", ct);
        // A concurrent request for the same record may have won the race inside the ledger: its payment is ours.
        if (result.Code == LedgerCodes.Refused && await ledger.PaymentOfAsync(source, ct) is { } won && won.Amount.Value == a.AmountFen)
            result = Outcome<Guid>.Ok(won.Id, replayed: true);
        switch (result)
        {
            case { IsOk: true }:
                a.MarkPaid(result.Value, Now);
                if (!result.Replayed)
                    db.Add(HardshipEvent.Create(a.FileId, Now, me.Name, "Paid", null, null, $"{a.Type} {new Fen(a.AmountFen)} ({a.Fund})"));
                try { await db.SaveChangesAsync(ct); }
                catch (DbUpdateException) { db.ChangeTracker.Clear(); }
                return Outcome<AssistanceView>.Ok(View(a));
            case { Code: LedgerCodes.InsufficientBudget }:
                return Outcome<AssistanceView>.Conflict(InsufficientBudget, result.Detail);
            default:
                return Outcome<AssistanceView>.Conflict(LedgerRefused, result.Detail);
        }
    }

    // ---------------------------------------------------------------- export

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
