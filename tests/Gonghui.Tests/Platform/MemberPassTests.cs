using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Passes;
using Gonghui.Platform.Security;
using Gonghui.Tests.Hotline;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Gonghui.Tests.Platform;

/// <summary>The member pass's token on its own: signed, 60 seconds, and each failure named.</summary>
public sealed class MemberPassSignerTests
{
    private static readonly byte[] Key = Enumerable.Range(7, 32).Select(i => (byte)i).ToArray();
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 23, 30, 0, TimeSpan.Zero);

    [Fact]
    public void An_issued_pass_verifies_to_its_member_and_expires_60_seconds_later()
    {
        var clock = new ManualClock(Start.AddMilliseconds(400));
        var signer = new MemberPassSigner(Key, clock);
        var member = Guid.CreateVersion7();
        var pass = signer.Issue(member);
        Assert.Equal(Start.AddSeconds(60), pass.ExpiresAt);
        Assert.Equal(92, pass.Token.Length);
        Assert.DoesNotContain(member.ToString("N"), pass.Token, StringComparison.OrdinalIgnoreCase);
        var ok = signer.Verify(pass.Token);
        Assert.True(ok.IsOk);
        Assert.Equal(member, ok.Value!.MemberId);
        Assert.Equal(pass.ExpiresAt, ok.Value.ExpiresAt);

        clock.Set(Start.AddSeconds(59.9));
        Assert.True(signer.Verify(pass.Token).IsOk);
        clock.Set(Start.AddSeconds(60));
        var expired = signer.Verify(pass.Token, "passToken");
        Assert.Equal(OutcomeKind.Invalid, expired.Kind);
        Assert.Equal([PassCodes.Expired], expired.Errors!["passToken"]);
    }

    [Fact]
    public void Two_passes_of_one_member_carry_different_nonces()
    {
        var signer = new MemberPassSigner(Key, new ManualClock(Start));
        var member = Guid.CreateVersion7();
        var a = signer.Verify(signer.Issue(member).Token).Value!;
        var b = signer.Verify(signer.Issue(member).Token).Value!;
        Assert.NotEqual(a.Nonce, b.Nonce);
        Assert.Equal(16, a.Nonce.Length);
    }

    [Fact]
    public void An_altered_pass_or_one_signed_with_another_key_is_forged()
    {
        var clock = new ManualClock(Start);
        var signer = new MemberPassSigner(Key, clock);
        var token = signer.Issue(Guid.CreateVersion7()).Token;
        var bytes = Base64Url.DecodeFromChars(token);
        foreach (var at in new[] { 3, 20, 30, 40, 68 })
        {
            var altered = (byte[])bytes.Clone();
            altered[at] ^= 0x01;
            Assert.Equal([PassCodes.Forged], signer.Verify(Base64Url.EncodeToString(altered)).Errors![PassCodes.Field]);
        }
        // Another member's id with the first signature: forged too (a member cannot pass as another).
        var other = (byte[])bytes.Clone();
        Guid.CreateVersion7().TryWriteBytes(other.AsSpan(1, 16), bigEndian: true, out _);
        Assert.Equal([PassCodes.Forged], signer.Verify(Base64Url.EncodeToString(other)).Errors![PassCodes.Field]);
        var foreign = new MemberPassSigner(Enumerable.Repeat((byte)9, 32).ToArray(), clock).Issue(Guid.CreateVersion7()).Token;
        Assert.Equal([PassCodes.Forged], signer.Verify(foreign).Errors![PassCodes.Field]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("110101199003071234")]
    [InlineData("not base64 at all!!")]
    [InlineData("AAAA")]
    public void What_is_not_a_pass_is_malformed(string? token)
    {
        var signer = new MemberPassSigner(Key, new ManualClock(Start));
        var o = signer.Verify(token);
        Assert.Equal(OutcomeKind.Invalid, o.Kind);
        Assert.Equal([PassCodes.Malformed], o.Errors![PassCodes.Field]);
    }

    [Fact]
    public void A_pass_of_another_version_or_length_is_malformed()
    {
        var signer = new MemberPassSigner(Key, new ManualClock(Start));
        var bytes = Base64Url.DecodeFromChars(signer.Issue(Guid.CreateVersion7()).Token);
        var v2 = (byte[])bytes.Clone();
        v2[0] = 2;
        Assert.Equal([PassCodes.Malformed], signer.Verify(Base64Url.EncodeToString(v2)).Errors![PassCodes.Field]);
        Assert.Equal([PassCodes.Malformed], signer.Verify(Base64Url.EncodeToString(bytes.AsSpan(0, 68))).Errors![PassCodes.Field]);
        Assert.Equal([PassCodes.Malformed], signer.Verify(Base64Url.EncodeToString([.. bytes, 0])).Errors![PassCodes.Field]);
    }

    [Fact]
    public void The_key_comes_from_the_platform_keys_so_two_nodes_with_one_configuration_agree()
    {
        var hashKey = Enumerable.Range(101, 32).Select(i => (byte)i).ToArray();
        var encKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var clock = new ManualClock(Start);
        var nodeA = new MemberPassSigner(new PersonalDataProtector(encKey, hashKey), clock);
        var nodeB = new MemberPassSigner(new PersonalDataProtector(encKey, hashKey), clock);
        var otherSite = new MemberPassSigner(new PersonalDataProtector(encKey, encKey), clock);
        var token = nodeA.Issue(Guid.CreateVersion7()).Token;
        Assert.True(nodeB.Verify(token).IsOk);
        Assert.Equal([PassCodes.Forged], otherSite.Verify(token).Errors![PassCodes.Field]);
    }
}

