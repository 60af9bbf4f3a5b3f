using System.Globalization;
using System.Text;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Importing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Gonghui.Platform.Security;
using Gonghui.Platform.Http;

namespace Gonghui.Modules.Organizations.Importing;

/// <summary>The state of an import job as the page and API clients see it.</summary>
public sealed record ImportJobStatus(Guid Id, string Kind, string FileName, ImportJobState State, string Phase, long Rows, double Percent,
    double RowsPerSecond, int Created, int Updated, int Rejected, int ErrorCount, IReadOnlyList<RowError> Errors, string? ErrorReportUrl,
    string? Message, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, ImportPreview? Preview = null, string? ConfirmUrl = null,
    Guid? ConfirmedAs = null)
{
    public static ImportJobStatus Of(ImportJob j) => new(j.Id, j.Kind, j.FileName, j.State, j.Progress.Phase, j.Progress.Rows,
        Math.Round(j.Progress.Fraction * 100, 1), Math.Round(j.RowsPerSecond), j.Created, j.Updated, j.Rejected, j.ErrorCount,
        j.State == ImportJobState.Running ? [] : j.Errors, j.HasErrorReport ? $"/api/v1/imports/{j.Id}/errors.csv" : null,
        j.Message, j.StartedAt, j.FinishedAt, j.Preview, MemberImportEndpoints.Confirmable(j) ? $"/api/v1/imports/{j.Id}/confirm" : null,
        j.ConfirmedAs);
}

public sealed record ImportJobStarted(Guid Id, string StatusUrl);

