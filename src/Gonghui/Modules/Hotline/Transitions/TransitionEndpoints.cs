using Gonghui.Modules.Hotline.Endpoints;
using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Hotline.Transitions;

/// <summary>
/// <c>POST /api/v1/hotline/requests/{id}/{action}</c> for every step of <see cref="RequestTransitions.Actions"/> (an
/// <c>Idempotency-Key</c> header makes a retry safe) and <c>POST …/extend/approve</c>: 200 with the request, 400 naming
/// the field, 404 out of scope, 409 with a stable <c>code</c> and the current state in <c>detail</c>.
/// </summary>
internal static class TransitionEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/hotline").WithTags("Hotline");
        foreach (var action in RequestTransitions.Actions)
        {
            g.MapPost($"/requests/{{id:guid}}/{RequestTransitions.Verb(action)}", (Guid id, TransitionBody? body, [FromHeader(Name = "Idempotency-Key")] string? key,
                    RequestTransitions transitions, HotlineService svc, TimeProvider clock, IStringLocalizer<HotlineText> t, CancellationToken ct) =>
                    Act(id, action, body, key, transitions, svc, clock, t, ct))
                .WithName("Hotline" + action).RequireAuthorization(Permissions.HotlineWork);
        }
        g.MapPost("/requests/{id:guid}/extend/approve", Approve).RequireAuthorization(Permissions.HotlineWork);
    }

    public static async Task<Results<Ok<RequestDto>, ValidationProblem, NotFound, ProblemHttpResult>> Act(Guid id, RequestAction action, TransitionBody? body,
        string? idempotencyKey, RequestTransitions transitions, HotlineService svc, TimeProvider clock, IStringLocalizer<HotlineText> t, CancellationToken ct)
    {
        var o = await transitions.ActAsync(id, action, body ?? new TransitionBody(), idempotencyKey, ct);
        return o.ToHttpResult(r => TypedResults.Ok(HotlineEndpoints.ToDto(r, clock.GetUtcNow(), svc.Calendar)), t);
    }

    public static async Task<Results<Ok<RequestDto>, ValidationProblem, NotFound, ProblemHttpResult>> Approve(Guid id, ApproveExtension approve, HotlineService svc,
        TimeProvider clock, IStringLocalizer<HotlineText> t, CancellationToken ct)
    {
        var o = await approve.ApproveAsync(id, ct);
        return o.ToHttpResult(r => TypedResults.Ok(HotlineEndpoints.ToDto(r, clock.GetUtcNow(), svc.Calendar)), t);
    }
}
