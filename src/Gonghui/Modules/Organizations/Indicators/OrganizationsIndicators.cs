using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using static Gonghui.Platform.Indicators.IndicatorValues;

namespace Gonghui.Modules.Organizations.Indicators;

/// <summary>The registry's figures of the annual report: unions by kind, enterprises, members and dispatch workers at the period's end.</summary>
public sealed class OrganizationsIndicators(GonghuiDb db) : IIndicatorSource
{
    private const string Units = "open (not closed) organisation units created before the period's end whose path lies in the scope";
    private const string Members = "members in status Active (as the registry holds them now) who joined before the period's end, of grassroots unions in the scope";
    private const string Firms = "enterprises on the registry (as it stands now) whose grassroots union lies in the scope, or, for a district union's scope, that lie in its district (as the enterprise list scopes them)";

    public IReadOnlyList<IndicatorDefinition> Definitions { get; } =
    [
        new("org.units.district", ReportParts.Organisation, "区总工会", "District unions", IndicatorUnit.Count, "Count of " + Units + ", of kind DistrictUnion.", "/orgs"),
        new("org.units.industry", ReportParts.Organisation, "产业工会", "Industry unions", IndicatorUnit.Count, "Count of " + Units + ", of kind IndustryUnion.", "/orgs"),
        new("org.units.grassroots", ReportParts.Organisation, "基层工会", "Grassroots unions", IndicatorUnit.Count, "Count of " + Units + ", of kind GrassrootsUnion.", "/orgs"),
        new("org.units.service", ReportParts.Organisation, "服务机构", "Service units", IndicatorUnit.Count, "Count of " + Units + ", of kind ServiceUnit.", "/orgs"),
        new("org.enterprises", ReportParts.Organisation, "企业", "Enterprises", IndicatorUnit.Count, "Count of " + Firms + ".", "/enterprises"),
        new("org.enterprises.unionized", ReportParts.Organisation, "已建会企业", "Enterprises with a union", IndicatorUnit.Count,
            "Of org.enterprises, those whose union was founded before the period's end (union founding date < end).", "/enterprises"),
        new("org.members", ReportParts.Organisation, "工会会员", "Union members", IndicatorUnit.Count, "Count of " + Members + ".", "/members"),
        new("org.members.joined", ReportParts.Organisation, "新入会会员", "Members who joined", IndicatorUnit.Count,
            "Members in status Active who joined in the period (joining date in the period), of grassroots unions in the scope.", "/members"),
        new("org.members.dispatch", ReportParts.Organisation, "劳务派遣工会员", "Dispatch workers who are members", IndicatorUnit.Count,
            "Of org.members, those employed as DispatchWorker.", "/members"),
    ];

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorQuery query, CancellationToken ct)
    {
        var (_, to) = query.Instants;
        var inScope = db.Set<OrgUnit>().AsNoTracking().InScope(query.ScopePath, u => u.Path);
        var kinds = await inScope.Where(u => !u.IsClosed && u.CreatedAt < to).GroupBy(u => u.Kind).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        int Kind(OrgUnitKind k) => kinds.Where(x => x.Key == k).Sum(x => x.N);

        var ids = inScope.Select(u => u.Id);
        // The enterprise list's rule (RegistryScope.EnterprisesAsync): a district union also sees its district's firms without a union.
        var district = await db.Set<OrgUnit>().AsNoTracking().Where(u => u.Path == query.ScopePath && u.Kind == OrgUnitKind.DistrictUnion)
            .Select(u => u.DistrictCode).FirstOrDefaultAsync(ct);
        var root = await db.Set<OrgUnit>().AsNoTracking().AnyAsync(u => u.Path == query.ScopePath && u.Depth == 0, ct);
        var firms = root ? db.Set<Enterprise>().AsNoTracking()
            : district is null ? db.Set<Enterprise>().AsNoTracking().Where(e => inScope.Any(u => u.Id == e.GrassrootsUnionId))
            : db.Set<Enterprise>().AsNoTracking().Where(e => e.DistrictCode == district || inScope.Any(u => u.Id == e.GrassrootsUnionId));
        var f = await firms.GroupBy(_ => 1).Select(g => new { N = g.Count(), Unionized = g.Count(e => e.UnionFoundedOn != null && e.UnionFoundedOn < query.To) })
            .FirstOrDefaultAsync(ct);

        var m = await db.Set<Member>().AsNoTracking().Where(x => x.Status == MemberStatus.Active && x.JoinedOn < query.To && ids.Contains(x.UnionId))
            .GroupBy(_ => 1).Select(g => new
            {
                N = g.Count(), Joined = g.Count(x => x.JoinedOn >= query.From), Dispatch = g.Count(x => x.EmploymentType == EmploymentType.DispatchWorker),
            }).FirstOrDefaultAsync(ct);
        return
        [
            Count("org.units.district", Kind(OrgUnitKind.DistrictUnion)),
            Count("org.units.industry", Kind(OrgUnitKind.IndustryUnion)),
            Count("org.units.grassroots", Kind(OrgUnitKind.GrassrootsUnion)),
            Count("org.units.service", Kind(OrgUnitKind.ServiceUnit)),
            Count("org.enterprises", f?.N ?? 0),
            Count("org.enterprises.unionized", f?.Unionized ?? 0),
            Count("org.members", m?.N ?? 0),
            Count("org.members.joined", m?.Joined ?? 0),
            Count("org.members.dispatch", m?.Dispatch ?? 0),
        ];
    }
}
