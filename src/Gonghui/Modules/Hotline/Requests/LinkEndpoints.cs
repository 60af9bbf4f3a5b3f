using System.Globalization;
using Gonghui.Modules.Hotline.Attachments;
using Gonghui.Modules.Hotline.Deadlines;
using Gonghui.Modules.Hotline.Endpoints;
using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Modules.Hotline.Topics;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Hotline.Requests;

/// <summary>Links from a request to other records (a hardship file, a claim, a legal-aid case).</summary>
internal static class LinkEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/v1/hotline").WithTags("Hotline");
        staff.MapGet("/requests/{id:guid}/links", Links).RequireAuthorization(Permissions.HotlineWork);
        staff.MapPost("/requests/{id:guid}/links", AddLink).RequireAuthorization(Permissions.HotlineWork);
        staff.MapDelete("/requests/{id:guid}/links/{linkId:guid}", RemoveLink).RequireAuthorization(Permissions.HotlineWork);
        // 转法律援助: whoever may open legal cases (legal.work), on a request they can see.
        staff.MapPost("/requests/{id:guid}/legal-aid", OpenLegalAid).RequireAuthorization(Permissions.LegalWork);
    }

    public static async Task<Results<Created<LinkDto>, ValidationProblem, NotFound, ProblemHttpResult>> OpenLegalAid(Guid id, HotlineLinks links, CancellationToken ct)
    {
        var (o, link) = await links.OpenLegalAidAsync(id, ct);
        return o.ToHttpResult(_ => TypedResults.Created($"/api/v1/legal/cases/{link!.TargetId}", link!));
    }

    public static async Task<Results<Ok<List<LinkDto>>, NotFound>> Links(Guid id, HotlineService svc, HotlineLinks links, CancellationToken ct)
    {
        if (await svc.FindVisibleAsync(id, ct) is null) return TypedResults.NotFound();
        return TypedResults.Ok(await links.ListAsync(id, ct));
    }

    public static async Task<Results<Created<LinkDto>, ValidationProblem, NotFound, ProblemHttpResult>> AddLink(Guid id, LinkBody body, HotlineLinks links, IStringLocalizer<HotlineText> t, CancellationToken ct)
    {
        var (o, link) = await links.AddAsync(id, body, ct);
        return o.ToHttpResult(_ => TypedResults.Created($"/api/v1/hotline/requests/{id}/links", link!), t);
    }

    public static async Task<Results<NoContent, ValidationProblem, NotFound, ProblemHttpResult>> RemoveLink(Guid id, Guid linkId, HotlineLinks links, IStringLocalizer<HotlineText> t, CancellationToken ct)
    {
        var o = await links.RemoveAsync(id, linkId, ct);
        return o.ToHttpResult(_ => TypedResults.NoContent(), t);
    }
}
