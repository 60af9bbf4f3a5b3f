using System.Net;
using Gonghui.Modules.FeeRefunds;
using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Platform.Http;
using Gonghui.Tests.Infrastructure;
using Gonghui.Tests.Loans;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Tests.FeeRefunds;

/// <summary>The refund pages over real HTTP and the batch endpoints' Idempotency-Key, on both providers.</summary>
public abstract class FeeRefundsPageTests<TApp>(TApp app) where TApp : GonghuiApp
{
    // Pages may encode CJK text as character references; compare decoded text.
    private static async Task<string> PageAsync(HttpClient c, string url) => WebUtility.HtmlDecode(await c.GetStringAsync(url));

    [Fact]
    public async Task Batch_approval_retried_with_its_key_answers_the_same_and_the_pages_show_status_and_reasons()
    {
        var small = await LoansTestData.FirmAsync(app, "110101", SizeClass.Micro);
        var large = await LoansTestData.FirmAsync(app, "110101", SizeClass.Large);
        var dc = await app.ClientAsync("dongcheng");
        Assert.Equal(HttpStatusCode.NoContent, (await dc.PostJsonAsync("/api/v1/fee-refunds/fees", new { creditCode = small.CreditCode, year = 2021, payrollFen = 300_000_00 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await dc.PostJsonAsync("/api/v1/fee-refunds/fees", new { creditCode = large.CreditCode, year = 2021, payrollFen = 900_000_00 })).StatusCode);
        var policy = (await dc.GetJsonAsync<List<PolicyDto>>("/api/v1/fee-refunds/policies"))!.Single(p => p.FromYear == 2020 && p.ToYear == 2021);
        Assert.Equal(HttpStatusCode.OK, (await dc.PostJsonAsync("/api/v1/fee-refunds/compute", new { policyId = policy.Id })).StatusCode);
        var due = (await dc.GetJsonAsync<Slice<RefundDto>>("/api/v1/fee-refunds/?q=" + Uri.EscapeDataString(small.Name)))!.Items.Single();
        Assert.Equal((RefundStatus.Due, 6_000_00L), (due.Status, due.AmountFen));

        var key = Guid.NewGuid().ToString();
        var first = await (await LoansTestData.PostAsync(dc, "/api/v1/fee-refunds/batch-approve", new { ids = new[] { due.Id } }, key)).Content.ReadAsStringAsync();
        var again = await LoansTestData.PostAsync(dc, "/api/v1/fee-refunds/batch-approve", new { ids = new[] { due.Id } }, key);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first, await again.Content.ReadAsStringAsync());
        Assert.Contains("\"Done\"", first);
        Assert.Equal(HttpStatusCode.Conflict, (await LoansTestData.PostAsync(dc, "/api/v1/fee-refunds/batch-pay", new { ids = new[] { due.Id } }, key)).StatusCode);
        var payKey = Guid.NewGuid().ToString();
        var paid = await (await LoansTestData.PostAsync(dc, "/api/v1/fee-refunds/batch-pay", new { ids = new[] { due.Id } }, payKey)).ReadJsonAsync<List<BatchItemResult>>();
        Assert.Equal("Done", Assert.Single(paid!).Outcome);
        Assert.Equal("AlreadyDone", Assert.Single((await (await LoansTestData.PostAsync(dc, "/api/v1/fee-refunds/batch-pay", new { ids = new[] { due.Id } }, null)).ReadJsonAsync<List<BatchItemResult>>())!).Outcome);

        var firmPage = await PageAsync(dc, $"/fee-refunds/firms/{small.Id}");
        Assert.Contains("¥6,000.00", firmPage);
        Assert.Contains("已返还", firmPage);
        var largePage = await PageAsync(dc, $"/fee-refunds/firms/{large.Id}");
        Assert.Contains("不符合返还条件", largePage);
        Assert.Contains("大型", largePage);
        var batchPage = await PageAsync(dc, "/fee-refunds/batch?status=Paid&year=2021&q=" + Uri.EscapeDataString(small.Name));
        Assert.Contains(small.Name, batchPage);
        Assert.Contains("1 笔,合计 ¥6,000.00", batchPage);
        Assert.Contains("fee-file", await PageAsync(dc, "/fee-refunds/import"));
        var xc = await app.ClientAsync("xicheng");
        Assert.DoesNotContain(small.Name, await PageAsync(xc, $"/fee-refunds/firms/{small.Id}"));
        Assert.DoesNotContain($"/fee-refunds/firms/{small.Id}", await PageAsync(xc, "/fee-refunds/batch?status=&q=" + Uri.EscapeDataString(small.Name)));
    }
}

public sealed class FeeRefundsPageTests_Sqlite(SqliteApp app) : FeeRefundsPageTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class FeeRefundsPageTests_Postgres(PostgresApp app) : FeeRefundsPageTests<PostgresApp>(app), IClassFixture<PostgresApp>;
