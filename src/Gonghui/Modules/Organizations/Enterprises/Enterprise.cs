using Gonghui.Platform.Audit;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Modules.Organizations.Enterprises;

public enum Ownership { State = 0, Collective = 1, Private = 2, Foreign = 3, HongKongMacaoTaiwan = 4, Joint = 5, Other = 9 }


/// <summary>An enterprise (企业) identified by its unified social credit code.</summary>
public sealed class Enterprise : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public string CreditCode { get; set; } = "";
    public string DistrictCode { get; set; } = "";
    public Ownership Ownership { get; set; }
    public int Employees { get; set; }
    /// <summary>Annual revenue in fen.</summary>
    public long RevenueFen { get; set; }
    public SizeClass SizeClass { get; set; }
    public DateOnly? UnionFoundedOn { get; set; }
    public Guid? GrassrootsUnionId { get; set; }
}
