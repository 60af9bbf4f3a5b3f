using Gonghui.Modules.Hotline.Endpoints;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Platform.Home;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Hotline.Requests;

/// <summary>
/// The hotline on the home page: requests due later today, overdue, and handed back (退单) within the caller's scope, each linking
/// to <c>/hotline</c> with the same filter; and this month's three rates for the caller's subtree against last month and the
/// district above it (the city for a district or the federation).
/// </summary>
internal sealed class HotlineHomeTasks(HotlineService svc, HotlineRates rates, CurrentUser me, TimeProvider clock, IStringLocalizer<HotlineText> L) : IHomeTasks
{
    public async Task<HomeSection?> SectionAsync(CancellationToken ct)
    {
        if (!me.IsStaff) return await MineAsync(ct);
        if (!me.Can(Permissions.HotlineRead)) return null;
        var counts = new List<HomeCount>();
        if (me.Can(Permissions.HotlineWork))
        {
            var visible = (await svc.VisibleAsync(ct)).AsNoTracking();
            counts.Add(await HomeCount.Of(HotlineEndpoints.WhereDueToday(visible, clock), "hotline-due-today", L["Home.DueToday"],
                $"/hotline?due={HotlineEndpoints.DueToday}", false, ct));
            counts.Add(await HomeCount.Of(HotlineEndpoints.WhereOverdue(visible, clock.GetUtcNow()), "hotline-overdue", L["Home.Overdue"],
                "/hotline?overdue=true", true, ct));
            counts.Add(await HomeCount.Of(visible.Where(r => r.State == RequestState.Returned), "hotline-returned", L["Home.Returned"],
                $"/hotline?status={RequestState.Returned}", true, ct));
        }
        return new HomeSection("hotline", L["Nav.Section"], 10, counts, await RatesAsync(ct));
    }

    /// <summary>A worker's own requests (those they filed or phoned in from their verified number): still being handled, and
    /// answered (awaiting the return visit); both link to <c>/hotline/mine</c>. Nothing when they have none open.</summary>
    private async Task<HomeSection?> MineAsync(CancellationToken ct)
    {
        if (!me.Can(Permissions.SelfService)) return null;
        var mine = (await svc.VisibleAsync(ct)).AsNoTracking();
        var open = await HomeCount.OfOwn(mine.Where(r => r.State != RequestState.Closed && r.State != RequestState.Resolved && r.State != RequestState.VisitedBack),
            "hotline-mine-open", L["Home.MineOpen"], "/hotline/mine", ct);
        var answered = await HomeCount.OfOwn(mine.Where(r => r.State == RequestState.Resolved), "hotline-mine-answered", L["Home.MineAnswered"], "/hotline/mine", ct);
        return open.Count + answered.Count == 0 ? null : new HomeSection("hotline-mine", L["Mine.Title"], 10, [open, answered]);
    }

    private async Task<HomeRates> RatesAsync(CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var today = BeijingTime.Today(clock);
        var thisMonth = BeijingTime.StartOfMonthUtc(today.Year, today.Month);
        var previous = today.AddMonths(-1);
        var lastMonth = BeijingTime.StartOfMonthUtc(previous.Year, previous.Month);
        var end = BeijingTime.EndOfDayUtc(today);
        var district = await rates.DistrictAboveAsync(scope, ct);
        var reference = district?.Path ?? "/";
        var (mineNow, refNow) = await rates.CompareAsync(thisMonth, end, scope, reference, ct);
        var (mineBefore, _) = await rates.CompareAsync(lastMonth, thisMonth, scope, scope, ct);
        var now = rates.Rates(mineNow);
        var before = rates.Rates(mineBefore);
        var other = rates.Rates(refNow);
        double? Of(RateResult r, Func<RateResult, double> pick) => r.ValidVisits > 0 ? pick(r) : null;
        HomeRate Row(string key, string label, Func<RateResult, double> pick) => new(key, label, Of(now, pick), Of(before, pick), Of(other, pick));
        return new HomeRates(L["Home.RatesTitle"], L["Home.ThisMonth"], L["Home.LastMonth"],
            district is { } d ? L["Home.District", d.Name] : L["Rates.City"], now.ValidVisits,
            [
                Row("response", L["Rates.Response"], r => r.ResponseRate),
                Row("resolution", L["Rates.Resolution"], r => r.ResolutionRate),
                Row("satisfaction", L["Rates.Satisfaction"], r => r.SatisfactionRate),
            ],
            me.Can(Permissions.HotlineSupervise) ? "/hotline/rates" : null);
    }
}
