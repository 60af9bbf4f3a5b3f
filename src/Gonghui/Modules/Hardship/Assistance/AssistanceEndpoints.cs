using System.Globalization;
using System.Text;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Hardship.Assistance;

/// <summary>
/// Assistance on a file: approve (<c>POST /files/{id}/assistance</c>) and pay through the ledger (<c>POST /assistance/{id}/pay</c>); the list of
/// the records in scope (<c>GET /assistance</c>, the report's drill-down).
/// </summary>
internal static class AssistanceEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/files/{id:guid}/assistance", Assist).RequireAuthorization(Permissions.HardshipEdit);
        g.MapPost("/assistance/{id:guid}/pay", Pay).RequireAuthorization(Permissions.HardshipPay);
        g.MapGet("/assistance", List);
    }

    /// <summary>The assistance records in scope, newest assistance date first, with the report's drill-down filters and a type; bad filters are 400s naming the field.</summary>
    private static async Task<Results<Ok<Slice<AssistanceRow>>, ValidationProblem>> List(DateOnly? from, DateOnly? to, Guid? unit, string? type, string? after,
        string? before, int? limit, AssistanceList list, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit ?? AssistanceList.PageSize, errors, out var request)) return errors.Problem();
        var filter = await list.FilterAsync(from, to, unit, type, errors, ct);
        if (filter is null) return errors.Problem();
        return TypedResults.Ok(await list.ListAsync(filter, request, ct));
    }

    private static async Task<Results<Ok<AssistanceView>, ValidationProblem, NotFound, ProblemHttpResult>> Assist(Guid id, AssistanceInput input, AssistanceHandlers s,
        IStringLocalizer<HardshipText> t, [FromHeader(Name = "Idempotency-Key")] string? key, CancellationToken ct) =>
        HardshipText.Http(await s.ApproveAssistanceAsync(id, input, key, ct), t);

    private static async Task<Results<Ok<AssistanceView>, ValidationProblem, NotFound, ProblemHttpResult>> Pay(Guid id, AssistanceHandlers s, IStringLocalizer<HardshipText> t, CancellationToken ct) =>
        HardshipText.Http(await s.PayAsync(id, ct), t);
}
