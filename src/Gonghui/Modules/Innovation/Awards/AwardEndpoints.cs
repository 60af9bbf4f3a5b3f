using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Innovation.Alliances;
using Gonghui.Modules.Innovation.Awards;
using Gonghui.Modules.Innovation.Rules;
using Gonghui.Modules.Innovation.Studios;
using Gonghui.Modules.Innovation.Training;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Innovation.Awards;

public sealed record PatentAwardDto(Guid Id, string PatentNumber, string Title, DateOnly GrantedOn, string Employer, Guid MemberId, string InventorName,
    Guid UnitId, Guid? StudioId, bool FrontLine, bool FirstInventor, int Year, long AmountFen, AwardStatus Status, DateTimeOffset FiledAt, string FiledBy,
    DateTimeOffset? DecidedAt, string? DecidedBy, string? RejectReason, DateTimeOffset? PaidAt);
public sealed record PatentAwardDetailDto(PatentAwardDto Award, IReadOnlyList<LedgerEntryView> LedgerEntries);
public sealed record ProjectDto(Guid Id, Guid StudioId, string StudioName, StudioLevel StudioLevel, int Year, string Title, string Summary, AwardStatus Status,
    int ScoreCount, decimal? MeanScore, long AmountFen, DateTimeOffset SubmittedAt, string SubmittedBy, DateTimeOffset? DecidedAt, string? DecidedBy,
    string? RejectReason, DateTimeOffset? PaidAt);
public sealed record ProjectScoreDto(string Expert, int Score, string? Comment, DateTimeOffset At);
public sealed record ProjectDetailDto(ProjectDto Project, IReadOnlyList<ProjectScoreDto> Scores, IReadOnlyList<LedgerEntryView> LedgerEntries);
public sealed record PatentNumberCheckDto(bool Valid, string? Canonical, int? ApplicationYear, PatentKind? Kind, string? Error, string? Message);
public sealed record AwardRulesDto(long PatentAmountFen, bool FrontLineOnly, bool MembersOnly, bool FirstInventorOnly, bool GrantWithinYear, bool InventionsOnly,
    IReadOnlyDictionary<StudioLevel, long> ProjectAmountFen, int ProjectMinExperts, int ProjectPassMark);

