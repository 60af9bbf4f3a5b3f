using Gonghui.Modules.Hardship.Campaigns;
using Gonghui.Modules.Hardship.Files;
using Gonghui.Modules.Hardship.Pages;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Printing;
using Gonghui.Platform.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Hardship.Printables;

public sealed record PublicityRow(string FileNo, string MaskedName, string UnitName, string DistrictCode, HardshipGrade Grade, HardshipCause[] Causes,
    FileStatus Status, DateTimeOffset? NoticeEndsAt);
/// <summary>The public-notice list (公示名单): files in an enrolment or exit notice in the caller's subtree, names masked.</summary>
public sealed record PublicityList(IReadOnlyList<PublicityRow> Rows, int EnrolmentNoticeDays, int ExitNoticeWorkingDays, string PrintedBy, DateTimeOffset PrintedAt);

public sealed record GrantListRow(string FileNo, string DistrictCode, string MaskedChildName, SchoolStage Stage, string School, long AmountFen, ApplicationStatus Status);
/// <summary>金秋助学 list of a campaign: its applications in the caller's subtree (rejected ones left out unless asked for), child names masked.</summary>
public sealed record GrantList(CampaignView Campaign, IReadOnlyList<GrantListRow> Rows, long TotalFen, string PrintedBy, DateTimeOffset PrintedAt);

/// <summary>
/// The archive's printables: the public-notice list and a campaign's 金秋助学 list, each as a printable page under
/// /hardship/print and as a PDF under /api/v1/hardship. Both read only what the caller's scope holds (the same scoped
/// queries as the lists); a campaign that does not exist is 404.
/// </summary>
public sealed class HardshipPrintables(HardshipScope scope, CampaignHandlers campaigns, CurrentUser me)
{
    /// <summary>At most this many rows print: a notice list is a district's week of filings, not the archive.</summary>
    public const int MaxRows = 5_000;

    public async Task<PublicityList> PublicityAsync(CancellationToken ct)
    {
        var rows = await (await scope.ScopedAsync(ct)).AsNoTracking()
            .Where(x => x.File.Status == FileStatus.InNotice || x.File.Status == FileStatus.ExitInNotice)
            .OrderBy(x => x.File.DistrictCode).ThenBy(x => x.UnitName).ThenBy(x => x.File.FileNo).Take(MaxRows)
            .Select(x => new { x.File.FileNo, x.File.WorkerName, x.UnitName, x.File.DistrictCode, x.File.Grade, x.File.CauseFlags, x.File.Status, x.File.NoticeEndsAt })
            .ToListAsync(ct);
        return new PublicityList(rows.Select(r => new PublicityRow(r.FileNo, PersonName.Mask(r.WorkerName), r.UnitName, r.DistrictCode, r.Grade,
                Enum.GetValues<HardshipCause>().Where(c => (r.CauseFlags & HardshipFile.Flag(c)) != 0).ToArray(), r.Status, r.NoticeEndsAt)).ToList(),
            scope.Rules.EnrolmentNoticeDays, scope.Rules.ExitNoticeWorkingDays, me.Name, scope.Now);
    }

    public async Task<GrantList?> GrantsAsync(Guid campaignId, ApplicationStatus? status, CancellationToken ct)
    {
        var summary = await campaigns.SummaryAsync(campaignId, ct);
        if (summary is null) return null;
        var rows = (await campaigns.PrintRowsAsync(campaignId, status, MaxRows, ct))
            .Select(a => new GrantListRow(a.FileNo, a.DistrictCode, PersonName.Mask(a.ChildName), a.Stage, a.School, a.AmountFen, a.Status)).ToList();
        return new GrantList(summary.Campaign, rows, rows.Sum(r => r.AmountFen), me.Name, scope.Now);
    }
}

internal static class PrintableEndpoints
{
    /// <summary>The PDFs, under the module's API group (hardship.read).</summary>
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/publicity.pdf", PublicityPdf).RequireAuthorization(Permissions.HardshipRead);
        api.MapGet("/campaigns/{id:guid}/list.pdf", GrantsPdf).RequireAuthorization(Permissions.HardshipRead);
    }

    /// <summary>The printable pages, outside the app's layout (what the PDFs print).</summary>
    public static void MapPages(IEndpointRouteBuilder app)
    {
        var print = app.MapGroup("/hardship/print").RequireAuthorization(Permissions.HardshipRead).ExcludeFromDescription();
        print.MapGet("/publicity", PublicityHtml);
        print.MapGet("/campaigns/{id:guid}", GrantsHtml);
    }

    private static Dictionary<string, object?> Args(string name, object value) => new() { [name] = value };

    private static async Task<IResult> PublicityHtml(HardshipPrintables p, PdfPrinter printer, CancellationToken ct) =>
        await printer.HtmlResultAsync<PublicityListDocument>(Args(nameof(PublicityListDocument.List), await p.PublicityAsync(ct)));

    private static async Task<IResult> PublicityPdf(HardshipPrintables p, PdfPrinter printer, IStringLocalizer<HardshipText> t, TimeProvider clock, CancellationToken ct) =>
        await printer.PdfResultAsync<PublicityListDocument>(Args(nameof(PublicityListDocument.List), await p.PublicityAsync(ct)),
            $"publicity-{Gonghui.Platform.Time.BeijingTime.Today(clock):yyyyMMdd}.pdf", t["Print.Unavailable"], ct);

    private static async Task<IResult> GrantsHtml(Guid id, ApplicationStatus? status, HardshipPrintables p, PdfPrinter printer, CancellationToken ct) =>
        await p.GrantsAsync(id, status, ct) is { } list
            ? await printer.HtmlResultAsync<GrantListDocument>(Args(nameof(GrantListDocument.List), list))
            : Results.NotFound();

    private static async Task<IResult> GrantsPdf(Guid id, ApplicationStatus? status, HardshipPrintables p, PdfPrinter printer, IStringLocalizer<HardshipText> t, CancellationToken ct) =>
        await p.GrantsAsync(id, status, ct) is { } list
            ? await printer.PdfResultAsync<GrantListDocument>(Args(nameof(GrantListDocument.List), list), $"education-grants-{list.Campaign.Year}.pdf", t["Print.Unavailable"], ct)
            : Results.NotFound();
}
