using Gonghui.Modules.Skills.Contests;
using Gonghui.Modules.Skills.Rules;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Skills;

public sealed record ContestDto(Guid Id, string Code, int Year, string Name, ContestKind Kind, DateOnly StartsOn, bool MembersOnly, int? MinAge, int? MaxAge,
    Leniency Leniency, TieRule TieRule, long DrawSeed, int AppealHours);
public sealed record TradeSummaryDto(Guid Id, string Code, string Name, string? OccupationCode, int QuotaPerUnit, int Stations, int TitlePlaces, TradeStage Stage, int Entries);
public sealed record ContestDetailDto(ContestDto Contest, IReadOnlyList<TradeSummaryDto> Trades);
public sealed record AspectDto(Guid Id, int Position, string Code, string Name, AspectKind Kind, decimal MaxMark);
public sealed record JudgeDto(Guid Id, string Name, Guid UnitId, Guid? EnterpriseId, bool HasAccount, bool Chief);
public sealed record EntryDto(Guid Id, Guid MemberId, string Name, Guid EnteringUnitId, string? OccupationCode, int? StartOrder, int? Station, int? Session);
public sealed record TradeDto(Guid Id, Guid ContestId, string Code, string Name, string? OccupationCode, int QuotaPerUnit, int Stations, int TitlePlaces,
    TradeStage Stage, DateTimeOffset? SignedOffAt, DateTimeOffset? AppealsCloseAt, DateTimeOffset? PublishedAt,
    IReadOnlyList<AspectDto> Aspects, IReadOnlyList<JudgeDto> Judges, IReadOnlyList<EntryDto> Entries);
public sealed record SheetMarkDto(Guid EntryId, Guid AspectId, decimal Score, int? Spread);
public sealed record SheetDto(Guid TradeId, Guid JudgeId, TradeStage Stage, IReadOnlyList<AspectDto> Aspects, IReadOnlyList<EntryDto> Entries,
    IReadOnlyList<SheetMarkDto> Marks, IReadOnlyDictionary<Guid, ConflictReason> Conflicts);
public sealed record ResultRowDto(Guid EntryId, string Name, int? StartOrder, IReadOnlyList<decimal> RawAspects, IReadOnlyList<decimal> StdAspects,
    decimal RawTotal, decimal StdTotal, int RawRank, int StdRank, int Place, int ScalePoints, Medal Medal, bool Title, int MaxSpread);
public sealed record IssueDto(Guid EntryId, string Aspect, IssueKind Kind, int Detail);
public sealed record ResultsDto(Guid TradeId, string Trade, TradeStage Stage, bool Provisional, Leniency Leniency, TieRule TieRule,
    IReadOnlyList<string> Aspects, IReadOnlyList<ResultRowDto> Rows, IReadOnlyList<IssueDto> Issues);
public sealed record AppealDto(Guid Id, Guid TradeId, Guid EntryId, string Reason, AppealStatus Status, DateTimeOffset FiledAt, string? Decision);