/// <summary>Patent and project awards under /api/v1/innovation, paid through the innovation fund; thin handlers over <see cref="AwardService"/>.</summary>
internal static class AwardEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/rules", (AwardRuleBook r) => TypedResults.Ok(ToDto(r))).RequireAuthorization(Permissions.InnovationRead);
        g.MapGet("/patent-numbers/{number}", CheckNumber).RequireAuthorization(Permissions.InnovationRead);
        g.MapGet("/patent-awards", Patents).RequireAuthorization(Permissions.InnovationRead);
        g.MapPost("/patent-awards", FilePatent).RequireAuthorization(Permissions.InnovationEdit);
        g.MapGet("/patent-awards/{id:guid}", Patent).RequireAuthorization(Permissions.InnovationRead);
        g.MapPost("/patent-awards/{id:guid}/approve", async (Guid id, AwardService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
            Result(await s.ApprovePatentAsync(id, ct), t)).RequireAuthorization(Permissions.InnovationApprove);
        g.MapPost("/patent-awards/{id:guid}/pay", async (Guid id, AwardService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
            Result(await s.PayPatentAsync(id, ct), t)).RequireAuthorization(Permissions.InnovationPay);
        g.MapPost("/patent-awards/{id:guid}/reject", async (Guid id, RejectRequest body, AwardService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
            Result(await s.RejectPatentAsync(id, body.Reason, ct), t)).RequireAuthorization(Permissions.InnovationApprove);
        g.MapGet("/projects", Projects).RequireAuthorization(Permissions.InnovationRead);
        g.MapPost("/projects", SubmitProject).RequireAuthorization(Permissions.InnovationEdit);
        g.MapGet("/projects/{id:guid}", Project).RequireAuthorization(Permissions.InnovationRead);
        g.MapPost("/projects/{id:guid}/scores", async (Guid id, ScoreRequest body, AwardService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
            Result(await s.ScoreAsync(id, body, ct), t)).RequireAuthorization(Permissions.InnovationReview);
        g.MapPost("/projects/{id:guid}/approve", async (Guid id, AwardService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
            Result(await s.ApproveProjectAsync(id, ct), t)).RequireAuthorization(Permissions.InnovationApprove);
        g.MapPost("/projects/{id:guid}/pay", async (Guid id, AwardService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
            Result(await s.PayProjectAsync(id, ct), t)).RequireAuthorization(Permissions.InnovationPay);
        g.MapPost("/projects/{id:guid}/reject", async (Guid id, RejectRequest body, AwardService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
            Result(await s.RejectProjectAsync(id, body.Reason, ct), t)).RequireAuthorization(Permissions.InnovationApprove);
    }

    internal static PatentAwardDto ToDto(PatentAward a) => new(a.Id, a.PatentNumber, a.Title, a.GrantedOn, a.Employer, a.MemberId, a.InventorName, a.UnitId, a.StudioId,
        a.FrontLine, a.FirstInventor, a.Year, a.AmountFen, a.Status, a.FiledAt, a.FiledBy, a.DecidedAt, a.DecidedBy, a.RejectReason, a.PaidAt);

    internal static ProjectDto ToDto(InnovationProject p) => new(p.Id, p.StudioId, p.StudioName, p.StudioLevel, p.Year, p.Title, p.Summary, p.Status, p.ScoreCount,
        p.MeanScoreTenths is { } m ? m / 10m : null, p.AmountFen, p.SubmittedAt, p.SubmittedBy, p.DecidedAt, p.DecidedBy, p.RejectReason, p.PaidAt);

    internal static AwardRulesDto ToDto(AwardRuleBook r) => new(r.PatentAmountFen, r.PatentFrontLineOnly, r.PatentMembersOnly, r.PatentFirstInventorOnly,
        r.PatentGrantWithinYear, r.PatentInventionsOnly, r.ProjectAmountFen, r.ProjectMinExperts, r.ProjectPassMark);

    private static IResult Result(Outcome<PatentAward> o, IStringLocalizer<InnovationText> t) => o.ToHttpResult(a => TypedResults.Ok(ToDto(a)), t);
    private static IResult Result(Outcome<InnovationProject> o, IStringLocalizer<InnovationText> t) => o.ToHttpResult(p => TypedResults.Ok(ToDto(p)), t);

    public static IResult CheckNumber(string number, IStringLocalizer<InnovationText> t)
    {
        var n = PatentNumber.Parse(number, out var error);
        return TypedResults.Ok(n is null ? new PatentNumberCheckDto(false, null, null, null, error, t[error!])
            : new PatentNumberCheckDto(true, n.Canonical, n.ApplicationYear, n.Kind, null, null));
    }

    public static async Task<IResult> Patents(AwardStatus? status, int? year, string? q, string? after, string? before, int? limit,
        DateOnly? from, DateOnly? to, Guid? unit, AwardService svc, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        var drill = await svc.DrillAsync(from, to, unit, errors, ct);
        if (drill is null) return errors.Problem();
        return TypedResults.Ok((await PatentListAsync(svc, status, year, q, request, ct, drill)).Map(ToDto));
    }

    /// <summary>
    /// Patent awards in scope, newest filing first (keyset on (filed at, id)); q finds a patent number or an inventor's name; the report's
    /// drill-down (<see cref="PaidAwards"/>) narrows to the awards paid in its period, filed for its unit's subtree.
    /// </summary>
    internal static async Task<Slice<PatentAward>> PatentListAsync(AwardService svc, AwardStatus? status, int? year, string? q, KeysetRequest request, CancellationToken ct,
        DrillFilter? drill = null)
    {
        var query = await svc.PatentsVisibleAsync(ct);
        if (drill is { IsEmpty: false }) query = query.Drill(drill);
        if (status is not null) query = query.Where(a => a.Status == status);
        if (year is not null) query = query.Where(a => a.Year == year);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var number = PatentNumber.Parse(q, out _)?.Canonical;
            query = number is not null ? query.Where(a => a.PatentNumber == number) : query.Where(a => a.InventorName.Contains(q) || a.Title.Contains(q));
        }
        return await query.SliceAsync(request, a => a.FiledAt, a => a.Id, descending: true, rows => rows, a => a.FiledAt, a => a.Id, ct);
    }

    public static async Task<IResult> FilePatent(FilePatentRequest body, AwardService svc, IStringLocalizer<InnovationText> t, CancellationToken ct)
    {
        var o = await svc.FilePatentAsync(body, ct);
        return o.IsOk ? TypedResults.Created($"/api/v1/innovation/patent-awards/{o.Value!.Id}", ToDto(o.Value)) : o.ToProblem(t);
    }

    public static async Task<IResult> Patent(Guid id, AwardService svc, IFundLedger ledger, CancellationToken ct)
    {
        var a = await svc.PatentAsync(id, ct);
        if (a is null) return TypedResults.NotFound();
        return TypedResults.Ok(new PatentAwardDetailDto(ToDto(a), await ledger.EntriesForAsync(new SourceRef(AwardService.PatentSource, a.Id), ct)));
    }

    public static async Task<IResult> Projects(AwardStatus? status, int? year, Guid? studioId, string? after, string? before, int? limit,
        DateOnly? from, DateOnly? to, Guid? unit, AwardService svc, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        var drill = await svc.DrillAsync(from, to, unit, errors, ct);
        if (drill is null) return errors.Problem();
        return TypedResults.Ok((await ProjectListAsync(svc, status, year, studioId, request, ct, drill)).Map(ToDto));
    }

    /// <summary>
    /// Projects in scope, newest submission first (keyset on (submitted at, id)); the report's drill-down narrows to the project awards paid in
    /// its period, of studios in its unit's subtree (as innovation.projects counts them).
    /// </summary>
    internal static async Task<Slice<InnovationProject>> ProjectListAsync(AwardService svc, AwardStatus? status, int? year, Guid? studioId, KeysetRequest request,
        CancellationToken ct, DrillFilter? drill = null)
    {
        var query = await svc.ProjectsVisibleAsync(ct);
        if (drill is { IsEmpty: false }) query = query.Drill(drill);
        if (status is not null) query = query.Where(p => p.Status == status);
        if (year is not null) query = query.Where(p => p.Year == year);
        if (studioId is not null) query = query.Where(p => p.StudioId == studioId);
        return await query.SliceAsync(request, p => p.SubmittedAt, p => p.Id, descending: true, rows => rows, p => p.SubmittedAt, p => p.Id, ct);
    }

    public static async Task<IResult> SubmitProject(SubmitProjectRequest body, AwardService svc, IStringLocalizer<InnovationText> t, CancellationToken ct)
    {
        var o = await svc.SubmitProjectAsync(body, ct);
        return o.IsOk ? TypedResults.Created($"/api/v1/innovation/projects/{o.Value!.Id}", ToDto(o.Value)) : o.ToProblem(t);
    }

    public static async Task<IResult> Project(Guid id, AwardService svc, IFundLedger ledger, CancellationToken ct)
    {
        var p = await svc.ProjectAsync(id, ct);
        if (p is null) return TypedResults.NotFound();
        var scores = await svc.ScoresAsync(id, ct);
        return TypedResults.Ok(new ProjectDetailDto(ToDto(p), scores.Select(s => new ProjectScoreDto(s.Expert, s.Score, s.Comment, s.At)).ToList(),
            await ledger.EntriesForAsync(new SourceRef(AwardService.ProjectSource, p.Id), ct)));
    }
}
