namespace Gonghui.Modules.Innovation.Rules;

/// <summary>An alliance of studios (职工创新工作室联盟): across regions, industries, firms, or along a supply chain (上下游).</summary>
public enum AllianceKind { CrossRegion = 1, CrossIndustry = 2, CrossFirm = 3, SupplyChain = 4 }

public enum NeedStatus { Open = 1, Matched = 2, Closed = 3 }

/// <summary>A shared project of an alliance (联盟共享项目): planned, under way, suspended, completed (final).</summary>
public enum SharedProjectStatus { Planned = 1, Active = 2, Suspended = 3, Completed = 4 }

/// <summary>What an alliance's members span: districts, fields and enterprises (an enterprise-less studio counts as its own unit).</summary>
public sealed record AllianceSpan(int Studios, int Districts, int Fields, int Firms, bool SpansItsKind);

/// <summary>The alliance and board rules. Pure.</summary>
public static class AllianceRules
{
    public const int MaxMembers = 500;

    public static IEnumerable<(string Field, string Code)> CheckAlliance(string? name, AllianceKind? kind, string? description)
    {
        var n = name?.Trim() ?? "";
        if (n.Length is < 2 or > 100) yield return ("name", "alliance.name");
        if (kind is null || !Enum.IsDefined(kind.Value)) yield return ("kind", "alliance.kind");
        if (description?.Trim().Length > 1000) yield return ("description", "alliance.description");
    }

    public static IEnumerable<(string Field, string Code)> CheckNeed(string? enterprise, string? title, string? problem)
    {
        if ((enterprise?.Trim().Length ?? 0) is < 2 or > 200) yield return ("enterprise", "need.enterprise");
        if ((title?.Trim().Length ?? 0) is < 2 or > 200) yield return ("title", "need.title");
        if ((problem?.Trim().Length ?? 0) is < 10 or > 2000) yield return ("problem", "need.problem");
    }

    /// <summary>
    /// Whether the members span what the alliance's kind promises: a cross-region alliance two or more districts, a
    /// cross-industry one two or more fields, a cross-firm or supply-chain one two or more enterprises.
    /// </summary>
    public static AllianceSpan Span(AllianceKind kind, IReadOnlyCollection<(string? District, string Field, string Firm)> members)
    {
        var districts = members.Select(m => m.District).Where(d => d is not null).Distinct().Count();
        var fields = members.Select(m => m.Field).Distinct().Count();
        var firms = members.Select(m => m.Firm).Distinct().Count();
        var spans = kind switch
        {
            AllianceKind.CrossRegion => districts >= 2,
            AllianceKind.CrossIndustry => fields >= 2,
            _ => firms >= 2,
        };
        return new AllianceSpan(members.Count, districts, fields, firms, spans);
    }

    /// <summary>Offers are taken while the need is open or matched (more than one studio may help); a closed need takes none.</summary>
    public static bool TakesOffers(NeedStatus s) => s is NeedStatus.Open or NeedStatus.Matched;

    // ---- shared projects ----

    /// <summary>Studios taking part in one shared project, the lead included.</summary>
    public const int MaxProjectStudios = 50;
    /// <summary>A project starts (Planned → Active) only with the lead and at least one other member studio: it is shared.</summary>
    public const int MinStudiosToStart = 2;

    public static IEnumerable<(string Field, string Code)> CheckProject(string? title, string? summary, string? contribution)
    {
        if ((title?.Trim().Length ?? 0) is < 2 or > 200) yield return ("title", "project.title");
        if ((summary?.Trim().Length ?? 0) > 2000) yield return ("summary", "project.summary");
        foreach (var e in CheckContribution(contribution)) yield return e;
    }

    /// <summary>What a studio brings to the project (people, equipment, a technique, a test site): 2–500 characters.</summary>
    public static IEnumerable<(string Field, string Code)> CheckContribution(string? contribution)
    {
        if ((contribution?.Trim().Length ?? 0) is < 2 or > 500) yield return ("contribution", "shared.contribution");
    }

    /// <summary>
    /// The project's status moves: Planned → Active (with <see cref="MinStudiosToStart"/> studios), Active ⇄ Suspended,
    /// Active → Completed; Planned → Completed is not a move (nothing was done), and Completed is final. Null when allowed, else the refusal's code.
    /// </summary>
    public static string? Move(SharedProjectStatus from, SharedProjectStatus to, int studios) => (from, to) switch
    {
        (SharedProjectStatus.Planned, SharedProjectStatus.Active) => studios >= MinStudiosToStart ? null : "shared.needsPartners",
        (SharedProjectStatus.Active, SharedProjectStatus.Suspended) => null,
        (SharedProjectStatus.Suspended, SharedProjectStatus.Active) => null,
        (SharedProjectStatus.Active, SharedProjectStatus.Completed) => null,
        _ => "shared.illegalTransition",
    };

    /// <summary>A studio may join while the project is not completed.</summary>
    public static bool TakesStudios(SharedProjectStatus s) => s != SharedProjectStatus.Completed;
}
