using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Platform.Passes;

/// <summary>The stable codes of a refused member pass (keys of <see cref="PassText"/>; <see cref="PassText.Words"/> words them).</summary>
public static class PassCodes
{
    /// <summary>The field a pass error names when the caller names none.</summary>
    public const string Field = "pass";
    public const string Malformed = "pass.malformed";
    public const string Forged = "pass.forged";
    public const string Expired = "pass.expired";
    public const string Replayed = "pass.replayed";
    public const string NoMember = "pass.noMember";
}

/// <summary>A member pass that verified: whose it is, until when it was valid, and its single-use nonce.</summary>
public sealed record VerifiedPass(Guid MemberId, DateTimeOffset ExpiresAt, string Nonce);

/// <summary>A freshly issued pass: the token the QR code carries and when it stops being accepted.</summary>
public sealed record IssuedPass(string Token, DateTimeOffset ExpiresAt);

/// <summary>
/// Signs and checks member-pass tokens (HMAC-SHA256 under a key derived from the platform's hash key, which lives in
/// configuration or the data folder's keys.json, never in the database or the source). A token is
/// base64url(version 1 | member id 16 | expiry unix seconds 8 | nonce 12 | HMAC-SHA256 of the 37 bytes before, 32):
/// 92 characters, small enough for a QR code a till scanner reads at a glance. It carries the member's row id, never a
/// card or resident-ID number. Pure: no database; <see cref="MemberPasses"/> adds the single-use consume.
/// </summary>
public sealed class MemberPassSigner(byte[] key, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);
    private const byte Version = 1;
    private const int SignedLength = 1 + 16 + 8 + 12;
    private const int TokenBytes = SignedLength + 32;
    private const int TokenChars = (TokenBytes * 4 + 2) / 3; // unpadded base64url: 92
    private static readonly System.Buffers.SearchValues<char> Alphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
    /// <summary>The HKDF purpose under which the pass key is derived from the platform's hash key.</summary>
    public const string KeyPurpose = "gonghui.member-pass.v1";

    public MemberPassSigner(PersonalDataProtector keys, TimeProvider clock) : this(keys.DeriveKey(KeyPurpose), clock) { }

    public IssuedPass Issue(Guid memberId)
    {
        // Whole seconds: the expiry in the token is what Verify compares with, so the answer shows the same instant.
        var now = clock.GetUtcNow();
        var expires = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()).Add(Lifetime);
        Span<byte> bytes = stackalloc byte[TokenBytes];
        bytes[0] = Version;
        memberId.TryWriteBytes(bytes.Slice(1, 16), bigEndian: true, out _);
        BinaryPrimitives.WriteInt64BigEndian(bytes.Slice(17, 8), expires.ToUnixTimeSeconds());
        RandomNumberGenerator.Fill(bytes.Slice(25, 12));
        HMACSHA256.HashData(key, bytes[..SignedLength], bytes[SignedLength..]);
        return new IssuedPass(Base64Url.EncodeToString(bytes), expires);
    }

    /// <summary>Malformed (not a pass at all), forged (not signed by this platform's key, or altered), expired (60 s after
    /// issue), or the member, expiry and nonce it carries. Checks in that order, in constant time for the signature.</summary>
    public Outcome<VerifiedPass> Verify(string? token, string field = PassCodes.Field)
    {
        // The decoder throws on characters outside the alphabet: the shape is checked first (every pass has 92 characters).
        var text = (token ?? "").AsSpan().Trim();
        Span<byte> bytes = stackalloc byte[TokenBytes];
        if (text.Length != TokenChars || text.ContainsAnyExcept(Alphabet)
            || !Base64Url.TryDecodeFromChars(text, bytes, out var n) || n != TokenBytes || bytes[0] != Version)
            return Outcome<VerifiedPass>.Invalid(field, PassCodes.Malformed);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, bytes[..SignedLength], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac, bytes.Slice(SignedLength, 32)))
            return Outcome<VerifiedPass>.Invalid(field, PassCodes.Forged);
        var expires = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(bytes.Slice(17, 8)));
        if (clock.GetUtcNow() >= expires) return Outcome<VerifiedPass>.Invalid(field, PassCodes.Expired);
        var member = new Guid(bytes.Slice(1, 16), bigEndian: true);
        return Outcome<VerifiedPass>.Ok(new VerifiedPass(member, expires, Base64Url.EncodeToString(bytes.Slice(25, 12))));
    }
}

