using System.Net;
using System.Text;
using Gonghui.Modules.MutualAid;
using Gonghui.Modules.MutualAid.Plans;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Gonghui.Modules.MutualAid.Claims;

namespace Gonghui.Tests.MutualAid;

/// <summary>Plan creation (the service the new-plan page and the API share) and the intake template — over HTTP on each provider.</summary>
public abstract class MutualAidPlanApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private sealed record Problem(Dictionary<string, string[]> Errors);

    private static object ValidPlan(string code) => new
    {
        code, year = 2026, kind = PlanKind.FemaleSpecificDisease, name = "女职工特疾互助" + code, feeFen = 30_00,
        enrolFrom = new DateOnly(2026, 1, 1), enrolTo = new DateOnly(2026, 6, 30), waitingDays = 90,
        deductibleFen = 0, bands = new[] { new { upToFen = (long?)null, ratioBp = 10000 } }, perClaimCapFen = 10_000_00, perYearCapFen = 10_000_00,
    };

    [Fact]
    public async Task Creating_a_plan_names_every_wrong_field_at_once_in_the_callers_language()
    {
        var admin = await app.ClientAsync("admin");
        var res = await admin.PostJsonAsync("/api/v1/mutual-aid/plans", new
        {
            code = "", year = 1999, name = " ", feeFen = -1, enrolFrom = new DateOnly(2026, 3, 1), enrolTo = new DateOnly(2026, 2, 1), waitingDays = 400,
            deductibleFen = 0, bands = new[] { new { upToFen = (long?)1_000_000, ratioBp = 5000 }, new { upToFen = (long?)500_000, ratioBp = 6000 }, new { upToFen = (long?)null, ratioBp = 7000 } },
            perClaimCapFen = 0, perYearCapFen = 0,
        });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var problem = (await res.ReadJsonAsync<Problem>())!;
        Assert.Equal(["bands", "code", "enrolTo", "feeFen", "kind", "name", "perClaimCapFen", "waitingDays", "year"], problem.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("分段上限须递增。", problem.Errors["bands"].Single());
        Assert.Equal("单次上限须大于零。", problem.Errors["perClaimCapFen"].Single());
        Assert.Equal("等待期须为 0–365 天。", problem.Errors["waitingDays"].Single());
        Assert.Equal("参加期无效。", problem.Errors["enrolTo"].Single());
    }

    [Fact]
    public async Task A_per_year_cap_below_the_per_claim_cap_and_open_bands_not_last_are_both_reported()
    {
        var admin = await app.ClientAsync("admin");
        var res = await admin.PostJsonAsync("/api/v1/mutual-aid/plans", new
        {
            code = "E-" + Guid.NewGuid().ToString("N")[..10], year = 2026, kind = PlanKind.Inpatient, name = "n", feeFen = 0,
            enrolFrom = new DateOnly(2026, 1, 1), enrolTo = new DateOnly(2026, 1, 1), waitingDays = 0,
            deductibleFen = 0, bands = new[] { new { upToFen = (long?)null, ratioBp = 5000 }, new { upToFen = (long?)500_000, ratioBp = 6000 } },
            perClaimCapFen = 2_000_00, perYearCapFen = 1_000_00,
        });
        var problem = (await res.ReadJsonAsync<Problem>())!;
        Assert.Equal(["bands", "perYearCapFen"], problem.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("只有最后一段可以不设上限。", problem.Errors["bands"].Single());
    }

    [Fact]
    public async Task A_plan_is_created_by_federation_staff_only_and_its_code_is_taken_once()
    {
        var code = "C-" + Guid.NewGuid().ToString("N")[..10];
        var dc = await app.ClientAsync("dongcheng");
        Assert.Equal(HttpStatusCode.Forbidden, (await dc.PostJsonAsync("/api/v1/mutual-aid/plans", ValidPlan(code))).StatusCode);

        var admin = await app.ClientAsync("admin");
        var created = await admin.PostJsonAsync("/api/v1/mutual-aid/plans", ValidPlan(code));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var plan = (await created.ReadJsonAsync<PlanDto>())!;
        Assert.Equal(PlanKind.FemaleSpecificDisease, plan.Kind);
        Assert.Equal(30_00, plan.FeeFen);
        Assert.Equal([new PayoutBand(null, 10000)], plan.Bands);
        Assert.Equal($"/api/v1/mutual-aid/plans/{plan.Id}", created.Headers.Location?.OriginalString);

        var again = await admin.PostJsonAsync("/api/v1/mutual-aid/plans", ValidPlan(code));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("编号已存在或无效。", (await again.ReadJsonAsync<Problem>())!.Errors["code"].Single());
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<MutualAidPlan>().CountAsync(p => p.Code == code)));
    }

    [Fact]
    public async Task The_intake_template_has_the_importer_columns_and_excel_reads_it_as_utf8()
    {
        var dc = await app.ClientAsync("dongcheng");
        var res = await dc.GetAsync("/api/v1/mutual-aid/claims/import/template.csv");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("text/csv", res.Content.Headers.ContentType?.MediaType);
        var bytes = await res.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal("身份证号,姓名,入院日期,医院,诊断,医疗总费用,医保统筹支付,个人自付\r\n", Encoding.UTF8.GetString(bytes[3..]));
    }
}

public sealed class MutualAidPlanApiTests_Sqlite(SqliteApp app) : MutualAidPlanApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class MutualAidPlanApiTests_Postgres(PostgresApp app) : MutualAidPlanApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
