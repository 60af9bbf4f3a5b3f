using Gonghui.Modules.Loans.Reminders;
using Gonghui.Modules.Loans.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Gonghui.Modules.Loans.Applications;

public sealed record LoanApplication(Guid? ProductId, LoanApplicant? ApplicantKind, Guid? EnterpriseId, string? CreditCode, Guid? MemberId, string? IdNumber,
    long? AmountFen, int? Months, string? Purpose, string? Guarantor, string? ContactPhone);
public sealed record RepaymentRequest(long? AmountFen, DateOnly? On);
public sealed record DisburseRequest(DateOnly? On);
public sealed record RejectRequest(string? Reason);
public sealed record ReminderRunRequest(int? DaysAhead);
public sealed record ReminderRunDto(DateOnly AsOf, int DaysAhead, int Queued);
public sealed record ProductInput(string? Code, string? Name, LoanApplicant? ApplicantKind, long? MinAmountFen, long? MaxAmountFen, int? MinMonths, int? MaxMonths,
    int? AnnualRateBp, bool? GuarantorRequired, List<string>? Purposes);
public sealed record ProductDto(Guid Id, string Code, string Name, LoanApplicant ApplicantKind, long MinAmountFen, long MaxAmountFen, int MinMonths, int MaxMonths,
    int AnnualRateBp, bool GuarantorRequired, IReadOnlyList<string> Purposes);
public sealed record RepaymentDto(Guid Id, DateOnly On, long AmountFen, string? RecordedBy);
public sealed record LoanEventDto(DateTimeOffset At, string Kind, string Actor, long? AmountFen, string? Note, string Text);
public sealed record LoanSummaryDto(Guid Id, LoanApplicant ApplicantKind, string ApplicantName, long AmountFen, int Months, LoanStatus Status, DateTimeOffset AppliedAt,
    DateOnly? DisbursedOn, long RepaidFen, long OverdueFen, int DaysOverdue);
public sealed record LoanDto(Guid Id, Guid? ProductId, LoanApplicant ApplicantKind, string ApplicantName, Guid? EnterpriseId, Guid? MemberId, Guid UnitId, Guid FundingUnitId,
    long AmountFen, int Months, int AnnualRateBp, string Purpose, string Guarantor, string? ContactMasked, LoanStatus Status, string? RejectReason, DateTimeOffset AppliedAt,
    DateOnly? DisbursedOn, long RepaidFen, long PayoffFen, long OverdueFen, int DaysOverdue, IReadOnlyList<Instalment> Schedule, IReadOnlyList<OverdueInstalment> Overdue,
    IReadOnlyList<RepaymentDto> Repayments, IReadOnlyList<LoanEventDto> History);
public sealed record ReminderDto(Guid Id, Guid LoanId, string ApplicantName, int InstalmentNo, ReminderKind Kind, DateOnly DueOn, long AmountFen, string? ToMasked,
    string Body, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, int Attempts);

