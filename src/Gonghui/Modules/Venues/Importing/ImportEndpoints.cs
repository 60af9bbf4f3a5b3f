using Gonghui.Modules.Venues.Rules;
using System.Globalization;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Geo;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Gonghui.Platform.Security;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Gonghui.Modules.Venues.Nearby;
using Gonghui.Modules.Venues.Listing;

namespace Gonghui.Modules.Venues.Importing;

/// <summary>Venues from a spreadsheet (CSV/XLSX), all or nothing unless bad rows are skipped; the row errors as JSON or CSV.</summary>
internal static class ImportEndpoints
{
    public static void Map(RouteGroupBuilder staff) =>
        staff.MapPost("/import", Import).RequireAuthorization(Permissions.VenuesEdit).RequireAntiforgeryForCookieCallers();

    public static async Task<Results<Ok<VenueImportResult>, FileStreamHttpResult, ValidationProblem>> Import(
        IFormFile? file, bool? skipInvalid, string? errorsAs, VenueHandlers venues, IStringLocalizer<VenuesText> L, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return new Api.Errors().Add("file", L["venue.required"]).Problem();
        await using var stream = file.OpenReadStream();
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        var result = await venues.ImportAsync(buffer, file.FileName, skipInvalid == true, ct);
        if (errorsAs == "csv" && result.Errors.Count > 0)
        {
            var report = new MemoryStream();
            await Platform.Importing.RowErrorReport.WriteCsvAsync(report, result.Errors, k => L[k], ct);
            report.Position = 0;
            return TypedResults.File(report, "text/csv; charset=utf-8", "venue-import-errors.csv");
        }
        return TypedResults.Ok(result);
    }
}
