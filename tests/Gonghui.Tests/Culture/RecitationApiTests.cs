using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gonghui.Modules.Culture.Likes;
using Gonghui.Modules.Culture.Recitations;
using Gonghui.Platform.Files;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Tests.Culture;

/// <summary>
/// Recitation works and likes over HTTP on each provider: uploads sniffed and probed with real ffmpeg media (not media, too short,
/// not what it claims → 400 and nothing stored), moderation before publishing, playback with range requests, one like per member
/// under concurrent double clicks, the closing time, and bursts counted raw but not cleaned.
/// </summary>
public abstract class RecitationApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private const string Base = "/api/v1/culture";

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    private static MultipartFormDataContent Upload(byte[] bytes, string fileName, string title = "朗诵《我爱这土地》", string text = "假如我是一只鸟……")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("audio/mpeg");
        return new MultipartFormDataContent { { new StringContent(title), "title" }, { new StringContent(text), "text" }, { content, "file", fileName } };
    }

    private async Task<Guid> PublishedWorkAsync(HttpClient worker, byte[]? media = null)
    {
        var r = await worker.PostAsync($"{Base}/works", Upload(media ?? await CultureMedia.Mp3Async(), "tone.mp3"));
        Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        var id = (await BodyAsync(r)).GetProperty("id").GetGuid();
        var admin = await app.ClientAsync("admin");
        var d = await admin.PostJsonAsync($"{Base}/works/{id}/decision", new { publish = true });
        Assert.True(d.IsSuccessStatusCode, await d.Content.ReadAsStringAsync());
        return id;
    }

    private async Task OpenCampaignAsync(DateTimeOffset closes)
    {
        var admin = await app.ClientAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"{Base}/works/campaign", new { closesAt = closes })).StatusCode);
    }

    [Fact]
    public async Task An_upload_is_probed_moderated_then_played_with_range_requests()
    {
        var workers = await CultureTestData.MembersWithAccountsAsync(app, "/BJ/DC/", 1);
        var w = await app.ClientAsync(workers[0].UserName);
        var before = await app.WithDbAsync(db => db.Set<StoredFile>().CountAsync());

        // Not media, media in name only, an empty title: 400 naming the field, nothing stored.
        var pdf = await w.PostAsync($"{Base}/works", Upload(Encoding.ASCII.GetBytes("%PDF-1.7 a document, not a recitation"), "reading.mp3"));
        Assert.Equal(HttpStatusCode.BadRequest, pdf.StatusCode);
        Assert.True((await BodyAsync(pdf)).GetProperty("errors").TryGetProperty("file", out _));
        var fake = await w.PostAsync($"{Base}/works", Upload([.. "ID3"u8.ToArray(), .. Enumerable.Repeat((byte)7, 5000)], "fake.mp3"));
        Assert.Equal(HttpStatusCode.BadRequest, fake.StatusCode);
        var noTitle = await w.PostAsync($"{Base}/works", Upload(await CultureMedia.Mp3Async(), "tone.mp3", title: " "));
        Assert.True((await BodyAsync(noTitle)).GetProperty("errors").TryGetProperty("title", out _));
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<StoredFile>().CountAsync()));

        var audio = await w.PostAsync($"{Base}/works", Upload(await CultureMedia.Mp3Async(), "tone.mp3"));
        Assert.True(audio.StatusCode == HttpStatusCode.Created, await audio.Content.ReadAsStringAsync());
        var a = await BodyAsync(audio);
        var id = a.GetProperty("id").GetGuid();
        Assert.Equal("Audio", a.GetProperty("kind").GetString());
        Assert.InRange(a.GetProperty("durationMs").GetInt32(), 1900, 2200);
        Assert.Equal("Pending", a.GetProperty("status").GetString());

        // Before moderation: the author sees it, the public does not.
        var anon = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync($"{Base}/works/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync($"{Base}/works/{id}/media")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await w.GetAsync($"{Base}/works/{id}")).StatusCode);
        var xc = await app.ClientAsync("xicheng");
        Assert.DoesNotContain((await BodyAsync(await xc.GetAsync($"{Base}/works/pending"))).EnumerateArray(), x => x.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.NotFound, (await xc.PostJsonAsync($"{Base}/works/{id}/decision", new { publish = true })).StatusCode);
        var dc = await app.ClientAsync("dongcheng");
        Assert.Contains((await BodyAsync(await dc.GetAsync($"{Base}/works/pending"))).EnumerateArray(), x => x.GetProperty("id").GetGuid() == id);
        Assert.True((await BodyAsync(await dc.PostJsonAsync($"{Base}/works/{id}/decision", new { publish = false }))).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.OK, (await dc.PostJsonAsync($"{Base}/works/{id}/decision", new { publish = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await dc.PostJsonAsync($"{Base}/works/{id}/decision", new { publish = false, reason = "x" })).StatusCode);

        // Published: anyone plays it, and a phone can seek (206 with the range asked for).
        var full = await anon.GetAsync($"{Base}/works/{id}/media");
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal("audio/mpeg", full.Content.Headers.ContentType?.MediaType);
        var bytes = (await CultureMedia.Mp3Async()).Length;
        Assert.Equal(bytes, (await full.Content.ReadAsByteArrayAsync()).Length);
        using var ranged = new HttpRequestMessage(HttpMethod.Get, $"{Base}/works/{id}/media");
        ranged.Headers.Range = new RangeHeaderValue(100, 199);
        var part = await anon.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(100, (await part.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal($"bytes 100-199/{bytes}", part.Content.Headers.ContentRange?.ToString());

        // The same content uploaded twice is stored once, under its SHA-256.
        var again = await w.PostAsync($"{Base}/works", Upload(await CultureMedia.Mp3Async(), "again.mp3", title: "再读一遍"));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await CultureMedia.Mp3Async()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<StoredFile>().CountAsync(f => f.Sha256 == sha)));
    }

    [Fact]
    public async Task A_video_gets_its_duration_and_a_poster_frame()
    {
        var w = await app.ClientAsync((await CultureTestData.MembersWithAccountsAsync(app, "/BJ/DC/", 1))[0].UserName);
        var r = await w.PostAsync($"{Base}/works", Upload(await CultureMedia.Mp4Async(), "clip.mp4"));
        Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        var body = await BodyAsync(r);
        Assert.Equal("Video", body.GetProperty("kind").GetString());
        Assert.True(body.GetProperty("hasPoster").GetBoolean());
        Assert.InRange(body.GetProperty("durationMs").GetInt32(), 2800, 3300);
        var poster = await w.GetAsync($"{Base}/works/{body.GetProperty("id").GetGuid()}/poster");
        Assert.Equal(HttpStatusCode.OK, poster.StatusCode);
        var jpg = await poster.Content.ReadAsByteArrayAsync();
        Assert.True(jpg.Length > 100 && jpg[0] == 0xFF && jpg[1] == 0xD8, "a JPEG poster");
    }

    [Fact]
    public async Task Likes_written_by_the_group_commit_count_once_per_member_and_work_and_are_stored_when_answered()
    {
        await OpenCampaignAsync(DateTimeOffset.UtcNow.AddDays(1));
        var members = await CultureTestData.MembersWithAccountsAsync(app, "/BJ/XC/", 4);
        var works = new List<Guid>();
        for (var i = 0; i < 3; i++) works.Add(await PublishedWorkAsync(await app.ClientAsync(members[0].UserName)));
        var clients = new List<HttpClient>();
        foreach (var m in members) clients.Add(await app.ClientAsync(m.UserName));

        // Every member likes every work with four clicks at once, all 48 in flight together (so twins land in one batch and in
        // different batches). Right after each answer, a fresh read finds the like stored: nothing is answered before its commit.
        var clicks = await Task.WhenAll(
            from m in Enumerable.Range(0, members.Count)
            from w in works
            from twin in Enumerable.Range(0, 4)
            select Task.Run(async () =>
            {
                var r = await clients[m].PostAsync($"{Base}/works/{w}/like", null);
                var voter = members[m].MemberId!.Value;
                var stored = await app.WithDbAsync(db => db.Set<ItemLike>().CountAsync(l => l.ItemId == w && l.VoterKey == voter));
                var body = await r.Content.ReadAsStringAsync();
                return (Member: m, Work: w, Status: r.StatusCode, Body: body, Stored: stored);
            }));
        Assert.All(clicks, c => Assert.True(c.Status == HttpStatusCode.OK, c.Body));
        Assert.All(clicks, c => Assert.Equal(1, c.Stored));
        foreach (var g in clicks.GroupBy(c => (c.Member, c.Work)))
            Assert.Equal(1, g.Count(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("counted").GetBoolean()));
        var ids = works.ToList();
        Assert.Equal(members.Count * works.Count, await app.WithDbAsync(db => db.Set<ItemLike>().CountAsync(l => ids.Contains(l.ItemId))));
        foreach (var w in works)
            Assert.Equal(members.Count, (await BodyAsync(await app.CreateClient().GetAsync($"{Base}/works/{w}"))).GetProperty("likes").GetInt64());
    }

    [Fact]
    public async Task One_like_per_member_under_concurrent_double_clicks_and_none_after_closing()
    {
        await OpenCampaignAsync(DateTimeOffset.UtcNow.AddDays(1));
        var members = await CultureTestData.MembersWithAccountsAsync(app, "/BJ/DC/", 3);
        var author = await app.ClientAsync(members[0].UserName);
        var work = await PublishedWorkAsync(author);

        var clicker = await app.ClientAsync(members[1].UserName);
        var clicks = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => clicker.PostAsync($"{Base}/works/{work}/like", null)));
        Assert.All(clicks, c => Assert.Equal(HttpStatusCode.OK, c.StatusCode));
        var counted = 0;
        foreach (var c in clicks) if ((await BodyAsync(c)).GetProperty("counted").GetBoolean()) counted++;
        Assert.Equal(1, counted);
        Assert.Equal(HttpStatusCode.OK, (await author.PostAsync($"{Base}/works/{work}/like", null)).StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<ItemLike>().CountAsync(l => l.ItemId == work)));
        Assert.Equal(2, (await BodyAsync(await app.CreateClient().GetAsync($"{Base}/works/{work}"))).GetProperty("likes").GetInt64());

        // Not a member, no verified phone: refused and not counted.
        var nobody = await app.ClientAsync((await CultureTestData.AccountAsync(app, members[0].UnitId, null, phoneConfirmed: false)).UserName);
        var refused = await nobody.PostAsync($"{Base}/works/{work}/like", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("culture.notEligible", (await BodyAsync(refused)).GetProperty("code").GetString());

        // A work not published cannot be liked.
        var pending = (await BodyAsync(await author.PostAsync($"{Base}/works", Upload(await CultureMedia.Mp3Async(), "p.mp3", title: "待审")))).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await clicker.PostAsync($"{Base}/works/{pending}/like", null)).StatusCode);

        // After the closing time likes no longer count.
        await OpenCampaignAsync(DateTimeOffset.UtcNow.AddMinutes(-1));
        var late = await app.ClientAsync(members[2].UserName);
        var closed = await late.PostAsync($"{Base}/works/{work}/like", null);
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Equal("like.closed", (await BodyAsync(closed)).GetProperty("code").GetString());
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<ItemLike>().CountAsync(l => l.ItemId == work)));
        await OpenCampaignAsync(DateTimeOffset.UtcNow.AddDays(1));

        // A verified phone without a member record likes too (no member id: written as NULL), once.
        var phone = await app.ClientAsync((await CultureTestData.AccountAsync(app, members[0].UnitId, null, phoneConfirmed: true)).UserName);
        var byPhone = await phone.PostAsync($"{Base}/works/{work}/like", null);
        Assert.True(byPhone.StatusCode == HttpStatusCode.OK, await byPhone.Content.ReadAsStringAsync());
        Assert.True((await BodyAsync(byPhone)).GetProperty("counted").GetBoolean());
        Assert.False((await BodyAsync(await phone.PostAsync($"{Base}/works/{work}/like", null))).GetProperty("counted").GetBoolean());
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<ItemLike>().CountAsync(l => l.ItemId == work && l.MemberId == null)));
    }

    [Fact]
    public async Task A_burst_counts_in_the_raw_count_but_not_in_the_cleaned_one_and_the_ranking_goes_by_cleaned()
    {
        await OpenCampaignAsync(DateTimeOffset.UtcNow.AddDays(1));
        var author = await app.ClientAsync((await CultureTestData.MembersWithAccountsAsync(app, "/BJ/DC/", 1))[0].UserName);
        var botted = await PublishedWorkAsync(author);
        var honest = await PublishedWorkAsync(author, [.. await CultureMedia.Mp3Async()]);
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-30);
        await app.WithDbAsync(async db =>
        {
            // 40 likes from one address within four minutes; 12 from twelve addresses over two hours.
            for (var i = 0; i < 40; i++)
                db.Add(ItemLike.Create(Guid.CreateVersion7(), RecitationHandlers.CampaignId, botted, Guid.NewGuid(), Guid.NewGuid(), "bot-address", t0.AddSeconds(i * 6), t0.AddDays(-100)));
            for (var i = 0; i < 12; i++)
                db.Add(ItemLike.Create(Guid.CreateVersion7(), RecitationHandlers.CampaignId, honest, Guid.NewGuid(), Guid.NewGuid(), "addr" + i, t0.AddMinutes(-i * 10), t0.AddDays(-100)));
            await db.SaveChangesAsync();
            // Any earlier review is stale now.
            return await db.Set<LikeCampaign>().Where(c => c.Id == RecitationHandlers.CampaignId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ReviewedAt, (DateTimeOffset?)null));
        });
        var ranking = (await BodyAsync(await (await app.ClientAsync("admin")).GetAsync($"{Base}/works/ranking"))).EnumerateArray().ToList();
        var b = ranking.Single(r => r.GetProperty("id").GetGuid() == botted);
        var h = ranking.Single(r => r.GetProperty("id").GetGuid() == honest);
        Assert.Equal((40, 0), (b.GetProperty("raw").GetInt64(), b.GetProperty("cleaned").GetInt64()));
        Assert.Equal((12, 12), (h.GetProperty("raw").GetInt64(), h.GetProperty("cleaned").GetInt64()));
        Assert.True(h.GetProperty("rank").GetInt32() < b.GetProperty("rank").GetInt32());
        Assert.Equal(40, await app.WithDbAsync(db => db.Set<ItemLike>().CountAsync(l => l.ItemId == botted && l.Flag == "ip")));
    }
}

public sealed class RecitationApiTests_Sqlite(SqliteApp app) : RecitationApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class RecitationApiTests_Postgres(PostgresApp app) : RecitationApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
