using Gonghui.Modules.MutualAid.Claims;
using Gonghui.Platform.Home;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.MutualAid.Home;

/// <summary>Mutual aid on the home page: claims in scope waiting for approval, and approved claims waiting to be paid (a second person
/// pays above the four-eyes threshold), each linking to <c>/mutual-aid?status=…</c>. Counts use the index (status, submitted at).</summary>
internal sealed class MutualAidHomeTasks(ClaimScope svc, CurrentUser me, IStringLocalizer<MutualAidText> L) : IHomeTasks
{
    public async Task<HomeSection?> SectionAsync(CancellationToken ct)
    {
        if (!me.IsStaff || !me.Can(Permissions.ClaimsRead)) return null;
        var counts = new List<HomeCount>();
        if (me.Can(Permissions.ClaimsApprove))
            counts.Add(await HomeCount.Of((await svc.ClaimsInScopeAsync(ct)).Where(c => c.Status == ClaimStatus.Submitted), "mutual-aid-approve",
                L["Home.ToApprove"], $"/mutual-aid?status={ClaimStatus.Submitted}", false, ct));
        if (me.Can(Permissions.ClaimsPay))
            counts.Add(await HomeCount.Of((await svc.ClaimsInScopeAsync(ct)).Where(c => c.Status == ClaimStatus.Approved), "mutual-aid-pay",
                L["Home.ToPay"], $"/mutual-aid?status={ClaimStatus.Approved}", false, ct));
        return counts.Count == 0 ? null : new HomeSection("mutual-aid", L["Nav.MutualAid"], 30, counts);
    }
}
