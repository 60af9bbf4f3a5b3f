using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Insurance.Claims;
using Gonghui.Modules.Insurance.Schemes;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Money;
using Gonghui.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.Insurance;

/// <summary>A claim as filed: the insured person (their cover, or a member's own cover in a scheme), the accident and its outcome.</summary>
public sealed record AccidentClaimInput(Guid? SchemeId, Guid? CoverId, Guid? MemberId, DateOnly? AccidentOn, string? Cause, string? Description,
    long? MedicalFen, int? DisabilityGrade, bool? Death);

public sealed record EnrolInput(List<Guid>? MemberIds, Guid? UnionId, bool? FrontLine, DateOnly? CoverFrom);
public sealed record FamilyInput(Guid? MemberId, string? Name, FamilyRelation? Relation, string? IdNumber);
public sealed record InsuranceEnrolResult(int Enrolled, int AlreadyEnrolled, IReadOnlyList<Guid> NotFound);

/// <summary>Accident-insurance use cases shared by the API and the pages: enrol, cover family, file, review, approve (ledger commit), pay (ledger pay), reject.</summary>
internal sealed class InsuranceService(GonghuiDb db, CurrentUser me, IFundLedger ledger, PersonalDataProtector protector, TimeProvider clock, IConfiguration config)
{
    public const string SourceType = "AccidentClaim";
    // SQLite has one writer: approvals and payments of this process queue here (the per-person lock of PostgreSQL is a row lock).
    private static readonly SemaphoreSlim SqliteGate = new(1, 1);

    public DateOnly Today => BeijingTime.Today(clock);

    // No AsNoTracking here: used as a subquery, it would make the whole outer query untracked.
    public IQueryable<UnitRow> UnitsInScope(string scope) => db.UnitRows().InScope(scope, u => u.Path);

    /// <summary>Claims the caller may see: staff their subtree, a worker only their own (and their family's).</summary>
    public async Task<IQueryable<AccidentClaim>> ClaimsVisibleAsync(CancellationToken ct)
    {
        var q = db.Set<AccidentClaim>().AsNoTracking();
        if (me.IsStaff)
        {
            var units = UnitsInScope(await me.ScopePathAsync(ct)).Select(u => u.Id);
            return q.Where(c => units.Contains(c.UnionId));
        }
        var member = me.MemberId;
        return member is null ? q.Where(c => false) : q.Where(c => c.MemberId == member);
    }

    public async Task<AccidentClaim?> ClaimAsync(Guid id, CancellationToken ct) =>
        await (await ClaimsVisibleAsync(ct)).FirstOrDefaultAsync(c => c.Id == id, ct);

    /// <summary>Every scheme (schemes are city-wide), newest year first; narrowed to one year when asked.</summary>
    public Task<List<InsuranceScheme>> SchemesAsync(int? year, CancellationToken ct) =>
        db.Set<InsuranceScheme>().AsNoTracking().Where(s => year == null || s.Year == year).OrderByDescending(s => s.Year).ThenBy(s => s.Code).ToListAsync(ct);

