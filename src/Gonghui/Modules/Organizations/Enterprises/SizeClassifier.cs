using Gonghui.Modules.Organizations.Public;
namespace Gonghui.Modules.Organizations.Enterprises;

/// <summary>Thresholds for a size class: an enterprise reaches the class when it meets both the employee and revenue floors.</summary>
public sealed record SizeThreshold(int MinEmployees, long MinRevenueFen);

/// <summary>Size classes from employees and revenue, by configurable thresholds (defaults after the 2017 statistical standard for industry).</summary>
public sealed record SizeThresholds(SizeThreshold Large, SizeThreshold Medium, SizeThreshold Small)
{
    public static readonly SizeThresholds Default = new(
        new SizeThreshold(1000, 400_000_000_00),  // ≥1000 people and ≥40,000万元
        new SizeThreshold(300, 20_000_000_00),    // ≥300 and ≥2,000万元
        new SizeThreshold(20, 3_000_000_00));     // ≥20 and ≥300万元

    /// <summary>Reads Gonghui:Enterprises:SizeThresholds:{Large|Medium|Small}:{MinEmployees|MinRevenueFen}; missing values keep the defaults.</summary>
    public static SizeThresholds FromConfiguration(IConfiguration config)
    {
        var section = config.GetSection("Gonghui:Enterprises:SizeThresholds");
        return new SizeThresholds(Read("Large", Default.Large), Read("Medium", Default.Medium), Read("Small", Default.Small));
        SizeThreshold Read(string name, SizeThreshold d) =>
            new(section.GetValue($"{name}:MinEmployees", d.MinEmployees), section.GetValue($"{name}:MinRevenueFen", d.MinRevenueFen));
    }

    public SizeClass Classify(int employees, long revenueFen)
    {
        if (Meets(Large)) return SizeClass.Large;
        if (Meets(Medium)) return SizeClass.Medium;
        if (Meets(Small)) return SizeClass.Small;
        return SizeClass.Micro;
        bool Meets(SizeThreshold t) => employees >= t.MinEmployees && revenueFen >= t.MinRevenueFen;
    }
}
