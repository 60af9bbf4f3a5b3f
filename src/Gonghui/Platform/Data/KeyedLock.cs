using Gonghui.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Platform.Data;

/// <summary>
/// Runs a check-then-write use case one at a time per key, across every app node: the unit quota of a contest, a repeated
/// loan application. PostgreSQL: one transaction holding an advisory transaction lock on the key, committed only when the
/// outcome is OK. SQLite (one node, one writer): a process-wide gate around the check and the save.
/// </summary>
public static class KeyedLock
{
    private static readonly SemaphoreSlim SqliteGate = new(1, 1);

    public static async Task<Outcome<T>> SerializedAsync<T>(this GonghuiDb db, string key, Func<Task<Outcome<T>>> body, CancellationToken ct)
    {
        if (db.IsNpgsql())
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", ct);
            var result = await body();
            if (result.IsOk) await tx.CommitAsync(ct);
            else await tx.RollbackAsync(ct);
            return result;
        }
        await SqliteGate.WaitAsync(ct);
        try { return await body(); }
        finally { SqliteGate.Release(); }
    }
}
