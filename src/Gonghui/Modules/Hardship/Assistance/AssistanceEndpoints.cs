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

/// <summary>Assistance on a file: approve (<c>POST /files/{id}/assistance</c>) and pay through the ledger (<c>POST /assistance/{id}/pay</c>).</summary>
internal static class AssistanceEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/files/{id:guid}/assistance", Assist).RequireAuthorization(Permissions.HardshipEdit);
        g.MapPost("/assistance/{id:guid}/pay", Pay).RequireAuthorization(Permissions.HardshipPay);
    }

    private static async Task<Results<Ok<AssistanceView>, ValidationProblem, NotFound, ProblemHttpResult>> Assist(Guid id, AssistanceInput input, AssistanceHandlers s,
        IStringLocalizer<HardshipText> t, [FromHeader(Name = "Idempotency-Key")] string? key, CancellationToken ct) =>
        HardshipText.Http(await s.ApproveAssistanceAsync(id, input, key, ct), t);

    private static async Task<Results<Ok<AssistanceView>, ValidationProblem, NotFound, ProblemHttpResult>> Pay(Guid id, AssistanceHandlers s, IStringLocalizer<HardshipText> t, CancellationToken ct) =>
        HardshipText.Http(await s.PayAsync(id, ct), t);
}
