using Gonghui.Modules.Innovation.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Printing;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Innovation.Training;

/// <summary>
/// The training certificate (培训结业证书) as a PDF: an enrolment completed at ≥ 80% attendance, its number (<c>PX</c> + year + ten
/// hex digits) and a verification code over number and name (<see cref="CertificateCodes"/>). Staff print those of their
/// subtree; a worker their own; anything else is a 404, an enrolment without a certificate a 409.
/// </summary>
internal sealed class TrainingCertificates(GonghuiDb db, TrainingService training, CertificateCodes codes, IStringLocalizer<InnovationText> L)
{
    public async Task<Outcome<CertificateContent>> CertificateAsync(Guid enrolmentId, bool mine, CancellationToken ct)
    {
        var e = mine ? await training.MyEnrolmentAsync(enrolmentId, ct) : await training.EnrolmentInScopeAsync(enrolmentId, ct);
        if (e is null) return Outcome<CertificateContent>.NotFound();
        if (e.Status != EnrolmentStatus.Completed || e.CertificateNo is null || e.CompletedAt is null) return Outcome<CertificateContent>.Conflict("certificate.notEarned");
        var course = await db.Set<TrainingCourse>().AsNoTracking().FirstAsync(c => c.Id == e.CourseId, ct);
        var body = L["Certificate.Body", course.StartsOn.ToString("yyyy-MM-dd"), course.EndsOn.ToString("yyyy-MM-dd"), course.InstitutionName, course.Title,
            course.Hours, e.AttendedHours, TrainingRules.AttendancePercent(e.AttendedHours, course.Hours)].Value;
        return Outcome<CertificateContent>.Ok(new CertificateContent(L["Certificate.Heading"], e.MemberName, body, L["Certificate.Issuer", course.InstitutionName],
            BeijingTime.DateOf(e.CompletedAt.Value), e.CertificateNo, codes.CodeOf(e.CertificateNo, e.MemberName), L["Certificate.Number"], L["Certificate.Code"],
            L["Certificate.Date"]));
    }

    public async Task<IResult> PdfAsync(Guid enrolmentId, bool mine, PdfPrinter printer, CancellationToken ct)
    {
        var o = await CertificateAsync(enrolmentId, mine, ct);
        if (!o.IsOk) return o.ToProblem(L);
        return await CertificatePdf.FileAsync(printer, o.Value!, $"certificate-{o.Value!.Number}.pdf", L["certificate.unavailable"], ct);
    }
}

/// <summary>Training certificates (<c>PX…</c>) for the public check: a completed enrolment holding the number (a unique index).</summary>
internal sealed class TrainingCertificateRegister(GonghuiDb db, IStringLocalizer<InnovationText> L) : ICertificateRegister
{
    public string Prefix => "PX";

    public async Task<IssuedCertificate?> FindAsync(string number, CancellationToken ct)
    {
        var e = await db.Set<TrainingEnrolment>().AsNoTracking()
            .Where(x => x.CertificateNo == number && x.Status == EnrolmentStatus.Completed && x.CompletedAt != null)
            .Join(db.Set<TrainingCourse>(), x => x.CourseId, c => c.Id, (x, c) => new { x.CertificateNo, x.MemberName, x.CompletedAt, c.Title, c.InstitutionName })
            .FirstOrDefaultAsync(ct);
        return e is null ? null : new IssuedCertificate(e.CertificateNo!, e.MemberName, $"{L["Certificate.Heading"]} · {e.Title}",
            L["Certificate.Issuer", e.InstitutionName], BeijingTime.DateOf(e.CompletedAt!.Value));
    }
}
