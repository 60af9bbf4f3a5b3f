using Gonghui.Modules.Jobs.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Jobs.Posts;

/// <summary>A post as staff see it: the public fields and its review state.</summary>
public sealed record PostDto(Guid Id, Guid EmployerId, string EmployerName, string Title, string Description, string OccupationCode, string? OccupationName,
    EmploymentType EmploymentType, long SalaryMinFen, long SalaryMaxFen, int Headcount, int Filled, string DistrictCode, string? DistrictName, string Address,
    double Lat, double Lng, DateOnly ValidThrough, PostStatus Status, Guid? CampaignId, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? PostedAt,
    string? ReviewedBy, string? ReviewNote);

internal static class PostEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/posts", List).RequireAuthorization(Permissions.JobsRead);
        g.MapPost("/posts", Create).RequireAuthorization(Permissions.JobsEdit);
        g.MapGet("/posts/{id:guid}", Get).RequireAuthorization(Permissions.JobsRead);
        g.MapPost("/posts/{id:guid}/submit", Submit).RequireAuthorization(Permissions.JobsEdit);
        g.MapPost("/posts/{id:guid}/withdraw", Withdraw).RequireAuthorization(Permissions.JobsEdit);
        g.MapPost("/posts/{id:guid}/review", Review).RequireAuthorization(Permissions.JobsReview);
        g.MapGet("/review-queue", Queue).RequireAuthorization(Permissions.JobsReview);
        g.MapGet("/employers", Employers).RequireAuthorization(Permissions.JobsEdit);
    }

    /// <summary>Outcome codes worded by the module's texts ("Error." + code).</summary>
    internal static OutcomeText Text(IStringLocalizer<JobsText> t) => (code, args) => t["Error." + code, [.. args.Select(a => a ?? "")]].Value;

    public static PostDto ToDto(JobPost p) => new(p.Id, p.EmployerId, p.EmployerName, p.Title, p.Description, p.OccupationCode,
        Occupations.Current.Find(p.OccupationCode)?.Name, p.EmploymentType, p.SalaryMinFen, p.SalaryMaxFen, p.Headcount, p.Filled, p.DistrictCode,
        BeijingDistricts.NameOf(p.DistrictCode), p.Address, p.Lat, p.Lng, p.ValidThrough, p.Status, p.CampaignId, p.CreatedAt, p.CreatedBy,
        p.ReviewedBy is null ? null : p.PostedAt, p.ReviewedBy, p.ReviewNote);

    public static async Task<IResult> List(Guid? employerId, PostStatus? status, string? q, string? after, string? before, int? limit,
        DateOnly? from, DateOnly? to, Guid? unit, PostHandlers h, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        var drill = await h.DrillAsync(from, to, unit, errors, ct);
        if (drill is null) return errors.Problem();
        return TypedResults.Ok((await h.ListAsync(new PostFilter(employerId, status, q, drill), request, ct)).Map(ToDto));
    }

    public static async Task<IResult> Create(PostInput body, bool? submit, PostHandlers h, IStringLocalizer<JobsText> t, CancellationToken ct) =>
        (await h.CreateAsync(body, submit ?? true, ct)).ToHttpResult(p => TypedResults.Created($"/api/v1/jobs/posts/{p.Id}", ToDto(p)), Text(t));

    public static async Task<IResult> Get(Guid id, PostHandlers h, CancellationToken ct) =>
        await h.GetAsync(id, ct) is { } p ? TypedResults.Ok(ToDto(p)) : TypedResults.NotFound();

    public static async Task<IResult> Submit(Guid id, PostHandlers h, IStringLocalizer<JobsText> t, CancellationToken ct) =>
        (await h.SubmitAsync(id, ct)).ToHttpResult(p => TypedResults.Ok(ToDto(p)), Text(t));

    public static async Task<IResult> Withdraw(Guid id, PostHandlers h, IStringLocalizer<JobsText> t, CancellationToken ct) =>
        (await h.WithdrawAsync(id, ct)).ToHttpResult(p => TypedResults.Ok(ToDto(p)), Text(t));

    public static async Task<IResult> Review(Guid id, ReviewInput body, PostHandlers h, IStringLocalizer<JobsText> t, CancellationToken ct) =>
        (await h.ReviewAsync(id, body, ct)).ToHttpResult(p => TypedResults.Ok(ToDto(p)), Text(t));

    public static async Task<IResult> Queue(string? after, string? before, int? limit, PostHandlers h, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        return TypedResults.Ok((await h.ReviewQueueAsync(request, ct)).Map(ToDto));
    }

    public static async Task<IResult> Employers(string? q, PostHandlers h, CancellationToken ct) => TypedResults.Ok(await h.EmployersAsync(q, ct));
}
