using System.Text;
using Gonghui.Modules.MutualAid;
using Gonghui.Modules.MutualAid.Claims;
using Gonghui.Modules.MutualAid.Plans;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Gonghui.Tests.MutualAid;

/// <summary>The new-plan page and the bulk claim intake page, in Chromium.</summary>
[Collection("browser")]
public sealed class MutualAidPagesBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai).DateTime);

    [Fact]
    public async Task Federation_staff_create_a_plan_on_the_page_after_fixing_the_fields_it_names()
    {
        var code = "P-" + Guid.NewGuid().ToString("N")[..10];
        var page = await app.SignedInPageAsync("admin");
        await page.GotoAsync("/mutual-aid/plans");
        await page.ClickAsync("[data-testid=plan-new]");
        await page.WaitForURLAsync(u => u.EndsWith("/mutual-aid/plans/new"));
        await page.FillAsync("#plan-code", code);
        await page.SelectOptionAsync("#plan-kind", nameof(PlanKind.CriticalIllness));
        await page.FillAsync("#plan-name", "重大疾病互助" + code);
        await page.FillAsync("#plan-fee", "60.5");
        await page.FillAsync("#plan-deductible", "500");
        await page.FillAsync("#plan-per-claim", "20000");
        await page.FillAsync("#plan-per-year", "10000");     // below the per-claim cap
        await page.FillAsync("#band-upto-1", "10000");
        await page.FillAsync("#band-ratio-1", "50");
        await page.FillAsync("#band-ratio-2", "62.5.1");     // not a percent
        await page.ClickAsync("[data-testid=plan-create]");

        await page.WaitForSelectorAsync("[data-testid=err-perYearCapFen]");
        Assert.Equal("年度上限不能小于单次上限。", (await page.InnerTextAsync("[data-testid=err-perYearCapFen]")).Trim());
        Assert.Contains("第 2 段", await page.InnerTextAsync("[data-testid=err-bands]"));
        Assert.Equal("60.5", await page.InputValueAsync("#plan-fee")); // what was typed is kept
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<MutualAidPlan>().CountAsync(p => p.Code == code)));

        await page.FillAsync("#plan-per-year", "60000");
        await page.FillAsync("#band-ratio-2", "62.5");
        await page.ClickAsync("[data-testid=plan-create]");
        await page.WaitForURLAsync(u => u.Contains("/mutual-aid/plans/") && !u.EndsWith("/new"));
        Assert.Equal("重大疾病互助" + code, (await page.InnerTextAsync("h1")).Trim());

        var plan = await app.WithDbAsync(db => db.Set<MutualAidPlan>().AsNoTracking().SingleAsync(p => p.Code == code));
        Assert.Equal(PlanKind.CriticalIllness, plan.Kind);
        Assert.Equal(60_50, plan.FeeFen);
        Assert.Equal(500_00, plan.DeductibleFen);
        Assert.Equal(20_000_00, plan.PerClaimCapFen);
        Assert.Equal(60_000_00, plan.PerYearCapFen);
        Assert.Equal("1000000:5000;*:6250", plan.Bands);
        Assert.Equal(90, plan.WaitingDays);
        Assert.Equal(new DateOnly(Today.Year, 12, 31), plan.EnrolTo);
    }

    [Fact]
    public async Task District_staff_do_not_see_the_new_plan_button()
    {
        var page = await app.SignedInPageAsync("dongcheng");
        await page.GotoAsync("/mutual-aid/plans");
        await page.WaitForSelectorAsync("[data-testid=plans]");
        Assert.Equal(0, await page.Locator("[data-testid=plan-new]").CountAsync());
    }

    [Fact]
    public async Task A_small_csv_uploaded_on_the_intake_page_shows_the_imported_count()
    {
        var (plan, members) = await EnrolledPlanAsync(2);
        var idle = await app.WithDbAsync(async db =>
        {
            var p = MutualAidPlan.Create("N-" + Guid.NewGuid().ToString("N")[..10], Today.Year, PlanKind.Inpatient, "无人参加" + Guid.NewGuid().ToString("N")[..4], 0,
                new DateOnly(Today.Year, 1, 1), new DateOnly(Today.Year, 12, 31), 0, new PlanRules(0, [new(null, 5000)], 1_000_00, 1_000_00));
            db.Add(p);
            await db.SaveChangesAsync();
            return p;
        });
        var d = Today.ToString("yyyy-MM-dd");
        var csv = "身份证号,姓名,入院日期,医院,诊断,医疗总费用,医保统筹支付,个人自付\n"
                  + $"{members[0].IdNumber},{members[0].Name},{d},北京协和医院,肺炎,12000,7000,4500.50\n"
                  + $"{members[1].IdNumber},{members[1].Name},{d},北京天坛医院,,8000,4000,1500\n";

        var page = await app.SignedInPageAsync("dongcheng");
        await page.GotoAsync("/mutual-aid");
        await page.ClickAsync("[data-testid=claims-import]");
        await page.WaitForURLAsync(u => u.EndsWith("/mutual-aid/claims/import"));
        Assert.Equal(1, await page.Locator($"#import-plan option[value='{plan.Id}']").CountAsync());
        Assert.Equal(0, await page.Locator($"#import-plan option[value='{idle.Id}']").CountAsync()); // nobody in scope enrolled
        Assert.Contains("个人自付", await page.InnerTextAsync("[data-testid=import-columns]"));

        await page.SelectOptionAsync("#import-plan", plan.Id.ToString());
        await page.SetInputFilesAsync("#import-file", new FilePayload { Name = "医院理赔.csv", MimeType = "text/csv", Buffer = Utf8(csv) });
        await page.ClickAsync("[data-testid=import-submit]");
        await page.WaitForSelectorAsync("[data-testid=import-result]");
        Assert.Equal("已导入 2 条理赔", (await page.InnerTextAsync("[data-testid=import-result]")).Trim());
        Assert.Equal(0, await page.Locator("[data-testid=import-errors]").CountAsync());
        Assert.True(await page.IsHiddenAsync("#import-progress"));

        var claims = await app.WithDbAsync(db => db.Set<MutualAidClaim>().Where(c => c.PlanId == plan.Id).OrderBy(c => c.SelfPaidFen).ToListAsync());
        Assert.Equal([1_500_00L, 4_500_50L], claims.Select(c => c.SelfPaidFen));
        Assert.All(claims, c => Assert.Equal(ClaimStatus.Submitted, c.Status));

        await page.ClickAsync("#import-result a");
        await page.WaitForSelectorAsync("[data-testid=claims]");
        Assert.Contains("北京协和医院", await page.InnerTextAsync("[data-testid=claims]"));
    }

    [Fact]
    public async Task A_file_with_a_bad_row_is_refused_on_the_intake_page_with_the_row_error()
    {
        var (plan, members) = await EnrolledPlanAsync(1);
        var d = Today.ToString("yyyy-MM-dd");
        var csv = "idNumber,name,admittedOn,hospital,diagnosis,total,insuranceCovered,selfPaid\n"
                  + $"{members[0].IdNumber},{members[0].Name},{d},北京协和医院,,12000,7000,4500\n"
                  + $"110101199001011234,某某,{d},北京协和医院,,100,0,100\n";   // the check character is wrong

        var page = await app.SignedInPageAsync("dongcheng");
        await page.GotoAsync("/mutual-aid/claims/import");
        await page.SelectOptionAsync("#import-plan", plan.Id.ToString());
        await page.SetInputFilesAsync("#import-file", new FilePayload { Name = "claims.csv", MimeType = "text/csv", Buffer = Utf8(csv) });
        await page.ClickAsync("[data-testid=import-submit]");
        await page.WaitForSelectorAsync("[data-testid=import-errors]");
        Assert.Equal("文件有 1 处错误,未导入。", (await page.InnerTextAsync("[data-testid=import-result]")).Trim());
        Assert.Equal("1", (await page.InnerTextAsync("[data-testid=import-error-count]")).Trim());
        var cells = await page.Locator("[data-testid=import-errors] tbody tr td").AllInnerTextsAsync();
        Assert.Equal(["3", "身份证号", "身份证号无效。"], cells.Select(c => c.Trim()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<MutualAidClaim>().CountAsync(c => c.PlanId == plan.Id)));

        // Skipping bad rows takes the good one.
        await page.SetInputFilesAsync("#import-file", new FilePayload { Name = "claims.csv", MimeType = "text/csv", Buffer = Utf8(csv) });
        await page.CheckAsync("#import-skip");
        await page.ClickAsync("[data-testid=import-submit]");
        await page.WaitForSelectorAsync("[data-testid=import-result]:has-text('跳过')");
        Assert.Equal("已导入 1 条理赔,跳过 1 处错误。", (await page.InnerTextAsync("[data-testid=import-result]")).Trim());
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<MutualAidClaim>().CountAsync(c => c.PlanId == plan.Id)));
    }

    [Fact]
    public async Task Without_javascript_the_intake_form_posts_to_the_page_and_shows_the_same_result()
    {
        var (plan, members) = await EnrolledPlanAsync(1);
        var csv = "身份证号,姓名,入院日期,医院,诊断,医疗总费用,医保统筹支付,个人自付\n"
                  + $"{members[0].IdNumber},{members[0].Name},{Today:yyyy-MM-dd},北京协和医院,,12000,7000,4500\n"
                  + $"{members[0].IdNumber},{members[0].Name},{Today:yyyy-MM-dd},北京协和医院,,abc,7000,4500\n";
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, JavaScriptEnabled = false, Locale = "zh-CN" });
        context.SetDefaultTimeout(30000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#userName", "dongcheng");
        await page.FillAsync("#password", GonghuiApp.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(u => !u.Contains("/login"));

        await page.GotoAsync("/mutual-aid/claims/import");
        await page.SelectOptionAsync("#import-plan", plan.Id.ToString());
        await page.SetInputFilesAsync("#import-file", new FilePayload { Name = "claims.csv", MimeType = "text/csv", Buffer = Utf8(csv) });
        await page.ClickAsync("[data-testid=import-submit]");
        await page.WaitForSelectorAsync("[data-testid=import-errors]");
        Assert.Equal("文件有 1 处错误,未导入。", (await page.InnerTextAsync("[data-testid=import-result]")).Trim());
        Assert.Equal(["3", "医疗总费用", "金额格式无效(元,最多两位小数)。"], (await page.Locator("[data-testid=import-errors] tbody tr td").AllInnerTextsAsync()).Select(c => c.Trim()));
        Assert.Equal(plan.Id.ToString(), await page.InputValueAsync("#import-plan")); // the choice is kept for the next try

        await page.SetInputFilesAsync("#import-file", new FilePayload { Name = "claims.csv", MimeType = "text/csv", Buffer = Utf8(csv) });
        await page.CheckAsync("#import-skip");
        await page.ClickAsync("[data-testid=import-submit]");
        await page.WaitForSelectorAsync("[data-testid=import-result]:has-text('跳过')");
        Assert.Equal("已导入 1 条理赔,跳过 1 处错误。", (await page.InnerTextAsync("[data-testid=import-result]")).Trim());
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<MutualAidClaim>().CountAsync(c => c.PlanId == plan.Id)));
        await context.CloseAsync();
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(s)).ToArray();

    /// <summary>A plan of this year with a new grassroots union's members in Dongcheng enrolled from the first of January (no waiting).</summary>
    private async Task<(MutualAidPlan Plan, List<FundsTestData.TestMember> Members)> EnrolledPlanAsync(int count)
    {
        var year = Today.Year;
        var (union, members) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", count);
        var plan = await app.WithDbAsync(async db =>
        {
            var p = MutualAidPlan.Create("I-" + Guid.NewGuid().ToString("N")[..10], year, PlanKind.Inpatient, "导入测试住院互助" + Guid.NewGuid().ToString("N")[..4], 60_00,
                new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), 0, new PlanRules(500_00, [new(1_000_000, 5000), new(null, 6000)], 20_000_00, 60_000_00));
            db.Add(p);
            foreach (var m in members) db.Add(MutualAidEnrolment.Create(p, m.Id, union, new DateOnly(year, 1, 1), renewal: false, "test"));
            await db.SaveChangesAsync();
            return p;
        });
        return (plan, members);
    }
}
