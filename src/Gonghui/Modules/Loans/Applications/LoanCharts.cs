using Gonghui.Platform.Charts;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Data;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Loans.Applications;

/// <summary>
/// Loan repayments by month (issue 14.2) for /loans/charts and its downloads, over the loans of the caller's subtree: the
/// amount disbursed and the amount repaid in each month of a year (Beijing dates), and the principal still out at each
/// month's end (disbursed less repaid since the first loan, loans reversed left out). Summed by the database.
/// </summary>
internal sealed class LoanCharts(LoanQueries loans, GonghuiDb db, TimeProvider clock, IStringLocalizer<LoansText> L)
{
    public async Task<Outcome<ChartData>> MonthlyAsync(int? year, CancellationToken ct)
    {
        var y = year ?? BeijingTime.Year(clock);
        if (ChartEndpoints.CheckYear(y) is { } bad) return bad;
        DateOnly[] bounds = [new DateOnly(2000, 1, 1), .. Buckets.MonthDatesOf(y)];
        var inScope = (await loans.LoansInScopeAsync(ct)).AsNoTracking().Where(l => l.ReversedAt == null);
        var disbursed = await Buckets.SumAsync(inScope.Where(l => l.DisbursedOn != null), l => l.DisbursedOn!.Value, bounds, l => l.AmountFen, ct);
        var repayments = from r in db.Set<LoanRepayment>().AsNoTracking() join l in inScope on r.LoanId equals l.Id select r;
        var repaid = await Buckets.SumAsync(repayments, r => r.On, bounds, r => r.AmountFen, ct);
        var today = BeijingTime.Today(clock);
        var months = y < today.Year ? 12 : y > today.Year ? 0 : today.Month;
        var outstanding = new double?[12];
        var running = disbursed[0] - repaid[0];
        for (var m = 0; m < 12; m++)
        {
            running += disbursed[m + 1] - repaid[m + 1];
            outstanding[m] = m < months ? running : null;
        }
        double? Past(long v, int m) => m < months ? v : null;
        return Outcome<ChartData>.Ok(new ChartData("loans-monthly", string.Format(L["Chart.Monthly"], y), string.Format(L["Chart.Monthly.Desc"], y),
            L["Chart.Month"], Buckets.MonthLabels(),
            [
                new ChartSeries(L["Chart.Disbursed"], [.. disbursed.Skip(1).Select(Past)]),
                new ChartSeries(L["Chart.Repaid"], [.. repaid.Skip(1).Select(Past)]),
                new ChartSeries(L["Chart.Outstanding"], outstanding, SeriesKind.Line),
            ], ChartUnit.Fen, ChartLayout.Time));
    }

    internal static void Map(IEndpointRouteBuilder app) =>
        app.MapChart<LoanCharts>("/api/v1/loans/charts/monthly", Permissions.LoansRead, (c, q, ct) =>
            ChartEndpoints.TryInt(q, "year", 2000, 2100, out var y, out var bad) ? c.MonthlyAsync(y, ct) : Task.FromResult(bad));
}
