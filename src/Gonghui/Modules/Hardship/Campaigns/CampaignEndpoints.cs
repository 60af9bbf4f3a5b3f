using System.Globalization;
using System.Text;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Gonghui.Modules.Hardship.Files;

namespace Gonghui.Modules.Hardship.Campaigns;

/// <summary>金秋助学 under /api/v1/hardship/campaigns, and the campaign page's admission-letter upload (a form post).</summary>
internal static class CampaignEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/campaigns", Campaigns);
        g.MapPost("/campaigns", OpenCampaign).RequireAuthorization(Permissions.HardshipApprove);
        g.MapGet("/campaigns/{id:guid}", Summary);
        g.MapGet("/campaigns/{id:guid}/applications", Applications);
        g.MapPost("/campaigns/{id:guid}/applications", Apply).RequireAuthorization(Permissions.HardshipEdit);
        g.MapPost("/campaigns/{id:guid}/applications/{appId:guid}/letter", Letter).RequireAuthorization(Permissions.HardshipEdit).DisableAntiforgery().RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityModule.BearerScheme).RequireAuthenticatedUser());
        // Many letters at once (files and/or zips): the same permission and the same bearer-only, token-free form post as one letter.
        g.MapPost("/campaigns/{id:guid}/letters", Letters).RequireAuthorization(Permissions.HardshipEdit).DisableAntiforgery().RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityModule.BearerScheme).RequireAuthenticatedUser());
        g.MapPost("/campaigns/{id:guid}/applications/{appId:guid}/decision", Decide).RequireAuthorization(Permissions.HardshipApprove);
        g.MapPost("/campaigns/{id:guid}/applications/{appId:guid}/pay", PayGrant).RequireAuthorization(Permissions.HardshipPay);
    }

    /// <summary>The admission letter of an application, uploaded from the campaign page.</summary>
    public static void MapLetterPost(RouteGroupBuilder g) =>
        g.MapPost("/campaigns/{id:guid}/applications/{appId:guid}/letter", async (Guid id, Guid appId, IFormFile? file, CampaignHandlers s, HardshipRuleBook rules, CancellationToken ct) =>
        {
            if (file is null) return Results.LocalRedirect($"/hardship/campaigns/{id}?error=document.empty");
            var r = await s.AttachLetterAsync(id, appId, file.FileName, file.ContentType, await FileDocuments.ReadUploadAsync(file, rules.Documents.MaxBytes, ct), ct);
            return r.Kind switch
            {
                OutcomeKind.NotFound => Results.NotFound(),
                OutcomeKind.Ok => Results.LocalRedirect($"/hardship/campaigns/{id}?done=letter"),
                _ => Results.LocalRedirect($"/hardship/campaigns/{id}?error={Uri.EscapeDataString(HardshipText.FirstCode(r))}"),
            };
        });

    private static async Task<Ok<List<CampaignView>>> Campaigns(CampaignHandlers s, CancellationToken ct) => TypedResults.Ok(await s.CampaignsAsync(ct));

    private static async Task<Results<Ok<CampaignView>, ValidationProblem, NotFound, ProblemHttpResult>> OpenCampaign(CampaignInput input, CampaignHandlers s,
        IStringLocalizer<HardshipText> t, CancellationToken ct) => HardshipText.Http(await s.OpenCampaignAsync(input, ct), t);

    private static async Task<Results<Ok<CampaignSummary>, NotFound>> Summary(Guid id, CampaignHandlers s, CancellationToken ct) =>
        await s.SummaryAsync(id, ct) is { } x ? TypedResults.Ok(x) : TypedResults.NotFound();

    private static async Task<Results<Ok<Slice<ApplicationView>>, ValidationProblem>> Applications(Guid id, ApplicationStatus? status, string? after, string? before, int? limit,
        CampaignHandlers s, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        return TypedResults.Ok(await s.ApplicationsAsync(id, status, request, ct));
    }

    private static async Task<Results<Ok<LetterBatch>, ValidationProblem, NotFound, ProblemHttpResult>> Letters(Guid id, IFormFileCollection files, CampaignHandlers s,
        HardshipRuleBook rules, IStringLocalizer<HardshipText> t, CancellationToken ct) =>
        HardshipText.Http(await UploadLettersAsync(id, files, s, rules, t, ct), t);

    /// <summary>A bulk letter upload, for the endpoint and the campaign page alike: unpack (400 on a bad zip or a limit), match, store, word.</summary>
    internal static async Task<Outcome<LetterBatch>> UploadLettersAsync(Guid id, IReadOnlyList<IFormFile> files, CampaignHandlers s, HardshipRuleBook rules,
        IStringLocalizer<HardshipText> t, CancellationToken ct)
    {
        var read = await LetterBundle.ReadAsync(files, rules.Documents.MaxBytes, ct);
        if (!read.IsOk) return read.As<LetterBatch>();
        return (await s.AttachLettersAsync(id, read.Value!, ct)).Map(b => b.Worded(code => t[code].Value));
    }

    private static async Task<Results<Ok<ApplicationView>, ValidationProblem, NotFound, ProblemHttpResult>> Apply(Guid id, ApplicationInput input, CampaignHandlers s,
        IStringLocalizer<HardshipText> t, CancellationToken ct) => HardshipText.Http(await s.ApplyAsync(id, input, ct), t);

    private static async Task<Results<Ok<ApplicationView>, ValidationProblem, NotFound, ProblemHttpResult>> Letter(Guid id, Guid appId, IFormFile? file, CampaignHandlers s, HardshipRuleBook rules,
        IStringLocalizer<HardshipText> t, CancellationToken ct)
    {
        if (file is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [t[DocumentRules.Empty].Value] });
        return HardshipText.Http(await s.AttachLetterAsync(id, appId, file.FileName, file.ContentType, await FileDocuments.ReadUploadAsync(file, rules.Documents.MaxBytes, ct), ct), t);
    }

    private static async Task<Results<Ok<ApplicationView>, ValidationProblem, NotFound, ProblemHttpResult>> Decide(Guid id, Guid appId, DecisionInput input, CampaignHandlers s,
        IStringLocalizer<HardshipText> t, CancellationToken ct) => HardshipText.Http(await s.DecideAsync(id, appId, input, ct), t);

    private static async Task<Results<Ok<ApplicationView>, ValidationProblem, NotFound, ProblemHttpResult>> PayGrant(Guid id, Guid appId, CampaignHandlers s,
        IStringLocalizer<HardshipText> t, CancellationToken ct) => HardshipText.Http(await s.PayGrantAsync(id, appId, ct), t);
}
