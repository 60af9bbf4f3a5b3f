using System.Net;
using System.Text.Json;
using Gonghui.Modules.LaborRelations.Bargaining;
using Gonghui.Modules.LaborRelations.Cultivation;
using Gonghui.Modules.LaborRelations.Organizing;
using Gonghui.Modules.LaborRelations.Risk;
using Gonghui.Modules.LaborRelations.Rules;
using Gonghui.Modules.LaborRelations.Signals;
using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Notifications;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.LaborRelations;

/// <summary>Collective bargaining, harmonious-employer cultivation and organizing drives over HTTP on each provider (issue 16.8–16.10).</summary>
public abstract class RightsApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private const string Base = "/api/v1/labor-relations";

    private Task<DateOnly> TodayAsync() => app.WithScopeAsync2(sp => sp.GetRequiredService<LaborScope>().Today);

    /// <summary>A 东城 enterprise not in cultivation (the demo's few 东城 firms at the test scale), and its credit code.</summary>
    private Task<(Guid Id, string Code)> FirmAsync() => app.WithDbAsync(async db =>
    {
        var cultivated = db.Set<CultivatedFirm>().Select(f => f.EnterpriseId);
        var e = await db.Set<Enterprise>().Where(x => x.DistrictCode == "110101" && !cultivated.Contains(x.Id)).OrderBy(x => x.Id)
            .Select(x => new { x.Id, x.CreditCode }).FirstAsync();
        return (e.Id, e.CreditCode);
    });

    /// <summary>Closes the firm's open alerts behind the API's back (the demo raises some), so that a review may find it harmless.</summary>
    private Task CloseAlertsAsync(Guid firm) => app.WithDbAsync(db =>
        db.Set<RiskAlert>().Where(a => a.EnterpriseId == firm && a.State != AlertState.Closed).ExecuteUpdateAsync(u => u.SetProperty(a => a.State, AlertState.Closed)));

    private static async Task<JsonElement> ErrorsOf(HttpResponseMessage res)
    {
        var text = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == HttpStatusCode.BadRequest, $"{res.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("errors");
    }

    private static async Task<T> Ok<T>(HttpResponseMessage res, HttpStatusCode code = HttpStatusCode.OK)
    {
        Assert.True(res.StatusCode == code, $"{res.StatusCode}: {await res.Content.ReadAsStringAsync()}");
        return (await res.ReadJsonAsync<T>())!;
    }

    private static async Task<string> ConflictCode(HttpResponseMessage res)
    {
        var text = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == HttpStatusCode.Conflict, $"{res.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("code").GetString()!;
    }

    [Fact]
    public async Task An_agreement_is_bargained_signed_by_the_statute_filed_reminded_and_renewed()
    {
        var dc = await app.ClientAsync("dongcheng");
        var today = await TodayAsync();
        var (firm, code) = await FirmAsync();

        var bad = await ErrorsOf(await dc.PostJsonAsync($"{Base}/bargaining/agreements", new { kind = "Wage", level = "Enterprise", requestedOn = today.AddDays(1) }));
        Assert.True(bad.TryGetProperty("title", out _) && bad.TryGetProperty("enterpriseId", out _) && bad.TryGetProperty("requestedOn", out _), bad.ToString());
        var xc = await app.ClientAsync("xicheng");
        Assert.True((await ErrorsOf(await xc.PostJsonAsync($"{Base}/bargaining/agreements",
            new { title = "x", kind = "Wage", level = "Enterprise", enterpriseId = firm, requestedOn = today }))).TryGetProperty("enterpriseId", out _));

        var requested = today.AddDays(-60);
        var a = await Ok<AgreementDto>(await dc.PostJsonAsync($"{Base}/bargaining/agreements",
            new { title = "测试工资专项集体合同", kind = "Wage", level = "Enterprise", form = "Regular", enterpriseCode = code, requestedOn = requested, workersCovered = 120 }),
            HttpStatusCode.Created);
        Assert.Equal((firm, AgreementStatus.Negotiating, requested.AddDays(20)), (a.EnterpriseId!.Value, a.Status, a.ResponseDue));
        var url = $"{Base}/bargaining/agreements/{a.Id}";

        Assert.True((await ErrorsOf(await dc.PostJsonAsync($"{url}/rounds", new { heldOn = requested.AddDays(-1), topic = "工资" }))).TryGetProperty("heldOn", out _));
        await Ok<RoundDto>(await dc.PostJsonAsync($"{url}/rounds", new { heldOn = requested.AddDays(10), topic = "工资调整幅度", unionOfferBp = 800, employerOfferBp = 300 }),
            HttpStatusCode.Created);
        var r2 = await Ok<RoundDto>(await dc.PostJsonAsync($"{url}/rounds", new { heldOn = requested.AddDays(20), topic = "工资调整幅度", unionOfferBp = 600, employerOfferBp = 500 }),
            HttpStatusCode.Created);
        Assert.Equal((2, 100), (r2.No, r2.GapBp!.Value));

        var sign = new
        {
            signedOn = today.AddDays(-20), startsOn = today.AddDays(-19), expiresOn = today.AddDays(20), congressTotal = 90, congressPresent = 59, congressFor = 50,
            unionReps = 3, employerReps = 3, workersCovered = 120, wageIncreaseBp = 550, unionChief = "王建国", employerChief = "李红",
        };
        var quorum = await ErrorsOf(await dc.PostJsonAsync($"{url}/sign", sign));
        Assert.Contains("三分之二", quorum.GetProperty("congressPresent")[0].GetString());
        Assert.True((await ErrorsOf(await dc.PostJsonAsync($"{url}/sign", sign with { congressPresent = 60, expiresOn = today.AddYears(3) }))).TryGetProperty("expiresOn", out _));
        Assert.True((await ErrorsOf(await dc.PostJsonAsync($"{url}/sign", sign with { congressPresent = 60, signedOn = requested.AddDays(15) }))).TryGetProperty("signedOn", out _)); // before the last round
        var signed = await Ok<AgreementDto>(await dc.PostJsonAsync($"{url}/sign", sign with { congressPresent = 60 }));
        Assert.Equal((AgreementStatus.Signed, today.AddDays(-10), true), (signed.Status, signed.FilingDue!.Value, signed.FilingOverdue));
        Assert.Equal(HttpStatusCode.Conflict, (await dc.PostJsonAsync($"{url}/rounds", new { heldOn = today, topic = "x" })).StatusCode);

        // the reminder of the overdue filing goes to the outbox once
        var queued = await Ok<JsonElement>(await dc.PostJsonAsync($"{Base}/bargaining/reminders", new { }));
        Assert.True(queued.GetProperty("queued").GetInt32() >= 1);
        Assert.Contains("报送", await app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.SubjectId == a.Id).Select(m => m.Body).SingleAsync()));

        Assert.True((await ErrorsOf(await dc.PostJsonAsync($"{url}/file", new { on = today.AddDays(-21) }))).TryGetProperty("on", out _));
        var filed = await Ok<AgreementDto>(await dc.PostJsonAsync($"{url}/file", new { on = today.AddDays(-5) }));
        Assert.Equal((AgreementStatus.Filed, today.AddDays(10), false), (filed.Status, filed.EffectiveOn!.Value, filed.InForce)); // 15 days after filing

        // expiring in 20 days: the 30-day reminder, once
        await dc.PostJsonAsync($"{Base}/bargaining/reminders", new { });
        await dc.PostJsonAsync($"{Base}/bargaining/reminders", new { });
        var bodies = await app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.SubjectId == a.Id).Select(m => m.Body).ToListAsync());
        Assert.Equal(2, bodies.Count);
        Assert.Contains(bodies, b => b.Contains("30日内"));
        Assert.Equal(ReminderStage.ThirtyDays, (await dc.GetJsonAsync<AgreementDetail>(url))!.Agreement.Reminded);

        // coverage on a day it is in force counts its workers under 东城; 西城 sees neither the agreement nor its coverage
        var on = today.AddDays(12);
        var cov = (await dc.GetJsonAsync<CoverageDto>($"{Base}/bargaining/coverage?on={on:yyyy-MM-dd}"))!;
        Assert.True(cov.ByDistrict.Single(r => r.Key == "110101").Workers >= 120);
        Assert.Equal(cov.Total.Agreements, cov.ByDistrict.Sum(r => r.Agreements));
        Assert.Equal(cov.Total.Workers, cov.ByKind.Sum(r => r.Workers));
        Assert.Equal(HttpStatusCode.NotFound, (await xc.GetAsync(url)).StatusCode);
        Assert.DoesNotContain((await xc.GetJsonAsync<CoverageDto>($"{Base}/bargaining/coverage?on={on:yyyy-MM-dd}"))!.ByDistrict, r => r.Key == "110101");

        // renewal: a new file for the same firm; signing it marks the old one renewed
        var renewal = await Ok<AgreementDto>(await dc.PostJsonAsync($"{Base}/bargaining/agreements",
            new { title = "测试工资专项集体合同（续订）", kind = "Wage", level = "Enterprise", enterpriseId = firm, requestedOn = today, renewsId = a.Id }), HttpStatusCode.Created);
        Assert.Equal("agreement.renewalOpen", await ConflictCode(await dc.PostJsonAsync($"{Base}/bargaining/agreements",
            new { title = "再次续订", kind = "Wage", level = "Enterprise", enterpriseId = firm, requestedOn = today, renewsId = a.Id })));
        await Ok<AgreementDto>(await dc.PostJsonAsync($"{Base}/bargaining/agreements/{renewal.Id}/sign", sign with
        {
            congressPresent = 60, signedOn = today, startsOn = today.AddDays(21), expiresOn = today.AddDays(21).AddYears(1).AddDays(-1),
        }));
        var old = (await dc.GetJsonAsync<AgreementDetail>(url))!.Agreement;
        Assert.Equal((AgreementStatus.Renewed, renewal.Id), (old.Status, old.RenewedById!.Value));
        Assert.Equal("agreement.state", await ConflictCode(await dc.PostJsonAsync($"{url}/file", new { on = today })));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("agent")).GetAsync($"{Base}/bargaining/agreements")).StatusCode);
    }

    [Fact]
    public async Task A_firm_is_checked_rectified_reviewed_and_recognised_and_counts_as_cultivated()
    {
        var dc = await app.ClientAsync("dongcheng");
        var today = await TodayAsync();
        var (firm, code) = await FirmAsync();
        await CloseAlertsAsync(firm);
        var enrolled = today.AddDays(-200);
        var f = await Ok<CultivatedFirmDto>(await dc.PostJsonAsync($"{Base}/cultivation/firms",
            new { enterpriseCode = code, enrolledOn = enrolled, lawyerTeam = "劳模律师服务团测试组" }), HttpStatusCode.Created);
        Assert.Equal((firm, enrolled.Year, CultivationStatus.Cultivating), (f.EnterpriseId, f.Cohort, f.Status));
        Assert.Equal("cultivation.alreadyEnrolled", await ConflictCode(await dc.PostJsonAsync($"{Base}/cultivation/firms",
            new { enterpriseId = firm, enrolledOn = enrolled, lawyerTeam = "x" })));
        var url = $"{Base}/cultivation/firms/{f.Id}";

        var items = CultivationRules.Checklist.Select(c => new { key = c.Key, result = c.Key == "hours" ? "Minor" : "Compliant", note = (string?)null, rectifyBy = (DateOnly?)null }).ToList();
        Assert.True((await ErrorsOf(await dc.PostJsonAsync($"{url}/checks", new { checkedOn = today.AddDays(-30), checkedBy = "测试组", items }))).TryGetProperty("items[1].rectifyBy", out _));
        Assert.True((await ErrorsOf(await dc.PostJsonAsync($"{url}/checks", new { checkedOn = enrolled.AddDays(-1), checkedBy = "测试组", items }))).TryGetProperty("checkedOn", out _));
        items[1] = items[1] with { note = "旺季加班超时", rectifyBy = today.AddDays(30) };
        var check = await Ok<CheckDto>(await dc.PostJsonAsync($"{url}/checks", new { checkedOn = today.AddDays(-30), checkedBy = "测试组", items }), HttpStatusCode.Created);
        Assert.Equal(95, check.Score); // hours: 10 points, a minor problem counts 5

        // the review: the open problem blocks recognition; a grassroots union may not recognise at all
        Assert.Equal("cultivation.openFindings", await ConflictCode(await dc.PostJsonAsync($"{url}/recognize", new { on = today, typical = true })));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("dc-grassroots")).PostJsonAsync($"{url}/recognize", new { on = today })).StatusCode);
        var finding = check.Findings.Single(x => x.Result == ItemVerdict.Minor);
        Assert.True((await ErrorsOf(await dc.PostJsonAsync($"{url}/findings/{finding.Id}/rectify", new { on = today }))).TryGetProperty("note", out _));
        await Ok<FindingDto>(await dc.PostJsonAsync($"{url}/findings/{finding.Id}/rectify", new { on = today, note = "已调整排班" }));
        Assert.Empty((await dc.GetJsonAsync<CultivatedFirmDetail>(url))!.Blockers);
        var recognized = await Ok<CultivatedFirmDto>(await dc.PostJsonAsync($"{url}/recognize", new { on = today, typical = true, note = "评审通过" }));
        Assert.Equal((CultivationStatus.Recognized, true, today), (recognized.Status, recognized.Typical, recognized.EndedOn!.Value));
        Assert.Equal("cultivation.state", await ConflictCode(await dc.PostJsonAsync($"{url}/checks", new { checkedOn = today, checkedBy = "测试组", items })));

        var year = await FiguresAsync(new IndicatorQuery(today.AddDays(-365), today.AddDays(1), "/BJ/DC/"));
        Assert.True(year["labor.cultivated-firms"].Value >= 1 && year["labor.cultivated-firms.recognized"].Value >= 1 && year["labor.health-checks"].Value >= 1);
        // the review's 2020 figure, at the test scale: 73 × 0.01 → 1 firm of the 2020 cohort
        Assert.Equal(new IndicatorValue("labor.cultivated-firms", 1), (await FiguresAsync(IndicatorQuery.Year(2020, "/BJ/")))["labor.cultivated-firms"]);
        var none = await FiguresAsync(IndicatorQuery.Year(2020, "/NO-SUCH-UNIT/"));
        Assert.All(none.Values, v => Assert.Equal((0L, IndicatorValues.NoData), (v.Value, v.Flag)));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientAsync("xicheng")).GetAsync(url)).StatusCode);
    }

    private async Task<Dictionary<string, IndicatorValue>> FiguresAsync(IndicatorQuery q)
    {
        var values = new Dictionary<string, IndicatorValue>();
        await app.WithScopeAsync(async sp =>
        {
            foreach (var source in sp.GetServices<IIndicatorSource>().Where(s => s.Definitions.Any(d => d.Key.StartsWith("labor."))))
                foreach (var v in await source.ComputeAsync(q, default))
                    values[v.Key] = v;
        });
        return values;
    }

    [Fact]
    public async Task A_drives_progress_is_counted_from_the_registry()
    {
        var admin = await app.ClientAsync("admin");
        var (from, to) = (new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31));
        var bad = await ErrorsOf(await admin.PostJsonAsync($"{Base}/organizing/drives",
            new { name = "科技园区", kind = "ParkOrBuilding", districtCode = "110101", startsOn = from, endsOn = to, targetFirms = 10, targetMembers = 100 }));
        Assert.True(bad.TryGetProperty("enterpriseIds", out _));
        Assert.True((await ErrorsOf(await (await app.ClientAsync("xicheng")).PostJsonAsync($"{Base}/organizing/drives",
            new { name = "x", kind = "NonPublicFirms", districtCode = "110101", startsOn = from, endsOn = to, targetFirms = 10, targetMembers = 100 }))).TryGetProperty("districtCode", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("dc-grassroots")).PostJsonAsync($"{Base}/organizing/drives",
            new { name = "x", kind = "NonPublicFirms", districtCode = "110101", startsOn = from, endsOn = to, targetFirms = 10, targetMembers = 100 })).StatusCode);

        var d = await Ok<DriveDto>(await admin.PostJsonAsync($"{Base}/organizing/drives",
            new { name = "东城区2020年非公企业建会（测试）", kind = "NonPublicFirms", step = "Comprehensive", districtCode = "110101", startsOn = from, endsOn = to, targetFirms = 3, targetMembers = 50 }),
            HttpStatusCode.Created);
        var p = (await admin.GetJsonAsync<DriveProgressDto>($"{Base}/organizing/drives/{d.Id}"))!;

        var (firms, joined, without) = await app.WithDbAsync(async db =>
        {
            var nonPublic = db.Set<Enterprise>().Where(e => e.DistrictCode == "110101" && e.Ownership != Ownership.State && e.Ownership != Ownership.Collective);
            var ids = nonPublic.Select(e => (Guid?)e.Id);
            return (await nonPublic.CountAsync(e => e.UnionFoundedOn >= from && e.UnionFoundedOn <= to),
                await db.Set<Member>().CountAsync(m => m.JoinedOn >= from && m.JoinedOn <= to && ids.Contains(m.EnterpriseId)),
                await nonPublic.CountAsync(e => e.UnionFoundedOn == null || e.UnionFoundedOn > to));
        });
        Assert.Equal((firms, joined, without), (p.Progress.FirmsOrganized, p.Progress.MembersJoined, p.Progress.FirmsWithoutUnion));
        Assert.Equal(12, p.Series.Count);
        Assert.Equal((firms, joined), (p.Series.Sum(x => x.FirmsOrganized), p.Series.Sum(x => x.MembersJoined)));
        Assert.Equal(OrganizingRules.ShareBp(firms, 3), p.FirmsBp);
        Assert.Contains((await admin.GetJsonAsync<List<DriveProgressDto>>($"{Base}/organizing/drives"))!, x => x.Drive.Id == d.Id && x.Progress.FirmsOrganized == firms);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientAsync("xicheng")).GetAsync($"{Base}/organizing/drives/{d.Id}")).StatusCode);
    }
}

public sealed class RightsApiTests_Sqlite(SqliteApp app) : RightsApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class RightsApiTests_Postgres(PostgresApp app) : RightsApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
