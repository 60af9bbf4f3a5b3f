using System.Net;
using Gonghui.Modules.Loans.Applications;
using Gonghui.Modules.Loans.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Tests.Loans;

/// <summary>
/// The duplicate guard (issue 14.8): the same applicant, product and amount within 30 days is one application, however many
/// times (or however concurrently) it is sent; the repeats are 409 problems with a stable code naming the existing one.
/// </summary>
public abstract class LoanDuplicateTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private static object Body(string creditCode, long amountFen) => new
    {
        productId = LoanProductRecord.SmallFirmId, creditCode, amountFen, months = 12, purpose = "经营周转", guarantor = "担保公司", contactPhone = "13912345678",
    };

    private Task<int> LoansOfAsync(Guid enterpriseId) => app.WithDbAsync(db => db.Set<Loan>().CountAsync(l => l.EnterpriseId == enterpriseId));

    [Fact]
    public async Task Sixty_identical_applications_make_one_loan_and_59_conflicts_naming_it()
    {
        var firm = await LoansTestData.FirmAsync(app, "110101", SizeClass.Small);
        var dc = await app.ClientAsync("dongcheng");
        var answers = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => dc.PostJsonAsync("/api/v1/loans", Body(firm.CreditCode, 30_000_00))));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(59, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await LoansOfAsync(firm.Id));
        var created = (await answers.Single(a => a.StatusCode == HttpStatusCode.Created).ReadJsonAsync<LoanDto>())!;
        var conflict = answers.First(a => a.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        var problem = await conflict.Content.ReadAsStringAsync();
        Assert.Contains($"\"code\":\"{LoanRules.DuplicateCode}\"", problem);
        Assert.Contains($"/loans/{created.Id}", problem); // the existing application, to open instead

        // Another amount is another application; a rejected one no longer blocks a new one.
        Assert.Equal(HttpStatusCode.Created, (await dc.PostJsonAsync("/api/v1/loans", Body(firm.CreditCode, 31_000_00))).StatusCode);
        var reject = await dc.PostJsonAsync($"/api/v1/loans/{created.Id}/reject", new { reason = "材料不全" });
        Assert.True(reject.IsSuccessStatusCode, await reject.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, (await dc.PostJsonAsync("/api/v1/loans", Body(firm.CreditCode, 30_000_00))).StatusCode);
        Assert.Equal(3, await LoansOfAsync(firm.Id));
    }
}

public sealed class LoanDuplicateTests_Sqlite(SqliteApp app) : LoanDuplicateTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class LoanDuplicateTests_Postgres(PostgresApp app) : LoanDuplicateTests<PostgresApp>(app), IClassFixture<PostgresApp>;
