using Gonghui.Modules.Loans.Indicators;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Tests.Indicators;
using Gonghui.Tests.Infrastructure;

namespace Gonghui.Tests.Loans;

/// <summary>The micro-loans' report figures from loans applied, approved and disbursed through the API, inside and outside the period and the scope.</summary>
public abstract class LoansIndicatorsTests<TApp>(TApp app) : IndicatorTests<TApp>(app) where TApp : GonghuiApp, IIndicatorsApp
{
    private async Task<Guid> ApplyAsync(HttpClient c, string district, long amountFen)
    {
        var firm = await LoansTestData.FirmAsync(App, district, SizeClass.Small);
        var loan = await Api.OkAsync(c, "/api/v1/loans", new
        {
            productId = Gonghui.Modules.Loans.Applications.LoanProductRecord.SmallFirmId, creditCode = firm.CreditCode, amountFen, months = 12,
            purpose = "经营周转", guarantor = "担保公司", contactPhone = "13912345678",
        });
        await Api.OkAsync(c, $"/api/v1/loans/{loan.Id()}/approve");
        return loan.Id();
    }

    [Fact]
    public async Task Firms_lent_and_amounts_count_loans_disbursed_in_the_period_and_scope()
    {
        var day = FreshDay();
        await LoansTestData.BudgetAsync(App, "/BJ/DC/", 200_000_00);
        await LoansTestData.BudgetAsync(App, "/BJ/XC/", 200_000_00);
        var dc = await ClientAsync("dongcheng");
        var xc = await ClientAsync("xicheng");

        var a = await ApplyAsync(dc, "110101", 12_000_00);
        var b = await ApplyAsync(dc, "110101", 30_000_00);
        var later = await ApplyAsync(dc, "110101", 50_000_00);
        await ApplyAsync(dc, "110101", 20_000_00);                // approved, never disbursed
        var other = await ApplyAsync(xc, "110102", 40_000_00);     // another district
        await Api.OkAsync(dc, $"/api/v1/loans/{a}/disburse");
        await Api.OkAsync(dc, $"/api/v1/loans/{b}/disburse");
        await Api.OkAsync(dc, $"/api/v1/loans/{b}/repayments", new { amountFen = 30_000_00 }); // repaid at once: still lent in the period
        await Api.OkAsync(xc, $"/api/v1/loans/{other}/disburse");
        Clock.Advance(TimeSpan.FromDays(1));
        dc = await ClientAsync("dongcheng");
        await Api.OkAsync(dc, $"/api/v1/loans/{later}/disburse");  // the next day

        var f = await FiguresAsync<LoansIndicators>(Day(day, "/BJ/DC/"));
        f.Is("loans.firms", 2);
        f.Is("loans.firms.amount", 42_000_00);
        f.IsNoData("loans.entrepreneurs");
        f.IsNoData("loans.entrepreneurs.amount");
        var city = await FiguresAsync<LoansIndicators>(Day(day, "/BJ/"));
        city.Is("loans.firms", 3);
        city.Is("loans.firms.amount", 82_000_00);
        var both = await FiguresAsync<LoansIndicators>(new(day, day.AddDays(2), "/BJ/DC/"));
        both.Is("loans.firms", 3);
        both.Is("loans.firms.amount", 92_000_00);
    }
}

[Collection(IndicatorsCollections.Sqlite)]
public sealed class LoansIndicatorsTests_Sqlite(SqliteIndicatorsApp app) : LoansIndicatorsTests<SqliteIndicatorsApp>(app);

[Collection(IndicatorsCollections.Postgres)]
public sealed class LoansIndicatorsTests_Postgres(PostgresIndicatorsApp app) : LoansIndicatorsTests<PostgresIndicatorsApp>(app);