internal static class SkillsEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/contests", Contests).RequireAuthorization(Permissions.SkillsRead);
        g.MapPost("/contests", CreateContest).RequireAuthorization(Permissions.SkillsManage);
        g.MapGet("/contests/{id:guid}", Contest).RequireAuthorization(Permissions.SkillsRead);
        g.MapGet("/contests/{id:guid}/results", ContestResults).RequireAuthorization(Permissions.SkillsManage);
        g.MapPost("/contests/{id:guid}/trades", AddTrade).RequireAuthorization(Permissions.SkillsManage);
        g.MapGet("/trades/{id:guid}", Trade).RequireAuthorization(Permissions.SkillsRead);
        g.MapPost("/trades/{id:guid}/judges", AddJudge).RequireAuthorization(Permissions.SkillsManage);
        g.MapPost("/trades/{id:guid}/judges/{judgeId:guid}/conflicts", DeclareConflict).RequireAuthorization(Permissions.SkillsMark);
        g.MapPost("/trades/{id:guid}/entries", Register).RequireAuthorization(Permissions.SkillsRegister);
        g.MapPost("/trades/{id:guid}/draw", Draw).RequireAuthorization(Permissions.SkillsManage);
        g.MapGet("/trades/{id:guid}/sheets/{judgeId:guid}", Sheet).RequireAuthorization(Permissions.SkillsMark);
        g.MapPost("/trades/{id:guid}/marks", SaveMarks).RequireAuthorization(Permissions.SkillsMark);
        g.MapPost("/trades/{id:guid}/sign-off", SignOff).RequireAuthorization(Permissions.SkillsManage);
        g.MapGet("/trades/{id:guid}/results", Results).RequireAuthorization(Permissions.SkillsRead);
        g.MapGet("/trades/{id:guid}/appeals", Appeals).RequireAuthorization(Permissions.SkillsRead);
        g.MapPost("/trades/{id:guid}/appeals", FileAppeal).RequireAuthorization(Permissions.SkillsRegister);
        g.MapPost("/appeals/{id:guid}/decision", DecideAppeal).RequireAuthorization(Permissions.SkillsManage);
        g.MapPost("/trades/{id:guid}/publish", Publish).RequireAuthorization(Permissions.SkillsManage);
        g.MapGet("/entries/mine", MyEntries).RequireAuthorization(Permissions.SelfService);
    }

    internal static ContestDto ToDto(SkillsContest c) => new(c.Id, c.Code, c.Year, c.Name, c.Kind, c.StartsOn, c.MembersOnly, c.MinAge, c.MaxAge, c.Leniency,
        c.TieRule, c.DrawSeed, c.AppealHours);

    internal static AspectDto ToDto(SkillsAspect a) => new(a.Id, a.Position, a.Code, a.Name, a.Kind, MarkingScheme.FromCenti(a.MaxCenti));

    internal static EntryDto ToDto(SkillsEntry e) => new(e.Id, e.MemberId, e.Name, e.EnteringUnitId, e.OccupationCode, e.StartOrder, e.Station, e.Session);

    internal static TradeDto ToDto(TradeView v) => new(v.Trade.Id, v.Trade.ContestId, v.Trade.Code, v.Trade.Name, v.Trade.OccupationCode, v.Trade.QuotaPerUnit,
        v.Trade.Stations, v.Trade.TitlePlaces, v.Trade.Stage, v.Trade.SignedOffAt, v.Trade.AppealsCloseAt, v.Trade.PublishedAt,
        v.Aspects.Select(ToDto).ToList(), v.Judges.Select(j => new JudgeDto(j.Id, j.Name, j.UnitId, j.EnterpriseId, j.UserId is not null, j.Chief)).ToList(),
        v.Entries.Select(ToDto).ToList());

    internal static ResultsDto ToDto(TradeResults r) => new(r.Trade.Id, r.Trade.Name, r.Trade.Stage, r.Provisional, r.Contest.Leniency, r.Contest.TieRule,
        r.Aspects.Select(a => a.Code).ToList(),
        r.Result.Entries.OrderBy(x => x.Place).ThenBy(x => r.Entries[x.Entry].StartOrder).Select(x =>
        {
            var e = r.Entries[x.Entry];
            return new ResultRowDto(e.Id, e.Name, e.StartOrder, x.RawAspects, x.StdAspects, x.RawTotal, x.StdTotal, x.RawRank, x.StdRank, x.Place, x.ScalePoints,
                x.Medal, x.Title, x.MaxSpread);
        }).ToList(),
        r.Result.Issues.Take(500).Select(i => new IssueDto(r.Entries[i.Entry].Id, r.Aspects[i.Aspect].Code, i.Kind, i.Detail)).ToList());

    internal static AppealDto ToDto(SkillsAppeal a) => new(a.Id, a.TradeId, a.EntryId, a.Reason, a.Status, a.FiledAt, a.Decision);

    /// <summary>The module's wording of outcome codes, with their arguments; a nested code (the sign-off's first issue) is worded too.</summary>
    internal static OutcomeText Text(IStringLocalizer<SkillsText> t) => (code, args) =>
        t[code, [.. args.Select(a => a is string s && s.StartsWith("signoff.issue.", StringComparison.Ordinal) ? t[s].Value : a ?? "")]].Value;

    private static async Task<IResult> Contests(int? year, SkillsService s, CancellationToken ct) =>
        TypedResults.Ok((await s.ContestsAsync(year, ct)).Select(ToDto).ToList());

    private static async Task<IResult> Contest(Guid id, SkillsService s, CancellationToken ct)
    {
        var c = await s.ContestAsync(id, ct);
        if (c is null) return TypedResults.NotFound();
        var counts = await s.EntryCountsAsync(id, ct);
        var trades = (await s.TradesAsync(id, ct)).Select(t => new TradeSummaryDto(t.Id, t.Code, t.Name, t.OccupationCode, t.QuotaPerUnit, t.Stations, t.TitlePlaces,
            t.Stage, counts.GetValueOrDefault(t.Id))).ToList();
        return TypedResults.Ok(new ContestDetailDto(ToDto(c), trades));
    }

    private static async Task<IResult> CreateContest(CreateContestRequest body, SkillsService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
        (await s.CreateContestAsync(body, ct)).ToHttpResult(c => TypedResults.Created($"/api/v1/skills/contests/{c.Id}", ToDto(c)), Text(t));

    private static async Task<IResult> ContestResults(Guid id, SkillsService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
        (await s.ContestResultsAsync(id, ct)).ToHttpResult(l => TypedResults.Ok(l.Select(ToDto).ToList()), Text(t));

    private static async Task<IResult> AddTrade(Guid id, CreateTradeRequest body, SkillsService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
        (await s.AddTradeAsync(id, body, ct)).ToHttpResult(v => TypedResults.Created($"/api/v1/skills/trades/{v.Trade.Id}", ToDto(v)), Text(t));

    private static async Task<IResult> Trade(Guid id, SkillsService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
        (await s.TradeAsync(id, ct)).ToHttpResult(v => TypedResults.Ok(ToDto(v)), Text(t));

    private static async Task<IResult> AddJudge(Guid id, AddJudgeRequest body, SkillsService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
        (await s.AddJudgeAsync(id, body, ct)).ToHttpResult(j => TypedResults.Created($"/api/v1/skills/trades/{id}", new JudgeDto(j.Id, j.Name, j.UnitId,
            j.EnterpriseId, j.UserId is not null, j.Chief)), Text(t));

    private static async Task<IResult> DeclareConflict(Guid id, Guid judgeId, DeclareConflictRequest body, SkillsService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
        (await s.DeclareConflictAsync(id, judgeId, body, ct)).ToHttpResult(c => TypedResults.Ok(new { c.Id, c.JudgeId, c.EntryId, c.Reason }), Text(t));

    private static async Task<IResult> Register(Guid id, RegisterRequest body, SkillsService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
        (await s.RegisterAsync(id, body, ct)).ToHttpResult(e => TypedResults.Created($"/api/v1/skills/trades/{id}", ToDto(e)), Text(t));

    private static async Task<IResult> Draw(Guid id, SkillsService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
        (await s.DrawAsync(id, ct)).ToHttpResult(v => TypedResults.Ok(ToDto(v)), Text(t));

    private static async Task<IResult> Sheet(Guid id, Guid judgeId, SkillsService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
        (await s.SheetAsync(id, judgeId, ct)).ToHttpResult(v => TypedResults.Ok(new SheetDto(v.Trade.Id, v.Judge.Id, v.Trade.Stage, v.Aspects.Select(ToDto).ToList(),
            v.Entries.Select(ToDto).ToList(),
            v.Marks.Select(m => new SheetMarkDto(m.Key.Entry, m.Key.Aspect, MarkingScheme.FromCenti(m.Value), v.Spreads.TryGetValue(m.Key, out var sp) ? sp : null)).ToList(),
            v.Conflicts)), Text(t));

    private static async Task<IResult> SaveMarks(Guid id, SaveMarksRequest body, SkillsService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
        (await s.SaveMarksAsync(id, body, ct)).ToHttpResult(r => TypedResults.Ok(r), Text(t));

    private static async Task<IResult> SignOff(Guid id, SkillsService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
        (await s.SignOffAsync(id, ct)).ToHttpResult(x => TypedResults.Ok(new { x.Id, x.Stage, x.SignedOffAt, x.AppealsCloseAt }), Text(t));

    private static async Task<IResult> Results(Guid id, SkillsService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
        (await s.ResultsAsync(id, ct)).ToHttpResult(r => TypedResults.Ok(ToDto(r)), Text(t));

    private static async Task<IResult> Appeals(Guid id, SkillsService s, CancellationToken ct) =>
        TypedResults.Ok((await s.AppealsAsync(id, ct)).Select(ToDto).ToList());

    private static async Task<IResult> FileAppeal(Guid id, AppealRequest body, SkillsService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
        (await s.FileAppealAsync(id, body, ct)).ToHttpResult(a => TypedResults.Created($"/api/v1/skills/trades/{id}/appeals", ToDto(a)), Text(t));

    private static async Task<IResult> DecideAppeal(Guid id, DecideAppealRequest body, SkillsService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
        (await s.DecideAppealAsync(id, body, ct)).ToHttpResult(a => TypedResults.Ok(ToDto(a)), Text(t));

    private static async Task<IResult> Publish(Guid id, SkillsService s, IStringLocalizer<SkillsText> t, CancellationToken ct) =>
        (await s.PublishAsync(id, ct)).ToHttpResult(x => TypedResults.Ok(new { x.Id, x.Stage, x.PublishedAt }), Text(t));

    private static async Task<IResult> MyEntries(SkillsService s, CancellationToken ct) =>
        TypedResults.Ok((await s.MyEntriesAsync(ct)).Select(ToDto).ToList());
}
