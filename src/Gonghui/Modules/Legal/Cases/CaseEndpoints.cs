using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Legal.Rules;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Legal.Cases;

public sealed record ClaimDto(Guid Id, ClaimKind Kind, long ClaimedFen, long? RecoveredFen, string? OverClaimReason);
public sealed record LimitationEventDto(Guid Id, LimitationEventKind Kind, DateOnly On, DateOnly? Until, string? Note);
public sealed record DeadlineDto(string Code, string Name, string Source, DateOnly From, DateOnly Due, DeadlineUrgency Urgency, bool Estimated);
public sealed record LimitationDto(LimitationState State, DateOnly? Expires, int? RemainingDaysWhenSuspended, IReadOnlyList<string> Steps);
public sealed record CaseDto(Guid Id, string Number, CaseType Type, CaseChannel Channel, string District, string Summary, string WorkerName, string? WorkerPhoneMasked,
    int Workers, string EmployerName, string? EmployerCreditCode, string? Industry, DateOnly ReceivedOn, DateOnly KnewOn, DateOnly? EmploymentEndedOn,
    DateOnly? MediationAppliedOn, DateOnly? MediationEndedOn, DateOnly? ArbitrationAppliedOn, DateOnly? AcceptedOn, bool ExtensionApproved, DateOnly? AwardedOn,
    DateOnly? ClosedOn, DateOnly? NextDue, string? NextDueCode, Guid? LawyerId, CaseDisposition? Outcome, string? OutcomeNote, int? Satisfaction, bool? ClosedInTime,
    long ClaimedFen, long RecoveredFen, Guid? HotlineRequestId);
public sealed record CaseDetailDto(CaseDto Case, IReadOnlyList<ClaimDto> Claims, IReadOnlyList<LimitationEventDto> LimitationEvents,
    IReadOnlyList<DeadlineDto> Deadlines, LimitationDto Limitation, string? LawyerName);
public sealed record AssignInput(Guid? LawyerId);

/// <summary>A case as its lawyer sees it in "my cases".</summary>
public sealed record MyCaseDto(Guid Id, string Number, CaseType Type, string District, string WorkerName, int Workers, string EmployerName, DateOnly ReceivedOn,
    DateOnly? NextDue, string? NextDueCode, DateOnly? ClosedOn, CaseDisposition? Outcome, long ClaimedFen, long RecoveredFen);

