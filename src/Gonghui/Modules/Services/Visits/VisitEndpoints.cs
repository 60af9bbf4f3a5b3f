using System.Globalization;
using Gonghui.Modules.Services.Campaigns;
using Gonghui.Modules.Services.Projects;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Importing;
using Gonghui.Platform.Security;
using Gonghui.Platform.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Services.Visits;

/// <summary>An import job as the page and API clients see it.</summary>
public sealed record VisitImportStatus(Guid Id, string FileName, ImportJobState State, string Phase, long Rows, double Percent, double RowsPerSecond, int Imported,
    int Duplicates, int RejectedRows, int ErrorCount, IReadOnlyList<RowError> Errors, string? Message)
{
    public static VisitImportStatus Of(ImportJob j) => new(j.Id, j.FileName, j.State, j.Progress.Phase, j.Progress.Rows, Math.Round(j.Progress.Fraction * 100, 1),
        Math.Round(j.RowsPerSecond), j.Created, j.Updated, j.Rejected, j.ErrorCount, j.State == ImportJobState.Running ? [] : j.Errors, j.Message);
}

/// <summary>The signed-in worker's services this year: visits and campaign gifts.</summary>
public sealed record MyServicesDto(int Year, IReadOnlyList<VisitRow> Visits, IReadOnlyList<MyGiftDto> Gifts);
public sealed record MyGiftDto(string Campaign, string Kind, string Status, long GiftFen, string? GiftItem);

