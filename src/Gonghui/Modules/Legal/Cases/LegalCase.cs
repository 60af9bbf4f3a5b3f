using Gonghui.Modules.Legal.Rules;
using Gonghui.Platform.Audit;

namespace Gonghui.Modules.Legal.Cases;

/// <summary>
/// A legal-aid or mediation case (劳动争议调解与法律援助案件): the worker, the employer, the claims, the dated steps that start
/// and stop the statute's clocks, the lawyer or mediator, and how it ended. The handling union's organisation path scopes
/// who may see it. <see cref="NextDue"/> is the earliest running statutory deadline, kept on the row so that "my deadlines"
/// lists are an index walk; it is recomputed from the rules whenever a step changes.
/// </summary>
public sealed class LegalCase : IAudited
{
    private LegalCase() { }

    public Guid Id { get; private set; }
    public string Number { get; private set; } = "";
    public CaseType Type { get; private set; }
    public CaseChannel Channel { get; private set; }
    public Guid UnitId { get; private set; }
    public string ScopePath { get; private set; } = "";
    /// <summary>The district code of the handling union (the second segment of its path; empty for the federation itself).</summary>
    public string District { get; private set; } = "";
    public string Summary { get; private set; } = "";

    public string WorkerName { get; private set; } = "";
    public Guid? MemberId { get; private set; }
    public string? WorkerPhoneCipher { get; private set; }
    public string? WorkerPhoneHash { get; private set; }
    public string? WorkerPhoneMasked { get; private set; }
    /// <summary>Workers the case is for (a collective dispute is one case with several workers).</summary>
    public int Workers { get; private set; } = 1;

    public Guid? EmployerId { get; private set; }
    public string EmployerName { get; private set; } = "";
    /// <summary>The employer's unified social credit code, when known: the conflict check compares it (or the name).</summary>
    public string? EmployerCreditCode { get; private set; }
    public string? Industry { get; private set; }

    public DateOnly ReceivedOn { get; private set; }
    public DateOnly KnewOn { get; private set; }
    public DateOnly? EmploymentEndedOn { get; private set; }
    public DateOnly? MediationAppliedOn { get; private set; }
    public DateOnly? MediationEndedOn { get; private set; }
    public DateOnly? ArbitrationAppliedOn { get; private set; }
    public DateOnly? AcceptedOn { get; private set; }
    public bool ExtensionApproved { get; private set; }
    public DateOnly? AwardedOn { get; private set; }
    public DateOnly? ClosedOn { get; private set; }

    public DateOnly? NextDue { get; private set; }
    public string? NextDueCode { get; private set; }

    public Guid? LawyerId { get; private set; }
    public CaseDisposition? Outcome { get; private set; }
    public string? OutcomeNote { get; private set; }
    /// <summary>The worker's satisfaction, 1 (very dissatisfied) to 5 (very satisfied).</summary>
    public int? Satisfaction { get; private set; }
    public bool? ClosedInTime { get; private set; }
    public long ClaimedFen { get; private set; }
    public long RecoveredFen { get; private set; }

    /// <summary>The 12351 request the case came from (the hotline shows the case on it).</summary>
    public Guid? HotlineRequestId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    public bool IsClosed => ClosedOn is not null;
    public bool WageArrears(IEnumerable<LegalClaim> claims) => claims.Any(c => c.Kind == ClaimKind.WageArrears);

    public CaseDates Dates => new(ReceivedOn, MediationAppliedOn, MediationEndedOn, ArbitrationAppliedOn, AcceptedOn, ExtensionApproved, AwardedOn, ClosedOn);

