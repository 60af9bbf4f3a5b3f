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

namespace Gonghui.Modules.MutualAid.Claims;

/// <summary>Filing a claim (申请): the bill checked by <see cref="PayoutRules"/>, the member enrolled and covered on the day, the payout computed.</summary>
internal sealed class ClaimFiling(GonghuiDb db, CurrentUser me, TimeProvider clock, ClaimScope scope)
{
    public async Task<Outcome<MutualAidClaim>> FileAsync(ClaimInput input, CancellationToken ct)
    {
        if (input.PlanId is null) return Outcome<MutualAidClaim>.Invalid("planId", "claim.planRequired");
        if (input.MemberId is null) return Outcome<MutualAidClaim>.Invalid("memberId", "claim.memberRequired");
        if (input.AdmittedOn is null) return Outcome<MutualAidClaim>.Invalid("admittedOn", "claim.admittedOnRequired");
        if (input.AdmittedOn > scope.Today) return Outcome<MutualAidClaim>.Invalid("admittedOn", "claim.admittedOnFuture");
        var hospital = input.Hospital?.Trim() ?? "";
        if (hospital.Length is 0 or > 200) return Outcome<MutualAidClaim>.Invalid("hospital", "claim.hospitalRequired");
        var bill = new Bill(input.TotalFen ?? 0, input.InsuranceCoveredFen ?? 0, input.SelfPaidFen ?? 0);
        if (PayoutRules.ValidateBill(bill) is { } billError) return Outcome<MutualAidClaim>.Invalid(BillField(billError), billError);
        var plan = await db.Set<MutualAidPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == input.PlanId, ct);
        if (plan is null) return Outcome<MutualAidClaim>.Invalid("planId", "claim.planUnknown");
        var path = await me.ScopePathAsync(ct);
        var units = scope.UnitsInScope(path).Select(u => u.Id);
        var member = await db.MemberRows().Where(m => m.Id == input.MemberId && units.Contains(m.UnionId)).Select(m => new { m.Id, m.Name, m.UnionId }).FirstOrDefaultAsync(ct);
        if (member is null) return Outcome<MutualAidClaim>.Invalid("memberId", "claim.memberUnknown");
        var enrolment = await db.Set<MutualAidEnrolment>().AsNoTracking().FirstOrDefaultAsync(e => e.PlanId == plan.Id && e.MemberId == member.Id, ct);
        if (enrolment is null) return Outcome<MutualAidClaim>.Invalid("memberId", "claim.notEnrolled");
        if (EnrolmentRules.CanClaim(plan.Year, enrolment.CoverStart, input.AdmittedOn.Value) is { } dateError) return Outcome<MutualAidClaim>.Invalid("admittedOn", dateError);
        var granted = await scope.GrantedThisYearAsync(member.Id, plan.Id, ct);
        var payout = PayoutRules.Compute(plan.Rules(), bill, granted);
        var claim = MutualAidClaim.File(plan.Id, plan.Year, member.Id, member.Name, member.UnionId, await db.FundingUnitIdAsync(member.UnionId, ct), input.AdmittedOn.Value,
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
}
