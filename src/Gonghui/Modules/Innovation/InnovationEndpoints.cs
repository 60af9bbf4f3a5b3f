using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Innovation.Alliances;
using Gonghui.Modules.Innovation.Awards;
using Gonghui.Modules.Innovation.Rules;
using Gonghui.Modules.Innovation.Studios;
using Gonghui.Modules.Innovation.Training;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Innovation;

public sealed record StudioDto(Guid Id, string Name, StudioKind Kind, StudioLevel Level, string Field, Guid UnitId, string? DistrictCode, Guid? EnterpriseId,
    string? EnterpriseName, Guid LeaderMemberId, string LeaderName, int TeamSize, StudioStatus Status, DateTimeOffset AppliedAt, DateOnly? PublicityEndsOn,
    DateOnly? RecognisedOn, string? Reason);
public sealed record StudioMemberDto(Guid MemberId, string Name, bool IsLeader);
public sealed record StudioEventDto(StudioAction? Action, StudioStatus To, DateTimeOffset At, string Actor, string? Note);
public sealed record AnnualReviewDto(Guid Id, int Year, int Patents, int Projects, int Trainees, long EconomicBenefitFen, DateTimeOffset RecordedAt, string RecordedBy);
public sealed record StudioDetailDto(StudioDto Studio, IReadOnlyList<StudioMemberDto> Team, IReadOnlyList<StudioEventDto> History,
    IReadOnlyList<AnnualReviewDto> Reviews, IReadOnlyList<StudioAction> Actions);
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
public sealed record AllianceDto(Guid Id, string Name, AllianceKind Kind, string? Description, Guid LeadStudioId, string LeadStudioName, DateTimeOffset CreatedAt);
public sealed record AllianceDetailDto(AllianceDto Alliance, IReadOnlyList<AllianceMemberView> Members, AllianceSpan Span);
public sealed record NeedDto(Guid Id, Guid? AllianceId, string Enterprise, string Title, string Problem, NeedStatus Status, DateTimeOffset PostedAt, string PostedBy, int Offers);
public sealed record NeedOfferDto(Guid StudioId, string StudioName, string? Note, DateTimeOffset At);
public sealed record NeedDetailDto(NeedDto Need, IReadOnlyList<NeedOfferDto> Offers);
public sealed record InstitutionDto(Guid Id, string Name, InstitutionKind Kind, bool IsDemonstrationPoint, string? DistrictCode);
public sealed record InstitutionsDto(int DemonstrationPoints, int DemonstrationPointsTarget, Slice<InstitutionDto> Institutions);
public sealed record CourseDto(Guid Id, Guid InstitutionId, string InstitutionName, string Title, DateOnly StartsOn, DateOnly EndsOn, int Hours, int Capacity, int Enrolled);
public sealed record EnrolmentDto(Guid Id, Guid CourseId, string CourseTitle, Guid MemberId, string MemberName, EnrolmentStatus Status, int AttendedHours,
    string? CertificateNo, DateTimeOffset EnrolledAt, DateTimeOffset? CompletedAt);
public sealed record AwardRulesDto(long PatentAmountFen, bool FrontLineOnly, bool MembersOnly, bool FirstInventorOnly, bool GrantWithinYear, bool InventionsOnly,
    IReadOnlyDictionary<StudioLevel, long> ProjectAmountFen, int ProjectMinExperts, int ProjectPassMark);

