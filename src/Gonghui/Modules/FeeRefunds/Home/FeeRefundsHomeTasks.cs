using Gonghui.Modules.FeeRefunds.Refunds;
using Gonghui.Platform.Home;
using Gonghui.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.FeeRefunds.Home;

/// <summary>Fee refunds on the home page: refunds in scope to approve and approved ones to pay (<c>/fee-refunds?status=…</c>, index (status, year)).</summary>
internal sealed class FeeRefundsHomeTasks(RefundScope svc, CurrentUser me, IStringLocalizer<FeeRefundsText> L) : IHomeTasks
{
    public async Task<HomeSection?> SectionAsync(CancellationToken ct)
    {
        if (!me.IsStaff || !me.Can(Permissions.FeeRefundsRead)) return null;
        var counts = new List<HomeCount>();
        if (me.Can(Permissions.FeeRefundsApprove))
            counts.Add(await HomeCount.Of((await svc.RefundsInScopeAsync(ct)).AsNoTracking().Where(r => r.Status == RefundStatus.Due), "fee-refunds-approve",
                L["Home.ToApprove"], $"/fee-refunds?status={RefundStatus.Due}", false, ct));
        if (me.Can(Permissions.FeeRefundsPay))
            counts.Add(await HomeCount.Of((await svc.RefundsInScopeAsync(ct)).AsNoTracking().Where(r => r.Status == RefundStatus.Approved), "fee-refunds-pay",
                L["Home.ToPay"], $"/fee-refunds?status={RefundStatus.Approved}", false, ct));
        return counts.Count == 0 ? null : new HomeSection("fee-refunds", L["Nav.FeeRefunds"], 60, counts);
    }
}
