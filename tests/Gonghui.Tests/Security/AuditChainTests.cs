using System.Text.Json;
using Gonghui.Modules.Organizations.Importing;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Platform.Importing;
using Gonghui.Platform.Security;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gonghui.Tests.Organizations.ImportFixtures;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Tests.Security;

/// <summary>The audit trail detects a cut at the end (signed checkpoint outside the database), a broken link and a forged
/// checkpoint; `audit verify` reads without migrating or writing; bulk imports leave a digest of their rows.</summary>
public abstract class AuditChainTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private async Task WriteAuditedChangesAsync(int n)
    {
        for (var i = 0; i < n; i++)
            await app.WithDbAsync(async db =>
            {
                var unit = OrgUnit.CreateChild(await db.Set<OrgUnit>().SingleAsync(u => u.Code == "DC"), "CUT" + Random.Shared.Next(10_000_000),
                    "截断测试工会", OrgUnitKind.GrassrootsUnion, null, DateTimeOffset.UtcNow);
                db.Add(unit);
                return await db.SaveChangesAsync();
            });
    }

    private async Task<(int Code, string Out, string Err)> VerifyCliAsync()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = 0;
        await app.WithScopeAsync(async sp => code = await AuditVerifyCli.RunAsync(sp, stdout, stderr));
        return (code, stdout.ToString(), stderr.ToString());
    }

    private AuditCheckpoint Checkpoint => app.Services.GetRequiredService<AuditCheckpoint>();
    private Task<long> MaxSeqAsync() => app.WithDbAsync(db => db.AuditEntries.MaxAsync(a => a.Seq));

    [Fact]
    public async Task Truncating_the_newest_entries_is_reported_with_the_last_seq_left()
    {
        await WriteAuditedChangesAsync(3);
        var top = await MaxSeqAsync();
        Assert.Equal(top, Checkpoint.Read()!.Seq); // moved on by each commit
        var (ok, okOut, _) = await VerifyCliAsync();
        Assert.Equal(0, ok);
        Assert.StartsWith("OK", okOut);

        // Cut the two newest entries, as someone with database access hiding what they did would.
        var cut = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Seq > top - 2).OrderBy(a => a.Seq).ToListAsync());
        await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Seq > top - 2).ExecuteDeleteAsync());
        try
        {
            var plain = await app.WithDbAsync(db => AuditTrail.VerifyAsync(db));
            Assert.True(plain.Intact); // the chain alone cannot see it …
            var result = await app.WithDbAsync(db => AuditTrail.VerifyAsync(db, Checkpoint));
            Assert.False(result.Intact); // … the checkpoint can
            Assert.Equal(top - 2, result.TruncatedAfterSeq);
            Assert.Equal(top, result.CheckpointSeq);
            var (code, _, err) = await VerifyCliAsync();
            Assert.Equal(1, code);
            Assert.Contains($"TRUNCATED: the audit trail ends after seq {top - 2}", err);

            // Writing on after the cut does not paper over it: the checkpoint stays where the old chain reached.
            await WriteAuditedChangesAsync(3);
            Assert.Equal(top, Checkpoint.Read()!.Seq);
            var after = await app.WithDbAsync(db => AuditTrail.VerifyAsync(db, Checkpoint));
            Assert.False(after.Intact);
            Assert.Equal(top, after.FirstBrokenSeq); // entry `top` is now another entry than the one signed
            await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Seq > top - 2).ExecuteDeleteAsync());
        }
        finally
        {
            // Put the cut entries back so later tests on this database see the chain whole.
            await app.WithDbAsync(async db => { db.AuditEntries.AddRange(cut); return await db.SaveChangesAsync(); });
        }
        Assert.True((await app.WithDbAsync(db => AuditTrail.VerifyAsync(db, Checkpoint))).Intact);
    }

    [Fact]
    public async Task A_changed_entry_is_reported_as_a_broken_link_at_its_seq()
    {
        await WriteAuditedChangesAsync(2);
        var victim = await MaxSeqAsync() - 1;
        var actor = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Seq == victim).Select(a => a.Actor).SingleAsync());
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET actor = 'mallory' WHERE seq = {0}", victim));
        try
        {
            var (code, _, err) = await VerifyCliAsync();
            Assert.Equal(1, code);
            Assert.Contains($"BROKEN: the audit trail's link is broken at seq {victim}", err);
        }
        finally
        {
            await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET actor = {0} WHERE seq = {1}", actor, victim));
        }
        Assert.Equal(0, (await VerifyCliAsync()).Code);
    }

    [Fact]
    public async Task A_checkpoint_not_signed_with_the_key_or_missing_is_reported()
    {
        await WriteAuditedChangesAsync(1);
        var path = Checkpoint.FilePath;
        var original = await File.ReadAllTextAsync(path);
        try
        {
            var forged = JsonSerializer.Deserialize<JsonElement>(original);
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { Seq = 1, Hash = forged.GetProperty("Hash").GetString(), Mac = forged.GetProperty("Mac").GetString() }));
            var (code, _, err) = await VerifyCliAsync();
            Assert.Equal(1, code);
            Assert.Contains("signature", err);

            // Signed with another key (someone who can write the file but has not got the key): refused the same way.
            new AuditCheckpoint(path, new byte[32]).Write(new AuditHead(1, "00"));
            Assert.Contains("signature", (await VerifyCliAsync()).Err);

            File.Delete(path);
            var missing = await VerifyCliAsync();
            Assert.Equal(1, missing.Code);
            Assert.Contains("No checkpoint", missing.Err);
        }
        finally { await File.WriteAllTextAsync(path, original); }
        Assert.Equal(0, (await VerifyCliAsync()).Code);
    }

    [Fact]
    public async Task A_member_import_leaves_the_count_and_digest_of_its_rows_in_its_entry()
    {
        var (_, union) = await NewUnionAsync(app, "DC");
        var rows = Enumerable.Range(0, 25).Select(i => Row("摘要" + i, NewId(), union, phone: "1390000" + i.ToString("D4"))).ToArray();
        var result = await app.WithDbAsync(db => new MemberImporter(db, app.Services.GetRequiredService<PersonalDataProtector>(), TimeProvider.System,
                app.Services.GetRequiredService<ImportLocalizer>())
            .ImportAsync(new MemoryStream(Utf8(Csv(rows), false)), "digest.csv", new MemberImportOptions("/", "test", false), null, default));
        Assert.Equal(25, result.Created);
        var entry = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "MemberImport" && a.EntityId == "digest.csv")
            .OrderByDescending(a => a.Seq).FirstAsync());
        var after = JsonSerializer.Deserialize<JsonElement>(entry.After!);
        Assert.Equal(25, after.GetProperty("rowsWritten").GetInt64());
        Assert.Matches("^[0-9a-f]{64}$", after.GetProperty("rowsSha256").GetString());
        Assert.NotEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([])), after.GetProperty("rowsSha256").GetString());
        Assert.Equal(0, (await VerifyCliAsync()).Code);
    }
}

