using Gonghui.Modules.Loans.Applications;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using static Gonghui.Platform.Indicators.IndicatorValues;

namespace Gonghui.Modules.Loans.Indicators;

/// <summary>The micro-loans' figures of the annual report: small firms lent and the amount, and loans to worker entrepreneurs.</summary>
public sealed class LoansIndicators(GonghuiDb db) : IIndicatorSource
{
    private const string Lent = "loans disbursed (status Disbursed or Repaid; not reversed) whose disbursement date falls in the period, of applicants whose union lies in the scope";

    // The loan list with the report's period and unit (the loans disbursed in it, of the unions in the subtree) and the applicant kind.
    private const string Firms = "/loans?kind=" + nameof(LoanApplicant.SmallFirm) + "&from={from}&to={to}&unit={unit}";
    private const string Workers = "/loans?kind=" + nameof(LoanApplicant.WorkerEntrepreneur) + "&from={from}&to={to}&unit={unit}";

    public IReadOnlyList<IndicatorDefinition> Definitions { get; } =
    [
        new("loans.firms", ReportParts.Money, "小微企业贴息贷款企业", "Small firms lent", IndicatorUnit.Count, "Distinct firms of the " + Lent + ", applicant kind SmallFirm.", Firms),
        new("loans.firms.amount", ReportParts.Money, "小微企业贷款金额", "Lent to small firms", IndicatorUnit.Fen, "Sum of the principal of the " + Lent + ", applicant kind SmallFirm.", Firms),
        new("loans.entrepreneurs", ReportParts.Money, "职工创业小额贷款笔数", "Startup microloans to workers", IndicatorUnit.Count,
            "Count of the " + Lent + ", applicant kind WorkerEntrepreneur.", Workers),
        new("loans.entrepreneurs.amount", ReportParts.Money, "职工创业小额贷款金额", "Lent to worker entrepreneurs", IndicatorUnit.Fen,
            "Sum of the principal of the " + Lent + ", applicant kind WorkerEntrepreneur.", Workers),
    ];

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorQuery query, CancellationToken ct)
    {
        var units = db.UnitRows().InScope(query.ScopePath, u => u.Path).Select(u => u.Id);
        var rows = await db.Set<Loan>().AsNoTracking()
            .Where(l => (l.Status == LoanStatus.Disbursed || l.Status == LoanStatus.Repaid) && l.DisbursedOn >= query.From && l.DisbursedOn < query.To && units.Contains(l.UnitId))
            .GroupBy(l => l.ApplicantKind)
            .Select(g => new { Kind = g.Key, N = g.Count(), Fen = g.Sum(l => l.AmountFen), Firms = g.Select(l => l.EnterpriseId).Distinct().Count() })
            .ToListAsync(ct);
        return Values(rows.Select(r => (r.Kind, r.N, r.Fen, r.Firms)));
    }

    /// <summary>One read of the parent's loans, grouped by the district whose subtree holds the applicant's union and by applicant kind.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>>> ComputeByDistrictAsync(DistrictQuery query, CancellationToken ct)
    {
        var lent = from l in db.Set<Loan>().AsNoTracking()
                   join u in db.UnitRows().InScope(query.ParentPath, u => u.Path) on l.UnitId equals u.Id
                   where (l.Status == LoanStatus.Disbursed || l.Status == LoanStatus.Repaid) && l.DisbursedOn >= query.From && l.DisbursedOn < query.To
                   select new { l.ApplicantKind, l.AmountFen, l.EnterpriseId, u.Path };
        var firms = await lent.Where(l => l.ApplicantKind == LoanApplicant.SmallFirm).GroupByBranch(query.ParentPath, l => l.Path)
            .Select(g => new { g.Key, N = g.Count(), Fen = g.Sum(l => l.AmountFen), Firms = g.Select(l => l.EnterpriseId).Distinct().Count() }).ToDictionaryAsync(x => x.Key, ct);
        var workers = await lent.Where(l => l.ApplicantKind == LoanApplicant.WorkerEntrepreneur).GroupByBranch(query.ParentPath, l => l.Path)
            .Select(g => new { g.Key, N = g.Count(), Fen = g.Sum(l => l.AmountFen), Firms = g.Select(l => l.EnterpriseId).Distinct().Count() }).ToDictionaryAsync(x => x.Key, ct);
        return query.DistrictPaths.ToDictionary(d => d, d =>
        {
            var rows = new List<(LoanApplicant, int, long, int)>();
            if (firms.TryGetValue(d, out var f)) rows.Add((LoanApplicant.SmallFirm, f.N, f.Fen, f.Firms));
            if (workers.TryGetValue(d, out var w)) rows.Add((LoanApplicant.WorkerEntrepreneur, w.N, w.Fen, w.Firms));
            return Values(rows);
        }, StringComparer.Ordinal);
    }

    private static IReadOnlyList<IndicatorValue> Values(IEnumerable<(LoanApplicant Kind, int N, long Fen, int Firms)> byKind)
    {
        var rows = byKind.ToList();
        var firms = rows.Where(r => r.Kind == LoanApplicant.SmallFirm).Select(r => ((int N, long Fen, int Firms)?)(r.N, r.Fen, r.Firms)).FirstOrDefault();
        var workers = rows.Where(r => r.Kind == LoanApplicant.WorkerEntrepreneur).Select(r => ((int N, long Fen, int Firms)?)(r.N, r.Fen, r.Firms)).FirstOrDefault();
        return
        [
            Count("loans.firms", firms?.Firms ?? 0), Amount("loans.firms.amount", firms?.Fen ?? 0, firms?.N ?? 0),
            Count("loans.entrepreneurs", workers?.N ?? 0), Amount("loans.entrepreneurs.amount", workers?.Fen ?? 0, workers?.N ?? 0),
        ];
    }
}
