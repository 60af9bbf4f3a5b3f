using Gonghui.Modules.LaborRelations.Signals;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.LaborRelations.Opinion;

public sealed record OpinionImportErrorDto(int Row, string Column, string Reason);
public sealed record OpinionImportDto(int Created, bool Rejected, int ErrorCount, IReadOnlyList<OpinionImportErrorDto> Errors);
public sealed record HandlingInput(string? Handling);

internal static class OpinionEndpoints
{
    public const long MaxUploadBytes = 20 * 1024 * 1024;

    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/opinion", List).RequireAuthorization(Permissions.LaborRead);
        g.MapPost("/opinion", Record).RequireAuthorization(Permissions.LaborWork);
        g.MapPost("/opinion/{id:guid}/handling", Handling).RequireAuthorization(Permissions.LaborWork);
        g.MapPost("/opinion/import", Import).RequireAuthorization(Permissions.LaborWork).RequireAntiforgeryForCookieCallers()
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes)).WithFormOptions(multipartBodyLengthLimit: MaxUploadBytes);
        g.MapGet("/opinion/import/template.csv", () => TypedResults.File(Gonghui.Platform.Importing.Csv.WithBom(OpinionHandlers.TemplateCsv), "text/csv",
            "opinion-template.csv")).RequireAuthorization(Permissions.LaborWork);
    }

    public static async Task<IResult> List(DateOnly? from, DateOnly? to, Gonghui.Modules.LaborRelations.Signals.Sentiment? sentiment, int? limit, OpinionHandlers h,
        LaborScope scope, IStringLocalizer<LaborRelationsText> t, CancellationToken ct)
    {
        var f = from ?? scope.Today.AddDays(-30);
        var to2 = to ?? scope.Today.AddDays(1);
        if (to2 <= f) return new Api.Errors().Add("to", t["range.invalid"]).Problem();
        return TypedResults.Ok((await h.ListAsync(f, to2, sentiment, limit ?? 100, ct)).Select(OpinionHandlers.ToDto).ToList());
    }

    public static async Task<IResult> Record(OpinionInput body, OpinionHandlers h, IStringLocalizer<LaborRelationsText> t, CancellationToken ct)
    {
        var o = await h.RecordAsync(body, ct);
        if (!o.IsOk) return o.ToProblem(OutcomeHttp.Words(t));
        return TypedResults.Created($"/api/v1/labor-relations/opinion/{o.Value!.Id}", OpinionHandlers.ToDto(o.Value));
    }

    public static async Task<IResult> Handling(Guid id, HandlingInput body, OpinionHandlers h, IStringLocalizer<LaborRelationsText> t, CancellationToken ct) =>
        (await h.RecordHandlingAsync(id, body.Handling, ct)).ToHttpResult(o => TypedResults.Ok(OpinionHandlers.ToDto(o)), t);

    /// <summary>multipart/form-data: file (CSV, XLSX, or an RSS 2.0 feed as .xml/.rss), skipBadRows, districtCode (the district of feed items naming none). 200 with what was written; 422 with every bad row (line number, column, reason) when the file is refused.</summary>
    public static async Task<IResult> Import(HttpRequest request, OpinionHandlers h, IStringLocalizer<LaborRelationsText> t, CancellationToken ct)
    {
        if (!request.HasFormContentType) return new Api.Errors().Add("file", t["import.fileRequired"]).Problem();
        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0) return new Api.Errors().Add("file", t["import.fileRequired"]).Problem();
        var skip = string.Equals(form["skipBadRows"], "true", StringComparison.OrdinalIgnoreCase) || form["skipBadRows"] == "on";
        await using var s = file.OpenReadStream();
        var r = await h.ImportAsync(s, file.FileName, skip, ct, form["districtCode"].ToString());
        var dto = ToDto(r, t);
        return dto.Rejected ? TypedResults.UnprocessableEntity(dto) : TypedResults.Ok(dto);
    }

    internal static OpinionImportDto ToDto(OpinionImportResult r, IStringLocalizer<LaborRelationsText> t) => new(r.Created, r.Rejected, r.Errors.Count,
        r.Errors.Take(1000).Select(e => new OpinionImportErrorDto(e.Row, e.Column, Reason(e.Reason, t))).ToList());

    internal static string Reason(string code, IStringLocalizer<LaborRelationsText> t)
    {
        var s = t[code];
        return s.ResourceNotFound ? code : s.Value;
    }
}
