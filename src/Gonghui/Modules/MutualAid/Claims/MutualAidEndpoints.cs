using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Funds.Public;
using System.Globalization;
using Gonghui.Modules.MutualAid.Claims;
using Gonghui.Modules.MutualAid.Plans;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Importing;
using Gonghui.Platform.Money;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Gonghui.Platform.Security;

namespace Gonghui.Modules.MutualAid.Claims;

public sealed record PlanDto(Guid Id, string Code, int Year, PlanKind Kind, string Name, long FeeFen, DateOnly EnrolFrom, DateOnly EnrolTo, int WaitingDays,
    long DeductibleFen, IReadOnlyList<PayoutBand> Bands, long PerClaimCapFen, long PerYearCapFen, int Enrolled);
public sealed record CreatePlanRequest(string? Code, int? Year, PlanKind? Kind, string? Name, long? FeeFen, DateOnly? EnrolFrom, DateOnly? EnrolTo, int? WaitingDays,
    long? DeductibleFen, List<PayoutBand>? Bands, long? PerClaimCapFen, long? PerYearCapFen);
public sealed record EnrolRequest(List<Guid>? MemberIds);
public sealed record EnrolResultDto(int Enrolled, int AlreadyEnrolled, IReadOnlyList<Guid> NotFound);
public sealed record EnrolmentDto(Guid Id, Guid MemberId, string MemberName, Guid UnionId, DateOnly EnrolledOn, DateOnly CoverStart, bool IsRenewal, long FeeFen);
public sealed record ExplanationLineDto(string Code, long AmountFen, long? BaseFen, int? RatioBp, string Text);
public sealed record ClaimDto(Guid Id, Guid PlanId, int Year, Guid MemberId, string MemberName, Guid UnionId, Guid FundingUnitId, DateOnly AdmittedOn, string Hospital,
    string? Diagnosis, long TotalFen, long InsuranceCoveredFen, long SelfPaidFen, long PayoutFen, ClaimStatus Status, string? RejectReason,
    DateTimeOffset SubmittedAt, string SubmittedBy, DateTimeOffset? DecidedAt, string? DecidedBy, DateTimeOffset? PaidAt, Guid? CommitEntryId, Guid? PaymentEntryId,
    IReadOnlyList<ExplanationLineDto> Explanation);
public sealed record ClaimDetailDto(ClaimDto Claim, IReadOnlyList<LedgerEntryView> LedgerEntries);
public sealed record RejectRequest(string? Reason);
public sealed record PreviewRequest(Guid? PlanId, long? TotalFen, long? InsuranceCoveredFen, long? SelfPaidFen, long? AlreadyGrantedFen);
public sealed record PreviewDto(long PayoutFen, IReadOnlyList<ExplanationLineDto> Explanation);

