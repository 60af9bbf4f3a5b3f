using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.MutualAid.Claims;
using Gonghui.Modules.MutualAid.Plans;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Money;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.MutualAid;

public sealed record ClaimInput(Guid? PlanId, Guid? MemberId, DateOnly? AdmittedOn, string? Hospital, string? Diagnosis, long? TotalFen, long? InsuranceCoveredFen, long? SelfPaidFen);

/// <summary>Mutual-aid use cases shared by the API and the pages: enrol, file, approve (ledger commit), pay (ledger pay), reject.</summary>
internal sealed class MutualAidService(GonghuiDb db, CurrentUser me, IFundLedger ledger, TimeProvider clock, IConfiguration config)
{
    public const string SourceType = "MutualAidClaim";
    public DateOnly Today => BeijingTime.Today(clock);

    // No AsNoTracking here: used as a subquery, it would make the whole outer query untracked.
    public IQueryable<UnitRow> UnitsInScope(string scope) => db.UnitRows().InScope(scope, u => u.Path);

    public async Task<IQueryable<MutualAidClaim>> ClaimsInScopeAsync(CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var units = UnitsInScope(scope).Select(u => u.Id);
        return db.Set<MutualAidClaim>().AsNoTracking().Where(c => units.Contains(c.UnionId));
    }

    public async Task<MutualAidClaim?> ClaimAsync(Guid id, bool track, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var units = UnitsInScope(scope).Select(u => u.Id);
        var q = db.Set<MutualAidClaim>().Where(c => c.Id == id && units.Contains(c.UnionId));
        return await (track ? q : q.AsNoTracking()).FirstOrDefaultAsync(ct);
    }

    // ---- plans ----

    /// <summary>Every plan (plans are city-wide), newest year first; narrowed to one year when asked.</summary>
    public Task<List<MutualAidPlan>> PlansAsync(int? year, CancellationToken ct) =>
        db.Set<MutualAidPlan>().AsNoTracking().Where(p => year == null || p.Year == year).OrderByDescending(p => p.Year).ThenBy(p => p.Kind).ToListAsync(ct);

    /// <summary>Every plan with the number of its enrolments in the caller's subtree.</summary>
    public async Task<List<(MutualAidPlan Plan, int Enrolled)>> PlansWithCountsAsync(int? year, CancellationToken ct)
    {
        var plans = await PlansAsync(year, ct);
        var units = UnitsInScope(await me.ScopePathAsync(ct)).Select(u => u.Id);
        var ids = plans.Select(p => p.Id).ToList();
        var counts = await db.Set<MutualAidEnrolment>().Where(e => ids.Contains(e.PlanId) && units.Contains(e.UnionId)).GroupBy(e => e.PlanId)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        return plans.Select(p => (p, counts.GetValueOrDefault(p.Id))).ToList();
    }

