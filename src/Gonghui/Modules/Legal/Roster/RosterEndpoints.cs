using Gonghui.Modules.Legal.Rules;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Legal.Roster;

public sealed record FirmDto(Guid Id, string Name);
public sealed record LawyerDto(Guid Id, string Name, Guid? FirmId, string? FirmName, bool Mediator, bool ModelWorker, IReadOnlyList<string> Specialities,
    IReadOnlyList<string> Districts, int OpenCases, Guid? AccountId);
public sealed record RepresentationDto(Guid Id, Guid FirmId, string EmployerName);

internal static class RosterEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/lawyers", Lawyers).RequireAuthorization(Permissions.LegalRead);
        g.MapPost("/lawyers", AddLawyer).RequireAuthorization(Permissions.LegalRoster);
        g.MapGet("/lawyer-accounts", Accounts).RequireAuthorization(Permissions.LegalRoster);
        g.MapPut("/lawyers/{id:guid}/account", LinkAccount).RequireAuthorization(Permissions.LegalRoster);
        g.MapGet("/firms", Firms).RequireAuthorization(Permissions.LegalRead);
        g.MapPost("/firms", AddFirm).RequireAuthorization(Permissions.LegalRoster);
        g.MapPost("/firms/{id:guid}/representations", AddRepresentation).RequireAuthorization(Permissions.LegalRoster);
    }

    private static OutcomeText Text(IStringLocalizer<LegalText> t) => Cases.CaseEndpoints.Text(t);

    public static LawyerDto ToDto(LawyerRow r) => new(r.Lawyer.Id, r.Lawyer.Name, r.Lawyer.FirmId, r.FirmName, r.Lawyer.Mediator, r.Lawyer.ModelWorker,
        Split(r.Lawyer.Specialities), Split(r.Lawyer.Districts), r.OpenCases, r.Lawyer.AccountId);

    private static string[] Split(string s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static async Task<IResult> Lawyers(string? district, ClaimKind? speciality, RosterHandlers h, CancellationToken ct) =>
        TypedResults.Ok((await h.LawyersAsync(district, speciality, ct)).Select(ToDto).ToList());

    public static async Task<IResult> AddLawyer(LawyerInput body, RosterHandlers h, IStringLocalizer<LegalText> t, CancellationToken ct)
    {
        var o = await h.AddLawyerAsync(body, ct);
        if (!o.IsOk) return o.ToProblem(Text(t));
        return TypedResults.Created($"/api/v1/legal/lawyers/{o.Value!.Id}", ToDto(new LawyerRow(o.Value, null, 0)));
    }

    public static async Task<IResult> Accounts(RosterHandlers h, CancellationToken ct) => TypedResults.Ok(await h.AccountsAsync(ct));

    public static async Task<IResult> LinkAccount(Guid id, AccountLinkInput body, RosterHandlers h, IStringLocalizer<LegalText> t, CancellationToken ct) =>
        (await h.LinkAccountAsync(id, body, ct)).ToHttpResult(l => TypedResults.Ok(ToDto(new LawyerRow(l, null, 0))), Text(t));

    public static async Task<IResult> Firms(RosterHandlers h, CancellationToken ct) =>
        TypedResults.Ok((await h.FirmsAsync(ct)).Select(f => new FirmDto(f.Id, f.Name)).ToList());

    public static async Task<IResult> AddFirm(FirmInput body, RosterHandlers h, IStringLocalizer<LegalText> t, CancellationToken ct)
    {
        var o = await h.AddFirmAsync(body, ct);
        if (!o.IsOk) return o.ToProblem(Text(t));
        return TypedResults.Created($"/api/v1/legal/firms/{o.Value!.Id}", new FirmDto(o.Value.Id, o.Value.Name));
    }

    public static async Task<IResult> AddRepresentation(Guid id, RepresentationInput body, RosterHandlers h, IStringLocalizer<LegalText> t, CancellationToken ct) =>
        (await h.AddRepresentationAsync(id, body, ct)).ToHttpResult(r => TypedResults.Ok(new RepresentationDto(r.Id, r.FirmId, r.EmployerName)), Text(t));
}
