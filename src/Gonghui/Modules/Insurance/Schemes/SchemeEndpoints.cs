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
using static Gonghui.Modules.Insurance.Claims.InsuranceWording;

namespace Gonghui.Modules.Insurance.Schemes;

public sealed record SchemeDto(Guid Id, string Code, int Year, string Name, DateOnly CoverFrom, DateOnly CoverTo, DateOnly? CovidFrom, IReadOnlyList<string> Causes,
    bool CoversFamily, long SumInsuredFen, long FamilySumInsuredFen, long MedicalDeductibleFen, int MedicalRatioBp, long MedicalCapFen,
    IReadOnlyList<int> DisabilityBp, long PerPersonCapFen, int Covered);
public sealed record CreateSchemeRequest(string? Code, int? Year, string? Name, DateOnly? CoverFrom, DateOnly? CoverTo, DateOnly? CovidFrom, List<string>? Causes,
    bool? CoversFamily, long? SumInsuredFen, long? FamilySumInsuredFen, long? MedicalDeductibleFen, int? MedicalRatioBp, long? MedicalCapFen,
    List<int>? DisabilityBp, long? PerPersonCapFen);
public sealed record InsuranceEnrolResultDto(int Enrolled, int AlreadyEnrolled, IReadOnlyList<Guid> NotFound);
public sealed record CoverDto(Guid Id, Guid SchemeId, Guid MemberId, Guid UnionId, InsuredKind Kind, string PersonName, FamilyRelation? Relation,
    string IdNumberMasked, bool FrontLine, DateOnly CoverFrom, DateOnly CoverTo, long GrantedFen);
public sealed record AccidentPreviewRequest(Guid? SchemeId, DateOnly? AccidentOn, string? Cause, long? MedicalFen, int? DisabilityGrade, bool? Death, bool? Family,
    long? GrantedFen, long? MedicalGrantedFen, long? SumInsuredUsedFen);
public sealed record AccidentPreviewDto(long PayoutFen, bool Covered, IReadOnlyList<InsuranceLineDto> Explanation);

/// <summary>Schemes and cover: the causes, the schemes, enrolment, family cover, and the payout preview.</summary>
internal static class SchemeEndpoints
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
    }

    public static async Task<Ok<List<SchemeDto>>> Schemes(int? year, SchemeHandlers svc, InsuranceScope scope, CancellationToken ct)
    {
        var schemes = await svc.SchemesAsync(year, ct);
        var ids = schemes.Select(s => s.Id).ToList();
        var counts = await (await scope.CoversInScopeAsync(ct)).Where(c => ids.Contains(c.SchemeId)).GroupBy(c => c.SchemeId)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        return TypedResults.Ok(schemes.Select(s => ToDto(s, counts.GetValueOrDefault(s.Id))).ToList());
    }

    public static async Task<IResult> Scheme(Guid id, SchemeHandlers svc, InsuranceScope scope, CancellationToken ct)
    {
        var s = await svc.SchemeAsync(id, ct);
        if (s is null) return TypedResults.NotFound();
        return TypedResults.Ok(ToDto(s, await (await scope.CoversInScopeAsync(ct)).CountAsync(c => c.SchemeId == id, ct)));
    }

    public static async Task<IResult> CreateScheme(CreateSchemeRequest body, SchemeHandlers svc, IStringLocalizer<InsuranceText> t, CancellationToken ct)
    {
        var o = await svc.CreateSchemeAsync(body, ct);
        return o.IsOk ? TypedResults.Created($"/api/v1/insurance/schemes/{o.Value!.Id}", ToDto(o.Value, 0)) : o.ToProblem(Text(t));
    }

    public static async Task<IResult> Enrol(Guid id, EnrolInput body, Enrolling svc, IStringLocalizer<InsuranceText> t, CancellationToken ct)
    {
        var o = await svc.EnrolAsync(id, body, ct);
        return o.IsOk ? TypedResults.Ok(new InsuranceEnrolResultDto(o.Value!.Enrolled, o.Value.AlreadyEnrolled, o.Value.NotFound)) : o.ToProblem(Text(t));
    }

    public static async Task<IResult> Family(Guid id, FamilyInput body, Enrolling svc, IStringLocalizer<InsuranceText> t, CancellationToken ct)
    {
        var o = await svc.CoverFamilyAsync(id, body, ct);
        return o.IsOk ? TypedResults.Created($"/api/v1/insurance/schemes/{id}/enrolments/{o.Value!.Id}", ToDto(o.Value)) : o.ToProblem(Text(t));
    }

    public static async Task<IResult> Enrolments(Guid id, string? q, InsuredKind? kind, string? after, string? before, int? limit, GonghuiDb db, InsuranceScope svc, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        if (!await db.Set<InsuranceScheme>().AnyAsync(x => x.Id == id, ct)) return TypedResults.NotFound();
        return TypedResults.Ok((await CoversAsync(svc, id, q, kind, request, ct)).Map(ToDto));
    }

    /// <summary>A scheme's covers in scope by insured person's name (keyset on (name, id), index (scheme id, person name, id)).</summary>
    internal static async Task<Slice<InsuranceCover>> CoversAsync(InsuranceScope svc, Guid schemeId, string? q, InsuredKind? kind, KeysetRequest request, CancellationToken ct)
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

    internal static SchemeDto ToDto(InsuranceScheme s, int covered) => new(s.Id, s.Code, s.Year, s.Name, s.CoverFrom, s.CoverTo, s.CovidFrom, s.Terms().Causes,
        s.CoversFamily, s.SumInsuredFen, s.FamilySumInsuredFen, s.MedicalDeductibleFen, s.MedicalRatioBp, s.MedicalCapFen, s.Schedule().DisabilityBp, s.PerPersonCapFen, covered);

    internal static CoverDto ToDto(InsuranceCover c) => new(c.Id, c.SchemeId, c.MemberId, c.UnionId, c.Kind, c.PersonName, c.Relation, c.IdNumberMasked, c.FrontLine,
        c.CoverFrom, c.CoverTo, c.GrantedFen);
}
