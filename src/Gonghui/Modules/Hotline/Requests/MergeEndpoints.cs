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

/// <summary>Duplicate candidates of a request and merging a duplicate into its primary.</summary>
internal static class MergeEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/v1/hotline").WithTags("Hotline");
        staff.MapGet("/requests/{id:guid}/duplicates", Duplicates).RequireAuthorization(Permissions.HotlineWork);
        staff.MapPost("/requests/{id:guid}/merge", Merge).RequireAuthorization(Permissions.HotlineWork);
    }

    public static async Task<Results<Ok<List<DuplicateCandidate>>, NotFound>> Duplicates(Guid id, HotlineService svc, HotlineMerge merge, CancellationToken ct)
    {
        var r = await svc.FindVisibleAsync(id, ct);
        if (r is null) return TypedResults.NotFound();
        return TypedResults.Ok(await merge.CandidatesAsync(r, ct));
    }

    public static async Task<Results<Ok<RequestDto>, ValidationProblem, NotFound, ProblemHttpResult>> Merge(
        Guid id, MergeBody? body, [FromHeader(Name = "Idempotency-Key")] string? key, HotlineMerge merge, DeadlinePolicy policy, TimeProvider clock,
        IStringLocalizer<HotlineText> t, CancellationToken ct)
    {
        var o = await merge.MergeAsync(id, body ?? new MergeBody(null), key, ct);
        return o.ToHttpResult(r => TypedResults.Ok(HotlineEndpoints.ToDto(r, clock.GetUtcNow(), policy.Calendar)), t);
    }
}