internal static class LoansEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/products", Products);
        g.MapPost("/products", CreateProduct).RequireAuthorization(Permissions.LoanProductsManage);
        g.MapPost("/", Apply).RequireAuthorization(Permissions.LoansApply);
        g.MapGet("/", List);
        g.MapGet("/{id:guid}", Get);
        g.MapPost("/{id:guid}/approve", Approve).RequireAuthorization(Permissions.LoansApprove);
        g.MapPost("/{id:guid}/reject", Reject).RequireAuthorization(Permissions.LoansApprove);
        g.MapPost("/{id:guid}/disburse", Disburse).RequireAuthorization(Permissions.LoansDisburse);
        g.MapPost("/{id:guid}/repayments", Repay).RequireAuthorization(Permissions.LoansDisburse);
        g.MapGet("/reminders", Reminders);
        g.MapPost("/reminders/run", RunReminders).RequireAuthorization(Permissions.LoansDisburse);
    }

    internal static ProductDto ToDto(LoanProductRecord p) => new(p.Id, p.Code, p.Name, p.ApplicantKind, p.MinAmountFen, p.MaxAmountFen, p.MinMonths, p.MaxMonths, p.AnnualRateBp,
        p.GuarantorRequired, p.PurposeList());

    internal static string EventText(LoanEvent e, IStringLocalizer<LoansText> t) =>
        t["Event." + e.Kind, e.Actor, e.AmountFen is { } a ? new Gonghui.Platform.Money.Fen(a).ToString() : "", e.Note ?? ""];

    internal static LoanDto ToDto(Loan l, IReadOnlyList<LoanRepayment> repayments, IReadOnlyList<LoanEvent> events, DateOnly today, IStringLocalizer<LoansText> t)
    {
        var pos = LoanQueries.Position(l, repayments, today);
        return new(l.Id, l.ProductId, l.ApplicantKind, l.ApplicantName, l.EnterpriseId, l.MemberId, l.UnitId, l.FundingUnitId, l.AmountFen, l.Months, l.AnnualRateBp, l.Purpose,
            l.Guarantor, l.ContactMasked, l.Status, l.RejectReason, l.AppliedAt, l.DisbursedOn, l.RepaidFen, pos.PayoffFen, pos.OverdueFen, pos.DaysOverdue,
            pos.Instalments.Select(s => s.Instalment).ToList(),
            l.Status == LoanStatus.Disbursed ? pos.Instalments.Where(s => s.State == InstalmentState.Overdue).Select(s => new OverdueInstalment(s.Instalment.No, s.Instalment.DueOn, s.OutstandingFen, s.DaysOverdue)).ToList() : [],
            repayments.Select(r => new RepaymentDto(r.Id, r.On, r.AmountFen, r.RecordedBy)).ToList(),
            events.Select(e => new LoanEventDto(e.At, e.Kind, e.Actor, e.AmountFen, e.Note, EventText(e, t))).ToList());
    }

    private static async Task<LoanDto> DtoAsync(Loan l, LoanQueries svc, IStringLocalizer<LoansText> t, CancellationToken ct) =>
        ToDto(l, await svc.RepaymentsAsync(l.Id, ct), await svc.EventsAsync(l.Id, ct), svc.Today, t);

    private static async Task<IResult> Answer(Outcome<Loan> o, LoanQueries svc, IStringLocalizer<LoansText> t, CancellationToken ct, bool created = false)
    {
        if (!o.IsOk) return o.ToProblem(t);
        var dto = await DtoAsync(o.Value!, svc, t, ct);
        return created && !o.Replayed ? TypedResults.Created($"/api/v1/loans/{dto.Id}", dto) : TypedResults.Ok(dto);
    }

    public static async Task<IResult> Products(LoanQueries svc, CancellationToken ct) => TypedResults.Ok((await svc.ProductsAsync(ct)).Select(ToDto).ToList());

    public static async Task<IResult> CreateProduct(ProductInput body, LoanProducts svc, IStringLocalizer<LoansText> t, CancellationToken ct)
    {
        var o = await svc.CreateProductAsync(body, ct);
        return o.IsOk ? TypedResults.Created($"/api/v1/loans/products/{o.Value!.Id}", ToDto(o.Value)) : o.ToProblem(t);
    }

    public static async Task<IResult> Apply(LoanApplication body, LoanApplying applying, LoanQueries svc, IStringLocalizer<LoansText> t, CancellationToken ct) =>
        await Answer(await applying.ApplyAsync(new LoanInput(body.ProductId, body.ApplicantKind, body.EnterpriseId, body.CreditCode, body.MemberId, body.IdNumber, body.AmountFen,
            body.Months, body.Purpose, body.Guarantor, body.ContactPhone), ct), svc, t, ct, created: true);

    public static async Task<IResult> List(LoanStatus? status, bool? overdue, string? q, string? after, string? before, int? limit,
        DateOnly? from, DateOnly? to, Guid? unit, LoanApplicant? kind, LoanQueries svc, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        if (kind is { } k && !Enum.IsDefined(k)) return errors.Add("kind", "kind must be SmallFirm or WorkerEntrepreneur.").Problem();
        var drill = await svc.DrillAsync(from, to, unit, errors, ct);
        if (drill is null) return errors.Problem();
        return TypedResults.Ok(await LoanList.QueryAsync(svc, status, overdue == true, q, request, ct, drill, kind));
    }

    /// <summary>A worker applies for a worker-entrepreneur loan for themself: {productId?, amountFen, months, purpose, guarantor, contactPhone}.</summary>
    public static async Task<IResult> ApplyMine(LoanApplication body, LoanApplying applying, LoanQueries svc, IStringLocalizer<LoansText> t, CancellationToken ct)
    {
        var o = await applying.ApplyMineAsync(new LoanInput(body.ProductId, null, null, null, null, null, body.AmountFen, body.Months, body.Purpose, body.Guarantor, body.ContactPhone), ct);
        if (!o.IsOk) return o.ToProblem(t);
        return TypedResults.Created($"/api/v1/loans/mine", await DtoAsync(o.Value!, svc, t, ct));
    }

    public static async Task<IResult> Mine(LoanQueries svc, IStringLocalizer<LoansText> t, CancellationToken ct)
    {
        var list = new List<LoanDto>();
        foreach (var l in await svc.MyLoansAsync(ct)) list.Add(await DtoAsync(l, svc, t, ct));
        return TypedResults.Ok(list);
    }

    public static async Task<IResult> Get(Guid id, LoanQueries svc, IStringLocalizer<LoansText> t, CancellationToken ct) =>
        await svc.FindAsync(id, false, ct) is { } l ? TypedResults.Ok(await DtoAsync(l, svc, t, ct)) : TypedResults.NotFound();

    private static string? Key(string? key) => string.IsNullOrWhiteSpace(key) ? null : key.Trim();

    private static IResult? BadKey(string? key) =>
        key is { Length: > 150 } ? new Api.Errors().Add("Idempotency-Key", "At most 150 characters.").Problem() : null;

    public static async Task<IResult> Approve(Guid id, [FromHeader(Name = "Idempotency-Key")] string? key, LoanWorkflow flow, LoanQueries svc, IStringLocalizer<LoansText> t, CancellationToken ct) =>
        BadKey(key) ?? await Answer(await flow.ApproveAsync(id, Key(key), ct), svc, t, ct);

    public static async Task<IResult> Reject(Guid id, RejectRequest body, LoanWorkflow flow, LoanQueries svc, IStringLocalizer<LoansText> t, CancellationToken ct) =>
        await Answer(await flow.RejectAsync(id, body.Reason, ct), svc, t, ct);

    public static async Task<IResult> Disburse(Guid id, DisburseRequest? body, [FromHeader(Name = "Idempotency-Key")] string? key, LoanWorkflow flow, LoanQueries svc, IStringLocalizer<LoansText> t, CancellationToken ct) =>
        BadKey(key) ?? await Answer(await flow.DisburseAsync(id, Key(key), body?.On, ct), svc, t, ct);

    /// <summary>Records a repayment (Idempotency-Key required: a retry is recorded once); repaid money returns to the loan fund as budget.</summary>
    public static async Task<IResult> Repay(Guid id, RepaymentRequest body, [FromHeader(Name = "Idempotency-Key")] string? key, LoanWorkflow flow, LoanQueries svc, IStringLocalizer<LoansText> t, CancellationToken ct) =>
        await Answer(await flow.RepayAsync(id, body.AmountFen, body.On, Key(key), ct), svc, t, ct);

    public static async Task<IResult> Reminders(ReminderKind? kind, bool? sent, string? after, string? before, int? limit, ReminderQueue svc, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        return TypedResults.Ok(await LoanList.RemindersAsync(svc, kind, sent, request, ct));
    }

    /// <summary>Queues today's reminders for the loans in the caller's scope (the daily job does the same for all loans).</summary>
    public static async Task<IResult> RunReminders(ReminderRunRequest? body, ReminderQueue svc, IOptions<LoansOptions> options, CancellationToken ct)
    {
        var days = body?.DaysAhead ?? options.Value.ReminderDaysAhead;
        if (days is < 0 or > 60) return new Api.Errors().Add("daysAhead", "0 to 60 days.").Problem();
        var today = svc.Today;
        return TypedResults.Ok(new ReminderRunDto(today, days, await svc.QueueRemindersAsync(today, days, allUnits: false, ct)));
    }
}

