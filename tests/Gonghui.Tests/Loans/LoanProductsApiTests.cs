using System.Net;
using System.Text.Json;
using Gonghui.Modules.Loans;
using Gonghui.Platform.Identity;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Gonghui.Modules.Loans.Applications;

namespace Gonghui.Tests.Loans;

/// <summary>Loan products as data: created by federation admins (field errors from the rule), read by applications; a worker applying for themself.</summary>
public abstract class LoanProductsApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private static string Code() => "p-" + Guid.NewGuid().ToString("N")[..10];

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage res)
    {
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        using var doc = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToArray());
    }

    [Fact]
    public async Task A_federation_admin_adds_a_product_and_applications_are_checked_against_its_row()
    {
        var admin = await app.ClientAsync("admin");
        var code = Code();
        var res = await admin.PostJsonAsync("/api/v1/loans/products", new
        {
            code, name = "测试职工贷", applicantKind = "WorkerEntrepreneur", minAmountFen = 1_000_00, maxAmountFen = 3_000_00, minMonths = 3, maxMonths = 6, annualRateBp = 435,
            guarantorRequired = false, purposes = new[] { "设备购置", " 经营周转 " },
        });
        Assert.True(res.StatusCode == HttpStatusCode.Created, await res.Content.ReadAsStringAsync());
        var p = (await res.ReadJsonAsync<ProductDto>())!;
        Assert.Equal((3_000_00L, 435, false), (p.MaxAmountFen, p.AnnualRateBp, p.GuarantorRequired));
        Assert.Equal(["设备购置", "经营周转"], p.Purposes);
        var dc = await app.ClientAsync("dongcheng");
        Assert.Contains((await dc.GetJsonAsync<List<ProductDto>>("/api/v1/loans/products"))!, x => x.Code == code);

        // The same code again is refused on the code field.
        var again = await ErrorsAsync(await admin.PostJsonAsync("/api/v1/loans/products", new
        {
            code, name = "重复", applicantKind = "SmallFirm", maxAmountFen = 100, maxMonths = 6, purposes = new[] { "设备购置" },
        }));
        Assert.Equal(["code"], again.Keys);

        // The worker applies against the new product's limits, read from its row.
        var worker = await app.ClientAsync("worker");
        var over = await ErrorsAsync(await worker.PostJsonAsync("/api/v1/loans/mine", new { productId = p.Id, amountFen = 3_000_01, months = 6, purpose = "设备购置" }));
        Assert.Contains("amountFen", over.Keys);
        var term = await ErrorsAsync(await worker.PostJsonAsync("/api/v1/loans/mine", new { productId = p.Id, amountFen = 2_000_00, months = 12, purpose = "设备购置" }));
        Assert.Contains("months", term.Keys);
        var ok = await worker.PostJsonAsync("/api/v1/loans/mine", new { productId = p.Id, amountFen = 2_000_00, months = 6, purpose = "经营周转" });
        Assert.True(ok.StatusCode == HttpStatusCode.Created, await ok.Content.ReadAsStringAsync());
        var loan = (await ok.ReadJsonAsync<LoanDto>())!;
        var own = await app.WithDbAsync(db => db.Set<AppUser>().Where(u => u.UserName == "worker").Select(u => u.MemberId).SingleAsync());
        Assert.Equal(own, loan.MemberId);
        Assert.Equal(LoanStatus.Applied, loan.Status);
        Assert.Equal(435, loan.AnnualRateBp);
        Assert.Contains((await worker.GetJsonAsync<List<LoanDto>>("/api/v1/loans/mine"))!, l => l.Id == loan.Id);
    }

    [Fact]
    public async Task Product_errors_name_each_field_and_only_federation_admins_may_add()
    {
        var admin = await app.ClientAsync("admin");
        var errors = await ErrorsAsync(await admin.PostJsonAsync("/api/v1/loans/products", new
        {
            code = "坏 code", name = "", minAmountFen = 500, maxAmountFen = 100, minMonths = 12, maxMonths = 6, annualRateBp = 9999, purposes = Array.Empty<string>(),
        }));
        Assert.Equal(["annualRateBp", "applicantKind", "code", "minAmountFen", "minMonths", "name", "purposes"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, v => Assert.DoesNotContain("product.", v[0]));

        var body = new { code = Code(), name = "区级产品", applicantKind = "SmallFirm", maxAmountFen = 100_00, maxMonths = 6, purposes = new[] { "设备购置" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("dongcheng")).PostJsonAsync("/api/v1/loans/products", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("worker")).PostJsonAsync("/api/v1/loans/products", body)).StatusCode);
    }

    [Fact]
    public async Task A_worker_applies_only_for_themself_and_only_for_a_worker_product()
    {
        var worker = await app.ClientAsync("worker");
        // A firm product is not theirs to choose.
        var firm = await ErrorsAsync(await worker.PostJsonAsync("/api/v1/loans/mine", new { productId = LoanProductRecord.SmallFirmId, amountFen = 20_000_00, months = 12, purpose = "经营周转", guarantor = "担保公司" }));
        Assert.Equal(["productId"], firm.Keys);
        // Someone else's member id in the body is ignored: the loan is the worker's own.
        var other = Guid.NewGuid();
        var res = await worker.PostJsonAsync("/api/v1/loans/mine", new { productId = LoanProductRecord.WorkerId, memberId = other, idNumber = "110101199003071234", amountFen = 6_000_00, months = 6, purpose = "设备购置", guarantor = "王五" });
        Assert.True(res.StatusCode == HttpStatusCode.Created, await res.Content.ReadAsStringAsync());
        var own = await app.WithDbAsync(db => db.Set<AppUser>().Where(u => u.UserName == "worker").Select(u => u.MemberId).SingleAsync());
        Assert.Equal(own, (await res.ReadJsonAsync<LoanDto>())!.MemberId);
        // Staff do not use the worker endpoint.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("dongcheng")).PostJsonAsync("/api/v1/loans/mine", new { amountFen = 6_000_00 })).StatusCode);
    }
}

public sealed class LoanProductsApiTests_Sqlite(SqliteApp app) : LoanProductsApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class LoanProductsApiTests_Postgres(PostgresApp app) : LoanProductsApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
