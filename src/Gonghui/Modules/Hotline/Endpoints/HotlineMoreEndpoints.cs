using System.Globalization;
using Gonghui.Modules.Hotline.Attachments;
using Gonghui.Modules.Hotline.Deadlines;
using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Modules.Hotline.Topics;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Scope;

namespace Gonghui.Modules.Hotline.Endpoints;

/// <summary>Attachments, merging duplicates, links to other records, and monthly topics (每月一题).</summary>
internal static class HotlineMoreEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/hotline").WithTags("Hotline");
        var staff = g.MapGroup("");
        var anyUser = g.MapGroup("").RequireAuthorization(Permissions.HotlineRead);
        // Uploads from API clients: bearer token only (a cookie could be ridden by another site), so no antiforgery token is needed.
        var bearer = g.MapGroup("").DisableAntiforgery().RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityModule.BearerScheme).RequireAuthenticatedUser());
        var uploadLimit = new RequestSizeLimitAttribute(64L * 1024 * 1024);

        bearer.MapPost("/requests/form", FileWithAttachments).RequireAuthorization(Permissions.HotlineIntake).WithMetadata(uploadLimit);
        g.MapPost("/public/requests/form", PublicFileWithAttachments).AllowAnonymous().DisableAntiforgery().WithMetadata(uploadLimit);
        bearer.MapPost("/requests/{id:guid}/attachments", Upload).RequireAuthorization(Permissions.HotlineIntake).WithMetadata(uploadLimit);
        anyUser.MapGet("/requests/{id:guid}/attachments", ListAttachments);
        anyUser.MapGet("/attachments/{id:guid}", Download);

        staff.MapGet("/requests/{id:guid}/duplicates", Duplicates).RequireAuthorization(Permissions.HotlineWork);
        staff.MapPost("/requests/{id:guid}/merge", Merge).RequireAuthorization(Permissions.HotlineWork);

        staff.MapGet("/requests/{id:guid}/links", Links).RequireAuthorization(Permissions.HotlineWork);
        staff.MapPost("/requests/{id:guid}/links", AddLink).RequireAuthorization(Permissions.HotlineWork);
        staff.MapDelete("/requests/{id:guid}/links/{linkId:guid}", RemoveLink).RequireAuthorization(Permissions.HotlineWork);

        staff.MapPost("/alerts/{id:guid}/topic", Promote).RequireAuthorization(Permissions.HotlineSupervise);
        staff.MapGet("/topics", Topics).RequireAuthorization(Permissions.HotlineSupervise);
        staff.MapGet("/topics/{id:guid}", Topic).RequireAuthorization(Permissions.HotlineSupervise);
        staff.MapPost("/topics/{id:guid}/notes", Note).RequireAuthorization(Permissions.HotlineSupervise);
        staff.MapPost("/topics/{id:guid}/close", CloseTopic).RequireAuthorization(Permissions.HotlineSupervise);
    }

    internal sealed record DetailParts(List<AttachmentDto> Attachments, List<LinkDto> Links, List<MergedDto> Merged, string? MergedIntoCode);

    internal static async Task<DetailParts> DetailPartsAsync(HotlineRequest r, HotlineService svc, GonghuiDb db, CancellationToken ct)
    {
        var attachments = (await db.Set<HotlineAttachment>().AsNoTracking().Where(a => a.RequestId == r.Id).OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).ToListAsync(ct))
            .Select(HotlineAttachments.ToDto).ToList();
        var links = new List<LinkDto>();
        if (svc.Me.IsStaff)
        {
            var scope = await svc.Me.ScopePathAsync(ct);
            links = (await db.Set<HotlineLink>().AsNoTracking().WhereScoped(l => l.RequestId == r.Id && (l.TargetPath == null || ScopeFilter.Covers(scope, l.TargetPath)))
                .OrderBy(l => l.LinkedAt).ToListAsync(ct)).Select(HotlineLinks.ToDto).ToList();
        }
        var merged = r.MergedCount == 0 ? [] : await db.Set<HotlineRequest>().AsNoTracking().Where(x => x.MergedIntoId == r.Id).OrderBy(x => x.ReceivedAt)
            .Select(x => new MergedDto(x.Id, x.TrackingCode, x.ReceivedAt, x.ClosedAt)).ToListAsync(ct);
        var into = r.MergedIntoId is { } p ? await db.Set<HotlineRequest>().AsNoTracking().Where(x => x.Id == p).Select(x => x.TrackingCode).FirstOrDefaultAsync(ct) : null;
        return new(attachments, links, merged, into);
    }

    // ------------------------------------------------------------------ attachments

    /// <summary>Reads the request's fields from a multipart form (the same names as the JSON body).</summary>
    internal static FileRequestBody BodyFromForm(IFormCollection f)
    {
        static string? S(IFormCollection f, string k) => f.TryGetValue(k, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString() : null;
        static double? D(IFormCollection f, string k) => double.TryParse(S(f, k), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
        return new FileRequestBody(S(f, "category"), S(f, "subCategory"), Enum.TryParse<Urgency>(S(f, "urgency"), true, out var u) ? u : null, S(f, "description"),
            S(f, "callerName"), S(f, "phone"), Guid.TryParse(S(f, "enterpriseId"), out var e) ? e : null, S(f, "enterpriseName"), S(f, "districtCode"),
            S(f, "address"), D(f, "latitude"), D(f, "longitude"), Enum.TryParse<Channel>(S(f, "channel"), true, out var c) ? c : null);
    }

    public static async Task<Results<Created<RequestDto>, ValidationProblem>> FileWithAttachments(HttpRequest request, HotlineAttachments att, DeadlinePolicy policy, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        if (!request.HasFormContentType) return new Api.Errors().Add("files", "send multipart/form-data with the request's fields and the files.").Problem();
        var form = await ReadFormAsync(request, ct);
        if (form is null) return new Api.Errors().Add("files", "the multipart form could not be read.").Problem();
        var body = BodyFromForm(form);
        var channel = me.IsInRole(Roles.Worker) ? Channel.Portal : body.Channel ?? Channel.Api;
        var o = await att.FileAsync(body, channel, await att.ReadAsync(form.Files, ct), ct);
        if (!o.IsOk) return o.ToErrors().Problem();  // filing refuses only bad input
        return TypedResults.Created($"/api/v1/hotline/requests/{o.Value!.Id}", HotlineEndpoints.ToDto(o.Value, clock.GetUtcNow(), policy.Calendar));
    }

    public static async Task<Results<Ok<TrackDto>, ValidationProblem>> PublicFileWithAttachments(HttpRequest request, HotlineAttachments att, CancellationToken ct)
    {
        if (!request.HasFormContentType) return new Api.Errors().Add("files", "send multipart/form-data with the request's fields and the files.").Problem();
        var form = await ReadFormAsync(request, ct);
        if (form is null) return new Api.Errors().Add("files", "the multipart form could not be read.").Problem();
        var o = await att.FileAsync(BodyFromForm(form) with { Channel = Channel.Portal }, Channel.Portal, await att.ReadAsync(form.Files, ct), ct);
        if (!o.IsOk) return o.ToErrors().Problem();
        var r = o.Value!;
        return TypedResults.Ok(new TrackDto(r.TrackingCode, r.State, r.Category, r.ReceivedAt, null, []));
    }

    public static async Task<Results<Ok<List<AttachmentDto>>, ValidationProblem, NotFound, ProblemHttpResult>> Upload(Guid id, HttpRequest request, HotlineAttachments att, CancellationToken ct)
    {
        if (!request.HasFormContentType) return new Api.Errors().Add("files", "send multipart/form-data with one or more files.").Problem();
        var form = await ReadFormAsync(request, ct);
        if (form is null) return new Api.Errors().Add("files", "the multipart form could not be read.").Problem();
        var (o, added) = await att.AddAsync(id, await att.ReadAsync(form.Files, ct), ct);
        return o.ToHttpResult(_ => TypedResults.Ok(added.ToList()));
    }

    public static async Task<Results<Ok<List<AttachmentDto>>, NotFound>> ListAttachments(Guid id, HotlineService svc, HotlineAttachments att, CancellationToken ct)
    {
        if (await svc.FindVisibleAsync(id, ct) is null) return TypedResults.NotFound();
        return TypedResults.Ok(await att.ListAsync(id, ct));
    }

    public static async Task<IResult> Download(Guid id, HotlineAttachments att, HttpContext http, CancellationToken ct)
    {
        var opened = await att.OpenAsync(id, ct);
        if (opened is not { } o) return TypedResults.NotFound();
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Stream(o.Content, o.Meta.ContentType, o.Meta.FileName);
    }

    /// <summary>The posted form, or null when the multipart body is malformed (answered as a 400, not a 500).</summary>
    private static async Task<IFormCollection?> ReadFormAsync(HttpRequest request, CancellationToken ct)
    {
        try { return await request.ReadFormAsync(ct); }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException) { return null; }
    }

    // ------------------------------------------------------------------ merge

    public static async Task<Results<Ok<List<DuplicateCandidate>>, NotFound>> Duplicates(Guid id, HotlineService svc, HotlineMerge merge, CancellationToken ct)
    {
        var r = await svc.FindVisibleAsync(id, ct);
        if (r is null) return TypedResults.NotFound();
        return TypedResults.Ok(await merge.CandidatesAsync(r, ct));
    }

    public static async Task<Results<Ok<RequestDto>, ValidationProblem, NotFound, ProblemHttpResult>> Merge(
        Guid id, MergeBody? body, [FromHeader(Name = "Idempotency-Key")] string? key, HotlineMerge merge, DeadlinePolicy policy, TimeProvider clock, CancellationToken ct)
    {
        var o = await merge.MergeAsync(id, body ?? new MergeBody(null), key, ct);
        return o.ToHttpResult(r => TypedResults.Ok(HotlineEndpoints.ToDto(r, clock.GetUtcNow(), policy.Calendar)));
    }

    // ------------------------------------------------------------------ links

    public static async Task<Results<Ok<List<LinkDto>>, NotFound>> Links(Guid id, HotlineService svc, HotlineLinks links, CancellationToken ct)
    {
        if (await svc.FindVisibleAsync(id, ct) is null) return TypedResults.NotFound();
        return TypedResults.Ok(await links.ListAsync(id, ct));
    }

    public static async Task<Results<Created<LinkDto>, ValidationProblem, NotFound, ProblemHttpResult>> AddLink(Guid id, LinkBody body, HotlineLinks links, CancellationToken ct)
    {
        var (o, link) = await links.AddAsync(id, body, ct);
        return o.ToHttpResult(_ => TypedResults.Created($"/api/v1/hotline/requests/{id}/links", link!));
    }

    public static async Task<Results<NoContent, ValidationProblem, NotFound, ProblemHttpResult>> RemoveLink(Guid id, Guid linkId, HotlineLinks links, CancellationToken ct)
    {
        var o = await links.RemoveAsync(id, linkId, ct);
        return o.ToHttpResult(_ => TypedResults.NoContent());
    }

    // ------------------------------------------------------------------ monthly topics

    private static Task<Results<Ok<TopicDetailDto>, ValidationProblem, NotFound, ProblemHttpResult>> TopicResult(Outcome<HotlineTopic> o, HotlineTopics topics, CancellationToken ct) =>
        o.ToHttpResultAsync(async t => TypedResults.Ok((await topics.DetailAsync(t.Id, ct))!));

    public static async Task<Results<Ok<TopicDetailDto>, ValidationProblem, NotFound, ProblemHttpResult>> Promote(Guid id, PromoteBody body, HotlineTopics topics, CancellationToken ct) =>
        await TopicResult(await topics.PromoteAsync(id, body, ct), topics, ct);

    public static async Task<Results<Ok<List<TopicDto>>, ValidationProblem>> Topics(string? month, HotlineTopics topics, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(month)) return TypedResults.Ok(await topics.ListAsync(null, null, ct));
        if (TopicRules.ParseMonth(month) is not { } m) return new Api.Errors().Add("month", "month must be yyyy-MM.").Problem();
        return TypedResults.Ok(await topics.ListAsync(m.Year, m.Month, ct));
    }

    public static async Task<Results<Ok<TopicDetailDto>, NotFound>> Topic(Guid id, HotlineTopics topics, CancellationToken ct) =>
        await topics.DetailAsync(id, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    public static async Task<Results<Ok<TopicDetailDto>, ValidationProblem, NotFound, ProblemHttpResult>> Note(Guid id, TopicNoteBody body, HotlineTopics topics, CancellationToken ct) =>
        await TopicResult(await topics.AddNoteAsync(id, body, ct), topics, ct);

    public static async Task<Results<Ok<TopicDetailDto>, ValidationProblem, NotFound, ProblemHttpResult>> CloseTopic(Guid id, TopicCloseBody body, HotlineTopics topics, CancellationToken ct) =>
        await TopicResult(await topics.CloseAsync(id, body, ct), topics, ct);
}
