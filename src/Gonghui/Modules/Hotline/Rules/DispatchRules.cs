namespace Gonghui.Modules.Hotline.Rules;

/// <summary>What dispatch knows about a request: its category and where it belongs.</summary>
public sealed record DispatchInput(string Category, Guid? EnterpriseUnionId, Guid? DistrictUnitId);

/// <summary>The suggestion the agent sees: a lead unit (主办), co-handling units (协办) and why.</summary>
public sealed record DispatchSuggestion(Guid? LeadUnitId, IReadOnlyList<Guid> CoUnitIds, string Reason);

/// <summary>
/// First-receiver-responsible dispatch (首接负责). Psychological help goes to the counselling team at any hour;
/// founding/joining a union and member services go to the enterprise's grassroots union when it has one (district
/// assists); everything else goes to the district union where the enterprise or the caller is, with the
/// enterprise's grassroots union co-handling.
/// </summary>
public static class DispatchRules
{
    public const string PsychHelp = "psych-help";
    private static readonly HashSet<string> GrassrootsFirst = ["union-join", "member-service"];

    public static DispatchSuggestion Suggest(DispatchInput input, Guid? counsellingUnitId, Guid federationUnitId)
    {
        if (input.Category == PsychHelp && counsellingUnitId is { } c)
            return new(c, [], "psych-help");
        if (GrassrootsFirst.Contains(input.Category) && input.EnterpriseUnionId is { } g)
            return new(g, input.DistrictUnitId is { } d0 ? [d0] : [], "grassroots-first");
        if (input.DistrictUnitId is { } d)
            return new(d, input.EnterpriseUnionId is { } u && u != d ? [u] : [], "district");
        if (input.EnterpriseUnionId is { } e)
            return new(e, [], "enterprise-union");
        // Nothing to go on: the federation's own hotline centre keeps it.
        return new(federationUnitId, [], "federation");
    }
}
