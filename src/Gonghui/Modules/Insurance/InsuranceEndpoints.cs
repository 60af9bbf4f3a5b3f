using Gonghui.Modules.Funds.Public;
using System.Globalization;
using Gonghui.Modules.Insurance.Claims;
using Gonghui.Modules.Insurance.Schemes;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Money;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Gonghui.Platform.Security;

namespace Gonghui.Modules.Insurance;

public sealed record SchemeDto(Guid Id, string Code, int Year, string Name, DateOnly CoverFrom, DateOnly CoverTo, DateOnly? CovidFrom, IReadOnlyList<string> Causes,
    bool CoversFamily, long SumInsuredFen, long FamilySumInsuredFen, long MedicalDeductibleFen, int MedicalRatioBp, long MedicalCapFen,
    IReadOnlyList<int> DisabilityBp, long PerPersonCapFen, int Covered);
public sealed record CreateSchemeRequest(string? Code, int? Year, string? Name, DateOnly? CoverFrom, DateOnly? CoverTo, DateOnly? CovidFrom, List<string>? Causes,
    bool? CoversFamily, long? SumInsuredFen, long? FamilySumInsuredFen, long? MedicalDeductibleFen, int? MedicalRatioBp, long? MedicalCapFen,
    List<int>? DisabilityBp, long? PerPersonCapFen);
public sealed record InsuranceEnrolResultDto(int Enrolled, int AlreadyEnrolled, IReadOnlyList<Guid> NotFound);
public sealed record CoverDto(Guid Id, Guid SchemeId, Guid MemberId, Guid UnionId, InsuredKind Kind, string PersonName, FamilyRelation? Relation,
    string IdNumberMasked, bool FrontLine, DateOnly CoverFrom, DateOnly CoverTo, long GrantedFen);
public sealed record InsuranceLineDto(string Code, long AmountFen, long? BaseFen, int? RatioBp, string? Arg, string Text);
public sealed record AccidentClaimDto(Guid Id, Guid SchemeId, int Year, Guid CoverId, Guid MemberId, string InsuredName, bool IsFamily, Guid UnionId, Guid FundingUnitId,
    DateOnly AccidentOn, string Cause, string? Description, long MedicalFen, int? DisabilityGrade, bool Death, long PayoutFen, AccidentClaimStatus Status,
    string? RejectReason, DateTimeOffset SubmittedAt, string SubmittedBy, DateTimeOffset? ReviewedAt, DateTimeOffset? DecidedAt, string? DecidedBy,
    DateTimeOffset? PaidAt, Guid? CommitEntryId, Guid? PaymentEntryId, IReadOnlyList<InsuranceLineDto> Explanation);
public sealed record ClaimEventDto(ClaimEventKind Kind, DateTimeOffset At, string Actor, string? Note, long? AmountFen);
public sealed record AccidentClaimDetailDto(AccidentClaimDto Claim, IReadOnlyList<ClaimEventDto> History, IReadOnlyList<LedgerEntryView> LedgerEntries);
public sealed record ReviewRequest(string? Note);
public sealed record RejectClaimRequest(string? Reason);
public sealed record AccidentPreviewRequest(Guid? SchemeId, DateOnly? AccidentOn, string? Cause, long? MedicalFen, int? DisabilityGrade, bool? Death, bool? Family,
    long? GrantedFen, long? MedicalGrantedFen, long? SumInsuredUsedFen);
public sealed record AccidentPreviewDto(long PayoutFen, bool Covered, IReadOnlyList<InsuranceLineDto> Explanation);

