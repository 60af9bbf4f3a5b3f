using Gonghui.Modules.Funds.Public;
using System.Globalization;
using Gonghui.Modules.Insurance.Claims;
using Gonghui.Modules.Insurance.Schemes;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Money;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Gonghui.Platform.Security;
using static Gonghui.Modules.Insurance.Claims.InsuranceWording;

namespace Gonghui.Modules.Insurance.Claims;

public sealed record AccidentClaimDto(Guid Id, Guid SchemeId, int Year, Guid CoverId, Guid MemberId, string InsuredName, bool IsFamily, Guid UnionId, Guid FundingUnitId,
    DateOnly AccidentOn, string Cause, string? Description, long MedicalFen, int? DisabilityGrade, bool Death, long PayoutFen, AccidentClaimStatus Status,
    string? RejectReason, DateTimeOffset SubmittedAt, string SubmittedBy, DateTimeOffset? ReviewedAt, DateTimeOffset? DecidedAt, string? DecidedBy,
    DateTimeOffset? PaidAt, Guid? CommitEntryId, Guid? PaymentEntryId, IReadOnlyList<InsuranceLineDto> Explanation);
public sealed record ClaimEventDto(ClaimEventKind Kind, DateTimeOffset At, string Actor, string? Note, long? AmountFen);
public sealed record AccidentClaimDetailDto(AccidentClaimDto Claim, IReadOnlyList<ClaimEventDto> History, IReadOnlyList<LedgerEntryView> LedgerEntries);
public sealed record ReviewRequest(string? Note);
public sealed record RejectClaimRequest(string? Reason);

