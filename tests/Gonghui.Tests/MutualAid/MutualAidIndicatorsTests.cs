using Gonghui.Modules.MutualAid.Indicators;
using Gonghui.Modules.MutualAid.Plans;
using Gonghui.Tests.Indicators;
using Gonghui.Tests.Infrastructure;

namespace Gonghui.Tests.MutualAid;

/// <summary>Mutual aid's report figures from claims filed, approved and paid through the API, inside and outside the period and the scope.</summary>
public abstract class MutualAidIndicatorsTests<TApp>(TApp app) : IndicatorTests<TApp>(app) where TApp : GonghuiApp, IIndicatorsApp
{
    [Fact]
    public async Task Payouts_amount_and_members_count_paid_claims_of_the_period_and_scope()
    {
        var day = FreshDay();
        var admin = await ClientAsync("admin");
        var year = day.Year;
        var plan = await Api.OkAsync(admin, "/api/v1/mutual-aid/plans", new
        {
            code = "IND-" + Guid.NewGuid().ToString("N")[..10], year, kind = PlanKind.Inpatient, name = "指标测试住院互助", feeFen = 60_00,
            enrolFrom = new DateOnly(year, 1, 1), enrolTo = new DateOnly(year, 12, 31), waitingDays = 0,
            deductibleFen = 500_00, bands = new[] { new { upToFen = (long?)null, ratioBp = 5000 } }, perClaimCapFen = 20_000_00, perYearCapFen = 60_000_00,
        });
        var (_, members) = await FundsTestData.GrassrootsWithMembersAsync(App, "/BJ/DC/", 3);
        var (_, xcMembers) = await FundsTestData.GrassrootsWithMembersAsync(App, "/BJ/XC/", 1);
        var dc = await ClientAsync("dongcheng");
        var xc = await ClientAsync("xicheng");
        await Api.OkAsync(dc, $"/api/v1/mutual-aid/plans/{plan.Id()}/enrolments", new { memberIds = members.Select(m => m.Id) });
        await Api.OkAsync(xc, $"/api/v1/mutual-aid/plans/{plan.Id()}/enrolments", new { memberIds = xcMembers.Select(m => m.Id) });

        async Task<System.Text.Json.JsonElement> ClaimAsync(HttpClient c, Guid member, long selfPaid, bool pay = true)
        {
            var claim = await Api.OkAsync(c, "/api/v1/mutual-aid/claims", new
            {
                planId = plan.Id(), memberId = member, admittedOn = Today, hospital = "北京协和医院", totalFen = selfPaid * 2, insuranceCoveredFen = selfPaid, selfPaidFen = selfPaid,
            });
            await Api.OkAsync(c, $"/api/v1/mutual-aid/claims/{claim.Id()}/approve");
            if (pay) await Api.OkAsync(c, $"/api/v1/mutual-aid/claims/{claim.Id()}/pay");
            return claim;
        }

        var a = await ClaimAsync(dc, members[0].Id, 1_500_00);        // (1,500 − 500) × 50% = 500 yuan
        var b = await ClaimAsync(dc, members[0].Id, 2_500_00);        // the same member again: 1,000 yuan
        var c = await ClaimAsync(dc, members[1].Id, 3_500_00);        // 1,500 yuan
        var approvedOnly = await ClaimAsync(dc, members[2].Id, 1_500_00, pay: false);
        await ClaimAsync(xc, xcMembers[0].Id, 1_500_00);              // another district
        Clock.Advance(TimeSpan.FromDays(1));
        dc = await ClientAsync("dongcheng");
        await Api.OkAsync(dc, $"/api/v1/mutual-aid/claims/{approvedOnly.Id()}/pay"); // paid the next day: outside the period

        var f = await FiguresAsync<MutualAidIndicators>(Day(day, "/BJ/DC/"));
        f.Is("mutualaid.payouts", 3);
        Assert.Equal(500_00 + 1_000_00 + 1_500_00, a.Long("payoutFen") + b.Long("payoutFen") + c.Long("payoutFen"));
        f.Is("mutualaid.amount", 3_000_00);
        f.Is("mutualaid.members", 2);
        var city = await FiguresAsync<MutualAidIndicators>(Day(day, "/BJ/"));
        city.Is("mutualaid.payouts", 4);
        city.Is("mutualaid.amount", 3_500_00);
        var next = await FiguresAsync<MutualAidIndicators>(Day(day.AddDays(1), "/BJ/DC/"));
        next.Is("mutualaid.payouts", 1);
        next.Is("mutualaid.amount", 500_00);
        (await FiguresAsync<MutualAidIndicators>(Day(day.AddDays(-1), "/BJ/DC/"))).AllNoData();
    }
}

[Collection(IndicatorsCollections.Sqlite)]
public sealed class MutualAidIndicatorsTests_Sqlite(SqliteIndicatorsApp app) : MutualAidIndicatorsTests<SqliteIndicatorsApp>(app);

[Collection(IndicatorsCollections.Postgres)]
public sealed class MutualAidIndicatorsTests_Postgres(PostgresIndicatorsApp app) : MutualAidIndicatorsTests<PostgresIndicatorsApp>(app);
