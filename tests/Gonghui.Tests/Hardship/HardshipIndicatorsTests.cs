using System.Text.Json;
using Gonghui.Modules.Hardship.Files;
using Gonghui.Modules.Hardship.Indicators;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Tests.Indicators;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Tests.Hardship;

/// <summary>Hardship's report figures from files and assistance worked through the API, inside and outside the period and the scope.</summary>
public abstract class HardshipIndicatorsTests<TApp>(TApp app) : IndicatorTests<TApp>(app) where TApp : GonghuiApp, IIndicatorsApp
{
    private const string Api = "/api/v1/hardship";

    private async Task<JsonElement> StepAsync(HttpClient c, Guid id, FileAction action, string reason = "理由", ExitReason? exit = null) =>
        await Indicators.Api.OkAsync(c, $"{Api}/files/{id}/transitions", new { action, reason, exitReason = exit });

    /// <summary>Moves the running notice's end into the past of the app's clock, as if the notice period had run.</summary>
    private Task EndNoticeAsync(Guid id) => App.WithDbAsync(async db =>
    {
        var f = await db.Set<HardshipFile>().SingleAsync(x => x.Id == id);
        db.Entry(f).Property(x => x.NoticeEndsAt).CurrentValue = Now.AddMinutes(-1);
        return await db.SaveChangesAsync();
    });

    private async Task<JsonElement> FiledAsync(HttpClient grassroots, bool withChild)
    {
        var unit = await App.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Code == "HS-DC-01").Select(u => u.Id).SingleAsync());
        var members = withChild
            ? new[] { new { name = "上学的孩子", relation = Relation.Child, idNumber = HardshipApiTests<TApp>.NewIdNumber(), health = HealthStatus.Healthy, work = WorkStatus.Student, school = "某小学" } }
            : [];
        return await Indicators.Api.OkAsync(grassroots, $"{Api}/files", new
        {
            orgUnitId = unit, workerName = "指标测试职工", workerIdNumber = HardshipApiTests<TApp>.NewIdNumber(), phone = "13912345678", monthlyIncomeFen = 200000,
            causes = new[] { HardshipCause.SeriousIllness }, contactName = "帮扶人", members,
        });
    }

    private async Task<JsonElement> ActiveAsync(HttpClient grassroots, HttpClient dc, HttpClient admin, bool withChild = false)
    {
        var f = await FiledAsync(grassroots, withChild);
        await StepAsync(dc, f.Id(), FileAction.DistrictAccept);
        await EndNoticeAsync(f.Id());
        await StepAsync(dc, f.Id(), FileAction.CloseNotice);
        return await StepAsync(admin, f.Id(), FileAction.FederationApprove);
    }

    private async Task<Guid> AssistAsync(HttpClient c, Guid file, AssistanceType type, long amountFen, Guid? child = null, bool pay = true)
    {
        var a = await Indicators.Api.OkAsync(c, $"{Api}/files/{file}/assistance", new { type, amountFen, handedOverBy = "帮扶人", childMemberId = child, note = "指标测试" });
        if (pay) await Indicators.Api.OkAsync(c, $"{Api}/assistance/{a.Id()}/pay");
        return a.Id();
    }

    [Fact]
    public async Task Archive_assistance_warmth_and_education_figures_count_the_period_and_scope()
    {
        var day = FreshDay();
        var dcPath = await PathOfAsync("DC");
        var before = await FiguresAsync<HardshipIndicators>(Day(day, dcPath));
        var g = await ClientAsync("dc-grassroots");
        var dc = await ClientAsync("dongcheng");
        var admin = await ClientAsync("admin");

        var withChild = await ActiveAsync(g, dc, admin, withChild: true);
        var plain = await ActiveAsync(g, dc, admin);
        var leaving = await ActiveAsync(g, dc, admin);
        await FiledAsync(g, withChild: false); // filed, never approved: not on the archive
        await StepAsync(g, leaving.Id(), FileAction.ProposeExit, "再就业，收入超过标准", ExitReason.ReEmployed);
        await StepAsync(g, leaving.Id(), FileAction.CollectiveApproveExit, "集体研究同意");
        await EndNoticeAsync(leaving.Id());
        await StepAsync(dc, leaving.Id(), FileAction.DistrictApproveExit);
        await StepAsync(g, leaving.Id(), FileAction.RecordWrittenNotice, "已送达书面告知书");

        var child = withChild.GetProperty("household").EnumerateArray().Single(m => m.GetProperty("relation").GetString() == "Child").Id();
        await AssistAsync(g, withChild.Id(), AssistanceType.WarmthCash, 1_500_00);
        await AssistAsync(g, withChild.Id(), AssistanceType.EducationGrant, 8_000_00, child);
        await AssistAsync(g, withChild.Id(), AssistanceType.MedicalRelief, 3_000_00, pay: false); // approved, not paid
        await AssistAsync(g, plain.Id(), AssistanceType.WarmthGoods, 500_00);
        await AssistAsync(g, plain.Id(), AssistanceType.MedicalRelief, 2_000_00);
        Clock.Advance(TimeSpan.FromDays(1));
        g = await ClientAsync("dc-grassroots");
        await AssistAsync(g, plain.Id(), AssistanceType.WarmthCash, 1_000_00); // the next day

        var f = await FiguresAsync<HardshipIndicators>(Day(day, dcPath));
        Assert.Equal(before.Value("hardship.files") + 2, f.Value("hardship.files")); // the exited file is no longer on the archive at the day's end
        f.Is("hardship.files.entered", 3);
        f.Is("hardship.files.exited", 1);
        f.Is("hardship.assistance", 1_500_00 + 8_000_00 + 500_00 + 2_000_00);
        f.Is("hardship.assistance.households", 2);
        f.Is("hardship.warmth", 2_000_00);
        f.Is("hardship.warmth.households", 2);
        f.Is("hardship.education.children", 1);
        f.Is("hardship.education.amount", 8_000_00);

        var next = await FiguresAsync<HardshipIndicators>(Day(day.AddDays(1), dcPath));
        next.Is("hardship.warmth", 1_000_00);
        next.IsNoData("hardship.education.amount");
        next.IsNoData("hardship.files.entered");
        next.Is("hardship.files", f.Value("hardship.files"));
        var xicheng = await FiguresAsync<HardshipIndicators>(Day(day, await PathOfAsync("XC")));
        xicheng.IsNoData("hardship.files.entered");
        xicheng.IsNoData("hardship.assistance");
    }
}

[Collection(IndicatorsCollections.Sqlite)]
public sealed class HardshipIndicatorsTests_Sqlite(SqliteIndicatorsApp app) : HardshipIndicatorsTests<SqliteIndicatorsApp>(app);

[Collection(IndicatorsCollections.Postgres)]
public sealed class HardshipIndicatorsTests_Postgres(PostgresIndicatorsApp app) : HardshipIndicatorsTests<PostgresIndicatorsApp>(app);
