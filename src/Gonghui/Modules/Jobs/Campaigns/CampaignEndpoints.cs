using Gonghui.Modules.Jobs.Posts;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Jobs.Campaigns;

internal static class CampaignEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/campaigns", List).AllowAnonymous();
        g.MapPost("/campaigns", Create).RequireAuthorization(Permissions.JobsReview);
    }

    public static async Task<IResult> List(CampaignHandlers h, CancellationToken ct) => TypedResults.Ok(await h.ListAsync(ct));

    public static async Task<IResult> Create(CampaignInput body, CampaignHandlers h, IStringLocalizer<JobsText> t, CancellationToken ct) =>
        (await h.CreateAsync(body, ct)).ToHttpResult(c => TypedResults.Created($"/api/v1/jobs/campaigns/{c.Id}",
            new CampaignRow(c.Id, c.Kind, c.Name, c.StartsOn, c.EndsOn, c.Place, 0)), PostEndpoints.Text(t));
}
