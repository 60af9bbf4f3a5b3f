using Gonghui.Modules.Hardship.Rules;
using Gonghui.Platform.Home;
using Gonghui.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Hardship.Home;

/// <summary>Hardship on the home page: the files waiting for the caller's level (the review queue, <c>/hardship/queue</c>) in scope.</summary>
internal sealed class HardshipHomeTasks(Files.FileQueries svc, CurrentUser me, IStringLocalizer<HardshipText> L) : IHomeTasks
{
    public async Task<HomeSection?> SectionAsync(CancellationToken ct)
    {
        if (!me.Can(Permissions.HardshipRead) || svc.Level == ActorLevel.None) return null;
        var queue = (await svc.QueueQueryAsync(ct)).AsNoTracking();
        return new HomeSection("hardship", L["Nav.Section"], 20,
            [await HomeCount.Of(queue, "hardship-review", L["Home.ToReview"], "/hardship/queue", false, ct)]);
    }
}
