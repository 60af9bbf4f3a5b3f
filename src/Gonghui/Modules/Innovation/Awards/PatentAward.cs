using Gonghui.Platform.Audit;

namespace Gonghui.Modules.Innovation.Awards;

public enum AwardStatus { Submitted = 1, Approved = 2, Paid = 3, Rejected = 4, Reversed = 5 }

/// <summary>
/// A claim for the service-invention patent award (职务发明专利奖励) by the patent's first inventor. <see cref="ClaimedNumber"/>
/// holds the patent number while the claim stands (null once rejected): its unique index is "one award per patent, ever".
/// </summary>
public sealed class PatentAward : IAudited
{
    private PatentAward() { }

    public Guid Id { get; private set; }
    public string PatentNumber { get; private set; } = "";
    public string? ClaimedNumber { get; private set; }
    public string Title { get; private set; } = "";
    public DateOnly GrantedOn { get; private set; }
    public string Employer { get; private set; } = "";
    public Guid MemberId { get; private set; }
    public string InventorName { get; private set; } = "";
    public Guid UnitId { get; private set; }
    public string ScopePath { get; private set; } = "";
    /// <summary><see cref="Gonghui.Platform.Scope.ScopeFilter.DistrictOf"/> the path, kept with it: a district's list is an equality on
    /// this column, walked in order by the indexes (district, filed at, id) and (district, year, filed at, id).</summary>
    public string? ScopeDistrict { get; private set; }
    public Guid? StudioId { get; private set; }
    public bool FrontLine { get; private set; }
    public bool FirstInventor { get; private set; }
    public int Year { get; private set; }
    public long AmountFen { get; private set; }
    public AwardStatus Status { get; private set; }
    public DateTimeOffset FiledAt { get; private set; }
    public string FiledBy { get; private set; } = "";
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public string? RejectReason { get; private set; }
    public Guid? CommitEntryId { get; private set; }
    public Guid? PaymentEntryId { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }
    public Guid? ReversalEntryId { get; private set; }
    public string? ReversalReason { get; private set; }
    /// <summary>Bumped in SQL at the start of every decision: the per-award lock.</summary>
    public long LockVersion { get; private set; }

    public static PatentAward File(string number, string title, DateOnly grantedOn, string employer, Guid memberId, string inventor, Guid unitId, string scopePath,
        Guid? studioId, bool frontLine, bool firstInventor, int year, long amountFen, DateTimeOffset at, string by, Guid? id = null) => new()
    {
        Id = id ?? Guid.CreateVersion7(), PatentNumber = number, ClaimedNumber = number, Title = title, GrantedOn = grantedOn, Employer = employer, MemberId = memberId,
        InventorName = inventor, UnitId = unitId, ScopePath = scopePath, ScopeDistrict = Gonghui.Platform.Scope.ScopeFilter.DistrictOf(scopePath), StudioId = studioId, FrontLine = frontLine, FirstInventor = firstInventor, Year = year,
        AmountFen = amountFen, Status = AwardStatus.Submitted, FiledAt = at, FiledBy = by,
    };

    public void Approve(Guid commitEntryId, string by, DateTimeOffset at)
    {
        if (Status != AwardStatus.Submitted) throw new InvalidOperationException("award.notSubmitted");
        Status = AwardStatus.Approved; CommitEntryId = commitEntryId; DecidedBy = by; DecidedAt = at;
    }

    public void MarkPaid(Guid paymentEntryId, DateTimeOffset at)
    {
        if (Status != AwardStatus.Approved) throw new InvalidOperationException("award.notApproved");
        Status = AwardStatus.Paid; PaymentEntryId = paymentEntryId; PaidAt = at;
    }

    /// <summary>A rejected claim frees the patent number: the inventor may claim again with the error put right.</summary>
    public void Reject(string reason, string by, DateTimeOffset at)
    {
        if (Status != AwardStatus.Submitted) throw new InvalidOperationException("award.notSubmitted");
        Status = AwardStatus.Rejected; RejectReason = reason.Trim(); DecidedBy = by; DecidedAt = at; ClaimedNumber = null;
    }