    /// <summary>A plan's enrolment page: the plan, its enrolments in the caller's subtree, and up to 200 active members there not yet enrolled (by name); null when unknown.</summary>
    public async Task<(MutualAidPlan Plan, int Enrolled, List<MemberRow> Candidates)?> PlanEnrolmentAsync(Guid planId, CancellationToken ct)
    {
        var plan = await db.Set<MutualAidPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null) return null;
        var units = UnitsInScope(await me.ScopePathAsync(ct)).Select(u => u.Id);
        var enrolled = db.Set<MutualAidEnrolment>().Where(e => e.PlanId == plan.Id).Select(e => e.MemberId);
        var count = await db.Set<MutualAidEnrolment>().CountAsync(e => e.PlanId == plan.Id && units.Contains(e.UnionId), ct);
        var candidates = await db.MemberRows().Where(m => units.Contains(m.UnionId) && m.Status == MemberStatus.Active && !enrolled.Contains(m.Id))
            .OrderBy(m => m.Name).Take(200).ToListAsync(ct);
        return (plan, count, candidates);
    }

    /// <summary>The members a claim may be filed for: enrolled in the plan within the caller's subtree, up to 500 by name.</summary>
    public async Task<List<MemberRow>> EnrolledMembersAsync(Guid planId, CancellationToken ct)
    {
        var units = UnitsInScope(await me.ScopePathAsync(ct)).Select(u => u.Id);
        var enrolled = db.Set<MutualAidEnrolment>().Where(e => e.PlanId == planId && units.Contains(e.UnionId)).Select(e => e.MemberId);
        return await db.MemberRows().Where(m => enrolled.Contains(m.Id)).OrderBy(m => m.Name).Take(500).ToListAsync(ct);
    }

    /// <summary>Plans a staff member can take claims into: those with members enrolled in their scope, newest year first.</summary>
    public async Task<List<MutualAidPlan>> PlansWithEnrolmentsInScopeAsync(CancellationToken ct)
    {
        var units = UnitsInScope(await me.ScopePathAsync(ct)).Select(u => u.Id);
        // EXISTS per plan (a handful of plans a year): the database can stop at the first enrolment in scope.
        return await db.Set<MutualAidPlan>().AsNoTracking().Where(p => db.Set<MutualAidEnrolment>().Any(e => e.PlanId == p.Id && units.Contains(e.UnionId))).OrderByDescending(p => p.Year).ThenBy(p => p.Kind).ThenBy(p => p.Code).ToListAsync(ct);
    }

    /// <summary>
    /// Checks a new plan field by field (every error at once, as codes keyed by the API's field names) and saves it.
    /// The rules' own checks come from <see cref="PlanRules"/>; a code taken by a concurrent request is caught by the unique index.
    /// </summary>
    public async Task<Outcome<MutualAidPlan>> CreatePlanAsync(CreatePlanRequest body, CancellationToken ct)
    {
        var errors = new List<(string Field, string Code)>();
        var code = body.Code?.Trim() ?? "";
        if (code.Length is 0 or > 40 || await db.Set<MutualAidPlan>().AnyAsync(p => p.Code == code, ct)) errors.Add(("code", "plan.code"));
        if (body.Year is null or < 2000 or > 2100) errors.Add(("year", "plan.year"));
        if (body.Kind is null || !Enum.IsDefined(body.Kind.Value)) errors.Add(("kind", "plan.kind"));
        var name = body.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200) errors.Add(("name", "plan.name"));
        if (body.FeeFen is null or < 0) errors.Add(("feeFen", "plan.fee"));
        if (body.EnrolFrom is null) errors.Add(("enrolFrom", "plan.windowFrom"));
        if (body.EnrolTo is null || body.EnrolTo < body.EnrolFrom) errors.Add(("enrolTo", "plan.window"));
        if (body.WaitingDays is null or < 0 or > 365) errors.Add(("waitingDays", "plan.waitingDays"));
        var bands = body.Bands ?? [];
        var rules = new PlanRules(body.DeductibleFen ?? -1, bands, body.PerClaimCapFen ?? 0, body.PerYearCapFen ?? 0);
        // Validate() stops at its first error: ask the bands separately so a form shows a cap error and a band error together.
        if (rules.Validate() is { } re && !re.StartsWith("plan.bands", StringComparison.Ordinal)) errors.Add((re[5..] + "Fen", re));
        if (PlanRules.Validate(bands) is { } be) errors.Add(("bands", be));
        if (errors.Count > 0) return Outcome<MutualAidPlan>.Invalid(errors);
        var plan = MutualAidPlan.Create(code, body.Year!.Value, body.Kind!.Value, name, body.FeeFen!.Value, body.EnrolFrom!.Value, body.EnrolTo!.Value, body.WaitingDays!.Value, rules);
        db.Add(plan);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(plan).State = EntityState.Detached;
            if (!await db.Set<MutualAidPlan>().AsNoTracking().AnyAsync(p => p.Code == code, ct)) throw;
            return Outcome<MutualAidPlan>.Invalid("code", "plan.code");
        }
        return Outcome<MutualAidPlan>.Ok(plan);
    }

    /// <summary>The district or industry union above a unit (the unit itself at depth ≤ 1): its fund pays the unit's claims.</summary>
    public async Task<Guid> FundingUnitAsync(Guid unionId, CancellationToken ct)
    {
        var path = await db.UnitRows().Where(u => u.Id == unionId).Select(u => u.Path).FirstAsync(ct);
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var top = "/" + string.Join("/", parts.Take(Math.Min(2, parts.Length))) + "/";
        return await db.UnitRows().Where(u => u.Path == top).Select(u => u.Id).FirstAsync(ct);
    }

    /// <summary>What the member was granted (approved or paid) in the plan: the accumulator row, else the sum of the claims.</summary>
    /// <summary>The rules of the given plans, by plan id (plans are immutable).</summary>
    public async Task<Dictionary<Guid, PlanRules>> PlanRulesAsync(IEnumerable<Guid> planIds, CancellationToken ct)
    {
        var ids = planIds.Distinct().ToList();
        var plans = await db.Set<MutualAidPlan>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        return plans.ToDictionary(p => p.Id, p => p.Rules());
    }

    public async Task<long> GrantedThisYearAsync(Guid memberId, Guid planId, CancellationToken ct)
    {
        var row = await db.Set<MemberYearTotal>().AsNoTracking().Where(t => t.PlanId == planId && t.MemberId == memberId).Select(t => (long?)t.GrantedFen).FirstOrDefaultAsync(ct);
        return row ?? await SumGrantedAsync(memberId, planId, ct);
    }

    private Task<long> SumGrantedAsync(Guid memberId, Guid planId, CancellationToken ct) =>
        db.Set<MutualAidClaim>().Where(c => c.MemberId == memberId && c.PlanId == planId && (c.Status == ClaimStatus.Approved || c.Status == ClaimStatus.Paid))
            .SumAsync(c => c.PayoutFen, ct);

    /// <summary>Opens the member's accumulator for the plan (from the claims already granted) if it is missing; a concurrent opener winning is fine.</summary>
    private async Task EnsureYearTotalAsync(Guid memberId, Guid planId, int year, CancellationToken ct)
    {
        if (await db.Set<MemberYearTotal>().AnyAsync(t => t.PlanId == planId && t.MemberId == memberId, ct)) return;
        var row = MemberYearTotal.Open(planId, memberId, year, await SumGrantedAsync(memberId, planId, ct));
        db.Add(row);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { } // another approval opened it first (unique (plan, member))
        finally { db.Entry(row).State = EntityState.Detached; }
    }

    // ---- enrolment ----

    public sealed record EnrolResult(int Enrolled, int AlreadyEnrolled, IReadOnlyList<Guid> NotFound);

    /// <summary>Enrols members of units in the caller's scope; members already enrolled are counted, not re-enrolled.</summary>
    public async Task<Outcome<EnrolResult>> EnrolAsync(Guid planId, IReadOnlyCollection<Guid> memberIds, CancellationToken ct)
    {
        var plan = await db.Set<MutualAidPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null) return Outcome<EnrolResult>.NotFound();
        if (memberIds.Count == 0) return Outcome<EnrolResult>.Invalid("memberIds", "enrol.noMembers");
        if (memberIds.Count > 5000) return Outcome<EnrolResult>.Invalid("memberIds", "enrol.tooMany");
        var today = Today;
        if (EnrolmentRules.CanEnrol(today, plan.EnrolFrom, plan.EnrolTo) is { } closed) return Outcome<EnrolResult>.Conflict(closed);
        var scope = await me.ScopePathAsync(ct);
        var units = UnitsInScope(scope).Select(u => u.Id);
        var ids = memberIds.Distinct().ToList();
        var members = await db.MemberRows().Where(m => ids.Contains(m.Id) && units.Contains(m.UnionId) && m.Status == MemberStatus.Active)
            .Select(m => new { m.Id, m.UnionId }).ToListAsync(ct);
        var found = members.Select(m => m.Id).ToHashSet();
        var already = (await db.Set<MutualAidEnrolment>().Where(e => e.PlanId == planId && ids.Contains(e.MemberId)).Select(e => e.MemberId).ToListAsync(ct)).ToHashSet();
        // A renewal: enrolled in a plan of the same kind the year before — no waiting period.
        var prevPlans = db.Set<MutualAidPlan>().Where(p => p.Kind == plan.Kind && p.Year == plan.Year - 1).Select(p => p.Id);
        var renewing = (await db.Set<MutualAidEnrolment>().Where(e => prevPlans.Contains(e.PlanId) && ids.Contains(e.MemberId)).Select(e => e.MemberId).ToListAsync(ct)).ToHashSet();
        var fresh = members.Where(m => !already.Contains(m.Id)).Select(m => MutualAidEnrolment.Create(plan, m.Id, m.UnionId, today, renewing.Contains(m.Id), me.Name)).ToList();
        db.AddRange(fresh);
        await db.SaveChangesAsync(ct);
        return Outcome<EnrolResult>.Ok(new EnrolResult(fresh.Count, members.Count - fresh.Count, ids.Where(i => !found.Contains(i)).ToList()));
    }

    // ---- claims ----

    public async Task<Outcome<MutualAidClaim>> FileAsync(ClaimInput input, CancellationToken ct)
    {
        if (input.PlanId is null) return Outcome<MutualAidClaim>.Invalid("planId", "claim.planRequired");
        if (input.MemberId is null) return Outcome<MutualAidClaim>.Invalid("memberId", "claim.memberRequired");
        if (input.AdmittedOn is null) return Outcome<MutualAidClaim>.Invalid("admittedOn", "claim.admittedOnRequired");
        if (input.AdmittedOn > Today) return Outcome<MutualAidClaim>.Invalid("admittedOn", "claim.admittedOnFuture");
        var hospital = input.Hospital?.Trim() ?? "";
        if (hospital.Length is 0 or > 200) return Outcome<MutualAidClaim>.Invalid("hospital", "claim.hospitalRequired");
        var bill = new Bill(input.TotalFen ?? 0, input.InsuranceCoveredFen ?? 0, input.SelfPaidFen ?? 0);
        if (PayoutRules.ValidateBill(bill) is { } billError) return Outcome<MutualAidClaim>.Invalid(BillField(billError), billError);
        var plan = await db.Set<MutualAidPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == input.PlanId, ct);
        if (plan is null) return Outcome<MutualAidClaim>.Invalid("planId", "claim.planUnknown");
        var scope = await me.ScopePathAsync(ct);
        var units = UnitsInScope(scope).Select(u => u.Id);
        var member = await db.MemberRows().Where(m => m.Id == input.MemberId && units.Contains(m.UnionId)).Select(m => new { m.Id, m.Name, m.UnionId }).FirstOrDefaultAsync(ct);
        if (member is null) return Outcome<MutualAidClaim>.Invalid("memberId", "claim.memberUnknown");
        var enrolment = await db.Set<MutualAidEnrolment>().AsNoTracking().FirstOrDefaultAsync(e => e.PlanId == plan.Id && e.MemberId == member.Id, ct);
        if (enrolment is null) return Outcome<MutualAidClaim>.Invalid("memberId", "claim.notEnrolled");
        if (EnrolmentRules.CanClaim(plan.Year, enrolment.CoverStart, input.AdmittedOn.Value) is { } dateError) return Outcome<MutualAidClaim>.Invalid("admittedOn", dateError);
        var granted = await GrantedThisYearAsync(member.Id, plan.Id, ct);
        var payout = PayoutRules.Compute(plan.Rules(), bill, granted);
        var claim = MutualAidClaim.File(plan.Id, plan.Year, member.Id, member.Name, member.UnionId, await FundingUnitAsync(member.UnionId, ct), input.AdmittedOn.Value,
            hospital, string.IsNullOrWhiteSpace(input.Diagnosis) ? null : input.Diagnosis.Trim(), bill, granted, payout, clock.GetUtcNow(), me.Name);
        db.Add(claim);
        await db.SaveChangesAsync(ct);
        return Outcome<MutualAidClaim>.Ok(claim);
    }

    internal static string BillField(string code) => code switch
    {
        "bill.insuranceCovered" => "insuranceCoveredFen",
        "bill.selfPaid" or "bill.partsExceedTotal" => "selfPaidFen",
        _ => "totalFen",
    };

    private const int MaxApproveAttempts = 60;

    /// <summary>
    /// Recomputes against what is left of the member's yearly cap, reserves the payout in the funding unit's mutual-aid fund,
    /// and approves — all in one transaction. The member's accumulator moves by a conditional UPDATE on its version: when
    /// another approval of the same member committed in between, this one rolls back and is recomputed against the new total.
    /// </summary>
    public async Task<Outcome<MutualAidClaim>> ApproveAsync(Guid id, string? key, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1) db.ChangeTracker.Clear(); // forget the losing attempt's state
            var claim = await ClaimAsync(id, track: true, ct);
            if (claim is null) return Outcome<MutualAidClaim>.NotFound();
            if (claim.Status != ClaimStatus.Submitted)
                return key is not null && claim.ApproveKey == key ? Outcome<MutualAidClaim>.Ok(claim, replayed: true) : Outcome<MutualAidClaim>.Conflict("claim.notSubmitted");
            var plan = await db.Set<MutualAidPlan>().AsNoTracking().FirstAsync(p => p.Id == claim.PlanId, ct);
            await EnsureYearTotalAsync(claim.MemberId, claim.PlanId, claim.Year, ct);
            Outcome<MutualAidClaim>? done;
            try
            {
                done = await TryApproveAsync(claim, plan, key, ct);
            }
            catch (Exception e) when (IsWriteConflict(e) && attempt < MaxApproveAttempts)
            {
                done = null;
            }
            if (done is not null) return done;
            if (attempt >= MaxApproveAttempts) return Outcome<MutualAidClaim>.Conflict("claim.busy");
            await Task.Delay(Random.Shared.Next(1, 5 + 2 * attempt), ct);
        }
    }

    /// <summary>One attempt; null when another approval of the same member won the race (nothing was written).</summary>
    private async Task<Outcome<MutualAidClaim>?> TryApproveAsync(MutualAidClaim claim, MutualAidPlan plan, string? key, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var total = await db.Set<MemberYearTotal>().AsNoTracking().Where(t => t.PlanId == claim.PlanId && t.MemberId == claim.MemberId)
            .Select(t => new { t.GrantedFen, t.Version }).FirstAsync(ct);
        claim.Recompute(PayoutRules.Compute(plan.Rules(), claim.Bill, total.GrantedFen), total.GrantedFen);
        if (claim.PayoutFen <= 0) { await tx.RollbackAsync(ct); return Outcome<MutualAidClaim>.Conflict("claim.nothingToPay"); }
        var amount = claim.PayoutFen;
        var moved = await db.Set<MemberYearTotal>()
            .Where(t => t.PlanId == claim.PlanId && t.MemberId == claim.MemberId && t.Version == total.Version)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.GrantedFen, t => t.GrantedFen + amount).SetProperty(t => t.Version, t => t.Version + 1), ct);
        if (moved != 1) { await tx.RollbackAsync(ct); return null; }
        // The ledger joins this transaction; its key is derived from the claim, so a retry never reserves twice.
        var r = await ledger.CommitAsync(FundCodes.MutualAid, claim.FundingUnitId, claim.Year, new Fen(amount), new SourceRef(SourceType, claim.Id), $"mutual-aid:commit:{claim.Id}", ct);
        if (r.Code == LedgerCodes.InsufficientBudget) { await tx.RollbackAsync(ct); return Outcome<MutualAidClaim>.Conflict("claim.insufficientBudget"); }
        if (!r.IsOk) { await tx.RollbackAsync(ct); return Outcome<MutualAidClaim>.Conflict("claim.ledgerRefused"); }
        claim.Approve(r.Value, key ?? $"approve:{claim.Id}", me.Name, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<MutualAidClaim>.Ok(claim);
    }

    /// <summary>A write that lost a race: SQLite busy/locked, a PostgreSQL serialization failure or deadlock, or a stale EF row version.</summary>
    private static bool IsWriteConflict(Exception e) => e switch
    {
        DbUpdateConcurrencyException => true,
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode is 5 or 6,
        Npgsql.PostgresException p => p.SqlState is "40001" or "40P01",
        DbUpdateException { InnerException: { } inner } => IsWriteConflict(inner),
        _ => false,
    };

    public async Task<Outcome<MutualAidClaim>> PayAsync(Guid id, string? key, CancellationToken ct)
    {
        var claim = await ClaimAsync(id, track: true, ct);
        if (claim is null) return Outcome<MutualAidClaim>.NotFound();
        if (claim.Status != ClaimStatus.Approved)
            return key is not null && claim.PayKey == key ? Outcome<MutualAidClaim>.Ok(claim, replayed: true) : Outcome<MutualAidClaim>.Conflict("claim.notApproved");
        // Four-eyes: above the threshold the person who approved the claim may not also pay it.
        if (!FourEyes.Allows(claim.PayoutFen, FourEyes.ThresholdFen(config), claim.DecidedBy, me.Name)) return Outcome<MutualAidClaim>.Conflict(FourEyes.Code);
        var r = await ledger.PayAsync(FundCodes.MutualAid, claim.FundingUnitId, claim.Year, new Fen(claim.PayoutFen), new SourceRef(SourceType, claim.Id), $"mutual-aid:pay:{claim.Id}", ct);
        if (r.Code == LedgerCodes.InsufficientBudget) return Outcome<MutualAidClaim>.Conflict("claim.insufficientBudget");
        if (!r.IsOk) return Outcome<MutualAidClaim>.Conflict("claim.ledgerRefused");
        claim.MarkPaid(r.Value, key ?? $"pay:{claim.Id}", clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Outcome<MutualAidClaim>.Ok(claim);
    }

    public async Task<Outcome<MutualAidClaim>> RejectAsync(Guid id, string? reason, CancellationToken ct)
    {
        var claim = await ClaimAsync(id, track: true, ct);
        if (claim is null) return Outcome<MutualAidClaim>.NotFound();
        if (string.IsNullOrWhiteSpace(reason)) return Outcome<MutualAidClaim>.Invalid("reason", "claim.reasonRequired");
        if (reason.Trim().Length > 500) return Outcome<MutualAidClaim>.Invalid("reason", "claim.reasonLength");
        if (claim.Status != ClaimStatus.Submitted) return Outcome<MutualAidClaim>.Conflict("claim.notSubmitted");
        claim.Reject(reason, me.Name, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Outcome<MutualAidClaim>.Ok(claim);
    }
}
