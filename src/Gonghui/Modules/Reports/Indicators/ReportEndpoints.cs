using Gonghui.Modules.Reports.Export;
using Gonghui.Modules.Reports.Pages;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Printing;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Reports.Indicators;

public sealed record DefinitionDto(string Key, string Part, string NameZh, string NameEn, IndicatorUnit Unit, string Definition, string? DrillHref);

internal static class ReportEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/indicators", Indicators).RequireAuthorization(Permissions.ReportsRead);
        g.MapGet("/definitions", Definitions).RequireAuthorization(Permissions.ReportsRead);
        g.MapGet("/annual.xlsx", Xlsx).RequireAuthorization(Permissions.ReportsRead);
        g.MapGet("/annual.pdf", Pdf).RequireAuthorization(Permissions.ReportsRead);
    }

    /// <summary>The printable report page (the same document the PDF prints), outside the app's layout.</summary>
    public static void MapPrint(IEndpointRouteBuilder app) =>
        app.MapGet("/reports/print", Print).RequireAuthorization(Permissions.ReportsRead).ExcludeFromDescription();

    public static async Task<IResult> Print(int? year, int? quarter, int? month, Guid? unit, ReportBuilder b, PdfPrinter printer, IStringLocalizer<ReportsText> t, CancellationToken ct)
    {
        var o = await b.BuildAsync(year, quarter, month, unit, true, ct);
        if (!o.IsOk) return o.ToProblem(Text(t));
        return Results.Content(await printer.RenderHtmlAsync<ReportDocument>(new Dictionary<string, object?> { [nameof(ReportDocument.Report)] = o.Value }),
            "text/html; charset=utf-8");
    }

    internal static OutcomeText Text(IStringLocalizer<ReportsText> t) => (code, args) => t["Error." + code, [.. args.Select(a => a ?? "")]].Value;

    public static async Task<IResult> Indicators(int? year, int? quarter, int? month, Guid? unit, bool? districts, ReportBuilder b, IStringLocalizer<ReportsText> t, CancellationToken ct) =>
        (await b.BuildAsync(year, quarter, month, unit, districts ?? false, ct)).ToHttpResult(Text(t));

    public static IResult Definitions(ReportBuilder b) =>
        TypedResults.Ok(b.Definitions.Select(d => new DefinitionDto(d.Key, d.Part, d.NameZh, d.NameEn, d.Unit, d.Definition, d.DrillHref)).ToList());

    public static async Task<IResult> Xlsx(int? year, int? quarter, int? month, Guid? unit, ReportBuilder b, IStringLocalizer<ReportsText> t, CancellationToken ct)
    {
        var o = await b.BuildAsync(year, quarter, month, unit, true, ct);
        if (!o.IsOk) return o.ToProblem(Text(t));
        var ms = await ReportXlsx.WriteAsync(o.Value!, t, ct);
        return Results.File(ms, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"gonghui-report-{o.Value!.Period}.xlsx");
    }

    public static async Task<IResult> Pdf(int? year, int? quarter, int? month, Guid? unit, ReportBuilder b, PdfPrinter printer, IStringLocalizer<ReportsText> t, CancellationToken ct)
    {
        var o = await b.BuildAsync(year, quarter, month, unit, true, ct);
        if (!o.IsOk) return o.ToProblem(Text(t));
        try
        {
            var pdf = await ReportExports.PdfAsync(printer, o.Value!, ct);
            return Results.File(pdf, "application/pdf", $"gonghui-report-{o.Value!.Period}.pdf");
        }
        catch (PrintUnavailableException e)
        {
            return TypedResults.Problem(title: t["Error.pdf-unavailable"], detail: e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