/// <summary>Single use of a member pass on both engines: a replay is refused, concurrent consumes give exactly one, old nonces are pruned.</summary>
public abstract class MemberPassTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private async Task<T> InScope<T>(Func<IServiceProvider, Task<T>> f)
    {
        using var scope = app.Services.CreateScope();
        return await f(scope.ServiceProvider);
    }

    private Task<string> TokenAsync(Guid member) =>
        InScope(async sp => (await sp.GetRequiredService<MemberPasses>().IssueAsync(member)).Token);

    private Task<Outcome<VerifiedPass>> ConsumeAsync(string token, string purpose = "test.consume") =>
        InScope(sp => sp.GetRequiredService<MemberPasses>().ConsumeAsync(token, purpose));

    [Fact]
    public async Task A_pass_is_used_once_and_a_replay_is_refused()
    {
        var member = Guid.CreateVersion7();
        var token = await TokenAsync(member);
        var first = await ConsumeAsync(token, "test.once");
        Assert.True(first.IsOk);
        Assert.Equal(member, first.Value!.MemberId);
        var again = await ConsumeAsync(token, "test.once");
        Assert.Equal(OutcomeKind.Conflict, again.Kind);
        Assert.Equal(PassCodes.Replayed, again.Code);
        var row = await app.WithDbAsync(db => db.Set<PassNonce>().AsNoTracking().SingleAsync(n => n.Nonce == first.Value.Nonce));
        Assert.Equal(member, row.MemberId);
        Assert.Equal("test.once", row.Purpose);
        Assert.Equal(first.Value.ExpiresAt.ToUnixTimeSeconds(), row.ExpiresAt);
        // Verifying alone does not use it up; but it reads as valid until expiry, so takers must consume.
        Assert.True(await InScope(sp => Task.FromResult(sp.GetRequiredService<MemberPasses>().Verify(token).IsOk)));
    }

    [Fact]
    public async Task Fifty_concurrent_consumes_of_one_pass_give_exactly_one()
    {
        var member = Guid.CreateVersion7();
        var token = await TokenAsync(member);
        using var go = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, 50).Select(_ => Task.Run(async () => { go.Wait(); return await ConsumeAsync(token, "test.race"); })).ToArray();
        go.Set();
        var results = await Task.WhenAll(tasks);
        Assert.Equal(1, results.Count(r => r.IsOk));
        Assert.Equal(49, results.Count(r => r.Kind == OutcomeKind.Conflict && r.Code == PassCodes.Replayed));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<PassNonce>().CountAsync(n => n.MemberId == member)));
    }

    [Fact]
    public async Task An_expired_forged_or_malformed_pass_writes_nothing()
    {
        var member = Guid.CreateVersion7();
        var hashKey = Enumerable.Range(101, 32).Select(i => (byte)i).ToArray(); // GonghuiApp's configured hash key
        var past = new ManualClock(DateTimeOffset.UtcNow.AddMinutes(-2));
        var old = new MemberPassSigner(new PersonalDataProtector(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), hashKey), past).Issue(member).Token;
        var forged = new MemberPassSigner(new byte[32], TimeProvider.System).Issue(member).Token;
        Assert.Equal([PassCodes.Expired], (await ConsumeAsync(old)).Errors![PassCodes.Field]);
        Assert.Equal([PassCodes.Forged], (await ConsumeAsync(forged)).Errors![PassCodes.Field]);
        Assert.Equal([PassCodes.Malformed], (await ConsumeAsync("garbage")).Errors![PassCodes.Field]);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<PassNonce>().CountAsync(n => n.MemberId == member)));
    }

    [Fact]
    public async Task A_consume_in_a_transaction_that_rolls_back_leaves_the_pass_usable()
    {
        var member = Guid.CreateVersion7();
        var token = await TokenAsync(member);
        await InScope(async sp =>
        {
            var db = sp.GetRequiredService<GonghuiDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            Assert.True((await sp.GetRequiredService<MemberPasses>().ConsumeAsync(token, "test.rollback")).IsOk);
            // Within the same transaction a second use is already refused.
            Assert.Equal(PassCodes.Replayed, (await sp.GetRequiredService<MemberPasses>().ConsumeAsync(token, "test.rollback")).Code);
            await tx.RollbackAsync();
            return 0;
        });
        Assert.True((await ConsumeAsync(token)).IsOk);
    }

    [Fact]
    public async Task The_purge_removes_nonces_of_passes_expired_minutes_ago_and_keeps_fresh_ones()
    {
        var member = Guid.CreateVersion7();
        var hashKey = Enumerable.Range(101, 32).Select(i => (byte)i).ToArray();
        var keys = new PersonalDataProtector(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), hashKey);
        var past = new ManualClock(DateTimeOffset.UtcNow.AddHours(-1));
        var oldNonce = await InScope(async sp =>
        {
            var passes = new MemberPasses(new MemberPassSigner(keys, past), sp.GetRequiredService<GonghuiDb>(), past);
            var token = (await passes.IssueAsync(member)).Token;
            return (await passes.ConsumeAsync(token, "test.purge")).Value!.Nonce;
        });
        var fresh = (await ConsumeAsync(await TokenAsync(member), "test.purge")).Value!.Nonce;
        var purged = await app.Services.GetRequiredService<PassNoncePurge>().RunOnceAsync(DateTimeOffset.UtcNow);
        Assert.True(purged >= 1);
        var left = await app.WithDbAsync(db => db.Set<PassNonce>().Where(n => n.MemberId == member).Select(n => n.Nonce).ToListAsync());
        Assert.Equal([fresh], left);
        Assert.NotEqual(oldNonce, fresh);
    }

    [Fact]
    public async Task A_worker_gets_their_own_pass_and_QR_and_an_account_without_a_member_is_told_why()
    {
        var worker = await app.ClientAsync("worker");
        var res = await worker.GetAsync("/api/v1/passes/mine");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var pass = await res.Content.ReadFromJsonAsync<MyPass>(Json.Options);
        Assert.StartsWith("data:image/png;base64,", pass!.Qr);
        var expected = await app.WithDbAsync(db => db.Set<AppUser>().Where(u => u.UserName == "worker").Select(u => u.MemberId).SingleAsync());
        var verified = await InScope(sp => Task.FromResult(sp.GetRequiredService<MemberPasses>().Verify(pass.Token)));
        Assert.Equal(expected, verified.Value!.MemberId);
        Assert.InRange(pass.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(55), TimeSpan.FromSeconds(61));

        var admin = await app.ClientAsync("admin");
        var none = await admin.GetAsync("/api/v1/passes/mine");
        Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode); // staff hold no self-service permission
        var anonymous = await app.CreateClient().GetAsync("/api/v1/passes/mine");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}

