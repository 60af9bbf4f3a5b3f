using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Tests.Platform;

/// <summary>Host, auth, scope on the org tree, and the audit chain; run on SQLite and on PostgreSQL.</summary>
public abstract class PlatformApiTests<TApp>(TApp app) where TApp : GonghuiApp
{
    [Fact]
    public async Task Health_endpoints_answer()
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        var openapi = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/orgs", openapi);
    }

    [Fact]
    public async Task Token_is_refused_for_a_wrong_password_and_fields_are_named()
    {
        var client = app.CreateClient();
        var wrong = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin", password = "nope-nope" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var empty = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "", password = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var problem = await empty.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("userName", out _));
    }

    [Fact]
    public async Task Api_without_token_is_401_not_a_redirect()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/orgs")).StatusCode);
    }

    [Fact]
    public async Task A_district_sees_only_its_own_subtree_of_units()
    {
        var dongcheng = await app.ClientAsync("dongcheng");
        var units = await dongcheng.GetJsonAsync<List<OrgUnitDto>>("/api/v1/orgs");
        Assert.NotNull(units);
        Assert.NotEmpty(units);
        Assert.All(units, u => Assert.StartsWith("/BJ/DC/", u.Path));

        var admin = await app.ClientAsync("admin");
        var all = await admin.GetJsonAsync<List<OrgUnitDto>>("/api/v1/orgs");
        var xicheng = all!.Single(u => u.Path == "/BJ/XC/");
        Assert.Equal(HttpStatusCode.NotFound, (await dongcheng.GetAsync($"/api/v1/orgs/{xicheng.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/orgs/{xicheng.Id}")).StatusCode);
    }

    [Fact]
    public async Task Audit_chain_detects_a_tampered_row()
    {
        // Write a few audited changes, then alter one stored row behind the platform's back.
        await app.WithDbAsync(async db =>
        {
            var unit = OrgUnit.CreateChild(await db.Set<OrgUnit>().SingleAsync(u => u.Code == "DC"), "AUD" + Random.Shared.Next(100000), "审计测试工会", OrgUnitKind.GrassrootsUnion, null, DateTimeOffset.UtcNow);
            db.Add(unit);
            await db.SaveChangesAsync();
            unit.Rename("审计测试工会（改名）");
            await db.SaveChangesAsync();
            return 0;
        });
        var intact = await app.WithDbAsync(db => AuditTrail.VerifyAsync(db));
        Assert.True(intact.Intact);
        Assert.True(intact.Checked >= 2);

        var (victim, actor) = await app.WithDbAsync(async db =>
        {
            var a = await db.AuditEntries.OrderByDescending(a => a.Seq).Skip(1).FirstAsync();
            return (a.Seq, a.Actor);
        });
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET actor = 'mallory' WHERE seq = {0}", victim));
        var broken = await app.WithDbAsync(db => AuditTrail.VerifyAsync(db));
        Assert.False(broken.Intact);
        Assert.Equal(victim, broken.FirstBrokenSeq);

        // Put it back so other tests sharing this database see an intact chain.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET actor = {0} WHERE seq = {1}", actor, victim));
        Assert.True((await app.WithDbAsync(db => AuditTrail.VerifyAsync(db))).Intact);
    }
}

public sealed class PlatformApiTests_Sqlite(SqliteApp app) : PlatformApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class PlatformApiTests_Postgres(PostgresApp app) : PlatformApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
