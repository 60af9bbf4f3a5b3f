using Gonghui.Modules.Loans.Applications;
using Gonghui.Platform.Home;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Loans.Home;

/// <summary>Micro-loans on the home page: applications in scope to approve (<c>/loans?status=Applied</c>, index (unit, status)) and
/// loans with an overdue instalment (<c>/loans?overdue=true</c>, the same computation as that list: disbursed loans positioned in memory).</summary>
internal sealed class LoansHomeTasks(LoanQueries svc, CurrentUser me, IStringLocalizer<LoansText> L) : IHomeTasks
{
    public async Task<HomeSection?> SectionAsync(CancellationToken ct)
    {
        if (!me.IsStaff) return await MineAsync(ct);
        if (!me.Can(Permissions.LoansRead)) return null;
        var counts = new List<HomeCount>();
        if (me.Can(Permissions.LoansApprove))
            counts.Add(await HomeCount.Of((await svc.LoansInScopeAsync(ct)).AsNoTracking().Where(l => l.Status == LoanStatus.Applied), "loans-approve",
                L["Home.ToApprove"], $"/loans?status={LoanStatus.Applied}", false, ct));
        // Chasing an overdue loan is the work of those who lend (the applying union, the approvers), not of readers such as auditors.
        if (me.Can(Permissions.LoansApply) || me.Can(Permissions.LoansApprove))
        {
            var overdue = await LoanList.QueryAsync(svc, null, true, null, new KeysetRequest(null, null, 1), ct);
            counts.Add(new HomeCount("loans-overdue", L["Home.Overdue"], overdue.TotalEstimate, !overdue.TotalIsExact, "/loans?overdue=true", true));
        }
        return counts.Count == 0 ? null : new HomeSection("loans", L["Nav.Loans"], 50, counts);
    }

    /// <summary>A worker's own loans: applications waiting for a decision, and disbursed loans with an instalment overdue (the
    /// position computed as on <c>/me/loans</c>, which both link to); nothing when they have neither.</summary>
    private async Task<HomeSection?> MineAsync(CancellationToken ct)
    {
        var loans = await svc.MyLoansAsync(ct);
        if (loans.Count == 0) return null;
        var waiting = loans.Count(l => l.Status == LoanStatus.Applied);
        var overdue = 0;
        foreach (var l in loans.Where(l => l.Status == LoanStatus.Disbursed))
            if (LoanQueries.Position(l, await svc.RepaymentsAsync(l.Id, ct), svc.Today).OverdueFen > 0) overdue++;
        return waiting + overdue == 0 ? null : new HomeSection("loans-mine", L["Mine.Title"], 50,
        [
            new HomeCount("loans-mine-applied", L["Home.MineApplied"], waiting, false, "/me/loans"),
            new HomeCount("loans-mine-overdue", L["Home.MineOverdue"], overdue, false, "/me/loans", Urgent: true),
        ]);
    }
}
