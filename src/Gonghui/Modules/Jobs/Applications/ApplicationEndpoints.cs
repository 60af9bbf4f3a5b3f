using Gonghui.Modules.Jobs.Posts;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Jobs.Applications;

public sealed record ApplicationDto(Guid Id, Guid PostId, ApplicationStatus Status, DateTimeOffset AppliedAt, DateTimeOffset? DecidedAt);

/// <summary>Applying (a worker), the worker's own list and matches, a post's applicants and candidates, placing and declining (staff).</summary>
internal static class ApplicationEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/apply", Apply).RequireAuthorization(Permissions.SelfService);
        g.MapGet("/mine/applications", Mine).RequireAuthorization(Permissions.SelfService);
        g.MapGet("/mine/matches", Matches).RequireAuthorization(Permissions.SelfService);
        g.MapGet("/posts/{id:guid}/applications", Applicants).RequireAuthorization(Permissions.JobsRead);
        g.MapGet("/posts/{id:guid}/candidates", Candidates).RequireAuthorization(Permissions.JobsEdit);
        g.MapPost("/applications/{id:guid}/place", Place).RequireAuthorization(Permissions.JobsEdit);
        g.MapPost("/applications/{id:guid}/decline", Decline).RequireAuthorization(Permissions.JobsEdit);
    }

    private static ApplicationDto ToDto(JobApplication a) => new(a.Id, a.PostId, a.Status, a.AppliedAt, a.DecidedAt);

    public static async Task<IResult> Apply(Guid id, ApplyInput? body, ApplicationHandlers h, IStringLocalizer<JobsText> t, CancellationToken ct) =>
        (await h.ApplyAsync(id, body ?? new ApplyInput(null), ct)).ToHttpResult(a => TypedResults.Created($"/api/v1/jobs/mine/applications", ToDto(a)), PostEndpoints.Text(t));

    public static async Task<IResult> Mine(string? after, string? before, int? limit, ApplicationHandlers h, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        return TypedResults.Ok(await h.MineAsync(request, ct));
    }

    public static async Task<IResult> Matches(string? after, string? before, int? limit, ApplicationHandlers h, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        var (groups, posts) = await h.ForMeAsync(request, ct);
        return TypedResults.Ok(new { groups, posts });
    }

    public static async Task<IResult> Applicants(Guid id, ApplicationHandlers h, IStringLocalizer<JobsText> t, CancellationToken ct) =>
        (await h.ApplicantsAsync(id, ct)).ToHttpResult(PostEndpoints.Text(t));

    public static async Task<IResult> Candidates(Guid id, ApplicationHandlers h, IStringLocalizer<JobsText> t, CancellationToken ct) =>
        (await h.CandidatesAsync(id, ct)).ToHttpResult(PostEndpoints.Text(t));

    public static async Task<IResult> Place(Guid id, ApplicationHandlers h, IStringLocalizer<JobsText> t, CancellationToken ct) =>
        (await h.PlaceAsync(id, ct)).ToHttpResult(a => TypedResults.Ok(ToDto(a)), PostEndpoints.Text(t));

    public static async Task<IResult> Decline(Guid id, ApplicationHandlers h, IStringLocalizer<JobsText> t, CancellationToken ct) =>
        (await h.DeclineAsync(id, ct)).ToHttpResult(a => TypedResults.Ok(ToDto(a)), PostEndpoints.Text(t));
}
