using Gonghui.Modules.FeeRefunds.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.FeeRefunds;

/// <summary>A refund policy as entered (API body, page form, CLI options). For a revision, ExpectedVersion guards against lost updates.</summary>
public sealed record RefundPolicyInput(string? Code, string? Name, int? FromYear, int? ToYear, List<SizeClass>? Classes, int? ShareBp, long? CapFen, string? Reason, int? ExpectedVersion = null);

/// <summary>
/// Creates and revises fee-refund policies, keeping every version: a change appends a version row (who, when, why) and
/// moves the policy to it; refunds already approved or paid are untouched, refunds still due follow the new version at the
/// next computation. Used by the API, the policy page and the <c>fee-refunds policy</c> CLI verb alike.
/// </summary>
public sealed class RefundPolicyEditor(GonghuiDb db, TimeProvider clock)
{
    public Task<List<RefundPolicy>> ListAsync(CancellationToken ct) =>
        db.Set<RefundPolicy>().AsNoTracking().OrderBy(p => p.FromYear).ThenBy(p => p.Code).ToListAsync(ct);

    public Task<RefundPolicy?> FindAsync(Guid id, CancellationToken ct) => db.Set<RefundPolicy>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);

    public Task<RefundPolicy?> FindByCodeAsync(string code, CancellationToken ct) => db.Set<RefundPolicy>().AsNoTracking().FirstOrDefaultAsync(p => p.Code == code, ct);

    /// <summary>Every version of a policy, newest first.</summary>
    public Task<List<RefundPolicyVersion>> VersionsAsync(Guid policyId, CancellationToken ct) =>
        db.Set<RefundPolicyVersion>().AsNoTracking().Where(v => v.PolicyId == policyId).OrderByDescending(v => v.Version).ToListAsync(ct);

    public async Task<Outcome<RefundPolicy>> CreateAsync(RefundPolicyInput input, string actor, CancellationToken ct)
    {
        var code = input.Code?.Trim().ToUpperInvariant();
        var errors = RefundPolicyRules.Check(input.Name, input.FromYear, input.ToYear, input.Classes, input.ShareBp, input.CapFen);
        if (!RefundPolicyRules.IsValidCode(code)) errors.Insert(0, ("code", "policy.code"));
        if (ReasonError(input.Reason) is { } r) errors.Add(r);
        if (errors.Count > 0) return Outcome<RefundPolicy>.Invalid(errors);
        if (await db.Set<RefundPolicy>().AnyAsync(p => p.Code == code, ct)) return Refused("policy.codeTaken");
        var policy = RefundPolicy.Create(code!, input.Name!.Trim(), input.FromYear!.Value, input.ToYear!.Value, input.Classes!.Distinct(), input.ShareBp!.Value, input.CapFen);
        db.Add(policy);
        db.Add(RefundPolicyVersion.Of(policy, input.Reason!.Trim(), actor, clock.GetUtcNow()));
        return await SaveAsync(policy, "policy.codeTaken", ct);
    }

    public async Task<Outcome<RefundPolicy>> ReviseAsync(Guid id, RefundPolicyInput input, string actor, CancellationToken ct)
    {
        var errors = RefundPolicyRules.Check(input.Name, input.FromYear, input.ToYear, input.Classes, input.ShareBp, input.CapFen);
        if (ReasonError(input.Reason) is { } r) errors.Add(r);
        if (errors.Count > 0) return Outcome<RefundPolicy>.Invalid(errors);
        var policy = await db.Set<RefundPolicy>().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (policy is null) return Outcome<RefundPolicy>.NotFound();
        if (input.ExpectedVersion is { } v && v != policy.Version) return Refused("policy.stale");
        policy.Revise(input.Name!.Trim(), input.FromYear!.Value, input.ToYear!.Value, input.Classes!.Distinct(), input.ShareBp!.Value, input.CapFen);
        db.Add(RefundPolicyVersion.Of(policy, input.Reason!.Trim(), actor, clock.GetUtcNow()));
        return await SaveAsync(policy, "policy.stale", ct);
    }

    private async Task<Outcome<RefundPolicy>> SaveAsync(RefundPolicy policy, string conflict, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome<RefundPolicy>.Ok(policy);
        }
        catch (DbUpdateException)
        {
            // A concurrent edit wrote the same version (unique policy_id, version) or the same code first.
            db.ChangeTracker.Clear();
            return Refused(conflict);
        }
    }

    /// <summary>A refusal (409) with its stable code, which is also the problem's title for policy clients.</summary>
    private static Outcome<RefundPolicy> Refused(string code) => Outcome<RefundPolicy>.Conflict(code) with { Title = code };

    private static (string, string)? ReasonError(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > RefundPolicyRules.MaxReasonLength ? ("reason", "policy.reason") : null;
}