internal static class MutualAidEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/plans", Plans);
        g.MapPost("/plans", CreatePlan).RequireAuthorization(Permissions.SchemesManage);
        g.MapPost("/plans/{id:guid}/enrolments", Enrol).RequireAuthorization(Permissions.ClaimsFile);
        g.MapGet("/plans/{id:guid}/enrolments", Enrolments);
        g.MapPost("/payout-preview", Preview);
        g.MapGet("/claims", Claims);
        g.MapPost("/claims", File).RequireAuthorization(Permissions.ClaimsFile);
        g.MapGet("/claims/{id:guid}", Get);
        g.MapPost("/claims/{id:guid}/approve", Approve).RequireAuthorization(Permissions.ClaimsApprove);
        g.MapPost("/claims/{id:guid}/pay", Pay).RequireAuthorization(Permissions.ClaimsPay);
        g.MapPost("/claims/{id:guid}/reject", Reject).RequireAuthorization(Permissions.ClaimsApprove);
        g.MapGet("/claims/import/template.csv", ImportTemplate).RequireAuthorization(Permissions.ClaimsFile);
        // A year of one city's claims is about 250 MB of CSV: the upload limit allows 512 MB (the form reader buffers it to disk).
        g.MapPost("/claims/import", ClaimImportEndpoint.Import).RequireAuthorization(Permissions.ClaimsFile).RequireAntiforgeryForCookieCallers()
            .WithMetadata(new RequestSizeLimitAttribute(ClaimImportEndpoint.MaxUploadBytes + 1024 * 1024))
            .WithFormOptions(multipartBodyLengthLimit: ClaimImportEndpoint.MaxUploadBytes + 1024 * 1024);
    }

    internal static string Money(long fen) => new Fen(fen).ToString();
    internal static string Percent(int bp) => BasisPoints.FormatPercent(bp) + "%";

    internal static ExplanationLineDto Explain(PayoutLine l, IStringLocalizer<MutualAidText> t) =>
        new(l.Code, l.AmountFen, l.BaseFen, l.RatioBp, t[l.Code, Money(l.AmountFen), l.BaseFen is { } b ? Money(b) : "", l.RatioBp is { } r ? Percent(r) : ""]);

    internal static ClaimDto ToDto(MutualAidClaim c, PlanRules rules, IStringLocalizer<MutualAidText> t) => new(c.Id, c.PlanId, c.Year, c.MemberId, c.MemberName, c.UnionId, c.FundingUnitId,
        c.AdmittedOn, c.Hospital, c.Diagnosis, c.TotalFen, c.InsuranceCoveredFen, c.SelfPaidFen, c.PayoutFen, c.Status, c.RejectReason, c.SubmittedAt, c.SubmittedBy,
        c.DecidedAt, c.DecidedBy, c.PaidAt, c.CommitEntryId, c.PaymentEntryId, c.Explain(rules).Lines.Select(l => Explain(l, t)).ToList());

    /// <summary>Claims as DTOs, each explained by its plan's rules (loaded once per plan).</summary>
    internal static async Task<List<ClaimDto>> ToDtosAsync(IReadOnlyCollection<MutualAidClaim> claims, ClaimScope svc, IStringLocalizer<MutualAidText> t, CancellationToken ct)
    {
        var rules = await svc.PlanRulesAsync(claims.Select(c => c.PlanId), ct);
        return claims.Select(c => ToDto(c, rules[c.PlanId], t)).ToList();
    }

    internal static async Task<ClaimDto> ToDtoAsync(MutualAidClaim c, ClaimScope svc, IStringLocalizer<MutualAidText> t, CancellationToken ct) =>
        (await ToDtosAsync([c], svc, t, ct))[0];

    internal static PlanDto ToDto(MutualAidPlan p, int enrolled) => new(p.Id, p.Code, p.Year, p.Kind, p.Name, p.FeeFen, p.EnrolFrom, p.EnrolTo, p.WaitingDays,
        p.DeductibleFen, p.Rules().Bands, p.PerClaimCapFen, p.PerYearCapFen, enrolled);

    public static async Task<Ok<List<PlanDto>>> Plans(int? year, PlanHandlers svc, CancellationToken ct) =>
        TypedResults.Ok((await svc.PlansWithCountsAsync(year, ct)).Select(x => ToDto(x.Plan, x.Enrolled)).ToList());

    public static async Task<IResult> CreatePlan(CreatePlanRequest body, PlanHandlers svc, IStringLocalizer<MutualAidText> t, CancellationToken ct)
    {
        var r = await svc.CreatePlanAsync(body, ct);
        return r.IsOk ? TypedResults.Created($"/api/v1/mutual-aid/plans/{r.Value!.Id}", ToDto(r.Value, 0)) : r.ToProblem(t);
    }

    /// <summary>An empty claims spreadsheet: the Chinese column names of <see cref="ClaimRowParser.Columns"/>, UTF-8 with BOM so Excel shows the Chinese.</summary>
    internal static FileContentHttpResult ImportTemplate() =>
        TypedResults.File(Csv.Template(ClaimRowParser.Columns.Select(c => c.Names[0])), "text/csv; charset=utf-8", "mutual-aid-claims-template.csv");

    public static async Task<IResult> Enrol(Guid id, EnrolRequest body, Enrolling svc, IStringLocalizer<MutualAidText> t, CancellationToken ct)
    {
        var o = await svc.EnrolAsync(id, body.MemberIds ?? [], ct);
        return o.IsOk ? TypedResults.Ok(new EnrolResultDto(o.Value!.Enrolled, o.Value.AlreadyEnrolled, o.Value.NotFound)) : o.ToProblem(t);
    }

    /// <summary>A plan's enrolments in scope, in enrolment order (keyset on (enrolled on, id), index (plan id, enrolled on, id)).</summary>
    public static async Task<IResult> Enrolments(Guid id, string? after, string? before, int? limit, GonghuiDb db, ClaimScope svc, CurrentUser me, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        if (!await db.Set<MutualAidPlan>().AnyAsync(x => x.Id == id, ct)) return TypedResults.NotFound();
        var units = svc.UnitsInScope(await me.ScopePathAsync(ct)).Select(u => u.Id);
        var q = db.Set<MutualAidEnrolment>().AsNoTracking().Where(e => e.PlanId == id && units.Contains(e.UnionId));
        var members = db.MemberRows();
        return TypedResults.Ok(await q.SliceAsync(request, e => e.EnrolledOn, e => e.Id, descending: false,
            rows => rows.Join(members, e => e.MemberId, m => m.Id, (e, m) => new EnrolmentDto(e.Id, e.MemberId, m.Name, e.UnionId, e.EnrolledOn, e.CoverStart, e.IsRenewal, e.FeeFen)),
            e => e.EnrolledOn, e => e.Id, ct));
    }

    public static async Task<IResult> Preview(PreviewRequest body, GonghuiDb db, IStringLocalizer<MutualAidText> t, CancellationToken ct)
    {
        var plan = body.PlanId is null ? null : await db.Set<MutualAidPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == body.PlanId, ct);
        if (plan is null) return new Api.Errors().Add("planId", t["claim.planUnknown"]).Problem();
        var bill = new Bill(body.TotalFen ?? 0, body.InsuranceCoveredFen ?? 0, body.SelfPaidFen ?? 0);
        if (PayoutRules.ValidateBill(bill) is { } e) return new Api.Errors().Add(ClaimFiling.BillField(e), t[e]).Problem();
        var payout = PayoutRules.Compute(plan.Rules(), bill, body.AlreadyGrantedFen ?? 0);
        return TypedResults.Ok(new PreviewDto(payout.AmountFen, payout.Lines.Select(l => Explain(l, t)).ToList()));
    }

    public static async Task<IResult> Claims(ClaimStatus? status, Guid? planId, string? q, string? after, string? before, int? limit,
        DateOnly? from, DateOnly? to, Guid? unit, ClaimScope svc, IStringLocalizer<MutualAidText> t, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        var drill = await svc.DrillAsync(from, to, unit, errors, ct);
        if (drill is null) return errors.Problem();
        var slice = await ListAsync(svc, status, planId, q, request, ct, drill);
        return TypedResults.Ok(slice.With(await ToDtosAsync(slice.Items, svc, t, ct)));
    }

    /// <summary>Claims in scope, newest submission first (keyset on (submitted at, id)).</summary>
    internal static async Task<Slice<MutualAidClaim>> ListAsync(ClaimScope svc, ClaimStatus? status, Guid? planId, string? q, KeysetRequest request, CancellationToken ct,
        DrillFilter? drill = null)
    {
        var query = (await svc.ClaimsInScopeAsync(ct)).AsNoTracking();
        if (drill is { IsEmpty: false }) query = svc.Drill(query, drill);
        if (status is not null) query = query.Where(c => c.Status == status);
        if (planId is not null) query = query.Where(c => c.PlanId == planId);
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(c => c.MemberName.Contains(q) || c.Hospital.Contains(q));
        return await query.SliceAsync(request, c => c.SubmittedAt, c => c.Id, descending: true, rows => rows, c => c.SubmittedAt, c => c.Id, ct);
    }

    public static async Task<IResult> File(ClaimInput body, ClaimFiling filing, ClaimScope svc, IStringLocalizer<MutualAidText> t, CancellationToken ct)
    {
        var o = await filing.FileAsync(body, ct);
        return o.IsOk ? TypedResults.Created($"/api/v1/mutual-aid/claims/{o.Value!.Id}", await ToDtoAsync(o.Value, svc, t, ct)) : o.ToProblem(t);
    }

    public static async Task<IResult> Get(Guid id, ClaimScope svc, IFundLedger ledger, IStringLocalizer<MutualAidText> t, CancellationToken ct)
    {
        var c = await svc.ClaimAsync(id, track: false, ct);
        if (c is null) return TypedResults.NotFound();
        return TypedResults.Ok(new ClaimDetailDto(await ToDtoAsync(c, svc, t, ct), await ledger.EntriesForAsync(new SourceRef(ClaimScope.SourceType, c.Id), ct)));
    }

    public static async Task<IResult> Approve(Guid id, [FromHeader(Name = "Idempotency-Key")] string? key, ClaimWorkflow flow, ClaimScope svc, IStringLocalizer<MutualAidText> t, CancellationToken ct)
    {
        var o = await flow.ApproveAsync(id, Key(key), ct);
        return o.IsOk ? TypedResults.Ok(await ToDtoAsync(o.Value!, svc, t, ct)) : o.ToProblem(t);
    }

    public static async Task<IResult> Pay(Guid id, [FromHeader(Name = "Idempotency-Key")] string? key, ClaimWorkflow flow, ClaimScope svc, IStringLocalizer<MutualAidText> t, CancellationToken ct)
    {
        var o = await flow.PayAsync(id, Key(key), ct);
        return o.IsOk ? TypedResults.Ok(await ToDtoAsync(o.Value!, svc, t, ct)) : o.ToProblem(t);
    }

    public static async Task<IResult> Reject(Guid id, RejectRequest body, ClaimWorkflow flow, ClaimScope svc, IStringLocalizer<MutualAidText> t, CancellationToken ct)
    {
        var o = await flow.RejectAsync(id, body.Reason, ct);
        return o.IsOk ? TypedResults.Ok(await ToDtoAsync(o.Value!, svc, t, ct)) : o.ToProblem(t);
    }

    private static string? Key(string? k) => string.IsNullOrWhiteSpace(k) ? null : k.Trim()[..Math.Min(200, k.Trim().Length)];
}
