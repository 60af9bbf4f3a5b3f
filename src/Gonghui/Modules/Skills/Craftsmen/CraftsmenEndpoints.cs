using Gonghui.Modules.Skills.Rules;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Skills.Craftsmen;

public sealed record CandidateDto(Guid Id, string Trade, Guid MemberId, string Name, Guid UnitId, bool FrontLine, int YearsInTrade, decimal? Challenge,
    IReadOnlyList<decimal> Review, decimal? Combined, int? Rank, CraftsmanAward Proposed, CraftsmanAward Award, bool Withdrawn, string? Objection, string? Story, long AwardFen, bool Paid, long PaidFen, DateTimeOffset? PaidAt,
    Guid? PaymentEntryId);
public sealed record SelectionDto(Guid Id, int Year, string Name, IReadOnlyList<string> Trades, SelectionStage Stage, int ChallengeWeightPct, int ReviewWeightPct,
    int AnnouncementWorkingDays, DateOnly? AnnouncedOn, DateOnly? AnnouncementEndsOn, IReadOnlyList<CandidateDto> Candidates, long WinnerAwardFen, long NomineeAwardFen);

internal static class CraftsmenEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/craftsmen", List).RequireAuthorization(Permissions.SkillsRead);
        g.MapPost("/craftsmen", Create).RequireAuthorization(Permissions.SkillsManage);
        g.MapGet("/craftsmen/winners", (DateOnly? from, DateOnly? to, Guid? unit, string? after, string? before, int? limit, CraftsmenService s, CancellationToken ct) =>
            Awarded(CraftsmanAward.GreatCraftsman, from, to, unit, after, before, limit, s, ct)).RequireAuthorization(Permissions.SkillsRead);
        g.MapGet("/craftsmen/nominees", (DateOnly? from, DateOnly? to, Guid? unit, string? after, string? before, int? limit, CraftsmenService s, CancellationToken ct) =>
            Awarded(CraftsmanAward.Nominee, from, to, unit, after, before, limit, s, ct)).RequireAuthorization(Permissions.SkillsRead);
        g.MapGet("/craftsmen/{id:guid}", Get).RequireAuthorization(Permissions.SkillsRead);
        g.MapPost("/craftsmen/{id:guid}/nominations", Nominate).RequireAuthorization(Permissions.SkillsRegister);
        g.MapPost("/craftsmen/candidates/{id:guid}/scores", Score).RequireAuthorization(Permissions.SkillsManage);
        g.MapPost("/craftsmen/{id:guid}/decision", Decide).RequireAuthorization(Permissions.SkillsManage);
        g.MapPost("/craftsmen/{id:guid}/announcement", Announce).RequireAuthorization(Permissions.SkillsManage);
        g.MapPost("/craftsmen/candidates/{id:guid}/objection", Objection).RequireAuthorization(Permissions.SkillsManage);
        g.MapPost("/craftsmen/{id:guid}/finish", Finish).RequireAuthorization(Permissions.SkillsManage);
        g.MapPost("/craftsmen/candidates/{id:guid}/pay", Pay).RequireAuthorization(Permissions.SkillsPay);
        g.MapPost("/craftsmen/{id:guid}/pay", PayAll).RequireAuthorization(Permissions.SkillsPay);
    }

    internal static CandidateDto ToDto(CraftsmanCandidate c, CraftsmanTerms? terms = null) => new(c.Id, c.Trade, c.MemberId, c.Name, c.UnitId, c.FrontLine, c.YearsInTrade,
        c.ChallengeCenti is { } ch ? ch / 100m : null, c.Reviews(), c.CombinedCenti is { } co ? co / 100m : null, c.Rank, c.Proposed, c.Award, c.Withdrawn,
        c.Objection, c.Story, terms is null || c.Withdrawn ? c.AmountFen : GreatCraftsmanRules.AwardFen(terms, c.Award), c.Paid, c.Paid ? c.AmountFen : 0, c.PaidAt,
        c.Paid ? c.PaymentEntryId : null);

    internal static SelectionDto ToDto(SelectionView v) => new(v.Selection.Id, v.Selection.Year, v.Selection.Name, v.Selection.TradeList(), v.Selection.Stage,
        v.Selection.ChallengeWeightPct, v.Selection.ReviewWeightPct, v.Selection.AnnouncementWorkingDays, v.Selection.AnnouncedOn, v.Selection.AnnouncementEndsOn,
        v.Candidates.Select(c => ToDto(c, v.Selection.Terms())).ToList(), v.Selection.WinnerAwardFen, v.Selection.NomineeAwardFen);

    private static async Task<IResult> List(CraftsmenService s, CancellationToken ct) =>
        TypedResults.Ok((await s.SelectionsAsync(ct)).Select(x => ToDto(new SelectionView(x, []))).ToList());

    /// <summary>The Great Craftsmen or the nominees by trade; the report's drill-down's from/to/unit (a bad one: 400 naming the field).</summary>
    private static async Task<IResult> Awarded(CraftsmanAward award, DateOnly? from, DateOnly? to, Guid? unit, string? after, string? before, int? limit,
        CraftsmenService s, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        var drill = await s.DrillAsync(from, to, unit, errors, ct);
        if (drill is null) return errors.Problem();
        return TypedResults.Ok(await s.AwardedAsync(award, drill, request, ct));
    }

    private static async Task<IResult> Create(CreateSelectionRequest body, CraftsmenService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
        (await s.CreateAsync(body, ct)).ToHttpResult(x => TypedResults.Created($"/api/v1/skills/craftsmen/{x.Id}", ToDto(new SelectionView(x, []))), SkillsEndpoints.Text(t));

    private static async Task<IResult> Get(Guid id, CraftsmenService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
        (await s.SelectionAsync(id, ct)).ToHttpResult(v => TypedResults.Ok(ToDto(v)), SkillsEndpoints.Text(t));

    private static async Task<IResult> Nominate(Guid id, NominateRequest body, CraftsmenService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
        (await s.NominateAsync(id, body, ct)).ToHttpResult(c => TypedResults.Created($"/api/v1/skills/craftsmen/{id}", ToDto(c)), SkillsEndpoints.Text(t));

    private static async Task<IResult> Score(Guid id, ScoreRequest body, CraftsmenService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
        (await s.ScoreAsync(id, body, ct)).ToHttpResult(c => TypedResults.Ok(ToDto(c)), SkillsEndpoints.Text(t));

    private static async Task<IResult> Decide(Guid id, CraftsmenService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
        (await s.DecideAsync(id, ct)).ToHttpResult(v => TypedResults.Ok(ToDto(v)), SkillsEndpoints.Text(t));

    private static async Task<IResult> Announce(Guid id, CraftsmenService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
        (await s.AnnounceAsync(id, ct)).ToHttpResult(v => TypedResults.Ok(ToDto(v)), SkillsEndpoints.Text(t));

    private static async Task<IResult> Objection(Guid id, ObjectionRequest body, CraftsmenService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
        (await s.ObjectionAsync(id, body, ct)).ToHttpResult(c => TypedResults.Ok(ToDto(c)), SkillsEndpoints.Text(t));

    private static async Task<IResult> Pay(Guid id, CraftsmenService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
        (await s.PayAsync(id, ct)).ToHttpResult(c => TypedResults.Ok(ToDto(c)), SkillsEndpoints.Text(t));

    private static async Task<IResult> PayAll(Guid id, CraftsmenService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
        (await s.PayAllAsync(id, ct)).ToHttpResult(v => TypedResults.Ok(ToDto(v)), SkillsEndpoints.Text(t));

    private static async Task<IResult> Finish(Guid id, CraftsmenService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
        (await s.FinishAsync(id, ct)).ToHttpResult(v => TypedResults.Ok(ToDto(v)), SkillsEndpoints.Text(t));
}
