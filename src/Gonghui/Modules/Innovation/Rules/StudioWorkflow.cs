namespace Gonghui.Modules.Innovation.Rules;

/// <summary>劳模创新工作室 / 职工创新工作室 / 工匠创新工作室.</summary>
public enum StudioKind { ModelWorker = 1, Worker = 2, Craftsman = 3 }

/// <summary>The level a studio is recognised at (国家级, 市级示范性, 市级, 区/局/集团(公司)级, 基层).</summary>
public enum StudioLevel { National = 1, MunicipalModel = 2, Municipal = 3, District = 4, Grassroots = 5 }

public enum StudioStatus
{
    Applied = 1,          // the owning unit reviews
    UnitReviewed = 2,     // the district (or industry) union reviews
    DistrictReviewed = 3, // the federation reviews
    InPublicity = 4,      // 公示: 5 working days of the platform calendar
    Recognised = 5,       // 命名
    Rejected = 6,
    Revoked = 7,          // 撤销, with a reason
}

public enum StudioAction { UnitApprove = 1, DistrictApprove = 2, FederationApprove = 3, Recognise = 4, Reject = 5, Revoke = 6 }

/// <summary>Who may act: the owning (grassroots) unit, the district, the federation. A higher level may do a lower level's step.</summary>
public enum ReviewLevel { None = 0, Unit = 1, District = 2, Federation = 3 }

public sealed record StudioVerdict(StudioStatus? To, string? Error)
{
    public bool Ok => Error is null;
    public static StudioVerdict Go(StudioStatus to) => new(to, null);
    public static StudioVerdict No(string code) => new(null, code);
}

/// <summary>The recognition workflow of a studio as a pure state machine (application → unit → district → federation → publicity → recognised).</summary>
public static class StudioWorkflow
{
    public const int PublicityWorkingDays = 5;
    public const string IllegalTransition = "workflow.illegalTransition";
    public const string NotAllowedForLevel = "workflow.levelNotAllowed";
    public const string ReasonRequired = "workflow.reasonRequired";
    public const string PublicityRunning = "workflow.publicityRunning";

    private static readonly Dictionary<(StudioStatus, StudioAction), (StudioStatus To, ReviewLevel Level)> Table = new()
    {
        [(StudioStatus.Applied, StudioAction.UnitApprove)] = (StudioStatus.UnitReviewed, ReviewLevel.Unit),
        [(StudioStatus.Applied, StudioAction.Reject)] = (StudioStatus.Rejected, ReviewLevel.Unit),
        [(StudioStatus.UnitReviewed, StudioAction.DistrictApprove)] = (StudioStatus.DistrictReviewed, ReviewLevel.District),
        [(StudioStatus.UnitReviewed, StudioAction.Reject)] = (StudioStatus.Rejected, ReviewLevel.District),
        [(StudioStatus.DistrictReviewed, StudioAction.FederationApprove)] = (StudioStatus.InPublicity, ReviewLevel.Federation),
        [(StudioStatus.DistrictReviewed, StudioAction.Reject)] = (StudioStatus.Rejected, ReviewLevel.Federation),
        [(StudioStatus.InPublicity, StudioAction.Recognise)] = (StudioStatus.Recognised, ReviewLevel.Federation),
        [(StudioStatus.InPublicity, StudioAction.Reject)] = (StudioStatus.Rejected, ReviewLevel.Federation),
        [(StudioStatus.Recognised, StudioAction.Revoke)] = (StudioStatus.Revoked, ReviewLevel.Federation),
    };

    public static bool IsOpen(StudioStatus s) => s is StudioStatus.Applied or StudioStatus.UnitReviewed or StudioStatus.DistrictReviewed or StudioStatus.InPublicity;

    /// <summary>The actions a level could take now (the page's buttons; <see cref="Decide"/> still checks timing and reasons).</summary>
    public static IEnumerable<StudioAction> Available(StudioStatus status, ReviewLevel actor) =>
        Table.Where(kv => kv.Key.Item1 == status && actor >= kv.Value.Level).Select(kv => kv.Key.Item2).OrderBy(a => a);

    /// <summary>
    /// Decides one step. Rejection and revocation need a reason; recognition waits until the publicity period is over
    /// (<paramref name="today"/> after <paramref name="publicityEndsOn"/>, the last of its working days).
    /// </summary>
    public static StudioVerdict Decide(StudioAction action, StudioStatus status, ReviewLevel actor, DateOnly today, DateOnly? publicityEndsOn, string? reason)
    {
        if (!Table.TryGetValue((status, action), out var t)) return StudioVerdict.No(IllegalTransition);
        if (actor < t.Level) return StudioVerdict.No(NotAllowedForLevel);
        if (action is StudioAction.Reject or StudioAction.Revoke && string.IsNullOrWhiteSpace(reason)) return StudioVerdict.No(ReasonRequired);
        if (action == StudioAction.Recognise && publicityEndsOn is { } end && today <= end) return StudioVerdict.No(PublicityRunning);
        return StudioVerdict.Go(t.To);
    }

    /// <summary>The last day of a publicity period that starts the day after <paramref name="start"/>: the 5th working day of the calendar.</summary>
    public static DateOnly PublicityEnd(DateOnly start, Gonghui.Platform.Calendars.WorkCalendar calendar) => calendar.AddWorkingDays(start, PublicityWorkingDays);
}

/// <summary>What a studio produced in one year.</summary>
public sealed record AnnualOutputs(int Year, int Patents, int Projects, int Trainees, long EconomicBenefitFen);

/// <summary>The checks on a studio's application and its annual review. Pure.</summary>
public static class StudioRules
{
    public const int MaxTeam = 50;

    /// <summary>Field errors of an application's own text and numbers (unit, leader and members are checked against the registry by the handler).</summary>
    public static IEnumerable<(string Field, string Code)> CheckApplication(string? name, StudioKind? kind, StudioLevel? level, string? field, int teamCount)
    {
        var n = name?.Trim() ?? "";
        if (n.Length < 2 || n.Length > 100) yield return ("name", "studio.name");
        if (kind is null || !Enum.IsDefined(kind.Value)) yield return ("kind", "studio.kind");
        if (level is null || !Enum.IsDefined(level.Value)) yield return ("level", "studio.level");
        var f = field?.Trim() ?? "";
        if (f.Length < 2 || f.Length > 50) yield return ("field", "studio.field");
        if (teamCount > MaxTeam) yield return ("memberIds", "studio.teamTooLarge");
    }

    /// <summary>Field errors of an annual review: a year the studio was recognised in or after, not in the future; no negative outputs.</summary>
    public static IEnumerable<(string Field, string Code)> CheckReview(int? year, int? patents, int? projects, int? trainees, long? benefitFen,
        DateOnly? recognisedOn, int currentYear)
    {
        if (year is null || year > currentYear || year < 2000) yield return ("year", "review.year");
        else if (recognisedOn is { } r && year < r.Year) yield return ("year", "review.beforeRecognition");
        if (patents is null or < 0 or > 10_000) yield return ("patents", "review.count");
        if (projects is null or < 0 or > 10_000) yield return ("projects", "review.count");
        if (trainees is null or < 0 or > 1_000_000) yield return ("trainees", "review.count");
        if (benefitFen is null or < 0) yield return ("economicBenefitFen", "review.benefit");
    }
}
