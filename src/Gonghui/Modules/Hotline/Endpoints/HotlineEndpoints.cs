using Gonghui.Platform.Calendars;
using Gonghui.Modules.Hotline.Attachments;
using Gonghui.Modules.Hotline.Deadlines;
using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Ids;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.Hotline.Endpoints;

public sealed record RequestDto(
    Guid Id, string TrackingCode, RequestState State, Channel Channel, string Category, string? SubCategory, Urgency Urgency,
    string Description, string? CallerName, string? PhoneMasked, Guid? EnterpriseId, string? EnterpriseName, string? DistrictCode,
    string? Address, double? Latitude, double? Longitude, DateTimeOffset ReceivedAt, DateTimeOffset ContactDueAt,
    DateTimeOffset UpdateDueAt, DateTimeOffset ResolutionDueAt, Guid? LeadUnitId, DateTimeOffset? ContactedAt, bool? ContactedInTime,
    DateTimeOffset? ResolvedAt, DateTimeOffset? ClosedAt, string? ResolutionNote, bool Overdue, int EscalationLevel, int TimesReopened,
    int ExtensionDays, int ExtensionRequestedDays, bool WaitingOnWorker, DateTimeOffset? VisitedAt, bool? VisitSolved,
    Satisfaction? VisitSatisfaction, int Version, IReadOnlyList<RequestAction> AllowedActions,
    Guid? MergedIntoId = null, int MergedCount = 0, DateTimeOffset? LastProgressAt = null, bool UpdateOverdue = false,
    bool DeadlineUncertain = false);

public sealed record EventDto(DateTimeOffset At, string Actor, string Action, RequestState? FromState, RequestState ToState, Guid? UnitId, string? Note);

public sealed record RequestDetailDto(RequestDto Request, IReadOnlyList<EventDto> Timeline, IReadOnlyList<Guid> CoUnitIds, DispatchSuggestion? Suggestion,
    IReadOnlyList<Attachments.AttachmentDto>? Attachments = null, IReadOnlyList<LinkDto>? Links = null, IReadOnlyList<MergedDto>? Merged = null, string? MergedIntoCode = null);

/// <summary>A duplicate merged into a request (listed on the primary).</summary>
public sealed record MergedDto(Guid Id, string TrackingCode, DateTimeOffset ReceivedAt, DateTimeOffset? MergedAt);

public sealed record RevealPhoneBody(string? Reason);
public sealed record RevealedPhoneDto(string TrackingCode, string Phone);
public sealed record TrackDto(string TrackingCode, RequestState State, string Category, DateTimeOffset ReceivedAt, DateTimeOffset? ResolvedAt, IReadOnlyList<EventDto> Timeline);

public sealed record ReportDto(ReportPeriod Period, DateOnly From, DateOnly To, int Received, int Resolved, int Overdue,
    IReadOnlyList<Count> ByCategory, IReadOnlyList<Count> ByChannel, IReadOnlyList<Count> ByDistrict, IReadOnlyList<Count> TopEnterprises,
    RatesReport Rates, IReadOnlyList<RequestDto> OverdueList);

public sealed record EnterpriseHit(Guid Id, string Name, string CreditCode, string DistrictCode);

