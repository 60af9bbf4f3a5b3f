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
}
