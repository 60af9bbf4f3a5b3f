namespace Gonghui.Modules.Innovation.Rules;

/// <summary>
/// The innovation fund's rules as data (DESIGN §6; configurable under <c>Gonghui:Innovation:Awards</c>): 3,000 yuan for each
/// service-invention patent to its first inventor, who must be a front-line worker and a member, the patent granted within
/// the award year; per project of a studio, 100,000 yuan (municipal model), 50,000 (municipal), 30,000 (district/bureau/group).
/// </summary>
public sealed record AwardRuleBook
{
    public long PatentAmountFen { get; init; } = 3_000_00;
    public bool PatentFrontLineOnly { get; init; } = true;
    public bool PatentMembersOnly { get; init; } = true;
    public bool PatentFirstInventorOnly { get; init; } = true;
    public bool PatentGrantWithinYear { get; init; } = true;
    public bool PatentInventionsOnly { get; init; } = true;

    /// <summary>Amount per project by the studio's level; a level without an amount (grassroots) is not eligible.</summary>
    public Dictionary<StudioLevel, long> ProjectAmountFen { get; init; } = new()
    {
        [StudioLevel.National] = 100_000_00,
        [StudioLevel.MunicipalModel] = 100_000_00,
        [StudioLevel.Municipal] = 50_000_00,
        [StudioLevel.District] = 30_000_00,
    };

    /// <summary>Experts that must score a project before it can be awarded, and the mean score (0–100) it needs.</summary>
    public int ProjectMinExperts { get; init; } = 3;
    public int ProjectPassMark { get; init; } = 60;

    public static readonly AwardRuleBook Default = new();

    public static AwardRuleBook From(IConfiguration config)
    {
        var section = config.GetSection("Gonghui:Innovation:Awards");
        if (!section.Exists()) return Default;
        var book = new AwardRuleBook();
        section.Bind(book);
        return book;
    }
}

/// <summary>What the patent award rules look at.</summary>
public sealed record PatentFacts(PatentNumber Number, DateOnly GrantedOn, int AwardYear, bool FrontLine, bool IsMember, bool FirstInventor);

/// <summary>The award rules, pure: which rule refuses (field and code), the amount, the project's mean score.</summary>
public static class AwardRules
{
    /// <summary>Every rule the claim breaks (field, code), in the order a reader checks them; empty when eligible.</summary>
    public static IReadOnlyList<(string Field, string Code)> CheckPatent(AwardRuleBook rules, PatentFacts f)
    {
        var errors = new List<(string, string)>();
        if (rules.PatentInventionsOnly && !f.Number.IsInvention) errors.Add(("patentNumber", "patent.notInvention"));
        if (f.GrantedOn.Year < f.Number.ApplicationYear) errors.Add(("grantedOn", "patent.grantBeforeApplication"));
        if (rules.PatentGrantWithinYear && f.GrantedOn.Year != f.AwardYear) errors.Add(("grantedOn", "patent.grantNotInYear"));
        if (rules.PatentMembersOnly && !f.IsMember) errors.Add(("memberId", "patent.notMember"));
        if (rules.PatentFirstInventorOnly && !f.FirstInventor) errors.Add(("firstInventor", "patent.notFirstInventor"));
        if (rules.PatentFrontLineOnly && !f.FrontLine) errors.Add(("frontLine", "patent.notFrontLine"));
        return errors;
    }

    /// <summary>The award for a project of a studio at this level; null when the level is not eligible.</summary>
    public static long? ProjectAmount(AwardRuleBook rules, StudioLevel level) =>
        rules.ProjectAmountFen.TryGetValue(level, out var fen) && fen > 0 ? fen : null;

    /// <summary>The mean of the experts' scores, rounded half up to one decimal (as tenths: 78.5 → 785); null without scores.</summary>
    public static int? MeanTenths(IReadOnlyCollection<int> scores) =>
        scores.Count == 0 ? null : (int)((scores.Sum(s => (long)s) * 20 + scores.Count) / (2L * scores.Count));

    /// <summary>Why a project cannot be awarded yet (code), or null: enough experts, a passing mean, an eligible level.</summary>
    public static string? CheckProject(AwardRuleBook rules, StudioLevel level, IReadOnlyCollection<int> scores)
    {
        if (ProjectAmount(rules, level) is null) return "project.levelNotEligible";
        if (scores.Count < rules.ProjectMinExperts) return "project.tooFewScores";
        if (MeanTenths(scores) < rules.ProjectPassMark * 10) return "project.belowPassMark";
        return null;
    }

    public static bool IsScore(int? score) => score is >= 0 and <= 100;
}
