using System.Net;
using System.Net.Http.Json;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Modules.Venues;
using Gonghui.Platform.Http;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Tests.Platform;

/// <summary>One Idempotency-Key mechanism for every API POST, exactly once under concurrency (issue 12.3); SQLite and PostgreSQL.</summary>
public abstract class IdempotencyTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private static HttpRequestMessage Post(string url, object body, string key)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: Json.Options) };
        req.Headers.Add(Idempotency.Header, key);
        return req;
    }

    private static bool Replayed(HttpResponseMessage r) => r.Headers.TryGetValues(Idempotency.ReplayedHeader, out var v) && v.Single() == "true";

    [Fact]
    public async Task Twenty_concurrent_transfers_of_one_member_with_one_key_make_one_transfer()
    {
        var (member, target) = await app.WithDbAsync(async db =>
        {
            var unions = await db.Set<OrgUnit>().AsNoTracking().Where(u => u.Kind == OrgUnitKind.GrassrootsUnion).Select(u => u.Id).ToListAsync();
            var m = await db.Set<Member>().AsNoTracking().Where(x => x.Status == MemberStatus.Active && !db.Set<MemberTransfer>().Any(t => t.MemberId == x.Id))
                .OrderBy(x => x.Id).FirstAsync();
            return (m, unions.First(u => u != m.UnionId));
        });
        var admin = await app.ClientAsync("admin");
        var key = "transfer-" + Guid.NewGuid();
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            admin.SendAsync(Post($"/api/v1/members/{member.Id}/transfer", new { toUnionId = target, reason = "并发调动" }, key))));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(19, answers.Count(Replayed));
        var bodies = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct());
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<MemberTransfer>().CountAsync(t => t.MemberId == member.Id)));
        Assert.Equal(target, await app.WithDbAsync(async db => (await db.Set<Member>().AsNoTracking().SingleAsync(x => x.Id == member.Id)).UnionId));
    }

    [Fact]
    public async Task Fifty_concurrent_venue_creates_with_one_key_make_one_venue_and_49_replays()
    {
        var staff = await app.ClientAsync("dongcheng");
        var tag = "幂等并发" + Guid.NewGuid().ToString("N")[..8];
        var body = new
        {
            type = "WarmStation", isPublicArea = false, name = tag, address = "测试路1号", districtCode = "110101", lat = -30.5, lng = -20.5, crs = "wgs84",
            hours = "24/7", amenities = new[] { "HotWater" }, capacity = 10, phone = "010-12345678", certification = "District", published = false,
        };
        var key = Guid.NewGuid().ToString();
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => staff.SendAsync(Post("/api/v1/venues", body, key))));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Equal(49, answers.Count(Replayed));
        Assert.Single(answers.Select(a => a.Headers.Location?.ToString()).Distinct());
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Venue>().CountAsync(v => v.Name == tag)));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_422_and_another_caller_has_its_own_keys()
    {
        var staff = await app.ClientAsync("dongcheng");
        var key = Guid.NewGuid().ToString();
        object Venue(string name) => new
        {
            type = "WarmStation", isPublicArea = false, name, address = "测试路2号", districtCode = "110101", lat = -31.5, lng = -21.5, crs = "wgs84",
            hours = "24/7", amenities = new[] { "HotWater" }, capacity = 5, published = false,
        };
        var first = await staff.SendAsync(Post("/api/v1/venues", Venue("键A" + key[..6]), key));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var other = await staff.SendAsync(Post("/api/v1/venues", Venue("键B" + key[..6]), key));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Contains("idempotency.key.reused", await other.Content.ReadAsStringAsync());
        // The key is the caller's own: the federation admin's same key is a new request.
        var admin = await app.ClientAsync("admin");
        var theirs = await admin.SendAsync(Post("/api/v1/venues", Venue("键C" + key[..6]), key));
        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        Assert.False(Replayed(theirs));
    }

    [Fact]
    public async Task A_refused_request_is_not_remembered_so_the_corrected_one_runs_with_the_same_key_and_a_bad_key_is_a_400()
    {
        var staff = await app.ClientAsync("dongcheng");
        var key = Guid.NewGuid().ToString();
        var refused = await staff.SendAsync(Post("/api/v1/venues", new { type = "WarmStation", name = "" }, key));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var corrected = await staff.SendAsync(Post("/api/v1/venues", new
        {
            type = "WarmStation", isPublicArea = false, name = "改正后" + key[..6], address = "测试路3号", districtCode = "110101", lat = -32.5, lng = -22.5,
            crs = "wgs84", hours = "24/7", amenities = new[] { "HotWater" }, capacity = 5, published = false,
        }, key));
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
        Assert.False(Replayed(corrected));
        var tooLong = await staff.SendAsync(Post("/api/v1/venues", new { name = "x" }, new string('k', 201)));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains(Idempotency.Header, await tooLong.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Old_answers_and_abandoned_keys_are_purged_and_a_purged_key_is_free_again()
    {
        var staff = await app.ClientAsync("dongcheng");
        var key = Guid.NewGuid().ToString();
        object Venue(string name) => new
        {
            type = "WarmStation", isPublicArea = false, name, address = "测试路4号", districtCode = "110101", lat = -33.5, lng = -23.5, crs = "wgs84",
            hours = "24/7", amenities = new[] { "HotWater" }, capacity = 5, published = false,
        };
        Assert.Equal(HttpStatusCode.Created, (await staff.SendAsync(Post("/api/v1/venues", Venue("清理A" + key[..6]), key))).StatusCode);
        var now = DateTimeOffset.UtcNow;
        // A node that stopped mid-request 20 minutes ago left its key unfinished; another request is running now.
        await app.WithDbAsync(db =>
        {
            db.Add(IdempotencyRecord.Start("purge-test", "abandoned-" + key, "h", "POST /api/v1/venues", now.AddMinutes(-20)));
            db.Add(IdempotencyRecord.Start("purge-test", "running-" + key, "h", "POST /api/v1/venues", now));
            return db.SaveChangesAsync();
        });
        Task<List<string>> KeysAsync() => app.WithDbAsync(db => db.Set<IdempotencyRecord>().AsNoTracking()
            .Where(r => r.Key == key || r.Caller == "purge-test").Select(r => r.Key).ToListAsync());
        var purge = app.Services.GetRequiredService<IdempotencyPurge>();

        Assert.True(await purge.RunOnceAsync(now) >= 1);
        Assert.Equal(new[] { key, "running-" + key }.Order(), (await KeysAsync()).Order());
        // Within the retention the finished answer is still replayed.
        var replay = await staff.SendAsync(Post("/api/v1/venues", Venue("清理A" + key[..6]), key));
        Assert.True(Replayed(replay));

        await purge.RunOnceAsync(now.AddHours(25));
        Assert.Empty(await KeysAsync());
        // Past the retention the key is free: another request with it runs (no 422, no replay).
        var again = await staff.SendAsync(Post("/api/v1/venues", Venue("清理B" + key[..6]), key));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.False(Replayed(again));
    }
}

public sealed class IdempotencyTests_Sqlite(SqliteApp app) : IdempotencyTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class IdempotencyTests_Postgres(PostgresApp app) : IdempotencyTests<PostgresApp>(app), IClassFixture<PostgresApp>;