public sealed class AuditChainTests_Sqlite(SqliteApp app) : AuditChainTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class AuditChainTests_Postgres(PostgresApp app) : AuditChainTests<PostgresApp>(app), IClassFixture<PostgresApp>;

/// <summary>`audit verify` never migrates or writes: pointed at an empty or missing database it says so and leaves it be.</summary>
public sealed class AuditVerifyReadOnlyTests
{
    private static IServiceProvider Services(string dataDir, string connectionString)
    {
        var s = new ServiceCollection();
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, connectionString, dataDir);
        s.AddSingleton(settings);
        s.AddSingleton(TimeProvider.System);
        var protector = new PersonalDataProtector(new byte[32], Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        s.AddSingleton(protector);
        s.AddSingleton(new AuditCheckpoint(settings, protector));
        return s.BuildServiceProvider();
    }

    [Fact]
    public async Task A_missing_database_is_not_created_and_an_empty_one_is_not_migrated()
    {
        var dir = Directory.CreateTempSubdirectory("gonghui-ro-").FullName;
        var missing = Path.Combine(dir, "none.db");
        var err = new StringWriter();
        Assert.Equal(2, await AuditVerifyCli.RunAsync(Services(dir, $"Data Source={missing}"), TextWriter.Null, err));
        Assert.False(File.Exists(missing));

        var empty = Path.Combine(dir, "empty.db");
        await using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={empty}"))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE unrelated (x INTEGER)";
            await cmd.ExecuteNonQueryAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var before = await File.ReadAllBytesAsync(empty);
        Assert.Equal(2, await AuditVerifyCli.RunAsync(Services(dir, $"Data Source={empty}"), TextWriter.Null, new StringWriter()));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Equal(before, await File.ReadAllBytesAsync(empty)); // no migration history table, no audit table: not a byte changed
        Assert.False(File.Exists(Path.Combine(dir, "audit-checkpoint.json")));
    }
}
