using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Innovation.Alliances;
using Gonghui.Modules.Innovation.Awards;
using Gonghui.Modules.Innovation.Rules;
using Gonghui.Modules.Innovation.Studios;
using Gonghui.Modules.Innovation.Training;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Innovation.Training;

public sealed record InstitutionDto(Guid Id, string Name, InstitutionKind Kind, bool IsDemonstrationPoint, string? DistrictCode);
public sealed record InstitutionsDto(int DemonstrationPoints, int DemonstrationPointsTarget, Slice<InstitutionDto> Institutions);
public sealed record CourseDto(Guid Id, Guid InstitutionId, string InstitutionName, string Title, DateOnly StartsOn, DateOnly EndsOn, int Hours, int Capacity, int Enrolled);
public sealed record EnrolmentDto(Guid Id, Guid CourseId, string CourseTitle, Guid MemberId, string MemberName, EnrolmentStatus Status, int AttendedHours,
    string? CertificateNo, DateTimeOffset EnrolledAt, DateTimeOffset? CompletedAt);

/// <summary>The training alliance under /api/v1/innovation; thin handlers over <see cref="TrainingService"/>.</summary>
internal static class TrainingEndpoints
{
    /// <summary>The training alliance: institutions (and demonstration points), courses, enrolment, attendance, certificates, a member's record.</summary>
    public static void Map(RouteGroupBuilder g)
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
        g.MapGet("/training/enrolments/{id:guid}/certificate.pdf", (Guid id, TrainingCertificates c, Gonghui.Platform.Printing.PdfPrinter p, CancellationToken ct) =>
            c.PdfAsync(id, false, p, ct)).RequireAuthorization(Permissions.InnovationRead);
    }

    internal static InstitutionDto ToDto(TrainingInstitution i) => new(i.Id, i.Name, i.Kind, i.IsDemonstrationPoint, i.DistrictCode);
    internal static CourseDto ToDto(TrainingCourse c) => new(c.Id, c.InstitutionId, c.InstitutionName, c.Title, c.StartsOn, c.EndsOn, c.Hours, c.Capacity, c.Enrolled);
    internal static EnrolmentDto ToDto(TrainingEnrolment e) => new(e.Id, e.CourseId, e.CourseTitle, e.MemberId, e.MemberName, e.Status, e.AttendedHours, e.CertificateNo,
        e.EnrolledAt, e.CompletedAt);
}
