using Gonghui.Modules.Funds.Ledger;
using Gonghui.Modules.Funds.Public;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Gonghui.Modules.FeeRefunds;
using Gonghui.Modules.Funds;
using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Platform.Http;
using Gonghui.Platform.Ids;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Gonghui.Modules.FeeRefunds.Refunds;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Tests.FeeRefunds;

public abstract class FeeRefundsApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private static string NewCreditCode()
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var rng = Random.Shared;
        return CreditCode.Compose("91", "110101", new string(Enumerable.Range(0, 8).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray()));
    }

    private async Task<Enterprise> FirmAsync(string districtCode, SizeClass size) => await app.WithDbAsync(async db =>
    {
        var e = new Enterprise { Name = "测试企业" + Guid.NewGuid().ToString("N")[..6], CreditCode = NewCreditCode(), DistrictCode = districtCode, SizeClass = size, Employees = 20 };
        db.Add(e);
        await db.SaveChangesAsync();
        return e;
    });

    [Fact]
    public async Task Four_eyes_above_the_threshold_the_approver_may_not_pay_a_refund_but_a_second_approver_may()
    {
        var big = await FirmAsync("110101", SizeClass.Small);
        var small = await FirmAsync("110101", SizeClass.Small);
        var dc = await app.ClientAsync("dongcheng");
        var form = new MultipartFormDataContent { { new StringContent("false"), "skipBadRows" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes($"统一社会信用代码,年度,工资总额,会费,企业规模\n{big.CreditCode},2020,100000,,\n{small.CreditCode},2020,100000,,\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "fees.csv");
        var imported = await dc.PostAsync("/api/v1/fee-refunds/fees/import", form);
        Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var admin = await app.ClientAsync("admin");
        var policy = (await admin.GetJsonAsync<List<PolicyDto>>("/api/v1/fee-refunds/policies"))!.Single(p => p.FromYear == 2020 && p.ToYear == 2021);
        Assert.Equal(HttpStatusCode.OK, (await dc.PostJsonAsync("/api/v1/fee-refunds/compute", new { policyId = policy.Id })).StatusCode);
        var bigId = Assert.Single((await dc.GetJsonAsync<FirmStatusDto>($"/api/v1/fee-refunds/firms/{big.Id}"))!.Refunds).Id;
        var smallId = Assert.Single((await dc.GetJsonAsync<FirmStatusDto>($"/api/v1/fee-refunds/firms/{small.Id}"))!.Refunds).Id;
        // A refund is a share of one firm's fee, far below 50,000 yuan here: the stored amount is raised to reach the threshold.
        await app.WithDbAsync(db => db.Set<UnionFeeRefund>().Where(x => x.Id == bigId).ExecuteUpdateAsync(s => s.SetProperty(x => x.AmountFen, 60_000_00L)));
        var dcUnit = await app.WithDbAsync(db => db.Set<Gonghui.Modules.Organizations.Units.OrgUnit>().Where(u => u.Path == "/BJ/DC/").Select(u => u.Id).SingleAsync());
        await app.WithScopeAsync(async sp => Assert.True((await sp.GetRequiredService<FundLedger>()
            .AllocateBudgetAsync(FundCodes.FeeRefund, dcUnit, 2020, Gonghui.Platform.Money.Fen.FromYuan(100_000), "test:four-eyes:" + Guid.NewGuid())).IsOk));
        var approved = (await (await dc.PostJsonAsync("/api/v1/fee-refunds/batch-approve", new { ids = new[] { bigId, smallId } })).ReadJsonAsync<List<BatchItemResult>>())!;
        Assert.Equal(["Done", "Done"], approved.Select(a => a.Outcome));

        // dongcheng approved both: the 60,000-yuan refund is refused to them, the small one is paid.
        var paid = (await (await dc.PostJsonAsync("/api/v1/fee-refunds/batch-pay", new { ids = new[] { bigId, smallId } })).ReadJsonAsync<List<BatchItemResult>>())!;
        Assert.Equal(["Conflict", "Done"], paid.Select(a => a.Outcome));
        Assert.Equal("payment.secondApproverRequired", paid[0].Code);
        Assert.False(string.IsNullOrWhiteSpace(paid[0].Message));
        var officer = await app.ClientAsync("fundofficer");
        var second = (await (await officer.PostJsonAsync("/api/v1/fee-refunds/batch-pay", new { ids = new[] { bigId } })).ReadJsonAsync<List<BatchItemResult>>())!;
        Assert.Equal("Done", Assert.Single(second).Outcome);
    }

    [Fact]
    public async Task Fees_are_imported_refunds_computed_approved_in_a_batch_and_paid_once_through_the_ledger()
    {
        var small = await FirmAsync("110101", SizeClass.Small);
        var medium = await FirmAsync("110101", SizeClass.Medium);
        var grew = await FirmAsync("110101", SizeClass.Medium); // small in 2020 by the fee records
        var xicheng = await FirmAsync("110102", SizeClass.Micro);
        var dc = await app.ClientAsync("dongcheng");

        var csv = "统一社会信用代码,年度,工资总额,会费,企业规模\n"
                  + $"{small.CreditCode},2020,395000,,\n{small.CreditCode},2021,400000.50,,\n"
                  + $"{medium.CreditCode},2020,1000000,,\n{grew.CreditCode},2020,500000,,小型\n{grew.CreditCode},2021,600000,,中型\n"
                  + $"{xicheng.CreditCode},2020,100000,,\n";
        async Task<(HttpStatusCode, FeeImportResultDto)> Upload(string text, bool skip)
        {
            var form = new MultipartFormDataContent { { new StringContent(skip ? "true" : "false"), "skipBadRows" } };
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(file, "file", "fees.csv");
            var r = await dc.PostAsync("/api/v1/fee-refunds/fees/import", form);
            return (r.StatusCode, (await r.ReadJsonAsync<FeeImportResultDto>())!);
        }
        // The Xicheng firm is outside Dongcheng's scope: the file is refused as a whole, then imported without that row.
        var (refused, r1) = await Upload(csv, false);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.Contains(r1.Errors, e => e.Row == 7);
        var (ok, r2) = await Upload(csv, true);
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(5, r2.Imported);

        var admin = await app.ClientAsync("admin");
        var policy = (await admin.GetJsonAsync<List<PolicyDto>>("/api/v1/fee-refunds/policies"))!.Single(p => p.FromYear == 2020 && p.ToYear == 2021);
        Assert.Equal(HttpStatusCode.OK, (await dc.PostJsonAsync("/api/v1/fee-refunds/compute", new { policyId = policy.Id })).StatusCode);

        var smallStatus = (await dc.GetJsonAsync<FirmStatusDto>($"/api/v1/fee-refunds/firms/{small.Id}"))!;
        Assert.Equal([7_900_00L, 8_000_01L], smallStatus.Fees.Select(f => f.FeeFen));
        Assert.Equal([7_900_00L, 8_000_01L], smallStatus.Refunds.Select(r => r.AmountFen));
        Assert.All(smallStatus.Refunds, r => Assert.Equal(RefundStatus.Due, r.Status));

        var mediumStatus = (await dc.GetJsonAsync<FirmStatusDto>($"/api/v1/fee-refunds/firms/{medium.Id}"))!;
        var refusedRefund = Assert.Single(mediumStatus.Refunds);
        Assert.Equal(RefundStatus.Ineligible, refusedRefund.Status);
        Assert.Contains(refusedRefund.Explanation, l => l.Code == "refund.sizeNotEligible" && l.Text.Contains("中型"));

        var grewStatus = (await dc.GetJsonAsync<FirmStatusDto>($"/api/v1/fee-refunds/firms/{grew.Id}"))!;
        Assert.Equal([RefundStatus.Due, RefundStatus.Ineligible], grewStatus.Refunds.Select(r => r.Status));
        Assert.Contains(grewStatus.Refunds[0].Explanation, l => l.Code == "refund.sizeChanged");

        Assert.Equal(HttpStatusCode.NotFound, (await dc.GetAsync($"/api/v1/fee-refunds/firms/{xicheng.Id}")).StatusCode);

        var due = smallStatus.Refunds.Select(r => r.Id).Append(grewStatus.Refunds[0].Id).Append(refusedRefund.Id).ToList();
        var approved = (await (await dc.PostJsonAsync("/api/v1/fee-refunds/batch-approve", new { ids = due })).ReadJsonAsync<List<BatchItemResult>>())!;
        Assert.Equal(["Done", "Done", "Done", "Conflict"], approved.Select(a => a.Outcome));
        var again = (await (await dc.PostJsonAsync("/api/v1/fee-refunds/batch-approve", new { ids = due.Take(3) })).ReadJsonAsync<List<BatchItemResult>>())!;
        Assert.All(again, a => Assert.Equal("AlreadyDone", a.Outcome));

        var paid = (await (await dc.PostJsonAsync("/api/v1/fee-refunds/batch-pay", new { ids = due.Take(3) })).ReadJsonAsync<List<BatchItemResult>>())!;
        Assert.All(paid, a => Assert.Equal("Done", a.Outcome));
        var paidAgain = (await (await dc.PostJsonAsync("/api/v1/fee-refunds/batch-pay", new { ids = due.Take(3) })).ReadJsonAsync<List<BatchItemResult>>())!;
        Assert.All(paidAgain, a => Assert.Equal("AlreadyDone", a.Outcome));

        var list = (await dc.GetJsonAsync<Slice<RefundDto>>($"/api/v1/fee-refunds?status=Paid&q={Uri.EscapeDataString(small.Name)}"))!;
        Assert.Equal(2, list.TotalEstimate);
        // The refund list pages by keyset on (firm name, id): one refund per slice, forward and back.
        var walked = await KeysetPaging.WalkAsync<RefundDto>(dc, $"/api/v1/fee-refunds?q={Uri.EscapeDataString(small.Name)}", r => r.Id, limit: 1);
        Assert.Equal(smallStatus.Refunds.Select(r => r.Id).Order(), walked.Select(r => r.Id).Order());
        var all = await KeysetPaging.WalkAsync<RefundDto>(dc, "/api/v1/fee-refunds", r => r.Id, limit: 50,
            inOrder: (a, b) => string.CompareOrdinal(a.EnterpriseName, b.EnterpriseName) < 0 || (a.EnterpriseName == b.EnterpriseName && a.Id.CompareTo(b.Id) < 0));
        Assert.Contains(all, r => r.EnterpriseId == grew.Id);
        Assert.DoesNotContain(all, r => r.EnterpriseId == xicheng.Id);
        await KeysetPaging.BadInputIs400Async(dc, "/api/v1/fee-refunds");
        var report = await admin.GetJsonAsync<ReconciliationReport>("/api/v1/funds/reconciliation?year=2020");
        Assert.True(report!.IsClean);
    }
}

public sealed class FeeRefundsApiTests_Sqlite(SqliteApp app) : FeeRefundsApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class FeeRefundsApiTests_Postgres(PostgresApp app) : FeeRefundsApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
