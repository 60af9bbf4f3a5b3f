using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Gonghui.Modules.Funds.Ledger;
using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Hardship.Campaigns;
using Gonghui.Modules.Hardship.Files;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Money;
using Gonghui.Platform.Text;
using Gonghui.Tests.Hardship;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Platform;

/// <summary>
/// The printables (issue 14.7) over real HTTP on SQLite and PostgreSQL: the hardship public-notice list (names masked), a
/// campaign's 金秋助学 list and a ledger payment's voucher. Each has a printable page whose rows are checked against the
/// API's own lists, and a PDF (printed by Chromium: it starts with %PDF); each reads only the caller's scope.
/// </summary>
public abstract partial class PrintablesTests<TApp>(TApp app) where TApp : GonghuiApp
{
    [GeneratedRegex("data-file=\"([^\"]+)\"")]
    private static partial Regex FileRow();

    [GeneratedRegex("data-district=\"([^\"]+)\"")]
    private static partial Regex DistrictRow();

    private static async Task<string> HtmlAsync(HttpClient c, string url)
    {
        var res = await c.GetAsync(url);
        Assert.True(res.StatusCode == HttpStatusCode.OK, $"{url}: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        Assert.Equal("text/html", res.Content.Headers.ContentType?.MediaType);
        return await res.Content.ReadAsStringAsync();
    }

    private static async Task AssertPdfAsync(HttpClient c, string url, params string[] expected)
    {
        var res = await c.GetAsync(url);
        Assert.True(res.StatusCode == HttpStatusCode.OK, $"{url}: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        Assert.Equal("application/pdf", res.Content.Headers.ContentType?.MediaType);
        var bytes = await res.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-", Encoding.Latin1.GetString(bytes, 0, 5));
        // Its text reads back as the Chinese printed, not as look-alike radicals (PdfTextLayer).
        var text = PdfText.Of(bytes);
        PdfText.AssertNoRadicals(text);
        foreach (var e in expected) Assert.Contains(e, text);
    }

    /// <summary>Dongcheng's district code (the administrative division code files and applications carry).</summary>
    private const string Dongcheng = "110101";

    private Task<Guid> UnitAsync(string code) => app.WithDbAsync(db => db.Set<OrgUnit>().Where(u => u.Code == code).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task The_notice_list_masks_names_and_holds_the_files_in_notice_of_the_callers_scope()
    {
        // A file of a Dongcheng union put into its enrolment notice.
        var name = "公示测试" + (char)('甲' + Random.Shared.Next(10)) + "明";
        var grassroots = await app.ClientAsync("dc-grassroots");
        var filed = await grassroots.PostJsonAsync("/api/v1/hardship/files", new
        {
            orgUnitId = await UnitAsync("HS-DC-01"), workerName = name, workerIdNumber = HardshipApiTests<TApp>.NewIdNumber(), phone = "13912345678",
            monthlyIncomeFen = 200000, causes = new[] { HardshipCause.SeriousIllness }, contactName = "帮扶人", members = Array.Empty<object>(),
        });
        Assert.True(filed.IsSuccessStatusCode, await filed.Content.ReadAsStringAsync());
        var file = (await filed.ReadJsonAsync<FileDetail>())!;
        var dc = await app.ClientAsync("dongcheng");
        var accepted = await dc.PostJsonAsync($"/api/v1/hardship/files/{file.Id}/transitions", new { action = FileAction.DistrictAccept, reason = "审核通过" });
        Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());

        // The federation's list is every file in notice in the city, as the archive's own list counts them.
        var admin = await app.ClientAsync("admin");
        var expected = new HashSet<string>();
        foreach (var status in new[] { FileStatus.InNotice, FileStatus.ExitInNotice })
        {
            var slice = (await (await admin.GetAsync($"/api/v1/hardship/files?status={status}&limit=200")).ReadJsonAsync<Gonghui.Platform.Http.Slice<FileRow>>())!;
            Assert.Null(slice.Next); // the demo's notices fit one page
            expected.UnionWith(slice.Items.Select(r => r.FileNo));
        }
        var html = await HtmlAsync(admin, "/hardship/print/publicity");
        Assert.Equal(expected.Order().ToArray(), FileRow().Matches(html).Select(m => m.Groups[1].Value).Order().ToArray());
        Assert.Contains(PersonName.Mask(name), html);
        Assert.Equal("公示****", PersonName.Mask(name));
        Assert.DoesNotContain(name, html);
        Assert.Contains("公示名单", html);

        // Dongcheng sees its own files only; Xicheng does not see Dongcheng's.
        var dcHtml = await HtmlAsync(dc, "/hardship/print/publicity");
        Assert.Contains($"data-file=\"{file.FileNo}\"", dcHtml);
        Assert.All(DistrictRow().Matches(dcHtml), m => Assert.Equal(Dongcheng, m.Groups[1].Value));
        var xc = await app.ClientAsync("xicheng");
        Assert.DoesNotContain($"data-file=\"{file.FileNo}\"", await HtmlAsync(xc, "/hardship/print/publicity"));

        await AssertPdfAsync(dc, "/api/v1/hardship/publicity.pdf", "困难职工公示名单", "如有异议");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("agent")).GetAsync("/api/v1/hardship/publicity.pdf")).StatusCode);
    }

    [Fact]
    public async Task The_grant_list_is_the_campaigns_applications_in_scope_with_a_total()
    {
        var admin = await app.ClientAsync("admin");
        var campaign = (await (await admin.GetAsync("/api/v1/hardship/campaigns")).ReadJsonAsync<List<CampaignView>>())!.First(c => c.Year == 2020);
        var apps = (await KeysetPaging.WalkAsync<ApplicationView>(admin, $"/api/v1/hardship/campaigns/{campaign.Id}/applications", a => a.Id, limit: 200))
            .Where(a => a.Status != ApplicationStatus.Rejected).ToList();
        Assert.NotEmpty(apps);

        var html = await HtmlAsync(admin, $"/hardship/print/campaigns/{campaign.Id}");
        Assert.Equal(apps.Select(a => a.FileNo).Order().ToArray(), FileRow().Matches(html).Select(m => m.Groups[1].Value).Order().ToArray());
        Assert.Contains(new Fen(apps.Sum(a => a.AmountFen)).ToString(), html);
        Assert.Contains(campaign.Name, html);
        foreach (var a in apps.Take(20)) Assert.DoesNotContain($">{a.ChildName}<", html); // names masked

        var dc = await app.ClientAsync("dongcheng");
        var dcHtml = await HtmlAsync(dc, $"/hardship/print/campaigns/{campaign.Id}");
        Assert.Equal(apps.Count(a => a.DistrictCode == Dongcheng), FileRow().Matches(dcHtml).Count);
        Assert.All(DistrictRow().Matches(dcHtml), m => Assert.Equal(Dongcheng, m.Groups[1].Value));

        await AssertPdfAsync(dc, $"/api/v1/hardship/campaigns/{campaign.Id}/list.pdf");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/hardship/campaigns/{Guid.NewGuid()}/list.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/hardship/print/campaigns/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_payment_has_a_voucher_with_the_amount_in_capitals_and_only_in_scope()
    {
        var grassroots = await app.WithDbAsync(db =>
            db.Set<OrgUnit>().Where(u => u.ParentId != null && u.Path.StartsWith("/BJ/DC/") && u.Depth == 2).OrderBy(u => u.Path).Select(u => u.Id).FirstAsync());
        var year = 2101 - Random.Shared.Next(1, 60);
        Guid payment, commitment;
        using (var scope = app.Services.CreateScope())
        {
            var ledger = scope.ServiceProvider.GetRequiredService<FundLedger>();
            var key = Guid.NewGuid().ToString();
            Assert.True((await ledger.AllocateBudgetAsync(FundCodes.Warmth, grassroots, year, Fen.FromYuan(10_000), "t:" + key)).IsOk);
            var source = new SourceRef("VoucherTest", Guid.NewGuid());
            commitment = (await ledger.CommitAsync(FundCodes.Warmth, grassroots, year, new Fen(1_234_56), source, "c:" + key)).Value;
            payment = (await ledger.PayAsync(FundCodes.Warmth, grassroots, year, new Fen(1_234_56), source, "p:" + key)).Value;
        }

        var dc = await app.ClientAsync("dongcheng");
        var html = await HtmlAsync(dc, $"/funds/entries/{payment}/voucher");
        Assert.Contains("付款凭证", html);
        Assert.Contains("壹仟贰佰叁拾肆元伍角陆分", html);
        Assert.Contains(new Fen(1_234_56).ToString(), html);
        Assert.Contains("送温暖资金", html);
        await AssertPdfAsync(dc, $"/api/v1/funds/entries/{payment}/voucher.pdf", "付款凭证", "壹仟贰佰叁拾肆元伍角陆分");
        await AssertPdfAsync(await app.ClientAsync("fundofficer"), $"/api/v1/funds/entries/{payment}/voucher.pdf");

        // Out of scope, not a payment, or no such entry: 404. A worker has no fund ledger at all.
        var xc = await app.ClientAsync("xicheng");
        Assert.Equal(HttpStatusCode.NotFound, (await xc.GetAsync($"/api/v1/funds/entries/{payment}/voucher.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await xc.GetAsync($"/funds/entries/{payment}/voucher")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dc.GetAsync($"/funds/entries/{commitment}/voucher")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dc.GetAsync($"/api/v1/funds/entries/{Guid.NewGuid()}/voucher.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("worker")).GetAsync($"/api/v1/funds/entries/{payment}/voucher.pdf")).StatusCode);
    }

    [Fact]
    public async Task A_requests_record_prints_intake_dispatch_steps_visit_and_resolution_with_the_phone_masked_in_scope()
    {
        var agent = await app.ClientAsync("agent");
        var dc = await app.ClientAsync("dongcheng");
        var phone = "139" + Random.Shared.Next(10000000, 99999999);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var filed = await agent.PostJsonAsync("/api/v1/hotline/requests", new
        {
            category = "labor-dispute", urgency = "Normal", description = $"公司拖欠工资 {tag}，回电 {phone}", callerName = "王师傅",
            phone, districtCode = Dongcheng, channel = "Phone",
        });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var r = (await filed.ReadJsonAsync<Gonghui.Modules.Hotline.Endpoints.RequestDto>())!;
        async Task Act(HttpClient c, string action, object body)
        {
            var res = await c.PostJsonAsync($"/api/v1/hotline/requests/{r.Id}/{action}", body);
            Assert.True(res.IsSuccessStatusCode, $"{action}: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        }
        await Act(agent, "dispatch", new { });
        await Act(dc, "accept", new { });
        await Act(dc, "contact", new { });
        await Act(dc, "resolve", new { note = "已督促企业补发工资" + tag });
        await Act(agent, "visit", new { reached = true, solved = true, satisfaction = "Satisfied", note = "职工表示满意" });

        var html = await HtmlAsync(dc, $"/hotline/print/requests/{r.Id}");
        Assert.Contains("12351 诉求办理记录", html);
        Assert.Contains(r.TrackingCode, html);
        Assert.Contains(Gonghui.Platform.Ids.MobilePhone.Mask(phone), html);
        Assert.DoesNotContain(phone, html); // not in the intake, nor where it was typed into the description
        Assert.Contains("已督促企业补发工资" + tag, html);
        Assert.Contains("职工认为已解决", html);
        Assert.Contains("满意", html);
        Assert.Contains("东城区", html);
        Assert.Equal(["file", "dispatch", "accept", "contact", "resolve", "visit", "close"],
            Regex.Matches(html, "data-action=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray());
        Assert.DoesNotContain("labor-dispute", html); // the category in words
        await AssertPdfAsync(dc, $"/api/v1/hotline/requests/{r.Id}/record.pdf");
        await AssertPdfAsync(agent, $"/api/v1/hotline/requests/{r.Id}/record.pdf");

        // The PDF's text is Chinese and masked as the page is.
        var pdf = await (await dc.GetAsync($"/api/v1/hotline/requests/{r.Id}/record.pdf")).Content.ReadAsByteArrayAsync();
        using (var doc = UglyToad.PdfPig.PdfDocument.Open(pdf))
        {
            var text = Regex.Replace(string.Concat(doc.GetPages().Select(p => p.Text)), @"\s+", "");
            Assert.Contains("诉求办理记录", text);
            Assert.Contains(Gonghui.Platform.Ids.MobilePhone.Mask(phone), text);
            Assert.DoesNotContain(phone, text);
        }

        // Another district's staff: not found; a worker holds no print permission; an unknown request is 404.
        var xc = await app.ClientAsync("xicheng");
        Assert.Equal(HttpStatusCode.NotFound, (await xc.GetAsync($"/hotline/print/requests/{r.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await xc.GetAsync($"/api/v1/hotline/requests/{r.Id}/record.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("worker")).GetAsync($"/api/v1/hotline/requests/{r.Id}/record.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dc.GetAsync($"/api/v1/hotline/requests/{Guid.NewGuid()}/record.pdf")).StatusCode);
    }

    /// <summary>
    /// What the text-layer repair costs on the publicity list (the PDF of issue 14.7): the same HTML printed by Chromium, then
    /// repaired cold (first use in the process) and warm; the repaired text holds "公示" and "职工" as typed.
    /// </summary>
    [Fact]
    public async Task The_publicity_pdf_text_layer_repair_adds_little_to_printing()
    {
        var html = await HtmlAsync(await app.ClientAsync("admin"), "/hardship/print/publicity");
        using var scope = app.Services.CreateScope();
        var printer = scope.ServiceProvider.GetRequiredService<Gonghui.Platform.Printing.PdfPrinter>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var raw = await printer.PrintAsChromiumDoesAsync(html, TestContext.Current.CancellationToken);
        var print = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var repaired = Gonghui.Platform.Printing.PdfTextLayer.RestoreIdeographs(raw);
        var cold = clock.Elapsed.TotalMilliseconds;
        var warm = new List<double>();
        for (var i = 0; i < 9; i++)
        {
            clock.Restart();
            Gonghui.Platform.Printing.PdfTextLayer.RestoreIdeographs(raw);
            warm.Add(clock.Elapsed.TotalMilliseconds);
        }
        warm.Sort();
        var text = PdfText.Of(repaired);
        PdfText.AssertNoRadicals(text);
        Assert.Contains("困难职工公示名单", text);
        int pages;
        using (var doc = UglyToad.PdfPig.PdfDocument.Open(repaired)) pages = doc.NumberOfPages;
        TestContext.Current.SendDiagnosticMessage($"publicity pdf ({typeof(TApp).Name}): {pages} pages, {raw.Length} → {repaired.Length} bytes; " +
            $"Chromium print {print:F0} ms; text-layer repair first {cold:F1} ms, then median {warm[warm.Count / 2]:F1} ms (min {warm[0]:F1}); load {PdfTextLayerTests.Load()}");
        Assert.True(warm[warm.Count / 2] < 250, $"repair takes {warm[warm.Count / 2]:F1} ms");
    }

    [Theory]
    [InlineData("回电13912345678或010-1234", "回电139****5678或010-1234")]
    [InlineData("两个号13912345678、18600001111", "两个号139****5678、186****1111")]
    [InlineData("单号113912345678不是手机", "单号113912345678不是手机")]
    [InlineData(null, null)]
    public void Mobile_numbers_typed_into_notes_are_masked(string? text, string? expected) =>
        Assert.Equal(expected, Gonghui.Modules.Hotline.Printables.HotlinePrintables.MaskPhones(text));
}

public sealed class PrintablesTests_Sqlite(SqliteApp app) : PrintablesTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class PrintablesTests_Postgres(PostgresApp app) : PrintablesTests<PostgresApp>(app), IClassFixture<PostgresApp>;

/// <summary>Amounts in capitals as a voucher writes them, and names as a public list prints them.</summary>
public sealed class ChineseAmountTests
{
    [Theory]
    [InlineData(0, "零元整")]
    [InlineData(5, "伍分")]
    [InlineData(50, "伍角整")]
    [InlineData(1_00, "壹元整")]
    [InlineData(1_05, "壹元零伍分")]
    [InlineData(1_234_56, "壹仟贰佰叁拾肆元伍角陆分")]
    [InlineData(1_001_00, "壹仟零壹元整")]
    [InlineData(10_005_00, "壹万零伍元整")]
    [InlineData(12_340_000_00, "壹仟贰佰叁拾肆万元整")]
    [InlineData(100_010_000_00, "壹亿零壹万元整")]
    [InlineData(223_200_00, "贰拾贰万叁仟贰佰元整")]
    [InlineData(-3_00, "负叁元整")]
    public void Capitals(long fen, string expected) => Assert.Equal(expected, ChineseAmount.InCapitals(fen));

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("王小明", "王**")]
    [InlineData("欧阳娜娜", "欧阳**")]
    [InlineData("", "—")]
    public void Masked_names(string name, string expected) => Assert.Equal(expected, PersonName.Mask(name));
}
