using System.Net;
using System.Text.Json;
using Gonghui.Modules.Funds.Ledger;
using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Hardship.Files;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Modules.Loans.Applications;
using Gonghui.Modules.Venues.Listing;
using Gonghui.Platform.Time;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Tests.Charts;

/// <summary>
/// The funds, hardship, venue-coverage, loan and report-ranking charts over HTTP on SQLite and PostgreSQL: each chart's workbook holds the
/// figures counted another way (the rows read here, or the module's own API), in the caller's scope.
/// </summary>
public abstract class ModuleChartsTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private static double N(object? cell) => ChartFiles.Number(cell) ?? double.NaN;

    [Fact]
    public async Task Funds_by_month_sum_the_ledger_lines_and_end_on_the_balances_of_every_budget_year()
    {
        var admin = await app.ClientAsync("admin");
        var today = BeijingTime.Today(TimeProvider.System);
        var (headers, rows) = await ChartFiles.XlsxAsync(admin, $"/api/v1/funds/charts/monthly.xlsx?year={today.Year}");
        Assert.Equal(["月份", "拨入预算（元）", "支出（元）", "月末结余（元）"], headers);
        Assert.Equal(12, rows.Count);
        // Expected from the ledger's rows, bucketed here by the Beijing month of each entry.
        var lines = await app.WithDbAsync(db => (from l in db.Set<LedgerLine>()
                                                 join a in db.Set<LedgerAccount>() on l.AccountId equals a.Id
                                                 join e in db.Set<LedgerEntry>() on l.EntryId equals e.Id
                                                 select new { a.Kind, e.At, l.Amount }).ToListAsync());
        for (var m = 1; m <= 12; m++)
        {
            var inMonth = lines.Where(x => BeijingTime.DateOf(x.At) is var d && d.Year == today.Year && d.Month == m).ToList();
            if (m > today.Month)
            {
                Assert.All(rows[m - 1].Skip(1), c => Assert.Null(ChartFiles.Number(c)));
                continue;
            }
            Assert.Equal(-inMonth.Where(x => x.Kind == AccountKind.Appropriation).Sum(x => x.Amount) / 100.0, N(rows[m - 1][1]), 2);
            Assert.Equal(inMonth.Where(x => x.Kind == AccountKind.Paid).Sum(x => x.Amount) / 100.0, N(rows[m - 1][2]), 2);
        }
        Assert.True(lines.Any(x => x.Kind == AccountKind.Paid), "the demo ledger pays nothing");
        // The balance at this month's end is every budget year's budget less its paid amount, as the balances endpoint says.
        var years = await app.WithDbAsync(db => db.Set<LedgerAccount>().Select(a => a.Year).Distinct().ToListAsync());
        long balance = 0;
        foreach (var y in years)
        {
            var b = JsonSerializer.Deserialize<List<FundBalanceDto>>(await admin.GetStringAsync($"/api/v1/funds/balances?year={y}"), Json.Options)!;
            balance += b.Sum(x => x.BudgetFen - x.PaidFen);
        }
        Assert.Equal(balance / 100.0, N(rows[today.Month - 1][3]), 2);

        // By fund: the balances of the year summed per fund; a bad fund or year names its field.
        var (_, byFund) = await ChartFiles.XlsxAsync(admin, $"/api/v1/funds/charts/by-fund.xlsx?year={today.Year}");
        var thisYear = JsonSerializer.Deserialize<List<FundBalanceDto>>(await admin.GetStringAsync($"/api/v1/funds/balances?year={today.Year}"), Json.Options)!;
        Assert.Equal(thisYear.Select(b => b.FundCode).Distinct().Count(), byFund.Count);
        Assert.Equal(thisYear.Sum(b => b.PaidFen) / 100.0, byFund.Sum(r => N(r[3])), 2);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/funds/charts/monthly.svg?fund=nope")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/funds/charts/by-fund.xlsx?year=abc")).StatusCode);
    }

    [Fact]
    public async Task Hardship_files_by_district_and_cause_are_the_files_of_the_callers_subtree()
    {
        var admin = await app.ClientAsync("admin");
        var files = await app.WithDbAsync(db => db.Set<HardshipFile>().Select(f => new { f.DistrictUnitId, f.IsActive, f.CauseFlags, f.FiledAt }).ToListAsync());
        var (headers, districts) = await ChartFiles.XlsxAsync(admin, "/api/v1/hardship/charts/districts.xlsx");
        Assert.Equal(3, headers.Count);
        Assert.Equal(files.Count(f => f.IsActive), districts.Sum(r => (int)N(r[1])));
        var yearStart = BeijingTime.StartOfYearUtc(BeijingTime.Year(TimeProvider.System));
        Assert.Equal(files.Count(f => f.FiledAt >= yearStart), districts.Sum(r => (int)N(r[2])));
        Assert.True(files.Count(f => f.IsActive) > 0, "the demo has no file on record");

        var (_, causes) = await ChartFiles.XlsxAsync(admin, "/api/v1/hardship/charts/causes.xlsx");
        var all = Enum.GetValues<HardshipCause>();
        Assert.Equal(all.Length, causes.Count);
        for (var i = 0; i < all.Length; i++)
            Assert.Equal(files.Count(f => f.IsActive && (f.CauseFlags & HardshipFile.Flag(all[i])) != 0), (int)N(causes[i][1]));

        // Dongcheng sees one district: its own.
        var (_, dc) = await ChartFiles.XlsxAsync(await app.ClientAsync("dongcheng"), "/api/v1/hardship/charts/districts.xlsx");
        var name = await app.WithDbAsync(db => db.Set<Gonghui.Modules.Organizations.Units.OrgUnit>().Where(u => u.Code == "DC").Select(u => u.Name).SingleAsync());
        Assert.Equal(name, Assert.Single(dc)[0]);
    }

    [Fact]
    public async Task Venue_coverage_per_district_is_the_coverage_report()
    {
        var admin = await app.ClientAsync("admin");
        var report = JsonSerializer.Deserialize<CoverageReport>(await admin.GetStringAsync("/api/v1/venues/coverage"), Json.Options)!;
        var (headers, rows) = await ChartFiles.XlsxAsync(admin, "/api/v1/venues/charts/coverage.xlsx");
        Assert.Equal(5, headers.Count);
        Assert.Equal(report.Rows.Select(r => r.DistrictName), rows.Select(r => (string)r[0]!));
        Assert.Equal(report.Rows.Select(r => new[] { r.WorkersHomes, r.WarmStations, r.MotherBabyRooms, r.ServiceStations }),
            rows.Select(r => r.Skip(1).Select(c => (int)N(c)).ToArray()));
        Assert.True(report.Rows.Sum(r => r.Venues) > 0, "the demo has no venue");
    }

    [Fact]
    public async Task Loans_by_month_sum_disbursements_and_repayments_of_the_loans_in_scope()
    {
        var admin = await app.ClientAsync("admin");
        var today = BeijingTime.Today(TimeProvider.System);
        var loans = await app.WithDbAsync(db => db.Set<Loan>().Where(l => l.ReversedAt == null).Select(l => new { l.Id, l.DisbursedOn, l.AmountFen }).ToListAsync());
        var ids = loans.Select(l => l.Id).ToHashSet();
        var repayments = (await app.WithDbAsync(db => db.Set<LoanRepayment>().Select(r => new { r.LoanId, r.On, r.AmountFen }).ToListAsync())).Where(r => ids.Contains(r.LoanId)).ToList();
        var (headers, rows) = await ChartFiles.XlsxAsync(admin, $"/api/v1/loans/charts/monthly.xlsx?year={today.Year}");
        Assert.Equal(["月份", "放款（元）", "还款（元）", "月末未还本金（元）"], headers);
        for (var m = 1; m <= today.Month; m++)
        {
            var end = new DateOnly(today.Year, m, 1).AddMonths(1);
            Assert.Equal(loans.Where(l => l.DisbursedOn is { } d && d.Year == today.Year && d.Month == m).Sum(l => l.AmountFen) / 100.0, N(rows[m - 1][1]), 2);
            Assert.Equal(repayments.Where(r => r.On.Year == today.Year && r.On.Month == m).Sum(r => r.AmountFen) / 100.0, N(rows[m - 1][2]), 2);
            Assert.Equal((loans.Where(l => l.DisbursedOn < end).Sum(l => l.AmountFen) - repayments.Where(r => r.On < end).Sum(r => r.AmountFen)) / 100.0, N(rows[m - 1][3]), 2);
        }
        Assert.True(loans.Any(l => l.DisbursedOn is not null), "the demo disbursed no loan");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/loans/charts/monthly.svg?year=99999")).StatusCode);
    }

    [Fact]
    public async Task A_report_ranking_is_the_reports_own_district_ranking_with_its_table_and_downloads()
    {
        var admin = await app.ClientAsync("admin");
        var report = (await (await admin.GetAsync("/api/v1/reports/indicators?year=2020&districts=true")).ReadJsonAsync<Gonghui.Modules.Reports.Indicators.IndicatorReportDto>())!;
        var figure = report.Parts.SelectMany(p => p.Figures).OrderByDescending(f => f.Districts.Count(d => d.Value != 0)).First();
        Assert.True(figure.Districts.Count(d => d.Value != 0) > 1, "the demo ranks no district");
        var ranked = figure.Districts.OrderBy(d => d.Rank).ThenBy(d => d.Name, StringComparer.Ordinal).Take(20).ToList();
        var scale = figure.Unit == Gonghui.Platform.Indicators.IndicatorUnit.Fen ? 100.0 : figure.Unit == Gonghui.Platform.Indicators.IndicatorUnit.BasisPoints ? 10_000.0 : 1.0;

        var url = $"/api/v1/reports/charts/ranking.xlsx?year=2020&figure={Uri.EscapeDataString(figure.Key)}";
        var (headers, rows) = await ChartFiles.XlsxAsync(admin, url);
        Assert.Equal("区", headers[0]);
        Assert.Equal(ranked.Select(d => $"{d.Rank}. {d.Name}"), rows.Select(r => (string)r[0]!));
        Assert.Equal(ranked.Select(d => d.Value / scale), rows.Select(r => N(r[1])));
        var svg = await ChartFiles.SvgAsync(admin, url.Replace(".xlsx", ".svg"));
        Assert.Equal(ranked.Count, svg.Descendants(ChartFiles.Svg + "rect").Count(r => (string?)r.Attribute("class") == "bar"));

        // The page draws the same chart with its table and downloads (the old hand-made SVG is gone).
        var html = await admin.GetStringAsync("/reports?year=2020");
        Assert.Contains($"data-chart=\"report-ranking-{figure.Key.Replace('.', '-')}\"", html);
        Assert.Contains($"/api/v1/reports/charts/ranking.xlsx?year=2020&amp;figure={Uri.EscapeDataString(figure.Key)}", html);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/reports/charts/ranking.svg?year=2020&figure=no.such")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/api/v1/reports/charts/ranking.svg?year=2020&quarter=5&figure={figure.Key}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/api/v1/reports/charts/ranking.xlsx?year=2020&unit=abc&figure={figure.Key}")).StatusCode);
    }
}

public sealed class ModuleChartsTests_Sqlite(SqliteApp app) : ModuleChartsTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class ModuleChartsTests_Postgres(PostgresApp app) : ModuleChartsTests<PostgresApp>(app), IClassFixture<PostgresApp>;
