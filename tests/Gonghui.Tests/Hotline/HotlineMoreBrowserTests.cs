using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Gonghui.Tests.Hotline;

[Collection("browser")]
public sealed class HotlineMoreBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static Task StateIs(IPage page, string text) =>
        page.Locator("[data-testid=state]").Filter(new() { HasText = text }).WaitForAsync();

    private static async Task TakeCallAsync(IPage agent, string phone, string text, params FilePayload[] files)
    {
        await agent.GotoAsync("/hotline/intake");
        await agent.FillAsync("#phone", phone);
        await agent.SelectOptionAsync("#category", "labor-dispute");
        await agent.SelectOptionAsync("#district", "110101");
        await agent.FillAsync("#description", text);
        if (files.Length > 0) await agent.SetInputFilesAsync("#files", files);
        await agent.ClickAsync("[data-testid=intake-form] button[type=submit]");
    }

    [Fact]
    public async Task Agent_attaches_files_at_intake_a_bad_one_is_refused_beside_the_field_then_merges_a_duplicate()
    {
        var agent = await app.SignedInPageAsync("agent");
        var phone = "1361234" + Random.Shared.Next(1000, 9999);
        var pdf = new FilePayload { Name = "工资条.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF"u8.ToArray() };
        var fake = new FilePayload { Name = "欠条.pdf", MimeType = "application/pdf", Buffer = "MZ\x90\x00 not a pdf"u8.ToArray() };

        // a file whose content is not what its name says: refused next to the field, nothing filed
        await TakeCallAsync(agent, phone, "浏览器测试：附件与合并 一", pdf, fake);
        var error = await agent.InnerTextAsync("[data-testid=files-error]");
        Assert.Contains("欠条.pdf", error);
        Assert.EndsWith("/hotline/intake", agent.Url);

        // the good file alone goes through and is listed on the request
        await TakeCallAsync(agent, phone, "浏览器测试：附件与合并 一", pdf);
        await agent.WaitForURLAsync("**/hotline/requests/**");
        await StateIs(agent, "已受理");
        var primaryUrl = agent.Url;
        var primaryCode = (await agent.InnerTextAsync("[data-testid=tracking-code]")).Trim();
        Assert.Contains("工资条.pdf", await agent.InnerTextAsync("[data-testid=attachments]"));

        // the handling side adds a file on the request page
        await agent.SetInputFilesAsync("[data-testid=attach-form] #files", new FilePayload { Name = "录音.mp3", MimeType = "audio/mpeg", Buffer = "ID3\x04\x00\x00\x00\x00\x00\x00"u8.ToArray() });
        await agent.ClickAsync("[data-testid=attach-form] button[type=submit]");
        await agent.Locator("[data-testid=attachments] a", new() { HasText = "录音.mp3" }).WaitForAsync();

        // the same caller calls again: the agent merges the new request into the first
        await TakeCallAsync(agent, phone, "浏览器测试：附件与合并 二（重复）");
        await agent.WaitForURLAsync(u => u.Contains("/hotline/requests/") && u != primaryUrl);
        await StateIs(agent, "已受理");
        var candidate = agent.Locator("[data-testid=merge-form] label", new() { HasText = primaryCode });
        await candidate.Locator("input[type=radio]").CheckAsync();
        await agent.ClickAsync("[data-testid=merge-form] button[data-action=merge]");
        await StateIs(agent, "已结案");
        Assert.Contains(primaryCode, await agent.InnerTextAsync("[data-testid=merged-into]"));
        Assert.Contains("合并", await agent.InnerTextAsync("[data-testid=timeline]"));

        await agent.GotoAsync(primaryUrl);
        await agent.Locator("[data-testid=merged] a").WaitForAsync();
        Assert.Contains("并入重复件", await agent.InnerTextAsync("[data-testid=timeline]"));
    }

    [Fact]
    public async Task District_supervisor_promotes_an_alert_to_a_monthly_topic_notes_progress_and_closes_it()
    {
        var ent = new Enterprise { Name = "浏览器每月一题公司" + Random.Shared.Next(1000, 9999), CreditCode = "91B" + Guid.NewGuid().ToString("N")[..15].ToUpperInvariant(), DistrictCode = "110101" };
        var alert = new HotlineAlert
        {
            Key = "enterprise:" + ent.Id, Label = ent.Name, Category = "labor-dispute", DistrictCode = "110101", ScopePath = "/BJ/DC/", Count = 5,
            From = DateTimeOffset.UtcNow.AddDays(-3), To = DateTimeOffset.UtcNow, RaisedAt = DateTimeOffset.UtcNow, Status = AlertStatus.Open,
        };
        await app.WithDbAsync(async db => { db.Add(ent); db.Add(alert); return await db.SaveChangesAsync(); });

        var dc = await app.SignedInPageAsync("dongcheng");
        await dc.GotoAsync("/hotline/dashboard");
        var promote = dc.Locator($"a[href='/hotline/topics/new?alertId={alert.Id}']");
        if (await promote.CountAsync() == 0)
        {
            var body = await dc.InnerTextAsync("main");
            Assert.Fail("no promote link on " + dc.Url + ": " + body[..Math.Min(3000, body.Length)]);
        }
        await promote.ClickAsync();
        await dc.WaitForURLAsync("**/hotline/topics/new**");
        Assert.Contains(ent.Name, await dc.InputValueAsync("#title"));
        // no target yet: said beside the field, nothing created
        await dc.ClickAsync("[data-testid=topic-form] button[type=submit]");
        await dc.Locator("#target ~ .field-error").WaitForAsync();

        await dc.FillAsync("#month", "2026-11");
        // The lead unit is a type-ahead: the district, suggested from the alert, is typed to keep it.
        await dc.KeepChoiceByTypingAsync("#lead");
        await dc.FillAsync("#target", "一个月内清欠");
        await dc.ClickAsync("[data-testid=topic-form] button[type=submit]");
        try { await dc.WaitForURLAsync(u => u.Contains("/hotline/topics/") && !u.Contains("/new")); }
        catch (TimeoutException) { Assert.Fail("not created: " + await dc.InnerTextAsync("main")); }
        await dc.Locator("[data-testid=topic-status]", new() { HasText = "推进中" }).WaitForAsync();

        await dc.FillAsync("#noteText", "已约谈企业负责人");
        await dc.ClickAsync("[data-testid=note-form] button[type=submit]");
        await dc.Locator("[data-testid=topic-notes] li", new() { HasText = "已约谈企业负责人" }).WaitForAsync();
        await dc.FillAsync("#summary", "已清欠，企业建会");
        await dc.ClickAsync("[data-testid=close-form] button[type=submit]");
        await dc.Locator("[data-testid=topic-status]", new() { HasText = "已结题" }).WaitForAsync();
        Assert.Equal("已清欠，企业建会", (await dc.InnerTextAsync("[data-testid=topic-summary]")).Trim());

        await dc.GotoAsync("/hotline/topics?month=2026-11");
        Assert.Contains(ent.Name, await dc.InnerTextAsync("[data-testid=topics]"));
    }
}
