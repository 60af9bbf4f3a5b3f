using System.Text.Json;
using Gonghui.Modules.FeeRefunds.Indicators;
using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Money;
using Gonghui.Tests.Indicators;
using Gonghui.Tests.Infrastructure;
using Gonghui.Tests.Loans;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.FeeRefunds;

/// <summary>The fee refunds' report figures from fees recorded, refunds computed, approved and paid through the API, inside and outside the period and the scope.</summary>
public abstract class FeeRefundsIndicatorsTests<TApp>(TApp app) : IndicatorTests<TApp>(app) where TApp : GonghuiApp, IIndicatorsApp
{
    private const string Base = "/api/v1/fee-refunds";

    /// <summary>A small firm with its 2020 fee recorded and its refund computed and approved; answers the refund's id and amount.</summary>
    private async Task<(Guid Id, long AmountFen)> ApprovedRefundAsync(HttpClient c, string district, Guid policy)
    {
        var firm = await LoansTestData.FirmAsync(App, district, SizeClass.Small);
        await Api.OkAsync(c, $"{Base}/fees", new { creditCode = firm.CreditCode, year = 2020, payrollFen = 100_000_00L }, System.Net.HttpStatusCode.NoContent);
        await Api.OkAsync(c, $"{Base}/compute", new { policyId = policy });
        var status = await c.GetJsonAsync<JsonElement>($"{Base}/firms/{firm.Id}");
        var refund = status.GetProperty("refunds").EnumerateArray().Single();
        Done(await Api.OkAsync(c, $"{Base}/batch-approve", new { ids = new[] { refund.Id() } }));
        return (refund.Id(), refund.Long("amountFen"));
    }

    private static async Task PayAsync(HttpClient c, Guid id) => Done(await Api.OkAsync(c, $"{Base}/batch-pay", new { ids = new[] { id } }));

    private static void Done(JsonElement batch) =>
        Assert.All(batch.EnumerateArray(), r => Assert.True(r.GetProperty("outcome").GetString() == "Done", r.ToString()));

    [Fact]
    public async Task Firms_and_amounts_count_refunds_paid_in_the_period_and_scope()
    {
        var day = FreshDay();
        using (var scope = App.Services.CreateScope())
            foreach (var d in new[] { "DC", "XC" })
                Assert.True((await scope.ServiceProvider.GetRequiredService<IFundLedger>()
                    .AllocateBudgetAsync(FundCodes.FeeRefund, await UnitIdAsync(d), 2020, Fen.FromYuan(100_000), "test:indicators:" + Guid.NewGuid())).IsOk);
        var dc = await ClientAsync("dongcheng");
        var xc = await ClientAsync("xicheng");
        var policy = (await (await ClientAsync("admin")).GetJsonAsync<JsonElement>($"{Base}/policies")).EnumerateArray()
            .First(p => p.GetProperty("fromYear").GetInt32() == 2020 && p.GetProperty("toYear").GetInt32() == 2021).Id();

        var a = await ApprovedRefundAsync(dc, "110101", policy);
        var b = await ApprovedRefundAsync(dc, "110101", policy);
        var later = await ApprovedRefundAsync(dc, "110101", policy);
        await ApprovedRefundAsync(dc, "110101", policy);               // approved, never paid
        var other = await ApprovedRefundAsync(xc, "110102", policy);   // another district
        await PayAsync(dc, a.Id);
        await PayAsync(dc, b.Id);
        await PayAsync(xc, other.Id);
        Clock.Advance(TimeSpan.FromDays(1));
        await PayAsync(await ClientAsync("dongcheng"), later.Id);       // the next day

        Assert.True(a.AmountFen > 0);
        var f = await FiguresAsync<FeeRefundsIndicators>(Day(day, "/BJ/DC/"));
        f.Is("feerefunds.firms", 2);
        f.Is("feerefunds.amount", a.AmountFen + b.AmountFen);
        var city = await FiguresAsync<FeeRefundsIndicators>(Day(day, "/BJ/"));
        city.Is("feerefunds.firms", 3);
        city.Is("feerefunds.amount", a.AmountFen + b.AmountFen + other.AmountFen);
        var next = await FiguresAsync<FeeRefundsIndicators>(Day(day.AddDays(1), "/BJ/DC/"));
        next.Is("feerefunds.firms", 1);
        next.Is("feerefunds.amount", later.AmountFen);
        (await FiguresAsync<FeeRefundsIndicators>(Day(day.AddDays(-1), "/BJ/"))).AllNoData();
    }
}

[Collection(IndicatorsCollections.Sqlite)]
public sealed class FeeRefundsIndicatorsTests_Sqlite(SqliteIndicatorsApp app) : FeeRefundsIndicatorsTests<SqliteIndicatorsApp>(app);

[Collection(IndicatorsCollections.Postgres)]
public sealed class FeeRefundsIndicatorsTests_Postgres(PostgresIndicatorsApp app) : FeeRefundsIndicatorsTests<PostgresIndicatorsApp>(app);