/// <summary>Accident claims: list, file (one or a spreadsheet), read, and the decisions.</summary>
internal static class ClaimEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/claims", Claims).RequireAuthorization(Permissions.InsuranceClaimsRead);
        g.MapPost("/claims", File).RequireAuthorization(Permissions.ClaimsFile);
        g.MapPost("/claims/mine", File).RequireAuthorization(Permissions.SelfService);
        g.MapPost("/claims/import", Import).RequireAuthorization(Permissions.ClaimsFile).RequireAntiforgeryForCookieCallers()
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes)).WithFormOptions(multipartBodyLengthLimit: MaxUploadBytes);
        g.MapGet("/claims/import/template.csv", () => TypedResults.File(
            Gonghui.Platform.Importing.Csv.WithBom(InsuranceClaimImporter.TemplateCsv), "text/csv", "insurance-claims-template.csv"))
            .RequireAuthorization(Permissions.ClaimsFile);
        g.MapGet("/claims/{id:guid}", Get).RequireAuthorization(Permissions.InsuranceClaimsRead);
        g.MapPost("/claims/{id:guid}/review", Review).RequireAuthorization(Permissions.ClaimsApprove);
        g.MapPost("/claims/{id:guid}/approve", Approve).RequireAuthorization(Permissions.ClaimsApprove);
        g.MapPost("/claims/{id:guid}/pay", Pay).RequireAuthorization(Permissions.ClaimsPay);
        g.MapPost("/claims/{id:guid}/reject", Reject).RequireAuthorization(Permissions.ClaimsApprove);
    }

    public const long MaxUploadBytes = 20L * 1024 * 1024;

    /// <summary>multipart/form-data: file, schemeId, skipBadRows. 200 with what was filed; 422 with the row errors when the file is refused.</summary>
    public static async Task<IResult> Import(HttpRequest request, InsuranceClaimImporter importer, IStringLocalizer<InsuranceText> t, CancellationToken ct)
    {
        if (!request.HasFormContentType) return new Api.Errors().Add("file", t["import.fileRequired"]).Problem();
        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        var errors = new Api.Errors();
        if (file is null || file.Length == 0) errors.Add("file", t["import.fileRequired"]);
        if (!Guid.TryParse(form["schemeId"], out var schemeId)) errors.Add("schemeId", t["import.schemeRequired"]);
        if (errors.Any) return errors.Problem();
        var skip = string.Equals(form["skipBadRows"], "true", StringComparison.OrdinalIgnoreCase) || form["skipBadRows"] == "on";
        await using var s = file!.OpenReadStream();
        var r = await importer.ImportAsync(schemeId, s, file.FileName, skip, ct);
        if (r.Errors is [{ Row: 0, Column: "schemeId" }]) return TypedResults.NotFound();
        var dto = ToDto(r, t);
        return dto.Rejected ? TypedResults.UnprocessableEntity(dto) : TypedResults.Ok(dto);
    }

    internal static InsuranceImportResultDto ToDto(InsuranceImportResult r, IStringLocalizer<InsuranceText> t) => new(r.Imported, r.Rejected, r.Errors.Count,
        r.Errors.Take(1000).Select(e => new InsuranceImportErrorDto(e.Row, e.Column, InsuranceClaimImporter.Reason(e.Reason, t))).ToList());

    private static string? Key(string? k) => string.IsNullOrWhiteSpace(k) ? null : k.Trim()[..Math.Min(200, k.Trim().Length)];

    public static async Task<IResult> Claims(AccidentClaimStatus? status, Guid? schemeId, string? cause, string? q, string? after, string? before, int? limit,
        DateOnly? from, DateOnly? to, Guid? unit, bool? family, InsuranceScope svc, IStringLocalizer<InsuranceText> t, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        var drill = await svc.DrillAsync(from, to, unit, errors, ct);
        if (drill is null) return errors.Problem();
        var slice = await ListAsync(svc, status, schemeId, cause, q, request, ct, drill, family);
        return TypedResults.Ok(slice.Map(c => ToDto(c, t)));
    }

    /// <summary>
    /// Accident claims visible to the caller, newest submission first (keyset on (submitted at, id)); the report's drill-down (period and unit,
    /// <see cref="InsuranceScope.Drill"/>) and <paramref name="family"/> (claims for family members, or for members, as insurance.claims.family tells them apart).
    /// </summary>
    internal static async Task<Slice<AccidentClaim>> ListAsync(InsuranceScope svc, AccidentClaimStatus? status, Guid? schemeId, string? cause,
        string? q, KeysetRequest request, CancellationToken ct, DrillFilter? drill = null, bool? family = null)
    {
        var query = (await svc.ClaimsVisibleAsync(ct)).AsNoTracking();
        if (drill is { IsEmpty: false }) query = svc.Drill(query, drill);
        if (family is { } f) query = query.Where(c => c.IsFamily == f);
        if (status is not null) query = query.Where(c => c.Status == status);
        if (schemeId is not null) query = query.Where(c => c.SchemeId == schemeId);
        if (!string.IsNullOrWhiteSpace(cause)) query = query.Where(c => c.Cause == cause);
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(c => c.InsuredName.Contains(q));
        return await query.SliceAsync(request, c => c.SubmittedAt, c => c.Id, descending: true, rows => rows, c => c.SubmittedAt, c => c.Id, ct);
    }

    public static async Task<IResult> File(AccidentClaimInput body, [FromHeader(Name = "Idempotency-Key")] string? key, ClaimFiling svc,
        IStringLocalizer<InsuranceText> t, CancellationToken ct)
    {
        var o = await svc.FileAsync(body, Key(key), ct);
        if (!o.IsOk) return o.ToProblem(Text(t));
        return o.Replayed ? TypedResults.Ok(ToDto(o.Value!, t)) : TypedResults.Created($"/api/v1/insurance/claims/{o.Value!.Id}", ToDto(o.Value, t));
    }

    public static async Task<IResult> Get(Guid id, InsuranceScope svc, IFundLedger ledger, IStringLocalizer<InsuranceText> t, CancellationToken ct)
    {
        var c = await svc.ClaimAsync(id, ct);
        if (c is null) return TypedResults.NotFound();
        var events = await svc.EventsAsync(c.Id, ct);
        return TypedResults.Ok(new AccidentClaimDetailDto(ToDto(c, t), events.Select(e => new ClaimEventDto(e.Kind, e.At, e.Actor, e.Note, e.AmountFen)).ToList(),
            await ledger.EntriesForAsync(new SourceRef(AccidentClaim.SourceType, c.Id), ct)));
    }

    public static async Task<IResult> Review(Guid id, [FromHeader(Name = "Idempotency-Key")] string? key, ReviewRequest? body, ClaimWorkflow svc, IStringLocalizer<InsuranceText> t, CancellationToken ct) =>
        Result(await svc.ReviewAsync(id, Key(key), body?.Note, ct), t);

    public static async Task<IResult> Approve(Guid id, [FromHeader(Name = "Idempotency-Key")] string? key, ClaimWorkflow svc, IStringLocalizer<InsuranceText> t, CancellationToken ct) =>
        Result(await svc.ApproveAsync(id, Key(key), ct), t);

    public static async Task<IResult> Pay(Guid id, [FromHeader(Name = "Idempotency-Key")] string? key, ClaimWorkflow svc, IStringLocalizer<InsuranceText> t, CancellationToken ct) =>
        Result(await svc.PayAsync(id, Key(key), ct), t);

    public static async Task<IResult> Reject(Guid id, RejectClaimRequest body, ClaimWorkflow svc, IStringLocalizer<InsuranceText> t, CancellationToken ct) =>
        Result(await svc.RejectAsync(id, body.Reason, ct), t);

    private static IResult Result(Outcome<AccidentClaim> o, IStringLocalizer<InsuranceText> t) => o.ToHttpResult(c => TypedResults.Ok(ToDto(c, t)), Text(t));

    internal static AccidentClaimDto ToDto(AccidentClaim c, IStringLocalizer<InsuranceText> t) => new(c.Id, c.SchemeId, c.Year, c.CoverId, c.MemberId, c.InsuredName,
        c.IsFamily, c.UnionId, c.FundingUnitId, c.AccidentOn, c.Cause, c.Description, c.MedicalFen, c.DisabilityGrade, c.Death, c.PayoutFen, c.Status, c.RejectReason,
        c.SubmittedAt, c.SubmittedBy, c.ReviewedAt, c.DecidedAt, c.DecidedBy, c.PaidAt, c.CommitEntryId, c.PaymentEntryId,
        AccidentClaim.Lines.FromJson(c.Explanation).Select(l => Explain(l, t)).ToList());
}
