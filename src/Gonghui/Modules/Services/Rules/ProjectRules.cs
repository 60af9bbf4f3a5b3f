namespace Gonghui.Modules.Services.Rules;

/// <summary>The three tiers of the service system (三级服务体系): city (市级), district (区级) and street/grassroots (街道·基层).</summary>
public enum ServiceTier { City = 1, District = 2, Grassroots = 3 }

/// <summary>
/// A project's category: the four seasons (四季歌: 春送岗位, 夏送清凉, 秋送助学, 冬送温暖), the five sends (五送: policy, warmth,
/// culture, health, law) or other. Stored as their number.
/// </summary>
public enum ServiceCategory
{
    SpringJobs = 1, SummerCool = 2, AutumnSchool = 3, WinterWarmth = 4,
    SendPolicy = 11, SendWarmth = 12, SendCulture = 13, SendHealth = 14, SendLaw = 15,
    Other = 99,
}

/// <summary>Who a project serves.</summary>
public enum TargetGroup { AllMembers = 1, Needy = 2, FrontLine = 3, Female = 4, Migrant = 5, Retired = 6, Youth = 7, Other = 99 }

/// <summary>A project's life: applied → approved → delivering → delivered → accepted (with its evaluation); or rejected.</summary>
public enum ProjectStatus { Applied = 1, Approved = 2, Delivering = 3, Delivered = 4, Accepted = 5, Rejected = 9 }

public enum ProjectAction { Approve = 1, Reject = 2, StartDelivery = 3, FinishDelivery = 4, Accept = 5 }

/// <summary>The evaluation grade of an accepted project (验收评价) from its score.</summary>
public enum EvaluationGrade { Excellent = 1, Good = 2, Pass = 3, Fail = 4 }

/// <summary>What a project application says, for <see cref="ProjectRules.Validate"/>.</summary>
public sealed record ProjectDraft(string? Name, int? Year, ServiceCategory? Category, TargetGroup? TargetGroup, long? BudgetFen, int? PlannedVisits,
    DateOnly? StartsOn, DateOnly? EndsOn);

/// <summary>The three-tier management rules (管理办法) for service projects: pure functions, no I/O.</summary>
public static class ProjectRules
{
    /// <summary>The largest budget of one project: 10 million yuan.</summary>
    public const long MaxBudgetFen = 1_000_000_000;
    public const int MaxPlannedVisits = 5_000_000;
    public const int NameMax = 200;

    /// <summary>The tier of a project owned by a unit at <paramref name="depth"/> of the tree (0 the federation, 1 district or industry unions, deeper grassroots).</summary>
    public static ServiceTier TierOf(int depth) => depth switch
    {
        <= 0 => ServiceTier.City,
        1 => ServiceTier.District,
        _ => ServiceTier.Grassroots,
    };

    /// <summary>
    /// Which tier approves a project of <paramref name="tier"/>: a grassroots project its district union; a district project and a city
    /// project the federation. So the approver's unit is at depth <c>ApproverDepth</c> and covers the project's unit.
    /// </summary>
    public static int ApproverDepth(ServiceTier tier) => tier == ServiceTier.Grassroots ? 1 : 0;

    /// <summary>
    /// May a staff member whose unit is at <paramref name="approverDepth"/> and covers the project approve or reject it? The approving
    /// tier or above (a federation may approve a grassroots project), never the person who applied (four eyes, also for city projects).
    /// </summary>
    public static string? CanDecide(ServiceTier tier, int approverDepth, bool approverCoversProject, string approver, string appliedBy)
    {
        if (!approverCoversProject) return "project.outOfScope";
        if (approverDepth > ApproverDepth(tier)) return "project.approverTier";
        if (string.Equals(approver, appliedBy, StringComparison.Ordinal)) return "project.sameApplicant";
        return null;
    }

