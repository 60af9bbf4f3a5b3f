using Gonghui.Modules.Jobs.Posts;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Jobs.Campaigns;

public sealed record CampaignInput(CampaignKind? Kind, string? Name, DateOnly? StartsOn, DateOnly? EndsOn, string? Place);

/// <summary>A campaign with the count of its posts published so far.</summary>
public sealed record CampaignRow(Guid Id, CampaignKind Kind, string Name, DateOnly StartsOn, DateOnly EndsOn, string? Place, int Posts);

/// <summary>The 春送岗位 campaigns and job fairs: district and federation staff open them; posts name them; everyone may list them.</summary>
internal sealed class CampaignHandlers(GonghuiDb db, CurrentUser me, TimeProvider clock)
{
    public async Task<IReadOnlyList<CampaignRow>> ListAsync(CancellationToken ct)
    {
        var rows = await db.Set<JobCampaign>().AsNoTracking().OrderByDescending(c => c.StartsOn).ThenBy(c => c.Id).Take(200)
            .Select(c => new CampaignRow(c.Id, c.Kind, c.Name, c.StartsOn, c.EndsOn, c.Place,
                db.Set<JobPost>().Count(p => p.CampaignId == c.Id && (p.Status == PostStatus.Published || p.Status == PostStatus.Filled))))
            .ToListAsync(ct);
        return rows;
    }

    public async Task<Outcome<JobCampaign>> CreateAsync(CampaignInput input, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (input.Kind is not { } kind || !Enum.IsDefined(kind)) errors.Add(("kind", "required"));
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add(("name", "required"));
        else if (name.Length > 200) errors.Add(("name", "tooLong"));
        if (input.StartsOn is null) errors.Add(("startsOn", "required"));
        if (input.EndsOn is null) errors.Add(("endsOn", "required"));
        else if (input.StartsOn is { } s && input.EndsOn < s) errors.Add(("endsOn", "campaign.endsBeforeStart"));
        if (input.Place is { Length: > 200 }) errors.Add(("place", "tooLong"));
        if (errors.Count > 0) return Outcome<JobCampaign>.Invalid(errors);
        var c = JobCampaign.Create(input.Kind!.Value, name, input.StartsOn!.Value, input.EndsOn!.Value, input.Place?.Trim(), await me.ScopePathAsync(ct), clock.GetUtcNow(), me.Name);
        db.Add(c);
        await db.SaveChangesAsync(ct);
        return Outcome<JobCampaign>.Ok(c);
    }
}
