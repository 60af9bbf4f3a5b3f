using Gonghui.Modules.Culture.Public;
using Gonghui.Modules.Culture.Rules;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Culture.Recitations;

/// <summary>The recitation works' API: upload (multipart), public listing and playback (range requests), likes, moderation, ranking.</summary>
internal static class RecitationEndpoints
{
    private const long MaxRequest = MediaRules.MaxVideoBytes + 1024 * 1024;

    public static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/works", Upload).RequireAuthorization(Permissions.CultureTake).RequireAntiforgeryForCookieCallers()
            .Accepts<IFormFile>("multipart/form-data").WithMetadata(new RequestSizeLimitAttribute(MaxRequest));
        g.MapGet("/works", Published).AllowAnonymous();
        g.MapGet("/works/mine", Mine).RequireAuthorization(Permissions.CultureTake);
        g.MapGet("/works/pending", Pending).RequireAuthorization(Permissions.CultureModerate);
        g.MapGet("/works/ranking", Ranking).RequireAuthorization(Permissions.CultureRead);
        g.MapPut("/works/campaign", Campaign).RequireAuthorization(Permissions.CultureManage);
        g.MapGet("/works/{id:guid}", Get).AllowAnonymous();
        g.MapGet("/works/{id:guid}/media", (Guid id, RecitationHandlers h, CancellationToken ct) => h.ServeAsync(id, false, ct)).AllowAnonymous();
        g.MapGet("/works/{id:guid}/poster", (Guid id, RecitationHandlers h, CancellationToken ct) => h.ServeAsync(id, true, ct)).AllowAnonymous();
        g.MapPost("/works/{id:guid}/like", Like).RequireAuthorization(Permissions.CultureTake);
        g.MapPost("/works/{id:guid}/decision", Decide).RequireAuthorization(Permissions.CultureModerate);
    }

    private static async Task<IResult> Upload(HttpRequest request, RecitationHandlers h, IStringLocalizer<CultureText> t, CancellationToken ct)
    {
        if (!request.HasFormContentType) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [t["work.file"]] });
        var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxRequest }, ct);
        var file = form.Files.GetFile("file");
        await using var stream = file?.OpenReadStream();
        return (await h.UploadAsync(new UploadWork(form["title"].ToString(), form["text"].ToString(), stream, file?.FileName), ct))
            .ToHttpResult(w => TypedResults.Created($"/api/v1/culture/works/{w.Id}", new { w.Id, w.Status, w.Kind, w.ContentType, w.DurationMs, HasPoster = w.PosterSha256 is not null }), t);
    }

    /// <summary>Published works, 50 a page newest first; the report's drill-down's from/to/unit (a bad one: 400 naming the field).</summary>
    private static async Task<IResult> Published(DateOnly? from, DateOnly? to, Guid? unit, string? after, string? before, int? limit, RecitationHandlers h, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit ?? RecitationHandlers.PageSize, errors, out var request)) return errors.Problem();
        var drill = await h.DrillAsync(from, to, unit, errors, ct);
        if (drill is null) return errors.Problem();
        return TypedResults.Ok(await h.PublishedAsync(drill, request, ct));
    }

    private static async Task<IResult> Mine(RecitationHandlers h, CancellationToken ct) => TypedResults.Ok(await h.MineAsync(ct));

    private static async Task<IResult> Pending(RecitationHandlers h, CancellationToken ct) => TypedResults.Ok(await h.PendingAsync(ct));

    private static async Task<IResult> Ranking(int? top, RecitationHandlers h, CancellationToken ct) => TypedResults.Ok(await h.RankingAsync(top ?? 100, ct));

    private static async Task<IResult> Campaign(CampaignRequest body, RecitationHandlers h, IStringLocalizer<CultureText> t, CancellationToken ct) =>
        (await h.SetCampaignAsync(body, ct)).ToHttpResult(t);

    private static async Task<IResult> Get(Guid id, RecitationHandlers h, IStringLocalizer<CultureText> t, CancellationToken ct) =>
        (await h.GetAsync(id, ct)).ToHttpResult(t);

    private static async Task<IResult> Like(Guid id, RecitationHandlers h, IStringLocalizer<CultureText> t, CancellationToken ct) =>
        (await h.LikeAsync(id, ct)).ToHttpResult(t);

    private static async Task<IResult> Decide(Guid id, DecideRequest body, RecitationHandlers h, IStringLocalizer<CultureText> t, CancellationToken ct) =>
        (await h.DecideAsync(id, body, ct)).ToHttpResult(t);
}
