using Microsoft.Extensions.Localization;
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

namespace Gonghui.Modules.Hotline.Attachments;

/// <summary>Filing a request with files, adding files later, listing and downloading them.</summary>
internal static class AttachmentEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/hotline").WithTags("Hotline");
        var anyUser = g.MapGroup("").RequireAuthorization(Permissions.HotlineRead);
        // Uploads from API clients: bearer token only (a cookie could be ridden by another site), so no antiforgery token is needed.
        var bearer = g.MapGroup("").DisableAntiforgery().RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityModule.BearerScheme).RequireAuthenticatedUser());
        var uploadLimit = new RequestSizeLimitAttribute(64L * 1024 * 1024);

        bearer.MapPost("/requests/form", FileWithAttachments).RequireAuthorization(Permissions.HotlineIntake).WithMetadata(uploadLimit);
        g.MapPost("/public/requests/form", PublicFileWithAttachments).AllowAnonymous().DisableAntiforgery().WithMetadata(uploadLimit);
        bearer.MapPost("/requests/{id:guid}/attachments", Upload).RequireAuthorization(Permissions.HotlineIntake).WithMetadata(uploadLimit);
        anyUser.MapGet("/requests/{id:guid}/attachments", ListAttachments);
        anyUser.MapGet("/attachments/{id:guid}", Download);
    }

    /// <summary>Reads the request's fields from a multipart form (the same names as the JSON body).</summary>
    internal static FileRequestBody BodyFromForm(IFormCollection f)
    {
        static string? S(IFormCollection f, string k) => f.TryGetValue(k, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString() : null;
        static double? D(IFormCollection f, string k) => double.TryParse(S(f, k), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
        return new FileRequestBody(S(f, "category"), S(f, "subCategory"), Enum.TryParse<Urgency>(S(f, "urgency"), true, out var u) ? u : null, S(f, "description"),
            S(f, "callerName"), S(f, "phone"), Guid.TryParse(S(f, "enterpriseId"), out var e) ? e : null, S(f, "enterpriseName"), S(f, "districtCode"),
            S(f, "address"), D(f, "latitude"), D(f, "longitude"), Enum.TryParse<Channel>(S(f, "channel"), true, out var c) ? c : null);
    }

    public static async Task<Results<Created<RequestDto>, ValidationProblem>> FileWithAttachments(HttpRequest request, HotlineAttachments att, DeadlinePolicy policy, CurrentUser me, TimeProvider clock, IStringLocalizer<HotlineText> t, CancellationToken ct)
    {
        if (!request.HasFormContentType) return new Api.Errors().Add("files", "send multipart/form-data with the request's fields and the files.").Problem();
        var form = await ReadFormAsync(request, ct);
        if (form is null) return new Api.Errors().Add("files", "the multipart form could not be read.").Problem();
        var body = BodyFromForm(form);
        var channel = me.IsInRole(Roles.Worker) ? Channel.Portal : body.Channel ?? Channel.Api;
        var o = await att.FileAsync(body, channel, await att.ReadAsync(form.Files, ct), ct);
        if (!o.IsOk) return o.ToErrors(t).Problem();  // filing refuses only bad input
        return TypedResults.Created($"/api/v1/hotline/requests/{o.Value!.Id}", HotlineEndpoints.ToDto(o.Value, clock.GetUtcNow(), policy.Calendar));
    }

    public static async Task<Results<Ok<TrackDto>, ValidationProblem>> PublicFileWithAttachments(HttpRequest request, HotlineAttachments att, IStringLocalizer<HotlineText> t, CancellationToken ct)
    {
        if (!request.HasFormContentType) return new Api.Errors().Add("files", "send multipart/form-data with the request's fields and the files.").Problem();
        var form = await ReadFormAsync(request, ct);
        if (form is null) return new Api.Errors().Add("files", "the multipart form could not be read.").Problem();
        var o = await att.FileAsync(BodyFromForm(form) with { Channel = Channel.Portal }, Channel.Portal, await att.ReadAsync(form.Files, ct), ct);
        if (!o.IsOk) return o.ToErrors(t).Problem();
        var r = o.Value!;
        return TypedResults.Ok(new TrackDto(r.TrackingCode, r.State, r.Category, r.ReceivedAt, null, []));
    }

    public static async Task<Results<Ok<List<AttachmentDto>>, ValidationProblem, NotFound, ProblemHttpResult>> Upload(Guid id, HttpRequest request, HotlineAttachments att, IStringLocalizer<HotlineText> t, CancellationToken ct)
    {
        if (!request.HasFormContentType) return new Api.Errors().Add("files", "send multipart/form-data with one or more files.").Problem();
        var form = await ReadFormAsync(request, ct);
        if (form is null) return new Api.Errors().Add("files", "the multipart form could not be read.").Problem();
        var (o, added) = await att.AddAsync(id, await att.ReadAsync(form.Files, ct), ct);
        return o.ToHttpResult(_ => TypedResults.Ok(added.ToList()), t);
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
}
