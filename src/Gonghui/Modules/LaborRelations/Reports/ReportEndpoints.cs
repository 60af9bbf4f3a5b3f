using Gonghui.Modules.LaborRelations.Rules;
using Gonghui.Modules.LaborRelations.Signals;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Time;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.LaborRelations.Reports;

internal static class ReportEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/reports/opinion", Opinion).RequireAuthorization(Permissions.LaborRead);
        g.MapGet("/brief", Brief).RequireAuthorization(Permissions.LaborRead);
        g.MapGet("/brief.xlsx", BriefXlsx).RequireAuthorization(Permissions.LaborRead);
        g.MapGet("/brief.pdf", BriefPdf).RequireAuthorization(Permissions.LaborRead);
    }

    /// <summary>The printable brief outside the app's layout (what the PDF prints).</summary>
    public static void MapPages(IEndpointRouteBuilder app) =>
        app.MapGet("/labor-relations/print/brief", BriefHtml).RequireAuthorization(Permissions.LaborRead).ExcludeFromDescription();

    private static async Task<Dictionary<string, object?>> BriefArgsAsync(DateOnly? week, ReportHandlers h, LaborScope scope, CancellationToken ct)
    {
        var b = await h.BriefAsync(week ?? scope.Today, ct);
        var unit = await h.ScopeNameAsync(ct);
        return new()
        {
            [nameof(Pages.BriefDocument.Brief)] = b, [nameof(Pages.BriefDocument.Scope)] = unit,
            [nameof(Pages.BriefDocument.PrintedAt)] = scope.Now, [nameof(Pages.BriefDocument.PrintedBy)] = scope.Me.Name,
        };
    }

    public static async Task<IResult> BriefHtml(DateOnly? week, ReportHandlers h, LaborScope scope, Gonghui.Platform.Printing.PdfPrinter printer, CancellationToken ct) =>
        await printer.HtmlResultAsync<Pages.BriefDocument>(await BriefArgsAsync(week, h, scope, ct));

    /// <summary>The weekly brief as a PDF (PdfPrinter: Chromium with the CJK fonts); 503 when printing cannot run on this machine.</summary>
    public static async Task<IResult> BriefPdf(DateOnly? week, ReportHandlers h, LaborScope scope, Gonghui.Platform.Printing.PdfPrinter printer,
        IStringLocalizer<LaborRelationsText> t, CancellationToken ct)
    {
        var args = await BriefArgsAsync(week, h, scope, ct);
        return await printer.PdfResultAsync<Pages.BriefDocument>(args, $"labor-brief-{((WeeklyBrief)args[nameof(Pages.BriefDocument.Brief)]!).Week.From:yyyyMMdd}.pdf",
            t["Print.Unavailable"], ct);
    }

    public static async Task<IResult> Opinion(PeriodKind? period, DateOnly? date, ReportHandlers h, LaborScope scope, CancellationToken ct) =>
        TypedResults.Ok(await h.OpinionAsync(period ?? PeriodKind.Weekly, date ?? scope.Today, ct));

    public static async Task<IResult> Brief(DateOnly? week, ReportHandlers h, LaborScope scope, CancellationToken ct) =>
        TypedResults.Ok(await h.BriefAsync(week ?? scope.Today, ct));

    /// <summary>The weekly brief as a workbook: summary, top risks, layoffs, major items (headers in Chinese and English).</summary>
    public static async Task<IResult> BriefXlsx(DateOnly? week, ReportHandlers h, LaborScope scope, IStringLocalizer<LaborRelationsText> t, CancellationToken ct)
    {
        var b = await h.BriefAsync(week ?? scope.Today, ct);
        var summary = new List<Dictionary<string, object>>
        {
            Row("周 Week", b.Week.Label), Row("红色 Red", b.Levels.GetValueOrDefault(RiskLevel.Red)), Row("橙色 Orange", b.Levels.GetValueOrDefault(RiskLevel.Orange)),
            Row("黄色 Yellow", b.Levels.GetValueOrDefault(RiskLevel.Yellow)), Row("本周新增预警 Alerts raised", b.AlertsRaised), Row("本周办结 Alerts closed", b.AlertsClosed),
            Row("在办预警 Alerts open", b.AlertsOpen), Row("升级督办 Escalated", b.AlertsEscalated), Row("舆情 Opinion items", b.OpinionItems),
            Row("负面舆情 Negative", b.OpinionNegative),
        };
        var sheets = new Dictionary<string, object>
        {
            ["summary"] = summary,
            ["risks"] = b.TopRisks.Select(r => new Dictionary<string, object>
            {
                ["企业 Enterprise"] = r.EnterpriseName, ["区 District"] = BeijingDistricts.NameOf(r.DistrictCode) ?? r.DistrictCode, ["得分 Score"] = r.Score,
                ["等级 Level"] = t["Level." + r.Level].Value,
            }).ToList(),
            ["layoffs"] = b.Layoffs.Select(l => new Dictionary<string, object>
            {
                ["企业 Enterprise"] = l.EnterpriseName, ["职工总数 Workforce"] = l.Workforce, ["裁减人数 Laid off"] = l.LaidOff, ["生效日 Effective"] = l.EffectiveOn.ToString("yyyy-MM-dd"),
                ["第41条 Art. 41"] = l.MassLayoff ? "是" : "否", ["未提前30日告知 Notice late"] = l.NoticeLate ? "是" : "否",
            }).ToList(),
            ["incidents"] = b.Incidents.Select(i => new Dictionary<string, object>
            {
                ["时间 Time"] = BeijingTime.Format(i.PublishedAt), ["来源 Source"] = i.Source, ["标题 Title"] = i.Title, ["企业 Enterprise"] = i.EnterpriseName ?? "",
                ["处置 Handling"] = i.Handling ?? "",
            }).ToList(),
        };
        var ms = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(ms, sheets, cancellationToken: ct);
        ms.Position = 0;
        return Results.File(ms, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"labor-brief-{b.Week.From:yyyyMMdd}.xlsx");
    }

    private static Dictionary<string, object> Row(string item, object value) => new() { ["项目 Item"] = item, ["数值 Value"] = value };
}
