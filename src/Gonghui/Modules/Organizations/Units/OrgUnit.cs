using Gonghui.Platform.Audit;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Modules.Organizations.Units;

/// <summary>A union organisation unit in the tree. Path is the materialised path of codes ("/BJ/DC/DC0001/").</summary>
public sealed class OrgUnit : IAudited
{
    private OrgUnit() { }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public OrgUnitKind Kind { get; private set; }
    public Guid? ParentId { get; private set; }
    public string Path { get; private set; } = "";
    public int Depth { get; private set; }
    /// <summary>For district unions: the GB/T 2260 code of the district it covers (110101 东城区).</summary>
    public string? DistrictCode { get; private set; }
    public bool IsClosed { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static OrgUnit CreateRoot(string code, string name, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(), Code = code, Name = name, Kind = OrgUnitKind.Federation, Path = $"/{code}/", Depth = 0, CreatedAt = now };

    public static OrgUnit CreateChild(OrgUnit parent, string code, string name, OrgUnitKind kind, string? districtCode, DateTimeOffset now)
    {
        if (!OrgTreeRules.CanContain(parent.Kind, kind)) throw new InvalidOperationException($"A {parent.Kind} cannot contain a {kind}.");
        return new OrgUnit
        {
            Id = Guid.CreateVersion7(), Code = code, Name = name, Kind = kind, ParentId = parent.Id,
            Path = parent.Path + code + "/", Depth = parent.Depth + 1, DistrictCode = districtCode, CreatedAt = now,
        };
    }

    public void Rename(string name) => Name = name;
    public void SetDistrict(string? districtCode) => DistrictCode = districtCode;
    public void Close() => IsClosed = true;
    public void Reopen() => IsClosed = false;

    internal void MoveUnder(OrgUnit parent)
    {
        ParentId = parent.Id;
        Path = parent.Path + Code + "/";
        Depth = parent.Depth + 1;
    }
}

/// <summary>Which unit kinds may sit under which.</summary>
public static class OrgTreeRules
{
    public static bool CanContain(OrgUnitKind parent, OrgUnitKind child) => (parent, child) switch
    {
        (OrgUnitKind.Federation, OrgUnitKind.DistrictUnion or OrgUnitKind.IndustryUnion or OrgUnitKind.ServiceUnit) => true,
        (OrgUnitKind.DistrictUnion or OrgUnitKind.IndustryUnion, OrgUnitKind.GrassrootsUnion) => true,
        (OrgUnitKind.DistrictUnion, OrgUnitKind.IndustryUnion) => true,
        _ => false,
    };

    /// <summary>A unit of this kind can hold no unit below it (grassroots unions, service units): its subtree is itself.</summary>
    public static bool HoldsNoUnits(OrgUnitKind kind) => !Enum.GetValues<OrgUnitKind>().Any(child => CanContain(kind, child));

    /// <summary>District and industry unions: the depth-1 units that hold member unions, keep funds and are ranked and counted as "districts".</summary>
    public static bool IsDistrictLevelUnion(OrgUnitKind kind) => kind.IsDistrictLevelUnion();

    public static bool IsValidCode(string? code) =>
        !string.IsNullOrEmpty(code) && code.Length <= 24 && code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
