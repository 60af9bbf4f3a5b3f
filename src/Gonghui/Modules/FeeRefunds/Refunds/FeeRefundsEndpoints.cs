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
using Gonghui.Modules.FeeRefunds.Policies;

namespace Gonghui.Modules.FeeRefunds.Refunds;

public sealed record PolicyDto(Guid Id, string Code, string Name, int FromYear, int ToYear, IReadOnlyCollection<SizeClass> Classes, int ShareBp, long? CapFen = null, int Version = 1);
public sealed record PolicyVersionDto(int Version, string Name, int FromYear, int ToYear, IReadOnlyCollection<SizeClass> Classes, int ShareBp, long? CapFen, string Reason, string ChangedBy, DateTimeOffset ChangedAt);
public sealed record FeeInput(string? CreditCode, int? Year, long? PayrollFen, long? FeeFen, SizeClass? SizeClass);
public sealed record ComputeRequest(Guid? PolicyId);
public sealed record ComputeResultDto(int Due, int Ineligible);
public sealed record IdsRequest(List<Guid>? Ids);
public sealed record RefundLineDto(string Code, long AmountFen, string Text);
public sealed record RefundDto(Guid Id, Guid PolicyId, Guid EnterpriseId, string EnterpriseName, Guid FundingUnitId, int Year, long FeeFen, long AmountFen,
    RefundStatus Status, IReadOnlyList<RefundLineDto> Explanation, DateTimeOffset? ApprovedAt, DateTimeOffset? PaidAt);
public sealed record FeeRecordDto(int Year, long PayrollFen, long FeeFen, SizeClass? SizeClass);
public sealed record FirmStatusDto(Guid EnterpriseId, string Name, string CreditCode, SizeClass RegistrySizeClass, IReadOnlyList<FeeRecordDto> Fees, IReadOnlyList<RefundDto> Refunds);
public sealed record FeeImportResultDto(int Imported, bool Rejected, IReadOnlyList<RowErrorDto> Errors);
public sealed record RowErrorDto(int Row, string Column, string Reason);