internal static class CaseEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/cases", List).RequireAuthorization(Permissions.LegalRead);
        g.MapPost("/cases", Open).RequireAuthorization(Permissions.LegalWork);
        g.MapGet("/cases/{id:guid}", Get).RequireAuthorization(Permissions.LegalRead);
        g.MapPut("/cases/{id:guid}/steps", Steps).RequireAuthorization(Permissions.LegalWork);
        g.MapPost("/cases/{id:guid}/assign", Assign).RequireAuthorization(Permissions.LegalWork);
        g.MapPost("/cases/{id:guid}/close", Close).RequireAuthorization(Permissions.LegalWork);
        g.MapGet("/mine", Mine).RequireAuthorization(Permissions.SelfService);
        g.MapGet("/my-cases", MyCases).RequireAuthorization(Permissions.LegalMine);
        g.MapGet("/stats", Stats).RequireAuthorization(Permissions.LegalRead);
    }

    /// <summary>A lawyer's or mediator's own cases with their next deadlines (no worker's phone: the lawyer reaches the worker through the union).</summary>
    public static async Task<IResult> MyCases(CaseHandlers h, CancellationToken ct) =>
        TypedResults.Ok((await h.AssignedToMeAsync(ct)).Select(c => new MyCaseDto(c.Id, c.Number, c.Type, c.District, c.WorkerName, c.Workers, c.EmployerName, c.ReceivedOn,
            c.NextDue, c.NextDueCode, c.ClosedOn, c.Outcome, c.ClaimedFen, c.RecoveredFen)).ToList());

    internal static OutcomeText Text(IStringLocalizer<LegalText> t) => (code, args) => t["Error." + code, [.. args.Select(a => a ?? "")]].Value;

    public static CaseDto ToDto(LegalCase c) => new(c.Id, c.Number, c.Type, c.Channel, c.District, c.Summary, c.WorkerName, c.WorkerPhoneMasked, c.Workers,
        c.EmployerName, c.EmployerCreditCode, c.Industry, c.ReceivedOn, c.KnewOn, c.EmploymentEndedOn, c.MediationAppliedOn, c.MediationEndedOn,
        c.ArbitrationAppliedOn, c.AcceptedOn, c.ExtensionApproved, c.AwardedOn, c.ClosedOn, c.NextDue, c.NextDueCode, c.LawyerId, c.Outcome, c.OutcomeNote,
        c.Satisfaction, c.ClosedInTime, c.ClaimedFen, c.RecoveredFen, c.HotlineRequestId);

    public static CaseDetailDto ToDto(CaseView v, DateOnly today, Gonghui.Platform.Calendars.WorkCalendar calendar, IStringLocalizer<LegalText> t) => new(
        ToDto(v.Case),
        v.Claims.Select(x => new ClaimDto(x.Id, x.Kind, x.ClaimedFen, x.RecoveredFen, x.OverClaimReason)).ToList(),
        v.Events.Select(e => new LimitationEventDto(e.Id, e.Kind, e.On, e.Until, e.Note)).ToList(),
        v.Deadlines.Select(d => new DeadlineDto(d.Period.Code, t["Period." + d.Period.Code], d.Period.Source, d.From, d.Due,
            StatutoryClocks.Urgency(d.Due, today, calendar), d.Estimated)).ToList(),
        new LimitationDto(v.Limitation.State, v.Limitation.Expires, v.Limitation.RemainingDaysWhenSuspended, v.Limitation.Steps),
        v.LawyerName);

    public static async Task<IResult> List(CaseType? type, bool? open, ClaimKind? claim, Guid? lawyerId, string? q, string? order, string? after, string? before, int? limit,
        DateOnly? from, DateOnly? to, Guid? unit, CaseHandlers h, IStringLocalizer<LegalText> t, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        var byDeadline = order switch { null or "" or "newest" => false, "deadline" => true, _ => (bool?)null };
        if (byDeadline is null) { errors.Add("order", t["Error.order-invalid"]); return errors.Problem(); }
        var drill = await h.DrillAsync(from, to, unit, errors, ct);
        if (drill is null) return errors.Problem();
        var slice = await h.ListAsync(new CaseFilter(type, open, claim, lawyerId, q, byDeadline.Value, drill), request, ct);
        return TypedResults.Ok(slice.Map(ToDto));
    }

    public static async Task<IResult> Open(OpenCaseInput body, CaseHandlers h, IStringLocalizer<LegalText> t, CancellationToken ct)
    {
        var o = await h.OpenAsync(body, ct);
        if (!o.IsOk) return o.ToProblem(Text(t));
        return TypedResults.Created($"/api/v1/legal/cases/{o.Value!.Id}", ToDto(o.Value));
    }

    public static async Task<IResult> Get(Guid id, CaseHandlers h, Gonghui.Platform.Calendars.CalendarService calendars, IStringLocalizer<LegalText> t, CancellationToken ct) =>
        await h.GetAsync(id, ct) is { } v ? TypedResults.Ok(ToDto(v, h.Today, calendars.Current, t)) : TypedResults.NotFound();

    public static async Task<IResult> Steps(Guid id, StepsInput body, CaseHandlers h, Gonghui.Platform.Calendars.CalendarService calendars, IStringLocalizer<LegalText> t, CancellationToken ct) =>
        (await h.UpdateStepsAsync(id, body, ct)).ToHttpResult(v => TypedResults.Ok(ToDto(v, h.Today, calendars.Current, t)), Text(t));

    public static async Task<IResult> Assign(Guid id, AssignInput body, CaseHandlers h, Gonghui.Platform.Calendars.CalendarService calendars, IStringLocalizer<LegalText> t, CancellationToken ct) =>
        (await h.AssignAsync(id, body.LawyerId, ct)).ToHttpResult(v => TypedResults.Ok(ToDto(v, h.Today, calendars.Current, t)), Text(t));

    public static async Task<IResult> Close(Guid id, CloseCaseInput body, CaseHandlers h, Gonghui.Platform.Calendars.CalendarService calendars, IStringLocalizer<LegalText> t, CancellationToken ct) =>
        (await h.CloseAsync(id, body, ct)).ToHttpResult(v => TypedResults.Ok(ToDto(v, h.Today, calendars.Current, t)), Text(t));

    /// <summary>A worker's own cases and each one's next step.</summary>
    public static async Task<IResult> Mine(string? after, string? before, int? limit, CaseHandlers h, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        return TypedResults.Ok((await h.ListAsync(new CaseFilter(), request, ct)).Map(ToDto));
    }

    public static async Task<IResult> Stats(int? year, CaseHandlers h, IStringLocalizer<LegalText> t, CancellationToken ct)
    {
        var y = year ?? h.Today.Year;
        if (y is < 2000 or > 2100) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = [t["Error.year-invalid"]] });
        return TypedResults.Ok(await h.StatsAsync(y, ct));
    }
}