/// <summary>The loan list and the reminder list, shared by the API and the pages.</summary>
internal static class LoanList
{
    /// <summary>
    /// Loans in scope, newest application first (keyset on (applied at, id), index (applied_at, id)), narrowed by the report's drill-down and
    /// the applicant kind when given. The overdue list is ordered by
    /// days overdue, which is computed from each loan's schedule and repayments: the disbursed loans in scope are positioned in memory
    /// and sliced there (<see cref="Keyset.SliceOf"/>) — a bounded set (loans in disbursement), unlike the registries.
    /// </summary>
    public static async Task<Slice<LoanSummaryDto>> QueryAsync(LoanQueries svc, LoanStatus? status, bool overdueOnly, string? q, KeysetRequest request, CancellationToken ct,
        DrillFilter? drill = null, LoanApplicant? kind = null)
    {
        var query = (await svc.LoansInScopeAsync(ct)).AsNoTracking();
        // The report's drill-down (period by the disbursement date, unit by the applicant's union) and the applicant kind the figures split by.
        if (drill is { IsEmpty: false }) query = svc.Drill(query, drill);
        if (kind is not null) query = query.Where(l => l.ApplicantKind == kind);
        if (overdueOnly) query = query.Where(l => l.Status == LoanStatus.Disbursed);
        else if (status is not null) query = query.Where(l => l.Status == status);
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(l => l.ApplicantName.Contains(q.Trim()));
        var today = svc.Today;
        if (!overdueOnly)
        {
            var slice = await query.SliceAsync(request, l => l.AppliedAt, l => l.Id, descending: true, rows => rows, l => l.AppliedAt, l => l.Id, ct);
            return slice.With(await SummariesAsync(svc, slice.Items.ToList(), today, ct));
        }
        var all = await SummariesAsync(svc, await query.ToListAsync(ct), today, ct);
        return Keyset.SliceOf(all.Where(s => s.OverdueFen > 0), request, s => s.DaysOverdue, s => s.Id, descending: true);
    }

