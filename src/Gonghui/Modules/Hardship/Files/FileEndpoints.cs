using System.Globalization;
using System.Text;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Hardship.Files;

public sealed record EligibilityInput(int? Year, string? District, long? MonthlyIncomeFen, int? HouseholdSize, List<HardshipCause>? Causes);
public sealed record EligibilityAnswer(bool Eligible, HardshipGrade? Grade, string Rule, string Explanation, long PerPersonIncomeFen, long? MinimumLivingFen, long? LowIncomeFen);
public sealed record VisitInput(DateOnly? On, string? Note);

/// <summary>
/// The archive's API under /api/v1/hardship: eligibility, filing, the list and its export, a file's detail, review steps,
/// visits, documents and the review queue; and the detail page's document upload (a form post).
/// </summary>
internal static class FileEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/eligibility", CheckEligibility);
        g.MapGet("/files", List);
        g.MapPost("/files", Create).RequireAuthorization(Permissions.HardshipEdit);
        g.MapGet("/files/export", Export);
        g.MapGet("/files/{id:guid}", Get);
        g.MapPost("/files/{id:guid}/transitions", Transition).RequireAuthorization(Permissions.HardshipEdit);
        g.MapPost("/files/{id:guid}/visits", Visit).RequireAuthorization(Permissions.HardshipEdit);
        g.MapPost("/files/{id:guid}/documents", Upload).RequireAuthorization(Permissions.HardshipEdit).DisableAntiforgery().RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityModule.BearerScheme).RequireAuthenticatedUser());
        g.MapGet("/files/{id:guid}/documents/{docId:guid}", Download);
        g.MapGet("/queue", Queue);
    }

    /// <summary>Form posts from the pages that carry files (uploads); antiforgery is checked, then back to the page.</summary>
    public static void MapUiPosts(RouteGroupBuilder g)
    {
        g.MapPost("/files/{id:guid}/documents", async (Guid id, [FromForm] string? kind, IFormFile? file, FileDocuments s, HardshipRuleBook rules, CancellationToken ct) =>
        {
            if (file is null) return Results.LocalRedirect($"/hardship/files/{id}?error=document.empty");
            var r = await s.AddDocumentAsync(id, null, string.IsNullOrWhiteSpace(kind) ? "Supporting" : kind.Trim(), file.FileName, file.ContentType, await FileDocuments.ReadUploadAsync(file, rules.Documents.MaxBytes, ct), ct);
            return r.Kind switch
            {
                OutcomeKind.NotFound => Results.NotFound(),
                OutcomeKind.Ok => Results.LocalRedirect($"/hardship/files/{id}?done=document"),
                _ => Results.LocalRedirect($"/hardship/files/{id}?error={Uri.EscapeDataString(HardshipText.FirstCode(r))}"),
            };
        });
    }

    private static Results<Ok<EligibilityAnswer>, ValidationProblem> CheckEligibility(EligibilityInput input, HardshipScope s, TimeProvider clock, IStringLocalizer<HardshipText> t)
    {
        var errors = new Api.Errors();
        if (input.MonthlyIncomeFen is null or < 0) errors.Add("monthlyIncomeFen", t["field.incomeInvalid"]);
        if (input.HouseholdSize is null or < 1 or > 30) errors.Add("householdSize", t["field.householdSizeInvalid"]);
        if (errors.Any) return errors.Problem();
        var e = s.Evaluate(input.Year ?? BeijingTime.DateOf(clock.GetUtcNow()).Year, input.District, input.MonthlyIncomeFen!.Value, input.HouseholdSize!.Value, input.Causes ?? []);
        return TypedResults.Ok(new EligibilityAnswer(e.Eligible, e.Grade, e.Rule, HardshipText.Explain(e, t), e.PerPersonIncomeFen, e.MinimumLivingFen, e.LowIncomeFen));
    }

    private static async Task<Results<Ok<Slice<FileRow>>, ValidationProblem>> List(FileQueries s, HardshipGrade? grade, HardshipCause? cause, string? district,
        FileStatus? status, string? due, string? q, string? after, string? before, int? limit, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (due is not (null or "" or "reverify" or "visit")) errors.Add("due", "due must be reverify or visit.");
        if (!Keyset.TryRequest(after, before, limit, errors, out var request) || errors.Any) return errors.Problem();
        return TypedResults.Ok(await s.ListAsync(new FileFilter(grade, cause, district, status, due, q), request, ct));
    }

    private static async Task<Results<Ok<FileDetail>, ValidationProblem, NotFound, ProblemHttpResult>> Create(FileInput input, FileFiling s, IStringLocalizer<HardshipText> t, CancellationToken ct) =>
        HardshipText.Http(await s.CreateFileAsync(input, ct), t);

    private static async Task<Results<Ok<FileDetail>, NotFound>> Get(Guid id, FileQueries s, CancellationToken ct) =>
        await s.DetailAsync(id, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    private static async Task<Results<Ok<FileDetail>, ValidationProblem, NotFound, ProblemHttpResult>> Transition(Guid id, TransitionInput input, FileWorkflow s,
        IStringLocalizer<HardshipText> t, [FromHeader(Name = "Idempotency-Key")] string? key, CancellationToken ct) =>
        HardshipText.Http(await s.TransitionAsync(id, input, key, ct), t);

    private static async Task<Results<Ok<FileDetail>, ValidationProblem, NotFound, ProblemHttpResult>> Visit(Guid id, VisitInput input, FileWorkflow s,
        IStringLocalizer<HardshipText> t, CancellationToken ct) =>
        HardshipText.Http(await s.RecordVisitAsync(id, input.On, input.Note, ct), t);

    private static async Task<Results<Ok<DocumentView>, ValidationProblem, NotFound, ProblemHttpResult>> Upload(Guid id, IFormFile? file, [FromForm] string? kind,
        FileDocuments s, HardshipRuleBook rules, IStringLocalizer<HardshipText> t, CancellationToken ct)
    {
        if (file is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [t[DocumentRules.Empty].Value] });
        return HardshipText.Http(await s.AddDocumentAsync(id, null, string.IsNullOrWhiteSpace(kind) ? "Supporting" : kind.Trim(), file.FileName, file.ContentType,
            await FileDocuments.ReadUploadAsync(file, rules.Documents.MaxBytes, ct), ct), t);
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> Download(Guid id, Guid docId, FileDocuments s, CancellationToken ct) =>
        await s.DocumentAsync(id, docId, ct) is { } d ? TypedResults.File(d.Content, d.ContentType, d.FileName) : TypedResults.NotFound();

    /// <summary>CSV of the filtered list, masked; the reason is required and goes into the audit trail.</summary>
    private static async Task<Results<FileContentHttpResult, ValidationProblem, NotFound, ProblemHttpResult>> Export(FileQueries s, IStringLocalizer<HardshipText> t, TimeProvider clock,
        string? reason, HardshipGrade? grade, HardshipCause? cause, string? district, FileStatus? status, string? due, string? q, CancellationToken ct)
    {
        var r = await s.ExportAsync(new FileFilter(grade, cause, district, status, due, q), reason, ct);
        if (!r.IsOk) return TypedResults.ValidationProblem(r.FieldErrors(HardshipText.Words(t)));  // only a missing reason refuses an export
        return TypedResults.File(Csv(r.Value!, t), "text/csv; charset=utf-8", $"hardship-files-{BeijingTime.Today(clock):yyyyMMdd}.csv");
    }

    internal static byte[] Csv(List<FileRow> rows, IStringLocalizer<HardshipText> t)
    {
        static string E(string? v) => v is null ? "" : v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(',', new[] { "File.No", "File.Worker", "File.IdNumber", "File.District", "File.Unit", "File.Grade", "File.Status", "File.PerPerson", "File.ReverifyDue" }.Select(k => E(t[k]))));
        foreach (var r in rows)
            sb.AppendLine(string.Join(',', E(r.FileNo), E(r.WorkerName), E(r.WorkerIdMasked), E(r.DistrictCode), E(r.UnitName), E(t["Grade." + r.Grade]),
                E(t["Status." + r.Status]), (r.PerPersonIncomeFen / 100m).ToString("0.00", CultureInfo.InvariantCulture),
                E(r.ReverifyDueAt is { } d ? BeijingTime.DateOf(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "")));
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private static async Task<Ok<List<FileRow>>> Queue(FileQueries s, CancellationToken ct) => TypedResults.Ok(await s.QueueAsync(ct));
}
