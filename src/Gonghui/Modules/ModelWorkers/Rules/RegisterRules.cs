namespace Gonghui.Modules.ModelWorkers.Rules;

/// <summary>The honour: 劳动模范 (enterprise workers) or 先进工作者 (public institutions and offices).</summary>
public enum HonourKind { ModelWorker = 0, AdvancedWorker = 1 }

/// <summary>Who conferred it: the State Council (全国), a province or ministry (省部级), the city (北京市).</summary>
public enum HonourLevel { National = 0, Provincial = 1, Municipal = 2 }

/// <summary>What a care record is: a health check (体检), the yearly honour allowance (荣誉津贴), a hardship grant, a holiday visit (节日慰问).</summary>
public enum CareKind { HealthCheck = 0, HonourAllowance = 1, HardshipGrant = 2, HolidayVisit = 3 }

/// <summary>A care record's state: recorded; for money, paid through the ledger (or reversed there).</summary>
public enum CareStatus { Recorded = 0, Paid = 1, Reversed = 2 }

/// <summary>The checks on a register entry and on care records. Pure: no clock (the caller passes the year), no I/O.</summary>
public static class RegisterRules
{
    /// <summary>The first year the city conferred the title (1950, the first national conference of model workers).</summary>
    public const int FirstYear = 1950;
    public const int TitleMax = 60, EmployerMax = 200, OccupationMax = 60, NoteMax = 500;

    /// <summary>The yearly honour allowance by level, in fen (the federation's standard; a payment above it is refused).</summary>
    public static long AllowanceCapFen(HonourLevel level) => level switch
    {
        HonourLevel.National => 600_000,
        HonourLevel.Provincial => 400_000,
        _ => 300_000,
    };

    /// <summary>The largest single hardship grant or holiday-visit amount, in fen.</summary>
    public const long GrantCapFen = 2_000_000;

    /// <summary>The conventional title for a kind and level ("全国劳动模范", "北京市先进工作者").</summary>
    public static string DefaultTitle(HonourKind kind, HonourLevel level) =>
        (level switch { HonourLevel.National => "全国", HonourLevel.Provincial => "省部级", _ => "北京市" })
        + (kind == HonourKind.ModelWorker ? "劳动模范" : "先进工作者");

    /// <summary>Problems with a register entry (field, code), in the order of the form.</summary>
    public static List<(string Field, string Code)> CheckEntry(HonourKind? kind, HonourLevel? level, int? year, string? title, string? employer,
        string? occupation, int thisYear)
    {
        var e = new List<(string, string)>();
        if (kind is null || !Enum.IsDefined(kind.Value)) e.Add(("kind", "register.kind"));
        if (level is null || !Enum.IsDefined(level.Value)) e.Add(("level", "register.level"));
        if (year is null || year < FirstYear || year > thisYear) e.Add(("year", "register.year"));
        if (title?.Trim().Length > TitleMax) e.Add(("title", "register.title"));
        if (string.IsNullOrWhiteSpace(employer) || employer.Trim().Length > EmployerMax) e.Add(("employer", "register.employer"));
        if (string.IsNullOrWhiteSpace(occupation) || occupation.Trim().Length > OccupationMax) e.Add(("occupation", "register.occupation"));
        return e;
    }

    /// <summary>
    /// Problems with a care record: a date in the past year or earlier (never in the future); money only for money kinds, within
    /// the cap (honour allowance by level, grants by <see cref="GrantCapFen"/>); a health check carries no money but a result.
    /// </summary>
    public static List<(string Field, string Code)> CheckCare(CareKind? kind, DateOnly? on, long? amountFen, string? note, HonourLevel level, DateOnly today)
    {
        var e = new List<(string, string)>();
        if (kind is null || !Enum.IsDefined(kind.Value)) { e.Add(("kind", "care.kind")); return e; }
        if (on is null || on > today || on < today.AddYears(-5)) e.Add(("on", "care.date"));
        if (note?.Trim().Length > NoteMax) e.Add(("note", "care.note"));
        if (kind == CareKind.HealthCheck)
        {
            if (amountFen is not null and not 0) e.Add(("amountFen", "care.noMoney"));
            if (string.IsNullOrWhiteSpace(note)) e.Add(("note", "care.resultRequired"));
        }
        else if (amountFen is null || amountFen <= 0) e.Add(("amountFen", "care.amount"));
        else if (amountFen > CapFen(kind.Value, level)) e.Add(("amountFen", "care.aboveCap"));
        return e;
    }

    public static long CapFen(CareKind kind, HonourLevel level) => kind == CareKind.HonourAllowance ? AllowanceCapFen(level) : GrantCapFen;

    public static bool IsMoney(CareKind kind) => kind != CareKind.HealthCheck;

    /// <summary>The honour allowance is paid once per person and year: the key the unique index holds (null for other kinds).</summary>
    public static string? OncePerYearKey(CareKind kind, Guid modelWorkerId, int year) =>
        kind == CareKind.HonourAllowance ? $"{modelWorkerId:N}:{year}" : null;

    /// <summary>Whether a payment may be made now: only a recorded money record.</summary>
    public static string? PayRefusal(CareKind kind, CareStatus status) =>
        !IsMoney(kind) ? "care.notMoney" : status == CareStatus.Paid ? "care.alreadyPaid" : status != CareStatus.Recorded ? "care.notRecorded" : null;
}
