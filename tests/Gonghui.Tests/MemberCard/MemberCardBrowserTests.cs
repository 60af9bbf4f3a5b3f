using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Passes;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Gonghui.Tests.MemberCard;

[Collection("browser")]
public sealed class MemberCardBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly ViewportSize Phone = new() { Width = 375, Height = 740 };

    private async Task<string> PassAsync(int skip)
    {
        var member = await app.WithDbAsync(db => db.MemberRows().Where(m => m.Status == MemberStatus.Active).OrderBy(m => m.Id).Skip(skip).Select(m => m.Id).FirstAsync());
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<MemberPasses>().IssueAsync(member)).Token;
    }

    [Fact]
    public async Task A_cashier_redeems_spend_99_get_50_off_on_a_phone()
    {
        var page = await app.SignedInPageAsync("merchant", Phone);
        await page.GotoAsync("/member-card/till");
        // The shop's 满99减50 (the first offer listed is the 夏送清凉 one, for front-line workers only).
        var offer = await page.Locator("#offer option", new() { HasText = "会员专享" }).GetAttributeAsync("value");
        await page.SelectOptionAsync("#offer", offer!);
        // Under the threshold: said next to the bill, nothing held.
        await page.FillAsync("#pass", await PassAsync(70));
        await page.FillAsync("#bill", "98.5");
        await page.ClickAsync("[data-testid=till-redeem]");
        await page.WaitForSelectorAsync("#bill-error, #pass-error, [data-testid=till-problem], [data-testid=till-checked], [data-testid=till-held]");
        Assert.True(await page.Locator("#bill-error:has-text('门槛')").CountAsync() == 1, "the till showed: " + await page.InnerTextAsync("main"));
        Assert.Equal(0, await page.Locator("[data-testid=till-held]").CountAsync());

        await page.FillAsync("#bill", "120");
        await page.ClickAsync("[data-testid=till-check]");
        await page.WaitForSelectorAsync("[data-testid=till-checked]");
        Assert.Contains("*", await page.InnerTextAsync("[data-testid=till-member]"));

        await page.FillAsync("#pass", await PassAsync(71));
        await page.FillAsync("#bill", "120");
        await page.ClickAsync("[data-testid=till-redeem]");
        await page.WaitForSelectorAsync("[data-testid=till-held]");
        Assert.Equal("¥70.00", (await page.InnerTextAsync("[data-testid=till-pay]")).Trim());
        var width = await page.EvaluateAsync<int>("document.scrollingElement.scrollWidth");
        Assert.True(width <= 375, $"the till is {width} px wide on a 375 px phone");

        // The member pays ¥70: the cashier confirms at the till. The confirm form is the hold's own, so the page must show that
        // hold again when the confirm arrives (it did not, and the confirm found no form: the cause of the cut step of 2026-12-06).
        await page.ClickAsync("[data-testid=till-confirm]");
        var done = await page.WaitForSelectorAsync("[data-testid=till-message]:has-text('已核销'), [data-testid=till-problem]");
        Assert.Contains("已核销：优惠 ¥50.00，实收 ¥70.00", await done!.InnerTextAsync());
        Assert.Equal(0, await page.Locator("[data-testid=till-held]").CountAsync());
        Assert.Contains("已核销", await page.Locator("[data-testid=till-recent] li").First.InnerTextAsync());
        var member = await app.WithDbAsync(db => db.MemberRows().Where(m => m.Status == MemberStatus.Active).OrderBy(m => m.Id).Skip(71).Select(m => m.Id).FirstAsync());
        var stored = await app.WithDbAsync(db => db.Set<Gonghui.Modules.MemberCard.Redemptions.Redemption>().Where(r => r.MemberId == member)
            .OrderByDescending(r => r.ReservedAtUnix).Select(r => new { r.Status, r.DiscountFen, r.BillFen }).FirstAsync());
        Assert.Equal((Gonghui.Modules.MemberCard.Redemptions.RedemptionStatus.Confirmed, 5000L, 12000L), (stored.Status, stored.DiscountFen, stored.BillFen));
        width = await page.EvaluateAsync<int>("document.scrollingElement.scrollWidth");
        Assert.True(width <= 375, $"the till is {width} px wide on a 375 px phone after the confirm");
    }

    [Fact]
    public async Task A_worker_sees_their_offers_and_the_way_to_their_pass()
    {
        var page = await app.SignedInPageAsync("worker", Phone);
        await page.GotoAsync("/me/card");
        var offers = await page.InnerTextAsync("[data-testid=my-offers]");
        Assert.Contains("满", offers);
        Assert.Contains("消费扶贫", offers);
        await page.ClickAsync("[data-testid=my-card-pass]");
        await page.WaitForSelectorAsync("[data-testid=member-pass-qr]");
    }

    [Fact]
    public async Task Staff_see_offers_with_their_budget_and_settlements_reconciled()
    {
        var page = await app.SignedInPageAsync("admin");
        await page.GotoAsync("/member-card/offers");
        Assert.Contains("满99减50", await page.InnerTextAsync("[data-testid=offers]"));
        await page.GotoAsync("/member-card/settlements");
        var table = await page.InnerTextAsync("[data-testid=settlements]");
        Assert.Contains("2020-11", table);
        Assert.Contains("一致", table);
        await page.GotoAsync("/member-card/merchants");
        Assert.Contains("青海", await page.InnerTextAsync("[data-testid=merchants]"));
    }
}