/// <summary>Member import (upload → background job → status → error report), the template, and the job status API.</summary>
internal static class MemberImportEndpoints
{
    public const long MaxUploadBytes = 200L * 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/members/import", Upload).RequireAuthorization(Permissions.MembersImport).WithTags("Members")
            .RequireAntiforgeryForCookieCallers()
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes + 1024 * 1024))
            .WithFormOptions(multipartBodyLengthLimit: MaxUploadBytes + 1024 * 1024)
            .Accepts<IFormFile>("multipart/form-data");
        api.MapGet("/members/import/template.csv", Template).RequireAuthorization(Permissions.MembersImport).WithTags("Members");
        api.MapPost("/imports/{id:guid}/confirm", Confirm).RequireAuthorization(Permissions.MembersImport).WithTags("Imports")
            .RequireAntiforgeryForCookieCallers();
        api.MapGet("/imports/{id:guid}", Status).RequireAuthorization(Permissions.MembersImport).WithTags("Imports");
        api.MapGet("/imports/{id:guid}/errors.csv", ErrorReport).RequireAuthorization(Permissions.MembersImport).WithTags("Imports");
    }

    internal static async Task<Results<Accepted<ImportJobStarted>, RedirectHttpResult, ValidationProblem>> Upload(
        HttpContext ctx, CurrentUser me, ImportJobs jobs, ImportLocalizer t, CancellationToken ct)
    {
        var browser = ctx.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
        if (!ctx.Request.HasFormContentType)
            return Invalid("file", "Import.File.Required");
        IFormCollection form;
        try { form = await ctx.Request.ReadFormAsync(ct); }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return Invalid("file", "Import.File.TooLarge");
        }
        var file = form.Files.GetFile("file");
        var skipInvalid = form["skipInvalid"].ToString() is "true" or "on" or "1" or "True";
        // mode=preview: read the file, write nothing, show new / changed (old beside new) / unchanged / wrong rows, and keep the
        // file until the user confirms; mode=update: rows naming registered people update them; anything else (the API's
        // default) adds people and refuses those rows.
        var mode = form["mode"].ToString();
        var preview = mode is "preview";
        var update = mode is "update";

        if (file is null || file.Length == 0) return Invalid("file", "Import.File.Required");
        if (file.Length > MaxUploadBytes) return Invalid("file", "Import.File.TooLarge");
        var name = Path.GetFileName(file.FileName);
        var isXlsx = name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);
        if (!isXlsx && !name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            return Invalid("file", "Import.File.Type");
        if (!await LooksRightAsync(file, isXlsx, ct)) return Invalid("file", "Import.File.Type");

        var job = jobs.Create(preview ? PreviewKind : ImportKind, me.UserId ?? Guid.Empty, name, keepUpload: preview, skipInvalid: skipInvalid);
        await using (var target = File.Create(job.UploadPath))
        await using (var source = file.OpenReadStream())
            await source.CopyToAsync(target, ct);

        var options = new MemberImportOptions(await me.ScopePathAsync(ct), me.Name, skipInvalid, job.ErrorReportPath, UpdateExisting: update);
        if (preview) StartPreview(jobs, job, options, t);
        else StartImport(jobs, job, options, t);

        var statusUrl = $"/api/v1/imports/{job.Id}";
        if (browser) return TypedResults.Redirect($"/members/import?job={job.Id}");
        return TypedResults.Accepted(statusUrl, new ImportJobStarted(job.Id, statusUrl));

        // A plain form post (no script) goes back to the page, which shows the message next to the field.
        Results<Accepted<ImportJobStarted>, RedirectHttpResult, ValidationProblem> Invalid(string field, string key) => browser
            ? TypedResults.Redirect($"/members/import?error={Uri.EscapeDataString(key)}")
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [t[key]] });
    }

    private const string ImportKind = "members", PreviewKind = "members-preview";

    /// <summary>A finished preview that may still be imported: no errors, or the user chose to skip them.</summary>
    internal static bool Confirmable(ImportJob j) =>
        j.Kind == PreviewKind && j.State == ImportJobState.Succeeded && j.Preview is not null && j.ConfirmedAs is null;

    /// <summary>
    /// Imports a preview's file, in the update mode: the user has seen every registered person the file changes (old beside
    /// new) and confirms them. 409 when the preview is still running, had errors, was confirmed already or has expired.
    /// </summary>
    internal static async Task<Results<Accepted<ImportJobStarted>, RedirectHttpResult, NotFound, ProblemHttpResult>> Confirm(
        Guid id, HttpContext ctx, CurrentUser me, ImportJobs jobs, ImportLocalizer t, CancellationToken ct)
    {
        if (jobs.Find(id) is not { Kind: PreviewKind } preview || preview.OwnerId != me.UserId) return TypedResults.NotFound();
        var job = Confirmable(preview) ? jobs.Confirm(preview, ImportKind) : null;
        if (job is null) return Api.Conflict(t["Import.Confirm.Refused"], code: "import.preview.notConfirmable");
        StartImport(jobs, job, new MemberImportOptions(await me.ScopePathAsync(ct), me.Name, job.SkipInvalid, job.ErrorReportPath, UpdateExisting: true), t);
        var statusUrl = $"/api/v1/imports/{job.Id}";
        return ctx.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
            ? TypedResults.Redirect($"/members/import?job={job.Id}")
            : TypedResults.Accepted(statusUrl, new ImportJobStarted(job.Id, statusUrl));
    }

    private static void StartImport(ImportJobs jobs, ImportJob job, MemberImportOptions options, ImportLocalizer t)
    {
        var culture = CultureInfo.CurrentUICulture;
        jobs.Start(job, async (sp, j, stop) =>
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
            var importer = sp.GetRequiredService<MemberImporter>();
            await using var input = new FileStream(j.UploadPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var result = await importer.ImportAsync(input, j.FileName, options, p => j.Progress = p, stop);
            j.Created = result.Created;
            j.Updated = result.Updated;
            j.Rejected = result.Rejected;
            j.ErrorCount = result.ErrorCount;
            j.Errors = result.Errors.Select(e => e with { Reason = t.Localize(e.Reason) }).ToList();
            return result.Written ? ImportJobState.Succeeded : ImportJobState.Rejected;
        });
    }

    private static void StartPreview(ImportJobs jobs, ImportJob job, MemberImportOptions options, ImportLocalizer t)
    {
        var culture = CultureInfo.CurrentUICulture;
        jobs.Start(job, async (sp, j, stop) =>
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
            var importer = sp.GetRequiredService<MemberImporter>();
            MemberPreviewResult result;
            await using (var input = new FileStream(j.UploadPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
                result = await importer.PreviewAsync(input, j.FileName, options, p => j.Progress = p, stop);
            j.Rejected = (int)result.Preview.ErrorRows;
            j.ErrorCount = result.ErrorCount;
            j.Errors = result.Errors.Select(e => e with { Reason = t.Localize(e.Reason) }).ToList();
            j.Preview = result.Preview;
            return result.ErrorCount == 0 || options.SkipInvalid ? ImportJobState.Succeeded : ImportJobState.Rejected;
        });
    }

    private static async Task<bool> LooksRightAsync(IFormFile file, bool xlsx, CancellationToken ct)
    {
        await using var s = file.OpenReadStream();
        return TabularFile.WhyNotReadable(s, xlsx ? ".xlsx" : ".csv") is null;
    }

    internal static Results<Ok<ImportJobStatus>, NotFound> Status(Guid id, CurrentUser me, ImportJobs jobs) =>
        jobs.Find(id) is { } j && j.OwnerId == me.UserId ? TypedResults.Ok(ImportJobStatus.Of(j)) : TypedResults.NotFound();

    internal static Results<FileStreamHttpResult, NotFound> ErrorReport(Guid id, CurrentUser me, ImportJobs jobs)
    {
        if (jobs.Find(id) is not { } j || j.OwnerId != me.UserId || j.State == ImportJobState.Running || !j.HasErrorReport) return TypedResults.NotFound();
        var stream = new FileStream(j.ErrorReportPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return TypedResults.File(stream, "text/csv; charset=utf-8", Path.GetFileNameWithoutExtension(j.FileName) + "-errors.csv");
    }

    /// <summary>An empty file with the Chinese headers, UTF-8 with BOM so Excel shows the Chinese.</summary>
    internal static FileContentHttpResult Template() =>
        TypedResults.File(Csv.Template(MemberImporter.Columns.Select(c => c.Names[0])), "text/csv; charset=utf-8", "members-template.csv");
}