internal static class HotlineEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/hotline").WithTags("Hotline");
        var staff = g.MapGroup("");
        g.MapPost("/requests", Create).RequireAuthorization(Permissions.HotlineIntake);
        g.MapGet("/requests", List).RequireAuthorization(Permissions.HotlineRead);
        g.MapGet("/requests/{id:guid}", Get).RequireAuthorization(Permissions.HotlineRead);
        staff.MapGet("/rates", Rates).RequireAuthorization(Permissions.HotlineSupervise);
        staff.MapGet("/callers", Callers).RequireAuthorization(Permissions.HotlineCallerLookup);
        staff.MapGet("/enterprises", Enterprises).RequireAuthorization(Permissions.HotlineWork);
        staff.MapGet("/alerts", Alerts).RequireAuthorization(Permissions.HotlineSupervise);
        g.MapGet("/categories", (CategoryTaxonomy t) => TypedResults.Ok(t.Top)).AllowAnonymous(); // the public portal's form
        g.MapPost("/requests/{id:guid}/phone/reveal", RevealPhone)
            .RequireAuthorization(Permissions.HotlineRevealPhone);
        g.MapGet("/phone-reveals", PhoneReveals)
            .RequireAuthorization(Permissions.HotlineSupervise);
        app.MapGet("/hotline/rates.xlsx", RatesXlsx).RequireAuthorization(Permissions.HotlineSupervise).WithTags("Hotline");
        app.MapGet("/hotline/reports.xlsx", ReportXlsx).RequireAuthorization(Permissions.HotlineSupervise).WithTags("Hotline");
        staff.MapGet("/reports", Report).RequireAuthorization(Permissions.HotlineSupervise);
        g.MapPost("/public/requests", PublicCreate).AllowAnonymous();
        g.MapGet("/public/track", Track).AllowAnonymous();
    }

    internal static RequestDto ToDto(HotlineRequest r, DateTimeOffset now, WorkCalendar calendar) => new(
        r.Id, r.TrackingCode, r.State, r.Channel, r.Category, r.SubCategory, r.Urgency, r.Description, r.CallerName, r.PhoneMasked,
        r.EnterpriseId, r.EnterpriseName, r.DistrictCode, r.Address, r.Latitude, r.Longitude, r.ReceivedAt, r.ContactDueAt, r.UpdateDueAt,
        r.ResolutionDueAt, r.LeadUnitId, r.ContactedAt, r.ContactedInTime, r.ResolvedAt, r.ClosedAt, r.ResolutionNote, r.Overdue,
        r.EscalationLevel, r.TimesReopened, r.ExtensionDays, r.ExtensionRequestedDays, r.PausedSince is not null, r.VisitedAt, r.VisitSolved,
        r.VisitSatisfaction, r.Version, RequestStateMachine.AllowedFrom(r.State).ToList(),
        r.MergedIntoId, r.MergedCount, r.LastProgressAt, r.IsUpdateOverdueAt(now), !calendar.Covers(r.ReceivedAt, r.ResolutionDueAt));

    public static async Task<Results<Created<RequestDto>, ValidationProblem>> Create(FileRequestBody body, HotlineService svc, CurrentUser me, TimeProvider clock, IStringLocalizer<HotlineText> t, CancellationToken ct)
    {
        var channel = me.IsInRole(Roles.Worker) ? Channel.Portal : body.Channel ?? Channel.Api;
        var o = await svc.FileAsync(body, channel, ct);
        if (!o.IsOk) return o.ToErrors(t).Problem();  // filing refuses only bad input
        return TypedResults.Created($"/api/v1/hotline/requests/{o.Value!.Id}", ToDto(o.Value, clock.GetUtcNow(), svc.Calendar));
    }

    public static async Task<Results<Ok<TrackDto>, ValidationProblem>> PublicCreate(FileRequestBody body, HotlineService svc, IStringLocalizer<HotlineText> t, CancellationToken ct)
    {
        var o = await svc.FileAsync(body with { Channel = Channel.Portal }, Channel.Portal, ct);
        if (!o.IsOk) return o.ToErrors(t).Problem();
        var r = o.Value!;
        return TypedResults.Ok(new TrackDto(r.TrackingCode, r.State, r.Category, r.ReceivedAt, null, []));
    }

    /// <summary>Reveals the caller's phone of a request in scope with a reason: 200 {phone}, 400 reason, 404 out of scope, 409 no phone.</summary>
    public static async Task<Results<Ok<RevealedPhoneDto>, ValidationProblem, NotFound, ProblemHttpResult>> RevealPhone(Guid id, RevealPhoneBody? body, HotlineService svc, IStringLocalizer<HotlineText> t, CancellationToken ct)
    {
        var (o, phone) = await svc.RevealPhoneAsync(id, body?.Reason, ct);
        return o.ToHttpResult(r => TypedResults.Ok(new RevealedPhoneDto(r.TrackingCode, phone!)), t);
    }

    /// <summary>The latest phone reveals on requests in the caller's scope (supervisors: district and federation staff, auditors).</summary>
    public static async Task<Results<Ok<List<PhoneRevealView>>, ValidationProblem>> PhoneReveals(int? take, HotlineService svc, CancellationToken ct)
    {
        if (take is < 1 or > 500) return new Api.Errors().Add("take", "take must be between 1 and 500.").Problem();
        return TypedResults.Ok(await svc.RevealsAsync(take ?? 100, ct));
    }

    public static async Task<Results<Ok<TrackDto>, NotFound>> Track(string? code, string? phone, GonghuiDb db, HotlineService svc, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || !MobilePhone.TryParse(phone, out var p)) return TypedResults.NotFound();
        var hash = svc.HashPhone(p);
        var r = await db.Set<HotlineRequest>().AsNoTracking().FirstOrDefaultAsync(x => x.TrackingCode == code.Trim().ToUpperInvariant() && x.PhoneHash == hash, ct);
        if (r is null) return TypedResults.NotFound();
        var events = await db.Set<HotlineRequestEvent>().AsNoTracking().Where(e => e.RequestId == r.Id && e.Action != HotlineService.RevealPhoneAction).OrderBy(e => e.Id).ToListAsync(ct);
        // The public timeline names the stage, not the staff member.
        return TypedResults.Ok(new TrackDto(r.TrackingCode, r.State, r.Category, r.ReceivedAt, r.ResolvedAt,
            events.Select(e => new EventDto(e.At, "", e.Action, e.FromState, e.ToState, null, null)).ToList()));
    }

    /// <summary>Requests in scope, newest first (keyset on (received at, id)).</summary>
    public static async Task<Results<Ok<Slice<RequestDto>>, ValidationProblem>> List(
        HotlineService svc, TimeProvider clock, RequestState? status, string? category, Guid? unitId, bool? overdue, string? q,
        string? after, string? before, int? limit, CancellationToken ct, string? due = null, DateOnly? from = null, DateOnly? to = null, Guid? unit = null)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        if (!string.IsNullOrEmpty(due) && due != DueToday) return errors.Add("due", "due must be 'today'.").Problem();
        // The report's drill-down (issue 19): hotline.requests counts by the received time, in the unit's subtree.
        var drill = await svc.DrillAsync(from, to, unit, errors, ct);
        if (drill is null) return errors.Problem();
        var now = clock.GetUtcNow();
        var parts = (await svc.VisiblePartsAsync(ct)).Select(p => Drill(Filter(p.AsNoTracking(), status, category, unitId, overdue, due, q, now, clock), drill)).ToList();
        var slice = await parts.SliceAsync(request, r => r.ReceivedAt, r => r.Id, descending: true, rows => rows, r => r.ReceivedAt, r => r.Id, ct);
        return TypedResults.Ok(slice.Map(x => ToDto(x, now, svc.Calendar)));
    }

    private static IQueryable<HotlineRequest> Drill(IQueryable<HotlineRequest> query, DrillFilter drill)
    {
        if (drill.FromUtc is { } f) query = query.Where(r => r.ReceivedAt >= f);
        if (drill.ToUtc is { } t) query = query.Where(r => r.ReceivedAt < t);
        if (drill.UnitPath is { } path) query = query.InScope(path, r => r.ScopePath, r => r.ScopeDistrict);
        return query;
    }

    private static IQueryable<HotlineRequest> Filter(IQueryable<HotlineRequest> query, RequestState? status, string? category, Guid? unitId, bool? overdue,
        string? due, string? q, DateTimeOffset now, TimeProvider clock)
    {
        if (status is { } s) query = query.Where(r => r.State == s);
        if (!string.IsNullOrWhiteSpace(category)) query = query.Where(r => r.Category == category);
        if (unitId is { } u) query = query.Where(r => r.LeadUnitId == u);
        if (overdue == true) query = WhereOverdue(query, now);
        if (due == DueToday) query = WhereDueToday(query, clock);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var t = q.Trim();
            query = query.Where(r => r.TrackingCode == t.ToUpper() || r.Description.Contains(t) || (r.EnterpriseName != null && r.EnterpriseName.Contains(t)));
        }
        return query;
    }

    /// <summary>The value of <c>?due=</c> that lists the open requests whose contact or resolution deadline falls later today (Beijing).</summary>
    public const string DueToday = "today";

    private static readonly RequestState[] OpenStates = [RequestState.Dispatched, RequestState.Accepted, RequestState.Contacted, RequestState.Reopened, RequestState.Escalated];

    /// <summary>Requests past a deadline (contact, resolution or progress update), or marked overdue by the scanner: <c>?overdue=true</c> and the home count.</summary>
    public static IQueryable<HotlineRequest> WhereOverdue(IQueryable<HotlineRequest> query, DateTimeOffset now)
    {
        var open = OpenStates;
        return query.Where(r => r.Overdue || (open.Contains(r.State) && r.PausedSince == null && ((r.ContactedAt == null && r.ContactDueAt < now) || r.ResolutionDueAt < now || r.UpdateDueAt < now)));
    }

    /// <summary>Open, running requests not yet overdue whose contact (if not yet made) or resolution deadline is between now and the end of today (Beijing): <c>?due=today</c>.</summary>
    public static IQueryable<HotlineRequest> WhereDueToday(IQueryable<HotlineRequest> query, TimeProvider clock)
    {
        var open = OpenStates;
        var now = clock.GetUtcNow();
        var end = BeijingTime.EndOfDayUtc(BeijingTime.Today(clock));
        return query.Where(r => !r.Overdue && open.Contains(r.State) && r.PausedSince == null
            && ((r.ContactedAt == null && r.ContactDueAt >= now && r.ContactDueAt < end) || (r.ResolutionDueAt >= now && r.ResolutionDueAt < end)));
    }

    public static async Task<Results<Ok<RequestDetailDto>, NotFound>> Get(Guid id, HotlineService svc, GonghuiDb db, TimeProvider clock, CancellationToken ct)
    {
        var r = await svc.FindVisibleAsync(id, ct);
        if (r is null) return TypedResults.NotFound();
        return TypedResults.Ok(await DetailAsync(r, svc, db, clock.GetUtcNow(), ct));
    }

    internal static async Task<RequestDetailDto> DetailAsync(HotlineRequest r, HotlineService svc, GonghuiDb db, DateTimeOffset now, CancellationToken ct)
    {
        var staff = svc.Me.IsStaff;
        // Phone reveals are for staff (the supervisor sees them on the timeline), not for the worker's own view.
        var events = await db.Set<HotlineRequestEvent>().AsNoTracking().Where(e => e.RequestId == r.Id && (staff || e.Action != HotlineService.RevealPhoneAction))
            .OrderBy(e => e.Id).ToListAsync(ct);
        var co = await db.Set<HotlineCoUnit>().AsNoTracking().Where(c => c.RequestId == r.Id).Select(c => c.UnitId).ToListAsync(ct);
        var suggestion = r.State is RequestState.Received or RequestState.Returned && svc.IsAgent ? await svc.SuggestAsync(r, ct) : null;
        var more = await DetailPartsAsync(r, svc, db, ct);
        return new(ToDto(r, now, svc.Calendar), events.Select(e => new EventDto(e.At, e.Actor, e.Action, e.FromState, e.ToState, e.UnitId, e.Note)).ToList(), co, suggestion,
            more.Attachments, more.Links, more.Merged, more.MergedIntoCode);
    }

    public static async Task<Results<Ok<RatesReport>, ValidationProblem, NotFound>> Rates(
        DateTimeOffset? from, DateTimeOffset? to, Guid? unitId, HotlineRates rates, CurrentUser me, TimeProvider clock, GonghuiDb db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var f = (from ?? BeijingTime.StartOfYearUtc(BeijingTime.DateOf(now).Year)).ToUniversalTime();
        var t = (to ?? now.AddSeconds(1)).ToUniversalTime();
        if (t <= f) return new Api.Errors().Add("to", "to must be after from.").Problem();
        var scope = await me.ScopePathAsync(ct);
        if (unitId is { } u && !await db.UnitRows().InScope(scope, x => x.Path).AnyAsync(x => x.Id == u, ct)) return TypedResults.NotFound();
        return TypedResults.Ok(await rates.ComputeAsync(f, t, scope, unitId, ct));
    }

    /// <summary>The rates and ranking as a spreadsheet (MiniExcel, streamed): one sheet per level.</summary>
    public static async Task<IResult> RatesXlsx(DateOnly? from, DateOnly? to, HotlineRates rates, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var today = BeijingTime.Today(clock);
        var f = from ?? new DateOnly(today.Year, 1, 1);
        var t = to ?? today;
        var report = await rates.ComputeAsync(BeijingTime.StartOfDayUtc(f),
            BeijingTime.EndOfDayUtc(t), await me.ScopePathAsync(ct), null, ct);
        static IEnumerable<Dictionary<string, object>> Rows(IEnumerable<UnitRate> rs) => rs.Select(u => new Dictionary<string, object>
        {
            ["名次 Rank"] = u.Rank, ["单位 Unit"] = u.UnitName, ["有效回访 Valid visits"] = u.ValidVisits, ["响应率 Response"] = u.ResponseRate,
            ["解决率 Resolution"] = u.ResolutionRate, ["满意率 Satisfaction"] = u.SatisfactionRate, ["综合得分 Score"] = u.Score,
        });
        var sheets = new Dictionary<string, object> { ["units"] = Rows(report.Units).ToList(), ["districts"] = Rows(report.Districts).ToList() };
        var ms = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(ms, sheets, cancellationToken: ct);
        ms.Position = 0;
        return Results.File(ms, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"hotline-rates-{f:yyyyMMdd}-{t:yyyyMMdd}.xlsx");
    }

    public static async Task<Ok<ReportDto>> Report(ReportPeriod? period, DateOnly? date, HotlineReports reports, DeadlinePolicy policy, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var r = await reports.BuildAsync(period ?? ReportPeriod.Week, date ?? BeijingTime.Today(clock), await me.ScopePathAsync(ct), ct);
        return TypedResults.Ok(new ReportDto(r.Period, r.From, r.To, r.Received, r.Resolved, r.Overdue, r.ByCategory, r.ByChannel, r.ByDistrict, r.TopEnterprises, r.Rates, r.OverdueList.Select(x => ToDto(x, clock.GetUtcNow(), policy.Calendar)).ToList()));
    }

    /// <summary>The summary as a spreadsheet: a sheet per table.</summary>
    public static async Task<IResult> ReportXlsx(ReportPeriod? period, DateOnly? date, HotlineReports reports, CategoryTaxonomy taxonomy, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var r = await reports.BuildAsync(period ?? ReportPeriod.Week, date ?? BeijingTime.Today(clock), await me.ScopePathAsync(ct), ct);
        static List<Dictionary<string, object>> Rows(IEnumerable<Count> cs, Func<string, string> name) => cs.Select(c => new Dictionary<string, object> { ["项目 Item"] = name(c.Key), ["件数 Count"] = c.N }).ToList();
        var sheets = new Dictionary<string, object>
        {
            ["summary"] = new List<Dictionary<string, object>> { new() { ["周期 Period"] = r.Period.ToString(), ["起 From"] = r.From.ToString("yyyy-MM-dd"), ["止 To"] = r.To.AddDays(-1).ToString("yyyy-MM-dd"), ["受理 Received"] = r.Received, ["办结 Resolved"] = r.Resolved, ["超期 Overdue"] = r.Overdue, ["综合得分 Score"] = r.Rates.City.Score } },
            ["categories"] = Rows(r.ByCategory, k => taxonomy.Name(k)),
            ["channels"] = Rows(r.ByChannel, k => k),
            ["districts"] = Rows(r.ByDistrict, k => k),
            ["enterprises"] = Rows(r.TopEnterprises, k => k),
            ["rates"] = r.Rates.Units.Select(u => new Dictionary<string, object> { ["名次 Rank"] = u.Rank, ["单位 Unit"] = u.UnitName, ["有效回访 Visits"] = u.ValidVisits, ["响应率 Response"] = u.ResponseRate, ["解决率 Resolution"] = u.ResolutionRate, ["满意率 Satisfaction"] = u.SatisfactionRate, ["综合得分 Score"] = u.Score }).ToList(),
            ["overdue"] = r.OverdueList.Select(x => new Dictionary<string, object> { ["查询码 Code"] = x.TrackingCode, ["受理 Received"] = BeijingTime.Format(x.ReceivedAt), ["类别 Category"] = taxonomy.Name(x.Category), ["状态 State"] = x.State.ToString() }).ToList(),
        };
        var ms = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(ms, sheets, cancellationToken: ct);
        ms.Position = 0;
        return Results.File(ms, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"hotline-{r.Period.ToString().ToLowerInvariant()}-{r.From:yyyyMMdd}.xlsx");
    }

    /// <summary>The caller's earlier requests, by the keyed hash of the phone (agents only).</summary>
    public static async Task<Results<Ok<List<RequestDto>>, ValidationProblem>> Callers(string? phone, HotlineService svc, GonghuiDb db, TimeProvider clock, CancellationToken ct)
    {
        if (!MobilePhone.TryParse(phone, out var p)) return new Api.Errors().Add("phone", "phone must be a mainland mobile number.").Problem();
        var hash = svc.HashPhone(p);
        var list = await (await svc.VisibleAsync(ct)).AsNoTracking().Where(r => r.PhoneHash == hash).OrderByDescending(r => r.ReceivedAt).Take(20).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(list.Select(x => ToDto(x, now, svc.Calendar)).ToList());
    }

    public static async Task<Ok<List<EnterpriseHit>>> Enterprises(string? q, GonghuiDb db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Trim().Length < 2) return TypedResults.Ok(new List<EnterpriseHit>());
        var t = q.Trim();
        var hits = await db.EnterpriseRows().Where(e => e.Name.Contains(t) || e.CreditCode == t.ToUpper())
            .OrderBy(e => e.Name).Take(10).Select(e => new EnterpriseHit(e.Id, e.Name, e.CreditCode, e.DistrictCode)).ToListAsync(ct);
        return TypedResults.Ok(hits);
    }

    public static async Task<Ok<List<HotlineAlert>>> Alerts(GonghuiDb db, CurrentUser me, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        return TypedResults.Ok(await db.Set<HotlineAlert>().AsNoTracking().InScope(scope, a => a.ScopePath).OrderByDescending(a => a.RaisedAt).Take(100).ToListAsync(ct));
    }

    internal sealed record DetailParts(List<AttachmentDto> Attachments, List<LinkDto> Links, List<MergedDto> Merged, string? MergedIntoCode);

    internal static async Task<DetailParts> DetailPartsAsync(HotlineRequest r, HotlineService svc, GonghuiDb db, CancellationToken ct)
    {
        var attachments = (await db.Set<HotlineAttachment>().AsNoTracking().Where(a => a.RequestId == r.Id).OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).ToListAsync(ct))
            .Select(HotlineAttachments.ToDto).ToList();
        var links = new List<LinkDto>();
        if (svc.Me.IsStaff)
        {
            var scope = await svc.Me.ScopePathAsync(ct);
            links = (await db.Set<HotlineLink>().AsNoTracking().WhereScoped(l => l.RequestId == r.Id && (l.TargetPath == null || ScopeFilter.Covers(scope, l.TargetPath)))
                .OrderBy(l => l.LinkedAt).ToListAsync(ct)).Select(HotlineLinks.ToDto).ToList();
        }
        var merged = r.MergedCount == 0 ? [] : await db.Set<HotlineRequest>().AsNoTracking().Where(x => x.MergedIntoId == r.Id).OrderBy(x => x.ReceivedAt)
            .Select(x => new MergedDto(x.Id, x.TrackingCode, x.ReceivedAt, x.ClosedAt)).ToListAsync(ct);
        var into = r.MergedIntoId is { } p ? await db.Set<HotlineRequest>().AsNoTracking().Where(x => x.Id == p).Select(x => x.TrackingCode).FirstOrDefaultAsync(ct) : null;
        return new(attachments, links, merged, into);
    }

}
