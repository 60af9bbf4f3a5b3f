using Gonghui.Modules.ModelWorkers.Rules;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Passes;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.ModelWorkers.Lectures;

/// <summary>The lecture programme under /api/v1/model-workers/lectures: topics, requests, the schedule, sign-in, feedback, counts, "my lectures".</summary>
internal static class LectureEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/lectures/topics", async (int? year, LectureService s, CancellationToken ct) => TypedResults.Ok(await s.TopicsAsync(year, ct)))
            .RequireAuthorization(Permissions.ModelWorkersRead);
        g.MapPost("/lectures/topics", async (TopicRequest body, LectureService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.CreateTopicAsync(body, ct)).ToCreatedResult(v => $"/api/v1/model-workers/lectures/topics/{v.Id}", v => v, t)).RequireAuthorization(Permissions.ModelWorkersManage);
        g.MapGet("/lectures", async Task<IResult> (LectureStatus? status, HostType? hostType, string? district, string? after, string? before, int? limit,
            LectureService s, CancellationToken ct) =>
        {
            var errors = new Api.Errors();
            if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
            return TypedResults.Ok(await s.ListAsync(new LectureFilter(status, hostType, district), request, ct));
        }).RequireAuthorization(Permissions.ModelWorkersRead);
        g.MapPost("/lectures", async (LectureRequestBody body, LectureService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.RequestAsync(body, ct)).ToCreatedResult(v => $"/api/v1/model-workers/lectures/{v.Id}", v => v, t)).RequireAuthorization(Permissions.ModelWorkersEdit);
        g.MapGet("/lectures/stats", async Task<IResult> (int? year, LectureService s, CancellationToken ct) =>
                year is < 2000 or > 2100 ? new Api.Errors().Add("year", "year must be between 2000 and 2100.").Problem() : TypedResults.Ok(await s.StatsAsync(year, ct)))
            .RequireAuthorization(Permissions.ModelWorkersRead);
        g.MapGet("/lectures/mine", async (LectureService s, CancellationToken ct) => TypedResults.Ok(await s.MineAsync(ct)))
            .RequireAuthorization(Permissions.ModelWorkersSelf);
        g.MapPost("/lectures/sign-in", async (SignInRequest body, LectureService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.SignInAsync(body, ct)).ToHttpResult(t)).RequireAuthorization(Permissions.ModelWorkersSelf);
        g.MapPost("/lectures/{id:guid}/pass-sign-in", async (Guid id, PassSignInRequest body, LectureService s, IStringLocalizer<ModelWorkersText> t,
            IStringLocalizer<PassText> pass, CancellationToken ct) => (await s.PassSignInAsync(id, body, ct)).ToHttpResult(PassText.Words(pass, OutcomeHttp.Words(t))))
            .RequireAuthorization(Permissions.ModelWorkersEdit);
        g.MapGet("/lectures/{id:guid}", async (Guid id, LectureService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.DetailAsync(id, ct)).ToHttpResult(t)).RequireAuthorization(Permissions.ModelWorkersRead);
        g.MapPost("/lectures/{id:guid}/schedule", async (Guid id, ScheduleRequest body, LectureService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.ScheduleAsync(id, body, ct)).ToHttpResult(t)).RequireAuthorization(Permissions.ModelWorkersManage);
        g.MapPost("/lectures/{id:guid}/steps", async (Guid id, LectureStepRequest body, LectureService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.StepAsync(id, body, ct)).ToHttpResult(t)).RequireAuthorization(Permissions.ModelWorkersManage);
        g.MapPost("/lectures/{id:guid}/feedback", async (Guid id, FeedbackRequest body, LectureService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.FeedbackAsync(id, body, ct)).ToCreatedResult(v => $"/api/v1/model-workers/lectures/{id}", v => v, t)).RequireAuthorization(Permissions.ModelWorkersSelf);
    }
}
