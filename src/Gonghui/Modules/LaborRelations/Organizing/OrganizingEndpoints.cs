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
        g.MapGet("/organizing/drives/{id:guid}/grants", Grants).RequireAuthorization(Permissions.LaborRead);
        g.MapPost("/organizing/drives/{id:guid}/grants", ApproveGrant).RequireAuthorization(Permissions.LaborManage);
        g.MapPost("/organizing/grants/{id:guid}/pay", PayGrant).RequireAuthorization(Permissions.LaborPay);
        g.MapGet("/organizing/grants/{id:guid}/entries", GrantEntries).RequireAuthorization(Permissions.LaborRead);
    }

    public static async Task<IResult> Create(DriveInput body, OrganizingHandlers h, IStringLocalizer<LaborRelationsText> t, CancellationToken ct) =>
        (await h.CreateAsync(body, ct)).ToHttpResult(d => TypedResults.Created($"/api/v1/labor-relations/organizing/drives/{d.Id}", d), OutcomeHttp.Words(t));

    public static async Task<IResult> Get(Guid id, OrganizingHandlers h, CancellationToken ct) =>
        await h.GetAsync(id, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    public static async Task<IResult> Grants(Guid id, GrantHandlers h, CancellationToken ct) =>
        await h.ListAsync(id, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();

    public static async Task<IResult> ApproveGrant(Guid id, GrantInput body, GrantHandlers h, IStringLocalizer<LaborRelationsText> t, CancellationToken ct) =>
        (await h.ApproveAsync(id, body, ct)).ToHttpResult(g => TypedResults.Created($"/api/v1/labor-relations/organizing/grants/{g.Id}/entries", g), OutcomeHttp.Words(t));

    public static async Task<IResult> PayGrant(Guid id, GrantHandlers h, IStringLocalizer<LaborRelationsText> t, CancellationToken ct) =>
        (await h.PayAsync(id, ct)).ToHttpResult(OutcomeHttp.Words(t));

    public static async Task<IResult> GrantEntries(Guid id, GrantHandlers h, CancellationToken ct) =>
        await h.EntriesAsync(id, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound();
}
