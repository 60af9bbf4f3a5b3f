using Gonghui.Modules.LaborRelations.Risk;
using Gonghui.Modules.LaborRelations.Rules;
using Gonghui.Modules.LaborRelations.Signals;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.LaborRelations.Demo;

/// <summary>
/// Demo monitoring data, deterministic: signals of the last half-year on registry enterprises (most on a few troubled firms, so that
/// every level shows), layoff reports checked by Art. 41, a year of opinion items (some major, with their handling), then one recompute
/// that takes the hotline's and legal aid's signals, scores every enterprise and raises the alerts. Bulk-written with their audit
/// entries; full-scale volumes (100,000 signals over 50,000 enterprises) are in the bench, not here.
/// </summary>
internal sealed class LaborRelationsDemoSeeder : IDemoSeeder
{
    private const string Actor = "demo";
    private static readonly string[] Sources = ["微博", "微信公众号", "今日头条", "抖音", "新闻网站", "论坛", "12351来电"];
    private static readonly string[] Industries = ["制造业", "建筑业", "交通运输业", "住宿和餐饮业", "批发和零售业", "信息传输业", "居民服务业", "租赁和商务服务业"];
    private static readonly Dictionary<string, string[]> Titles = new()
    {
        ["wage-arrears"] = ["职工反映{0}拖欠工资两个月", "{0}被指拖欠农民工工资"],
        ["layoff"] = ["{0}传出裁员消息", "{0}部分门店关停，员工安置引关注"],
        ["social-insurance"] = ["{0}员工称社保断缴", "{0}未足额缴纳社会保险"],
        ["contract"] = ["{0}被指未签劳动合同", "{0}变更合同引发争议"],
        ["hours"] = ["{0}员工反映长期加班", "{0}排班制度引发讨论"],
        ["safety"] = ["{0}发生生产安全事故", "{0}作业环境遭投诉"],
        ["collective"] = ["{0}数十名职工聚集讨薪", "{0}职工集体停工"],
        ["other"] = ["{0}职工福利引热议", "{0}开展职工关爱活动获点赞"],
    };

    public async Task SeedAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        if (await db.Set<RiskSignal>().AnyAsync(ct) || await db.Set<OpinionItem>().AnyAsync(ct)) return;
        var scale = sp.GetRequiredService<IConfiguration>().GetValue<double?>("Gonghui:Demo:Scale") ?? 1.0;
        var scope = sp.GetRequiredService<LaborScope>();
        var today = scope.Today;
        var now = scope.Now;
        var firms = await db.EnterpriseRows().OrderBy(e => e.Id).Take(Math.Max(50, (int)Math.Round(2_000 * scale)))
            .Select(e => new { e.Id, e.Name, e.DistrictCode }).ToListAsync(ct);
        if (firms.Count == 0) return;
        var rnd = new Random(4141);
        var troubled = firms.Take(Math.Max(8, firms.Count / 25)).ToList(); // about 4 %: where most signals fall
        var rows = new List<(object, string)>();
        var homes = new Dictionary<string, string>();
        async Task<string> PathOf(string district)
        {
            if (!homes.TryGetValue(district, out var p)) homes[district] = p = (await scope.DistrictUnionAsync(district, ct)).Path;
            return p;
        }

        // Signals entered by staff (arrears, incidents) and by hand-fed sources, over the last 180 days.
        var count = Math.Max(200, (int)Math.Round(3_000 * scale));
        SignalKind[] kinds = [SignalKind.HotlineWageArrears, SignalKind.HotlineCollective, SignalKind.LegalCase, SignalKind.InsuranceArrears, SignalKind.CollectiveIncident];
        int[] weights = [40, 8, 30, 18, 4];
        for (var i = 0; i < count; i++)
        {
            var f = rnd.Next(100) < 55 ? troubled[rnd.Next(troubled.Count)] : firms[rnd.Next(firms.Count)];
            var k = Pick(rnd, kinds, weights);
            var id = DemoId(1, i);
            rows.Add((RiskSignal.Of(id, f.Id, f.Name, k, today.AddDays(-rnd.Next(0, 180)), 1, SignalHandlers.SourceStaff, "demo-" + i, null, await PathOf(f.DistrictCode),
                f.DistrictCode, now, Actor), Actor));
        }

