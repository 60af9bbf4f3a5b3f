using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Insurance.Indicators;
using Gonghui.Modules.Insurance;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Tests.Indicators;
using Gonghui.Tests.Infrastructure;
using Gonghui.Tests.MutualAid;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Tests.Insurance;

/// <summary>Accident insurance's report figures from claims filed, reviewed, approved and paid through the API, inside and outside the period and the scope.</summary>
public abstract class InsuranceIndicatorsTests<TApp>(TApp app) : IndicatorTests<TApp>(app) where TApp : GonghuiApp, IIndicatorsApp
{
    private const string Base = "/api/v1/insurance";

    [Fact]
    public async Task Claims_and_payouts_count_claims_paid_in_the_period_and_scope()
    {
        var day = FreshDay();
        var admin = await ClientAsync("admin");
        var s = AccidentPayoutRules.Schedule2020;
        var scheme = await Api.OkAsync(admin, $"{Base}/schemes", new
        {
            code = "IND-" + Guid.NewGuid().ToString("N")[..10], year = 2020, name = "指标测试意外险", coverFrom = new DateOnly(2020, 1, 1), coverTo = new DateOnly(2020, 12, 31),
            covidFrom = (DateOnly?)null, causes = AccidentCauses.All.Where(c => c != AccidentCauses.Covid19), coversFamily = true,
            sumInsuredFen = s.SumInsuredFen, familySumInsuredFen = s.FamilySumInsuredFen, medicalDeductibleFen = s.MedicalDeductibleFen, medicalRatioBp = s.MedicalRatioBp,
            medicalCapFen = s.MedicalCapFen, disabilityBp = s.DisabilityBp, perPersonCapFen = 223_200_00,
        });
        var root = await App.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.ParentId == null).Select(u => u.Id).SingleAsync());
        await Api.OkAsync(admin, "/api/v1/funds/allocations", new { fundCode = FundCodes.Accident, orgUnitId = root, year = 2020, amountFen = 100_000_00 });
        foreach (var d in new[] { "DC", "XC" })
            await Api.OkAsync(admin, "/api/v1/funds/allocations", new { fundCode = FundCodes.Accident, orgUnitId = await UnitIdAsync(d), year = 2020, amountFen = 50_000_00 });

        var (_, members) = await FundsTestData.GrassrootsWithMembersAsync(App, "/BJ/DC/", 3);
        var (_, xcMembers) = await FundsTestData.GrassrootsWithMembersAsync(App, "/BJ/XC/", 1);
        var dc = await ClientAsync("dongcheng");
        var xc = await ClientAsync("xicheng");
        await Api.OkAsync(dc, $"{Base}/schemes/{scheme.Id()}/enrolments", new { memberIds = members.Select(m => m.Id), frontLine = true, coverFrom = new DateOnly(2020, 1, 1) });
        await Api.OkAsync(xc, $"{Base}/schemes/{scheme.Id()}/enrolments", new { memberIds = xcMembers.Select(m => m.Id), frontLine = true, coverFrom = new DateOnly(2020, 1, 1) });

        async Task<Guid> ApprovedAsync(HttpClient c, Guid member)
        {
            var claim = await Api.OkAsync(c, $"{Base}/claims", new { schemeId = scheme.Id(), memberId = member, accidentOn = new DateOnly(2020, 5, 6), cause = "traffic", medicalFen = 10_000_00, description = "骑车摔倒" });
            Assert.Equal(7_920_00, claim.Long("payoutFen"));
            await Api.OkAsync(c, $"{Base}/claims/{claim.Id()}/review", new { note = "材料齐全" });
            await Api.OkAsync(c, $"{Base}/claims/{claim.Id()}/approve");
            return claim.Id();
        }

        foreach (var m in members.Take(2)) await Api.OkAsync(dc, $"{Base}/claims/{await ApprovedAsync(dc, m.Id)}/pay");
        var later = await ApprovedAsync(dc, members[2].Id);
        await Api.OkAsync(xc, $"{Base}/claims/{await ApprovedAsync(xc, xcMembers[0].Id)}/pay");
        Clock.Advance(TimeSpan.FromDays(1));
        await Api.OkAsync(await ClientAsync("dongcheng"), $"{Base}/claims/{later}/pay");

        var f = await FiguresAsync<InsuranceIndicators>(Day(day, "/BJ/DC/"));
        f.Is("insurance.claims", 2);
        f.Is("insurance.amount", 2 * 7_920_00);
        f.IsNoData("insurance.claims.family");
        var city = await FiguresAsync<InsuranceIndicators>(Day(day, "/BJ/"));
        city.Is("insurance.claims", 3);
        city.Is("insurance.amount", 3 * 7_920_00);
        var next = await FiguresAsync<InsuranceIndicators>(Day(day.AddDays(1), "/BJ/DC/"));
        next.Is("insurance.claims", 1);
        (await FiguresAsync<InsuranceIndicators>(Day(day.AddDays(-1), "/BJ/"))).AllNoData();
    }
}

[Collection(IndicatorsCollections.Sqlite)]
public sealed class InsuranceIndicatorsTests_Sqlite(SqliteIndicatorsApp app) : InsuranceIndicatorsTests<SqliteIndicatorsApp>(app);

[Collection(IndicatorsCollections.Postgres)]
public sealed class InsuranceIndicatorsTests_Postgres(PostgresIndicatorsApp app) : InsuranceIndicatorsTests<PostgresIndicatorsApp>(app);