internal static class FeeRefundsEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/policies", Policies);
        g.MapPost("/policies", CreatePolicy)
            .RequireAuthorization(Permissions.FeeRefundsPolicy);
        g.MapPut("/policies/{id:guid}", RevisePolicy)
            .RequireAuthorization(Permissions.FeeRefundsPolicy);
        g.MapGet("/policies/{id:guid}/versions", PolicyVersions);
        g.MapPost("/fees", RecordFee).RequireAuthorization(Permissions.FeeRefundsPrepare);
        g.MapPost("/fees/import", ImportFees).RequireAuthorization(Permissions.FeeRefundsPrepare).RequireAntiforgeryForCookieCallers();
        g.MapGet("/fees/template.csv", () => TypedResults.File(Gonghui.Platform.Importing.Csv.Template(["统一社会信用代码", "年度", "工资总额", "会费", "企业规模"]), "text/csv", "fees-template.csv")).RequireAuthorization(Permissions.FeeRefundsPrepare);
        g.MapPost("/compute", Compute).RequireAuthorization(Permissions.FeeRefundsPrepare);
        g.MapGet("/", List);
        g.MapGet("/firms/{enterpriseId:guid}", Firm);
        g.MapPost("/batch-approve", Approve).RequireAuthorization(Permissions.FeeRefundsApprove);
        g.MapPost("/batch-pay", Pay).RequireAuthorization(Permissions.FeeRefundsPay);
    }

    internal static RefundDto ToDto(UnionFeeRefund r, IStringLocalizer<FeeRefundsText> t) => new(r.Id, r.PolicyId, r.EnterpriseId, r.EnterpriseName, r.FundingUnitId, r.Year,
        r.FeeFen, r.AmountFen, r.Status, r.Lines().Select(l => new RefundLineDto(l.Code, l.AmountFen,
            t[l.Code, new Fen(l.AmountFen).ToString(), r.Year, l.Class is { } c ? t["Size." + c].Value : "", l.OtherClass is { } o ? t["Size." + o].Value : ""])).ToList(),
        r.ApprovedAt, r.PaidAt);

    internal static PolicyDto ToDto(RefundPolicy p) => new(p.Id, p.Code, p.Name, p.FromYear, p.ToYear, p.Rules().Classes, p.ShareBp, p.CapFen, p.Version);

    public static async Task<Ok<List<PolicyDto>>> Policies(RefundPolicyEditor editor, CancellationToken ct) =>
        TypedResults.Ok((await editor.ListAsync(ct)).Select(ToDto).ToList());

    /// <summary>Creates a policy (version 1). 201, 400 naming the field, 409 policy.codeTaken.</summary>
    public static async Task<IResult> CreatePolicy(RefundPolicyInput body, RefundPolicyEditor editor, CurrentUser me, IStringLocalizer<FeeRefundsText> t, CancellationToken ct) =>
        PolicyResult(await editor.CreateAsync(body, me.Name, ct), t, created: true);

    /// <summary>Saves a new version of a policy (body as for create; the code cannot change; expectedVersion guards against lost updates).</summary>
    public static async Task<IResult> RevisePolicy(Guid id, RefundPolicyInput body, RefundPolicyEditor editor, CurrentUser me, IStringLocalizer<FeeRefundsText> t, CancellationToken ct) =>
        PolicyResult(await editor.ReviseAsync(id, body, me.Name, ct), t, created: false);

    public static async Task<IResult> PolicyVersions(Guid id, RefundPolicyEditor editor, CancellationToken ct)
    {
        if (await editor.FindAsync(id, ct) is null) return TypedResults.NotFound();
        return TypedResults.Ok((await editor.VersionsAsync(id, ct)).Select(v =>
            new PolicyVersionDto(v.Version, v.Name, v.FromYear, v.ToYear, v.ClassList(), v.ShareBp, v.CapFen, v.Reason, v.ChangedBy, v.ChangedAt)).ToList());
    }

    private static IResult PolicyResult(Outcome<RefundPolicy> r, IStringLocalizer<FeeRefundsText> t, bool created)
    {
        if (!r.IsOk) return r.ToProblem(t);
        var dto = ToDto(r.Value!);
        return created ? TypedResults.Created($"/api/v1/fee-refunds/policies/{dto.Id}", dto) : TypedResults.Ok(dto);
    }

    public static async Task<IResult> RecordFee(FeeInput body, FeeRecords svc, IStringLocalizer<FeeRefundsText> t, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (body.Year is null or < 2000 or > 2100) errors.Add("year", t["fee.year"]);
        if (body.PayrollFen is null or < 0) errors.Add("payrollFen", t["fee.payroll"]);
        if (body.FeeFen is < 0) errors.Add("feeFen", t["fee.fee"]);
        if (string.IsNullOrWhiteSpace(body.CreditCode)) errors.Add("creditCode", t["fee.creditCode"]);
        if (errors.Any) return errors.Problem();
        var e = await svc.RecordFeeAsync(body.CreditCode!.Trim().ToUpperInvariant(), body.Year!.Value, body.PayrollFen!.Value, body.FeeFen, body.SizeClass, ct);
        return e is null ? TypedResults.NoContent() : errors.Add("creditCode", t[e]).Problem();
    }

    public static async Task<IResult> ImportFees(HttpRequest request, FeeRecords svc, IStringLocalizer<FeeRefundsText> t, CancellationToken ct)
    {
        if (!request.HasFormContentType) return new Api.Errors().Add("file", "Send multipart/form-data with a file.").Problem();
        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0) return new Api.Errors().Add("file", "A CSV or XLSX file is required.").Problem();
        var skip = string.Equals(form["skipBadRows"], "true", StringComparison.OrdinalIgnoreCase);
        await using var s = new MemoryStream();
        await file.CopyToAsync(s, ct);
        s.Position = 0;
        var (n, errors) = await svc.ImportFeesAsync(s, file.FileName, skip, ct);
        var dto = new FeeImportResultDto(n, errors.Count > 0 && !skip, errors.Take(1000).Select(e => new RowErrorDto(e.Row, e.Column, t[e.Reason].ResourceNotFound ? e.Reason : t[e.Reason])).ToList());
        return dto.Rejected ? TypedResults.UnprocessableEntity(dto) : TypedResults.Ok(dto);
    }

    public static async Task<IResult> Compute(ComputeRequest body, RefundScope svc, RefundComputation computation, CancellationToken ct)
    {
        if (body.PolicyId is null || !await svc.PolicyExistsAsync(body.PolicyId.Value, ct))
            return new Api.Errors().Add("policyId", "Choose a refund policy.").Problem();
        var (due, inel) = await computation.ComputeAsync(body.PolicyId.Value, ct);
        return TypedResults.Ok(new ComputeResultDto(due, inel));
    }

    public static async Task<IResult> List(RefundStatus? status, int? year, string? q, string? after, string? before, int? limit,
        DateOnly? from, DateOnly? to, Guid? unit, RefundScope svc, IStringLocalizer<FeeRefundsText> t, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        var drill = await svc.DrillAsync(from, to, unit, errors, ct);
        if (drill is null) return errors.Problem();
        return TypedResults.Ok((await ListAsync(svc, status, year, null, q, request, ct, drill)).Map(r => ToDto(r, t)));
    }

    /// <summary>Refunds in scope by firm name (keyset on (enterprise name, id), index (enterprise_name, id)); the API and both pages list through it.</summary>
    internal static async Task<Slice<UnionFeeRefund>> ListAsync(RefundScope svc, RefundStatus? status, int? year, Guid? fundingUnitId, string? q,
        KeysetRequest request, CancellationToken ct, DrillFilter? drill = null)
    {
        var query = (await svc.RefundsInScopeAsync(ct)).AsNoTracking();
        if (drill is { IsEmpty: false }) query = svc.Drill(query, drill);
        if (status is not null) query = query.Where(r => r.Status == status);
        if (year is not null) query = query.Where(r => r.Year == year);
        if (fundingUnitId is not null) query = query.Where(r => r.FundingUnitId == fundingUnitId);
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(r => r.EnterpriseName.Contains(q));
        return await query.SliceAsync(request, r => r.EnterpriseName, r => r.Id, descending: false, rows => rows, r => r.EnterpriseName, r => r.Id, ct);
    }

    public static async Task<IResult> Firm(Guid enterpriseId, RefundScope svc, IStringLocalizer<FeeRefundsText> t, CancellationToken ct)
    {
        if (await svc.FirmAsync(enterpriseId, ct) is not { } firm) return TypedResults.NotFound();
        var (e, fees, refunds) = firm;
        return TypedResults.Ok(new FirmStatusDto(e.Id, e.Name, e.CreditCode, e.SizeClass, fees.Select(f => new FeeRecordDto(f.Year, f.PayrollFen, f.FeeFen, f.SizeClass)).ToList(),
            refunds.Select(r => ToDto(r, t)).ToList()));
    }

    public static Task<IResult> Approve(IdsRequest body, [FromHeader(Name = "Idempotency-Key")] string? key, RefundBatches svc, IStringLocalizer<FeeRefundsText> t, CancellationToken ct) =>
        Batch("approve", body, key, svc, t, ct);

    public static Task<IResult> Pay(IdsRequest body, [FromHeader(Name = "Idempotency-Key")] string? key, RefundBatches svc, IStringLocalizer<FeeRefundsText> t, CancellationToken ct) =>
        Batch("pay", body, key, svc, t, ct);

    /// <summary>
    /// Every item is idempotent by itself (ledger keys derive from the refund); with an Idempotency-Key the whole answer is
    /// remembered, so a retried batch gets the first answer back; the same key for the other action is a conflict.
    /// </summary>
    private static async Task<IResult> Batch(string action, IdsRequest body, string? key, RefundBatches svc, IStringLocalizer<FeeRefundsText> t, CancellationToken ct)
    {
        if (body.Ids is not { Count: > 0 and <= 1000 }) return new Api.Errors().Add("ids", "Send 1 to 1,000 refund ids.").Problem();
        key = string.IsNullOrWhiteSpace(key) ? null : key.Trim();
        if (key is { Length: > 150 }) return new Api.Errors().Add("Idempotency-Key", "At most 150 characters.").Problem();
        var (results, _) = await svc.BatchAsync(action, body.Ids, key, ct);
        if (results is null) return Api.Conflict(t["refund.keyReused"], "refund.keyReused");
        return TypedResults.Ok(Localize(results, t)); // a replay answers exactly as the first time
    }

    private static List<BatchItemResult> Localize(List<BatchItemResult> r, IStringLocalizer<FeeRefundsText> t) =>
        r.Select(x => x with { Code = x.Message, Message = x.Message is null ? null : t[x.Message].Value }).ToList();
}