/// <summary>The innovation API under /api/v1/innovation: thin handlers over <see cref="StudioService"/> and <see cref="AwardService"/>.</summary>
internal static class InnovationEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/studios", Studios).RequireAuthorization(Permissions.InnovationRead);
        g.MapPost("/studios", Apply).RequireAuthorization(Permissions.InnovationEdit);
        g.MapGet("/studios/{id:guid}", Studio).RequireAuthorization(Permissions.InnovationRead);
        g.MapPost("/studios/{id:guid}/transitions", Transition).RequireAuthorization(Permissions.InnovationReview);
        g.MapPost("/studios/{id:guid}/reviews", Review).RequireAuthorization(Permissions.InnovationEdit);
        g.MapGet("/dashboard", Dashboard).RequireAuthorization(Permissions.InnovationRead);
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

    /// <summary>Alliances of studios and the supply-and-demand board (city-wide; callers bring in studios of their own subtree).</summary>
    public static void MapAlliances(RouteGroupBuilder g)
    {
        g.MapGet("/alliances", async Task<IResult> (AllianceKind? kind, string? q, string? after, string? before, int? limit, AllianceService s, CancellationToken ct) =>
        {
            var errors = new Api.Errors();
            if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
            return TypedResults.Ok((await s.AlliancesAsync(kind, q, request, ct)).Map(ToDto));
        }).RequireAuthorization(Permissions.InnovationRead);
        g.MapPost("/alliances", async (CreateAllianceRequest body, AllianceService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
        {
            var o = await s.CreateAsync(body, ct);
            return o.IsOk ? TypedResults.Created($"/api/v1/innovation/alliances/{o.Value!.Id}", ToDto(o.Value)) : (IResult)o.ToProblem(t);
        }).RequireAuthorization(Permissions.InnovationEdit);
        g.MapGet("/alliances/{id:guid}", async (Guid id, AllianceService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
            (await s.DetailAsync(id, ct)).ToHttpResult(d => TypedResults.Ok(ToDto(d)), t)).RequireAuthorization(Permissions.InnovationRead);
        g.MapPost("/alliances/{id:guid}/members", async (Guid id, JoinAllianceRequest body, AllianceService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
            (await s.JoinAsync(id, body, ct)).ToHttpResult(d => TypedResults.Ok(ToDto(d)), t)).RequireAuthorization(Permissions.InnovationEdit);
        g.MapGet("/needs", async Task<IResult> (NeedStatus? status, Guid? allianceId, string? after, string? before, int? limit, AllianceService s, CancellationToken ct) =>
        {
            var errors = new Api.Errors();
            if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
            return TypedResults.Ok((await s.NeedsAsync(status, allianceId, request, ct)).Map(ToDto));
        }).RequireAuthorization(Permissions.InnovationRead);
        g.MapPost("/needs", async (PostNeedRequest body, AllianceService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
        {
            var o = await s.PostNeedAsync(body, ct);
            return o.IsOk ? TypedResults.Created($"/api/v1/innovation/needs/{o.Value!.Id}", ToDto(o.Value)) : (IResult)o.ToProblem(t);
        }).RequireAuthorization(Permissions.InnovationEdit);
        g.MapGet("/needs/{id:guid}", async (Guid id, AllianceService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
            (await s.NeedAsync(id, ct)).ToHttpResult(d => TypedResults.Ok(ToDto(d)), t)).RequireAuthorization(Permissions.InnovationRead);
        g.MapPost("/needs/{id:guid}/offers", async (Guid id, OfferRequest body, AllianceService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
            (await s.OfferAsync(id, body, ct)).ToHttpResult(d => TypedResults.Ok(ToDto(d)), t)).RequireAuthorization(Permissions.InnovationEdit);
        g.MapPost("/needs/{id:guid}/close", async (Guid id, AllianceService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
            (await s.CloseNeedAsync(id, ct)).ToHttpResult(d => TypedResults.Ok(ToDto(d)), t)).RequireAuthorization(Permissions.InnovationEdit);
    }

    /// <summary>The training alliance: institutions (and demonstration points), courses, enrolment, attendance, certificates, a member's record.</summary>
    public static void MapTraining(RouteGroupBuilder g)
    {
        g.MapGet("/training/institutions", async Task<IResult> (string? after, string? before, int? limit, TrainingService s, CancellationToken ct) =>
        {
            var errors = new Api.Errors();
            if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
            return TypedResults.Ok(new InstitutionsDto(await s.DemonstrationPointsAsync(ct), TrainingRules.DemonstrationPointsTarget, (await s.InstitutionsAsync(request, ct)).Map(ToDto)));
        }).RequireAuthorization(Permissions.InnovationRead);
        g.MapPost("/training/institutions", async (CreateInstitutionRequest body, TrainingService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
        {
            var o = await s.CreateInstitutionAsync(body, ct);
            return o.IsOk ? TypedResults.Created($"/api/v1/innovation/training/institutions/{o.Value!.Id}", ToDto(o.Value)) : (IResult)o.ToProblem(t);
        }).RequireAuthorization(Permissions.InnovationEdit);
        g.MapGet("/training/courses", async Task<IResult> (Guid? institutionId, string? after, string? before, int? limit, TrainingService s, CancellationToken ct) =>
        {
            var errors = new Api.Errors();
            if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
            return TypedResults.Ok((await s.CoursesAsync(institutionId, request, ct)).Map(ToDto));
        }).RequireAuthorization(Permissions.InnovationRead);
        g.MapPost("/training/courses", async (CreateCourseRequest body, TrainingService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
        {
            var o = await s.CreateCourseAsync(body, ct);
            return o.IsOk ? TypedResults.Created($"/api/v1/innovation/training/courses/{o.Value!.Id}", ToDto(o.Value)) : (IResult)o.ToProblem(t);
        }).RequireAuthorization(Permissions.InnovationEdit);
        g.MapGet("/training/courses/{id:guid}/enrolments", async Task<IResult> (Guid id, TrainingService s, CancellationToken ct) =>
            await s.CourseAsync(id, ct) is null ? TypedResults.NotFound() : TypedResults.Ok((await s.EnrolmentsAsync(id, ct)).Select(ToDto).ToList()))
            .RequireAuthorization(Permissions.InnovationRead);
        g.MapPost("/training/courses/{id:guid}/enrolments", async (Guid id, EnrolRequest body, TrainingService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
            (await s.EnrolAsync(id, body, ct)).ToHttpResult(e => TypedResults.Ok(ToDto(e)), t)).RequireAuthorization(Permissions.InnovationEdit);
        g.MapPost("/training/enrolments/{id:guid}/attendance", async (Guid id, AttendRequest body, TrainingService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
            (await s.AttendAsync(id, body, ct)).ToHttpResult(e => TypedResults.Ok(ToDto(e)), t)).RequireAuthorization(Permissions.InnovationEdit);
        g.MapPost("/training/enrolments/{id:guid}/complete", async (Guid id, TrainingService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
            (await s.CompleteAsync(id, ct)).ToHttpResult(e => TypedResults.Ok(ToDto(e)), t)).RequireAuthorization(Permissions.InnovationEdit);
        g.MapGet("/training/members/{memberId:guid}", async (Guid memberId, TrainingService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
            (await s.RecordAsync(memberId, ct)).ToHttpResult(l => TypedResults.Ok(l.Select(ToDto).ToList()), t)).RequireAuthorization(Permissions.InnovationRead);
    }

    internal static InstitutionDto ToDto(TrainingInstitution i) => new(i.Id, i.Name, i.Kind, i.IsDemonstrationPoint, i.DistrictCode);
    internal static CourseDto ToDto(TrainingCourse c) => new(c.Id, c.InstitutionId, c.InstitutionName, c.Title, c.StartsOn, c.EndsOn, c.Hours, c.Capacity, c.Enrolled);
    internal static EnrolmentDto ToDto(TrainingEnrolment e) => new(e.Id, e.CourseId, e.CourseTitle, e.MemberId, e.MemberName, e.Status, e.AttendedHours, e.CertificateNo,
        e.EnrolledAt, e.CompletedAt);

    internal static AllianceDto ToDto(StudioAlliance a) => new(a.Id, a.Name, a.Kind, a.Description, a.LeadStudioId, a.LeadStudioName, a.CreatedAt);
    internal static AllianceDetailDto ToDto(AllianceDetail d) => new(ToDto(d.Alliance), d.Members, d.Span);
    internal static NeedDto ToDto(TechNeed n) => new(n.Id, n.AllianceId, n.Enterprise, n.Title, n.Problem, n.Status, n.PostedAt, n.PostedBy, n.Offers);
    internal static NeedDetailDto ToDto(NeedDetail d) => new(ToDto(d.Need), d.Offers.Select(o => new NeedOfferDto(o.StudioId, o.StudioName, o.Note, o.At)).ToList());

    // ---- DTOs ----

    internal static StudioDto ToDto(InnovationStudio s) => new(s.Id, s.Name, s.Kind, s.Level, s.Field, s.UnitId, s.DistrictCode, s.EnterpriseId, s.EnterpriseName,
        s.LeaderMemberId, s.LeaderName, s.TeamSize, s.Status, s.AppliedAt, s.PublicityEndsOn, s.RecognisedOn, s.Reason);

    internal static AnnualReviewDto ToDto(StudioAnnualReview r) => new(r.Id, r.Year, r.Patents, r.Projects, r.Trainees, r.EconomicBenefitFen, r.RecordedAt, r.RecordedBy);

    internal static StudioDetailDto ToDto(StudioDetail d) => new(ToDto(d.Studio), d.Team.Select(m => new StudioMemberDto(m.MemberId, m.Name, m.IsLeader)).ToList(),
        d.History.Select(e => new StudioEventDto(e.Action, e.To, e.At, e.Actor, e.Note)).ToList(), d.Reviews.Select(ToDto).ToList(), d.Actions);

    internal static PatentAwardDto ToDto(PatentAward a) => new(a.Id, a.PatentNumber, a.Title, a.GrantedOn, a.Employer, a.MemberId, a.InventorName, a.UnitId, a.StudioId,
        a.FrontLine, a.FirstInventor, a.Year, a.AmountFen, a.Status, a.FiledAt, a.FiledBy, a.DecidedAt, a.DecidedBy, a.RejectReason, a.PaidAt);

    internal static ProjectDto ToDto(InnovationProject p) => new(p.Id, p.StudioId, p.StudioName, p.StudioLevel, p.Year, p.Title, p.Summary, p.Status, p.ScoreCount,
        p.MeanScoreTenths is { } m ? m / 10m : null, p.AmountFen, p.SubmittedAt, p.SubmittedBy, p.DecidedAt, p.DecidedBy, p.RejectReason, p.PaidAt);

    internal static AwardRulesDto ToDto(AwardRuleBook r) => new(r.PatentAmountFen, r.PatentFrontLineOnly, r.PatentMembersOnly, r.PatentFirstInventorOnly,
        r.PatentGrantWithinYear, r.PatentInventionsOnly, r.ProjectAmountFen, r.ProjectMinExperts, r.ProjectPassMark);

    private static IResult Result(Outcome<PatentAward> o, IStringLocalizer<InnovationText> t) => o.ToHttpResult(a => TypedResults.Ok(ToDto(a)), t);
    private static IResult Result(Outcome<InnovationProject> o, IStringLocalizer<InnovationText> t) => o.ToHttpResult(p => TypedResults.Ok(ToDto(p)), t);

    /// <summary>For pages: the message of a failed use case; "not found" when it found nothing.</summary>
    internal static string Message<T>(Outcome<T> o, IStringLocalizer<InnovationText> t) => o.ErrorText(t, "notFound")!;

    // ---- studios ----

    public static async Task<IResult> Studios(StudioLevel? level, StudioStatus? status, StudioKind? kind, string? district, string? q, string? after, string? before,
        int? limit, StudioService svc, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        return TypedResults.Ok((await svc.ListAsync(new StudioFilter(level, status, kind, district, q), request, ct)).Map(ToDto));
    }

    public static async Task<IResult> Apply(ApplyStudioRequest body, StudioService svc, IStringLocalizer<InnovationText> t, CancellationToken ct)
    {
        var o = await svc.ApplyAsync(body, ct);
        return o.IsOk ? TypedResults.Created($"/api/v1/innovation/studios/{o.Value!.Id}", ToDto(o.Value)) : o.ToProblem(t);
    }

    public static async Task<IResult> Studio(Guid id, StudioService svc, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
        (await svc.DetailAsync(id, ct)).ToHttpResult(d => TypedResults.Ok(ToDto(d)), t);

    public static async Task<IResult> Transition(Guid id, StudioTransitionRequest body, StudioService svc, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
        (await svc.TransitionAsync(id, body, ct)).ToHttpResult(s => TypedResults.Ok(ToDto(s)), t);

    public static async Task<IResult> Review(Guid id, AnnualReviewRequest body, StudioService svc, IStringLocalizer<InnovationText> t, CancellationToken ct)
    {
        var o = await svc.ReviewAsync(id, body, ct);
        return o.IsOk ? TypedResults.Created($"/api/v1/innovation/studios/{id}", ToDto(o.Value!)) : o.ToProblem(t);
    }

    public static async Task<IResult> Dashboard(int? year, StudioService svc, CancellationToken ct)
    {
        if (year is < 2000 or > 2100) return new Api.Errors().Add("year", "year must be between 2000 and 2100.").Problem();
        return TypedResults.Ok(await svc.DashboardAsync(year, ct));
    }

    // ---- awards ----

    public static IResult CheckNumber(string number, IStringLocalizer<InnovationText> t)
    {
        var n = PatentNumber.Parse(number, out var error);
        return TypedResults.Ok(n is null ? new PatentNumberCheckDto(false, null, null, null, error, t[error!])
            : new PatentNumberCheckDto(true, n.Canonical, n.ApplicationYear, n.Kind, null, null));
    }

    public static async Task<IResult> Patents(AwardStatus? status, int? year, string? q, string? after, string? before, int? limit, AwardService svc, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        return TypedResults.Ok((await PatentListAsync(svc, status, year, q, request, ct)).Map(ToDto));
    }

    /// <summary>Patent awards in scope, newest filing first (keyset on (filed at, id)); q finds a patent number or an inventor's name.</summary>
    internal static async Task<Slice<PatentAward>> PatentListAsync(AwardService svc, AwardStatus? status, int? year, string? q, KeysetRequest request, CancellationToken ct)
    {
        var query = await svc.PatentsVisibleAsync(ct);
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

    public static async Task<IResult> Projects(AwardStatus? status, int? year, Guid? studioId, string? after, string? before, int? limit, AwardService svc, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        return TypedResults.Ok((await ProjectListAsync(svc, status, year, studioId, request, ct)).Map(ToDto));
    }

    /// <summary>Projects in scope, newest submission first (keyset on (submitted at, id)).</summary>
    internal static async Task<Slice<InnovationProject>> ProjectListAsync(AwardService svc, AwardStatus? status, int? year, Guid? studioId, KeysetRequest request, CancellationToken ct)
    {
        var query = await svc.ProjectsVisibleAsync(ct);
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
