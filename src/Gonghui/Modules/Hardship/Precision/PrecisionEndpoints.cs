using System.Globalization;
using System.Text;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Gonghui.Modules.Hardship.Files;

namespace Gonghui.Modules.Hardship.Precision;

/// <summary>The precision evaluation under /api/v1/hardship/precision: draw the sample, judge it, read the report.</summary>
internal static class PrecisionEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/precision/sample", DrawSample).RequireAuthorization(Permissions.HardshipApprove);
        g.MapGet("/precision/sample", Sample);
        g.MapGet("/precision/sample/{id:guid}", SampledFile);
        g.MapPut("/precision/sample/{id:guid}", Judge).RequireAuthorization(Permissions.HardshipEvaluate);
        g.MapGet("/precision", Precision);
    }

    private static async Task<Results<Ok<List<SampleRow>>, ValidationProblem, NotFound, ProblemHttpResult>> DrawSample(SampleInput input, PrecisionHandlers s,
        IStringLocalizer<HardshipText> t, CancellationToken ct) => HardshipText.Http(await s.DrawSampleAsync(input, ct), t);

    private static async Task<Ok<List<SampleRow>>> Sample(int year, PrecisionHandlers s, CancellationToken ct) => TypedResults.Ok(await s.SampleAsync(year, ct));

    private static async Task<Results<Ok<FileDetail>, NotFound>> SampledFile(Guid id, PrecisionHandlers s, CancellationToken ct) =>
        await s.SampledFileAsync(id, ct) is { } d ? TypedResults.Ok(d) : TypedResults.NotFound();

    private static async Task<Results<Ok<SampleRow>, ValidationProblem, NotFound, ProblemHttpResult>> Judge(Guid id, VerdictInput input, PrecisionHandlers s,
        IStringLocalizer<HardshipText> t, CancellationToken ct) => HardshipText.Http(await s.JudgeAsync(id, input, ct), t);

    private static async Task<Ok<PrecisionReport>> Precision(int year, PrecisionHandlers s, CancellationToken ct) => TypedResults.Ok(await s.PrecisionAsync(year, ct));
}
