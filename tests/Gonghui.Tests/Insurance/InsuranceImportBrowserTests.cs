using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gonghui.Modules.Insurance;
using Gonghui.Modules.Insurance.Claims;
using Gonghui.Modules.Insurance.Schemes;
using Gonghui.Platform.Identity;
using Gonghui.Tests.Infrastructure;
using Gonghui.Tests.MutualAid;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Gonghui.Tests.Insurance;

/// <summary>The claim import page, the scheme creation page and a worker filing their own claim, in a real browser.</summary>
[Collection("browser")]
public sealed class InsuranceImportBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private async Task<HttpClient> ApiAsync(string user)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var res = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = GonghuiApp.Password });
        res.EnsureSuccessStatusCode();
        var token = (await res.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<SchemeDto> SchemeAsync(string name)
    {
        var s = AccidentPayoutRules.Schedule2020;
        var res = await (await ApiAsync("admin")).PostJsonAsync("/api/v1/insurance/schemes", new
        {
            code = "BI-" + Guid.NewGuid().ToString("N")[..12], year = 2020, name, coverFrom = new DateOnly(2020, 1, 1), coverTo = new DateOnly(2020, 12, 31),
            covidFrom = new DateOnly(2020, 1, 20), causes = AccidentCauses.All, coversFamily = true, sumInsuredFen = s.SumInsuredFen, familySumInsuredFen = s.FamilySumInsuredFen,
            medicalDeductibleFen = s.MedicalDeductibleFen, medicalRatioBp = s.MedicalRatioBp, medicalCapFen = s.MedicalCapFen, disabilityBp = s.DisabilityBp, perPersonCapFen = s.PerPersonCapFen,
        });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return (await res.ReadJsonAsync<SchemeDto>())!;
    }

    [Fact]
    public async Task Staff_upload_a_file_see_its_row_errors_then_import_it_with_bad_rows_skipped()
    {
        var scheme = await SchemeAsync("导入页测试" + Guid.NewGuid().ToString("N")[..4]);
        var (_, m) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 2);
        var dc = await ApiAsync("dongcheng");
        Assert.Equal(HttpStatusCode.OK, (await dc.PostJsonAsync($"/api/v1/insurance/schemes/{scheme.Id}/enrolments", new { memberIds = m.Select(x => x.Id), coverFrom = new DateOnly(2020, 1, 1) })).StatusCode);
        var csv = "身份证号,姓名,出险日期,事故原因,医疗费用,伤残等级,身故,事故经过\n"
                  + $"{m[0].IdNumber},{m[0].Name},2020-05-06,交通事故,10000,,否,骑车摔倒\n"
                  + $"{m[1].IdNumber},{m[1].Name},2020-05-06,外星人,100,,否,\n";
        var file = new FilePayload { Name = "理赔.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) };

        var page = await app.SignedInPageAsync("dongcheng");
        await page.GotoAsync(app.BaseUrl + "/insurance");
        await page.ClickAsync("a[href=\"/insurance/claims/import\"]");
        await page.WaitForURLAsync("**/insurance/claims/import");
        Assert.Equal("/api/v1/insurance/claims/import/template.csv", await page.GetAttributeAsync("[data-testid=import-template]", "href"));
        await page.SelectOptionAsync("#import-scheme", scheme.Id.ToString());
        await page.SetInputFilesAsync("#import-file", file);
        await page.ClickAsync("[data-testid=import-submit]");
        try { await page.WaitForSelectorAsync("[data-testid=import-result]", new() { Timeout = 15000 }); }
        catch (TimeoutException) { Assert.Fail(page.Url + "\n" + await page.InnerTextAsync("body")); }
        Assert.Contains("未导入", await page.InnerTextAsync("[data-testid=import-result]"));
        var row = await page.InnerTextAsync("#import-errors tbody tr");
        Assert.Contains("3", row);
        Assert.Contains("事故原因", row);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<AccidentClaim>().CountAsync(c => c.SchemeId == scheme.Id)));

        await page.SelectOptionAsync("#import-scheme", scheme.Id.ToString());
        await page.SetInputFilesAsync("#import-file", file);
        await page.CheckAsync("input[name=skipBadRows]");
        await page.ClickAsync("[data-testid=import-submit]");
        await page.WaitForSelectorAsync("[data-testid=import-result].notice");
        Assert.Contains("已立案 1 件", await page.InnerTextAsync("[data-testid=import-result]"));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<AccidentClaim>().CountAsync(c => c.SchemeId == scheme.Id)));
    }

    [Fact]
    public async Task A_federation_admin_creates_a_scheme_with_errors_beside_the_fields_first()
    {
        var page = await app.SignedInPageAsync("admin");
        await page.GotoAsync(app.BaseUrl + "/insurance/schemes");
        await page.ClickAsync("[data-testid=new-scheme]");
        await page.WaitForURLAsync("**/insurance/schemes/new");
        var code = "UI-" + Guid.NewGuid().ToString("N")[..8];
        await page.FillAsync("#Code", code);
        await page.FillAsync("#Name", "页面新建方案");
        await page.FillAsync("#CovidFrom", "2026-01-20"); // without COVID-19 among the causes: refused beside the field
        await page.FillAsync("#PerPersonCap", "12.345");
        await page.ClickAsync("[data-testid=save-scheme]");
        await page.WaitForSelectorAsync("#PerPersonCap-error:not(:empty)");
        Assert.Contains("金额", await page.InnerTextAsync("#PerPersonCap-error"));

        await page.FillAsync("#PerPersonCap", "223200");
        await page.ClickAsync("[data-testid=save-scheme]");
        await page.WaitForSelectorAsync("#CovidFrom-error:not(:empty)");
        Assert.Contains("新冠", await page.InnerTextAsync("#CovidFrom-error"));

        await page.CheckAsync("input[name=cause][value=covid-19]");
        await page.FillAsync("#CovidFrom", DateTime.UtcNow.Year + "-01-20");
        await page.FillAsync("#MedicalRatio", "75.5");
        await page.ClickAsync("[data-testid=save-scheme]");
        await page.WaitForURLAsync("**/insurance/schemes/*-*");
        var saved = await app.WithDbAsync(db => db.Set<InsuranceScheme>().SingleAsync(s => s.Code == code));
        Assert.Equal(22_320_000, saved.PerPersonCapFen);
        Assert.Equal(7550, saved.MedicalRatioBp);
        Assert.Contains("covid-19", saved.Causes);
    }

    [Fact]
    public async Task A_worker_files_their_own_claim_from_my_insurance()
    {
        var scheme = await SchemeAsync("职工自助测试" + Guid.NewGuid().ToString("N")[..4]);
        var own = await app.WithDbAsync(db => db.Set<AppUser>().Where(u => u.UserName == "worker").Select(u => u.MemberId).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await (await ApiAsync("admin")).PostJsonAsync($"/api/v1/insurance/schemes/{scheme.Id}/enrolments",
            new { memberIds = new[] { own!.Value }, coverFrom = new DateOnly(2020, 1, 1) })).StatusCode);

        var page = await app.SignedInPageAsync("worker");
        await page.GotoAsync(app.BaseUrl + "/insurance/mine");
        await page.ClickAsync("[data-testid=mine-new-claim]");
        await page.WaitForURLAsync("**/insurance/mine/new");
        var option = await page.Locator("#cover option", new() { HasTextString = scheme.Name }).GetAttributeAsync("value");
        await page.SelectOptionAsync("#cover", option!);
        await page.FillAsync("#accidentOn", "2020-07-07");
        await page.SelectOptionAsync("#cause", "fall");
        await page.FillAsync("#medical", "1500");
        await page.ClickAsync("[data-testid=mine-file-claim]");
        await page.WaitForURLAsync("**/insurance/claims/*-*");
        var claim = await app.WithDbAsync(db => db.Set<AccidentClaim>().SingleAsync(c => c.SchemeId == scheme.Id));
        Assert.Equal(own, claim.MemberId);
        Assert.Equal(AccidentClaimStatus.Submitted, claim.Status);
        Assert.Equal(1_500_00, claim.MedicalFen);
    }
}
