using System.Net;
using System.Text.Json;
using Gonghui.Modules.Hotline.Deadlines;
using Gonghui.Modules.Hotline.Endpoints;
using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Gonghui.Platform.Notifications;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Hotline;

/// <summary>The intake's group commit writes exactly what one SaveChanges per request would: rows, timeline, SMS, audit.</summary>
public abstract class HotlineIntakeTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private static HotlineRequest NewRequest(string description, string? caller, double? lat, double? lon)
    {
        var at = new DateTimeOffset(2026, 3, 2, 1, 2, 3, TimeSpan.Zero).AddTicks(1234567);
        var r = HotlineRequest.File(Channel.Api, "labor-dispute", "wage-arrears", Urgency.Urgent, description, at, "/BJ/",
            DeadlinePolicy.Shipped().All("labor-dispute", Urgency.Urgent, at), "GHTEST" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant());
        r.SetCaller(caller, "cipher", "hash", "139****0000", null, Guid.NewGuid());
        r.SetPlace(null, "某\"公司\"<有限>", "110101", "东城区 \\ 1号", lat, lon);
        return r;
    }

    public static TheoryData<string, string?, double?, double?> Requests => new()
    {
        { "公司拖欠工资三个月", "王师傅", 39.9042, 116.4074 },
        { "quote \" backslash \\ tab \t newline \n emoji 😀 <b>&amp;</b>", null, null, null },
        { "  ", "O'Brien", -0.5, 0.0 },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task The_batched_audit_entry_is_the_one_SaveChanges_writes(string description, string? caller, double? lat, double? lon)
    {
        var r = NewRequest(description, caller, lat, lon);
        var now = DateTimeOffset.UtcNow;
        await app.WithDbAsync(db =>
        {
            var fast = RowWriter.AuditOfNew(db, r, "agent", now);
            db.Add(r);
            var tracked = Assert.Single(AuditTrail.Collect(db.ChangeTracker, "agent", now));
            Assert.Equal((tracked.Action, tracked.EntityType, tracked.EntityId, tracked.Actor, tracked.At, tracked.Before), (fast.Action, fast.EntityType, fast.EntityId, fast.Actor, fast.At, fast.Before));
            Assert.Equal(tracked.After, fast.After);
            return Task.FromResult(0);
        });
    }

    [Fact]
    public async Task Concurrent_intakes_are_committed_with_timeline_sms_and_an_intact_audit_chain_naming_the_agent()
    {
        var agent = await app.ClientAsync("agent");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => agent.PostJsonAsync("/api/v1/hotline/requests", new
        {
            category = "social-insurance", urgency = "Normal", description = $"社保断缴 {tag} {i}", phone = $"1390000{i:D4}", districtCode = "110102", channel = "Phone",
        })));
        foreach (var res in responses)
            Assert.True(res.StatusCode == HttpStatusCode.Created, $"{res.StatusCode}: {await res.Content.ReadAsStringAsync()}");
        var filed = await Task.WhenAll(responses.Select(async res => (await res.ReadJsonAsync<RequestDto>())!));
        Assert.Equal(24, filed.Select(f => f.TrackingCode).Distinct().Count());

        var ids = filed.Select(f => f.Id).ToList();
        var idTexts = ids.Select(i => i.ToString()).ToList();
        var (rows, events, sms, audits) = await app.WithDbAsync(async db => (
            await db.Set<HotlineRequest>().AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(),
            await db.Set<HotlineRequestEvent>().AsNoTracking().Where(e => ids.Contains(e.RequestId)).ToListAsync(),
            await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.SubjectId != null && ids.Contains(m.SubjectId.Value)).ToListAsync(),
            await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(HotlineRequest) && idTexts.Contains(a.EntityId)).ToListAsync()));
        Assert.Equal(24, rows.Count);
        Assert.All(rows, r => Assert.Equal((RequestState.Received, 1), (r.State, r.Version)));
        // Every kind of column read back through EF as written by the batch (GUIDs, enums, timestamps, text, nulls).
        Assert.All(rows, r =>
        {
            var f = filed.Single(x => x.Id == r.Id);
            Assert.Equal((f.TrackingCode, f.Channel, f.Category, f.Urgency, f.Description, f.PhoneMasked, f.DistrictCode, f.LeadUnitId, f.Latitude),
                (r.TrackingCode, r.Channel, r.Category, r.Urgency, r.Description, r.PhoneMasked, r.DistrictCode, r.LeadUnitId, r.Latitude));
            // Stored precision differs by provider (SQLite 0.1 ms, PostgreSQL 1 µs).
            Assert.All(new[] { (f.ReceivedAt, r.ReceivedAt), (f.ContactDueAt, r.ContactDueAt), (f.UpdateDueAt, r.UpdateDueAt), (f.ResolutionDueAt, r.ResolutionDueAt) },
                p => Assert.True(Math.Abs((p.Item1 - p.Item2).TotalMilliseconds) < 1, $"{p.Item1:O} vs {p.Item2:O}"));
            Assert.NotNull(r.PhoneHash);
            Assert.StartsWith("/", r.ScopePath);
        });
        Assert.Equal(24, events.Count(e => e.Action == "file" && e.ToState == RequestState.Received && e.Actor != ""));
        Assert.Equal(24, sms.Count(m => m.Body.Contains(filed.Single(f => f.Id == m.SubjectId).TrackingCode)));
        Assert.Equal(24, audits.Count);
        Assert.All(audits, a => Assert.Equal(("create", "agent"), (a.Action, a.Actor)));
        Assert.All(audits, a => Assert.Equal(filed.Single(f => f.Id.ToString() == a.EntityId).TrackingCode,
            JsonDocument.Parse(a.After!).RootElement.GetProperty("TrackingCode").GetString()));
        var chain = await app.WithDbAsync(db => AuditTrail.VerifyAsync(db));
        Assert.True(chain.Intact, $"audit chain broken at {chain.FirstBrokenSeq}");
    }

    [Fact]
    public async Task A_bad_intake_is_refused_with_400_and_writes_nothing()
    {
        var agent = await app.ClientAsync("agent");
        var before = await app.WithDbAsync(db => db.Set<HotlineRequest>().CountAsync());
        var res = await agent.PostJsonAsync("/api/v1/hotline/requests", new { category = "no-such", description = "", phone = "12" });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var errors = (await res.ReadJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("category", out _) && errors.TryGetProperty("description", out _) && errors.TryGetProperty("phone", out _));
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<HotlineRequest>().CountAsync()));
    }
}

public sealed class HotlineIntakeTests_Sqlite(SqliteApp app) : HotlineIntakeTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class HotlineIntakeTests_Postgres(PostgresApp app) : HotlineIntakeTests<PostgresApp>(app), IClassFixture<PostgresApp>;
