using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.LaborRelations.Organizing;

internal static class OrganizingEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/organizing/drives", async (OrganizingHandlers h, CancellationToken ct) => TypedResults.Ok(await h.ListAsync(ct))).RequireAuthorization(Permissions.LaborRead);
        g.MapPost("/organizing/drives", Create).RequireAuthorization(Permissions.LaborManage);
        g.MapGet("/organizing/drives/{id:guid}", Get).RequireAuthorization(Permissions.LaborRead);
    }

    public static async Task<IResult> Create(DriveInput body, OrganizingHandlers h, IStringLocalizer<LaborRelationsText> t, CancellationToken ct) =>
        (await h.CreateAsync(body, ct)).ToHttpResult(d => TypedResults.Created($"/api/v1/labor-relations/organizing/drives/{d.Id}", d), OutcomeHttp.Words(t));

    public static async Task<IResult> Get(Guid id, OrganizingHandlers h, CancellationToken ct) =>
        await h.GetAsync(id, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();
}
