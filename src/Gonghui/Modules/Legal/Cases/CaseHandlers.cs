using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Legal.Roster;
using Gonghui.Modules.Legal.Rules;
using Gonghui.Platform.Calendars;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Security;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Legal.Cases;

public sealed record ClaimInput(ClaimKind? Kind, long? ClaimedFen);
public sealed record LimitationEventInput(LimitationEventKind? Kind, DateOnly? On, DateOnly? Until, string? Note);

/// <summary>A new case: who, against whom, what is claimed, and the dates known so far.</summary>
public sealed record OpenCaseInput(CaseType? Type, CaseChannel? Channel, string? Summary, string? WorkerName, string? WorkerPhone, Guid? MemberId, int? Workers,
    Guid? EmployerId, string? EmployerName, string? EmployerCreditCode, string? Industry, DateOnly? ReceivedOn, DateOnly? KnewOn, DateOnly? EmploymentEndedOn,
    List<ClaimInput>? Claims, List<LimitationEventInput>? LimitationEvents, Guid? HotlineRequestId);

/// <summary>The dated steps of a case as they stand now (the whole set: a step left out is cleared).</summary>
public sealed record StepsInput(DateOnly? KnewOn, DateOnly? EmploymentEndedOn, DateOnly? MediationAppliedOn, DateOnly? MediationEndedOn,
    DateOnly? ArbitrationAppliedOn, DateOnly? AcceptedOn, bool? ExtensionApproved, DateOnly? AwardedOn, List<LimitationEventInput>? LimitationEvents);

public sealed record RecoveredInput(Guid? ClaimId, long? RecoveredFen, string? OverClaimReason);
public sealed record CloseCaseInput(CaseDisposition? Outcome, DateOnly? ClosedOn, string? Note, int? Satisfaction, List<RecoveredInput>? Recovered);

/// <summary>A case with what the rules say about it now: its claims, limitation events, running deadlines and limitation.</summary>
public sealed record CaseView(LegalCase Case, IReadOnlyList<LegalClaim> Claims, IReadOnlyList<LimitationEventRow> Events,
    IReadOnlyList<Deadline> Deadlines, LimitationResult Limitation, string? LawyerName);

/// <summary>Filters of the case list.</summary>
/// <param name="Drill">The report's drill-down (issue 19): cases received in the period, handled within the unit's subtree (as legal.cases counts them).</param>
public sealed record CaseFilter(CaseType? Type = null, bool? Open = null, ClaimKind? Claim = null, Guid? LawyerId = null, string? Q = null, bool ByDeadline = false,
    DrillFilter? Drill = null);

/// <summary>
/// Legal-aid and mediation use cases, shared by the API and the pages: open a case, record its steps (the clocks follow),
/// assign a lawyer after the conflict check, close it with the recovered amounts. Staff see cases in their organisation
/// scope; a worker sees their own.
/// </summary>
internal sealed class CaseHandlers(GonghuiDb db, CurrentUser me, PersonalDataProtector protector, TimeProvider clock, CalendarService calendars)
{
    public DateOnly Today => BeijingTime.Today(clock);
    private WorkCalendar Calendar => calendars.Current;

    /// <summary>Cases the caller may see: staff their subtree, a worker the cases opened for their membership.</summary>
    public async Task<IQueryable<LegalCase>> VisibleAsync(CancellationToken ct)
    {
        var q = db.Set<LegalCase>().AsNoTracking();
        if (me.IsStaff) return q.InScope(await me.ScopePathAsync(ct), c => c.ScopePath);
        return me.MemberId is { } member ? q.Where(c => c.MemberId == member) : q.Where(c => false);
    }

    /// <summary>The report's drill-down filters of the list, checked (a unit out of the caller's scope is an error naming <c>unit</c>).</summary>
    public async Task<DrillFilter?> DrillAsync(DateOnly? from, DateOnly? to, Guid? unit, Api.Errors errors, CancellationToken ct) =>
        await DrillFilter.ForCallerAsync(db, me, from, to, unit, errors, ct);

