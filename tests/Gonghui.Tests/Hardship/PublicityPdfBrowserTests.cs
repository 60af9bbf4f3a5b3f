using System.Text.RegularExpressions;
using Gonghui.Modules.Hardship.Files;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Platform.Http;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace Gonghui.Tests.Hardship;

/// <summary>
/// The hardship publicity list (公示名单) as a person gets it: Chromium downloads the PDF from the archive's page, and its
/// Chinese text is read back out of the file (PdfPig): a PDF whose glyphs carry no Unicode mapping, or map to look-alike
/// radicals, or whose names were not masked, fails here. Issue 14, "Done when": the PDF publicity list, text extractable in Chinese.
/// </summary>
[Collection("browser")]
public sealed partial class PublicityPdfBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}+\*+")] private static partial Regex MaskedName();

    [Fact]
    public async Task The_downloaded_publicity_pdf_reads_as_Chinese_text_with_masked_names_and_the_notice_periods()
    {
        // A Dongcheng file put into its enrolment notice (the browser demo may have none in notice today).
        var name = "公示浏览" + (char)('甲' + Random.Shared.Next(10)) + "明";
        var grassroots = await app.ClientAsync("dc-grassroots");
        var unit = await app.WithDbAsync(db => db.Set<Gonghui.Modules.Organizations.Units.OrgUnit>().Where(u => u.Code == "HS-DC-01").Select(u => u.Id).SingleAsync());
        var filed = await grassroots.PostJsonAsync("/api/v1/hardship/files", new
        {
            orgUnitId = unit, workerName = name, workerIdNumber = HardshipApiTests<BrowserApp>.NewIdNumber(), phone = "13912345678",
            monthlyIncomeFen = 200000, causes = new[] { HardshipCause.SeriousIllness }, contactName = "帮扶人", members = Array.Empty<object>(),
        });
        Assert.True(filed.IsSuccessStatusCode, await filed.Content.ReadAsStringAsync());
        var file = (await filed.ReadJsonAsync<FileDetail>())!;
        var accepted = await (await app.ClientAsync("dongcheng")).PostJsonAsync($"/api/v1/hardship/files/{file.Id}/transitions",
            new { action = FileAction.DistrictAccept, reason = "审核通过" });
        Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());

        var page = await app.SignedInPageAsync("admin");
        await page.GotoAsync("/hardship");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=publicity-pdf]"));
        Assert.EndsWith(".pdf", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), "publicity-" + Guid.NewGuid().ToString("N") + ".pdf");
        try
        {
            await download.SaveAsAsync(path);
            Assert.Null(await download.FailureAsync());
            int pages;
            using (var pdf = PdfDocument.Open(path)) pages = pdf.NumberOfPages;
            // The text exactly as printed, no folding: Chromium names some glyphs by the Kangxi radical Noto CJK shares them with
            // (工 as ⼯ U+2F2F, 示 as ⽰); PdfPrinter rewrites the PDF's ToUnicode maps so that "公示" is found as typed.
            var flat = PdfText.Of(await File.ReadAllBytesAsync(path));
            PdfText.AssertNoRadicals(flat);
            Assert.True(pages >= 1);
            Assert.Contains("困难职工公示名单", flat);
            Assert.Contains(Gonghui.Platform.Text.PersonName.Mask(name), flat);
            Assert.DoesNotContain(name, flat);
            // The notice periods from the rule book, in words: enrolment days and the exit's 5 working days.
            Assert.Contains("退出公示期5个工作日", flat);
            Assert.Matches(@"建档公示期\d+天", flat);
            Assert.Contains("如有异议", flat);

            // Every row of the printable page is in the PDF, by its file number and its masked name; no full name is.
            var files = new List<FileRow>();
            foreach (var status in new[] { FileStatus.InNotice, FileStatus.ExitInNotice })
            {
                var r = await page.APIRequest.GetAsync($"/api/v1/hardship/files?status={status}&limit=200");
                Assert.True(r.Ok, await r.TextAsync());
                var slice = System.Text.Json.JsonSerializer.Deserialize<Slice<FileRow>>(await r.TextAsync(), Json.Options)!;
                files.AddRange(slice.Items);
            }
            Assert.NotEmpty(files);
            foreach (var f in files)
            {
                Assert.Contains(f.FileNo, flat);
                Assert.Contains(Gonghui.Platform.Text.PersonName.Mask(f.WorkerName), flat);
                Assert.DoesNotContain(f.WorkerName, flat);
            }
            Assert.True(MaskedName().Matches(flat).Count >= files.Count, "fewer masked names than files in notice");
        }
        finally
        {
            File.Delete(path);
            await page.Context.CloseAsync();
        }
    }
}
