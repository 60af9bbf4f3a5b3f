using Gonghui.Modules.Funds.Ledger;
using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Funds;
using Gonghui.Modules.MutualAid;
using Gonghui.Modules.MutualAid.Plans;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Money;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.MutualAid;

[Collection("browser")]
public sealed class MutualAidBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_district_enrols_members_files_reviews_and_pays_a_claim_that_shows_in_the_fund_balance()
    {
        var year = DateTime.UtcNow.AddHours(8).Year;
        var (_, members) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 2);
        var plan = await app.WithDbAsync(async db =>
        {
            var p = MutualAidPlan.Create("B-" + Guid.NewGuid().ToString("N")[..10], year, PlanKind.Inpatient, "浏览器测试住院互助" + Guid.NewGuid().ToString("N")[..4], 60_00,
                new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), 0, new PlanRules(500_00, [new(1_000_000, 5000), new(null, 6000)], 20_000_00, 60_000_00));
            db.Add(p);
            await db.SaveChangesAsync();
            return p;
        });

        var page = await app.SignedInPageAsync("dongcheng");
        await page.GotoAsync($"/mutual-aid/plans/{plan.Id}");
        foreach (var m in members) await page.CheckAsync($"#m-{m.Id}");
        await page.ClickAsync("text=参加所选会员");
        await page.WaitForSelectorAsync("[data-testid=enrol-result]");
        Assert.Contains("已参加 2 人", await page.InnerTextAsync("[data-testid=enrol-result]"));

        await page.GotoAsync($"/mutual-aid/claims/new?planId={plan.Id}");
        await page.PickByTypingAsync("#member", members[1].Id.ToString());
        await page.FillAsync("#hospital", "北京积水潭医院");
        await page.FillAsync("#diagnosis", "骨折");
        await page.FillAsync("#total", "12000");
        await page.FillAsync("#insured", "7000");
        await page.FillAsync("#selfPaid", "4500.50");
        await page.ClickAsync("form.form-grid button[type=submit]");
        await page.WaitForURLAsync(u => u.Contains("/mutual-aid/claims/") && !u.Contains("/new"));
        var claimUrl = page.Url;
        Assert.Contains("待审核", await page.InnerTextAsync("[data-testid=claim-status]"));
        // (4,500.50 − 500) × 50% = 2,000.25
        Assert.Contains("¥2,000.25", await page.InnerTextAsync("[data-testid=claim-payout]"));
        Assert.Contains("50%", await page.InnerTextAsync("[data-testid=claim-explanation]"));

        await page.ClickAsync("[data-testid=approve]");
        await page.WaitForSelectorAsync("[data-testid=claim-status]:has-text('已审核')");
        await page.ClickAsync("[data-testid=pay]");
        await page.WaitForSelectorAsync("[data-testid=claim-status]:has-text('已支付')");
        Assert.Contains("支付", await page.InnerTextAsync("[data-testid=claim-ledger]"));

        await page.ClickAsync("[data-testid=claim-ledger] a");
        await page.WaitForSelectorAsync("[data-testid=fund-balance]");
        var dc = await app.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Path == "/BJ/DC/").Select(u => u.Id).SingleAsync());
        using var scope = app.Services.CreateScope();
        var balance = await scope.ServiceProvider.GetRequiredService<FundLedger>().BalanceAsync(FundCodes.MutualAid, dc, year);
        Assert.True(balance.Paid >= new Fen(2_000_25));
        Assert.Equal(balance.Paid.ToString(), (await page.InnerTextAsync("[data-testid=fund-paid]")).Trim());
        var claimId = claimUrl[(claimUrl.LastIndexOf('/') + 1)..];
        Assert.Equal(2, await page.Locator($"[data-testid=fund-entries] a[href='/mutual-aid/claims/{claimId}']").CountAsync());

        await page.GotoAsync($"/funds?year={year}&fund=mutual-aid");
        Assert.Contains(balance.Paid.ToString(), await page.InnerTextAsync($"[data-testid=paid-mutual-aid-{dc}]"));

        await page.GotoAsync("/mutual-aid?status=Paid&q=" + Uri.EscapeDataString(members[1].Name));
        Assert.Contains("北京积水潭医院", await page.InnerTextAsync("[data-testid=claims]"));

        await page.ClickAsync("nav >> text=经费返还");
        await page.WaitForSelectorAsync("[data-testid=refunds]");
        Assert.Contains("应返还", await page.InnerTextAsync("[data-testid=refunds]"));
    }
}
