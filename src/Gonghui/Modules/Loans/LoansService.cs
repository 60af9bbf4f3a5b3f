using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Loans.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Money;
using Gonghui.Platform.Notifications;
using Gonghui.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.Loans;

public sealed record LoanInput(Guid? ProductId, LoanApplicant? ApplicantKind, Guid? EnterpriseId, string? CreditCode, Guid? MemberId, string? IdNumber,
    long? AmountFen, int? Months, string? Purpose, string? Guarantor, string? ContactPhone);

/// <summary>A loan's position on a day: instalments with what was applied, overdue totals, early payoff.</summary>
public sealed record LoanPosition(IReadOnlyList<InstalmentStanding> Instalments, long OverdueFen, int DaysOverdue, long PayoffFen, long OutstandingFen);

/// <summary>Micro-loan use cases shared by the API and the pages: apply (with checks), approve (ledger commit), reject, disburse (ledger payment), repay, reminders.</summary>
internal sealed class LoansService(GonghuiDb db, CurrentUser me, IFundLedger ledger, PersonalDataProtector protector, TimeProvider clock, IConfiguration config)
{
    public const string SourceType = LoansModule.SourceType;
    public DateOnly Today => BeijingTime.Today(clock);

    /// <summary>A refusal (409) with its stable code, which is also the problem's title for loan clients.</summary>
    private static Outcome<Loan> Refused(string code) => Outcome<Loan>.Conflict(code) with { Title = code };

    public async Task<IQueryable<Loan>> LoansInScopeAsync(CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var units = db.UnitRows().InScope(scope, u => u.Path).Select(u => u.Id);
        return db.Set<Loan>().Where(l => units.Contains(l.UnitId));
    }

    public async Task<Loan?> FindAsync(Guid id, bool track, CancellationToken ct)
    {
        var q = (await LoansInScopeAsync(ct)).Where(l => l.Id == id);
        return await (track ? q : q.AsNoTracking()).FirstOrDefaultAsync(ct);
    }

    /// <summary>A worker's own loans (as the borrowing member), newest first; none for a caller without a member.</summary>
    public Task<List<Loan>> MyLoansAsync(CancellationToken ct)
    {
        var member = me.MemberId;
        if (member is null || !me.IsInRole(Roles.Worker)) return Task.FromResult(new List<Loan>());
        return db.Set<Loan>().AsNoTracking().Where(l => l.MemberId == member).OrderByDescending(l => l.AppliedAt).ToListAsync(ct);
    }

    public Task<List<LoanProductRecord>> ProductsAsync(CancellationToken ct) =>
        db.Set<LoanProductRecord>().AsNoTracking().Where(p => p.Active).OrderBy(p => p.ApplicantKind).ThenBy(p => p.Code).ToListAsync(ct);

    /// <summary>Position on a day: only repayments made on or before the day count.</summary>
    public static LoanPosition Position(Loan l, IReadOnlyCollection<LoanRepayment> repayments, DateOnly asOf)
    {
        var schedule = l.Schedule();
        var repaid = repayments.Where(r => r.On <= asOf).Sum(r => r.AmountFen);
        var standing = LoanRules.Standing(schedule, repaid, asOf);
        var active = l.Status == LoanStatus.Disbursed;
        var overdue = active ? standing.Where(s => s.State == InstalmentState.Overdue).ToList() : [];
        return new(standing, overdue.Sum(s => s.OutstandingFen), overdue.Count == 0 ? 0 : overdue.Max(s => s.DaysOverdue),
            active ? LoanRules.EarlyPayoff(schedule, repaid, asOf) : 0, active ? standing.Sum(s => s.OutstandingFen) : 0);
    }

    public Task<List<LoanRepayment>> RepaymentsAsync(Guid loanId, CancellationToken ct) =>
        db.Set<LoanRepayment>().AsNoTracking().Where(r => r.LoanId == loanId).OrderBy(r => r.On).ThenBy(r => r.Id).ToListAsync(ct);

    public Task<List<LoanRepayment>> RepaymentsOfAsync(IReadOnlyCollection<Guid> loanIds, CancellationToken ct) =>
        db.Set<LoanRepayment>().AsNoTracking().Where(r => loanIds.Contains(r.LoanId)).ToListAsync(ct);

