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

namespace Gonghui.Modules.Insurance.Claims;

/// <summary>A claim as filed: the insured person (their cover, or a member's own cover in a scheme), the accident and its outcome.</summary>
public sealed record AccidentClaimInput(Guid? SchemeId, Guid? CoverId, Guid? MemberId, DateOnly? AccidentOn, string? Cause, string? Description,
    long? MedicalFen, int? DisabilityGrade, bool? Death);

/// <summary>Filing a claim, one at a time (API and pages) or from a spreadsheet (<see cref="InsuranceClaimImporter"/>, which shares the checks).</summary>
internal sealed class ClaimFiling(GonghuiDb db, CurrentUser me, InsuranceScope scope, TimeProvider clock)
{
    /// <summary>
    /// Files a claim. Staff file for anyone covered in their subtree; a worker only for themself (their own member cover).
    /// The checks and the payout preview are <see cref="CheckFacts"/> and <see cref="Prepare"/>, shared with the spreadsheet intake.
    /// </summary>
    public async Task<Outcome<AccidentClaim>> FileAsync(AccidentClaimInput input, string? key, CancellationToken ct)
    {
        if (key is not null && await db.Set<AccidentClaim>().AsNoTracking().FirstOrDefaultAsync(c => c.FileKey == key, ct) is { } prior)
            return await scope.ClaimAsync(prior.Id, ct) is { } mine ? Outcome<AccidentClaim>.Ok(mine, replayed: true) : Outcome<AccidentClaim>.Conflict("claim.keyReused");
        if (input.CoverId is null && (input.SchemeId is null || input.MemberId is null)) return Outcome<AccidentClaim>.Invalid("coverId", "claim.insuredRequired");
        if (CheckFacts(input.AccidentOn, input.Cause, input.MedicalFen, input.DisabilityGrade, input.Death, input.Description, scope.Today) is { } bad)
            return Outcome<AccidentClaim>.Invalid(bad.Field, bad.Code);
        var facts = new AccidentFacts(input.AccidentOn!.Value, input.Cause!.Trim(), input.MedicalFen ?? 0, input.DisabilityGrade, input.Death ?? false);
        var covers = await scope.CoversForFilingAsync(ct);
        var cover = input.CoverId is { } cid
            ? await covers.FirstOrDefaultAsync(c => c.Id == cid, ct)
            : await covers.FirstOrDefaultAsync(c => c.SchemeId == input.SchemeId && c.MemberId == input.MemberId && c.Kind == InsuredKind.Member, ct);
        if (cover is null) return Outcome<AccidentClaim>.Invalid(input.CoverId is null ? "memberId" : "coverId", "claim.notCovered");
        var scheme = await db.Set<InsuranceScheme>().AsNoTracking().FirstAsync(s => s.Id == cover.SchemeId, ct);
        var prepared = Prepare(scheme, cover, facts, Description(input.Description), await db.FundingUnitIdAsync(cover.UnionId, ct), key);
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
}
