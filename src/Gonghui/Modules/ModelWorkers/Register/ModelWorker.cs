using Gonghui.Modules.ModelWorkers.Rules;
using Gonghui.Platform.Audit;

namespace Gonghui.Modules.ModelWorkers.Register;

/// <summary>
/// A model worker or advanced worker (劳动模范/先进工作者) on the register: one row per person, linked to their member record
/// (the masked ID number and phone are read from the registry, never copied here), with their highest honour, the unit that
/// keeps them (scope path copied so scope is one indexed prefix), employer, occupation and innovation studio.
/// </summary>
public sealed class ModelWorker : IAudited
{
    private ModelWorker() { }

    public Guid Id { get; private set; }
    public Guid MemberId { get; private set; }
    public string Name { get; private set; } = "";
    public HonourKind Kind { get; private set; }
    public HonourLevel Level { get; private set; }
    public int Year { get; private set; }
    public string Title { get; private set; } = "";
    public Guid UnitId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public string? DistrictCode { get; private set; }
    public string Employer { get; private set; } = "";
    public string Occupation { get; private set; } = "";
    public Guid? StudioId { get; private set; }
    /// <summary>Takes part in the lecture programme (百位劳模宣讲团).</summary>
    public bool Lecturer { get; private set; }
    public DateTimeOffset RegisteredAt { get; private set; }
    public string RegisteredBy { get; private set; } = "";
    /// <summary>Bumped in SQL at the start of every scheduling of this speaker: the per-speaker lock (PostgreSQL row lock).</summary>
    public long LockVersion { get; private set; }

    public static ModelWorker Create(Guid memberId, string name, HonourKind kind, HonourLevel level, int year, string? title, Guid unitId, string scopePath,
        string? district, string employer, string occupation, Guid? studioId, bool lecturer, DateTimeOffset at, string by, Guid? id = null) => new()
    {
        Id = id ?? Guid.CreateVersion7(), MemberId = memberId, Name = name, Kind = kind, Level = level, Year = year,
        Title = string.IsNullOrWhiteSpace(title) ? RegisterRules.DefaultTitle(kind, level) : title.Trim(), UnitId = unitId, ScopePath = scopePath,
        DistrictCode = district, Employer = employer.Trim(), Occupation = occupation.Trim(), StudioId = studioId, Lecturer = lecturer,
        RegisteredAt = at, RegisteredBy = by,
    };

    public void Update(HonourKind kind, HonourLevel level, int year, string? title, string employer, string occupation, Guid? studioId, bool lecturer)
    {
        Kind = kind; Level = level; Year = year;
        Title = string.IsNullOrWhiteSpace(title) ? RegisterRules.DefaultTitle(kind, level) : title.Trim();
        Employer = employer.Trim(); Occupation = occupation.Trim(); StudioId = studioId; Lecturer = lecturer;
    }
}

/// <summary>A care or benefit record of a model worker: a health check, or money (allowance, grant, visit) paid through the fund ledger.</summary>
public sealed class CareRecord : IAudited
{
    private CareRecord() { }

    public Guid Id { get; private set; }
    public Guid ModelWorkerId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public CareKind Kind { get; private set; }
    public DateOnly On { get; private set; }
    public int Year { get; private set; }
    public long AmountFen { get; private set; }
    public string? Note { get; private set; }
    public CareStatus Status { get; private set; }
    /// <summary>"{worker}:{year}" for the honour allowance (unique: once a year), null otherwise.</summary>
    public string? OncePerYear { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public Guid? LedgerEntryId { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }
    public string? PaidBy { get; private set; }

    public static CareRecord Record(ModelWorker w, CareKind kind, DateOnly on, long amountFen, string? note, DateTimeOffset at, string by) => new()
    {
        Id = Guid.CreateVersion7(), ModelWorkerId = w.Id, ScopePath = w.ScopePath, Kind = kind, On = on, Year = on.Year,
        AmountFen = RegisterRules.IsMoney(kind) ? amountFen : 0, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        Status = CareStatus.Recorded, OncePerYear = RegisterRules.OncePerYearKey(kind, w.Id, on.Year), RecordedAt = at, RecordedBy = by,
    };

    public void MarkPaid(Guid entryId, DateTimeOffset at, string by) { Status = CareStatus.Paid; LedgerEntryId = entryId; PaidAt = at; PaidBy = by; }

    /// <summary>The ledger reversed the payment: the record says so (the once-a-year key is freed for a corrected payment).</summary>
    public void MarkReversed() { Status = CareStatus.Reversed; OncePerYear = null; }
}
