using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Gonghui.Platform.Data;

/// <summary>
/// Background work that several nodes run against one database claims its rows, so that each row is worked once:
/// on PostgreSQL a claiming query ends in <c>FOR UPDATE SKIP LOCKED</c> inside a transaction — another node running the
/// same query at the same time passes over the locked rows and takes the next ones, and sees them again only once the
/// claim has committed (then they are done) or rolled back (then they are due again). On SQLite (one node, one writer)
/// the query is unchanged and no transaction is opened.
/// </summary>
/// <example><code>
/// await using var claim = await db.BeginClaimAsync(ct);
/// var batch = await db.Set&lt;Message&gt;().Where(due).OrderBy(m => m.NextAttemptAt).Take(100).ForUpdateSkipLocked().ToListAsync(ct);
/// … work the rows, change them …
/// await db.SaveChangesAsync(ct);
/// await claim.CommitAsync(ct);
/// </code></example>
public static class RowClaims
{
    internal const string Tag = "gonghui:claim-rows";

    /// <summary>Locks the rows this query returns until the claim ends, skipping rows another node holds (PostgreSQL).
    /// The query must read one table (no Include, no join), and may filter, order and take.</summary>
    public static IQueryable<T> ForUpdateSkipLocked<T>(this IQueryable<T> query) => query.TagWith(Tag);

    /// <summary>Opens the transaction a claim lives in (PostgreSQL); on SQLite a claim that commits nothing.</summary>
    public static async Task<RowClaim> BeginClaimAsync(this GonghuiDb db, CancellationToken ct = default) =>
        new(db.IsNpgsql() && db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null);

    /// <summary>
    /// Claims a whole job run rather than rows: on PostgreSQL a transaction holding the advisory lock named after the job,
    /// taken without waiting — null when another node runs the job now (skip this turn). For jobs that change audited rows:
    /// row locks held while the audit trail's lock is awaited could close a cycle with a writer that holds that lock and
    /// waits for the row, so such jobs lock the run and rely on the rows' concurrency tokens.
    /// </summary>
    public static async Task<RowClaim?> TryClaimJobAsync(this GonghuiDb db, string job, CancellationToken ct = default)
    {
        if (!db.IsNpgsql() || db.Database.CurrentTransaction is not null) return new RowClaim(null);
        var tx = await db.Database.BeginTransactionAsync(ct);
        var got = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock(hashtextextended({"gonghui-job:" + job}, 0)) AS \"Value\"").SingleAsync(ct);
        if (got) return new RowClaim(tx);
        await tx.DisposeAsync();
        return null;
    }
}

/// <summary>A claim's transaction: commit once the claimed rows are saved; disposing without a commit releases them.</summary>
public sealed class RowClaim(IDbContextTransaction? tx) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken ct = default) => tx?.CommitAsync(ct) ?? Task.CompletedTask;
    public ValueTask DisposeAsync() => tx?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>Appends the row lock to queries tagged by <see cref="RowClaims.ForUpdateSkipLocked{T}"/> (registered on PostgreSQL only).</summary>
internal sealed class RowClaimInterceptor : DbCommandInterceptor
{
    public static readonly RowClaimInterceptor Instance = new();
    private static readonly string Marker = "-- " + RowClaims.Tag;

    private static void Claim(DbCommand command)
    {
        if (!command.CommandText.StartsWith(Marker, StringComparison.Ordinal)) return;
        if (command.Transaction is null)
            throw new InvalidOperationException("A claiming query runs inside db.BeginClaimAsync(): without a transaction its row locks end at once.");
        command.CommandText = command.CommandText.TrimEnd().TrimEnd(';') + "\nFOR UPDATE SKIP LOCKED";
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Claim(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Claim(command);
        return ValueTask.FromResult(result);
    }
}
