using System.Security.Cryptography;
using System.Text;
using Gonghui.Platform.Security;

namespace Gonghui.Platform.Printing;

/// <summary>
/// What a printed certificate says, in the issuing module's words: its title, holder, body, issuer and date, its number and
/// the verification code, and the labels of those two fields.
/// </summary>
public sealed record CertificateContent(string Title, string Holder, string Body, string Issuer, DateOnly IssuedOn, string Number, string VerificationCode,
    string NumberLabel, string CodeLabel, string DateLabel);

/// <summary>
/// Verification codes of printed certificates (training, contest awards): 12 Crockford base-32 characters of
/// HMAC-SHA256(number, holder) under a key derived from the platform's hash key (purpose <see cref="KeyPurpose"/>), shown as
/// XXXX-XXXX-XXXX. Anyone holding the certificate can have it checked against the record; an altered number or name, or a
/// made-up certificate, does not match, and no code is stored.
/// </summary>
public sealed class CertificateCodes
{
    public const string KeyPurpose = "gonghui:certificate-code:v1";
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private readonly byte[] _key;

    public CertificateCodes(PersonalDataProtector keys) : this(keys.DeriveKey(KeyPurpose)) { }

    public CertificateCodes(byte[] key) => _key = key;

    public string CodeOf(string number, string holder)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(number.Trim() + "\n" + holder.Trim()));
        var bits = BitConverter.ToUInt64(mac, 0);
        var sb = new StringBuilder(14);
        for (var i = 0; i < 12; i++)
        {
            if (i is 4 or 8) sb.Append('-');
            sb.Append(Alphabet[(int)(bits & 31)]);
            bits >>= 5;
        }
        return sb.ToString();
    }

    /// <summary>True when <paramref name="code"/> is the code of this number and holder (case, spaces and dashes ignored; O→0, I/L→1).</summary>
    public bool Matches(string number, string holder, string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return false;
        static string Norm(string s) => new(s.ToUpperInvariant().Where(char.IsLetterOrDigit).Select(c => c switch { 'O' => '0', 'I' or 'L' => '1', _ => c }).ToArray());
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Norm(CodeOf(number, holder))), Encoding.ASCII.GetBytes(Norm(code)));
    }
}

/// <summary>Prints a certificate to PDF (<see cref="CertificateDocument"/> through <see cref="PdfPrinter"/>) as a file result, or a 503 when printing is unavailable.</summary>
public static class CertificatePdf
{
    public static async Task<IResult> FileAsync(PdfPrinter printer, CertificateContent content, string fileName, string unavailableTitle, CancellationToken ct)
    {
        try
        {
            var html = await printer.RenderHtmlAsync<CertificateDocument>(new Dictionary<string, object?> { [nameof(CertificateDocument.Content)] = content });
            return Results.File(await printer.PrintAsync(html, ct), "application/pdf", fileName);
        }
        catch (PrintUnavailableException e)
        {
            return TypedResults.Problem(title: unavailableTitle, detail: e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
