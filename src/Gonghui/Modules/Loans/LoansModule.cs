using Gonghui.Modules.Funds;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Money;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Loans;

public sealed record LoanApplication(LoanApplicant? ApplicantKind, string? ApplicantName, Guid? UnitId, long? AmountFen, int? Months, string? Purpose, string? Guarantor);
public sealed record RepaymentRequest(long? AmountFen, DateOnly? On);
public sealed record LoanDto(Guid Id, LoanApplicant ApplicantKind, string ApplicantName, Guid UnitId, long AmountFen, int Months, int AnnualRateBp, string Purpose, string Guarantor,
    LoanStatus Status, DateOnly? DisbursedOn, long RepaidFen, long PayoffFen, IReadOnlyList<Instalment> Schedule, IReadOnlyList<OverdueInstalment> Overdue);

/// <summary>Start-up micro-loans (创业小额贷款): application with checks, approval (ledger commit), disbursement (ledger pay), schedule, repayments, overdue.</summary>
public static class LoansModule
{
    public const string SourceType = "StartupMicroloan";

    public static IServiceCollection AddLoans(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapLoans(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/loans").RequireAuthorization(Policies.Staff).WithTags("Loans");
        g.MapPost("/", ApplyAsync);
        g.MapGet("/", ListAsync);
        g.MapGet("/{id:guid}", GetAsync);
        g.MapPost("/{id:guid}/approve", ApproveAsync);
        g.MapPost("/{id:guid}/disburse", DisburseAsync);
        g.MapPost("/{id:guid}/repayments", RepayAsync);
        return app;
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    internal static LoanDto ToDto(Loan l, DateOnly today)
    {
        var s = l.Schedule();
        return new(l.Id, l.ApplicantKind, l.ApplicantName, l.UnitId, l.AmountFen, l.Months, l.AnnualRateBp, l.Purpose, l.Guarantor, l.Status, l.DisbursedOn, l.RepaidFen,
            l.Status == LoanStatus.Disbursed ? LoanRules.EarlyPayoff(s, l.RepaidFen, today) : 0, s,
            l.Status == LoanStatus.Disbursed ? LoanRules.Overdue(s, l.RepaidFen, today) : []);
    }

    private static async Task<Loan?> FindAsync(GonghuiDb db, CurrentUser me, Guid id, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var units = db.Set<OrgUnit>().Where(u => u.Path.StartsWith(scope)).Select(u => u.Id);
        return await db.Set<Loan>().FirstOrDefaultAsync(l => l.Id == id && units.Contains(l.UnitId), ct);
    }

    public static async Task<IResult> ApplyAsync(LoanApplication body, GonghuiDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (body.ApplicantKind is null) errors.Add("applicantKind", "loan.applicantKind");
        if (string.IsNullOrWhiteSpace(body.ApplicantName) || body.ApplicantName.Length > 200) errors.Add("applicantName", "loan.applicantName");
        if (errors.Any) return errors.Problem();
        var product = body.ApplicantKind == LoanApplicant.SmallFirm ? LoanRules.SmallFirm : LoanRules.WorkerEntrepreneur;
        if (LoanRules.Check(product, body.AmountFen ?? 0, body.Months ?? 0, body.Purpose, body.Guarantor) is { } e) return errors.Add(e.Field, e.Code).Problem();
        var scope = await me.ScopePathAsync(ct);
        var unit = await db.Set<OrgUnit>().AsNoTracking().FirstOrDefaultAsync(u => u.Id == (body.UnitId ?? me.OrgUnitId) && u.Path.StartsWith(scope), ct);
        if (unit is null) return errors.Add("unitId", "loan.unit").Problem();
        var loan = Loan.Apply(body.ApplicantKind!.Value, body.ApplicantName!.Trim(), unit.Id, body.AmountFen!.Value, body.Months!.Value, product.AnnualRateBp, body.Purpose!.Trim(), body.Guarantor!.Trim(), clock.GetUtcNow());
        db.Add(loan);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/loans/{loan.Id}", ToDto(loan, Today(clock)));
    }

    public static async Task<IResult> ListAsync(LoanStatus? status, bool? overdue, GonghuiDb db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var units = db.Set<OrgUnit>().Where(u => u.Path.StartsWith(scope)).Select(u => u.Id);
        var loans = await db.Set<Loan>().AsNoTracking().Where(l => units.Contains(l.UnitId) && (status == null || l.Status == status)).OrderByDescending(l => l.AppliedAt).Take(500).ToListAsync(ct);
        var today = Today(clock);
        var dtos = loans.Select(l => ToDto(l, today));
        if (overdue == true) dtos = dtos.Where(d => d.Overdue.Count > 0);
        return TypedResults.Ok(dtos.ToList());
    }

    public static async Task<IResult> GetAsync(Guid id, GonghuiDb db, CurrentUser me, TimeProvider clock, CancellationToken ct) =>
        await FindAsync(db, me, id, ct) is { } l ? TypedResults.Ok(ToDto(l, Today(clock))) : TypedResults.NotFound();

    public static async Task<IResult> ApproveAsync(Guid id, GonghuiDb db, CurrentUser me, FundLedger ledger, TimeProvider clock, CancellationToken ct)
    {
        var l = await FindAsync(db, me, id, ct);
        if (l is null) return TypedResults.NotFound();
        if (l.Status != LoanStatus.Applied) return l.Status is LoanStatus.Approved ? TypedResults.Ok(ToDto(l, Today(clock))) : Api.Conflict("loan.state");
        var r = await ledger.CommitAsync(FundCodes.Loan, l.UnitId, FundsClock.Year(clock), new Fen(l.AmountFen), new SourceRef(SourceType, l.Id), $"loan:commit:{l.Id}", ct);
        if (!r.Succeeded) return Api.Conflict(r.Message ?? "loan.ledger");
        l.Approve(r.EntryId!.Value);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(l, Today(clock)));
    }

    public static async Task<IResult> DisburseAsync(Guid id, GonghuiDb db, CurrentUser me, FundLedger ledger, TimeProvider clock, CancellationToken ct)
    {
        var l = await FindAsync(db, me, id, ct);
        if (l is null) return TypedResults.NotFound();
        if (l.Status != LoanStatus.Approved) return l.Status is LoanStatus.Disbursed ? TypedResults.Ok(ToDto(l, Today(clock))) : Api.Conflict("loan.state");
        var commit = await ledger.EntryAsync(l.CommitEntryId!.Value, ct);
        var r = await ledger.PayAsync(FundCodes.Loan, l.UnitId, commit!.Year, new Fen(l.AmountFen), new SourceRef(SourceType, l.Id), $"loan:pay:{l.Id}", ct);
        if (!r.Succeeded) return Api.Conflict(r.Message ?? "loan.ledger");
        l.Disburse(r.EntryId!.Value, Today(clock));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(l, Today(clock)));
    }

