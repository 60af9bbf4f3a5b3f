using Gonghui.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Gonghui.Platform.Audit;

/// <summary><c>gonghui audit verify</c>: checks the chain and the checkpoint over a read-only connection (no migration, no
/// write: SQLite opened with Mode=ReadOnly, PostgreSQL in a read-only transaction). Exit 0 when intact, 1 otherwise.</summary>
public static class AuditVerifyCli
{
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        await using var db = OpenReadOnly(settings, services.GetServices<ModelConfiguration>(), services.GetRequiredService<TimeProvider>());
        if (db is null) { stderr.WriteLine($"No database at {settings.ConnectionString}."); return 2; }
        await db.Database.OpenConnectionAsync(ct);
        // PostgreSQL: a read-only transaction besides the read-only session. SQLite: the one SELECT is its own snapshot
        // (BEGIN would ask for the write lock, which a read-only connection cannot take).
        await using var tx = db.IsNpgsql() ? await db.Database.BeginTransactionAsync(ct) : null;
        if (tx is not null) await db.Database.ExecuteSqlRawAsync("SET TRANSACTION READ ONLY", ct);
        AuditVerification r;
        try { r = await AuditTrail.VerifyAsync(db, services.GetRequiredService<AuditCheckpoint>(), ct); }
        catch (System.Data.Common.DbException e)
        {
            stderr.WriteLine($"Not a Gonghui database (or not migrated): {e.Message}");
            return 2;
        }
        if (tx is not null) await tx.RollbackAsync(ct);
        if (r.Intact)
        {
            stdout.WriteLine(r.CheckpointSeq is { } cp
                ? $"OK: audit trail intact, {r.Checked} entries; entry {cp} matches the signed checkpoint."
                : $"OK: audit trail intact, {r.Checked} entries.");
            return 0;
        }
        if (r.TruncatedAfterSeq is { } after)
            stderr.WriteLine($"TRUNCATED: the audit trail ends after seq {after}, but the signed checkpoint reached seq {r.CheckpointSeq}: entries {after + 1} to {r.CheckpointSeq} were removed.");
        else if (r.FirstBrokenSeq is { } seq)
            stderr.WriteLine($"BROKEN: the audit trail's link is broken at seq {seq} (checked {r.Checked} entries).{(r.Problem is null ? "" : " " + r.Problem)}");
        else
            stderr.WriteLine($"CHECKPOINT: {r.Problem} ({r.Checked} entries, chain intact).");
        return 1;
    }

    private static GonghuiDb? OpenReadOnly(DatabaseSettings settings, IEnumerable<ModelConfiguration> modules, TimeProvider clock)
    {
        var actor = new ReadOnlyActor();
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            var cs = new SqliteConnectionStringBuilder(settings.ConnectionString) { Mode = SqliteOpenMode.ReadOnly };
            if (!File.Exists(cs.DataSource)) return null;
            return new SqliteGonghuiDb(new DbContextOptionsBuilder<SqliteGonghuiDb>().UseSqlite(cs.ToString()).UseModelConfigurations(modules).Options, actor, clock);
        }
        var pg = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Options = "-c default_transaction_read_only=on" };
        return new PostgresGonghuiDb(new DbContextOptionsBuilder<PostgresGonghuiDb>().UseNpgsql(pg.ToString()).UseModelConfigurations(modules).Options, actor, clock);
    }

    private sealed class ReadOnlyActor : IAuditActor { public string Name => "audit-verify"; }
}
