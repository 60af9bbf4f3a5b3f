using System.Net;
using Gonghui.Modules.Funds;
using Gonghui.Modules.Loans;
using Gonghui.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Loans;

public abstract class LoansApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    [Fact]
    public async Task A_loan_is_checked_approved_disbursed_through_the_ledger_and_repaid_early_once_per_key()
    {
        var dc = await app.ClientAsync("dongcheng");
        var bad = await dc.PostJsonAsync("/api/v1/loans", new { applicantKind = LoanApplicant.SmallFirm, applicantName = "东城小微企业", amountFen = 600_000_00, months = 12, purpose = "经营周转", guarantor = "担保公司" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("amountFen", await bad.Content.ReadAsStringAsync());

        var res = await dc.PostJsonAsync("/api/v1/loans", new { applicantKind = LoanApplicant.SmallFirm, applicantName = "东城小微企业" + Guid.NewGuid().ToString("N")[..4], amountFen = 1_200_00, months = 12, purpose = "经营周转", guarantor = "担保公司" });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var loan = (await res.ReadJsonAsync<LoanDto>())!;
        Assert.Equal(1_200_00, loan.Schedule.Sum(i => i.PrincipalFen));
        Assert.Equal(HttpStatusCode.Conflict, (await dc.PostJsonAsync($"/api/v1/loans/{loan.Id}/disburse", new { })).StatusCode);
        Assert.Equal(LoanStatus.Approved, (await (await dc.PostJsonAsync($"/api/v1/loans/{loan.Id}/approve", new { })).ReadJsonAsync<LoanDto>())!.Status);
        var disbursed = (await (await dc.PostJsonAsync($"/api/v1/loans/{loan.Id}/disburse", new { })).ReadJsonAsync<LoanDto>())!;
        Assert.Equal(LoanStatus.Disbursed, disbursed.Status);
        Assert.Equal(1_200_00, disbursed.PayoffFen);
        Assert.Empty(disbursed.Overdue);

        var xc = await app.ClientAsync("xicheng");
        Assert.Equal(HttpStatusCode.NotFound, (await xc.GetAsync($"/api/v1/loans/{loan.Id}")).StatusCode);

        async Task<HttpResponseMessage> Repay(long amount, string key)
        {
            var req = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/loans/{loan.Id}/repayments") { Content = System.Net.Http.Json.JsonContent.Create(new { amountFen = amount }) };
            req.Headers.Add("Idempotency-Key", key);
            return await dc.SendAsync(req);
        }
        var k = Guid.NewGuid().ToString();
        Assert.Equal(200_00, (await (await Repay(200_00, k)).ReadJsonAsync<LoanDto>())!.RepaidFen);
        Assert.Equal(200_00, (await (await Repay(200_00, k)).ReadJsonAsync<LoanDto>())!.RepaidFen); // retried: recorded once
        Assert.Equal(HttpStatusCode.BadRequest, (await Repay(1_000_01, Guid.NewGuid().ToString())).StatusCode);
        var done = (await (await Repay(1_000_00, Guid.NewGuid().ToString())).ReadJsonAsync<LoanDto>())!;
        Assert.Equal(LoanStatus.Repaid, done.Status);

        using var scope = app.Services.CreateScope();
        var entries = await scope.ServiceProvider.GetRequiredService<FundLedger>().EntriesForAsync(new SourceRef(LoansModule.SourceType, loan.Id));
        Assert.Equal([EntryKind.Commitment, EntryKind.Payment], entries.Select(e => e.Kind));
    }
}

public sealed class LoansApiTests_Sqlite(SqliteApp app) : LoansApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class LoansApiTests_Postgres(PostgresApp app) : LoansApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
