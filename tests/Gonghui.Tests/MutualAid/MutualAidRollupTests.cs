using System.Net;
using Gonghui.Modules.MutualAid.Claims;
using Gonghui.Modules.MutualAid.Indicators;
using Gonghui.Modules.MutualAid.Plans;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Time;
using Gonghui.Tests.Indicators;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.MutualAid;

/// <summary>
/// Mutual aid's roll-up (PaidRollup) gives the figures the claims give: after claims paid through the API, after a payment reversed
/// through the ledger, after the roll-up rebuilt from the claims; for a month and a year, the city, a district and every district at once;
/// and a member paid under two unions in a year counts once where both unions are in the scope.
/// </summary>
public abstract class MutualAidRollupTests<TApp>(TApp app) : IndicatorTests<TApp>(app) where TApp : GonghuiApp, IIndicatorsApp
{
    private async Task AssertRollupEqualsClaimsAsync(DateOnly day, string when)
    {
        var month = new DateOnly(day.Year, day.Month, 1);
        var districts = await App.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Depth == 1).OrderBy(u => u.Path).Select(u => u.Path).ToListAsync());
        using var scope = App.Services.CreateScope();
        var source = scope.ServiceProvider.GetServices<IIndicatorSource>().OfType<MutualAidIndicators>().Single();
        var ct = TestContext.Current.CancellationToken;
        await RollupAssert.SameAsRecordsAsync(source, source.RawAsync, source.RawByDistrictAsync, new[] { (month, month.AddMonths(1)), (new DateOnly(day.Year, 1, 1), new DateOnly(day.Year + 1, 1, 1)), (new DateOnly(day.Year, 4, 1), new DateOnly(day.Year, 10, 1)) }, districts, when, "claims", ct);
    }

    [Fact]
    public async Task The_roll_up_gives_the_claims_figures_after_payments_a_reversal_and_a_rebuild()
    {
        var day = FreshDay();
        var year = day.Year;
        var admin = await ClientAsync("admin");
        var plan = await Api.OkAsync(admin, "/api/v1/mutual-aid/plans", new
        {
            code = "RU-" + Guid.NewGuid().ToString("N")[..10], year, kind = PlanKind.Inpatient, name = "汇总测试住院互助", feeFen = 60_00,
            enrolFrom = new DateOnly(year, 1, 1), enrolTo = new DateOnly(year, 12, 31), waitingDays = 0,
            deductibleFen = 500_00, bands = new[] { new { upToFen = (long?)null, ratioBp = 5000 } }, perClaimCapFen = 20_000_00, perYearCapFen = 60_000_00,
        });
        var (_, members) = await FundsTestData.GrassrootsWithMembersAsync(App, "/BJ/DC/", 2);
        var (_, xcMembers) = await FundsTestData.GrassrootsWithMembersAsync(App, "/BJ/XC/", 1);
        var dc = await ClientAsync("dongcheng");
        var xc = await ClientAsync("xicheng");
        await Api.OkAsync(dc, $"/api/v1/mutual-aid/plans/{plan.Id()}/enrolments", new { memberIds = members.Select(m => m.Id) });
        await Api.OkAsync(xc, $"/api/v1/mutual-aid/plans/{plan.Id()}/enrolments", new { memberIds = xcMembers.Select(m => m.Id) });

        async Task<Guid> PaidClaimAsync(HttpClient c, Guid member, long selfPaid)
        {
            var claim = await Api.OkAsync(c, "/api/v1/mutual-aid/claims", new
            {
                planId = plan.Id(), memberId = member, admittedOn = Today, hospital = "北京协和医院", totalFen = selfPaid * 2, insuranceCoveredFen = selfPaid, selfPaidFen = selfPaid,
            });
            await Api.OkAsync(c, $"/api/v1/mutual-aid/claims/{claim.Id()}/approve");
            await Api.OkAsync(c, $"/api/v1/mutual-aid/claims/{claim.Id()}/pay");
            return claim.Id();
        }

        var monthQuery = new IndicatorQuery(new DateOnly(year, day.Month, 1), new DateOnly(year, day.Month, 1).AddMonths(1), "/BJ/DC/");
        var before = await FiguresAsync<MutualAidIndicators>(monthQuery);
        var first = await PaidClaimAsync(dc, members[0].Id, 1_500_00);  // 500 yuan
        await PaidClaimAsync(dc, members[0].Id, 2_500_00);              // the same member again: 1,000 yuan
        await PaidClaimAsync(dc, members[1].Id, 3_500_00);              // 1,500 yuan
        await PaidClaimAsync(xc, xcMembers[0].Id, 1_500_00);            // another district
        var paid = await FiguresAsync<MutualAidIndicators>(monthQuery);
        Assert.Equal(before["mutualaid.payouts"].Value + 3, paid["mutualaid.payouts"].Value);
        Assert.Equal(before["mutualaid.amount"].Value + 3_000_00, paid["mutualaid.amount"].Value);
        await AssertRollupEqualsClaimsAsync(day, "after the payments");

        // The first payment reversed through the ledger: the claim leaves the figures, its member stays (a second claim is paid).
        var entry = await App.WithDbAsync(db => db.Set<MutualAidClaim>().Where(c => c.Id == first).Select(c => c.PaymentEntryId!.Value).SingleAsync());
        var res = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/funds/entries/{entry}/reversal")
        {
            Content = new StringContent("{\"reason\":\"银行退票\"}", System.Text.Encoding.UTF8, "application/json"), Headers = { { "Idempotency-Key", "ru-" + first } },
        });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var reversed = await FiguresAsync<MutualAidIndicators>(monthQuery);
        Assert.Equal(paid["mutualaid.payouts"].Value - 1, reversed["mutualaid.payouts"].Value);
        Assert.Equal(paid["mutualaid.amount"].Value - 500_00, reversed["mutualaid.amount"].Value);
        await AssertRollupEqualsClaimsAsync(day, "after the reversal");

        // Rebuilt from the claims: the same again.
        await App.WithScopeAsync(async sp =>
        {
            var n = await sp.GetServices<IRollup>().Single(r => r.Name == "mutualaid").RebuildAsync(TestContext.Current.CancellationToken);
            Assert.True(n >= 3);
        });
        await AssertRollupEqualsClaimsAsync(day, "after the rebuild");
    }

    [Fact]
    public async Task A_member_paid_under_two_unions_counts_once_where_both_are_in_scope()
    {
        // A year no claim reaches, moved by the roll-up's own entry point (the member moved from a DongCheng to a XiCheng union).
        const int year = 2091;
        var (dcUnion, _) = await FundsTestData.GrassrootsWithMembersAsync(App, "/BJ/DC/", 1);
        var (xcUnion, _) = await FundsTestData.GrassrootsWithMembersAsync(App, "/BJ/XC/", 1);
        var member = Guid.CreateVersion7();
        var at = BeijingTime.ToUtc(new DateOnly(year, 3, 5), new TimeOnly(10, 0));
        async Task ApplyAsync(params PaidChange[] changes) => await App.WithDbAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await PaidRollup.ApplyAsync(db, changes, default);
            await tx.CommitAsync();
            return 0;
        });
        async Task<(long City, long Dc, long Xc, long Payouts)> MembersAsync()
        {
            var y = (new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));
            var city = await FiguresAsync<MutualAidIndicators>(new IndicatorQuery(y.Item1, y.Item2, "/BJ/"));
            var d = await FiguresAsync<MutualAidIndicators>(new IndicatorQuery(y.Item1, y.Item2, "/BJ/DC/"));
            var x = await FiguresAsync<MutualAidIndicators>(new IndicatorQuery(y.Item1, y.Item2, "/BJ/XC/"));
            using var scope = App.Services.CreateScope();
            var source = scope.ServiceProvider.GetServices<IIndicatorSource>().OfType<MutualAidIndicators>().Single();
            var byDistrict = await source.ComputeByDistrictAsync(new DistrictQuery(y.Item1, y.Item2, "/BJ/", ["/BJ/DC/", "/BJ/XC/"]), default);
            Assert.Equal(d["mutualaid.members"].Value, byDistrict["/BJ/DC/"].Single(v => v.Key == "mutualaid.members").Value);
            Assert.Equal(x["mutualaid.members"].Value, byDistrict["/BJ/XC/"].Single(v => v.Key == "mutualaid.members").Value);
            return (city["mutualaid.members"].Value, d["mutualaid.members"].Value, x["mutualaid.members"].Value, city["mutualaid.payouts"].Value);
        }

        await ApplyAsync(new PaidChange(dcUnion, member, at, 100_00, 1), new PaidChange(dcUnion, member, at.AddDays(1), 200_00, 1));
        Assert.Equal((1L, 1L, 0L, 2L), await MembersAsync());
        await ApplyAsync(new PaidChange(xcUnion, member, at.AddDays(90), 300_00, 1));
        Assert.Equal((1L, 1L, 1L, 3L), await MembersAsync());
        await ApplyAsync(new PaidChange(dcUnion, member, at, 100_00, -1));
        Assert.Equal((1L, 1L, 1L, 2L), await MembersAsync());
        await ApplyAsync(new PaidChange(dcUnion, member, at.AddDays(1), 200_00, -1));
        Assert.Equal((1L, 0L, 1L, 1L), await MembersAsync());
        await ApplyAsync(new PaidChange(dcUnion, member, at.AddDays(2), 50_00, 1));
        Assert.Equal((1L, 1L, 1L, 2L), await MembersAsync());
    }
}

[Collection(IndicatorsCollections.Sqlite)]
public sealed class MutualAidRollupTests_Sqlite(SqliteIndicatorsApp app) : MutualAidRollupTests<SqliteIndicatorsApp>(app);

[Collection(IndicatorsCollections.Postgres)]
public sealed class MutualAidRollupTests_Postgres(PostgresIndicatorsApp app) : MutualAidRollupTests<PostgresIndicatorsApp>(app);
