using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gonghui.Modules.Hotline.Endpoints;
using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Audit;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Tests.Hotline;

/// <summary>
/// Privacy in public: the Open311 list over the demo requests plus planted personal data shows no text of a sensitive
/// category and no phone or ID number; staff see phones masked and reveal one only in scope, with a reason, audited and on
/// the timeline for the supervisor.
/// </summary>
public abstract partial class HotlinePrivacyTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private const string Key = "demo-open311-key";

    // Independent of the redaction code: mainland mobiles, 18-character ID numbers, landlines with an area code.
    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)|(?<!\d)\d{17}[\dXx](?!\d)|0\d{2,3}-\d{7,8}")]
    private static partial Regex PersonalNumber();

    private async Task<string> PostOpen311Async(string code, string description)
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = Key, ["service_code"] = code, ["address_string"] = "东城区东直门南大街", ["description"] = description,
            ["last_name"] = "赵", ["first_name"] = "建国", ["phone"] = "13911112222",
        });
        var res = await app.CreateClient().PostAsync("/open311/v2/requests.json", form);
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return JsonDocument.Parse(await res.Content.ReadAsStringAsync()).RootElement[0].GetProperty("service_request_id").GetString()!;
    }

    [Fact]
    public async Task The_open311_list_shows_no_sensitive_text_and_no_phone_or_id_number()
    {
        var planted = await PostOpen311Async("labor-dispute", "我叫赵建国，手机13800138000，身份证110101199003071234，张师傅说找李经理，座机010-65123456");
        var secret = "心理求助 " + Guid.NewGuid().ToString("N")[..8];
        var psych = await PostOpen311Async("psych-help", secret + " 最近失眠想轻生");
        var legal = await PostOpen311Async("legal-advice", "法律咨询 " + secret);

        // The whole demo year, not only the specification's default 90 days.
        var since = Uri.EscapeDataString(TimeProvider.System.GetUtcNow().AddDays(-400).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
        var json = await app.CreateClient().GetStringAsync($"/open311/v2/requests.json?start_date={since}");
        var items = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.True(items.Count >= 20, $"{items.Count} requests listed");
        var sensitive = items.Where(i => i.GetProperty("service_code").GetString() is "psych-help" or "legal-advice" or "hardship").ToList();
        Assert.NotEmpty(sensitive);
        Assert.Contains(sensitive, i => i.GetProperty("service_request_id").GetString() == psych);
        Assert.Contains(sensitive, i => i.GetProperty("service_request_id").GetString() == legal);
        Assert.All(sensitive, i =>
        {
            Assert.Equal(JsonValueKind.Null, i.GetProperty("description").ValueKind);
            Assert.Equal(JsonValueKind.Null, i.GetProperty("status_notes").ValueKind);
            Assert.Equal(JsonValueKind.Null, i.GetProperty("address").ValueKind);
        });
        Assert.DoesNotContain(secret, json);
        Assert.DoesNotMatch(PersonalNumber(), json);
        Assert.DoesNotContain("赵建国", json);
        Assert.DoesNotContain("张师傅", json);
        Assert.DoesNotContain("李经理", json);

        // The planted request still tells its story.
        var mine = items.Single(i => i.GetProperty("service_request_id").GetString() == planted).GetProperty("description").GetString()!;
        Assert.Equal("我叫***，手机***，身份证***，***师傅说找***经理，座机***", mine);

        // One request and the XML list say the same.
        var one = await app.CreateClient().GetStringAsync($"/open311/v2/requests/{psych}.json");
        Assert.DoesNotContain(secret, one);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(one).RootElement[0].GetProperty("description").ValueKind);
        var xml = await app.CreateClient().GetStringAsync($"/open311/v2/requests.xml?start_date={since}");
        Assert.DoesNotContain(secret, xml);
        Assert.DoesNotMatch(PersonalNumber(), xml);
    }

    [Fact]
    public async Task A_phone_is_revealed_only_in_scope_with_a_reason_audited_and_on_the_timeline()
    {
        var agent = await app.ClientAsync("agent");
        var phone = "139" + Random.Shared.Next(10000000, 99999999);
        var filed = await agent.PostJsonAsync("/api/v1/hotline/requests", new
        {
            category = "labor-dispute", urgency = "Normal", description = "拖欠工资", callerName = "王师傅", phone, districtCode = "110101", channel = "Phone",
        });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var r = (await filed.ReadJsonAsync<RequestDto>())!;
        Assert.Equal(HttpStatusCode.OK, (await agent.PostJsonAsync($"/api/v1/hotline/requests/{r.Id}/dispatch", new { })).StatusCode);

        var dc = await app.ClientAsync("dongcheng");
        var detail = await dc.GetJsonAsync<RequestDetailDto>($"/api/v1/hotline/requests/{r.Id}");
        Assert.Matches(@"^139\*\*\*\*\d{4}$", detail!.Request.PhoneMasked);
        Assert.DoesNotContain(phone, await dc.GetStringAsync($"/api/v1/hotline/requests/{r.Id}"));

        var url = $"/api/v1/hotline/requests/{r.Id}/phone/reveal";
        Assert.Equal(HttpStatusCode.BadRequest, (await dc.PostJsonAsync(url, new { reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientAsync("xicheng")).PostJsonAsync(url, new { reason = "想看看这个号码" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("evaluator")).PostJsonAsync(url, new { reason = "想看看这个号码" })).StatusCode);
        var ok = await dc.PostJsonAsync(url, new { reason = "回访电话打不通,核对号码" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(phone, (await ok.ReadJsonAsync<RevealedPhoneDto>())!.Phone);

        // On the timeline (who, why) for staff, in the audit trail, and in the supervisor's list.
        var after = await (await app.ClientAsync("admin")).GetJsonAsync<RequestDetailDto>($"/api/v1/hotline/requests/{r.Id}");
        var reveal = Assert.Single(after!.Timeline, e => e.Action == HotlineService.RevealPhoneAction);
        Assert.Equal(("dongcheng", "回访电话打不通,核对号码"), (reveal.Actor, reveal.Note));
        var audit = await app.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking()
            .Where(a => a.Action == HotlineService.RevealPhoneAction && a.EntityId == r.Id.ToString()).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal("dongcheng", entry.Actor);
        Assert.Contains("回访电话打不通", entry.After);
        Assert.DoesNotContain(phone, entry.After);
        var reveals = await (await app.ClientAsync("admin")).GetJsonAsync<List<PhoneRevealView>>("/api/v1/hotline/phone-reveals");
        Assert.Contains(reveals!, v => v.RequestId == r.Id && v.Actor == "dongcheng");
        Assert.DoesNotContain((await (await app.ClientAsync("xicheng")).GetJsonAsync<List<PhoneRevealView>>("/api/v1/hotline/phone-reveals"))!, v => v.RequestId == r.Id);

        // The request's detail page offers the reveal with a reason field.
        var page = WebUtility.HtmlDecode(await dc.GetStringAsync($"/hotline/requests/{r.Id}"));
        Assert.Contains("reveal-form", page);
        Assert.Contains("reveal-reason", page);
        Assert.DoesNotContain(phone, page);
    }
}

public sealed class HotlinePrivacyTests_Sqlite(SqliteApp app) : HotlinePrivacyTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class HotlinePrivacyTests_Postgres(PostgresApp app) : HotlinePrivacyTests<PostgresApp>(app), IClassFixture<PostgresApp>;
