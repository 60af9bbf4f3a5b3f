using System.Net;
using System.Text;
using Gonghui.Modules.Insurance.Schemes;
using Gonghui.Modules.Insurance;
using Gonghui.Modules.Insurance.Claims;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Tests.Infrastructure;
using Gonghui.Tests.MutualAid;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Tests.Insurance;

/// <summary>Spreadsheet claim intake and a worker filing their own claim, over HTTP on each provider.</summary>
public abstract class InsuranceImportTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private const string Base = "/api/v1/insurance";
    private const string Header = "身份证号,姓名,出险日期,事故原因,医疗费用,伤残等级,身故,事故经过\n";

    private async Task<SchemeDto> NewSchemeAsync()
    {
        var admin = await app.ClientAsync("admin");
        var s = AccidentPayoutRules.Schedule2020;
        var res = await admin.PostJsonAsync($"{Base}/schemes", new
        {
            code = "I-" + Guid.NewGuid().ToString("N")[..12], year = 2020, name = "导入测试意外险", coverFrom = new DateOnly(2020, 1, 1), coverTo = new DateOnly(2020, 12, 31),
            covidFrom = new DateOnly(2020, 1, 20), causes = AccidentCauses.All, coversFamily = true,
            sumInsuredFen = s.SumInsuredFen, familySumInsuredFen = s.FamilySumInsuredFen, medicalDeductibleFen = s.MedicalDeductibleFen, medicalRatioBp = s.MedicalRatioBp,
            medicalCapFen = s.MedicalCapFen, disabilityBp = s.DisabilityBp, perPersonCapFen = s.PerPersonCapFen,
        });
        Assert.True(res.StatusCode == HttpStatusCode.Created, await res.Content.ReadAsStringAsync());
        return (await res.ReadJsonAsync<SchemeDto>())!;
    }

    private async Task<(SchemeDto Scheme, List<FundsTestData.TestMember> Members, HttpClient Dc)> EnrolledAsync(int count)
    {
        var scheme = await NewSchemeAsync();
        var (_, members) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", count);
        var dc = await app.ClientAsync("dongcheng");
        var res = await dc.PostJsonAsync($"{Base}/schemes/{scheme.Id}/enrolments", new { memberIds = members.Select(m => m.Id), coverFrom = new DateOnly(2020, 1, 1) });
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        return (scheme, members, dc);
    }

    private static Task<(HttpStatusCode Status, InsuranceImportResultDto Result)> UploadAsync(HttpClient c, Guid schemeId, string csv, bool skip = false) =>
        UploadAsync(c, schemeId, Encoding.UTF8.GetBytes(csv), "claims.csv", skip);

    private static async Task<(HttpStatusCode Status, InsuranceImportResultDto Result)> UploadAsync(HttpClient c, Guid schemeId, byte[] file, string name, bool skip = false)
    {
        var form = new MultipartFormDataContent { { new StringContent(schemeId.ToString()), "schemeId" }, { new StringContent(skip ? "true" : "false"), "skipBadRows" } };
        form.Add(new ByteArrayContent(file), "file", name);
        var r = await c.PostAsync($"{Base}/claims/import", form);
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity, $"{r.StatusCode}: {body}");
        return (r.StatusCode, (await r.ReadJsonAsync<InsuranceImportResultDto>())!);
    }

    private Task<int> ClaimsOfSchemeAsync(Guid schemeId) => app.WithDbAsync(db => db.Set<AccidentClaim>().CountAsync(c => c.SchemeId == schemeId));

    [Fact]
    public async Task A_good_file_files_every_row_as_submitted_with_its_payout_preview()
    {
        var (scheme, m, dc) = await EnrolledAsync(3);
        var csv = Header
                  + $"{m[0].IdNumber},{m[0].Name},2020-05-06,交通事故,10000,,否,骑车摔倒\n"
                  + $"{m[1].IdNumber},{m[1].Name},2020/6/1,fall,,3,,\n"
                  + $"{m[2].IdNumber},{m[2].Name},2020-02-10,新冠肺炎,\"2,000.50\",,是,\n";
        var (status, r) = await UploadAsync(dc, scheme.Id, csv);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, r.Imported);
        Assert.False(r.Rejected);
        Assert.Empty(r.Errors);

        var claims = (await dc.GetJsonAsync<Slice<AccidentClaimDto>>($"{Base}/claims?schemeId={scheme.Id}&limit=50"))!.Items;
        Assert.Equal(3, claims.Count);
        Assert.All(claims, c => Assert.Equal(AccidentClaimStatus.Submitted, c.Status));
        var first = claims.Single(c => c.MemberId == m[0].Id);
        Assert.Equal("traffic", first.Cause);
        Assert.Equal(7_920_00, first.PayoutFen); // (10,000 − 100) × 80 %
        Assert.Equal("骑车摔倒", first.Description);
        Assert.Equal(160_000_00, claims.Single(c => c.MemberId == m[1].Id).PayoutFen); // grade 3
        var covid = claims.Single(c => c.MemberId == m[2].Id);
        Assert.True(covid.Death);
        Assert.Equal(2_000_50, covid.MedicalFen);
        // Each has its filing event, as a single filing has.
        var detail = (await dc.GetJsonAsync<AccidentClaimDetailDto>($"{Base}/claims/{first.Id}"))!;
        Assert.Equal(ClaimEventKind.Filed, Assert.Single(detail.History).Kind);
    }

    [Fact]
    public async Task An_xlsx_file_with_date_and_number_cells_is_read_like_a_csv()
    {
        var (scheme, m, dc) = await EnrolledAsync(2);
        var rows = new[]
        {
            new Dictionary<string, object?> { ["身份证号"] = m[0].IdNumber, ["姓名"] = m[0].Name, ["出险日期"] = new DateTime(2020, 5, 6), ["事故原因"] = "跌倒坠落", ["医疗费用"] = 2500.5m, ["伤残等级"] = null, ["身故"] = "否", ["事故经过"] = "楼梯滑倒" },
            new Dictionary<string, object?> { ["身份证号"] = m[1].IdNumber, ["姓名"] = m[1].Name, ["出险日期"] = new DateTime(2020, 8, 1), ["事故原因"] = "sports", ["医疗费用"] = null, ["伤残等级"] = 10, ["身故"] = null, ["事故经过"] = null },
        };
        var ms = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(ms, rows);
        var (status, r) = await UploadAsync(dc, scheme.Id, ms.ToArray(), "claims.xlsx");
        Assert.True(status == HttpStatusCode.OK, string.Join("; ", r.Errors.Select(e => $"{e.Row} {e.Column} {e.Reason}")));
        Assert.Equal(2, r.Imported);
        var claims = await app.WithDbAsync(db => db.Set<AccidentClaim>().Where(c => c.SchemeId == scheme.Id).ToListAsync());
        var fall = claims.Single(c => c.MemberId == m[0].Id);
        Assert.Equal((new DateOnly(2020, 5, 6), "fall", 2_500_50L), (fall.AccidentOn, fall.Cause, fall.MedicalFen));
        Assert.Equal(10, claims.Single(c => c.MemberId == m[1].Id).DisabilityGrade);
    }

    [Fact]
    public async Task Bad_rows_are_reported_with_row_column_and_reason_and_nothing_is_filed()
    {
        var (scheme, m, dc) = await EnrolledAsync(2);
        var csv = Header
                  + $"{m[0].IdNumber},{m[0].Name},2020-05-06,traffic,1000,,否,\n"       // 2: good
                  + $"11010119900307123,{m[1].Name},2020-05-06,traffic,1000,,否,\n"      // 3: bad ID
                  + $"{m[1].IdNumber},别人,2020-05-06,traffic,1000,,否,\n"               // 4: name mismatch
                  + $"{m[1].IdNumber},{m[1].Name},2020-13-45,traffic,1000,,否,\n"       // 5: bad date
                  + $"{m[1].IdNumber},{m[1].Name},2020-05-06,外星人,1000,,否,\n"         // 6: unknown cause
                  + $"{m[1].IdNumber},{m[1].Name},2020-05-06,traffic,-5,,否,\n"         // 7: negative amount
                  + $"{m[1].IdNumber},{m[1].Name},2020-05-06,traffic,,11,,\n"           // 8: grade
                  + $"{m[1].IdNumber},{m[1].Name},2020-05-06,traffic,,,,\n"             // 9: no outcome
                  + $"{m[1].IdNumber},{m[1].Name},2020-01-10,covid-19,500,,,\n"         // 10: COVID-19 before the date
                  + $"{m[1].IdNumber},{m[1].Name},2020-05-06,traffic,,2,是,\n";         // 11: death with a grade
        var (status, r) = await UploadAsync(dc, scheme.Id, csv);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.True(r.Rejected);
        Assert.Equal(0, r.Imported);
        Assert.Equal(Enumerable.Range(3, 9), r.Errors.Select(e => e.Row));
        Assert.Equal("身份证号", r.Errors.Single(e => e.Row == 3).Column);
        Assert.Equal("姓名", r.Errors.Single(e => e.Row == 4).Column);
        Assert.Equal("出险日期", r.Errors.Single(e => e.Row == 5).Column);
        Assert.Equal("事故原因", r.Errors.Single(e => e.Row == 6).Column);
        Assert.Equal("医疗费用", r.Errors.Single(e => e.Row == 7).Column);
        Assert.Equal("伤残等级", r.Errors.Single(e => e.Row == 8).Column);
        Assert.Equal("医疗费用", r.Errors.Single(e => e.Row == 9).Column);
        var covid = r.Errors.Single(e => e.Row == 10);
        Assert.Equal("出险日期", covid.Column);
        Assert.Contains("2020-01-20", covid.Reason); // localized with its argument
        Assert.Equal("伤残等级", r.Errors.Single(e => e.Row == 11).Column);
        Assert.All(r.Errors, e => Assert.DoesNotContain("claim.", e.Reason)); // reasons are localized, not codes
        Assert.Equal(0, await ClaimsOfSchemeAsync(scheme.Id));

        // A missing column is refused before any row is read.
        var (s2, noCol) = await UploadAsync(dc, scheme.Id, "身份证号,姓名,事故原因\n" + $"{m[0].IdNumber},{m[0].Name},traffic\n");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, s2);
        Assert.Contains(noCol.Errors, e => e.Row == 1 && e.Column == "出险日期");
    }

    [Fact]
    public async Task A_reimported_row_is_a_duplicate_and_never_filed_twice()
    {
        var (scheme, m, dc) = await EnrolledAsync(2);
        var csv = Header + $"{m[0].IdNumber},{m[0].Name},2020-05-06,traffic,1000,,否,\n" + $"{m[1].IdNumber},{m[1].Name},2020-05-07,fall,2000,,否,\n";
        Assert.Equal(2, (await UploadAsync(dc, scheme.Id, csv)).Result.Imported);

        var (status, again) = await UploadAsync(dc, scheme.Id, csv);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal([2, 3], again.Errors.Select(e => e.Row));
        var (_, skipped) = await UploadAsync(dc, scheme.Id, csv + $"{m[0].IdNumber},{m[0].Name},2020-07-01,traffic,300,,否,\n", skip: true);
        Assert.Equal(1, skipped.Imported); // only the new row
        Assert.Equal(2, skipped.ErrorCount);
        // The same row twice in one file is caught too.
        var (_, twice) = await UploadAsync(dc, scheme.Id, Header + $"{m[1].IdNumber},{m[1].Name},2020-09-09,burn,100,,否,\n" + $"{m[1].IdNumber},{m[1].Name},2020-09-09,burn,100,,否,\n");
        Assert.Equal([3], twice.Errors.Select(e => e.Row));
        Assert.Equal(3, await ClaimsOfSchemeAsync(scheme.Id));
    }

    [Fact]
    public async Task A_person_outside_the_callers_subtree_is_not_found()
    {
        var scheme = await NewSchemeAsync();
        var (_, xc) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/XC/", 1);
        var xicheng = await app.ClientAsync("xicheng");
        Assert.Equal(HttpStatusCode.OK, (await xicheng.PostJsonAsync($"{Base}/schemes/{scheme.Id}/enrolments", new { memberIds = xc.Select(x => x.Id), coverFrom = new DateOnly(2020, 1, 1) })).StatusCode);
        var dc = await app.ClientAsync("dongcheng");
        var csv = Header + $"{xc[0].IdNumber},{xc[0].Name},2020-05-06,traffic,1000,,否,\n";
        var (status, r) = await UploadAsync(dc, scheme.Id, csv, skip: true);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, r.Imported);
        var e = Assert.Single(r.Errors);
        Assert.Equal((2, "身份证号"), (e.Row, e.Column));
        Assert.Equal(0, await ClaimsOfSchemeAsync(scheme.Id));
        // Xicheng itself may import it.
        Assert.Equal(1, (await UploadAsync(xicheng, scheme.Id, csv)).Result.Imported);
        // A worker may not import at all.
        var worker = await app.ClientAsync("worker");
        var form = new MultipartFormDataContent { { new StringContent(scheme.Id.ToString()), "schemeId" } };
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "c.csv");
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostAsync($"{Base}/claims/import", form)).StatusCode);
    }

    [Fact]
    public async Task Skip_bad_rows_files_the_good_ones_and_lists_the_rest()
    {
        var (scheme, m, dc) = await EnrolledAsync(2);
        var csv = Header + $"{m[0].IdNumber},{m[0].Name},2020-05-06,traffic,1000,,否,\n" + $"{m[1].IdNumber},{m[1].Name},2099-01-01,traffic,1000,,否,\n"
                  + $"{m[1].IdNumber},{m[1].Name},2020-04-04,sports,,10,,\n";
        var (status, r) = await UploadAsync(dc, scheme.Id, csv, skip: true);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(r.Rejected);
        Assert.Equal(2, r.Imported);
        var e = Assert.Single(r.Errors);
        Assert.Equal((3, "出险日期"), (e.Row, e.Column));
        Assert.Equal(2, await ClaimsOfSchemeAsync(scheme.Id));

        // The template downloads with the Chinese headers.
        var template = await dc.GetStringAsync($"{Base}/claims/import/template.csv");
        Assert.Contains("身份证号,姓名,出险日期,事故原因", template);
    }

    [Fact]
    public async Task A_worker_files_their_own_claim_and_no_one_elses()
    {
        var scheme = await NewSchemeAsync();
        var own = await app.WithDbAsync(db => db.Set<AppUser>().Where(u => u.UserName == "worker").Select(u => u.MemberId).SingleAsync());
        Assert.NotNull(own);
        var admin = await app.ClientAsync("admin");
        var (_, others) = await FundsTestData.GrassrootsWithMembersAsync(app, "/BJ/DC/", 1);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync($"{Base}/schemes/{scheme.Id}/enrolments",
            new { memberIds = new[] { own.Value, others[0].Id }, coverFrom = new DateOnly(2020, 1, 1) })).StatusCode);
        var worker = await app.ClientAsync("worker");

        var res = await worker.PostJsonAsync($"{Base}/claims/mine", new { schemeId = scheme.Id, memberId = own.Value, accidentOn = new DateOnly(2020, 6, 6), cause = "fall", medicalFen = 500_00 });
        Assert.True(res.StatusCode == HttpStatusCode.Created, await res.Content.ReadAsStringAsync());
        var claim = (await res.ReadJsonAsync<AccidentClaimDto>())!;
        Assert.Equal(own.Value, claim.MemberId);
        Assert.Equal(AccidentClaimStatus.Submitted, claim.Status);

        var other = await worker.PostJsonAsync($"{Base}/claims/mine", new { schemeId = scheme.Id, memberId = others[0].Id, accidentOn = new DateOnly(2020, 6, 6), cause = "fall", medicalFen = 500_00 });
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Contains("memberId", await other.Content.ReadAsStringAsync());
        Assert.Equal(1, await ClaimsOfSchemeAsync(scheme.Id));
        // The staff endpoint stays staff-only; staff use /claims.
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostJsonAsync($"{Base}/claims", new { schemeId = scheme.Id, memberId = own.Value })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostJsonAsync($"{Base}/claims/mine", new { schemeId = scheme.Id, memberId = own.Value })).StatusCode);
    }
}

public sealed class InsuranceImportTests_Sqlite(SqliteApp app) : InsuranceImportTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class InsuranceImportTests_Postgres(PostgresApp app) : InsuranceImportTests<PostgresApp>(app), IClassFixture<PostgresApp>;