    /// <summary>One page of the list: newest first, or by the next statutory deadline (soonest first, open cases with a clock only).</summary>
    public async Task<Slice<LegalCase>> ListAsync(CaseFilter f, KeysetRequest request, CancellationToken ct)
    {
        var q = await VisibleAsync(ct);
        if (f.Type is { } type) q = q.Where(c => c.Type == type);
        if (f.Open is true) q = q.Where(c => c.ClosedOn == null);
        if (f.Open is false) q = q.Where(c => c.ClosedOn != null);
        if (f.LawyerId is { } lawyer) q = q.Where(c => c.LawyerId == lawyer);
        if (f.Drill?.From is { } from) q = q.Where(c => c.ReceivedOn >= from);
        if (f.Drill?.To is { } to) q = q.Where(c => c.ReceivedOn < to);
        if (f.Drill?.UnitPath is { } unitPath) q = q.InScope(unitPath, c => c.ScopePath);
        if (f.Claim is { } kind) q = q.Where(c => db.Set<LegalClaim>().Any(x => x.CaseId == c.Id && x.Kind == kind));
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var text = f.Q.Trim();
            q = q.Where(c => c.Number == text || c.WorkerName.Contains(text) || c.EmployerName.Contains(text));
        }
        if (f.ByDeadline)
            return await q.Where(c => c.NextDue != null)
                .SliceAsync(request, c => c.NextDue!.Value, c => c.Id, descending: false, rows => rows, c => c.NextDue!.Value, c => c.Id, ct);
        return await q.SliceAsync(request, c => c.CreatedAt, c => c.Id, descending: true, rows => rows, c => c.CreatedAt, c => c.Id, ct);
    }

    public async Task<CaseView?> GetAsync(Guid id, CancellationToken ct)
    {
        var c = await (await VisibleAsync(ct)).FirstOrDefaultAsync(x => x.Id == id, ct);
        return c is null ? null : await ViewAsync(c, ct);
    }

    private async Task<CaseView> ViewAsync(LegalCase c, CancellationToken ct)
    {
        var claims = await db.Set<LegalClaim>().AsNoTracking().Where(x => x.CaseId == c.Id).OrderBy(x => x.Id).ToListAsync(ct);
        var events = await db.Set<LimitationEventRow>().AsNoTracking().Where(x => x.CaseId == c.Id).OrderBy(x => x.On).ThenBy(x => x.Id).ToListAsync(ct);
        var limitation = LimitationOf(c, claims, events);
        var lawyer = c.LawyerId is { } lid ? await db.Set<Lawyer>().AsNoTracking().Where(l => l.Id == lid).Select(l => l.Name).FirstOrDefaultAsync(ct) : null;
        return new CaseView(c, claims, events, CaseRules.Running(c.Dates, limitation, Calendar), limitation, lawyer);
    }

    private LimitationResult LimitationOf(LegalCase c, IEnumerable<LegalClaim> claims, IEnumerable<LimitationEventRow> events) =>
        StatutoryClocks.Limitation(new LimitationFacts(c.KnewOn, c.WageArrears(claims), c.EmploymentEndedOn, events.Select(e => e.ToRule()).ToList()), Calendar);

    /// <summary>
    /// A lawyer's or mediator's own cases ("my cases, my deadlines"): those assigned to the roster entries linked to the caller's account, open
    /// ones first by their next statutory deadline (none last), then the latest closed ones; at most 200.
    /// </summary>
    public async Task<IReadOnlyList<LegalCase>> AssignedToMeAsync(CancellationToken ct)
    {
        if (me.UserId is not { } user) return [];
        var mine = db.Set<Lawyer>().Where(l => l.AccountId == user).Select(l => (Guid?)l.Id);
        var assigned = db.Set<LegalCase>().AsNoTracking().Where(c => mine.Contains(c.LawyerId));
        var open = await assigned.Where(c => c.ClosedOn == null).OrderBy(c => c.NextDue == null).ThenBy(c => c.NextDue).ThenBy(c => c.Id).Take(200).ToListAsync(ct);
        var closed = await assigned.Where(c => c.ClosedOn != null).OrderByDescending(c => c.ClosedOn).ThenByDescending(c => c.Id).Take(Math.Max(0, 200 - open.Count)).ToListAsync(ct);
        return [.. open, .. closed];
    }

    /// <summary>The year's statistics over the cases the caller may see.</summary>
    public async Task<CaseStats> StatsAsync(int year, CancellationToken ct) =>
        await CaseStatistics.ComputeAsync(await VisibleAsync(ct), db.Set<LegalClaim>().AsNoTracking(), db.Set<Lawyer>().AsNoTracking(), year, ct);

    /// <summary>The worker's phone in full, for staff who may see the case (the reveal is audited by the caller's page or endpoint).</summary>
    public string? PhoneOf(LegalCase c) => c.WorkerPhoneCipher is { } cipher ? protector.Decrypt(cipher) : null;

    public async Task<Outcome<LegalCase>> OpenAsync(OpenCaseInput input, CancellationToken ct)
    {
        if (me.OrgUnitId is not { } unitId) return Outcome<LegalCase>.Conflict("case.noUnit");
        var errors = new List<(string, string)>();
        var today = Today;
        if (input.Type is not { } type || !Enum.IsDefined(type)) errors.Add(("type", "required"));
        if (input.Channel is not { } channel || !Enum.IsDefined(channel)) errors.Add(("channel", "required"));
        var worker = input.WorkerName?.Trim() ?? "";
        if (worker.Length is 0 or > 100) errors.Add(("workerName", worker.Length == 0 ? "required" : "too-long"));
        var employer = input.EmployerName?.Trim() ?? "";
        if (employer.Length is 0 or > 200) errors.Add(("employerName", employer.Length == 0 ? "required" : "too-long"));
        string? code = null;
        if (!string.IsNullOrWhiteSpace(input.EmployerCreditCode))
        {
            if (CreditCode.TryParse(input.EmployerCreditCode, out var normalized, out _)) code = normalized;
            else errors.Add(("employerCreditCode", "credit-code-invalid"));
        }
        (string, string, string)? phone = null;
        if (!string.IsNullOrWhiteSpace(input.WorkerPhone))
        {
            if (MobilePhone.TryParse(input.WorkerPhone, out var p)) phone = (protector.Encrypt(p), protector.Hash(p), MobilePhone.Mask(p));
            else errors.Add(("workerPhone", "phone-invalid"));
        }
        var summary = input.Summary?.Trim() ?? "";
        if (summary.Length > 2000) errors.Add(("summary", "too-long"));
        if (input.Workers is < 1 or > 100_000) errors.Add(("workers", "out-of-range"));
        if (input.ReceivedOn is null) errors.Add(("receivedOn", "required"));
        if (input.KnewOn is null) errors.Add(("knewOn", "required"));
        var claims = input.Claims ?? [];
        if (claims.Count == 0 && input.Type != CaseType.Consultation) errors.Add(("claims", "required"));
        for (var i = 0; i < claims.Count; i++)
        {
            if (claims[i].Kind is not { } k || !Enum.IsDefined(k)) errors.Add(($"claims[{i}].kind", "required"));
            if (claims[i].ClaimedFen is not { } fen) errors.Add(($"claims[{i}].claimedFen", "required"));
            else errors.AddRange(CaseRules.ValidateClaim(new ClaimAmounts(ClaimKind.Compensation, fen, null, null), i));
        }
        var events = ToRules(input.LimitationEvents, errors);
        if (input.ReceivedOn is { } received && input.KnewOn is { } knew)
        {
            errors.AddRange(CaseRules.Validate(new CaseDates(received), today));
            errors.AddRange(StatutoryClocks.Validate(new LimitationFacts(knew, false, input.EmploymentEndedOn, events), today));
        }
        if (errors.Count > 0) return Outcome<LegalCase>.Invalid(errors);

        var scope = await me.ScopePathAsync(ct);
        var id = Guid.CreateVersion7();
        var c = LegalCase.Open(id, NumberOf(input.ReceivedOn!.Value, id), input.Type!.Value, input.Channel!.Value, unitId, scope, summary, worker, input.MemberId,
            phone, input.Workers ?? 1, input.EmployerId, employer, code, input.Industry?.Trim(), input.ReceivedOn.Value, input.KnewOn!.Value,
            input.EmploymentEndedOn, input.HotlineRequestId, clock.GetUtcNow(), me.Name);
        var claimRows = claims.Select(x => LegalClaim.Of(id, x.Kind!.Value, x.ClaimedFen!.Value)).ToList();
        var eventRows = (input.LimitationEvents ?? []).Select(e => LimitationEventRow.Of(id, e.Kind!.Value, e.On!.Value, e.Until, Note(e.Note))).ToList();
        c.SetAmounts(claimRows.Sum(x => x.ClaimedFen), 0);
        c.SetNextDue(CaseRules.Next(c.Dates, LimitationOf(c, claimRows, eventRows), Calendar));
        db.Add(c);
        db.AddRange(claimRows);
        db.AddRange(eventRows);
        await db.SaveChangesAsync(ct);
        return Outcome<LegalCase>.Ok(c);
    }

    /// <summary>A readable number: LA, the receipt date and eight characters of the id's random part.</summary>
    public static string NumberOf(DateOnly receivedOn, Guid id) => $"LA{receivedOn:yyyyMMdd}-{id.ToString("N")[^8..].ToUpperInvariant()}";

    private static string? Note(string? n) => string.IsNullOrWhiteSpace(n) ? null : n.Trim()[..Math.Min(500, n.Trim().Length)];

    private static List<LimitationEvent> ToRules(List<LimitationEventInput>? input, List<(string, string)> errors)
    {
        var list = new List<LimitationEvent>();
        for (var i = 0; i < (input?.Count ?? 0); i++)
        {
            var e = input![i];
            if (e.Kind is not { } k || !Enum.IsDefined(k)) { errors.Add(($"limitationEvents[{i}].kind", "required")); continue; }
            list.Add(new LimitationEvent(k, e.On, e.Until));
        }
        return list;
    }

    /// <summary>A case the caller (staff) may change, tracked; null when it is out of scope or the caller is not staff.</summary>
    private async Task<LegalCase?> ChangeableAsync(Guid id, CancellationToken ct) =>
        me.IsStaff ? await db.Set<LegalCase>().InScope(await me.ScopePathAsync(ct), c => c.ScopePath).FirstOrDefaultAsync(x => x.Id == id, ct) : null;

    public async Task<Outcome<CaseView>> UpdateStepsAsync(Guid id, StepsInput input, CancellationToken ct)
    {
        if (await ChangeableAsync(id, ct) is not { } c) return Outcome<CaseView>.NotFound();
        if (c.IsClosed) return Outcome<CaseView>.Conflict("case.closed");
        var errors = new List<(string, string)>();
        if (input.KnewOn is null) errors.Add(("knewOn", "required"));
        var dates = new CaseDates(c.ReceivedOn, input.MediationAppliedOn, input.MediationEndedOn, input.ArbitrationAppliedOn, input.AcceptedOn,
            input.ExtensionApproved ?? false, input.AwardedOn, null);
        var events = ToRules(input.LimitationEvents, errors);
        errors.AddRange(CaseRules.Validate(dates, Today));
        if (input.KnewOn is { } knew) errors.AddRange(StatutoryClocks.Validate(new LimitationFacts(knew, false, input.EmploymentEndedOn, events), Today));
        if (errors.Count > 0) return Outcome<CaseView>.Invalid(errors);

        c.SetSteps(dates, input.KnewOn!.Value, input.EmploymentEndedOn);
        var old = await db.Set<LimitationEventRow>().Where(x => x.CaseId == id).ToListAsync(ct);
        db.RemoveRange(old);
        var rows = (input.LimitationEvents ?? []).Select(e => LimitationEventRow.Of(id, e.Kind!.Value, e.On!.Value, e.Until, Note(e.Note))).ToList();
        db.AddRange(rows);
        var claims = await db.Set<LegalClaim>().AsNoTracking().Where(x => x.CaseId == id).ToListAsync(ct);
        c.SetNextDue(CaseRules.Next(c.Dates, LimitationOf(c, claims, rows), Calendar));
        await db.SaveChangesAsync(ct);
        return Outcome<CaseView>.Ok((await GetAsync(id, ct))!);
    }

    /// <summary>Assign a lawyer or mediator; refused when the lawyer's firm has represented the employer.</summary>
    public async Task<Outcome<CaseView>> AssignAsync(Guid id, Guid? lawyerId, CancellationToken ct)
    {
        if (await ChangeableAsync(id, ct) is not { } c) return Outcome<CaseView>.NotFound();
        if (lawyerId is not { } lid) return Outcome<CaseView>.Invalid("lawyerId", "required");
        var lawyer = await db.Set<Lawyer>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == lid && l.Active, ct);
        if (lawyer is null) return Outcome<CaseView>.Invalid("lawyerId", "lawyer-unknown");
        if (c.IsClosed) return Outcome<CaseView>.Conflict("case.closed");
        if (lawyer.FirmId is { } firm)
        {
            var key = CaseRules.EmployerKey(c.EmployerCreditCode, c.EmployerName);
            var reps = await db.Set<FirmRepresentation>().AsNoTracking().Where(r => r.FirmId == firm && r.EmployerKey == key)
                .Select(r => new { r.FirmId, r.EmployerKey }).ToListAsync(ct);
            if (CaseRules.HasConflict(firm, key, reps.Select(r => (r.FirmId, r.EmployerKey))))
                return Outcome<CaseView>.Conflict("case.conflict", null, lawyer.Name, c.EmployerName);
        }
        c.Assign(lid);
        await db.SaveChangesAsync(ct);
        return Outcome<CaseView>.Ok((await GetAsync(id, ct))!);
    }

    /// <summary>Close a case: its outcome, the recovered amount per claim (above the claim only with a reason), the worker's satisfaction.</summary>
    public async Task<Outcome<CaseView>> CloseAsync(Guid id, CloseCaseInput input, CancellationToken ct)
    {
        if (await ChangeableAsync(id, ct) is not { } c) return Outcome<CaseView>.NotFound();
        if (c.IsClosed) return Outcome<CaseView>.Conflict("case.closed");
        var errors = new List<(string, string)>();
        if (input.Outcome is not { } outcome || !Enum.IsDefined(outcome)) errors.Add(("outcome", "required"));
        if (input.ClosedOn is not { } closedOn) errors.Add(("closedOn", "required"));
        if (input.Satisfaction is < 1 or > 5) errors.Add(("satisfaction", "out-of-range"));
        var claims = await db.Set<LegalClaim>().Where(x => x.CaseId == id).OrderBy(x => x.Id).ToListAsync(ct);
        var recovered = input.Recovered ?? [];
        for (var i = 0; i < recovered.Count; i++)
        {
            var r = recovered[i];
            var claim = claims.FirstOrDefault(x => x.Id == r.ClaimId);
            if (claim is null) { errors.Add(($"recovered[{i}].claimId", "claim-unknown")); continue; }
            foreach (var (field, code) in CaseRules.ValidateClaim(new ClaimAmounts(claim.Kind, claim.ClaimedFen, r.RecoveredFen, r.OverClaimReason), i))
                errors.Add((field.Replace("claims[", "recovered[", StringComparison.Ordinal), code));
        }
        if (input.ClosedOn is { } on)
            foreach (var e in CaseRules.Validate(c.Dates with { ClosedOn = on }, Today).Where(e => e.Field == "closedOn")) errors.Add(e);
        if (errors.Count > 0) return Outcome<CaseView>.Invalid(errors);

        foreach (var r in recovered) claims.First(x => x.Id == r.ClaimId).Recover(r.RecoveredFen, Note(r.OverClaimReason));
        c.SetAmounts(claims.Sum(x => x.ClaimedFen), claims.Sum(x => x.RecoveredFen ?? 0));
        var dates = c.Dates with { ClosedOn = input.ClosedOn };
        c.Close(input.Outcome!.Value, input.ClosedOn!.Value, Note(input.Note), input.Satisfaction, CaseRules.ClosedInTime(dates, Calendar));
        await db.SaveChangesAsync(ct);
        return Outcome<CaseView>.Ok((await GetAsync(id, ct))!);
    }
}
