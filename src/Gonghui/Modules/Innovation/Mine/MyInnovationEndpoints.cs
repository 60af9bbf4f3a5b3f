using Gonghui.Modules.Innovation.Training;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Printing;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Innovation.Mine;

public sealed record SelfEnrolRequest(Guid? CourseId);

/// <summary>A worker's own innovation under /api/v1/innovation/me (<see cref="Permissions.InnovationSelf"/>), their training certificates.</summary>
internal static class MyInnovationEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/me", async (MyInnovation s, CancellationToken ct) => TypedResults.Ok(await s.ViewAsync(ct))).RequireAuthorization(Permissions.InnovationSelf);
        g.MapPost("/me/enrolments", async (SelfEnrolRequest body, TrainingService s, IStringLocalizer<InnovationText> t, CancellationToken ct) =>
        {
            if (body.CourseId is not { } course) return (IResult)Outcome<TrainingEnrolment>.Invalid("courseId", "enrolment.course").ToProblem(t);
            var o = await s.EnrolSelfAsync(course, ct);
            return o.IsOk ? TypedResults.Created($"/api/v1/innovation/me", TrainingEndpoints.ToDto(o.Value!)) : o.ToProblem(t);
        }).RequireAuthorization(Permissions.InnovationSelf);
        g.MapGet("/me/enrolments/{id:guid}/certificate.pdf", (Guid id, TrainingCertificates c, PdfPrinter p, CancellationToken ct) => c.PdfAsync(id, true, p, ct))
            .RequireAuthorization(Permissions.InnovationSelf);
    }
}