    /// <summary>The state machine: the status an action leads to from <paramref name="from"/>, or null when it is not allowed.</summary>
    public static ProjectStatus? Next(ProjectStatus from, ProjectAction action) => (from, action) switch
    {
        (ProjectStatus.Applied, ProjectAction.Approve) => ProjectStatus.Approved,
        (ProjectStatus.Applied, ProjectAction.Reject) => ProjectStatus.Rejected,
        (ProjectStatus.Approved, ProjectAction.StartDelivery) => ProjectStatus.Delivering,
        (ProjectStatus.Delivering, ProjectAction.FinishDelivery) => ProjectStatus.Delivered,
        (ProjectStatus.Delivered, ProjectAction.Accept) => ProjectStatus.Accepted,
        _ => null,
    };

    /// <summary>Whether visits may be recorded against a project in <paramref name="status"/>: only while it is delivered (approved and not yet accepted).</summary>
    public static bool TakesVisits(ProjectStatus status) => status is ProjectStatus.Approved or ProjectStatus.Delivering or ProjectStatus.Delivered;

    /// <summary>The fund a category's budget comes from: 秋送助学 from the education fund, everything else from the warmth fund (送温暖资金).</summary>
    public static string FundOf(ServiceCategory category) => category == ServiceCategory.AutumnSchool ? "education" : "warmth";

    /// <summary>The four seasons, the five sends or other (the statistics' category families).</summary>
    public static string FamilyOf(ServiceCategory c) => (int)c switch
    {
        >= 1 and <= 4 => "seasons",
        >= 11 and <= 15 => "fiveSends",
        _ => "other",
    };

    /// <summary>Field errors of an application (field, code), in form order.</summary>
    public static List<(string Field, string Code)> Validate(ProjectDraft d, int currentYear)
    {
        var errors = new List<(string, string)>();
        var name = d.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add(("name", "required"));
        else if (name.Length > NameMax) errors.Add(("name", "too-long"));
        if (d.Year is not { } year) errors.Add(("year", "required"));
        else if (year < 2000 || year > currentYear + 1) errors.Add(("year", "project.yearRange"));
        if (d.Category is not { } c || !Enum.IsDefined(c)) errors.Add(("category", "required"));
        if (d.TargetGroup is not { } g || !Enum.IsDefined(g)) errors.Add(("targetGroup", "required"));
        if (d.BudgetFen is not { } budget) errors.Add(("budgetFen", "required"));
        else if (budget < 0 || budget > MaxBudgetFen) errors.Add(("budgetFen", "project.budgetRange"));
        if (d.PlannedVisits is { } planned && (planned < 0 || planned > MaxPlannedVisits)) errors.Add(("plannedVisits", "project.plannedRange"));
        if (d.StartsOn is { } s && d.EndsOn is { } e && e < s) errors.Add(("endsOn", "project.endsBeforeStart"));
        if (d.Year is { } y && d.StartsOn is { } start && start.Year != y) errors.Add(("startsOn", "project.dateOutsideYear"));
        if (d.Year is { } y2 && d.EndsOn is { } end && end.Year != y2) errors.Add(("endsOn", "project.dateOutsideYear"));
        return errors;
    }

    /// <summary>What was spent must not exceed the approved budget (the ledger reserved exactly that).</summary>
    public static string? ValidateSpent(long? spentFen, long budgetFen) => spentFen switch
    {
        null => "required",
        < 0 => "project.spentRange",
        _ when spentFen > budgetFen => "project.spentOverBudget",
        _ => null,
    };

    /// <summary>
    /// The acceptance evaluation (验收评价): the score (0–100) gives the grade — 90 excellent, 75 good, 60 pass, below fail; a
    /// project that reached under half of its planned visits is graded at most "pass" (the plan was not delivered).
    /// </summary>
    public static EvaluationGrade Grade(int score, long visits, int plannedVisits)
    {
        var grade = score switch { >= 90 => EvaluationGrade.Excellent, >= 75 => EvaluationGrade.Good, >= 60 => EvaluationGrade.Pass, _ => EvaluationGrade.Fail };
        if (plannedVisits > 0 && visits * 2 < plannedVisits && grade < EvaluationGrade.Pass) grade = EvaluationGrade.Pass;
        return grade;
    }

    /// <summary>Visits reached against the plan in basis points (10,000 = 100 %); null without a plan.</summary>
    public static int? ReachBp(long visits, int plannedVisits) => plannedVisits <= 0 ? null : (int)Math.Min(int.MaxValue, visits * 10_000 / plannedVisits);
}