    public async Task<IQueryable<LoanReminder>> RemindersInScopeAsync(CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var units = db.UnitRows().InScope(scope, u => u.Path).Select(u => u.Id);
        return db.Set<LoanReminder>().Where(r => units.Contains(r.UnitId));
    }

    /// <summary>The outbox messages (Platform/Notifications) that carry reminders: their delivery state is the reminder's.</summary>
    public IQueryable<OutboxMessage> ReminderMessages() => db.Set<OutboxMessage>().AsNoTracking();

    public Task<List<LoanEvent>> EventsAsync(Guid loanId, CancellationToken ct) =>
        db.Set<LoanEvent>().AsNoTracking().Where(e => e.LoanId == loanId).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);

    /// <summary>The district or industry union above a unit (the unit itself at depth ≤ 1): its loan fund lends.</summary>
    private async Task<Guid> FundingUnitAsync(string path, CancellationToken ct)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var top = "/" + string.Join("/", parts.Take(Math.Min(2, parts.Length))) + "/";
        return await db.UnitRows().Where(u => u.Path == top).Select(u => u.Id).FirstAsync(ct);
    }

    /// <summary>Adds a loan product after <see cref="LoanRules.CheckProduct"/>; the errors (field, code) when it is refused.</summary>
    public async Task<Outcome<LoanProductRecord>> CreateProductAsync(ProductInput body, CancellationToken ct)
    {
        var purposes = (body.Purposes ?? []).Select(p => p.Trim()).Where(p => p.Length > 0).Distinct().ToList();
        var errors = LoanRules.CheckProduct(body.Code, body.Name, body.ApplicantKind, body.MinAmountFen, body.MaxAmountFen, body.MinMonths, body.MaxMonths, body.AnnualRateBp, purposes).ToList();
        var code = body.Code?.Trim() ?? "";
        if (errors.All(e => e.Field != "code") && await db.Set<LoanProductRecord>().AnyAsync(p => p.Code == code, ct)) errors.Insert(0, ("code", "product.codeTaken"));
        if (errors.Count > 0) return Outcome<LoanProductRecord>.Invalid(errors);
        var p = LoanProductRecord.Create(code, body.Name!.Trim(), body.ApplicantKind!.Value, body.MinAmountFen ?? 1, body.MaxAmountFen!.Value, body.MinMonths ?? 1, body.MaxMonths!.Value,
            body.AnnualRateBp ?? 0, body.GuarantorRequired ?? true, purposes);
        db.Add(p);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.Entry(p).State = EntityState.Detached; return Outcome<LoanProductRecord>.Invalid("code", "product.codeTaken"); }
        return Outcome<LoanProductRecord>.Ok(p);
    }

    /// <summary>Staff apply for a firm or a member in their subtree.</summary>
    public Task<Outcome<Loan>> ApplyAsync(LoanInput input, CancellationToken ct) => ApplyAsync(input, self: false, ct);

    /// <summary>A worker applies for themself: a worker-entrepreneur product, the member of their own account; nothing else is taken from the input.</summary>
    public Task<Outcome<Loan>> ApplyMineAsync(LoanInput input, CancellationToken ct) =>
        me.MemberId is { } own && me.IsInRole(Roles.Worker)
            ? ApplyAsync(input with { ApplicantKind = LoanApplicant.WorkerEntrepreneur, MemberId = own, IdNumber = null, EnterpriseId = null, CreditCode = null }, self: true, ct)
            : Task.FromResult(Outcome<Loan>.NotFound());

    private async Task<Outcome<Loan>> ApplyAsync(LoanInput input, bool self, CancellationToken ct)
    {
        var products = await ProductsAsync(ct);
        var product = input.ProductId is { } pid ? products.FirstOrDefault(p => p.Id == pid)
            : input.ApplicantKind is { } k ? products.FirstOrDefault(p => p.ApplicantKind == k) : null;
        if (product is null || (self && product.ApplicantKind != LoanApplicant.WorkerEntrepreneur)) return Outcome<Loan>.Invalid("productId", "loan.product");
        var scope = await me.ScopePathAsync(ct);
        string name; Guid unitId; string unitPath; Guid? enterpriseId = null, memberId = null;
        if (product.ApplicantKind == LoanApplicant.SmallFirm)
        {
            var code = input.CreditCode?.Trim().ToUpperInvariant();
            if (input.EnterpriseId is null && string.IsNullOrEmpty(code)) return Outcome<Loan>.Invalid("creditCode", "loan.firmRequired");
            if (input.EnterpriseId is null && !CreditCode.IsValid(code!)) return Outcome<Loan>.Invalid("creditCode", "loan.creditCode");
            var firm = await db.EnterpriseRows().FirstOrDefaultAsync(e => input.EnterpriseId != null ? e.Id == input.EnterpriseId : e.CreditCode == code, ct);
            if (firm is null) return Outcome<Loan>.Invalid("creditCode", "loan.firmUnknown");
            var unit = firm.GrassrootsUnionId is { } g ? await db.UnitRows().FirstOrDefaultAsync(u => u.Id == g, ct) : null;
            unit ??= await db.UnitRows().Where(u => u.Depth == 1 && u.DistrictCode == firm.DistrictCode).OrderBy(u => u.Path).FirstOrDefaultAsync(ct);
            if (unit is null || !ScopeFilter.Covers(scope, unit.Path)) return Outcome<Loan>.Invalid("creditCode", "loan.firmUnknown");
            if (LoanRules.CheckFirmSize(firm.SizeClass) is { } sizeError) return Outcome<Loan>.Invalid("creditCode", sizeError);
            (name, unitId, unitPath, enterpriseId) = (firm.Name, unit.Id, unit.Path, firm.Id);
        }
        else
        {
            MemberRow? member = null;
            if (input.MemberId is { } mid) member = await db.MemberRows().FirstOrDefaultAsync(m => m.Id == mid, ct);
            else if (!string.IsNullOrWhiteSpace(input.IdNumber))
            {
                if (!ResidentId.TryParse(input.IdNumber.Trim(), out var info, out _)) return Outcome<Loan>.Invalid("idNumber", "loan.idNumber");
                var hash = protector.Hash(info.Number);
                member = await db.MemberRows().FirstOrDefaultAsync(m => m.IdNumberHash == hash, ct);
            }
            else return Outcome<Loan>.Invalid("idNumber", "loan.memberRequired");
            var unit = member is null ? null : await db.UnitRows().FirstOrDefaultAsync(u => u.Id == member.UnionId, ct);
            // A worker applying for themself is in their own scope; staff only within their subtree.
            if (member is null || unit is null || (!self && !ScopeFilter.Covers(scope, unit.Path))) return Outcome<Loan>.Invalid("idNumber", "loan.memberUnknown");
            if (member.Status != MemberStatus.Active) return Outcome<Loan>.Invalid("idNumber", "loan.memberInactive");
            (name, unitId, unitPath, memberId) = (member.Name, unit.Id, unit.Path, member.Id);
        }
        if (LoanRules.Check(product.Rules(), input.AmountFen ?? 0, input.Months ?? 0, input.Purpose, input.Guarantor) is { } e) return Outcome<Loan>.Invalid(e.Field, e.Code);
        string? cipher = null, masked = null;
        if (!string.IsNullOrWhiteSpace(input.ContactPhone))
        {
            if (!MobilePhone.TryParse(input.ContactPhone, out var phone)) return Outcome<Loan>.Invalid("contactPhone", "loan.phone");
            (cipher, masked) = (protector.Encrypt(phone), MobilePhone.Mask(phone));
        }
        var guarantor = input.Guarantor?.Trim() ?? "";
        if (guarantor.Length > 200) return Outcome<Loan>.Invalid("guarantor", "loan.guarantor");
        var now = clock.GetUtcNow();
        var loan = Loan.Apply(product.Id, product.ApplicantKind, name, enterpriseId, memberId, unitId, await FundingUnitAsync(unitPath, ct), input.AmountFen!.Value, input.Months!.Value,
            product.AnnualRateBp, input.Purpose!.Trim(), guarantor, cipher, masked, now);
        db.Add(loan);
        db.Add(LoanEvent.Of(loan.Id, "applied", now, me.Name, loan.AmountFen, product.Name));
        await db.SaveChangesAsync(ct);
        return Outcome<Loan>.Ok(loan);
    }

    /// <summary>A retry with a key already used for this loan and action answers with the current state; a key used elsewhere is a conflict.</summary>
    private async Task<Outcome<Loan>?> ReplayAsync(Loan l, string action, string? key, CancellationToken ct)
    {
        if (key is null) return null;
        var seen = await db.Set<LoanIdempotencyKey>().AsNoTracking().FirstOrDefaultAsync(k => k.Key == key, ct);
        if (seen is null) return null;
        return seen.LoanId == l.Id && seen.Action == action ? Outcome<Loan>.Ok(l, replayed: true) : Refused("loan.keyReused");
    }

    public async Task<Outcome<Loan>> ApproveAsync(Guid id, string? key, CancellationToken ct, DateTimeOffset? at = null)
    {
        var l = await FindAsync(id, track: true, ct);
        if (l is null) return Outcome<Loan>.NotFound();
        if (await ReplayAsync(l, "approve", key, ct) is { } replay) return replay;
        if (l.Status != LoanStatus.Applied) return Refused("loan.notApplied");
        var now = at ?? clock.GetUtcNow();
        var year = BeijingTime.DateOf(now).Year;
        // The ledger key is derived from the loan, so a retry (with or without a header) never reserves twice.
        var r = await ledger.CommitAsync(FundCodes.Loan, l.FundingUnitId, year, new Fen(l.AmountFen), new SourceRef(SourceType, l.Id), $"loan:commit:{l.Id}", ct);
        if (r.Code == LedgerCodes.InsufficientBudget) return Refused("loan.insufficientBudget");
        if (!r.IsOk) return Refused("loan.ledgerRefused");
        l.Approve(r.Value, year);
        db.Add(LoanEvent.Of(l.Id, "approved", now, me.Name, l.AmountFen));
        if (key is not null) db.Add(LoanIdempotencyKey.Of(key, l.Id, "approve", now));
        return await SaveOrReplayAsync(l, "approve", key, ct);
    }

    public async Task<Outcome<Loan>> RejectAsync(Guid id, string? reason, CancellationToken ct)
    {
        var l = await FindAsync(id, track: true, ct);
        if (l is null) return Outcome<Loan>.NotFound();
        if (string.IsNullOrWhiteSpace(reason)) return Outcome<Loan>.Invalid("reason", "loan.reasonRequired");
        if (reason.Trim().Length > 500) return Outcome<Loan>.Invalid("reason", "loan.reasonLength");
        if (l.Status != LoanStatus.Applied) return Refused("loan.notApplied");
        l.Reject(reason.Trim());
        db.Add(LoanEvent.Of(l.Id, "rejected", clock.GetUtcNow(), me.Name, null, reason.Trim()));
        return await SaveOrReplayAsync(l, "reject", null, ct);
    }

    /// <summary>Pays the loan out through the ledger; <paramref name="on"/> is the disbursement date (today by default, never in the future).</summary>
    public async Task<Outcome<Loan>> DisburseAsync(Guid id, string? key, DateOnly? on, CancellationToken ct, DateTimeOffset? at = null)
    {
        var l = await FindAsync(id, track: true, ct);
        if (l is null) return Outcome<Loan>.NotFound();
        if (await ReplayAsync(l, "disburse", key, ct) is { } replay) return replay;
        var today = at is { } a ? BeijingTime.DateOf(a) : Today;
        var date = on ?? today;
        if (date > today) return Outcome<Loan>.Invalid("on", "loan.dateFuture");
        if (l.Status != LoanStatus.Approved) return Refused("loan.notApproved");
        if (date < BeijingTime.DateOf(l.AppliedAt)) return Outcome<Loan>.Invalid("on", "loan.dateBeforeApplied");
        // Four-eyes: above the threshold the person who approved the loan (its "approved" event) may not also disburse it.
        var threshold = FourEyes.ThresholdFen(config);
        if (l.AmountFen > threshold)
        {
            var approver = await db.Set<LoanEvent>().Where(e => e.LoanId == l.Id && e.Kind == "approved").OrderByDescending(e => e.At).Select(e => e.Actor).FirstOrDefaultAsync(ct);
            if (!FourEyes.Allows(l.AmountFen, threshold, approver, me.Name)) return Refused(FourEyes.Code);
        }
        var now = at ?? clock.GetUtcNow();
        var r = await ledger.PayAsync(FundCodes.Loan, l.FundingUnitId, l.FundYear ?? date.Year, new Fen(l.AmountFen), new SourceRef(SourceType, l.Id), $"loan:pay:{l.Id}", ct);
        if (r.Code == LedgerCodes.InsufficientBudget) return Refused("loan.insufficientBudget");
        if (!r.IsOk) return Refused("loan.ledgerRefused");
        l.Disburse(r.Value, date);
        db.Add(LoanEvent.Of(l.Id, "disbursed", now, me.Name, l.AmountFen, date.ToString("yyyy-MM-dd")));
        if (key is not null) db.Add(LoanIdempotencyKey.Of(key, l.Id, "disburse", now));
        return await SaveOrReplayAsync(l, "disburse", key, ct);
    }

    /// <summary>
    /// Records a repayment once per key. It may not exceed the early-payoff amount as of its date; paying that amount in full
    /// repays the loan. The money returns to the funding unit's loan fund as budget (ledger allocation keyed by the repayment).
    /// </summary>
    public async Task<Outcome<Loan>> RepayAsync(Guid id, long? amountFen, DateOnly? on, string? key, CancellationToken ct, DateTimeOffset? at = null)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 150) return Outcome<Loan>.Invalid("Idempotency-Key", "loan.keyRequired");
        if (amountFen is null or <= 0) return Outcome<Loan>.Invalid("amountFen", "loan.amount");
        var l = await FindAsync(id, track: true, ct);
        if (l is null) return Outcome<Loan>.NotFound();
        var now = at ?? clock.GetUtcNow();
        var today = BeijingTime.DateOf(now);
        var seen = await db.Set<LoanRepayment>().AsNoTracking().FirstOrDefaultAsync(r => r.Key == key, ct);
        if (seen is not null)
        {
            if (seen.LoanId != l.Id) return Refused("loan.keyReused");
            await ReturnToFundAsync(l, seen, ct); // finishes a first attempt that stopped before the ledger
            return Outcome<Loan>.Ok(l, replayed: true);
        }
        if (l.Status != LoanStatus.Disbursed) return Refused("loan.notDisbursed");
        var date = on ?? today;
        if (date > today) return Outcome<Loan>.Invalid("on", "loan.dateFuture");
        if (date < l.DisbursedOn) return Outcome<Loan>.Invalid("on", "loan.dateBeforeDisbursed");
        var payoff = LoanRules.EarlyPayoff(l.Schedule(), l.RepaidFen, date);
        if (amountFen > payoff) return Outcome<Loan>.Invalid("amountFen", "loan.overpaid");
        l.Repay(amountFen.Value, payoff, date);
        var rep = LoanRepayment.Create(l.Id, date, amountFen.Value, key, me.Name, now);
        db.Add(rep);
        db.Add(LoanEvent.Of(l.Id, "repayment", now, me.Name, amountFen, date.ToString("yyyy-MM-dd")));
        if (l.Status == LoanStatus.Repaid) db.Add(LoanEvent.Of(l.Id, "repaid", now.AddMilliseconds(1), me.Name, l.RepaidFen)); // after the repayment that completes it
        var saved = await SaveOrReplayAsync(l, "repay", key, ct);
        if (saved.IsOk && !saved.Replayed) await ReturnToFundAsync(l, rep, ct);
        return saved;
    }

    /// <summary>
    /// Saves a state change. When a simultaneous request changed the loan first (version check) or recorded the same key
    /// (unique index), the loan is re-read: the same key answers as a replay, anything else is a conflict to retry.
    /// </summary>
    private async Task<Outcome<Loan>> SaveOrReplayAsync(Loan l, string action, string? key, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome<Loan>.Ok(l);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var fresh = await FindAsync(l.Id, track: false, ct);
            if (fresh is null) return Outcome<Loan>.NotFound();
            var done = key is not null && (action == "repay"
                ? await db.Set<LoanRepayment>().AnyAsync(r => r.Key == key && r.LoanId == l.Id, ct)
                : await db.Set<LoanIdempotencyKey>().AnyAsync(k => k.Key == key && k.LoanId == l.Id && k.Action == action, ct));
            return done ? Outcome<Loan>.Ok(fresh, replayed: true) : Refused("loan.concurrent");
        }
    }

    private Task<Outcome<Guid>> ReturnToFundAsync(Loan l, LoanRepayment r, CancellationToken ct) =>
        ledger.AllocateBudgetAsync(FundCodes.Loan, l.FundingUnitId, r.On.Year, new Fen(r.AmountFen), $"loan:repay:{r.Id}", ct);

    // ---- reminders ----

    /// <summary>
    /// Queues reminders as of a day for every disbursed loan (in the caller's scope, or all for the daily job): instalments due
    /// within <paramref name="daysAhead"/> days and overdue ones. One reminder per (loan, instalment, kind), kept by a unique index.
    /// </summary>
    public async Task<int> QueueRemindersAsync(DateOnly asOf, int daysAhead, bool allUnits, CancellationToken ct)
    {
        var loans = allUnits ? db.Set<Loan>().AsQueryable() : await LoansInScopeAsync(ct);
        var active = await loans.AsNoTracking().Where(l => l.Status == LoanStatus.Disbursed).ToListAsync(ct);
        if (active.Count == 0) return 0;
        var ids = active.Select(l => l.Id).ToList();
        var repayments = new List<LoanRepayment>();
        var existing = new HashSet<(Guid, int, ReminderKind)>();
        foreach (var chunk in ids.Chunk(500))
        {
            repayments.AddRange(await db.Set<LoanRepayment>().AsNoTracking().Where(r => chunk.Contains(r.LoanId)).ToListAsync(ct));
            foreach (var r in await db.Set<LoanReminder>().AsNoTracking().Where(r => chunk.Contains(r.LoanId)).Select(r => new { r.LoanId, r.InstalmentNo, r.Kind }).ToListAsync(ct))
                existing.Add((r.LoanId, r.InstalmentNo, r.Kind));
        }
        var byLoan = repayments.ToLookup(r => r.LoanId);
        var now = clock.GetUtcNow();
        // Each reminder and its SMS (a platform outbox message) are written in the same SaveChanges: both or neither.
        var fresh = new List<(LoanReminder Reminder, OutboxMessage Sms)>();
        foreach (var l in active)
        {
            var repaid = byLoan[l.Id].Where(r => r.On <= asOf).Sum(r => r.AmountFen);
            foreach (var due in LoanRules.RemindersDue(l.Schedule(), repaid, asOf, daysAhead))
            {
                if (!existing.Add((l.Id, due.No, due.Kind))) continue;
                var reminder = LoanReminder.Create(l, due, ReminderText(l, due), now);
                fresh.Add((reminder, LoanReminder.Message(reminder, l.ContactCipher)));
            }
        }
        if (fresh.Count == 0) return 0;
        foreach (var (r, sms) in fresh) db.AddRange(r, sms);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            // Another run queued some of the same reminders meanwhile: the unique index kept one; add the rest one by one.
            db.ChangeTracker.Clear();
            var added = 0;
            foreach (var (r, sms) in fresh)
            {
                if (await db.Set<LoanReminder>().AnyAsync(x => x.LoanId == r.LoanId && x.InstalmentNo == r.InstalmentNo && x.Kind == r.Kind, ct)) continue;
                db.AddRange(r, sms);
                try { await db.SaveChangesAsync(ct); added++; } catch (DbUpdateException) { db.ChangeTracker.Clear(); }
            }
            return added;
        }
        return fresh.Count;
    }

    // The text goes to the borrower by SMS, so it is Chinese (the language of the borrower's phone), like the hotline's.
    private static string ReminderText(Loan l, ReminderDue d) => d.Kind == ReminderKind.DueSoon
        ? $"【工会创业贷款】{l.ApplicantName}：第{d.No}期还款 {new Fen(d.AmountFen)} 将于 {d.DueOn:yyyy-MM-dd} 到期，请按时还款。"
        : $"【工会创业贷款】{l.ApplicantName}：第{d.No}期还款 {new Fen(d.AmountFen)} 已逾期 {d.Days} 天（应还日 {d.DueOn:yyyy-MM-dd}），请尽快还款。";
}