    public Task<InsuranceScheme?> SchemeAsync(Guid id, CancellationToken ct) =>
        db.Set<InsuranceScheme>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);

    /// <summary>The names of the given schemes, by id.</summary>
    public Task<Dictionary<Guid, string>> SchemeNamesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        db.Set<InsuranceScheme>().AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);

    /// <summary>The number of covers in the caller's subtree, by scheme.</summary>
    public async Task<Dictionary<Guid, int>> CoverCountsAsync(CancellationToken ct) =>
        await (await CoversInScopeAsync(ct)).GroupBy(c => c.SchemeId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);

    /// <summary>Up to <paramref name="take"/> covers of a scheme in the caller's subtree by name, optionally only front-line ones or those whose name contains <paramref name="find"/>.</summary>
    public async Task<List<InsuranceCover>> SchemeCoversAsync(Guid schemeId, string? find, bool frontLineOnly, int take, CancellationToken ct)
    {
        var q = (await CoversInScopeAsync(ct)).Where(c => c.SchemeId == schemeId);
        if (frontLineOnly) q = q.Where(c => c.FrontLine);
        if (!string.IsNullOrWhiteSpace(find)) q = q.Where(c => c.PersonName.Contains(find));
        return await q.OrderBy(c => c.PersonName).ThenBy(c => c.Id).Take(take).ToListAsync(ct);
    }

    /// <summary>The grassroots unions in the caller's subtree, by name (the enrolment form's choices).</summary>
    public async Task<List<UnitRow>> GrassrootsUnionsAsync(CancellationToken ct) =>
        await UnitsInScope(await me.ScopePathAsync(ct)).AsNoTracking().Where(u => u.Kind == OrgUnitKind.GrassrootsUnion).OrderBy(u => u.Name).Take(500).ToListAsync(ct);

    /// <summary>The latest 20 covers the caller may file a claim on (a worker: their own member cover), newest cover end first.</summary>
    public async Task<List<InsuranceCover>> FilingCoversAsync(CancellationToken ct) =>
        await (await CoversForFilingAsync(ct)).OrderByDescending(c => c.CoverTo).Take(20).ToListAsync(ct);

    public async Task<IQueryable<InsuranceCover>> CoversInScopeAsync(CancellationToken ct)
    {
        var units = UnitsInScope(await me.ScopePathAsync(ct)).Select(u => u.Id);
        return db.Set<InsuranceCover>().AsNoTracking().Where(c => units.Contains(c.UnionId));
    }

    /// <summary>The district or industry union above a unit (the unit itself at depth ≤ 1): its accident fund pays.</summary>
    public async Task<Guid> FundingUnitAsync(Guid unionId, CancellationToken ct)
    {
        var path = await db.UnitRows().Where(u => u.Id == unionId).Select(u => u.Path).FirstAsync(ct);
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var top = "/" + string.Join("/", parts.Take(Math.Min(2, parts.Length))) + "/";
        return await db.UnitRows().Where(u => u.Path == top).Select(u => u.Id).FirstAsync(ct);
    }

    // ---- schemes ----

    /// <summary>Records a scheme after <see cref="SchemeRules.Check"/> (and a unique code); the field errors when refused.</summary>
    public async Task<Outcome<InsuranceScheme>> CreateSchemeAsync(CreateSchemeRequest body, CancellationToken ct)
    {
        var causes = (body.Causes ?? []).Select(c => c.Trim()).Distinct().ToList();
        var errors = SchemeRules.Check(body.Code, body.Year, body.Name, body.CoverFrom, body.CoverTo, body.CovidFrom, causes, body.SumInsuredFen, body.FamilySumInsuredFen,
            body.MedicalDeductibleFen, body.MedicalRatioBp, body.MedicalCapFen, body.DisabilityBp, body.PerPersonCapFen).ToList();
        var code = body.Code?.Trim() ?? "";
        if (errors.All(e => e.Field != "code") && await db.Set<InsuranceScheme>().AnyAsync(s => s.Code == code, ct)) errors.Insert(0, ("code", "scheme.code"));
        if (errors.Count > 0) return Outcome<InsuranceScheme>.Invalid(errors);
        var schedule = new PayoutSchedule(body.SumInsuredFen!.Value, body.FamilySumInsuredFen ?? 0, body.MedicalDeductibleFen ?? 0, body.MedicalRatioBp!.Value,
            body.MedicalCapFen ?? 0, body.DisabilityBp!, body.PerPersonCapFen!.Value);
        var s = InsuranceScheme.Create(code, body.Year!.Value, body.Name!.Trim(), body.CoverFrom!.Value, body.CoverTo!.Value, body.CovidFrom, causes, body.CoversFamily ?? false, schedule);
        db.Add(s);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.Entry(s).State = EntityState.Detached; return Outcome<InsuranceScheme>.Invalid("code", "scheme.code"); }
        return Outcome<InsuranceScheme>.Ok(s);
    }

    // ---- cover ----

    /// <summary>Enrols members of units in the caller's scope (a list of ids, or every active member of one grassroots union).</summary>
    public async Task<Outcome<InsuranceEnrolResult>> EnrolAsync(Guid schemeId, EnrolInput input, CancellationToken ct)
    {
        var scheme = await db.Set<InsuranceScheme>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == schemeId, ct);
        if (scheme is null) return Outcome<InsuranceEnrolResult>.NotFound();
        var ids = (input.MemberIds ?? []).Distinct().ToList();
        if (ids.Count == 0 && input.UnionId is null) return Outcome<InsuranceEnrolResult>.Invalid("memberIds", "enrol.noMembers");
        if (ids.Count > 5000) return Outcome<InsuranceEnrolResult>.Invalid("memberIds", "enrol.tooMany");
        // Default: from today, or from the scheme's start when today is outside its period (a scheme recorded afterwards).
        var from = input.CoverFrom ?? (Today >= scheme.CoverFrom && Today <= scheme.CoverTo ? Today : scheme.CoverFrom);
        if (from < scheme.CoverFrom || from > scheme.CoverTo) return Outcome<InsuranceEnrolResult>.Invalid("coverFrom", "enrol.coverFrom");
        var units = UnitsInScope(await me.ScopePathAsync(ct)).Select(u => u.Id);
        var q = db.MemberRows().Where(m => units.Contains(m.UnionId) && m.Status == MemberStatus.Active);
        if (input.UnionId is { } union)
        {
            if (!await UnitsInScope(await me.ScopePathAsync(ct)).AnyAsync(u => u.Id == union, ct)) return Outcome<InsuranceEnrolResult>.Invalid("unionId", "enrol.unionUnknown");
            q = q.Where(m => m.UnionId == union);
            if (ids.Count > 0) q = q.Where(m => ids.Contains(m.Id));
        }
        else q = q.Where(m => ids.Contains(m.Id));
        var members = await q.Select(m => new { m.Id, m.Name, m.UnionId, m.IdNumberHash, m.IdNumberMasked }).Take(20_000).ToListAsync(ct);
        var found = members.Select(m => m.Id).ToHashSet();
        var hashes = members.Select(m => m.IdNumberHash).ToList();
        var already = (await db.Set<InsuranceCover>().Where(c => c.SchemeId == schemeId && hashes.Contains(c.IdNumberHash)).Select(c => c.IdNumberHash).ToListAsync(ct)).ToHashSet();
        var at = clock.GetUtcNow();
        var fresh = members.Where(m => !already.Contains(m.IdNumberHash))
            .Select(m => InsuranceCover.ForMember(scheme, m.Id, m.UnionId, m.Name, m.IdNumberHash, m.IdNumberMasked, input.FrontLine ?? false, from, at, me.Name)).ToList();
        db.AddRange(fresh);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Outcome<InsuranceEnrolResult>.Conflict("enrol.concurrent"); }
        return Outcome<InsuranceEnrolResult>.Ok(new InsuranceEnrolResult(fresh.Count, members.Count - fresh.Count, ids.Where(i => !found.Contains(i)).ToList()));
    }

    /// <summary>Covers a family member of a front-line member enrolled in the scheme; the resident ID is encrypted, hashed and masked.</summary>
    public async Task<Outcome<InsuranceCover>> CoverFamilyAsync(Guid schemeId, FamilyInput input, CancellationToken ct)
    {
        var scheme = await db.Set<InsuranceScheme>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == schemeId, ct);
        if (scheme is null) return Outcome<InsuranceCover>.NotFound();
        if (!scheme.CoversFamily) return Outcome<InsuranceCover>.Conflict("family.notInScheme");
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100) return Outcome<InsuranceCover>.Invalid("name", "family.name");
        if (input.Relation is null || !Enum.IsDefined(input.Relation.Value)) return Outcome<InsuranceCover>.Invalid("relation", "family.relation");
        var idNumber = input.IdNumber?.Trim().ToUpperInvariant() ?? "";
        if (!ResidentId.TryParse(idNumber, out _, out _)) return Outcome<InsuranceCover>.Invalid("idNumber", "family.idNumber");
        if (input.MemberId is null) return Outcome<InsuranceCover>.Invalid("memberId", "claim.memberRequired");
        var covers = await CoversInScopeAsync(ct);
        var member = await covers.FirstOrDefaultAsync(c => c.SchemeId == schemeId && c.MemberId == input.MemberId && c.Kind == InsuredKind.Member, ct);
        if (member is null) return Outcome<InsuranceCover>.Invalid("memberId", "family.memberNotEnrolled");
        if (!member.FrontLine) return Outcome<InsuranceCover>.Invalid("memberId", "family.notFrontLine");
        var hash = protector.Hash(idNumber);
        if (await db.Set<InsuranceCover>().AnyAsync(c => c.SchemeId == schemeId && c.IdNumberHash == hash, ct))
            return Outcome<InsuranceCover>.Invalid("idNumber", "family.alreadyCovered");
        var cover = InsuranceCover.ForFamily(scheme, member, name, input.Relation.Value, protector.Encrypt(idNumber), hash, ResidentId.Mask(idNumber), clock.GetUtcNow(), me.Name);
        db.Add(cover);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Outcome<InsuranceCover>.Invalid("idNumber", "family.alreadyCovered"); }
        return Outcome<InsuranceCover>.Ok(cover);
    }

    // ---- claims ----

    /// <summary>
    /// Files a claim. Staff file for anyone covered in their subtree; a worker only for themself (their own member cover).
    /// The checks and the payout preview are <see cref="CheckFacts"/> and <see cref="Prepare"/>, shared with the spreadsheet intake.
    /// </summary>
    public async Task<Outcome<AccidentClaim>> FileAsync(AccidentClaimInput input, string? key, CancellationToken ct)
    {
        if (key is not null && await db.Set<AccidentClaim>().AsNoTracking().FirstOrDefaultAsync(c => c.FileKey == key, ct) is { } prior)
            return await ClaimAsync(prior.Id, ct) is { } mine ? Outcome<AccidentClaim>.Ok(mine, replayed: true) : Outcome<AccidentClaim>.Conflict("claim.keyReused");
        if (input.CoverId is null && (input.SchemeId is null || input.MemberId is null)) return Outcome<AccidentClaim>.Invalid("coverId", "claim.insuredRequired");
        if (CheckFacts(input.AccidentOn, input.Cause, input.MedicalFen, input.DisabilityGrade, input.Death, input.Description, Today) is { } bad)
            return Outcome<AccidentClaim>.Invalid(bad.Field, bad.Code);
        var facts = new AccidentFacts(input.AccidentOn!.Value, input.Cause!.Trim(), input.MedicalFen ?? 0, input.DisabilityGrade, input.Death ?? false);
        var covers = await CoversForFilingAsync(ct);
        var cover = input.CoverId is { } cid
            ? await covers.FirstOrDefaultAsync(c => c.Id == cid, ct)
            : await covers.FirstOrDefaultAsync(c => c.SchemeId == input.SchemeId && c.MemberId == input.MemberId && c.Kind == InsuredKind.Member, ct);
        if (cover is null) return Outcome<AccidentClaim>.Invalid(input.CoverId is null ? "memberId" : "coverId", "claim.notCovered");
        var scheme = await db.Set<InsuranceScheme>().AsNoTracking().FirstAsync(s => s.Id == cover.SchemeId, ct);
        var prepared = Prepare(scheme, cover, facts, Description(input.Description), await FundingUnitAsync(cover.UnionId, ct), key);
        if (!prepared.IsOk) return prepared.As<AccidentClaim>();
        var (claim, filed) = prepared.Value!;
        db.Add(claim);
        db.Add(filed);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) when (key is not null)
        {
            // The same key filed concurrently: the other request won; answer with its claim.
            foreach (var e in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList()) e.State = EntityState.Detached;
            var winner = await db.Set<AccidentClaim>().AsNoTracking().FirstOrDefaultAsync(c => c.FileKey == key, ct);
            return winner is not null && winner.CoverId == claim.CoverId ? Outcome<AccidentClaim>.Ok(winner, replayed: true) : Outcome<AccidentClaim>.Conflict("claim.keyReused");
        }
        return Outcome<AccidentClaim>.Ok(claim);
    }

    /// <summary>The covers the caller may file for: staff every cover in their subtree, a worker only their own member cover.</summary>
    public async Task<IQueryable<InsuranceCover>> CoversForFilingAsync(CancellationToken ct)
    {
        if (me.IsStaff) return await CoversInScopeAsync(ct);
        var member = me.MemberId;
        return member is null || !me.IsInRole(Roles.Worker)
            ? db.Set<InsuranceCover>().AsNoTracking().Where(c => false)
            : db.Set<InsuranceCover>().AsNoTracking().Where(c => c.MemberId == member && c.Kind == InsuredKind.Member);
    }

    private static string? Description(string? d) => string.IsNullOrWhiteSpace(d) ? null : d.Trim();

    /// <summary>The filing checks on what happened (field and error code of the first failure, or null). Pure.</summary>
    public static (string Field, string Code)? CheckFacts(DateOnly? accidentOn, string? cause, long? medicalFen, int? disabilityGrade, bool? death, string? description, DateOnly today)
    {
        if (accidentOn is null) return ("accidentOn", "claim.accidentOnRequired");
        if (accidentOn > today) return ("accidentOn", "claim.accidentOnFuture");
        var facts = new AccidentFacts(accidentOn.Value, cause?.Trim() ?? "", medicalFen ?? 0, disabilityGrade, death ?? false);
        if (AccidentPayoutRules.Validate(facts) is { } bad) return bad;
        if (Description(description)?.Length > 500) return ("description", "claim.descriptionLength");
        return null;
    }

    /// <summary>
    /// The filing rule: the payout preview against the person's cover (a refusal is a field error naming the cause or the
    /// accident date), and the submitted claim with its "filed" event — not yet added to the context.
    /// </summary>
    public Outcome<(AccidentClaim Claim, AccidentClaimEvent Filed)> Prepare(InsuranceScheme scheme, InsuranceCover cover, AccidentFacts facts, string? description,
        Guid fundingUnitId, string? key)
    {
        var payout = AccidentPayoutRules.Compute(scheme.Schedule(), scheme.Terms(), facts, cover.Position());
        if (!payout.Covered)
        {
            var line = payout.Lines[0];
            return Outcome<(AccidentClaim, AccidentClaimEvent)>.Invalid(
                line.Code == "refusal.causeNotCovered" || line.Code == "refusal.covidNotCovered" ? "cause" : "accidentOn", line.Code, line.Arg);
        }
        var claim = AccidentClaim.File(scheme.Id, scheme.Year, cover.Id, cover.MemberId, cover.PersonName, cover.Kind == InsuredKind.FamilyMember, cover.UnionId,
            fundingUnitId, facts, description, payout, clock.GetUtcNow(), me.Name, key);
        return Outcome<(AccidentClaim, AccidentClaimEvent)>.Ok((claim, AccidentClaimEvent.Of(claim.Id, ClaimEventKind.Filed, claim.SubmittedAt, me.Name, null, payout.AmountFen)));
    }

    /// <summary>A reviewer has checked the documents: the claim goes to approval.</summary>
    public async Task<Outcome<AccidentClaim>> ReviewAsync(Guid id, string? key, string? note, CancellationToken ct)
    {
        var seen = await ClaimAsync(id, ct);
        if (seen is null || !me.IsStaff) return Outcome<AccidentClaim>.NotFound();
        if (note?.Trim().Length > 500) return Outcome<AccidentClaim>.Invalid("note", "claim.reasonLength");
        return await PerPersonAsync(seen.CoverId, async () =>
        {
            var claim = await db.Set<AccidentClaim>().FirstAsync(c => c.Id == id, ct);
            if (claim.Status != AccidentClaimStatus.Submitted)
                return key is not null && claim.ReviewKey == key ? Outcome<AccidentClaim>.Ok(claim, true) : Outcome<AccidentClaim>.Conflict("claim.notSubmitted");
            var at = clock.GetUtcNow();
            claim.Review(key ?? $"review:{claim.Id}", me.Name, at);
            db.Add(AccidentClaimEvent.Of(claim.Id, ClaimEventKind.Reviewed, at, me.Name, string.IsNullOrWhiteSpace(note) ? null : note.Trim()));
            await db.SaveChangesAsync(ct);
            return Outcome<AccidentClaim>.Ok(claim);
        }, ct);
    }

    /// <summary>
    /// Under the insured person's lock: recomputes against what the person was granted so far, reserves the payout in the funding
    /// unit's accident fund (ledger commitment), counts it against the person's caps and approves — all or nothing.
    /// </summary>
    public async Task<Outcome<AccidentClaim>> ApproveAsync(Guid id, string? key, CancellationToken ct)
    {
        var seen = await ClaimAsync(id, ct);
        if (seen is null || !me.IsStaff) return Outcome<AccidentClaim>.NotFound();
        return await PerPersonAsync(seen.CoverId, async () =>
        {
            var claim = await db.Set<AccidentClaim>().FirstAsync(c => c.Id == id, ct);
            if (claim.Status != AccidentClaimStatus.Reviewed)
                return key is not null && claim.ApproveKey == key ? Outcome<AccidentClaim>.Ok(claim, true)
                    : Outcome<AccidentClaim>.Conflict(claim.Status == AccidentClaimStatus.Submitted ? "claim.notReviewed" : "claim.notOpen");
            var cover = await db.Set<InsuranceCover>().FirstAsync(c => c.Id == claim.CoverId, ct);
            var scheme = await db.Set<InsuranceScheme>().AsNoTracking().FirstAsync(s => s.Id == claim.SchemeId, ct);
            var payout = AccidentPayoutRules.Compute(scheme.Schedule(), scheme.Terms(), claim.Facts, cover.Position());
            if (!payout.Covered) return Outcome<AccidentClaim>.Conflict(payout.Refusal!, payout.Lines[0].Arg);
            if (payout.AmountFen <= 0) return Outcome<AccidentClaim>.Conflict("claim.nothingToPay");
            // The ledger key is derived from the claim: a retry, with or without a header, never reserves twice.
            var r = await ledger.CommitAsync(FundCodes.Accident, claim.FundingUnitId, claim.Year, new Fen(payout.AmountFen), new SourceRef(SourceType, claim.Id), $"insurance:commit:{claim.Id}", ct);
            if (r.Code == LedgerCodes.InsufficientBudget) return Outcome<AccidentClaim>.Conflict("claim.insufficientBudget");
            if (!r.IsOk) return Outcome<AccidentClaim>.Conflict("claim.ledgerRefused");
            var at = clock.GetUtcNow();
            // Entities change only after the ledger call, so the one audited save below is the transaction's last write.
            claim.Approve(payout, r.Value, key ?? $"approve:{claim.Id}", me.Name, at);
            cover.Grant(payout.MedicalFen, payout.BenefitFen);
            db.Add(AccidentClaimEvent.Of(claim.Id, ClaimEventKind.Approved, at, me.Name, null, payout.AmountFen));
            await db.SaveChangesAsync(ct);
            return Outcome<AccidentClaim>.Ok(claim);
        }, ct);
    }

    /// <summary>Pays an approved claim through the ledger (releasing its commitment); a claim is never paid twice.</summary>
    public async Task<Outcome<AccidentClaim>> PayAsync(Guid id, string? key, CancellationToken ct)
    {
        var seen = await ClaimAsync(id, ct);
        if (seen is null || !me.IsStaff) return Outcome<AccidentClaim>.NotFound();
        return await PerPersonAsync(seen.CoverId, async () =>
        {
            var claim = await db.Set<AccidentClaim>().FirstAsync(c => c.Id == id, ct);
            if (claim.Status != AccidentClaimStatus.Approved)
                return key is not null && claim.PayKey == key ? Outcome<AccidentClaim>.Ok(claim, true) : Outcome<AccidentClaim>.Conflict(claim.Status == AccidentClaimStatus.Paid ? "claim.alreadyPaid" : "claim.notApproved");
            // Four-eyes: above the threshold the person who approved the claim may not also pay it.
            if (!FourEyes.Allows(claim.PayoutFen, FourEyes.ThresholdFen(config), claim.DecidedBy, me.Name)) return Outcome<AccidentClaim>.Conflict(FourEyes.Code);
            var r = await ledger.PayAsync(FundCodes.Accident, claim.FundingUnitId, claim.Year, new Fen(claim.PayoutFen), new SourceRef(SourceType, claim.Id), $"insurance:pay:{claim.Id}", ct);
            if (r.Code == LedgerCodes.InsufficientBudget) return Outcome<AccidentClaim>.Conflict("claim.insufficientBudget");
            if (!r.IsOk) return Outcome<AccidentClaim>.Conflict("claim.ledgerRefused");
            var at = clock.GetUtcNow();
            claim.MarkPaid(r.Value, key ?? $"pay:{claim.Id}", at);
            db.Add(AccidentClaimEvent.Of(claim.Id, ClaimEventKind.Paid, at, me.Name, null, claim.PayoutFen));
            await db.SaveChangesAsync(ct);
            return Outcome<AccidentClaim>.Ok(claim);
        }, ct);
    }

    public async Task<Outcome<AccidentClaim>> RejectAsync(Guid id, string? reason, CancellationToken ct)
    {
        var seen = await ClaimAsync(id, ct);
        if (seen is null || !me.IsStaff) return Outcome<AccidentClaim>.NotFound();
        if (string.IsNullOrWhiteSpace(reason)) return Outcome<AccidentClaim>.Invalid("reason", "claim.reasonRequired");
        if (reason.Trim().Length > 500) return Outcome<AccidentClaim>.Invalid("reason", "claim.reasonLength");
        return await PerPersonAsync(seen.CoverId, async () =>
        {
            var claim = await db.Set<AccidentClaim>().FirstAsync(c => c.Id == id, ct);
            if (!claim.IsOpen) return Outcome<AccidentClaim>.Conflict("claim.notOpen");
            var at = clock.GetUtcNow();
            claim.Reject(reason, me.Name, at);
            db.Add(AccidentClaimEvent.Of(claim.Id, ClaimEventKind.Rejected, at, me.Name, reason.Trim()));
            await db.SaveChangesAsync(ct);
            return Outcome<AccidentClaim>.Ok(claim);
        }, ct);
    }

    /// <summary>
    /// Runs a decision serialised per insured person. PostgreSQL: one transaction that first bumps the person's cover row
    /// (a row lock held to commit; the ledger joins the transaction), committed only on success. SQLite: one writer per
    /// process, the ledger keyed by the claim so a retry after a failure in between completes the same decision.
    /// </summary>
    private async Task<Outcome<AccidentClaim>> PerPersonAsync(Guid coverId, Func<Task<Outcome<AccidentClaim>>> body, CancellationToken ct)
    {
        if (db.IsNpgsql())
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Set<InsuranceCover>().Where(c => c.Id == coverId).ExecuteUpdateAsync(s => s.SetProperty(c => c.LockVersion, c => c.LockVersion + 1), ct);
            var result = await body();
            if (result.IsOk && !result.Replayed) await tx.CommitAsync(ct);
            else await tx.RollbackAsync(ct);
            return result;
        }
        await SqliteGate.WaitAsync(ct);
        try { return await body(); }
        finally { SqliteGate.Release(); }
    }

    public Task<List<AccidentClaimEvent>> EventsAsync(Guid claimId, CancellationToken ct) =>
        db.Set<AccidentClaimEvent>().AsNoTracking().Where(e => e.ClaimId == claimId).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
}
