using System.Text.RegularExpressions;
using Gonghui.Modules.Hotline.Endpoints;
using Gonghui.Modules.Hotline.Pages;
using Gonghui.Modules.Hotline.Requests;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Printing;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Hotline.Printables;

/// <summary>One step of a request's handling as printed: when, what, who, for which unit, the state after it and the note.</summary>
public sealed record RecordStep(DateTimeOffset At, string Action, string Actor, string? UnitName, Rules.RequestState ToState, string? Note);

/// <summary>
/// A request's record (诉求办理记录) for the file: the intake (the caller's phone masked), the dispatch (lead and co-handling
/// units), every step of the handling with its answers, the return visit and the resolution note. Phone reveals are left
/// out (they are the supervisor's trail, not the request's), and a mobile number typed into a note is masked too.
/// </summary>
public sealed record RequestRecord(RequestDto Request, string CategoryName, string? LeadUnitName, IReadOnlyList<string> CoUnitNames, string? DistrictName,
    IReadOnlyList<RecordStep> Steps, string PrintedBy, DateTimeOffset PrintedAt);

/// <summary>The hotline's printable: a request's record as a page (/hotline/print/requests/{id}) and a PDF, in the caller's scope.</summary>
internal sealed partial class HotlinePrintables(HotlineService svc, HotlineHandlers handlers, TimeProvider clock)
{
    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)")] private static partial Regex Mobile();

    /// <summary>Masks any mainland mobile number in free text (notes are typed by people).</summary>
    public static string? MaskPhones(string? text) => text is null ? null : Mobile().Replace(text, m => MobilePhone.Mask(m.Value));

    /// <summary>The record, or null when the request does not exist or is outside the caller's scope (404).</summary>
    public async Task<RequestRecord?> RecordAsync(Guid id, CancellationToken ct)
    {
        var r = await svc.FindVisibleAsync(id, ct);
        if (r is null) return null;
        var now = clock.GetUtcNow();
        var detail = await handlers.DetailAsync(r, now, ct);
        var units = (await svc.UnitsAsync(ct)).ToDictionary(u => u.Id, u => u.Name);
        var req = detail.Request with { Description = MaskPhones(detail.Request.Description)!, ResolutionNote = MaskPhones(detail.Request.ResolutionNote),
            Address = MaskPhones(detail.Request.Address) };
        var steps = detail.Timeline.Where(e => e.Action != HotlineService.RevealPhoneAction)
            .Select(e => new RecordStep(e.At, e.Action, e.Actor, e.UnitId is { } u ? units.GetValueOrDefault(u) : null, e.ToState, MaskPhones(e.Note)))
            .ToList();
        var district = req.DistrictCode is { } dc ? Organizations.Public.BeijingDistricts.NameOf(dc) : null;
        var category = svc.Taxonomy.Name(req.Category, HotlineUi.Zh) + (req.SubCategory is null ? "" : " / " + svc.Taxonomy.Name(req.SubCategory, HotlineUi.Zh));
        return new RequestRecord(req, category, req.LeadUnitId is { } lead ? units.GetValueOrDefault(lead) : null,
            detail.CoUnitIds.Select(c => units.GetValueOrDefault(c) ?? "—").ToList(), district, steps, svc.Me.Name, now);
    }
}

internal static class PrintableEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/hotline/requests/{id:guid}/record.pdf", Pdf).WithTags("Hotline").RequireAuthorization(Permissions.HotlinePrint);
        app.MapGet("/hotline/print/requests/{id:guid}", Html).RequireAuthorization(Permissions.HotlinePrint).ExcludeFromDescription();
    }

    private static Dictionary<string, object?> Args(RequestRecord record) => new() { [nameof(RequestRecordDocument.Record)] = record };

    private static async Task<IResult> Html(Guid id, HotlinePrintables p, PdfPrinter printer, CancellationToken ct) =>
        await p.RecordAsync(id, ct) is { } record ? await printer.HtmlResultAsync<RequestRecordDocument>(Args(record)) : Results.NotFound();

    private static async Task<IResult> Pdf(Guid id, HotlinePrintables p, PdfPrinter printer, IStringLocalizer<HotlineText> t, CancellationToken ct) =>
        await p.RecordAsync(id, ct) is { } record
            ? await printer.PdfResultAsync<RequestRecordDocument>(Args(record), $"hotline-{record.Request.TrackingCode}.pdf", t["Print.Unavailable"], ct)
            : Results.NotFound();
}
