using Gonghui.Modules.Insurance.Claims;
using Gonghui.Platform.Home;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Insurance.Home;

/// <summary>Accident insurance on the home page: claims in scope to review, to approve and to pay (a second person pays above the
/// four-eyes threshold), each linking to <c>/insurance?status=…</c>. Counts use the index (status, submitted at).</summary>
internal sealed class InsuranceHomeTasks(InsuranceScope svc, CurrentUser me, IStringLocalizer<InsuranceText> L) : IHomeTasks
{
    public async Task<HomeSection?> SectionAsync(CancellationToken ct)
    {
        if (!me.IsStaff) return await MineAsync(ct);
        if (!me.Can(Permissions.ClaimsRead)) return null;
        var counts = new List<HomeCount>();
        async Task Add(string permission, AccidentClaimStatus status, string key, string label)
        {
            if (!me.Can(permission)) return;
            counts.Add(await HomeCount.Of((await svc.ClaimsVisibleAsync(ct)).Where(c => c.Status == status), key, label, $"/insurance?status={status}", false, ct));
        }
        await Add(Permissions.ClaimsFile, AccidentClaimStatus.Submitted, "insurance-review", L["Home.ToReview"]);
        await Add(Permissions.ClaimsApprove, AccidentClaimStatus.Reviewed, "insurance-approve", L["Home.ToApprove"]);
        await Add(Permissions.ClaimsPay, AccidentClaimStatus.Approved, "insurance-pay", L["Home.ToPay"]);
        return counts.Count == 0 ? null : new HomeSection("insurance", L["Nav.Insurance"], 40, counts);
    }

    /// <summary>A worker's own claims still in progress (submitted, reviewed, approved and not yet paid), linking to
    /// <c>/insurance/mine</c>; nothing when none is.</summary>
    private async Task<HomeSection?> MineAsync(CancellationToken ct)
    {
        if (!me.Can(Permissions.SelfService)) return null;
        var pending = await HomeCount.OfOwn((await svc.ClaimsVisibleAsync(ct)).Where(c => c.Status == AccidentClaimStatus.Submitted
            || c.Status == AccidentClaimStatus.Reviewed || c.Status == AccidentClaimStatus.Approved), "insurance-mine", L["Home.MinePending"], "/insurance/mine", ct);
        return pending.Count == 0 ? null : new HomeSection("insurance-mine", L["Nav.InsuranceMine"], 40, [pending]);
    }
}
