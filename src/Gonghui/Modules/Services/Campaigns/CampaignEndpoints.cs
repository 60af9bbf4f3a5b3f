using Gonghui.Modules.Services.Rules;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Services.Campaigns;

public sealed record CampaignDto(Guid Id, string Name, CampaignKind Kind, int Year, Guid OwnerUnitId, Guid? ProjectId, GiftKind GiftKind, long GiftFen, string? GiftItem,
    string FundCode, bool PublicityRequired, DateOnly? PublicityStartsOn, DateOnly? GiftsFrom, DateTimeOffset CreatedAt);
public sealed record CampaignDetailDto(CampaignDto Campaign, string OwnerName, int Listed, int Gifted, int SignedOff, long MoneyFen, IReadOnlyList<CampaignResultRow> Results);

internal static class CampaignEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/campaigns", List).RequireAuthorization(Permissions.ServicesRead);
        g.MapPost("/campaigns", Open).RequireAuthorization(Permissions.ServicesEdit);
        g.MapGet("/campaigns/{id:guid}", Get).RequireAuthorization(Permissions.ServicesRead);
        g.MapPut("/campaigns/{id:guid}/plan", Plan).RequireAuthorization(Permissions.ServicesEdit);
        g.MapPost("/campaigns/{id:guid}/targets", Targets).RequireAuthorization(Permissions.ServicesEdit);
        g.MapGet("/campaigns/{id:guid}/recipients", Recipients).RequireAuthorization(Permissions.ServicesRead);
        g.MapPost("/campaigns/{id:guid}/recipients", Add).RequireAuthorization(Permissions.ServicesEdit);
        g.MapPost("/campaigns/{id:guid}/publicity", Publicise).RequireAuthorization(Permissions.ServicesEdit);
        g.MapPost("/campaigns/{id:guid}/recipients/{recipientId:guid}/gift", Gift).RequireAuthorization(Permissions.ServicesEdit);
        g.MapPost("/campaigns/{id:guid}/recipients/{recipientId:guid}/sign-off", SignOff).RequireAuthorization(Permissions.ServicesEdit);
    }

    private static OutcomeText Text(IStringLocalizer<ServicesText> t) => OutcomeHttp.Words(t);

    public static CampaignDto ToDto(ServiceCampaign c) => new(c.Id, c.Name, c.Kind, c.Year, c.OwnerUnitId, c.ProjectId, c.GiftKind, c.GiftFen, c.GiftItem, c.FundCode,
        c.PublicityRequired, c.PublicityStartsOn, CampaignRules.GiftsFrom(c.PublicityRequired, c.PublicityStartsOn), c.CreatedAt);

    public static CampaignDetailDto ToDto(CampaignView v) => new(ToDto(v.Campaign), v.OwnerName, v.Listed, v.Gifted, v.SignedOff, v.MoneyFen, v.Results);

    public static async Task<IResult> List(int? year, string? after, string? before, int? limit, CampaignHandlers h, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        return TypedResults.Ok((await h.ListAsync(year, request, ct)).Map(ToDto));
    }

    public static async Task<IResult> Open(OpenCampaignInput body, CampaignHandlers h, IStringLocalizer<ServicesText> t, CancellationToken ct)
    {
        var o = await h.OpenAsync(body, ct);
        return o.IsOk ? TypedResults.Created($"/api/v1/services/campaigns/{o.Value!.Id}", ToDto(o.Value)) : o.ToProblem(Text(t));
    }

    public static async Task<IResult> Get(Guid id, CampaignHandlers h, CancellationToken ct) =>
        await h.GetAsync(id, ct) is { } v ? TypedResults.Ok(ToDto(v)) : TypedResults.NotFound();

    public static async Task<IResult> Plan(Guid id, PlanInput body, CampaignHandlers h, IStringLocalizer<ServicesText> t, CancellationToken ct) =>
        (await h.PlanAsync(id, body, ct)).ToHttpResult(v => TypedResults.Ok(ToDto(v)), Text(t));

    public static async Task<IResult> Targets(Guid id, BuildTargetsInput body, CampaignHandlers h, IStringLocalizer<ServicesText> t, CancellationToken ct) =>
        (await h.BuildTargetsAsync(id, body, ct)).ToHttpResult(Text(t));

    public static async Task<IResult> Recipients(Guid id, string? after, string? before, int? limit, CampaignHandlers h, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        return await h.RecipientsAsync(id, request, ct) is { } slice ? TypedResults.Ok(slice) : TypedResults.NotFound();
    }

    public static async Task<IResult> Add(Guid id, AddRecipientInput body, CampaignHandlers h, IStringLocalizer<ServicesText> t, CancellationToken ct)
    {
        var o = await h.AddRecipientAsync(id, body, ct);
        return o.IsOk ? TypedResults.Created($"/api/v1/services/campaigns/{id}/recipients", o.Value) : o.ToProblem(Text(t));
    }

    public static async Task<IResult> Publicise(Guid id, PubliciseInput body, CampaignHandlers h, IStringLocalizer<ServicesText> t, CancellationToken ct) =>
        (await h.PubliciseAsync(id, body, ct)).ToHttpResult(v => TypedResults.Ok(ToDto(v)), Text(t));

    public static async Task<IResult> Gift(Guid id, Guid recipientId, GiftInput body, CampaignHandlers h, IStringLocalizer<ServicesText> t, CancellationToken ct) =>
        (await h.GiftAsync(id, recipientId, body, ct)).ToHttpResult(Text(t));

    public static async Task<IResult> SignOff(Guid id, Guid recipientId, SignOffInput body, CampaignHandlers h, IStringLocalizer<ServicesText> t, CancellationToken ct) =>
        (await h.SignOffAsync(id, recipientId, body, ct)).ToHttpResult(Text(t));
}