internal static class InsuranceEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/causes", () => TypedResults.Ok(AccidentCauses.All)).AllowAnonymous(); // reference data for the public claim form
        g.MapGet("/schemes", Schemes).RequireAuthorization(Permissions.ClaimsRead);
        g.MapGet("/schemes/{id:guid}", Scheme).RequireAuthorization(Permissions.ClaimsRead);
        g.MapPost("/schemes", CreateScheme).RequireAuthorization(Permissions.SchemesManage);
        g.MapPost("/schemes/{id:guid}/enrolments", Enrol).RequireAuthorization(Permissions.ClaimsFile);
        g.MapGet("/schemes/{id:guid}/enrolments", Enrolments).RequireAuthorization(Permissions.ClaimsRead);
        g.MapPost("/schemes/{id:guid}/family", Family).RequireAuthorization(Permissions.ClaimsFile);
        g.MapPost("/payout-preview", Preview).RequireAuthorization(Permissions.ClaimsRead);
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

    internal static string Money(long fen) => new Fen(fen).ToString();
    internal static string Percent(int bp) => (bp / 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>The argument as the reader should see it: caps as money, causes by name, dates and grades as they are.</summary>
    internal static string ArgText(string code, string? arg, IStringLocalizer<InsuranceText> t) => arg is null ? "" : code switch
    {
        "payout.medicalCap" or "payout.personCap" when long.TryParse(arg, CultureInfo.InvariantCulture, out var f) => Money(f),
        "refusal.causeNotCovered" => t["Cause." + arg],
        _ => arg,
    };

    internal static InsuranceLineDto Explain(ExplanationLine l, IStringLocalizer<InsuranceText> t) =>
        new(l.Code, l.AmountFen, l.BaseFen, l.RatioBp, l.Arg,
            t[l.Code, Money(l.AmountFen), l.BaseFen is { } b ? Money(b) : "", l.RatioBp is { } r ? Percent(r) : "", ArgText(l.Code, l.Arg, t)]);

    internal static AccidentClaimDto ToDto(AccidentClaim c, IStringLocalizer<InsuranceText> t) => new(c.Id, c.SchemeId, c.Year, c.CoverId, c.MemberId, c.InsuredName,
        c.IsFamily, c.UnionId, c.FundingUnitId, c.AccidentOn, c.Cause, c.Description, c.MedicalFen, c.DisabilityGrade, c.Death, c.PayoutFen, c.Status, c.RejectReason,
        c.SubmittedAt, c.SubmittedBy, c.ReviewedAt, c.DecidedAt, c.DecidedBy, c.PaidAt, c.CommitEntryId, c.PaymentEntryId,
        AccidentClaim.Lines.FromJson(c.Explanation).Select(l => Explain(l, t)).ToList());

    internal static SchemeDto ToDto(InsuranceScheme s, int covered) => new(s.Id, s.Code, s.Year, s.Name, s.CoverFrom, s.CoverTo, s.CovidFrom, s.Terms().Causes,
        s.CoversFamily, s.SumInsuredFen, s.FamilySumInsuredFen, s.MedicalDeductibleFen, s.MedicalRatioBp, s.MedicalCapFen, s.Schedule().DisabilityBp, s.PerPersonCapFen, covered);

    internal static CoverDto ToDto(InsuranceCover c) => new(c.Id, c.SchemeId, c.MemberId, c.UnionId, c.Kind, c.PersonName, c.Relation, c.IdNumberMasked, c.FrontLine,
        c.CoverFrom, c.CoverTo, c.GrantedFen);

    /// <summary>The module's wording of outcome codes: the argument (a date, a cap, a cause) goes in as <see cref="ArgText"/> shows it.</summary>
    internal static OutcomeText Text(IStringLocalizer<InsuranceText> t) => (code, args) =>
        t[code, "", "", "", ArgText(code, args.Count > 0 ? args[0] as string : null, t)];

    /// <summary>For pages: the message of a failed use case (a field's or the conflict's); "not found" when it found nothing.</summary>
    internal static string Message<T>(Outcome<T> o, IStringLocalizer<InsuranceText> t) => o.ErrorText(Text(t), "notFound")!;

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

    public static async Task<Ok<List<SchemeDto>>> Schemes(int? year, InsuranceService svc, CancellationToken ct)
    {
        var schemes = await svc.SchemesAsync(year, ct);
        var ids = schemes.Select(s => s.Id).ToList();
        var counts = await (await svc.CoversInScopeAsync(ct)).Where(c => ids.Contains(c.SchemeId)).GroupBy(c => c.SchemeId)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        return TypedResults.Ok(schemes.Select(s => ToDto(s, counts.GetValueOrDefault(s.Id))).ToList());
    }

    public static async Task<IResult> Scheme(Guid id, InsuranceService svc, CancellationToken ct)
    {
        var s = await svc.SchemeAsync(id, ct);
        if (s is null) return TypedResults.NotFound();
        return TypedResults.Ok(ToDto(s, await (await svc.CoversInScopeAsync(ct)).CountAsync(c => c.SchemeId == id, ct)));
    }

    public static async Task<IResult> CreateScheme(CreateSchemeRequest body, InsuranceService svc, IStringLocalizer<InsuranceText> t, CancellationToken ct)
    {
        var o = await svc.CreateSchemeAsync(body, ct);
        return o.IsOk ? TypedResults.Created($"/api/v1/insurance/schemes/{o.Value!.Id}", ToDto(o.Value, 0)) : o.ToProblem(Text(t));
    }

    public static async Task<IResult> Enrol(Guid id, EnrolInput body, InsuranceService svc, IStringLocalizer<InsuranceText> t, CancellationToken ct)
    {
        var o = await svc.EnrolAsync(id, body, ct);
        return o.IsOk ? TypedResults.Ok(new InsuranceEnrolResultDto(o.Value!.Enrolled, o.Value.AlreadyEnrolled, o.Value.NotFound)) : o.ToProblem(Text(t));
    }

    public static async Task<IResult> Family(Guid id, FamilyInput body, InsuranceService svc, IStringLocalizer<InsuranceText> t, CancellationToken ct)
    {
        var o = await svc.CoverFamilyAsync(id, body, ct);
        return o.IsOk ? TypedResults.Created($"/api/v1/insurance/schemes/{id}/enrolments/{o.Value!.Id}", ToDto(o.Value)) : o.ToProblem(Text(t));
    }

    public static async Task<IResult> Enrolments(Guid id, string? q, InsuredKind? kind, string? after, string? before, int? limit, GonghuiDb db, InsuranceService svc, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        if (!await db.Set<InsuranceScheme>().AnyAsync(x => x.Id == id, ct)) return TypedResults.NotFound();
        return TypedResults.Ok((await CoversAsync(svc, id, q, kind, request, ct)).Map(ToDto));
    }

    /// <summary>A scheme's covers in scope by insured person's name (keyset on (name, id), index (scheme id, person name, id)).</summary>
    internal static async Task<Slice<InsuranceCover>> CoversAsync(InsuranceService svc, Guid schemeId, string? q, InsuredKind? kind, KeysetRequest request, CancellationToken ct)
    {
        var query = (await svc.CoversInScopeAsync(ct)).AsNoTracking().Where(c => c.SchemeId == schemeId);
        if (kind is not null) query = query.Where(c => c.Kind == kind);
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(c => c.PersonName.Contains(q));
        return await query.SliceAsync(request, c => c.PersonName, c => c.Id, descending: false, rows => rows, c => c.PersonName, c => c.Id, ct);
    }

    public static async Task<IResult> Preview(AccidentPreviewRequest body, GonghuiDb db, IStringLocalizer<InsuranceText> t, CancellationToken ct)
    {
        var s = body.SchemeId is null ? null : await db.Set<InsuranceScheme>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == body.SchemeId, ct);
        if (s is null) return new Api.Errors().Add("schemeId", t["claim.schemeUnknown"]).Problem();
        if (body.AccidentOn is null) return new Api.Errors().Add("accidentOn", t["claim.accidentOnRequired"]).Problem();
        var facts = new AccidentFacts(body.AccidentOn.Value, body.Cause ?? "", body.MedicalFen ?? 0, body.DisabilityGrade, body.Death ?? false);
        if (AccidentPayoutRules.Validate(facts) is { } bad) return new Api.Errors().Add(bad.Field, t[bad.Code]).Problem();
        var pos = new InsuredPosition(s.CoverFrom, s.CoverTo, body.Family ?? false, body.GrantedFen ?? 0, body.MedicalGrantedFen ?? 0, body.SumInsuredUsedFen ?? 0);
        var p = AccidentPayoutRules.Compute(s.Schedule(), s.Terms(), facts, pos);
        return TypedResults.Ok(new AccidentPreviewDto(p.AmountFen, p.Covered, p.Lines.Select(l => Explain(l, t)).ToList()));
    }

    public static async Task<IResult> Claims(AccidentClaimStatus? status, Guid? schemeId, string? cause, string? q, string? after, string? before, int? limit, InsuranceService svc,
        IStringLocalizer<InsuranceText> t, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        var slice = await ListAsync(svc, status, schemeId, cause, q, request, ct);
        return TypedResults.Ok(slice.Map(c => ToDto(c, t)));
    }

    /// <summary>Accident claims visible to the caller, newest submission first (keyset on (submitted at, id)).</summary>
    internal static async Task<Slice<AccidentClaim>> ListAsync(InsuranceService svc, AccidentClaimStatus? status, Guid? schemeId, string? cause,
        string? q, KeysetRequest request, CancellationToken ct)
    {
        var query = (await svc.ClaimsVisibleAsync(ct)).AsNoTracking();
        if (status is not null) query = query.Where(c => c.Status == status);
        if (schemeId is not null) query = query.Where(c => c.SchemeId == schemeId);
        if (!string.IsNullOrWhiteSpace(cause)) query = query.Where(c => c.Cause == cause);
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(c => c.InsuredName.Contains(q));
        return await query.SliceAsync(request, c => c.SubmittedAt, c => c.Id, descending: true, rows => rows, c => c.SubmittedAt, c => c.Id, ct);
    }

    public static async Task<IResult> File(AccidentClaimInput body, [FromHeader(Name = "Idempotency-Key")] string? key, InsuranceService svc,
        IStringLocalizer<InsuranceText> t, CancellationToken ct)
    {
        var o = await svc.FileAsync(body, Key(key), ct);
        if (!o.IsOk) return o.ToProblem(Text(t));
        return o.Replayed ? TypedResults.Ok(ToDto(o.Value!, t)) : TypedResults.Created($"/api/v1/insurance/claims/{o.Value!.Id}", ToDto(o.Value, t));
    }

    public static async Task<IResult> Get(Guid id, InsuranceService svc, IFundLedger ledger, IStringLocalizer<InsuranceText> t, CancellationToken ct)
    {
        var c = await svc.ClaimAsync(id, ct);
        if (c is null) return TypedResults.NotFound();
        var events = await svc.EventsAsync(c.Id, ct);
        return TypedResults.Ok(new AccidentClaimDetailDto(ToDto(c, t), events.Select(e => new ClaimEventDto(e.Kind, e.At, e.Actor, e.Note, e.AmountFen)).ToList(),
            await ledger.EntriesForAsync(new SourceRef(InsuranceService.SourceType, c.Id), ct)));
    }

    public static async Task<IResult> Review(Guid id, [FromHeader(Name = "Idempotency-Key")] string? key, ReviewRequest? body, InsuranceService svc, IStringLocalizer<InsuranceText> t, CancellationToken ct) =>
        Result(await svc.ReviewAsync(id, Key(key), body?.Note, ct), t);

    public static async Task<IResult> Approve(Guid id, [FromHeader(Name = "Idempotency-Key")] string? key, InsuranceService svc, IStringLocalizer<InsuranceText> t, CancellationToken ct) =>
        Result(await svc.ApproveAsync(id, Key(key), ct), t);

    public static async Task<IResult> Pay(Guid id, [FromHeader(Name = "Idempotency-Key")] string? key, InsuranceService svc, IStringLocalizer<InsuranceText> t, CancellationToken ct) =>
        Result(await svc.PayAsync(id, Key(key), ct), t);

    public static async Task<IResult> Reject(Guid id, RejectClaimRequest body, InsuranceService svc, IStringLocalizer<InsuranceText> t, CancellationToken ct) =>
        Result(await svc.RejectAsync(id, body.Reason, ct), t);

    private static IResult Result(Outcome<AccidentClaim> o, IStringLocalizer<InsuranceText> t) => o.ToHttpResult(c => TypedResults.Ok(ToDto(c, t)), Text(t));
}
