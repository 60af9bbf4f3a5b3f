using System.Text.RegularExpressions;
using Gonghui.Platform.Http;
using Gonghui.Platform.Text;
using Microsoft.Extensions.Localization;

namespace Gonghui.Platform.Printing;

/// <summary>A certificate as its issuing module has it on record: the holder's full name (only to check the code), what it certifies, who issued it and when.</summary>
public sealed record IssuedCertificate(string Number, string Holder, string Title, string Issuer, DateOnly IssuedOn);

/// <summary>
/// A module that prints certificates with a verification code registers one of these for its number prefix (<c>PX</c> training,
/// <c>JS</c> contest awards): it finds a certificate that is currently earned by its number, or answers null.
/// </summary>
public interface ICertificateRegister
{
    string Prefix { get; }
    Task<IssuedCertificate?> FindAsync(string number, CancellationToken ct);
}

/// <summary>What the public check shows of a valid certificate: never personal data beyond the masked name (张*, 王**).</summary>
public sealed record CertificateCheckView(bool Valid, string Number, string Holder, string Title, string Issuer, DateOnly IssuedOn);

/// <summary>
/// The public check of a certificate (证书验证): number and verification code in, valid with the minimal record out. A malformed
/// number or code is invalid input naming the field; an unknown number and a wrong code are the same "not valid" (so the check
/// does not tell which numbers exist), and a certificate no longer earned (a result withdrawn) is not valid either.
/// </summary>
public sealed partial class CertificateVerifier(IEnumerable<ICertificateRegister> registers, CertificateCodes codes)
{
    public const string NotValid = "certificate.notValid";

    [GeneratedRegex("^[A-Z]{2}[0-9A-Z]{4,28}$")]
    private static partial Regex NumberShape();

    /// <summary>The number as printed, upper case, without spaces or dashes; null when it cannot be a certificate number.</summary>
    public static string? NormaliseNumber(string? number)
    {
        var n = new string((number ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();
        return NumberShape().IsMatch(n) ? n : null;
    }

    /// <summary>Whether the code has the printed shape: 12 letters and digits (dashes and spaces ignored).</summary>
    public static bool CodeShaped(string? code) =>
        code is not null && code.Length <= 40 && code.Where(c => c != '-' && !char.IsWhiteSpace(c)).All(char.IsAsciiLetterOrDigit)
        && code.Count(char.IsAsciiLetterOrDigit) == 12;

    public async Task<Outcome<CertificateCheckView>> CheckAsync(string? number, string? code, CancellationToken ct)
    {
        var errors = new List<(string Field, string Code)>();
        var n = NormaliseNumber(number);
        if (n is null) errors.Add(("number", "certificate.number"));
        if (!CodeShaped(code)) errors.Add(("code", "certificate.code"));
        if (errors.Count > 0) return Outcome<CertificateCheckView>.Invalid(errors);
        var register = registers.FirstOrDefault(r => n!.StartsWith(r.Prefix, StringComparison.Ordinal));
        var found = register is null ? null : await register.FindAsync(n!, ct);
        if (found is null || !codes.Matches(found.Number, found.Holder, code)) return Outcome<CertificateCheckView>.NotFound();
        return Outcome<CertificateCheckView>.Ok(new CertificateCheckView(true, found.Number, PersonName.Mask(found.Holder), found.Title, found.Issuer, found.IssuedOn));
    }
}

/// <summary>Marker for the certificate check's UI strings (CertificateText.resx, zh-CN; CertificateText.en.resx).</summary>
public sealed class CertificateText;

public static class CertificateCheckEndpoints
{
    /// <summary><c>GET /api/v1/certificates/verify?number=&amp;code=</c>: anonymous and rate-limited (<see cref="PublicRateLimit"/>).</summary>
    public static IEndpointRouteBuilder MapCertificateChecks(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/certificates").WithTags("Certificates")
            .MapGet("/verify", Verify).AllowAnonymous().RequireRateLimiting(PublicRateLimit.Policy);
        return app;
    }

    /// <summary>200 valid with the masked record; 400 naming <c>number</c> or <c>code</c>; 404 <c>certificate.notValid</c>; 429 past the rate.</summary>
    public static async Task<IResult> Verify(string? number, string? code,
        CertificateVerifier verifier, IStringLocalizer<CertificateText> t, CancellationToken ct)
    {
        var o = await verifier.CheckAsync(number, code, ct);
        if (o.IsOk) return TypedResults.Ok(o.Value!);
        if (o.Kind == OutcomeKind.NotFound)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: t[CertificateVerifier.NotValid], detail: t["certificate.notValid.detail"],
                extensions: new Dictionary<string, object?> { ["code"] = CertificateVerifier.NotValid, ["valid"] = false });
        return o.ToProblem(t);
    }
}