    public void MarkReversed(Guid reversalEntryId, string reason)
    {
        if (Status != AwardStatus.Paid) throw new InvalidOperationException("payment.notPaid");
        Status = AwardStatus.Reversed; ReversalEntryId = reversalEntryId; ReversalReason = reason;
    }
}

/// <summary>An innovation project a studio submits for the project award (创新项目助推资金).</summary>
public sealed class InnovationProject : IAudited
{
    private InnovationProject() { }

    public Guid Id { get; private set; }
    public Guid StudioId { get; private set; }
    public string StudioName { get; private set; } = "";
    public Rules.StudioLevel StudioLevel { get; private set; }
    public string ScopePath { get; private set; } = "";
    public int Year { get; private set; }
    public string Title { get; private set; } = "";
    public string Summary { get; private set; } = "";
    public AwardStatus Status { get; private set; }
    public int ScoreCount { get; private set; }
    /// <summary>The experts' mean score in tenths (78.5 → 785).</summary>
    public int? MeanScoreTenths { get; private set; }
    public long AmountFen { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    public string SubmittedBy { get; private set; } = "";
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public string? RejectReason { get; private set; }
    public Guid? CommitEntryId { get; private set; }
    public Guid? PaymentEntryId { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }
    public Guid? ReversalEntryId { get; private set; }
    public string? ReversalReason { get; private set; }
    /// <summary>Bumped in SQL at the start of every decision: the per-project lock.</summary>
    public long LockVersion { get; private set; }

    public static InnovationProject Submit(Guid studioId, string studioName, Rules.StudioLevel level, string scopePath, int year, string title, string summary,
        DateTimeOffset at, string by, Guid? id = null) => new()
    {
        Id = id ?? Guid.CreateVersion7(), StudioId = studioId, StudioName = studioName, StudioLevel = level, ScopePath = scopePath, Year = year, Title = title,
        Summary = summary, Status = AwardStatus.Submitted, SubmittedAt = at, SubmittedBy = by,
    };

    public void Scored(int count, int? meanTenths) { ScoreCount = count; MeanScoreTenths = meanTenths; }

    public void Approve(long amountFen, Guid commitEntryId, string by, DateTimeOffset at)
    {
        if (Status != AwardStatus.Submitted) throw new InvalidOperationException("award.notSubmitted");
        Status = AwardStatus.Approved; AmountFen = amountFen; CommitEntryId = commitEntryId; DecidedBy = by; DecidedAt = at;
    }

    public void MarkPaid(Guid paymentEntryId, DateTimeOffset at)
    {
        if (Status != AwardStatus.Approved) throw new InvalidOperationException("award.notApproved");
        Status = AwardStatus.Paid; PaymentEntryId = paymentEntryId; PaidAt = at;
    }

    public void Reject(string reason, string by, DateTimeOffset at)
    {
        if (Status != AwardStatus.Submitted) throw new InvalidOperationException("award.notSubmitted");
        Status = AwardStatus.Rejected; RejectReason = reason.Trim(); DecidedBy = by; DecidedAt = at;
    }

    public void MarkReversed(Guid reversalEntryId, string reason)
    {
        if (Status != AwardStatus.Paid) throw new InvalidOperationException("payment.notPaid");
        Status = AwardStatus.Reversed; ReversalEntryId = reversalEntryId; ReversalReason = reason;
    }
}

/// <summary>One expert's score of a project (0–100); one per expert and project.</summary>
public sealed class ProjectScore : IAudited
{
    private ProjectScore() { }
    public Guid Id { get; private set; }
    public Guid ProjectId { get; private set; }
    public string Expert { get; private set; } = "";
    public int Score { get; private set; }
    public string? Comment { get; private set; }
    public DateTimeOffset At { get; private set; }

    public static ProjectScore Of(Guid projectId, string expert, int score, string? comment, DateTimeOffset at) =>
        new() { Id = Guid.CreateVersion7(), ProjectId = projectId, Expert = expert, Score = score, Comment = comment, At = at };
}
