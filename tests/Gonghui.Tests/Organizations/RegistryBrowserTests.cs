using System.Net.Http.Json;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Platform.Http;
using Gonghui.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Gonghui.Tests.Organizations;

[Collection("browser")]
public sealed class RegistryBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    // The browser fixture serves on a real socket, so API set-up goes over it too.
    private async Task<HttpClient> ApiAsync(string user)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var res = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = user, password = GonghuiApp.Password });
        res.EnsureSuccessStatusCode();
        var token = (await res.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Staff_searches_a_member_sees_the_Chinese_id_error_next_to_the_field_and_switches_to_English()
    {
        var admin = await ApiAsync("admin");
        var dongcheng = await ApiAsync("dongcheng");
        var unit = await RegistryApiTests<BrowserApp>.NewUnitAsync(dongcheng, (await RegistryApiTests<BrowserApp>.UnitByPathAsync(admin, "/BJ/DC/")).Id);
        var person = RegistryApiTests<BrowserApp>.NewPerson();
        var member = await RegistryApiTests<BrowserApp>.NewMemberAsync(dongcheng, unit.Id, person);

        var page = await app.SignedInPageAsync("dongcheng");
        await page.ClickAsync("nav.sidenav a[href=\"/members\"]");
        await page.WaitForURLAsync("**/members");
        await page.FillAsync("#q", person.IdNumber);
        await page.ClickAsync("form[role=search] button[type=submit]");
        await page.WaitForURLAsync("**/members?q=*");
        var table = await page.InnerTextAsync("[data-testid=member-table]");
        Assert.Contains(member.Name, table);
        Assert.Contains(member.IdNumberMasked, table);
        Assert.DoesNotContain(person.IdNumber, table);

        // Add a member with a wrong check digit: the Chinese message sits next to the ID field.
        await page.ClickAsync("[data-testid=add-member]");
        await page.WaitForURLAsync("**/members/new");
        await page.FillAsync("#name", "测试会员");
        var bad = person.IdNumber[..17] + (person.IdNumber[17] == '0' ? '1' : '0');
        await page.FillAsync("#idNumber", bad);
        await page.PickByTypingAsync("#unionId", unit.Id.ToString());
        await page.ClickAsync("[data-testid=save]");
        var error = page.Locator("#idNumber-error");
        await Assertions.Expect(error).ToHaveTextAsync("身份证号校验位不正确，请核对。");
        Assert.Equal("true", await page.GetAttributeAsync("#idNumber", "aria-invalid"));
        Assert.Equal("测试会员", await page.InputValueAsync("#name"));

        // A good one saves and opens the detail page with the number masked.
        var fresh = RegistryApiTests<BrowserApp>.NewPerson();
        await page.FillAsync("#idNumber", fresh.IdNumber);
        await page.ClickAsync("[data-testid=save]");
        await page.WaitForSelectorAsync("[data-testid=id-masked]");
        Assert.Contains("********", await page.InnerTextAsync("[data-testid=id-masked]"));
        Assert.Contains("登记", await page.InnerTextAsync("[data-testid=timeline]"));

        await page.ClickAsync("[data-testid=lang-switch]");
        await page.WaitForSelectorAsync("text=ID number");
        Assert.Contains("Employment type", await page.InnerTextAsync("main"));
        Assert.Contains("Members", await page.InnerTextAsync("nav.sidenav"));
    }

    [Fact]
    public async Task A_district_opening_another_districts_member_gets_the_not_found_page()
    {
        var admin = await ApiAsync("admin");
        var xicheng = await ApiAsync("xicheng");
        var unit = await RegistryApiTests<BrowserApp>.NewUnitAsync(xicheng, (await RegistryApiTests<BrowserApp>.UnitByPathAsync(admin, "/BJ/XC/")).Id);
        var member = await RegistryApiTests<BrowserApp>.NewMemberAsync(xicheng, unit.Id);

        var page = await app.SignedInPageAsync("dongcheng");
        foreach (var url in new[] { $"/members/{member.Id}", $"/members/{member.Id}/edit", $"/members/{member.Id}/transfer" })
        {
            var response = await page.GotoAsync(url);
            Assert.Equal(404, response!.Status);
            Assert.Contains("页面不存在，或不在您的管辖范围内。", await page.InnerTextAsync("main"));
            Assert.DoesNotContain(member.Name, await page.InnerTextAsync("main"));
        }

        var own = await app.SignedInPageAsync("xicheng");
        await own.GotoAsync($"/members/{member.Id}");
        Assert.Contains(member.Name, await own.InnerTextAsync("h1"));
        await own.ClickAsync("[data-testid=reveal]");
        await own.WaitForSelectorAsync("[data-testid=personal]");
        Assert.Contains("查看完整证件号", await own.InnerTextAsync("[data-testid=timeline]"));
    }

    [Fact]
    public async Task A_unit_with_members_cannot_be_closed_from_the_tree_page()
    {
        var admin = await ApiAsync("admin");
        var dongcheng = await ApiAsync("dongcheng");
        var unit = await RegistryApiTests<BrowserApp>.NewUnitAsync(dongcheng, (await RegistryApiTests<BrowserApp>.UnitByPathAsync(admin, "/BJ/DC/")).Id);
        await RegistryApiTests<BrowserApp>.NewMemberAsync(dongcheng, unit.Id);
        var page = await app.SignedInPageAsync("dongcheng");
        await page.GotoAsync($"/orgs/{unit.Id}");
        await page.ClickAsync("[data-testid=close-unit]");
        await page.WaitForSelectorAsync("[data-testid=org-error]");
        Assert.Contains("名在册会员", await page.InnerTextAsync("[data-testid=org-error]"));
        var list = await dongcheng.GetFromJsonAsync<Slice<MemberDto>>($"/api/v1/members?unionId={unit.Id}", Json.Options);
        Assert.Equal(1, list!.TotalEstimate);
    }
}
