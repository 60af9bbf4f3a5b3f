using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Charts;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Funds.Ledger;

/// <summary>
/// The funds' charts (issue 14.2) for /funds and its downloads, over the ledger accounts of the units in the caller's
/// subtree: budget, committed and paid by fund for a budget year (the balances' own figures), and the money moved by
/// month of a calendar year — budget granted, paid out, and the balance (budget granted less paid, all budget years) at
/// each month's end — summed by the database from the ledger lines.
/// </summary>
internal sealed class FundCharts(GonghuiDb db, FundHandlers funds, CurrentUser me, TimeProvider clock, IStringLocalizer<FundsText> L)
{
    /// <summary>Budget, committed and paid per fund, summed over the caller's units for the year.</summary>
    public async Task<Outcome<ChartData>> ByFundAsync(int? year, string? fund, CancellationToken ct)
    {
        var y = year ?? BeijingTime.Year(clock);
        if (ChartEndpoints.CheckYear(y) is { } bad) return bad;
        if (fund is not null && !FundCodes.IsKnown(fund)) return Outcome<ChartData>.Invalid("fund", "chart.fund");
        var r = await funds.Balances(y, fund, null, ct);
        return Outcome<ChartData>.Ok(ByFund(r.Result is Ok<List<FundBalanceDto>> ok ? ok.Value! : [], y));
    }

    /// <summary>The by-fund chart of balances the page already has.</summary>
    public ChartData ByFund(IReadOnlyList<FundBalanceDto> rows, int year)
    {
        var byFund = rows.GroupBy(b => b.FundCode).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Code: g.Key, Budget: g.Sum(b => b.BudgetFen), Committed: g.Sum(b => b.CommittedFen), Paid: g.Sum(b => b.PaidFen))).ToList();
        return new ChartData("funds-by-fund", string.Format(L["Chart.ByFund"], year), string.Format(L["Chart.ByFund.Desc"], year), L["Fund"],
            [.. byFund.Select(f => L["Fund." + f.Code].Value)],
            [
                new ChartSeries(L["Budget"], [.. byFund.Select(f => (double?)f.Budget)]),
                new ChartSeries(L["Committed"], [.. byFund.Select(f => (double?)f.Committed)]),
                new ChartSeries(L["Paid"], [.. byFund.Select(f => (double?)f.Paid)]),
            ], ChartUnit.Fen, ChartLayout.Categories);
    }

    /// <summary>
    /// By month of <paramref name="year"/> (Beijing time, when the entries were posted): budget granted to the caller's units,
    /// paid out by them, and their balance at the month's end (granted less paid since the ledger began, every budget year).
    /// Months still to come have no figure.
    /// </summary>
    public async Task<Outcome<ChartData>> MonthlyAsync(int? year, string? fund, CancellationToken ct)
    {
        var y = year ?? BeijingTime.Year(clock);
        if (ChartEndpoints.CheckYear(y) is { } bad) return bad;
        if (fund is not null && !FundCodes.IsKnown(fund)) return Outcome<ChartData>.Invalid("fund", "chart.fund");
        var scope = await me.ScopePathAsync(ct);
        // Bucket 0 is everything before the year (the opening balance), then its twelve months.
        DateTimeOffset[] bounds = [BeijingTime.StartOfYearUtc(2000), .. Buckets.MonthsOf(y)];
        var lines = from l in db.Set<LedgerLine>().AsNoTracking()
                    join a in db.Set<LedgerAccount>().AsNoTracking() on l.AccountId equals a.Id
                    join u in db.UnitRows().InScope(scope, u => u.Path) on a.OrgUnitId equals u.Id
                    join e in db.Set<LedgerEntry>().AsNoTracking() on l.EntryId equals e.Id
                    where fund == null || a.FundCode == fund
                    select new { a.Kind, e.At, l.Amount };
        // The appropriation is a credit account: its lines are negative when budget is granted.
        var granted = (await Buckets.SumAsync(lines.Where(x => x.Kind == AccountKind.Appropriation), x => x.At, bounds, x => x.Amount, ct)).Select(v => -v).ToArray();
        var paid = await Buckets.SumAsync(lines.Where(x => x.Kind == AccountKind.Paid), x => x.At, bounds, x => x.Amount, ct);
        var today = BeijingTime.Today(clock);
        var months = y < today.Year ? 12 : y > today.Year ? 0 : today.Month;
        var balance = new double?[12];
        var running = granted[0] - paid[0];
        for (var m = 0; m < 12; m++)
        {
            running += granted[m + 1] - paid[m + 1];
            balance[m] = m < months ? running : null;
        }
        double? Past(long v, int m) => m < months ? v : null;
        return Outcome<ChartData>.Ok(new ChartData("funds-monthly", string.Format(L["Chart.Monthly"], y), string.Format(L["Chart.Monthly.Desc"], y),
            L["Chart.Month"], Buckets.MonthLabels(),
            [
                new ChartSeries(L["Chart.Granted"], [.. granted.Skip(1).Select(Past)]),
                new ChartSeries(L["Chart.Spent"], [.. paid.Skip(1).Select(Past)]),
                new ChartSeries(L["Chart.Balance"], balance, SeriesKind.Line),
            ], ChartUnit.Fen, ChartLayout.Time));
    }

    internal static void Map(IEndpointRouteBuilder app)
    {
        app.MapChart<FundCharts>("/api/v1/funds/charts/by-fund", Permissions.FundsRead, (c, q, ct) =>
            ChartEndpoints.TryInt(q, "year", 2000, 2100, out var y, out var bad) ? c.ByFundAsync(y, Fund(q), ct) : Task.FromResult(bad));
        app.MapChart<FundCharts>("/api/v1/funds/charts/monthly", Permissions.FundsRead, (c, q, ct) =>
            ChartEndpoints.TryInt(q, "year", 2000, 2100, out var y, out var bad) ? c.MonthlyAsync(y, Fund(q), ct) : Task.FromResult(bad));
        static string? Fund(IQueryCollection q) => q["fund"].ToString() is { Length: > 0 } f ? f : null;
    }
}
