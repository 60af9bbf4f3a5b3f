using System.Diagnostics;
using Gonghui.Modules.Reports.Indicators;
using Gonghui.Modules.Reports.Pages;
using Gonghui.Modules.Reports.Rules;
using Gonghui.Platform.Printing;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Reports.Export;

/// <summary>Both exports of one report and what each took; <see cref="Pdf"/> is null when the printer is unavailable (<see cref="PdfWhyNot"/>).</summary>
public sealed record BothExports(IndicatorReportDto Report, MemoryStream Xlsx, byte[]? Pdf, string? PdfWhyNot, double ReportMs, double XlsxMs, double PdfMs);

/// <summary>
/// The report's files from a report already built: the XLSX (<see cref="ReportXlsx"/>) and the PDF (the report's Razor document printed by
/// <see cref="PdfPrinter"/>). Neither computes a figure: the rankings' charts and tables are drawn from the report's own values. A caller
/// that wants both builds the report once (<see cref="BothAsync"/>, the bench's way); the endpoints ask <see cref="ReportBuilder"/>, whose
/// <see cref="ReportCache"/> hands the page, the XLSX, the PDF and the ranking downloads of one caller's report the same build for a minute.
/// </summary>
public static class ReportExports
{
    /// <summary>The PDF of a built report (throws <see cref="PrintUnavailableException"/> without Chromium).</summary>
    public static async Task<byte[]> PdfAsync(PdfPrinter printer, IndicatorReportDto report, CancellationToken ct)
    {
        var html = await printer.RenderHtmlAsync<ReportDocument>(new Dictionary<string, object?> { [nameof(ReportDocument.Report)] = report });
        return await printer.PrintAsync(html, ct);
    }

    /// <summary>The unit's report for the period with the district rankings, built once, then written as XLSX and printed as PDF.</summary>
    public static async Task<BothExports> BothAsync(ReportBuilder builder, PdfPrinter printer, IStringLocalizer<ReportsText> L, ReportPeriod period, ReportUnit unit,
        CancellationToken ct)
    {
        var w = Stopwatch.StartNew();
        var report = await builder.BuildForAsync(period, unit, withDistricts: true, ct);
        var reportMs = w.Elapsed.TotalMilliseconds;
        w.Restart();
        var xlsx = await ReportXlsx.WriteAsync(report, L, ct);
        var xlsxMs = w.Elapsed.TotalMilliseconds;
        w.Restart();
        byte[]? pdf = null;
        string? whyNot = null;
        try { pdf = await PdfAsync(printer, report, ct); }
        catch (PrintUnavailableException e) { whyNot = e.Message; }
        return new BothExports(report, xlsx, pdf, whyNot, reportMs, xlsxMs, w.Elapsed.TotalMilliseconds);
    }
}
