using Gonghui.Modules.Venues.Coverage;
using Gonghui.Modules.Venues.Nearby;
using Gonghui.Modules.Venues.Listing;
using Gonghui.Platform.Home;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Venues.Home;

/// <summary>Venues on the home page: for staff who keep venues, those in scope whose opening hours are blank or not saved for a year
/// (<c>/venues?stale=true</c>).</summary>
internal sealed class VenuesHomeTasks(VenueHandlers venues, CurrentUser me, IStringLocalizer<VenuesText> L) : IHomeTasks
{
    public async Task<HomeSection?> SectionAsync(CancellationToken ct)
    {
        if (!me.IsStaff || !me.Can(Permissions.VenuesEdit)) return null;
        return new HomeSection("venues", L["Nav.Venues"], 70,
            [await HomeCount.Of(await venues.StaleAsync(ct), "venues-stale", L["Home.StaleHours"], "/venues?stale=true", false, ct)]);
    }
}
