using Gonghui.Modules.Culture.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Printing;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Culture.Quiz;

/// <summary>A passed attempt as staff list it: whose, which unit, score, when, and the certificate's number.</summary>
public sealed record PassedAttempt(Guid AttemptId, string Holder, string UnitName, int Score, DateTimeOffset SubmittedAt, string CertificateNumber);

/// <summary>
/// The reading quiz's certificate (读书知识竞赛合格证书) as a PDF, through the platform's <see cref="CertificateCodes"/> and
/// <see cref="CertificatePdf"/> (the same piece as the training and contest certificates): a submitted attempt scoring at least
/// <see cref="QuizScoring.PassScore"/>, its number (<see cref="QuizScoring.CertificateNumber"/>) and a verification code over
/// number and holder. The participant prints their own; staff those of attempts counted for a unit of their subtree; any other
/// attempt is a 404, one not submitted or below the pass mark a 409 <c>certificate.notEarned</c>.
/// </summary>
public sealed class QuizCertificates(GonghuiDb db, CurrentUser me, CertificateCodes codes, IStringLocalizer<CultureText> L)
{
    public const string NotEarned = "certificate.notEarned";

    public async Task<Outcome<CertificateContent>> CertificateAsync(Guid attemptId, bool mine, CancellationToken ct)
    {
        var attempts = db.Set<QuizAttempt>().AsNoTracking().Where(a => a.Id == attemptId);
        if (mine)
        {
            var user = me.UserId ?? Guid.Empty;
            attempts = attempts.Where(a => a.UserId == user);
        }
        else attempts = attempts.InScope(await me.ScopePathAsync(ct), a => a.UnitPath);
        var row = await (from a in attempts
                         join q in db.Set<ReadingQuiz>() on a.QuizId equals q.Id
                         select new { a.Id, a.UserId, a.MemberId, a.SubmittedAt, a.Score, a.Correct, a.Drawn, q.Title }).FirstOrDefaultAsync(ct);
        if (row is null) return Outcome<CertificateContent>.NotFound();
        if (row.SubmittedAt is not { } submitted || !QuizScoring.Passed(row.Score)) return Outcome<CertificateContent>.Conflict(NotEarned);
        var holder = await HolderAsync(row.UserId, row.MemberId, ct);
        var on = BeijingTime.DateOf(submitted);
        var number = QuizScoring.CertificateNumber(row.Id, on.Year);
        var body = L["Certificate.Body", row.Title, row.Correct ?? 0, row.Drawn.Length / QuizAttempt.DrawnWidth, row.Score!.Value].Value;
        return Outcome<CertificateContent>.Ok(new CertificateContent(L["Certificate.Heading"], holder, body, L["Certificate.Issuer"], on, number,
            codes.CodeOf(number, holder), L["Certificate.Number"], L["Certificate.Code"], L["Certificate.Date"]));
    }

    public async Task<IResult> PdfAsync(Guid attemptId, bool mine, PdfPrinter printer, CancellationToken ct)
    {
        var o = await CertificateAsync(attemptId, mine, ct);
        if (!o.IsOk) return o.ToProblem(L);
        return await CertificatePdf.FileAsync(printer, o.Value!, $"certificate-{o.Value!.Number}.pdf", L["certificate.unavailable"], ct);
    }

    /// <summary>Staff: the passed attempts of a quiz counted for units in the caller's subtree, newest first (keyset on the attempt id).</summary>
    public async Task<Slice<PassedAttempt>> PassedAsync(Guid quizId, KeysetRequest request, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var query = db.Set<QuizAttempt>().AsNoTracking()
            .Where(a => a.QuizId == quizId && a.SubmittedAt != null && a.Score >= QuizScoring.PassScore).InScope(scope, a => a.UnitPath);
        var slice = await query.SliceAsync(request, a => a.Id, a => a.Id, descending: true,
            rows => from a in rows
                    join u in db.UnitRows() on a.UnitId equals u.Id into us
                    from u in us.DefaultIfEmpty()
                    join m in db.MemberRows() on a.MemberId equals m.Id into ms
                    from m in ms.DefaultIfEmpty()
                    join p in db.Set<AppUser>() on a.UserId equals p.Id into ps
                    from p in ps.DefaultIfEmpty()
                    select new PassedAttempt(a.Id, m != null ? m.Name : p != null ? p.DisplayName : "", u != null ? u.Name : "", a.Score ?? 0, a.SubmittedAt!.Value, ""),
            a => a.AttemptId, a => a.AttemptId, ct);
        return slice.Map(a => a with { CertificateNumber = QuizScoring.CertificateNumber(a.AttemptId, BeijingTime.DateOf(a.SubmittedAt).Year) });
    }

    private Task<string> HolderAsync(Guid userId, Guid? memberId, CancellationToken ct) => HolderOfAsync(db, userId, memberId, ct);

    /// <summary>The name on the certificate: the member's (registry), else the account's display name (a verified-phone participant).</summary>
    internal static async Task<string> HolderOfAsync(GonghuiDb db, Guid userId, Guid? memberId, CancellationToken ct)
    {
        if (memberId is { } m && await db.MemberRows().Where(x => x.Id == m).Select(x => x.Name).FirstOrDefaultAsync(ct) is { Length: > 0 } name) return name;
        return await db.Set<AppUser>().AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
    }
}

/// <summary>
/// The public check of quiz certificates (<c>YD…</c> numbers, <see cref="CertificateVerifier"/>): the number carries the attempt id's
/// millisecond stamp and 16 of its bits, so the attempts it can name are one short range of the primary key (UUIDv7 ids sort by
/// time on both engines); the one whose derived number matches, submitted and passed, is the certificate. Nothing is stored for it.
/// </summary>
internal sealed class QuizCertificateRegister(GonghuiDb db, IStringLocalizer<CultureText> L) : ICertificateRegister
{
    public string Prefix => "YD";

    public async Task<IssuedCertificate?> FindAsync(string number, CancellationToken ct)
    {
        // YD + year (4) + 16 hex: the id's 12 time digits, its 3 digits after the version, its digit after the variant's.
        if (number.Length != 22 || !number.Skip(6).All(c => c is (>= '0' and <= '9') or (>= 'A' and <= 'F'))) return null;
        var hex = number[6..];
        Guid Bound(char variant, char fill) => Guid.ParseExact(hex[..12] + "7" + hex[12..15] + variant + hex[15] + new string(fill, 14), "N");
        Guid low = Bound('8', '0'), high = Bound('b', 'f');
        var rows = await (from a in db.Set<QuizAttempt>().AsNoTracking()
                          where RowValue.GreaterThan(a.Id, a.Id, low, low) && RowValue.LessThan(a.Id, a.Id, high, high)
                                && a.SubmittedAt != null && a.Score >= QuizScoring.PassScore
                          join q in db.Set<ReadingQuiz>() on a.QuizId equals q.Id
                          select new { a.Id, a.UserId, a.MemberId, a.SubmittedAt, q.Title }).Take(50).ToListAsync(ct);
        foreach (var r in rows)
        {
            var on = BeijingTime.DateOf(r.SubmittedAt!.Value);
            if (QuizScoring.CertificateNumber(r.Id, on.Year) != number) continue;
            var holder = await QuizCertificates.HolderOfAsync(db, r.UserId, r.MemberId, ct);
            return new IssuedCertificate(number, holder, $"{L["Certificate.Heading"]} · {r.Title}", L["Certificate.Issuer"], on);
        }
        return null;
    }
}
