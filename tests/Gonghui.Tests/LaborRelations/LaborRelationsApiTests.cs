using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gonghui.Modules.LaborRelations.Opinion;
using Gonghui.Modules.LaborRelations.Risk;
using Gonghui.Modules.LaborRelations.Rules;
using Gonghui.Modules.LaborRelations.Signals;
using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Platform.Indicators;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.LaborRelations;

/// <summary>Labour-relations monitoring over HTTP on each provider: signals and their checks, the set-based score and its explanation, alerts, imports, reports.</summary>
public abstract class LaborRelationsApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private const string Base = "/api/v1/labor-relations";

    private async Task<Guid> FirmAsync(string district = "110101", int skip = 0) =>
        await app.WithDbAsync(db => db.Set<Enterprise>().Where(e => e.DistrictCode == district).OrderBy(e => e.Id).Select(e => e.Id).Skip(skip).FirstAsync());

    private Task<int> SignalsOfAsync(Guid firm) => app.WithDbAsync(db => db.Set<RiskSignal>().CountAsync(s => s.EnterpriseId == firm));

    private static async Task<JsonElement> ErrorsOf(HttpResponseMessage res)
    {
        var text = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == HttpStatusCode.BadRequest, $"{res.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("errors");
    }

    [Fact]
    public async Task A_layoff_is_checked_by_Art_41_and_bad_input_writes_nothing()
    {
        var dc = await app.ClientAsync("dongcheng");
        var firm = await FirmAsync(skip: 3);
        var before = await SignalsOfAsync(firm);
        var today = await app.WithScopeAsync2(sp => sp.GetRequiredService<LaborScope>().Today);

        var errors = await ErrorsOf(await dc.PostJsonAsync($"{Base}/layoffs", new { enterpriseId = firm, workforce = 10, laidOff = 12, effectiveOn = today.AddDays(40) }));
        Assert.Contains("不能多于职工总数", errors.GetProperty("laidOff")[0].GetString());
        Assert.Equal(before, await SignalsOfAsync(firm));
        // 西城 cannot report on a 东城 enterprise
        var xc = await app.ClientAsync("xicheng");
        Assert.True((await ErrorsOf(await xc.PostJsonAsync($"{Base}/layoffs", new { enterpriseId = firm, workforce = 100, laidOff = 12, effectiveOn = today }))).TryGetProperty("enterpriseId", out _));

        // 12 of 100 is 10 % or more: a mass layoff; told today for a layoff in 20 days is late (30 days ahead)
        var res = await dc.PostJsonAsync($"{Base}/layoffs", new { enterpriseId = firm, workforce = 100, laidOff = 12, effectiveOn = today.AddDays(20), unionNotifiedOn = today });
        Assert.True(res.StatusCode == HttpStatusCode.Created, await res.Content.ReadAsStringAsync());
        var l = (await res.ReadJsonAsync<LayoffDto>())!;
        Assert.Equal((true, true, 1200, today.AddDays(-10)), (l.MassLayoff, l.NoticeLate, l.ShareBp, l.NoticeDueBy!.Value));
        var s = await app.WithDbAsync(db => db.Set<RiskSignal>().SingleAsync(x => x.EnterpriseId == firm && x.Kind == SignalKind.Layoff && x.SourceRef == l.Id.ToString()));
        Assert.Equal((3, "/BJ/DC/"), (s.Units, s.ScopePath));
    }

    [Fact]
    public async Task Every_score_is_set_based_explains_itself_and_equals_the_in_memory_baseline()
    {
        var dc = await app.ClientAsync("dongcheng");
        var firm = await FirmAsync(skip: 1);
        var today = await app.WithScopeAsync2(sp => sp.GetRequiredService<LaborScope>().Today);
        // two collective incidents (2 × 25) and social-insurance arrears (10): 60 → red
        foreach (var (kind, days) in new[] { ("CollectiveIncident", 3), ("CollectiveIncident", 20), ("InsuranceArrears", 5) })
        {
            var r = await dc.PostJsonAsync($"{Base}/signals", new { enterpriseId = firm, kind, occurredOn = today.AddDays(-days), workers = 40, note = "测试" });
            Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        }
        Assert.True((await ErrorsOf(await dc.PostJsonAsync($"{Base}/signals", new { enterpriseId = firm, kind = "LegalCase", occurredOn = today }))).TryGetProperty("kind", out _));
        Assert.True((await ErrorsOf(await dc.PostJsonAsync($"{Base}/signals", new { enterpriseId = firm, kind = "InsuranceArrears", occurredOn = today.AddDays(1) }))).TryGetProperty("occurredOn", out _));

        var rec = await dc.PostJsonAsync($"{Base}/risk/recompute", new { });
        Assert.True(rec.StatusCode == HttpStatusCode.OK, await rec.Content.ReadAsStringAsync());
        var risk = (await dc.GetJsonAsync<EnterpriseRiskDto>($"{Base}/enterprises/{firm}/risk"))!;
        Assert.True(risk.Explanation.Score >= 60);
        Assert.Equal(risk.Explanation.Terms.Sum(t => t.Points), risk.Explanation.Score);
        Assert.Equal(50, risk.Explanation.Terms.Single(t => t.Kind == SignalKind.CollectiveIncident).Points);
        Assert.Equal(RiskLevel.Red, risk.Explanation.Level);
        var top = (await dc.GetJsonAsync<List<ScoreDto>>($"{Base}/risk?level=Red&limit=500"))!;
        Assert.Equal(risk.Explanation.Score, top.Single(x => x.EnterpriseId == firm).Score);
        // 西城 sees neither the enterprise nor its score
        var xc = await app.ClientAsync("xicheng");
        Assert.Equal(HttpStatusCode.NotFound, (await xc.GetAsync($"{Base}/enterprises/{firm}/risk")).StatusCode);
        Assert.DoesNotContain((await xc.GetJsonAsync<List<ScoreDto>>($"{Base}/risk?limit=500"))!, x => x.EnterpriseId == firm);

        // the set-based statement and the in-memory baseline give the same table
        var sql = await app.WithDbAsync(db => db.Set<RiskScore>().AsNoTracking().OrderBy(x => x.EnterpriseId).Select(x => new { x.EnterpriseId, x.Score, x.Level }).ToListAsync());
        await app.WithScopeAsync(sp => sp.GetRequiredService<RiskEngine>().RecomputeInMemoryAsync(today, default));
        var mem = await app.WithDbAsync(db => db.Set<RiskScore>().AsNoTracking().OrderBy(x => x.EnterpriseId).Select(x => new { x.EnterpriseId, x.Score, x.Level }).ToListAsync());
        Assert.NotEmpty(sql);
        Assert.Equal(sql, mem);

        // the alert went to 东城 and is disposed of step by step
        var alert = (await dc.GetJsonAsync<List<AlertDto>>($"{Base}/alerts?open=true&limit=500"))!.Single(a => a.EnterpriseId == firm);
        Assert.Equal(AlertState.Raised, alert.State);
        Assert.Equal(HttpStatusCode.NotFound, (await xc.GetAsync($"{Base}/alerts/{alert.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await dc.PostJsonAsync($"{Base}/alerts/{alert.Id}/close", new { note = "x", result = "Resolved" })).StatusCode);
        Assert.True((await ErrorsOf(await dc.PostJsonAsync($"{Base}/alerts/{alert.Id}/verify", new { note = "" }))).TryGetProperty("note", out _));
        Assert.True((await ErrorsOf(await dc.PostJsonAsync($"{Base}/alerts/{alert.Id}/jump", new { note = "x" }))).TryGetProperty("action", out _));
        var v = (await (await dc.PostJsonAsync($"{Base}/alerts/{alert.Id}/verify", new { note = "已到企业核实：欠缴社保两个月", version = alert.Version })).ReadJsonAsync<AlertDto>())!;
        Assert.Equal(AlertState.Verified, v.State);
        Assert.Equal(HttpStatusCode.Conflict, (await dc.PostJsonAsync($"{Base}/alerts/{alert.Id}/act", new { note = "x", version = alert.Version })).StatusCode); // stale version
        await dc.PostJsonAsync($"{Base}/alerts/{alert.Id}/act", new { note = "约谈企业，督促补缴", version = v.Version });
        Assert.True((await ErrorsOf(await dc.PostJsonAsync($"{Base}/alerts/{alert.Id}/close", new { note = "x", result = "FalseAlarm" }))).TryGetProperty("result", out _));
        var closed = (await (await dc.PostJsonAsync($"{Base}/alerts/{alert.Id}/close", new { note = "已补缴，职工复工", result = "Resolved" })).ReadJsonAsync<AlertDto>())!;
        Assert.Equal((AlertState.Closed, AlertClosure.Resolved), (closed.State, closed.Result));
        var detail = (await dc.GetJsonAsync<AlertDetail>($"{Base}/alerts/{alert.Id}"))!;
        Assert.Equal(new[] { "raise", "verify", "act", "close" }, detail.Timeline.Select(e => e.Action).Where(a => a != "follow").ToArray());
        // an agent has no business here
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("agent")).GetAsync($"{Base}/risk")).StatusCode);
    }

    private static MultipartFormDataContent Csv(string text, bool skip = false)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(part, "file", "opinion.csv");
        if (skip) form.Add(new StringContent("true"), "skipBadRows");
        return form;
    }

    [Fact]
    public async Task An_opinion_import_with_a_bad_row_names_the_row_and_writes_nothing_unless_told_to_skip()
    {
        var dc = await app.ClientAsync("dongcheng");
        var firm = await FirmAsync(skip: 2);
        var (name, code) = await app.WithDbAsync(async db => await db.Set<Enterprise>().Where(e => e.Id == firm).Select(e => new { e.Name, e.CreditCode }).FirstAsync() is var x ? (x.Name, x.CreditCode) : default);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var csv = "来源,标题,时间,倾向,类别,行业,企业,区划代码,重大,处置情况\n" +
                  $"微博,{name}拖欠工资{tag},2020-06-01 09:30,负面,欠薪,制造业,{code},,是,已约谈\n" +
                  $"论坛,东城某店关停{tag},2020-06-02,很差,裁员,,,110101,否,\n" +
                  $"论坛,西城某店{tag},2020-06-03 10:00,中性,裁员,,,110102,否,\n";
        var before = await app.WithDbAsync(db => db.Set<OpinionItem>().CountAsync());
        var res = await dc.PostAsync($"{Base}/opinion/import", Csv(csv));
        Assert.True(res.StatusCode == HttpStatusCode.UnprocessableEntity, await res.Content.ReadAsStringAsync());
        var dto = (await res.ReadJsonAsync<OpinionImportDto>())!;
        Assert.Contains(dto.Errors, e => e.Row == 3 && e.Column == "倾向");
        Assert.Contains(dto.Errors, e => e.Row == 4 && e.Column == "区划代码"); // 西城 is outside 东城's scope
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<OpinionItem>().CountAsync()));

        var ok = (await (await dc.PostAsync($"{Base}/opinion/import", Csv(csv, skip: true))).ReadJsonAsync<OpinionImportDto>())!;
        Assert.Equal((1, false), (ok.Created, ok.Rejected));
        var item = await app.WithDbAsync(db => db.Set<OpinionItem>().SingleAsync(o => o.Title.EndsWith(tag) && o.Source == "微博"));
        Assert.Equal((firm, true, new DateOnly(2020, 6, 1)), (item.EnterpriseId!.Value, item.Major, item.PublishedOn));
        // a negative item about an enterprise is a signal (major: 2 units); the same file again adds nothing
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<RiskSignal>().Where(s => s.SourceRef == item.Id.ToString()).Select(s => s.Units).SingleAsync()));
        var again = (await (await dc.PostAsync($"{Base}/opinion/import", Csv(csv, skip: true))).ReadJsonAsync<OpinionImportDto>())!;
        Assert.Equal(0, again.Created);
        Assert.Contains(again.Errors, e => e.Row == 2);
    }

    private static MultipartFormDataContent Feed(string xml, bool skip = false, string? district = null)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(Encoding.UTF8.GetBytes(xml));
        part.Headers.ContentType = new MediaTypeHeaderValue("application/rss+xml");
        form.Add(part, "file", "feed.xml");
        if (skip) form.Add(new StringContent("true"), "skipBadRows");
        if (district is not null) form.Add(new StringContent(district), "districtCode");
        return form;
    }

    [Fact]
    public async Task An_rss_feed_becomes_opinion_items_and_a_bad_item_is_a_row_error_at_its_line_with_nothing_written()
    {
        var dc = await app.ClientAsync("dongcheng");
        var firm = await FirmAsync(skip: 2);
        var code = await app.WithDbAsync(db => db.Set<Enterprise>().Where(e => e.Id == firm).Select(e => e.CreditCode).FirstAsync());
        var tag = Guid.NewGuid().ToString("N")[..6];
        var xml = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0" xmlns:gh="https://gonghui.example/rss">
            <channel>
              <title>舆情监测平台</title>
              <item>
                <title>某公司拖欠工资{tag}</title>
                <pubDate>Mon, 01 Jun 2020 09:30:00 +0800</pubDate>
                <category>负面</category><category>欠薪</category>
                <gh:enterprise>{code}</gh:enterprise><gh:major>是</gh:major>
              </item>
              <item>
                <title>东城某店开业{tag}</title>
                <source url="https://weibo.example">微博</source>
                <pubDate>Tue, 02 Jun 2020 01:00:00 GMT</pubDate>
                <category>正面</category>
              </item>
              <item>
                <title>没有倾向的条目{tag}</title>
                <pubDate>Wed, 03 Jun 2020 10:00:00 +0800</pubDate>
              </item>
              <item>
                <title>时间不对{tag}</title>
                <pubDate>yesterday</pubDate>
                <category>中性</category>
              </item>
            </channel>
            </rss>
            """;
        var before = await app.WithDbAsync(db => db.Set<OpinionItem>().CountAsync());
        var res = await dc.PostAsync($"{Base}/opinion/import", Feed(xml, district: "110101"));
        Assert.True(res.StatusCode == HttpStatusCode.UnprocessableEntity, await res.Content.ReadAsStringAsync());
        var dto = (await res.ReadJsonAsync<OpinionImportDto>())!;
        // each bad item is named by the line its <item> starts on and the element at fault
        Assert.Equal([(17, "sentiment"), (21, "pubDate")], dto.Errors.Select(e => (e.Row, e.Column)).ToArray());
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<OpinionItem>().CountAsync()));

        var ok = (await (await dc.PostAsync($"{Base}/opinion/import", Feed(xml, skip: true, district: "110101"))).ReadJsonAsync<OpinionImportDto>())!;
        Assert.Equal((2, false, 2), (ok.Created, ok.Rejected, ok.ErrorCount));
        var items = await app.WithDbAsync(db => db.Set<OpinionItem>().Where(o => o.Title.EndsWith(tag)).OrderBy(o => o.PublishedAt).ToListAsync());
        Assert.Equal(2, items.Count);
        // source from the channel's title, the time in Beijing, the enterprise matched by its credit code, sentiment and category from <category>
        Assert.Equal(("舆情监测平台", firm, Sentiment.Negative, "wage-arrears", true, new DateOnly(2020, 6, 1)),
            (items[0].Source, items[0].EnterpriseId!.Value, items[0].Sentiment, items[0].Category, items[0].Major, items[0].PublishedOn));
        Assert.Equal(new DateTimeOffset(2020, 6, 1, 1, 30, 0, TimeSpan.Zero), items[0].PublishedAt);
        Assert.Equal(("微博", (Guid?)null, Sentiment.Positive, "other", "110101"), (items[1].Source, items[1].EnterpriseId, items[1].Sentiment, items[1].Category, items[1].DistrictCode));
        Assert.Equal(new DateTimeOffset(2020, 6, 2, 1, 0, 0, TimeSpan.Zero), items[1].PublishedAt);
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<RiskSignal>().Where(x => x.SourceRef == items[0].Id.ToString()).Select(x => x.Units).SingleAsync()));

        // the same feed again adds nothing; a broken file is refused as a whole with its line
        Assert.Equal(0, (await (await dc.PostAsync($"{Base}/opinion/import", Feed(xml, skip: true, district: "110101"))).ReadJsonAsync<OpinionImportDto>())!.Created);
        var broken = await dc.PostAsync($"{Base}/opinion/import", Feed("<rss version=\"2.0\"><channel>\n<item><title>x</item></channel></rss>"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, broken.StatusCode);
        Assert.Equal(2, (await broken.ReadJsonAsync<OpinionImportDto>())!.Errors.Single().Row);
    }

    [Fact]
    public async Task Reports_the_brief_and_the_indicators_come_from_the_records()
    {
        var admin = await app.ClientAsync("admin");
        var today = await app.WithScopeAsync2(sp => sp.GetRequiredService<LaborScope>().Today);
        var res = await admin.GetAsync($"{Base}/reports/opinion?period=Annual&date={today:yyyy-MM-dd}");
        Assert.True(res.StatusCode == HttpStatusCode.OK, await res.Content.ReadAsStringAsync());
        using var doc = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
        var items = doc.RootElement.GetProperty("items").GetInt32();
        Assert.True(items > 0);
        Assert.Equal(12, doc.RootElement.GetProperty("series").GetArrayLength());
        Assert.Equal(items, doc.RootElement.GetProperty("series").EnumerateArray().Sum(p => p.GetProperty("items").GetInt32()));
        Assert.Equal(items, doc.RootElement.GetProperty("byCategory").EnumerateArray().Sum(p => p.GetProperty("items").GetInt32()));

        var xlsx = await admin.GetAsync($"{Base}/brief.xlsx?week={today:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal("PK"u8.ToArray(), (await xlsx.Content.ReadAsByteArrayAsync())[..2]);

        // the same brief printed: the page the PDF prints carries the JSON brief's figures, and the PDF is a PDF
        var brief = (await admin.GetJsonAsync<JsonElement>($"{Base}/brief?week={today:yyyy-MM-dd}"));
        var html = await (await admin.GetAsync($"/labor-relations/print/brief?week={today:yyyy-MM-dd}")).Content.ReadAsStringAsync();
        Assert.Contains(brief.GetProperty("week").GetProperty("label").GetString()!, html);
        Assert.Equal(brief.GetProperty("topRisks").GetArrayLength(), System.Text.RegularExpressions.Regex.Matches(
            html[html.IndexOf("data-testid=\"brief-risks\"", StringComparison.Ordinal)..html.IndexOf("data-testid=\"brief-layoffs\"", StringComparison.Ordinal)], "<tr>").Count - 1);
        var pdf = await admin.GetAsync($"{Base}/brief.pdf?week={today:yyyy-MM-dd}");
        Assert.True(pdf.StatusCode == HttpStatusCode.OK, await pdf.Content.ReadAsStringAsync());
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal("%PDF"u8.ToArray(), (await pdf.Content.ReadAsByteArrayAsync())[..4]);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("worker")).GetAsync($"{Base}/brief.pdf")).StatusCode);

        var values = new Dictionary<string, IndicatorValue>();
        await app.WithScopeAsync(async sp =>
        {
            foreach (var source in sp.GetServices<IIndicatorSource>().Where(s => s.Definitions.Any(d => d.Key.StartsWith("labor.") || d.Key.StartsWith("legal."))))
                foreach (var v in await source.ComputeAsync(new IndicatorQuery(today.AddDays(-365), today.AddDays(1), "/BJ/"), default))
                    values[v.Key] = v;
        });
        Assert.True(values["labor.opinion"].Value > 0);
        Assert.True(values["labor.signals"].Value > 0);
        Assert.Contains("legal.cases", values.Keys);
        Assert.Contains("legal.recovered", values.Keys);
        var none = new Dictionary<string, IndicatorValue>();
        await app.WithScopeAsync(async sp =>
        {
            foreach (var source in sp.GetServices<IIndicatorSource>().Where(s => s.Definitions.Any(d => d.Key.StartsWith("labor."))))
                foreach (var v in await source.ComputeAsync(new IndicatorQuery(new DateOnly(2001, 1, 1), new DateOnly(2002, 1, 1), "/BJ/"), default))
                    none[v.Key] = v;
        });
        Assert.All(none.Values, v => Assert.Equal("no-data", v.Flag));
    }
}

internal static class AppScopeExtensions
{
    public static async Task<T> WithScopeAsync2<T>(this GonghuiApp app, Func<IServiceProvider, T> f)
    {
        var result = default(T)!;
        await app.WithScopeAsync(sp => { result = f(sp); return Task.CompletedTask; });
        return result;
    }
}

public sealed class LaborRelationsApiTests_Sqlite(SqliteApp app) : LaborRelationsApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class LaborRelationsApiTests_Postgres(PostgresApp app) : LaborRelationsApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