        // Layoff reports, checked by Art. 41.
        for (var i = 0; i < Math.Max(10, (int)Math.Round(60 * scale)); i++)
        {
            var f = i % 2 == 0 ? troubled[rnd.Next(troubled.Count)] : firms[rnd.Next(firms.Count)];
            var workforce = 30 + rnd.Next(2_000);
            var laid = Math.Min(workforce, 3 + rnd.Next(rnd.Next(3) == 0 ? 120 : 25));
            var effective = today.AddDays(rnd.Next(-60, 60));
            DateOnly? told = rnd.Next(4) == 0 ? null : effective.AddDays(-rnd.Next(5, 50));
            if (told > today) told = today;
            var facts = new LayoffFacts(workforce, laid, effective, told);
            var a = LayoffRule.Assess(facts);
            var id = DemoId(2, i);
            var path = await PathOf(f.DistrictCode);
            rows.Add((LayoffReport.Of(id, f.Id, f.Name, facts, a, "经营困难，调整业务", path, now.AddDays(-rnd.Next(0, 60)), Actor), Actor));
            rows.Add((RiskSignal.Of(DemoId(3, i), f.Id, f.Name, SignalKind.Layoff, told ?? today.AddDays(-rnd.Next(0, 60)), LayoffRule.SignalUnits(a),
                SignalHandlers.SourceLayoff, id.ToString(), $"{laid}/{workforce}", path, f.DistrictCode, now, Actor), Actor));
        }

        // Opinion items over the last year: about half negative, 5 % major (with how they were handled).
        var items = Math.Max(100, (int)Math.Round(1_500 * scale));
        for (var i = 0; i < items; i++)
        {
            var f = rnd.Next(100) < 60 ? (rnd.Next(2) == 0 ? troubled[rnd.Next(troubled.Count)] : firms[rnd.Next(firms.Count)]) : null;
            var district = f?.DistrictCode ?? BeijingDistricts.All[rnd.Next(BeijingDistricts.All.Length)].Code;
            var category = OpinionRules.Categories[rnd.Next(OpinionRules.Categories.Count)];
            var sentiment = category == "other" ? (rnd.Next(2) == 0 ? Sentiment.Positive : Sentiment.Neutral)
                : rnd.Next(100) switch { < 65 => Sentiment.Negative, < 90 => Sentiment.Neutral, _ => Sentiment.Positive };
            var day = today.AddDays(-rnd.Next(0, 365));
            var local = day.ToDateTime(new TimeOnly(7 + rnd.Next(14), rnd.Next(60)));
            if (BeijingTime.FromLocal(local) > now) local = day.ToDateTime(TimeOnly.MinValue);
            var title = string.Format(Titles[category][rnd.Next(2)], f?.Name ?? BeijingDistricts.NameOf(district) + "某企业") + $"（{i + 1}）";
            var major = sentiment == Sentiment.Negative && rnd.Next(100) < 8;
            var source = Sources[rnd.Next(Sources.Length)];
            var path = await PathOf(district);
            var id = DemoId(4, i);
            var item = OpinionItem.Of(id, source, title, BeijingTime.FromLocal(local).ToUniversalTime(), day, sentiment, category, Industries[rnd.Next(Industries.Length)],
                f?.Id, f?.Name, district, path, major, major ? "区总工会已约谈企业，督促限期整改，职工诉求已解决。" : null, OpinionRules.DedupKey(source, title, local), now, Actor);
            rows.Add((item, Actor));
            if (sentiment == Sentiment.Negative && f is not null)
                rows.Add((RiskSignal.Of(DemoId(5, i), f.Id, f.Name, SignalKind.Opinion, day, major ? 2 : 1, SignalHandlers.SourceOpinion, id.ToString(),
                    title.Length > 100 ? title[..100] : title, path, district, now, Actor), Actor));
        }
        await RowWriter.InsertAsync(db, rows, now, ct);

        // One recompute: the hotline's and legal aid's signals, every score, the alerts.
        await sp.GetRequiredService<RiskEngine>().RecomputeAsync(ct);
    }

    private static Guid DemoId(int kind, int i) => new($"00000000-0000-7000-9{kind:x3}-{i:x12}");

    private static T Pick<T>(Random rnd, T[] values, int[] weights)
    {
        var n = rnd.Next(weights.Sum());
        for (var i = 0; i < values.Length; i++)
        {
            if (n < weights[i]) return values[i];
            n -= weights[i];
        }
        return values[^1];
    }
}