    public static LegalCase Open(Guid id, string number, CaseType type, CaseChannel channel, Guid unitId, string scopePath, string summary,
        string workerName, Guid? memberId, (string Cipher, string Hash, string Masked)? phone, int workers,
        Guid? employerId, string employerName, string? employerCreditCode, string? industry,
        DateOnly receivedOn, DateOnly knewOn, DateOnly? employmentEndedOn, Guid? hotlineRequestId, DateTimeOffset at, string by) => new()
    {
        Id = id, Number = number, Type = type, Channel = channel, UnitId = unitId, ScopePath = scopePath, District = DistrictOf(scopePath), Summary = summary,
        WorkerName = workerName, MemberId = memberId, WorkerPhoneCipher = phone?.Cipher, WorkerPhoneHash = phone?.Hash, WorkerPhoneMasked = phone?.Masked,
        Workers = workers, EmployerId = employerId, EmployerName = employerName, EmployerCreditCode = employerCreditCode, Industry = industry,
        ReceivedOn = receivedOn, KnewOn = knewOn, EmploymentEndedOn = employmentEndedOn, HotlineRequestId = hotlineRequestId, CreatedAt = at, CreatedBy = by,
    };

    /// <summary>"/BJ/DC/DC0001/" → "DC"; "/BJ/" → "".</summary>
    public static string DistrictOf(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 ? parts[1] : "";
    }

    /// <summary>The dated steps as recorded (checked by <see cref="CaseRules.Validate"/> before).</summary>
    public void SetSteps(CaseDates d, DateOnly knewOn, DateOnly? employmentEndedOn)
    {
        MediationAppliedOn = d.MediationAppliedOn;
        MediationEndedOn = d.MediationEndedOn;
        ArbitrationAppliedOn = d.ArbitrationAppliedOn;
        AcceptedOn = d.AcceptedOn;
        ExtensionApproved = d.ExtensionApproved;
        AwardedOn = d.AwardedOn;
        KnewOn = knewOn;
        EmploymentEndedOn = employmentEndedOn;
    }

    public void SetNextDue(Deadline? next)
    {
        NextDue = next?.Due;
        NextDueCode = next?.Period.Code;
    }

    public void SetAmounts(long claimed, long recovered)
    {
        ClaimedFen = claimed;
        RecoveredFen = recovered;
    }

    public void Assign(Guid lawyerId) => LawyerId = lawyerId;

    public void Close(CaseDisposition outcome, DateOnly closedOn, string? note, int? satisfaction, bool? inTime)
    {
        Outcome = outcome;
        ClosedOn = closedOn;
        OutcomeNote = note;
        Satisfaction = satisfaction;
        ClosedInTime = inTime;
        NextDue = null;
        NextDueCode = null;
    }
}

/// <summary>One claim of a case, in fen: claimed, and recovered once the case ends.</summary>
public sealed class LegalClaim : IAudited
{
    private LegalClaim() { }
    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public ClaimKind Kind { get; private set; }
    public long ClaimedFen { get; private set; }
    public long? RecoveredFen { get; private set; }
    public string? OverClaimReason { get; private set; }

    public static LegalClaim Of(Guid caseId, ClaimKind kind, long claimedFen) =>
        new() { Id = Guid.CreateVersion7(), CaseId = caseId, Kind = kind, ClaimedFen = claimedFen };

    public void Recover(long? fen, string? reason)
    {
        RecoveredFen = fen;
        OverClaimReason = reason;
    }
}

/// <summary>An interruption or suspension of the limitation, as the worker or the lawyer reported it.</summary>
public sealed class LimitationEventRow : IAudited
{
    private LimitationEventRow() { }
    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public LimitationEventKind Kind { get; private set; }
    public DateOnly On { get; private set; }
    public DateOnly? Until { get; private set; }
    public string? Note { get; private set; }

    public static LimitationEventRow Of(Guid caseId, LimitationEventKind kind, DateOnly on, DateOnly? until, string? note) =>
        new() { Id = Guid.CreateVersion7(), CaseId = caseId, Kind = kind, On = on, Until = until, Note = note };

    public LimitationEvent ToRule() => new(Kind, On, Until);
}