internal static class VisitEndpoints
{
    public const long MaxUploadBytes = 512L * 1024 * 1024;
    public const string JobKind = "services-visits";

    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/projects/{id:guid}/visits", List).RequireAuthorization(Permissions.ServicesRead);
        g.MapGet("/visits", Visits).RequireAuthorization(Permissions.ServicesRead);
        g.MapPost("/projects/{id:guid}/visits", Record).RequireAuthorization(Permissions.ServicesEdit);
        g.MapPost("/projects/{id:guid}/sign-in", SignIn).RequireAuthorization(Permissions.ServicesEdit);
        g.MapPost("/visits/import", Upload).RequireAuthorization(Permissions.ServicesImport)
            .RequireAntiforgeryForCookieCallers()
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes + 1024 * 1024))
            .WithFormOptions(multipartBodyLengthLimit: MaxUploadBytes + 1024 * 1024)
            .Accepts<IFormFile>("multipart/form-data");
        g.MapGet("/visits/import/template.csv", Template).RequireAuthorization(Permissions.ServicesImport);
        g.MapGet("/visits/import/{id:guid}", Status).RequireAuthorization(Permissions.ServicesImport);
        g.MapGet("/mine", Mine).RequireAuthorization(Permissions.SelfService);
    }

    public static async Task<IResult> List(Guid id, string? after, string? before, int? limit, VisitHandlers h, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        return await h.ForProjectAsync(id, request, ct) is { } slice ? TypedResults.Ok(slice) : TypedResults.NotFound();
    }

    /// <summary>
    /// The visits of the caller's scope, newest first, 50 a page (the report's drill-down for <c>services.visits</c>): <c>from</c>/<c>to</c> (service
    /// day, end exclusive), <c>unit</c> (the projects of its subtree), <c>project</c>; a bad filter is 400 naming the field.
    /// </summary>
    public static async Task<IResult> Visits(DateOnly? from, DateOnly? to, Guid? unit, Guid? project, string? after, string? before, int? limit, VisitHandlers h,
        CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit ?? VisitHandlers.ListPageSize, errors, out var request)) return errors.Problem();
        var filter = await h.ListFilterAsync(from, to, unit, project, errors, ct);
        if (filter is null) return errors.Problem();
        return TypedResults.Ok(await h.ListAsync(filter, request, ct));
    }

    public static async Task<IResult> Record(Guid id, RecordVisitInput body, VisitHandlers h, IStringLocalizer<ServicesText> t, CancellationToken ct)
    {
        var o = await h.RecordAsync(id, body, ct);
        return o.IsOk ? TypedResults.Created($"/api/v1/services/projects/{id}/visits", o.Value) : o.ToProblem(OutcomeHttp.Words(t));
    }

    /// <summary>A member's pass scanned at the door: 201 with the visit; a bad, expired or replayed pass, or a second visit the same day, refused.</summary>
    public static async Task<IResult> SignIn(Guid id, SignInInput body, VisitSignIn signIn, IStringLocalizer<ServicesText> t,
        IStringLocalizer<Gonghui.Platform.Passes.PassText> passText, CancellationToken ct)
    {
        var o = await signIn.SignInAsync(id, body, ct);
        return o.IsOk ? TypedResults.Created($"/api/v1/services/projects/{id}/visits", o.Value)
            : o.ToProblem(Gonghui.Platform.Passes.PassText.Words(passText, OutcomeHttp.Words(t)));
    }

    /// <summary>multipart/form-data: file, skipBadRows. 202 with the job's status URL; a browser is sent back to the page.</summary>
    public static async Task<IResult> Upload(HttpContext ctx, CurrentUser me, ImportJobs jobs, IStringLocalizer<ServicesText> t, CancellationToken ct)
    {
        var browser = ctx.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
        if (!ctx.Request.HasFormContentType) return Invalid("visit.fileRequired");
        IFormCollection form;
        try { form = await ctx.Request.ReadFormAsync(ct); }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }) { return Invalid("visit.fileTooLarge"); }
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0) return Invalid("visit.fileRequired");
        var name = Path.GetFileName(file.FileName);
        var ext = Path.GetExtension(name).ToLowerInvariant();
        if (ext is not (".csv" or ".xlsx" or ".txt")) return Invalid("visit.fileType");
        await using (var s = file.OpenReadStream())
            if (TabularFile.WhyNotReadable(s, ext == ".xlsx" ? ".xlsx" : ".csv") is not null) return Invalid("visit.fileType");
        var skip = form["skipBadRows"].ToString() is "true" or "on" or "1" or "True";
        var job = jobs.Create(JobKind, me.UserId ?? Guid.Empty, name);
        await using (var target = File.Create(job.UploadPath))
        await using (var source = file.OpenReadStream())
            await source.CopyToAsync(target, ct);
        var options = new VisitImportOptions(await me.ScopePathAsync(ct), me.Name, skip);
        var culture = CultureInfo.CurrentUICulture;
        jobs.Start(job, async (sp, j, stop) =>
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
            var importer = sp.GetRequiredService<VisitImporter>();
            var text = sp.GetRequiredService<IStringLocalizer<ServicesText>>();
            await using var input = new FileStream(j.UploadPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var r = await importer.ImportAsync(input, j.FileName, options, p => j.Progress = p, stop);
            j.Created = (int)r.Imported;
            j.Updated = (int)r.Duplicates;
            j.Rejected = r.RejectedRows;
            j.ErrorCount = r.ErrorCount;
            j.Errors = r.Errors.Select(e => e with { Reason = Word(text, e.Reason) }).ToList();
            return r.Written ? ImportJobState.Succeeded : ImportJobState.Rejected;
        });
        var statusUrl = $"/api/v1/services/visits/import/{job.Id}";
        if (browser) return TypedResults.Redirect($"/services/visits/import?job={job.Id}");
        return TypedResults.Accepted(statusUrl, new { id = job.Id, statusUrl });

        IResult Invalid(string key) => browser
            ? TypedResults.Redirect($"/services/visits/import?error={Uri.EscapeDataString(key)}")
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [t[key]] });
    }

    internal static string Word(IStringLocalizer<ServicesText> t, string code) => t[code] is { ResourceNotFound: false } s ? s.Value : code;

    public static IResult Status(Guid id, CurrentUser me, ImportJobs jobs) =>
        jobs.Find(id) is { Kind: JobKind } j && j.OwnerId == me.UserId ? TypedResults.Ok(VisitImportStatus.Of(j)) : TypedResults.NotFound();

    public static IResult Template() =>
        TypedResults.File(Csv.Template(VisitImporter.Columns.Select(c => c.Names[0])), "text/csv; charset=utf-8", "visits-template.csv");

    public static async Task<IResult> Mine(int? year, VisitHandlers visits, CampaignHandlers campaigns, TimeProvider clock, CancellationToken ct)
    {
        var y = year ?? BeijingTime.Year(clock);
        if (y is < 2000 or > 2100) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = ["2000–2100"] });
        var gifts = await campaigns.MineAsync(y, ct);
        return TypedResults.Ok(new MyServicesDto(y, await visits.MineAsync(y, ct),
            gifts.Select(g => new MyGiftDto(g.Campaign, g.Kind.ToString(), g.Status.ToString(), g.GiftFen, g.GiftItem)).ToList()));
    }
}
