using Gonghui.Modules.Hardship.Files;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Gonghui.Tests.Hardship;

[Collection("browser")]
public sealed class HardshipBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private Task EndNoticeAsync(Guid id) => app.WithDbAsync(async db =>
    {
        var f = await db.Set<HardshipFile>().SingleAsync(x => x.Id == id);
        db.Entry(f).Property(x => x.NoticeEndsAt).CurrentValue = DateTimeOffset.UtcNow.AddMinutes(-1);
        return await db.SaveChangesAsync();
    });

    private static async Task StepAsync(IPage page, string action, string expectedStatus, string? reason = null, string? exitReason = null)
    {
        await page.SelectOptionAsync("[data-testid=action]", action);
        if (reason is not null) await page.FillAsync("#reason", reason);
        if (exitReason is not null) await page.SelectOptionAsync("#exitReason", exitReason);
        await page.ClickAsync("[data-testid=do-action]");
        await page.WaitForSelectorAsync($"[data-testid=file-status]:has-text('{expectedStatus}')");
    }

    [Fact]
    public async Task Grassroots_files_district_reviews_federation_approves_warmth_visit_and_exit()
    {
        var worker = HardshipApiTests<SqliteApp>.NewIdNumber();
        var child = HardshipApiTests<SqliteApp>.NewIdNumber();

        // Grassroots staff files a household; a wrong ID number is reported next to its field first.
        var g = await app.SignedInPageAsync("dc-grassroots");
        await g.ClickAsync("nav >> text=在档困难职工");
        await g.ClickAsync("text=新建档案");
        await g.KeepChoiceByTypingAsync("#unit"); // the unit: a type-ahead
        await g.FillAsync("#workerName", "浏览器测试职工");
        await g.FillAsync("#workerId", "110101199001011230");
        await g.FillAsync("#income", "2000");
        await g.FillAsync("#contact", "张帮扶");
        await g.CheckAsync("input[name=causes][value=SeriousIllness]");
        await g.FillAsync("#m0-name", "小明");
        await g.SelectOptionAsync("#m0-relation", "Child");
        await g.FillAsync("#m0-id", child);
        await g.ClickAsync("button[type=submit].primary");
        await g.WaitForSelectorAsync("[data-field=workerIdNumber]");
        await g.FillAsync("#workerId", worker);
        await g.ClickAsync("button[type=submit].primary");
        await g.WaitForURLAsync("**/hardship/files/**");
        Assert.Contains("待区总审核", await g.InnerTextAsync("[data-testid=file-status]"));
        Assert.Contains("********", await g.InnerTextAsync("main"));
        Assert.DoesNotContain(child, await g.ContentAsync());
        var url = g.Url;
        var id = Guid.Parse(url.Split('/').Last().Split('?')[0]);

        // The district reviews from its queue and starts the public notice; it cannot close it early.
        var d = await app.SignedInPageAsync("dongcheng");
        await d.GotoAsync("/hardship/queue");
        Assert.Contains("浏览器测试职工", await d.InnerTextAsync("[data-testid=queue]"));
        await d.GotoAsync(url);
        await StepAsync(d, "DistrictAccept", "公示中");
        await d.SelectOptionAsync("[data-testid=action]", "CloseNotice");
        await d.ClickAsync("[data-testid=do-action]");
        await d.WaitForSelectorAsync("[data-testid=file-error]:has-text('公示期尚未结束')");
        await EndNoticeAsync(id);
        await d.GotoAsync(url);
        await StepAsync(d, "CloseNotice", "待市总审批");

        // The federation approves.
        var a = await app.SignedInPageAsync("admin");
        await a.GotoAsync(url);
        await StepAsync(a, "FederationApprove", "在档");

        // A warmth visit is recorded and paid through the fund ledger.
        await g.GotoAsync(url);
        await g.SelectOptionAsync("#a-type", "WarmthCash");
        await g.FillAsync("#a-amount", "1000");
        await g.ClickAsync("[data-testid=assist]");
        await g.WaitForSelectorAsync("[data-testid=pay]");
        await g.ClickAsync("[data-testid=pay]");
        await g.WaitForSelectorAsync("[data-testid=assistance] >> text=已支付");
        Assert.Contains("¥1,000.00", await g.InnerTextAsync("[data-testid=assistance]"));

        // Exit: proposed, collectively reviewed, noticed, approved by the district, the worker told in writing.
        await StepAsync(g, "ProposeExit", "申请退出", "再就业，收入超过标准", "ReEmployed");
        await StepAsync(g, "CollectiveApproveExit", "退出公示中", "集体研究同意");
        await EndNoticeAsync(id);
        await d.GotoAsync(url);
        await StepAsync(d, "DistrictApproveExit", "退出已批准");
        await g.GotoAsync(url);
        await StepAsync(g, "RecordWrittenNotice", "已退出", "书面告知书已送达");
        var history = await g.InnerTextAsync("[data-testid=history]");
        Assert.Contains("市总批准建档", history);
        Assert.Contains("已书面告知职工", history);

        // Xicheng sees nothing of it.
        var x = await app.SignedInPageAsync("xicheng");
        await x.GotoAsync(url);
        Assert.Contains("不在您的管辖范围内", await x.InnerTextAsync("main"));
    }

    [Fact]
    public async Task Campaign_and_precision_pages_render_in_English_too()
    {
        var a = await app.SignedInPageAsync("admin");
        await a.GotoAsync("/hardship/campaigns");
        await a.WaitForSelectorAsync("[data-testid=campaign-summary]");
        Assert.Contains("2020年金秋助学", await a.InnerTextAsync("main"));
        await a.GotoAsync("/hardship/precision?year=2020");
        Assert.Contains("精准度评估", await a.InnerTextAsync("h1"));
        await a.ClickAsync("[data-testid=lang-switch]");
        await a.WaitForSelectorAsync("h1:has-text('Precision')");
        await a.GotoAsync("/hardship?grade=DeepHardship");
        Assert.Contains("Hardship files", await a.InnerTextAsync("h1"));
    }

    [Fact]
    public async Task The_grants_page_pages_its_applications_filters_them_by_status_and_keeps_the_letter_upload_folded()
    {
        var a = await app.SignedInPageAsync("admin");
        await a.GotoAsync("/hardship/campaigns");
        await a.WaitForSelectorAsync("[data-testid=applications]");
        var rows = await a.Locator("[data-testid=applications] tbody tr").CountAsync();
        Assert.InRange(rows, 1, 50);
        // No file input is shown until a row's upload is opened.
        Assert.Equal(0, await a.Locator("[data-testid=applications] input[type=file]:visible").CountAsync());
        var filter = await a.InnerTextAsync("[data-testid=app-status-filter]");
        var all = int.Parse(System.Text.RegularExpressions.Regex.Match(filter, @"全部 \((\d+)\)").Groups[1].Value);
        if (all > 50)
        {
            // Keyset pages: the first has no way back; the next one has, and starts after the first's last child.
            Assert.Equal(0, await a.Locator("[data-testid=app-pages] a[rel=prev]").CountAsync());
            var last = await a.Locator("[data-testid=applications] tbody tr td:nth-child(3)").Last.InnerTextAsync();
            await a.ClickAsync("[data-testid=app-pages] a[rel=next]");
            await a.WaitForSelectorAsync("[data-testid=app-pages] a[rel=prev]");
            var next = await a.Locator("[data-testid=applications] tbody tr td:nth-child(3)").First.InnerTextAsync();
            Assert.True(string.CompareOrdinal(last, next) <= 0, $"{last} then {next}");
        }
        // The paid ones only: every row says 已发放.
        await a.ClickAsync("[data-testid=app-status-filter] a:has-text('已发放')");
        await a.WaitForSelectorAsync("[data-testid=app-status-filter] a.primary:has-text('已发放')");
        var statuses = await a.Locator("[data-testid=applications] tbody tr td:nth-child(8)").AllInnerTextsAsync();
        Assert.NotEmpty(statuses);
        Assert.All(statuses, st => Assert.Equal("已发放", st.Trim()));
        var letters = a.Locator("[data-testid=letter-upload]");
        if (await letters.CountAsync() > 0)
        {
            await letters.First.Locator("summary").ClickAsync();
            Assert.Equal(1, await a.Locator("[data-testid=applications] input[type=file]:visible").CountAsync());
        }
    }

    [Fact]
    public async Task Admission_letters_are_uploaded_as_one_zip_and_the_page_shows_what_became_of_each_file()
    {
        // An application of the 2020 campaign in 东城, named in the zip as the page says: file number_child's name.
        var api = await app.ClientAsync("dongcheng");
        var campaign = (await api.GetJsonAsync<List<Gonghui.Modules.Hardship.Campaigns.CampaignView>>("/api/v1/hardship/campaigns"))!.First(c => c.Year == 2020);
        var target = (await api.GetJsonAsync<Gonghui.Platform.Http.Slice<Gonghui.Modules.Hardship.Campaigns.ApplicationView>>(
                $"/api/v1/hardship/campaigns/{campaign.Id}/applications?status=Submitted&limit=200"))!.Items
            .OrderBy(x => x.HasAdmissionLetter).FirstOrDefault()
            ?? (await api.GetJsonAsync<Gonghui.Platform.Http.Slice<Gonghui.Modules.Hardship.Campaigns.ApplicationView>>(
                $"/api/v1/hardship/campaigns/{campaign.Id}/applications?limit=200"))!.Items.First(x => x.Status != Gonghui.Modules.Hardship.Campaigns.ApplicationStatus.Rejected);
        var zip = HardshipApiTests<SqliteApp>.Zip(($"{target.FileNo}_{target.ChildName}.pdf", "%PDF-1.4 letter"u8.ToArray()), ("查无此人.pdf", "%PDF-1.4"u8.ToArray()),
            ($"{target.FileNo}_{target.ChildName}.png", "not an image"u8.ToArray()));

        var g = await app.SignedInPageAsync("dongcheng");
        await g.GotoAsync($"/hardship/campaigns/{campaign.Id}");
        Assert.Contains("档案编号", await g.InnerTextAsync("[data-testid=letters-form]")); // the page says how to name the files
        await g.SetInputFilesAsync("#letter-files", new FilePayload { Name = "录取通知书.zip", MimeType = "application/zip", Buffer = zip });
        await g.ClickAsync("[data-testid=letters-form] button[type=submit]");
        await g.WaitForSelectorAsync("[data-testid=letters-result]");
        Assert.Contains("已保存 1 份，未匹配 1 份，被拒绝 1 份", await g.InnerTextAsync("[data-testid=letters-result] [role=status]"));
        Assert.Contains(target.FileNo, await g.InnerTextAsync("[data-testid=letters-result] tr[data-status=Stored]"));
        Assert.Contains("没有与文件名对应的申请", await g.InnerTextAsync("[data-testid=letters-result] tr[data-status=NotMatched]"));
        Assert.Contains("只接受 PDF、JPG、PNG", await g.InnerTextAsync("[data-testid=letters-result] tr[data-status=Rejected]"));
        var after = (await api.GetJsonAsync<Gonghui.Platform.Http.Slice<Gonghui.Modules.Hardship.Campaigns.ApplicationView>>(
            $"/api/v1/hardship/campaigns/{campaign.Id}/applications?status={target.Status}&limit=200"))!.Items.Single(x => x.Id == target.Id);
        Assert.True(after.HasAdmissionLetter);

        // A "zip" that is not one: said above the list, nothing stored.
        await g.SetInputFilesAsync("#letter-files", new FilePayload { Name = "坏的.zip", MimeType = "application/zip", Buffer = "PK garbage"u8.ToArray() });
        await g.ClickAsync("[data-testid=letters-form] button[type=submit]");
        await Assertions.Expect(g.Locator("[data-testid=letters-error]")).ToContainTextAsync("不是有效的 zip 文件");
    }
}
