using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.ModelWorkers.Contest;

/// <summary>The speech contest under /api/v1/model-workers/contests: set-up, entries, judges, scores, closing rounds, certificates.</summary>
internal static class ContestEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/contests", async (ContestService s, CancellationToken ct) => TypedResults.Ok(await s.ContestsAsync(ct))).RequireAuthorization(Permissions.ModelWorkersRead);
        g.MapPost("/contests", async (CreateContestRequest body, ContestService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.CreateAsync(body, ct)).ToCreatedResult(v => $"/api/v1/model-workers/contests/{v.Id}", v => v, t)).RequireAuthorization(Permissions.ModelWorkersManage);
        g.MapPut("/contests/{id:guid}", async (Guid id, CreateContestRequest body, ContestService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.UpdateAsync(id, body, ct)).ToHttpResult(t)).RequireAuthorization(Permissions.ModelWorkersManage);
        g.MapGet("/contests/{id:guid}", async (Guid id, ContestService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.DetailAsync(id, ct)).ToHttpResult(t)).RequireAuthorization(Permissions.ModelWorkersRead);
        g.MapPost("/contests/{id:guid}/entries", async (Guid id, EnterRequest body, ContestService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.EnterAsync(id, body, ct)).ToCreatedResult(v => $"/api/v1/model-workers/contests/{id}", v => v, t)).RequireAuthorization(Permissions.ModelWorkersEdit);
        g.MapPost("/contests/{id:guid}/judges", async (Guid id, AddJudgeRequest body, ContestService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.AddJudgeAsync(id, body, ct)).ToCreatedResult(v => $"/api/v1/model-workers/contests/{id}", v => v, t)).RequireAuthorization(Permissions.ModelWorkersManage);
        g.MapPost("/contests/judges/{judgeId:guid}/conflicts", async (Guid judgeId, DeclareRequest body, ContestService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.DeclareAsync(judgeId, body, ct)).ToHttpResult(t)).RequireAuthorization(Permissions.ModelWorkersManage);
        g.MapPost("/contests/{id:guid}/judges/{judgeId:guid}/scores", async (Guid id, Guid judgeId, SaveScoresRequest body, ContestService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.SaveScoresAsync(id, judgeId, body, ct)).ToHttpResult(t)).RequireAuthorization(Permissions.ModelWorkersManage);
        g.MapPost("/contests/{id:guid}/close-round", async (Guid id, ContestService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.CloseRoundAsync(id, ct)).ToHttpResult(t)).RequireAuthorization(Permissions.ModelWorkersManage);
        // The audience vote (Culture's likes): staff open it and see raw and cleaned counts; workers vote and see the cleaned counts.
        g.MapPut("/contests/{id:guid}/vote", async (Guid id, OpenVoteRequest body, AudienceVote v, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await v.OpenAsync(id, body, ct)).ToHttpResult(v.Words(OutcomeHttp.Words(t)))).RequireAuthorization(Permissions.ModelWorkersManage);
        g.MapGet("/contests/{id:guid}/vote", async (Guid id, AudienceVote v, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await v.ViewAsync(id, staff: true, ct)).ToHttpResult(t)).RequireAuthorization(Permissions.ModelWorkersRead);
        g.MapGet("/contests/{id:guid}/ballot", async (Guid id, AudienceVote v, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await v.ViewAsync(id, staff: false, ct)).ToHttpResult(t)).RequireAuthorization(Permissions.ModelWorkersSelf);
        g.MapPost("/contests/{id:guid}/entries/{entryId:guid}/vote", async (Guid id, Guid entryId, AudienceVote v, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await v.VoteAsync(id, entryId, ct)).ToHttpResult(v.Words(OutcomeHttp.Words(t)))).RequireAuthorization(Permissions.ModelWorkersSelf);
        g.MapGet("/contests/entries/{entryId:guid}/certificate", async (Guid entryId, ContestService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.CertificateAsync(entryId, ct)).ToHttpResult(t)).RequireAuthorization(Permissions.ModelWorkersRead);
    }
}
