using System.Net;
using System.Text.Json;
using Gonghui.Modules.Hardship.Assistance;
using Gonghui.Modules.Hardship.Files;
using Gonghui.Modules.Hardship.Indicators;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Data.Bulk;
using Gonghui.Platform.Indicators;
using Gonghui.Tests.Indicators;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Hardship;

/// <summary>
/// Hardship's roll-up (AssistanceRollup) gives the figures the assistance records give: after assistance paid through the API (and the
/// demo's, paid by its seeder), after a payment reversed through the ledger, after the roll-up rebuilt from the records; for a month, a
/// quarter and a year, the city, two districts and every district at once; and a household or child paid under two unions in a year counts
/// once where both unions are in the scope.
/// </summary>
public abstract class HardshipRollupTests<TApp>(TApp app) : IndicatorTests<TApp>(app) where TApp : GonghuiApp, IIndicatorsApp
{
    private const string Api = "/api/v1/hardship";

    private static HardshipIndicators Source(IServiceScope scope) => scope.ServiceProvider.GetServices<IIndicatorSource>().OfType<HardshipIndicators>().Single();

    private async Task AssertRollupEqualsRecordsAsync(DateOnly day, string when)
    {
        var month = new DateOnly(day.Year, day.Month, 1);
        var quarter = new DateOnly(day.Year, (day.Month - 1) / 3 * 3 + 1, 1);
        var districts = await App.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Depth == 1).OrderBy(u => u.Path).Select(u => u.Path).ToListAsync());
        using var scope = App.Services.CreateScope();
        var source = Source(scope);
        var ct = TestContext.Current.CancellationToken;
        var periods = new[]
        {
            (month, month.AddMonths(1)), (quarter, quarter.AddMonths(3)), (new DateOnly(day.Year, 1, 1), new DateOnly(day.Year + 1, 1, 1)),
            (new DateOnly(2020, 1, 1), new DateOnly(2021, 1, 1)), // the demo's year of the 金秋助学 campaign (paid by its seeder)
        };
        await RollupAssert.SameAsRecordsAsync(source, source.RawAsync, source.RawByDistrictAsync, periods, districts, when, "records", ct);
    }

    private async Task<JsonElement> StepAsync(HttpClient c, Guid id, FileAction action) =>
        await Indicators.Api.OkAsync(c, $"{Api}/files/{id}/transitions", new { action, reason = "理由" });

    /// <summary>A file of the unit, approved onto the archive (the notice period made to have run), with a child in the household.</summary>
    private async Task<JsonElement> ActiveFileAsync(string unitCode, HttpClient filer, HttpClient district, HttpClient admin)
    {
        var unit = await UnitIdAsync(unitCode);
        var f = await Indicators.Api.OkAsync(filer, $"{Api}/files", new
        {
            orgUnitId = unit, workerName = "汇总测试职工", workerIdNumber = HardshipApiTests<TApp>.NewIdNumber(), phone = "13912345678", monthlyIncomeFen = 200000,
            causes = new[] { HardshipCause.SeriousIllness }, contactName = "帮扶人",
            members = new[] { new { name = "上学的孩子", relation = Relation.Child, idNumber = HardshipApiTests<TApp>.NewIdNumber(), health = HealthStatus.Healthy, work = WorkStatus.Student, school = "某小学" } },
        });
        await StepAsync(district, f.Id(), FileAction.DistrictAccept);
        await App.WithDbAsync(async db =>
        {
            var file = await db.Set<HardshipFile>().SingleAsync(x => x.Id == f.Id());
            db.Entry(file).Property(x => x.NoticeEndsAt).CurrentValue = Now.AddMinutes(-1);
            return await db.SaveChangesAsync();
        });
        await StepAsync(district, f.Id(), FileAction.CloseNotice);
        return await StepAsync(admin, f.Id(), FileAction.FederationApprove);
    }

    private static Guid ChildOf(JsonElement file) =>
        file.GetProperty("household").EnumerateArray().Single(m => m.GetProperty("relation").GetString() == "Child").Id();

    private static async Task<Guid> PaidAsync(HttpClient c, Guid file, AssistanceType type, long amountFen, Guid? child = null)
    {
        var a = await Indicators.Api.OkAsync(c, $"{Api}/files/{file}/assistance", new { type, amountFen, handedOverBy = "帮扶人", childMemberId = child, note = "汇总测试" });
        await Indicators.Api.OkAsync(c, $"{Api}/assistance/{a.Id()}/pay");
        return a.Id();
    }

    [Fact]
    public async Task The_roll_up_gives_the_records_figures_after_payments_a_reversal_and_a_rebuild()
    {
        var day = FreshDay();
        var admin = await ClientAsync("admin");
        var g = await ClientAsync("dc-grassroots");
        var dc = await ClientAsync("dongcheng");
        var xc = await ClientAsync("xicheng");
        var monthQuery = new IndicatorQuery(new DateOnly(day.Year, day.Month, 1), new DateOnly(day.Year, day.Month, 1).AddMonths(1), "/BJ/DC/");
        var before = await FiguresAsync<HardshipIndicators>(monthQuery);

        var first = await ActiveFileAsync("HS-DC-01", g, dc, admin);
        var second = await ActiveFileAsync("HS-DC-01", g, dc, admin);
        var other = await ActiveFileAsync("HS-XC-01", xc, xc, admin);
        await PaidAsync(g, first.Id(), AssistanceType.WarmthCash, 1_500_00);
        var grant = await PaidAsync(g, first.Id(), AssistanceType.EducationGrant, 8_000_00, ChildOf(first));
        await PaidAsync(g, second.Id(), AssistanceType.WarmthGoods, 500_00);
        await PaidAsync(g, second.Id(), AssistanceType.EducationGrant, 6_000_00, ChildOf(second));
        await PaidAsync(xc, other.Id(), AssistanceType.WarmthCash, 1_000_00);
        var paid = await FiguresAsync<HardshipIndicators>(monthQuery);
        Assert.Equal(before.Value("hardship.assistance") + 16_000_00, paid.Value("hardship.assistance"));
        Assert.Equal(before.Value("hardship.assistance.households") + 2, paid.Value("hardship.assistance.households"));
        Assert.Equal(before.Value("hardship.warmth.households") + 2, paid.Value("hardship.warmth.households"));
        Assert.Equal(before.Value("hardship.education.children") + 2, paid.Value("hardship.education.children"));
        await AssertRollupEqualsRecordsAsync(day, "after the payments");

        // The first grant's payment reversed through the ledger: the grant and its child leave the figures, the household stays (its warmth cash).
        var entry = await App.WithDbAsync(db => db.Set<HardshipAssistance>().Where(a => a.Id == grant).Select(a => a.LedgerEntryId!.Value).SingleAsync());
        var res = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/funds/entries/{entry}/reversal")
        {
            Content = new StringContent("{\"reason\":\"银行退票\"}", System.Text.Encoding.UTF8, "application/json"), Headers = { { "Idempotency-Key", "hru-" + grant } },
        });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var reversed = await FiguresAsync<HardshipIndicators>(monthQuery);
        Assert.Equal(paid.Value("hardship.education.amount") - 8_000_00, reversed.Value("hardship.education.amount"));
        Assert.Equal(paid.Value("hardship.education.children") - 1, reversed.Value("hardship.education.children"));
        Assert.Equal(paid.Value("hardship.assistance.households"), reversed.Value("hardship.assistance.households"));
        await AssertRollupEqualsRecordsAsync(day, "after the reversal");
        // A reversed record is not paid again (the ledger would only replay its reversed payment): the figures stay.
        var again = await g.PostAsync($"{Api}/assistance/{grant}/pay", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(reversed.Value("hardship.education.amount"), (await FiguresAsync<HardshipIndicators>(monthQuery)).Value("hardship.education.amount"));

        // Rebuilt from the records: the same again.
        await App.WithScopeAsync(async sp =>
        {
            var n = await sp.GetServices<IRollup>().Single(r => r.Name == "hardship").RebuildAsync(TestContext.Current.CancellationToken);
            Assert.True(n >= 4);
        });
        await AssertRollupEqualsRecordsAsync(day, "after the rebuild");
    }

    [Fact]
    public async Task A_household_paid_under_two_unions_counts_once_where_both_are_in_scope()
    {
        // A year no assistance reaches, moved by the roll-up's own entry point (as if the household and its child were paid under a
        // DongCheng and a XiCheng union: a file's union is fixed in the application, the count stays exact whatever the records hold).
        const int year = 2092;
        var dcUnion = await UnitIdAsync("HS-DC-01");
        var xcUnion = await UnitIdAsync("HS-XC-01");
        var (household, child) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var on = new DateOnly(year, 3, 5);
        async Task ApplyAsync(IEnumerable<AssistanceChange> changes) => await App.WithDbAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await AssistanceRollup.ApplyAsync(db, changes, default);
            await tx.CommitAsync();
            return 0;
        });
        AssistanceChange Warmth(Guid union, DateOnly day, int sign, Guid? file = null) => new(union, file ?? household, null, AssistanceType.WarmthCash, day, 1_000_00, sign);
        AssistanceChange Grant(Guid union, DateOnly day, int sign) => new(union, household, child, AssistanceType.EducationGrant, day, 5_000_00, sign);
        async Task<(long City, long Dc, long Xc)> CountAsync(string key)
        {
            var y = (new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));
            var city = await FiguresAsync<HardshipIndicators>(new IndicatorQuery(y.Item1, y.Item2, "/BJ/"));
            var d = await FiguresAsync<HardshipIndicators>(new IndicatorQuery(y.Item1, y.Item2, "/BJ/DC/"));
            var x = await FiguresAsync<HardshipIndicators>(new IndicatorQuery(y.Item1, y.Item2, "/BJ/XC/"));
            using var scope = App.Services.CreateScope();
            var byDistrict = await Source(scope).ComputeByDistrictAsync(new DistrictQuery(y.Item1, y.Item2, "/BJ/", ["/BJ/DC/", "/BJ/XC/"]), default);
            Assert.Equal(d.Value(key), byDistrict["/BJ/DC/"].Single(v => v.Key == key).Value);
            Assert.Equal(x.Value(key), byDistrict["/BJ/XC/"].Single(v => v.Key == key).Value);
            return (city.Value(key), d.Value(key), x.Value(key));
        }

        await ApplyAsync([Warmth(dcUnion, on, 1), Warmth(dcUnion, on.AddDays(1), 1), Grant(dcUnion, on, 1)]);
        Assert.Equal((1L, 1L, 0L), await CountAsync("hardship.assistance.households"));
        Assert.Equal((1L, 1L, 0L), await CountAsync("hardship.education.children"));
        await ApplyAsync([Warmth(xcUnion, on.AddDays(90), 1), Grant(xcUnion, on.AddDays(90), 1)]);
        Assert.Equal((1L, 1L, 1L), await CountAsync("hardship.assistance.households"));
        Assert.Equal((1L, 1L, 1L), await CountAsync("hardship.education.children"));
        Assert.Equal((3L, 2L, 1L), await CountAsync("hardship.warmth.households")); // payments, not households
        await ApplyAsync([Warmth(dcUnion, on, -1), Warmth(dcUnion, on.AddDays(1), -1), Grant(dcUnion, on, -1)]);
        Assert.Equal((1L, 0L, 1L), await CountAsync("hardship.assistance.households"));
        Assert.Equal((1L, 0L, 1L), await CountAsync("hardship.education.children"));

        // A batch big enough to set the shared flags set-based (per year and kind, not per subject): the household back under DongCheng
        // with as many other households.
        var others = Enumerable.Range(0, RollupStatements.SetBasedFrom).Select(_ => Warmth(dcUnion, on.AddDays(30), 1, Guid.CreateVersion7())).ToList();
        await ApplyAsync([Warmth(dcUnion, on.AddDays(30), 1), .. others]);
        Assert.Equal((1L + others.Count, 1L + others.Count, 1L), await CountAsync("hardship.assistance.households"));
        await ApplyAsync([Warmth(xcUnion, on.AddDays(90), -1), Grant(xcUnion, on.AddDays(90), -1), .. others.Select(o => o with { Sign = -1 })]);
        Assert.Equal((1L, 1L, 0L), await CountAsync("hardship.assistance.households"));
        Assert.Equal((0L, 0L, 0L), await CountAsync("hardship.education.children"));
    }
}

[Collection(IndicatorsCollections.Sqlite)]
public sealed class HardshipRollupTests_Sqlite(SqliteIndicatorsApp app) : HardshipRollupTests<SqliteIndicatorsApp>(app);

[Collection(IndicatorsCollections.Postgres)]
public sealed class HardshipRollupTests_Postgres(PostgresIndicatorsApp app) : HardshipRollupTests<PostgresIndicatorsApp>(app);
