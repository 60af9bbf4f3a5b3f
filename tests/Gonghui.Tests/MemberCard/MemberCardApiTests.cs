using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.MemberCard.Merchants;
using Gonghui.Modules.MemberCard.Offers;
using Gonghui.Modules.MemberCard.Public;
using Gonghui.Modules.MemberCard.Redemptions;
using Gonghui.Modules.MemberCard.Settlements;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Passes;
using Gonghui.Tests.Hotline;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.MemberCard;

/// <summary>The member card over HTTP on both engines: exact budgets under concurrency, refusals that write nothing, returns, statements.</summary>
public abstract class MemberCardApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private async Task<T> InScope<T>(Func<IServiceProvider, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider);
    }

    private async Task<Guid> DemoShopAsync() => await app.WithDbAsync(db =>
        (from s in db.Set<MerchantStaff>() join u in db.Set<AppUser>() on s.UserId equals u.Id where u.UserName == "merchant" select s.MerchantId).SingleAsync());

    private async Task<List<Guid>> MembersAsync(int n, int skip = 0) => await app.WithDbAsync(db =>
        db.MemberRows().Where(m => m.Status == MemberStatus.Active).OrderBy(m => m.Id).Skip(skip).Select(m => m.Id).Take(n).ToListAsync());

    private async Task<string> PassAsync(Guid member)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<MemberPasses>().IssueAsync(member)).Token;
    }

    private async Task<OfferView> OfferAsync(Guid merchant, long count, long discount = 50_00, int? perDay = null, int? perMonth = null, long threshold = 99_00, string share = "60")
    {
        var admin = await app.ClientAsync("admin");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var res = await admin.PostAsJsonAsync("/api/v1/member-card/offers", new
        {
            merchantId = merchant, name = "测试 满99减50 " + Guid.NewGuid().ToString("N")[..6], validFrom = today.AddDays(-1), validTo = today.AddDays(30),
            channels = "Both", thresholdFen = threshold, discountFen = discount, unionSharePercent = share, groups = "AllMembers",
            perMemberPerDay = perDay, perMemberPerMonth = perMonth, budgetCount = count, budgetFen = count * discount * 3,
        }, Json.Options);
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return (await res.ReadJsonAsync<OfferView>())!;
    }

    private static object Till(string pass, Guid offer, long bill, string till = "T1") => new { pass, offerId = offer, billFen = bill, till, channel = "Till" };

    private static async Task<JsonElement> Body(HttpResponseMessage r) => await r.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task A_thousand_simultaneous_redemptions_of_an_offer_with_100_left_give_exactly_100()
    {
        var shop = await DemoShopAsync();
        var offer = await OfferAsync(shop, 100);
        var members = await MembersAsync(50);
        var passes = new List<string>();
        for (var i = 0; i < 1000; i++) passes.Add(await PassAsync(members[i % members.Count]));
        var merchant = await app.ClientAsync("merchant");
        using var go = new ManualResetEventSlim(false);
        var tasks = passes.Select((p, i) => Task.Run(async () => { go.Wait(); return await merchant.PostAsJsonAsync("/api/v1/member-card/till/redemptions", Till(p, offer.Id, 120_00 + i), Json.Options); })).ToArray();
        go.Set();
        var answers = await Task.WhenAll(tasks);
        var created = answers.Count(a => a.StatusCode == HttpStatusCode.Created);
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.Conflict).ToList();
        Assert.Equal(100, created);
        Assert.Equal(900, refused.Count);
        foreach (var r in refused.Take(20)) Assert.Equal("budget.count", (await Body(r)).GetProperty("code").GetString());
        var (left, leftFen, rows) = await app.WithDbAsync(async db => (
            await db.Set<Offer>().Where(o => o.Id == offer.Id).Select(o => o.RemainingCount).SingleAsync(),
            await db.Set<Offer>().Where(o => o.Id == offer.Id).Select(o => o.RemainingFen).SingleAsync(),
            await db.Set<Redemption>().CountAsync(r => r.OfferId == offer.Id)));
        Assert.Equal(0, left);
        Assert.Equal(offer.BudgetFen - 100 * 50_00, leftFen);
        Assert.Equal(100, rows);
        // The refused passes were not used up: nothing of a refused redemption is written.
        var used = await app.WithDbAsync(db => db.Set<PassNonce>().CountAsync(n => n.Purpose == RedemptionHandlers.PassPurpose && members.Contains(n.MemberId)));
        Assert.True(used >= 100 && used < 1000, $"{used} nonces used");
    }

    [Fact]
    public async Task Twenty_simultaneous_redemptions_by_one_member_with_a_limit_of_one_a_day_give_one()
    {
        var shop = await DemoShopAsync();
        var offer = await OfferAsync(shop, 1000, perDay: 1, perMonth: 5);
        var member = (await MembersAsync(1, 50))[0];
        var passes = new List<string>();
        for (var i = 0; i < 20; i++) passes.Add(await PassAsync(member));
        var merchant = await app.ClientAsync("merchant");
        var answers = await Task.WhenAll(passes.Select(p => merchant.PostAsJsonAsync("/api/v1/member-card/till/redemptions", Till(p, offer.Id, 150_00), Json.Options)));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        Assert.Equal(999, await app.WithDbAsync(db => db.Set<Offer>().Where(o => o.Id == offer.Id).Select(o => o.RemainingCount).SingleAsync()));
    }

    [Fact]
    public async Task Bad_input_is_a_clear_4xx_and_writes_nothing()
    {
        var shop = await DemoShopAsync();
        var offer = await OfferAsync(shop, 1);
        var (m1, m2) = (await MembersAsync(2, 53)) is var ms ? (ms[0], ms[1]) : default;
        var merchant = await app.ClientAsync("merchant");
        const string Url = "/api/v1/member-card/till/redemptions";

        // Under the threshold: 400 naming billFen; the pass stays usable.
        var pass = await PassAsync(m1);
        var under = await merchant.PostAsJsonAsync(Url, Till(pass, offer.Id, 98_99), Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, under.StatusCode);
        Assert.Contains("门槛", (await Body(under)).GetProperty("errors").GetProperty("billFen")[0].GetString());
        // Malformed and forged passes: 400 naming pass.
        var forged = new MemberPassSigner(new byte[32], TimeProvider.System).Issue(m1).Token;
        foreach (var bad in new[] { "not-a-pass", forged })
        {
            var r = await merchant.PostAsJsonAsync(Url, Till(bad, offer.Id, 120_00), Json.Options);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.True((await Body(r)).GetProperty("errors").TryGetProperty("pass", out _));
        }
        // Expired: a pass issued 2 minutes ago under the app's key.
        var keys = new Gonghui.Platform.Security.PersonalDataProtector(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());
        var old = new MemberPassSigner(keys, new ManualClock(DateTimeOffset.UtcNow.AddMinutes(-2))).Issue(m1).Token;
        var expired = await merchant.PostAsJsonAsync(Url, Till(old, offer.Id, 120_00), Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Contains("过期", (await Body(expired)).GetProperty("errors").GetProperty("pass")[0].GetString());
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Offer>().Where(o => o.Id == offer.Id).Select(o => o.RemainingCount).SingleAsync()));

        // The same pass, now with a bill over the threshold: allowed (the refusal used nothing).
        var ok = await merchant.PostAsJsonAsync(Url, Till(pass, offer.Id, 120_00), Json.Options);
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        // Replayed: 409 pass.replayed.
        var replay = await merchant.PostAsJsonAsync(Url, Till(pass, offer.Id, 120_00), Json.Options);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Equal(PassCodes.Replayed, (await Body(replay)).GetProperty("code").GetString());
        // Past its budget: 409 budget.count; the second member's pass is not used up.
        var pass2 = await PassAsync(m2);
        var over = await merchant.PostAsJsonAsync(Url, Till(pass2, offer.Id, 120_00), Json.Options);
        Assert.Equal(HttpStatusCode.Conflict, over.StatusCode);
        var problem = await Body(over);
        Assert.Equal("budget.count", problem.GetProperty("code").GetString());
        Assert.Contains("名额已用完", problem.GetProperty("detail").GetString());
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Redemption>().CountAsync(r => r.OfferId == offer.Id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<PassNonce>().CountAsync(n => n.MemberId == m2)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Offer>().Where(o => o.Id == offer.Id).Select(o => o.RemainingCount).SingleAsync()));
        // Missing fields: 400 naming each.
        var empty = await merchant.PostAsJsonAsync(Url, new { pass = "x" }, Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var errors = (await Body(empty)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("offerId", out _) && errors.TryGetProperty("billFen", out _) && errors.TryGetProperty("till", out _));
    }

    [Fact]
    public async Task Release_and_returns_give_the_budget_back_exactly_and_confirm_keeps_it()
    {
        var shop = await DemoShopAsync();
        var offer = await OfferAsync(shop, 10);
        var members = await MembersAsync(3, 56);
        var merchant = await app.ClientAsync("merchant");
        async Task<RedemptionView> Reserve(Guid m, long bill)
        {
            var r = await merchant.PostAsJsonAsync("/api/v1/member-card/till/redemptions", Till(await PassAsync(m), offer.Id, bill), Json.Options);
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            return (await r.ReadJsonAsync<RedemptionView>())!;
        }
        async Task<(long, long)> Left()
        {
            var x = await app.WithDbAsync(db => db.Set<Offer>().Where(o => o.Id == offer.Id).Select(o => new { o.RemainingCount, o.RemainingFen }).SingleAsync());
            return (x.RemainingCount, x.RemainingFen);
        }

        var a = await Reserve(members[0], 150_00);
        Assert.Equal(RedemptionStatus.Reserved, a.Status);
        Assert.Equal((9L, offer.BudgetFen - 50_00), await Left());
        var released = await merchant.PostAsync($"/api/v1/member-card/till/redemptions/{a.Id}/release", null);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.Equal((10L, offer.BudgetFen), await Left());
        Assert.Equal(HttpStatusCode.Conflict, (await merchant.PostAsync($"/api/v1/member-card/till/redemptions/{a.Id}/confirm", null)).StatusCode);
        Assert.Equal((10L, offer.BudgetFen), await Left());

        var b = await Reserve(members[1], 150_00);
        var confirmed = await (await merchant.PostAsync($"/api/v1/member-card/till/redemptions/{b.Id}/confirm", null)).ReadJsonAsync<RedemptionView>();
        Assert.Equal(RedemptionStatus.Confirmed, confirmed!.Status);
        Assert.Equal(100_00, confirmed.PayFen);
        Assert.Equal(30_00, confirmed.UnionShareFen);
        Assert.Equal(HttpStatusCode.Conflict, (await merchant.PostAsync($"/api/v1/member-card/till/redemptions/{b.Id}/release", null)).StatusCode);
        // A partial return that keeps 100 yuan: the discount stands.
        var r1 = await merchant.PostAsJsonAsync($"/api/v1/member-card/till/redemptions/{b.Id}/return", new { returnFen = 50_00 }, Json.Options);
        Assert.Equal(RedemptionStatus.Confirmed, (await r1.ReadJsonAsync<RedemptionView>())!.Status);
        Assert.Equal((9L, offer.BudgetFen - 50_00), await Left());
        // Too much back: 400 naming returnFen, nothing changes.
        var tooMuch = await merchant.PostAsJsonAsync($"/api/v1/member-card/till/redemptions/{b.Id}/return", new { returnFen = 100_01 }, Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        // Another 1.01 yuan back: 98.99 kept, under the threshold: the discount is withdrawn and its budget restored.
        var r2 = await merchant.PostAsJsonAsync($"/api/v1/member-card/till/redemptions/{b.Id}/return", new { returnFen = 1_01 }, Json.Options);
        var withdrawn = await r2.ReadJsonAsync<RedemptionView>();
        Assert.Equal(RedemptionStatus.Withdrawn, withdrawn!.Status);
        Assert.Equal(51_01, withdrawn.ReturnedFen);
        Assert.Equal((10L, offer.BudgetFen), await Left());
        Assert.Equal(HttpStatusCode.Conflict, (await merchant.PostAsJsonAsync($"/api/v1/member-card/till/redemptions/{b.Id}/return", new { returnFen = 1_00 }, Json.Options)).StatusCode);
        Assert.Equal((10L, offer.BudgetFen), await Left());
    }

    [Fact]
    public async Task A_reservation_past_its_hold_is_released_by_the_sweeper_and_cannot_be_confirmed()
    {
        var shop = await DemoShopAsync();
        var offer = await OfferAsync(shop, 5);
        var member = (await MembersAsync(1, 59))[0];
        Guid id;
        using (var scope = app.Services.CreateScope())
        {
            // A till's clock an hour behind: its reservation's hold ended 50 minutes ago.
            var sp = scope.ServiceProvider;
            var past = new ManualClock(DateTimeOffset.UtcNow.AddHours(-1));
            var handlers = new RedemptionHandlers(sp.GetRequiredService<Gonghui.Platform.Data.GonghuiDb>(), sp.GetRequiredService<MemberPasses>(), sp.GetRequiredService<CurrentUser>(), past);
            var o = await handlers.ReserveAsync(shop, new TillInput(await PassAsync(member), offer.Id, 120_00, "T9", null, null), default);
            Assert.True(o.IsOk, o.Code ?? string.Join(",", o.Errors?.Keys ?? []));
            id = o.Value!.Id;
        }
        Assert.Equal(4, await app.WithDbAsync(db => db.Set<Offer>().Where(o => o.Id == offer.Id).Select(o => o.RemainingCount).SingleAsync()));
        var merchant = await app.ClientAsync("merchant");
        var late = await merchant.PostAsync($"/api/v1/member-card/till/redemptions/{id}/confirm", null);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("redemption.expired", (await Body(late)).GetProperty("code").GetString());
        Assert.Equal(5, await app.WithDbAsync(db => db.Set<Offer>().Where(o => o.Id == offer.Id).Select(o => o.RemainingCount).SingleAsync()));
        Assert.Equal(RedemptionStatus.Expired, await app.WithDbAsync(db => db.Set<Redemption>().Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
        // The sweeper passing again gives nothing back twice.
        await app.Services.GetRequiredService<ReservationSweeper>().RunOnceAsync();
        Assert.Equal(5, await app.WithDbAsync(db => db.Set<Offer>().Where(o => o.Id == offer.Id).Select(o => o.RemainingCount).SingleAsync()));
    }

    [Fact]
    public async Task December_2020s_statement_is_paid_once_through_the_ledger_and_reconciles()
    {
        var admin = await app.ClientAsync("admin");
        var list = await admin.GetJsonAsync<List<SettlementView>>("/api/v1/member-card/settlements?month=2020-12");
        var s = list!.First(x => x.Status == SettlementStatus.Drawn);
        Assert.True(s.Reconciliation.Matches);
        Assert.Equal(s.UnionShareFen, s.Reconciliation.UnionShareFen);
        var officer = await app.ClientAsync("fundofficer");
        var paid = await officer.PostAsync($"/api/v1/member-card/settlements/{s.Id}/pay", null);
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        var view = (await paid.ReadJsonAsync<SettlementView>())!;
        Assert.Equal(SettlementStatus.Paid, view.Status);
        Assert.Equal(s.PayableFen, view.Reconciliation.LedgerPaidFen);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync($"/api/v1/member-card/settlements/{s.Id}/pay", null)).StatusCode);
        var entries = await InScope(sp => sp.GetRequiredService<IFundLedger>().EntriesForAsync(new SourceRef(MemberCardSources.Settlement, s.Id)));
        Assert.Single(entries, e => e.Kind == EntryKind.Payment);
        // Again for the same month: refused; the open month: bad input.
        var again = await admin.PostAsJsonAsync("/api/v1/member-card/settlements", new { merchantId = s.MerchantId, month = "2020-12" }, Json.Options);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var open = await admin.PostAsJsonAsync("/api/v1/member-card/settlements", new { merchantId = s.MerchantId, month = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM") }, Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, open.StatusCode);
    }

    [Fact]
    public async Task The_figures_count_2020s_demo_redemptions_and_paid_statements()
    {
        var values = await InScope(async sp =>
        {
            var src = sp.GetServices<IIndicatorSource>().Single(s => s.Definitions.Any(d => d.Key == "membercard.redemptions"));
            return await src.ComputeAsync(IndicatorQuery.Year(2020, "/"), default);
        });
        var byKey = values.ToDictionary(v => v.Key);
        var expected = await app.WithDbAsync(db => db.Set<Redemption>().CountAsync(r => r.Status == RedemptionStatus.Confirmed && r.ConfirmedDay >= 20200101 && r.ConfirmedDay < 20210101));
        Assert.True(expected >= 200);
        Assert.Equal(expected, byKey["membercard.redemptions"].Value);
        Assert.Null(byKey["membercard.redemptions"].Flag);
        Assert.True(byKey["membercard.discount"].Value >= expected * 30_00);
        Assert.True(byKey["membercard.assistance-sales"].Value > 0);
        Assert.True(byKey["membercard.settled-paid"].Value > 0);
        var none = await InScope(async sp =>
            await sp.GetServices<IIndicatorSource>().Single(s => s.Definitions.Any(d => d.Key == "membercard.redemptions")).ComputeAsync(IndicatorQuery.Year(2010, "/"), default));
        Assert.All(none, v => Assert.Equal("no-data", v.Flag));
    }

    [Fact]
    public async Task Each_role_reaches_only_its_part()
    {
        var worker = await app.ClientAsync("worker");
        var merchant = await app.ClientAsync("merchant");
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostAsJsonAsync("/api/v1/member-card/till/check", new { pass = "x" }, Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await merchant.GetAsync("/api/v1/member-card/merchants")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await merchant.GetAsync("/api/v1/member-card/settlements")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await merchant.GetAsync("/api/v1/member-card/mine")).StatusCode);
        var card = await worker.GetJsonAsync<MyCard>("/api/v1/member-card/mine");
        Assert.Contains(card!.Offers, o => o.Name.Contains("满99减50"));
        Assert.Contains(card.Offers, o => o.Name.Contains("夏送清凉")); // the demo worker is on the front-line list
        var recent = await merchant.GetAsync("/api/v1/member-card/till/redemptions");
        Assert.Equal(HttpStatusCode.OK, recent.StatusCode);
    }
}

public sealed class MemberCardApiTests_Sqlite(SqliteApp app) : MemberCardApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class MemberCardApiTests_Postgres(PostgresApp app) : MemberCardApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
