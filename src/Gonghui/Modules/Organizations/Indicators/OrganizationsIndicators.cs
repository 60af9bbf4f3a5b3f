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

        var ids = inScope.Select(u => u.Id);
        // The enterprise list's rule (RegistryScope.EnterprisesAsync): a district union also sees its district's firms without a union.
        var district = await db.Set<OrgUnit>().AsNoTracking().Where(u => u.Path == query.ScopePath && u.Kind == OrgUnitKind.DistrictUnion)
            .Select(u => u.DistrictCode).FirstOrDefaultAsync(ct);
        var root = await db.Set<OrgUnit>().AsNoTracking().AnyAsync(u => u.Path == query.ScopePath && u.Depth == 0, ct);
        var firms = root ? db.Set<Enterprise>().AsNoTracking()
            : district is null ? db.Set<Enterprise>().AsNoTracking().Where(e => inScope.Any(u => u.Id == e.GrassrootsUnionId))
            : db.Set<Enterprise>().AsNoTracking().Where(e => e.DistrictCode == district || inScope.Any(u => u.Id == e.GrassrootsUnionId));
        var f = await firms.GroupBy(_ => 1).Select(g => new { N = g.Count(), Unionized = g.Count(e => e.UnionFoundedOn != null && e.UnionFoundedOn < query.To) })
            .SingleOrDefaultAsync(ct);

        var m = await db.Set<Member>().AsNoTracking().Where(x => x.Status == MemberStatus.Active && x.JoinedOn < query.To && ids.Contains(x.UnionId))
            .GroupBy(_ => 1).Select(g => new
            {
                N = g.Count(), Joined = g.Count(x => x.JoinedOn >= query.From), Dispatch = g.Count(x => x.EmploymentType == EmploymentType.DispatchWorker),
            }).SingleOrDefaultAsync(ct);
        return Values(kinds.Select(k => (k.Key, k.N)), f?.N ?? 0, f?.Unionized ?? 0, m?.N ?? 0, m?.Joined ?? 0, m?.Dispatch ?? 0);
    }

    /// <summary>
    /// One read each of the parent's units (by branch and kind), its enterprises (by district code and union) and its members (by the
    /// branch of their union), added up for each district by the same rules as <see cref="ComputeAsync"/>.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>>> ComputeByDistrictAsync(DistrictQuery query, CancellationToken ct)
    {
        var (_, to) = query.Parent.Instants;
        var units = db.Set<OrgUnit>().AsNoTracking();
        var kinds = await units.Where(u => !u.IsClosed && u.CreatedAt < to).InScope(query.ParentPath, u => u.Path)
            .GroupBy(u => new { u.Path, u.Kind }).Select(g => new { g.Key.Path, g.Key.Kind, N = g.Count() }).ToListAsync(ct);
        var codes = await units.Where(u => query.DistrictPaths.Contains(u.Path) && u.Kind == OrgUnitKind.DistrictUnion)
            .Select(u => new { u.Path, u.DistrictCode }).ToDictionaryAsync(u => u.Path, u => u.DistrictCode, StringComparer.Ordinal, ct);
        var firms = await (from e in db.Set<Enterprise>().AsNoTracking()
                           join u in units on e.GrassrootsUnionId equals u.Id into union
                           from u in union.DefaultIfEmpty()
                           group e by new { e.DistrictCode, UnionPath = u == null ? null : u.Path } into g
                           select new { g.Key.DistrictCode, g.Key.UnionPath, N = g.Count(), Unionized = g.Count(e => e.UnionFoundedOn != null && e.UnionFoundedOn < query.To) })
            .ToListAsync(ct);
        var members = await (from m in db.Set<Member>().AsNoTracking()
                             join u in units.InScope(query.ParentPath, u => u.Path) on m.UnionId equals u.Id
                             where m.Status == MemberStatus.Active && m.JoinedOn < query.To
                             select new { m.JoinedOn, m.EmploymentType, u.Path })
            .GroupByBranch(query.ParentPath, x => x.Path)
            .Select(g => new { g.Key, N = g.Count(), Joined = g.Count(x => x.JoinedOn >= query.From), Dispatch = g.Count(x => x.EmploymentType == EmploymentType.DispatchWorker) })
            .ToDictionaryAsync(x => x.Key, ct);
        return query.DistrictPaths.ToDictionary(d => d, d =>
        {
            var code = codes.GetValueOrDefault(d);
            var mine = firms.Where(f => ScopeFilter.Covers(d, f.UnionPath) || (code is not null && f.DistrictCode == code)).ToList();
            var m = members.GetValueOrDefault(d);
            return Values(kinds.Where(k => ScopeFilter.Covers(d, k.Path)).GroupBy(k => k.Kind).Select(g => (g.Key, g.Sum(k => k.N))),
                mine.Sum(f => f.N), mine.Sum(f => f.Unionized), m?.N ?? 0, m?.Joined ?? 0, m?.Dispatch ?? 0);
        }, StringComparer.Ordinal);
    }

    private static IReadOnlyList<IndicatorValue> Values(IEnumerable<(OrgUnitKind Kind, int N)> byKind, int firms, int unionized, int members, int joined, int dispatch)
    {
        var kinds = byKind.ToList();
        int Kind(OrgUnitKind k) => kinds.Where(x => x.Kind == k).Sum(x => x.N);
        return
        [
            Count("org.units.district", Kind(OrgUnitKind.DistrictUnion)),
            Count("org.units.industry", Kind(OrgUnitKind.IndustryUnion)),
            Count("org.units.grassroots", Kind(OrgUnitKind.GrassrootsUnion)),
            Count("org.units.service", Kind(OrgUnitKind.ServiceUnit)),
            Count("org.enterprises", firms),
            Count("org.enterprises.unionized", unionized),
            Count("org.members", members),
            Count("org.members.joined", joined),
            Count("org.members.dispatch", dispatch),
        ];
    }
}