public sealed class MemberPassTests_Sqlite(SqliteApp app) : MemberPassTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class MemberPassTests_Postgres(PostgresApp app) : MemberPassTests<PostgresApp>(app), IClassFixture<PostgresApp>;

[Collection("browser")]
public sealed class MemberPassBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_worker_sees_their_QR_on_a_phone_and_it_renews_before_it_expires()
    {
        var page = await app.SignedInPageAsync("worker", new ViewportSize { Width = 375, Height = 740 });
        await page.Clock.InstallAsync();
        await page.GotoAsync("/me/pass");
        var qr = page.Locator("[data-testid=member-pass-qr]");
        var first = await qr.GetAttributeAsync("src");
        Assert.StartsWith("data:image/png;base64,", first);
        Assert.Equal("会员码（二维码）", await qr.GetAttributeAsync("alt"));
        var box = await qr.BoundingBoxAsync();
        Assert.True(box!.X >= 0 && box.X + box.Width <= 375, $"QR at {box.X}+{box.Width} overflows a 375 px screen");
        Assert.Contains("秒", await page.InnerTextAsync("[data-pass-left]"));
        // 50 s later (the page's clock), the page has fetched a fresh pass: a new QR and a later expiry.
        await page.Clock.FastForwardAsync("00:50");
        await page.WaitForSelectorAsync("[data-member-pass][data-renewed]");
        Assert.NotEqual(first, await qr.GetAttributeAsync("src"));
    }
}