    private static async Task<List<LoanSummaryDto>> SummariesAsync(LoanQueries svc, List<Loan> loans, DateOnly today, CancellationToken ct)
    {
        var ids = loans.Where(l => l.Status == LoanStatus.Disbursed).Select(l => l.Id).ToList();
        var reps = new List<LoanRepayment>();
        foreach (var chunk in ids.Chunk(500)) reps.AddRange(await svc.RepaymentsOfAsync(chunk, ct));
        var by = reps.ToLookup(r => r.LoanId);
        return loans.Select(l =>
        {
            var pos = l.Status == LoanStatus.Disbursed ? LoanQueries.Position(l, by[l.Id].ToList(), today) : null;
            return new LoanSummaryDto(l.Id, l.ApplicantKind, l.ApplicantName, l.AmountFen, l.Months, l.Status, l.AppliedAt, l.DisbursedOn, l.RepaidFen, pos?.OverdueFen ?? 0, pos?.DaysOverdue ?? 0);
        }).ToList();
    }

    /// <summary>Reminders in scope, newest first (keyset on (created at, id), index (created_at, id)).</summary>
    public static async Task<Slice<ReminderDto>> RemindersAsync(ReminderQueue svc, ReminderKind? kind, bool? sent, KeysetRequest request, CancellationToken ct)
    {
        var q = (await svc.RemindersInScopeAsync(ct)).AsNoTracking();
        var sms = svc.ReminderMessages();   // each reminder's SMS in the platform outbox (subject = the reminder, indexed)
        if (kind is not null) q = q.Where(r => r.Kind == kind);
        if (sent == true) q = q.Where(r => sms.Any(m => m.SubjectId == r.Id && m.SentAt != null));
        if (sent == false) q = q.Where(r => !sms.Any(m => m.SubjectId == r.Id && m.SentAt != null));
        return await q.SliceAsync(request, r => r.CreatedAt, r => r.Id, descending: true,
            rows => from r in rows
                    join m in sms on (Guid?)r.Id equals m.SubjectId into ms
                    from m in ms.DefaultIfEmpty()
                    select new ReminderDto(r.Id, r.LoanId, r.ApplicantName, r.InstalmentNo, r.Kind, r.DueOn, r.AmountFen, r.ToMasked, r.Body, r.CreatedAt,
                        m == null ? null : m.SentAt, m == null ? 0 : m.Attempts),
            r => r.CreatedAt, r => r.Id, ct);
    }
}
