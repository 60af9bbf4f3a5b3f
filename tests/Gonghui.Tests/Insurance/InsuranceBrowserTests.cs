using Gonghui.Modules.Insurance.Schemes;
using Gonghui.Modules.Funds.Public;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gonghui.Modules.Funds;
using Gonghui.Modules.Insurance;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Tests.Infrastructure;
using Gonghui.Tests.MutualAid;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Gonghui.Modules.Insurance.Claims;

namespace Gonghui.Tests.Insurance;

[Collection("browser")]
public sealed class InsuranceBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    // The browser fixture serves on a real socket, so API set-up goes over it too.
    private async Task<HttpClient> ApiAsync(string user)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var res = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = GonghuiApp.Password });
        res.EnsureSuccessStatusCode();
        var token = (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Staff_file_a_claim_see_the_covid_date_error_then_review_approve_and_pay_it()
    {
        var admin = await ApiAsync("admin");
        var s = AccidentPayoutRules.Schedule2020;
        var res = await admin.PostJsonAsync("/api/v1/insurance/schemes", new
        {
            code = "B-" + Guid.NewGuid().ToString("N")[..12], year = 2020, name = "浏览器测试意外险" + Guid.NewGuid().ToString("N")[..4], coverFrom = new DateOnly(2020, 1, 1),
            coverTo = new DateOnly(2020, 12, 31), covidFrom = new DateOnly(2020, 1, 20), causes = AccidentCauses.All, coversFamily = true,
            sumInsuredFen = s.SumInsuredFen, familySumInsuredFen = s.FamilySumInsuredFen, medicalDeductibleFen = s.MedicalDeductibleFen, medicalRatioBp = s.MedicalRatioBp,
            medicalCapFen = s.MedicalCapFen, disabilityBp = s.DisabilityBp, perPersonCapFen = s.PerPersonCapFen,
        });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var scheme = (await res.ReadJsonAsync<SchemeDto>())!;
        var (_, members) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 1);
        var dc = await ApiAsync("dongcheng");
        Assert.Equal(HttpStatusCode.OK, (await dc.PostJsonAsync($"/api/v1/insurance/schemes/{scheme.Id}/enrolments", new { memberIds = new[] { members[0].Id }, frontLine = true, coverFrom = new DateOnly(2020, 1, 1) })).StatusCode);
        var unit = await app.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Path == "/BJ/DC/").Select(u => u.Id).SingleAsync());
        var alloc = new HttpRequestMessage(HttpMethod.Post, "/api/v1/funds/allocations")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { fundCode = FundCodes.Accident, orgUnitId = unit, year = 2020, amountFen = 100_000_00L }, Json.Options), Encoding.UTF8, "application/json"),
        };
        alloc.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        Assert.True((await admin.SendAsync(alloc)).IsSuccessStatusCode);

        var page = await app.SignedInPageAsync("dongcheng");
        await page.ClickAsync("nav >> text=意外伤害险");
        await page.WaitForURLAsync("**/insurance");
        await page.ClickAsync("text=新建理赔");
        await page.SelectOptionAsync("#scheme", scheme.Id.ToString());
        await page.FillAsync("#find", members[0].Name);
        await page.ClickAsync("form[method=get] button[type=submit]");
        await page.WaitForSelectorAsync($"#cover option:has-text('{members[0].Name}')", new() { State = WaitForSelectorState.Attached });

        // COVID-19 with an onset before the scheme's date: the reason appears beside the date.
        await page.FillAsync("#accidentOn", "2020-01-10");
        await page.SelectOptionAsync("#cause", "covid-19");
        await page.FillAsync("#medical", "10000");
        await page.ClickAsync("[data-testid=file-claim]");
        var error = await page.WaitForSelectorAsync(".field-error");
        Assert.Contains("2020-01-20", await error!.InnerTextAsync());

        await page.FillAsync("#accidentOn", "2020-02-10");
        await page.ClickAsync("[data-testid=file-claim]");
        await page.WaitForSelectorAsync("[data-testid=claim-status]:has-text('待审核')");
        Assert.Contains("7,920.00", await page.InnerTextAsync("[data-testid=claim-payout]"));
        Assert.Contains("赔付合计", await page.InnerTextAsync("[data-testid=claim-explanation]"));

        await page.ClickAsync("[data-testid=review]");
        await page.WaitForSelectorAsync("[data-testid=claim-status]:has-text('已审核')");
        await page.ClickAsync("[data-testid=approve]");
        await page.WaitForSelectorAsync("[data-testid=claim-status]:has-text('已批准')");
        await page.ClickAsync("[data-testid=pay]");
        await page.WaitForSelectorAsync("[data-testid=claim-status]:has-text('已支付')");
        var ledger = await page.InnerTextAsync("[data-testid=claim-ledger]");
        Assert.Contains("7,920.00", ledger);
        Assert.Equal(4, await page.Locator("[data-testid=claim-timeline] li").CountAsync());

        await page.GotoAsync($"/insurance?schemeId={scheme.Id}&status=Paid");
        Assert.Contains(members[0].Name, await page.InnerTextAsync("[data-testid=insurance-claims]"));
        await page.GotoAsync($"/insurance/schemes/{scheme.Id}");
        Assert.Contains("¥223,200.00", await page.InnerTextAsync("[data-testid=scheme-cap]"));
        Assert.Contains("2020-01-20", await page.InnerTextAsync("[data-testid=covid-from]"));
    }
}
