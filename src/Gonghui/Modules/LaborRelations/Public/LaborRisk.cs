namespace Gonghui.Modules.LaborRelations.Public;

/// <summary>
/// Labour-relations monitoring's levels as other modules may name them (a dashboard tile, the annual report). The module offers no
/// look-up yet: its figures reach the report through its IIndicatorSource.
/// </summary>
public static class LaborRisk
{
    /// <summary>The level names in order, green to red (风险等级: 绿、黄、橙、红).</summary>
    public static readonly IReadOnlyList<string> Levels = ["Green", "Yellow", "Orange", "Red"];
}
