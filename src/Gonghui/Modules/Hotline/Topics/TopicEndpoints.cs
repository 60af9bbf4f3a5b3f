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

namespace Gonghui.Modules.Hotline.Topics;

/// <summary>Monthly topics (每月一题): promoting an alert, notes, closing, listing.</summary>
internal static class TopicEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/v1/hotline").WithTags("Hotline");
        staff.MapPost("/alerts/{id:guid}/topic", Promote).RequireAuthorization(Permissions.HotlineSupervise);
        staff.MapGet("/topics", Topics).RequireAuthorization(Permissions.HotlineSupervise);
        staff.MapGet("/topics/{id:guid}", Topic).RequireAuthorization(Permissions.HotlineSupervise);
        staff.MapPost("/topics/{id:guid}/notes", Note).RequireAuthorization(Permissions.HotlineSupervise);
        staff.MapPost("/topics/{id:guid}/close", CloseTopic).RequireAuthorization(Permissions.HotlineSupervise);
    }

    private static Task<Results<Ok<TopicDetailDto>, ValidationProblem, NotFound, ProblemHttpResult>> TopicResult(Outcome<HotlineTopic> o, HotlineTopics topics,
        IStringLocalizer<HotlineText> t, CancellationToken ct) =>
        o.ToHttpResultAsync(async x => TypedResults.Ok((await topics.DetailAsync(x.Id, ct))!), t);

    public static async Task<Results<Ok<TopicDetailDto>, ValidationProblem, NotFound, ProblemHttpResult>> Promote(Guid id, PromoteBody body, HotlineTopics topics, IStringLocalizer<HotlineText> t, CancellationToken ct) =>
        await TopicResult(await topics.PromoteAsync(id, body, ct), topics, t, ct);

    public static async Task<Results<Ok<List<TopicDto>>, ValidationProblem>> Topics(string? month, HotlineTopics topics, IStringLocalizer<HotlineText> t, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(month)) return TypedResults.Ok(await topics.ListAsync(null, null, ct));
        if (TopicRules.ParseMonth(month) is not { } m) return new Api.Errors().Add("month", t[HotlineCodes.TopicMonthInvalid]).Problem();
        return TypedResults.Ok(await topics.ListAsync(m.Year, m.Month, ct));
    }

    public static async Task<Results<Ok<TopicDetailDto>, NotFound>> Topic(Guid id, HotlineTopics topics, CancellationToken ct) =>
        await topics.DetailAsync(id, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    public static async Task<Results<Ok<TopicDetailDto>, ValidationProblem, NotFound, ProblemHttpResult>> Note(Guid id, TopicNoteBody body, HotlineTopics topics, IStringLocalizer<HotlineText> t, CancellationToken ct) =>
        await TopicResult(await topics.AddNoteAsync(id, body, ct), topics, t, ct);

    public static async Task<Results<Ok<TopicDetailDto>, ValidationProblem, NotFound, ProblemHttpResult>> CloseTopic(Guid id, TopicCloseBody body, HotlineTopics topics, IStringLocalizer<HotlineText> t, CancellationToken ct) =>
        await TopicResult(await topics.CloseAsync(id, body, ct), topics, t, ct);
}