    /// <summary>Records a repayment (Idempotency-Key: a retry is recorded once); repaid money returns to the loan fund as budget.</summary>
    public static async Task<IResult> RepayAsync(Guid id, RepaymentRequest body, [FromHeader(Name = "Idempotency-Key")] string? key, GonghuiDb db, CurrentUser me, FundLedger ledger, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (string.IsNullOrWhiteSpace(key) || key.Length > 150) errors.Add("Idempotency-Key", "An Idempotency-Key header is required.");
        if (body.AmountFen is null or <= 0) errors.Add("amountFen", "loan.amount");
        if (errors.Any) return errors.Problem();
        var l = await FindAsync(db, me, id, ct);
        if (l is null) return TypedResults.NotFound();
        var today = Today(clock);
        if (await db.Set<LoanRepayment>().AnyAsync(r => r.Key == key, ct)) return TypedResults.Ok(ToDto(l, today));
        if (l.Status != LoanStatus.Disbursed) return Api.Conflict("loan.state");
        var payoff = LoanRules.EarlyPayoff(l.Schedule(), l.RepaidFen, today);
        if (body.AmountFen > payoff) return errors.Add("amountFen", "loan.overpaid").Problem();
        l.Repay(body.AmountFen!.Value, payoff);
        db.Add(LoanRepayment.Create(l.Id, body.On ?? today, body.AmountFen.Value, key!));
        await db.SaveChangesAsync(ct);
        await ledger.AllocateBudgetAsync(FundCodes.Loan, l.UnitId, FundsClock.Year(clock), new Fen(body.AmountFen.Value), $"loan:repay:{key}", ct);
        return TypedResults.Ok(ToDto(l, today));
    }
}

internal static class LoansModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Loan>(e =>
        {
            e.ToTable("loans_loans");
            e.HasKey(x => x.Id);
            e.Property(x => x.ApplicantName).HasMaxLength(200).IsRequired();
            e.Property(x => x.Purpose).HasMaxLength(100).IsRequired();
            e.Property(x => x.Guarantor).HasMaxLength(200).IsRequired();
            e.Property(x => x.RejectReason).HasMaxLength(500);
            e.HasIndex(x => new { x.UnitId, x.Status });
        });
        b.Entity<LoanRepayment>(e =>
        {
            e.ToTable("loans_repayments");
            e.HasKey(x => x.Id);
            e.Property(x => x.Key).HasMaxLength(150).IsRequired();
            e.HasIndex(x => x.Key).IsUnique();
            e.HasIndex(x => x.LoanId);
        });
    }
}
