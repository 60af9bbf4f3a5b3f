using System.Globalization;
using System.Text;
using Gonghui.Modules.Hardship.Campaigns;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.Hardship;

public sealed record EligibilityInput(int? Year, string? District, long? MonthlyIncomeFen, int? HouseholdSize, List<HardshipCause>? Causes);
public sealed record EligibilityAnswer(bool Eligible, HardshipGrade? Grade, string Rule, string Explanation, long PerPersonIncomeFen, long? MinimumLivingFen, long? LowIncomeFen);
public sealed record VisitInput(DateOnly? On, string? Note);

/// <summary>The hardship API under /api/v1/hardship: thin handlers over <see cref="HardshipService"/>.</summary>
internal static class HardshipEndpoints
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
        g.MapPost("/files/{id:guid}/assistance", Assist).RequireAuthorization(Permissions.HardshipEdit);
        g.MapPost("/assistance/{id:guid}/pay", Pay).RequireAuthorization(Permissions.HardshipPay);
        g.MapGet("/queue", Queue);
        g.MapGet("/campaigns", Campaigns);
        g.MapPost("/campaigns", OpenCampaign).RequireAuthorization(Permissions.HardshipApprove);
        g.MapGet("/campaigns/{id:guid}", Summary);
        g.MapGet("/campaigns/{id:guid}/applications", Applications);
        g.MapPost("/campaigns/{id:guid}/applications", Apply).RequireAuthorization(Permissions.HardshipEdit);
        g.MapPost("/campaigns/{id:guid}/applications/{appId:guid}/letter", Letter).RequireAuthorization(Permissions.HardshipEdit).DisableAntiforgery().RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityModule.BearerScheme).RequireAuthenticatedUser());
        g.MapPost("/campaigns/{id:guid}/applications/{appId:guid}/decision", Decide).RequireAuthorization(Permissions.HardshipApprove);
        g.MapPost("/campaigns/{id:guid}/applications/{appId:guid}/pay", PayGrant).RequireAuthorization(Permissions.HardshipPay);
        g.MapPost("/precision/sample", DrawSample).RequireAuthorization(Permissions.HardshipApprove);
        g.MapGet("/precision/sample", Sample);
        g.MapGet("/precision/sample/{id:guid}", SampledFile);
        g.MapPut("/precision/sample/{id:guid}", Judge).RequireAuthorization(Permissions.HardshipEvaluate);
        g.MapGet("/precision", Precision);
    }

    /// <summary>Form posts from the pages that carry files (uploads); antiforgery is checked, then back to the page.</summary>
    public static void MapUiPosts(RouteGroupBuilder g)
    {
        g.MapPost("/files/{id:guid}/documents", async (Guid id, [FromForm] string? kind, IFormFile? file, HardshipService s, CancellationToken ct) =>
        {
            if (file is null) return Results.LocalRedirect($"/hardship/files/{id}?error=document.empty");
            var r = await s.AddDocumentAsync(id, null, string.IsNullOrWhiteSpace(kind) ? "Supporting" : kind.Trim(), file.FileName, file.ContentType, await ReadAsync(file, s.Rules, ct), ct);
            return r.Kind switch
            {
                OutcomeKind.NotFound => Results.NotFound(),
                OutcomeKind.Ok => Results.LocalRedirect($"/hardship/files/{id}?done=document"),
                _ => Results.LocalRedirect($"/hardship/files/{id}?error={Uri.EscapeDataString(FirstCode(r))}"),
            };
        });
        MapLetterPost(g);
    }

    /// <summary>The admission letter of an application, uploaded from the campaign page.</summary>
    public static void MapLetterPost(RouteGroupBuilder g) =>
        g.MapPost("/campaigns/{id:guid}/applications/{appId:guid}/letter", async (Guid id, Guid appId, IFormFile? file, HardshipService s, CancellationToken ct) =>
        {
            if (file is null) return Results.LocalRedirect($"/hardship/campaigns/{id}?error=document.empty");
            var r = await s.AttachLetterAsync(id, appId, file.FileName, file.ContentType, await ReadAsync(file, s.Rules, ct), ct);
            return r.Kind switch
            {
                OutcomeKind.NotFound => Results.NotFound(),
                OutcomeKind.Ok => Results.LocalRedirect($"/hardship/campaigns/{id}?done=letter"),
                _ => Results.LocalRedirect($"/hardship/campaigns/{id}?error={Uri.EscapeDataString(FirstCode(r))}"),
            };
        });

    /// <summary>The code a page shows after a redirect (it words it itself).</summary>
    private static string FirstCode<T>(Outcome<T> r) => r.Errors?.Values.First()[0] ?? r.Code ?? "";

    private static async Task<byte[]> ReadAsync(IFormFile file, HardshipRuleBook rules, CancellationToken ct)
    {
        // Never read more than the limit (plus one byte, so "too large" is still detected).
        var max = (int)Math.Min(rules.Documents.MaxBytes + 1, int.MaxValue);
        await using var s = file.OpenReadStream();
        using var ms = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = await s.ReadAsync(buffer, ct)) > 0 && ms.Length < max) ms.Write(buffer, 0, (int)Math.Min(n, max - ms.Length));
        return ms.ToArray();
    }

    // ------------------------------------------------------------ outcome → HTTP

    /// <summary>The module's wording of outcome codes: an eligibility refusal is explained with its figures, every other code from the texts.</summary>
    internal static OutcomeText Text(IStringLocalizer<HardshipText> t) => (code, args) =>
        code.StartsWith("eligibility.", StringComparison.Ordinal) && args is [EligibilityResult e] ? Explain(e, t) : t[code].Value;

    internal static Results<Ok<T>, ValidationProblem, NotFound, ProblemHttpResult> Http<T>(Outcome<T> o, IStringLocalizer<HardshipText> t) => o.ToHttpResult(Text(t));

    internal static string Explain(EligibilityResult e, IStringLocalizer<HardshipText> t) =>
        string.Format(CultureInfo.CurrentCulture, t[e.Rule].Value, new Platform.Money.Fen(e.PerPersonIncomeFen),
            e.MinimumLivingFen is { } m ? new Platform.Money.Fen(m).ToString() : "-", e.LowIncomeFen is { } l ? new Platform.Money.Fen(l).ToString() : "-",
            e.AccidentLimitFen is { } a ? new Platform.Money.Fen(a).ToString() : "-");

    // ------------------------------------------------------------ handlers

    private static Results<Ok<EligibilityAnswer>, ValidationProblem> CheckEligibility(EligibilityInput input, HardshipService s, TimeProvider clock, IStringLocalizer<HardshipText> t)
    {
        var errors = new Api.Errors();
        if (input.MonthlyIncomeFen is null or < 0) errors.Add("monthlyIncomeFen", t["field.incomeInvalid"]);
        if (input.HouseholdSize is null or < 1 or > 30) errors.Add("householdSize", t["field.householdSizeInvalid"]);
        if (errors.Any) return errors.Problem();
        var e = s.Evaluate(input.Year ?? BeijingTime.DateOf(clock.GetUtcNow()).Year, input.District, input.MonthlyIncomeFen!.Value, input.HouseholdSize!.Value, input.Causes ?? []);
        return TypedResults.Ok(new EligibilityAnswer(e.Eligible, e.Grade, e.Rule, Explain(e, t), e.PerPersonIncomeFen, e.MinimumLivingFen, e.LowIncomeFen));
    }

    private static async Task<Results<Ok<Slice<FileRow>>, ValidationProblem>> List(HardshipService s, HardshipGrade? grade, HardshipCause? cause, string? district,
        FileStatus? status, string? due, string? q, string? after, string? before, int? limit, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (due is not (null or "" or "reverify" or "visit")) errors.Add("due", "due must be reverify or visit.");
        if (!Keyset.TryRequest(after, before, limit, errors, out var request) || errors.Any) return errors.Problem();
        return TypedResults.Ok(await s.ListAsync(new FileFilter(grade, cause, district, status, due, q), request, ct));
    }

    private static async Task<Results<Ok<FileDetail>, ValidationProblem, NotFound, ProblemHttpResult>> Create(FileInput input, HardshipService s, IStringLocalizer<HardshipText> t, CancellationToken ct) =>
        Http(await s.CreateFileAsync(input, ct), t);

    private static async Task<Results<Ok<FileDetail>, NotFound>> Get(Guid id, HardshipService s, CancellationToken ct) =>
        await s.DetailAsync(id, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    private static async Task<Results<Ok<FileDetail>, ValidationProblem, NotFound, ProblemHttpResult>> Transition(Guid id, TransitionInput input, HardshipService s,
        IStringLocalizer<HardshipText> t, [FromHeader(Name = "Idempotency-Key")] string? key, CancellationToken ct) =>
        Http(await s.TransitionAsync(id, input, key, ct), t);

    private static async Task<Results<Ok<FileDetail>, ValidationProblem, NotFound, ProblemHttpResult>> Visit(Guid id, VisitInput input, HardshipService s,
        IStringLocalizer<HardshipText> t, CancellationToken ct) =>
        Http(await s.RecordVisitAsync(id, input.On, input.Note, ct), t);

    private static async Task<Results<Ok<DocumentView>, ValidationProblem, NotFound, ProblemHttpResult>> Upload(Guid id, IFormFile? file, [FromForm] string? kind,
        HardshipService s, IStringLocalizer<HardshipText> t, CancellationToken ct)
    {
        if (file is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [t[DocumentRules.Empty].Value] });
        return Http(await s.AddDocumentAsync(id, null, string.IsNullOrWhiteSpace(kind) ? "Supporting" : kind.Trim(), file.FileName, file.ContentType,
            await ReadAsync(file, s.Rules, ct), ct), t);
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> Download(Guid id, Guid docId, HardshipService s, CancellationToken ct) =>
        await s.DocumentAsync(id, docId, ct) is { } d ? TypedResults.File(d.Content, d.ContentType, d.FileName) : TypedResults.NotFound();

    private static async Task<Results<Ok<AssistanceView>, ValidationProblem, NotFound, ProblemHttpResult>> Assist(Guid id, AssistanceInput input, HardshipService s,
        IStringLocalizer<HardshipText> t, [FromHeader(Name = "Idempotency-Key")] string? key, CancellationToken ct) =>
        Http(await s.ApproveAssistanceAsync(id, input, key, ct), t);

    private static async Task<Results<Ok<AssistanceView>, ValidationProblem, NotFound, ProblemHttpResult>> Pay(Guid id, HardshipService s, IStringLocalizer<HardshipText> t, CancellationToken ct) =>
        Http(await s.PayAsync(id, ct), t);

    /// <summary>CSV of the filtered list, masked; the reason is required and goes into the audit trail.</summary>
    private static async Task<Results<FileContentHttpResult, ValidationProblem, NotFound, ProblemHttpResult>> Export(HardshipService s, IStringLocalizer<HardshipText> t, TimeProvider clock,
        string? reason, HardshipGrade? grade, HardshipCause? cause, string? district, FileStatus? status, string? due, string? q, CancellationToken ct)
    {
        var r = await s.ExportAsync(new FileFilter(grade, cause, district, status, due, q), reason, ct);
        if (!r.IsOk) return TypedResults.ValidationProblem(r.FieldErrors(Text(t)));  // only a missing reason refuses an export
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

    private static async Task<Ok<List<FileRow>>> Queue(HardshipService s, CancellationToken ct) => TypedResults.Ok(await s.QueueAsync(ct));

    private static async Task<Ok<List<CampaignView>>> Campaigns(HardshipService s, CancellationToken ct) => TypedResults.Ok(await s.CampaignsAsync(ct));

    private static async Task<Results<Ok<CampaignView>, ValidationProblem, NotFound, ProblemHttpResult>> OpenCampaign(CampaignInput input, HardshipService s,
        IStringLocalizer<HardshipText> t, CancellationToken ct) => Http(await s.OpenCampaignAsync(input, ct), t);

    private static async Task<Results<Ok<CampaignSummary>, NotFound>> Summary(Guid id, HardshipService s, CancellationToken ct) =>
        await s.SummaryAsync(id, ct) is { } x ? TypedResults.Ok(x) : TypedResults.NotFound();

    private static async Task<Ok<List<ApplicationView>>> Applications(Guid id, ApplicationStatus? status, HardshipService s, CancellationToken ct) =>
        TypedResults.Ok(await s.ApplicationsAsync(id, status, ct));

    private static async Task<Results<Ok<ApplicationView>, ValidationProblem, NotFound, ProblemHttpResult>> Apply(Guid id, ApplicationInput input, HardshipService s,
        IStringLocalizer<HardshipText> t, CancellationToken ct) => Http(await s.ApplyAsync(id, input, ct), t);

    private static async Task<Results<Ok<ApplicationView>, ValidationProblem, NotFound, ProblemHttpResult>> Letter(Guid id, Guid appId, IFormFile? file, HardshipService s,
        IStringLocalizer<HardshipText> t, CancellationToken ct)
    {
        if (file is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [t[DocumentRules.Empty].Value] });
        return Http(await s.AttachLetterAsync(id, appId, file.FileName, file.ContentType, await ReadAsync(file, s.Rules, ct), ct), t);
    }

    private static async Task<Results<Ok<ApplicationView>, ValidationProblem, NotFound, ProblemHttpResult>> Decide(Guid id, Guid appId, DecisionInput input, HardshipService s,
        IStringLocalizer<HardshipText> t, CancellationToken ct) => Http(await s.DecideAsync(id, appId, input, ct), t);

    private static async Task<Results<Ok<ApplicationView>, ValidationProblem, NotFound, ProblemHttpResult>> PayGrant(Guid id, Guid appId, HardshipService s,
        IStringLocalizer<HardshipText> t, CancellationToken ct) => Http(await s.PayGrantAsync(id, appId, ct), t);

    private static async Task<Results<Ok<List<SampleRow>>, ValidationProblem, NotFound, ProblemHttpResult>> DrawSample(SampleInput input, HardshipService s,
        IStringLocalizer<HardshipText> t, CancellationToken ct) => Http(await s.DrawSampleAsync(input, ct), t);

    private static async Task<Ok<List<SampleRow>>> Sample(int year, HardshipService s, CancellationToken ct) => TypedResults.Ok(await s.SampleAsync(year, ct));

    private static async Task<Results<Ok<FileDetail>, NotFound>> SampledFile(Guid id, HardshipService s, CancellationToken ct) =>
        await s.SampledFileAsync(id, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    private static async Task<Results<Ok<SampleRow>, ValidationProblem, NotFound, ProblemHttpResult>> Judge(Guid id, VerdictInput input, HardshipService s,
        IStringLocalizer<HardshipText> t, CancellationToken ct) => Http(await s.JudgeAsync(id, input, ct), t);

    private static async Task<Ok<PrecisionReport>> Precision(int year, HardshipService s, CancellationToken ct) => TypedResults.Ok(await s.PrecisionAsync(year, ct));
}