/// <summary>A pass nonce already used (table <c>platform_pass_nonces</c>): the primary key makes a second use impossible,
/// on any node, under any concurrency. Rows are pruned after the pass expired (<see cref="PassNoncePurge"/>).</summary>
public sealed class PassNonce
{
    private PassNonce() { }
    public string Nonce { get; private set; } = "";
    public Guid MemberId { get; private set; }
    /// <summary>What consumed it ("member-card.redeem", "services.sign-in", …).</summary>
    public string Purpose { get; private set; } = "";
    /// <summary>Unix seconds (an integer, so that both engines compare it in SQL).</summary>
    public long ExpiresAt { get; private set; }
    public long UsedAt { get; private set; }

    internal static void Configure(ModelBuilder b) => b.Entity<PassNonce>(e =>
    {
        e.ToTable("platform_pass_nonces");
        e.HasKey(x => x.Nonce);
        e.Property(x => x.Nonce).HasMaxLength(16);
        e.Property(x => x.Purpose).HasMaxLength(60);
        e.HasIndex(x => x.ExpiresAt);
        e.HasIndex(x => new { x.MemberId, x.UsedAt });
    });
}

/// <summary>
/// The member pass (会员码), the platform's one dynamic member QR code: <see cref="IssueAsync"/> for the member's own page,
/// <see cref="Verify"/> to read a scanned code, and <see cref="ConsumeAsync"/> to use it once (a replay is refused).
/// Consume writes its nonce through the request's <see cref="GonghuiDb"/>: inside the caller's transaction it commits or
/// rolls back with the caller's own rows, so a refused redemption or sign-in leaves the pass usable and nothing half-written.
/// </summary>
public sealed class MemberPasses(MemberPassSigner signer, GonghuiDb db, TimeProvider clock)
{
    public Task<IssuedPass> IssueAsync(Guid memberId, CancellationToken ct = default) => Task.FromResult(signer.Issue(memberId));

    public Outcome<VerifiedPass> Verify(string? token, string field = PassCodes.Field) => signer.Verify(token, field);

    /// <summary>Verifies the pass and checks that it has not been used yet (a read: the pass is not used up). A taker answers a
    /// replayed pass as replayed before looking at anything else; <see cref="ConsumeAsync"/> still decides under concurrency.</summary>
    public async Task<Outcome<VerifiedPass>> VerifyUnusedAsync(string? token, string field = PassCodes.Field, CancellationToken ct = default)
    {
        var verified = signer.Verify(token, field);
        if (!verified.IsOk) return verified;
        var nonce = verified.Value!.Nonce;
        return await db.Set<PassNonce>().AsNoTracking().AnyAsync(n => n.Nonce == nonce, ct) ? Outcome<VerifiedPass>.Conflict(PassCodes.Replayed) : verified;
    }

    /// <summary>Verifies and uses the pass once: a second consume of the same token (or a concurrent twin) is refused with
    /// <see cref="PassCodes.Replayed"/> (409). Uses an insert that skips a duplicate key (no exception, so a PostgreSQL
    /// transaction around it stays usable).</summary>
    public async Task<Outcome<VerifiedPass>> ConsumeAsync(string? token, string purpose, string field = PassCodes.Field, CancellationToken ct = default)
    {
        var verified = signer.Verify(token, field);
        if (!verified.IsOk) return verified;
        var p = verified.Value!;
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var expires = p.ExpiresAt.ToUnixTimeSeconds();
        var purposeText = purpose.Length > 60 ? purpose[..60] : purpose;
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO platform_pass_nonces (nonce, member_id, purpose, expires_at, used_at) VALUES ({p.Nonce}, {p.MemberId}, {purposeText}, {expires}, {now}) ON CONFLICT (nonce) DO NOTHING", ct);
        return inserted == 1 ? verified : Outcome<VerifiedPass>.Conflict(PassCodes.Replayed);
    }

    /// <summary>The QR code of a token as a PNG data URI (the pages' CSP admits data: images).</summary>
    public static string QrDataUri(string token)
    {
        var png = QRCoder.PngByteQRCodeHelper.GetQRCode(token, QRCoder.QRCodeGenerator.ECCLevel.M, 8);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}

/// <summary>Deletes used nonces of passes expired more than <see cref="Grace"/> ago: an expired pass is refused before its
/// nonce is looked at, so the table holds only the last minutes' scans.</summary>
public sealed class PassNoncePurge(IServiceScopeFactory scopes, TimeProvider clock, ILogger<PassNoncePurge> log) : BackgroundService
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);
    public static TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);

    public async Task<int> RunOnceAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var before = (now - Grace).ToUnixTimeSeconds();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
        return await db.Set<PassNonce>().Where(n => n.ExpiresAt < before).ExecuteDeleteAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                var n = await RunOnceAsync(clock.GetUtcNow(), ct);
                if (n > 0) log.LogInformation("Purged {Count} used member-pass nonces", n);
            }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "Purging member-pass nonces failed; will retry"); }
        }
    }
}
