using Gonghui.Modules.Hardship.Rules;
using Gonghui.Platform.Audit;

namespace Gonghui.Modules.Hardship.Files;

public enum Relation { Self = 0, Spouse = 1, Child = 2, Parent = 3, Sibling = 4, Grandchild = 5, Other = 9 }
public enum HealthStatus { Healthy = 0, ChronicIllness = 1, SeriousIllness = 2, Disabled = 3 }
public enum WorkStatus { Employed = 0, Unemployed = 1, Retired = 2, Student = 3, PreSchool = 4, UnableToWork = 5, Other = 9 }

/// <summary>A needy worker's household file (在档困难职工档案). State changes go through <see cref="Apply"/>, which the workflow decides.</summary>
public sealed class HardshipFile : IAudited
{
    private HardshipFile() { }

    public Guid Id { get; private set; }
    public string FileNo { get; private set; } = "";
    public Guid OrgUnitId { get; private set; }
    public Guid DistrictUnitId { get; private set; }
    public string DistrictCode { get; private set; } = "";
    public Guid? MemberId { get; private set; }
    public string WorkerName { get; private set; } = "";
    public string WorkerIdMasked { get; private set; } = "";
    public string? PhoneCipher { get; private set; }
    public string? PhoneMasked { get; private set; }
    public string? Address { get; private set; }
    public long MonthlyIncomeFen { get; private set; }
    public int HouseholdSize { get; private set; }
    public long PerPersonIncomeFen { get; private set; }
    public long CauseFlags { get; private set; }
    public HardshipGrade Grade { get; private set; }
    public string EligibilityRule { get; private set; } = "";
    public int AssessedYear { get; private set; }
    public FileStatus Status { get; private set; }
    public bool IsActive { get; private set; }
    public DateTimeOffset FiledAt { get; private set; }
    public string FiledBy { get; private set; } = "";
    public DateTimeOffset? NoticeEndsAt { get; private set; }
    public int OpenObjections { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public DateTimeOffset? LastVerifiedAt { get; private set; }
    public DateTimeOffset? ReverifyDueAt { get; private set; }
    public string ContactName { get; private set; } = "";
    public DateTimeOffset? LastVisitAt { get; private set; }
    public DateTimeOffset? VisitDueAt { get; private set; }
    public ExitReason? ExitReason { get; private set; }
    public DateTimeOffset? ExitedAt { get; private set; }
    public DateTimeOffset? FollowUpUntil { get; private set; }
    public int Version { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public IEnumerable<HardshipCause> Causes => Enum.GetValues<HardshipCause>().Where(c => (CauseFlags & Flag(c)) != 0);
    public static long Flag(HardshipCause c) => 1L << ((int)c % 63);
    public static long Flags(IEnumerable<HardshipCause> causes) => causes.Aggregate(0L, (f, c) => f | Flag(c));

    public static HardshipFile File(Guid orgUnitId, Guid districtUnitId, string districtCode, Guid? memberId, string workerName, string workerIdMasked,
        string? phoneCipher, string? phoneMasked, string? address, long monthlyIncome, int size, IEnumerable<HardshipCause> causes,
        EligibilityResult eligibility, int year, string contactName, string by, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7();
        return new HardshipFile
        {
            Id = id, FileNo = $"KN{year}-{id.ToString("N")[^12..].ToUpperInvariant()}",
            OrgUnitId = orgUnitId, DistrictUnitId = districtUnitId, DistrictCode = districtCode, MemberId = memberId,
            WorkerName = workerName, WorkerIdMasked = workerIdMasked, PhoneCipher = phoneCipher, PhoneMasked = phoneMasked, Address = address,
            MonthlyIncomeFen = monthlyIncome, HouseholdSize = size, PerPersonIncomeFen = eligibility.PerPersonIncomeFen,
            CauseFlags = Flags(causes), Grade = eligibility.Grade ?? HardshipGrade.RelativeHardship, EligibilityRule = eligibility.Rule,
            AssessedYear = year, Status = FileStatus.Filed, IsActive = true, FiledAt = now, FiledBy = by, ContactName = contactName, UpdatedAt = now,
        };
    }

    /// <summary>Applies a transition the workflow has allowed; sets the dates each status carries.</summary>
    public void Apply(FileAction action, FileStatus to, DateTimeOffset now, HardshipRuleBook rules, ExitReason? exitReason)
    {
        switch (action)
        {
            case FileAction.DistrictAccept:
                NoticeEndsAt = HardshipWorkflow.EnrolmentNoticeEnd(now, rules.EnrolmentNoticeDays);
                OpenObjections = 0;
                break;
            case FileAction.RecordObjection:
                OpenObjections++;
                break;
            case FileAction.DismissObjection:
                OpenObjections--;
                break;
            case FileAction.UpholdObjection:
                OpenObjections = 0;
                NoticeEndsAt = null;
                break;
            case FileAction.CloseNotice:
            case FileAction.DistrictApproveExit:
                NoticeEndsAt = null;
                break;
            case FileAction.FederationApprove:
                ApprovedAt = LastVerifiedAt = now;
                ReverifyDueAt = DueDates.ReverifyDue(now, rules.ReverifyMonths);
                VisitDueAt = DueDates.VisitDue(LastVisitAt ?? now, rules.VisitIntervalMonths);
                break;
            case FileAction.Reverify:
                LastVerifiedAt = now;
                ReverifyDueAt = DueDates.ReverifyDue(now, rules.ReverifyMonths);
                break;
            case FileAction.ProposeExit:
                ExitReason = exitReason;
                break;
            case FileAction.CollectiveApproveExit:
                NoticeEndsAt = HardshipWorkflow.ExitNoticeEnd(now, rules.ExitNoticeWorkingDays, rules.Calendar);
                OpenObjections = 0;
                break;
            case FileAction.CollectiveRejectExit:
                ExitReason = null;
                break;
            case FileAction.RecordWrittenNotice:
                ExitedAt = now;
                FollowUpUntil = DueDates.FollowUpUntil(now, rules.FollowUpMonths);
                ReverifyDueAt = null;
                break;
            case FileAction.ReEnter:
                ExitReason = null; ExitedAt = null; FollowUpUntil = null; ApprovedAt = null; FiledAt = now;
                break;
        }
        if (to is FileStatus.Rejected) { NoticeEndsAt = null; ReverifyDueAt = null; VisitDueAt = null; }
        if (to is FileStatus.Exited) VisitDueAt = FollowUpUntil; // follow-up: one more visit within the follow-up period
        Status = to;
        IsActive = HardshipWorkflow.IsActive(to);
        Touch(now);
    }

    /// <summary>Re-assessment at re-entry or re-verification: income, size, causes and the grade the rule gives.</summary>
    public void Reassess(long monthlyIncome, int size, IEnumerable<HardshipCause> causes, EligibilityResult e, int year, DateTimeOffset now)
    {
        MonthlyIncomeFen = monthlyIncome; HouseholdSize = size; CauseFlags = Flags(causes);
        PerPersonIncomeFen = e.PerPersonIncomeFen; EligibilityRule = e.Rule; AssessedYear = year;
        if (e.Grade is { } g) Grade = g;
        Touch(now);
    }

    public void RecordVisit(DateTimeOffset at, HardshipRuleBook rules, DateTimeOffset now)
    {
        if (LastVisitAt is null || at > LastVisitAt) LastVisitAt = at;
        VisitDueAt = Status == FileStatus.Exited ? null : DueDates.VisitDue(LastVisitAt.Value, rules.VisitIntervalMonths);
        Touch(now);
    }

    public void SetContact(string name, DateTimeOffset now) { ContactName = name; Touch(now); }

    /// <summary>Bumps the version so two concurrent writers to one household (assistance within caps) cannot both win.</summary>
    public void Bump(DateTimeOffset now) => Touch(now);

    private void Touch(DateTimeOffset now) { UpdatedAt = now; Version++; }
}

/// <summary>A person in the household (the worker is the row with relation Self). ID number encrypted, hashed and masked.</summary>
public sealed class HouseholdMember
{
    private HouseholdMember() { }
    public Guid Id { get; private set; }
    public Guid FileId { get; private set; }
    public string Name { get; private set; } = "";
    public Relation Relation { get; private set; }
    public string IdCipher { get; private set; } = "";
    public string IdHash { get; private set; } = "";
    public string IdMasked { get; private set; } = "";
    /// <summary>The ID hash while the file is active, null otherwise: a unique index on it keeps a person in one active file city-wide.</summary>
    public string? ActiveIdHash { get; private set; }
    public DateOnly BirthDate { get; private set; }
    public HealthStatus Health { get; private set; }
    public WorkStatus Work { get; private set; }
    public string? School { get; private set; }
    public long MonthlyIncomeFen { get; private set; }

    public static HouseholdMember Create(Guid fileId, string name, Relation relation, string cipher, string hash, string masked, DateOnly birth,
        HealthStatus health, WorkStatus work, string? school, long income) =>
        new()
        {
            Id = Guid.CreateVersion7(), FileId = fileId, Name = name, Relation = relation, IdCipher = cipher, IdHash = hash, IdMasked = masked,
            ActiveIdHash = hash, BirthDate = birth, Health = health, Work = work, School = school, MonthlyIncomeFen = income,
        };

    public void SetActive(bool active) => ActiveIdHash = active ? IdHash : null;
}

/// <summary>One line in a file's history: a transition, an objection, a visit, a document, a payment.</summary>
public sealed class HardshipEvent
{
    private HardshipEvent() { }
    public Guid Id { get; private set; }
    public Guid FileId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Actor { get; private set; } = "";
    public string Kind { get; private set; } = "";
    public FileStatus? From { get; private set; }
    public FileStatus? To { get; private set; }
    public string? Note { get; private set; }
    /// <summary>The client's Idempotency-Key for a transition; unique per file, so a retried request acts once.</summary>
    public string? IdempotencyKey { get; private set; }

    public static HardshipEvent Create(Guid fileId, DateTimeOffset at, string actor, string kind, FileStatus? from, FileStatus? to, string? note, string? idempotencyKey = null) =>
        new() { Id = Guid.CreateVersion7(), FileId = fileId, At = at, Actor = actor, Kind = kind, From = from, To = to, Note = note, IdempotencyKey = idempotencyKey };
}

/// <summary>A supporting document or admission letter; the bytes are kept in the row (limits from data: 5 MB, PDF/JPEG/PNG).</summary>
public sealed class HardshipDocument
{
    private HardshipDocument() { }
    public Guid Id { get; private set; }
    public Guid FileId { get; private set; }
    public Guid? ApplicationId { get; private set; }
    public string Kind { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public byte[] Content { get; private set; } = [];
    public DateTimeOffset UploadedAt { get; private set; }
    public string UploadedBy { get; private set; } = "";

    public static HardshipDocument Create(Guid fileId, Guid? applicationId, string kind, string fileName, string contentType, byte[] content, string by, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(), FileId = fileId, ApplicationId = applicationId, Kind = kind, FileName = fileName, ContentType = contentType,
            Size = content.LongLength, Content = content, UploadedAt = now, UploadedBy = by,
        };
}
