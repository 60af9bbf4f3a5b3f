using System.Text.Json;
using Gonghui.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Gonghui.Platform.Audit;

/// <summary>Who is acting, for the audit trail: the signed-in user, or the CLI/system.</summary>
public interface IAuditActor
{
    string Name { get; }
}

public sealed class HttpAuditActor(IHttpContextAccessor http) : IAuditActor
{
    // Outside a request (CLI verbs, start-up seeding) the operating-system user is named.
    public string Name => http.HttpContext is { } ctx ? ctx.User.Identity?.Name ?? "anonymous" : $"system:{Environment.UserName}";
}

/// <summary>Builds and verifies the hash chain of audit entries.</summary>
public static class AuditTrail
{
    // One writer at a time per process; PostgreSQL also takes an advisory lock so several nodes cannot fork the chain.
    internal static readonly SemaphoreSlim Gate = new(1, 1);
    internal const long PgLockKey = 0x61756469;

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static List<AuditEntry> Collect(ChangeTracker tracker, string actor, DateTimeOffset now)
    {
        var list = new List<AuditEntry>();
        foreach (var e in tracker.Entries())
        {
            if (e.Entity is not IAudited || e.State is EntityState.Unchanged or EntityState.Detached) continue;
            var action = e.State switch { EntityState.Added => "create", EntityState.Deleted => "delete", _ => "update" };
            string? before = e.State is EntityState.Modified or EntityState.Deleted ? Snapshot(e, original: true) : null;
            string? after = e.State is EntityState.Added or EntityState.Modified ? Snapshot(e, original: false) : null;
            if (action == "update" && before == after) continue;
            var key = e.Metadata.FindPrimaryKey()!.Properties.Select(p => e.Property(p.Name).CurrentValue?.ToString());
            list.Add(new AuditEntry { At = now, Actor = actor, Action = action, EntityType = e.Metadata.ClrType.Name, EntityId = string.Join(",", key), Before = before, After = after });
        }
        return list;
    }

    public static AuditEntry Custom(string actor, string action, string entityType, string entityId, object? before, object? after, DateTimeOffset now) =>
        new()
        {
            At = now, Actor = actor, Action = action, EntityType = entityType, EntityId = entityId,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
        };

    private static string Snapshot(EntityEntry e, bool original)
    {
        var values = original ? e.OriginalValues : e.CurrentValues;
        var dict = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in values.Properties) dict[p.Name] = values[p] is DateTimeOffset d ? d.UtcDateTime.ToString("O") : values[p]?.ToString();
        return JsonSerializer.Serialize(dict, Json);
    }

    /// <summary>Gives the entries their places after (lastSeq, lastHash) and notes them on the context, whose commit then
    /// moves the checkpoint on (every writer of audit entries chains through here).</summary>
    internal static void Chain(GonghuiDb db, IList<AuditEntry> entries, long lastSeq, string lastHash)
    {
        db.NoteAppendedAudit(entries, lastSeq);
        foreach (var a in entries)
        {
            a.Seq = ++lastSeq;
            // Stored precision differs by provider (SQLite keeps 0.1 ms, PostgreSQL 1 µs): hash what every provider stores.
            a.At = new DateTimeOffset(a.At.UtcTicks - a.At.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
            a.PrevHash = lastHash;
            a.Hash = a.ComputeHash();
            lastHash = a.Hash;
        }
    }

    /// <summary>Walks the chain in order and compares its end with the checkpoint (when given): reports the first broken
    /// link, or a truncation when the table ends before the checkpointed entry, or a chain rewritten up to it.</summary>
    public static async Task<AuditVerification> VerifyAsync(GonghuiDb db, CancellationToken ct = default) => await VerifyAsync(db, null, ct);

    public static async Task<AuditVerification> VerifyAsync(GonghuiDb db, AuditCheckpoint? checkpoint, CancellationToken ct = default)
    {
        AuditHead? head = null;
        string? checkpointProblem = null;
        if (checkpoint is not null)
        {
            try { head = checkpoint.Read(); }
            catch (InvalidDataException e) { checkpointProblem = e.Message; }
        }
        var prev = AuditEntry.Genesis;
        long expected = 1, count = 0;
        string? hashAtHead = null;
        await foreach (var a in db.AuditEntries.AsNoTracking().OrderBy(a => a.Seq).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (a.Seq != expected || a.PrevHash != prev || a.ComputeHash() != a.Hash)
                return new AuditVerification(false, count, a.Seq);
            if (head is not null && a.Seq == head.Seq) hashAtHead = a.Hash;
            prev = a.Hash;
            expected++;
        }
        var lastSeq = expected - 1;
        if (checkpointProblem is not null) return new AuditVerification(false, count, null, Problem: checkpointProblem);
        if (checkpoint is null) return new AuditVerification(true, count, null);
        if (head is null)
            return count == 0 ? new AuditVerification(true, 0, null)
                : new AuditVerification(false, count, null, Problem: $"No checkpoint at {checkpoint.FilePath}: a cut at the end cannot be ruled out.");
        if (lastSeq < head.Seq) return new AuditVerification(false, count, null, TruncatedAfterSeq: lastSeq, CheckpointSeq: head.Seq);
        if (hashAtHead != head.Hash) return new AuditVerification(false, count, head.Seq, CheckpointSeq: head.Seq,
            Problem: $"Entry {head.Seq} is not the one the checkpoint signed: the chain was rewritten up to it.");
        return new AuditVerification(true, count, null, CheckpointSeq: head.Seq);
    }
}

/// <summary>The outcome of a verification: intact, or the first broken link (FirstBrokenSeq), or a truncation (the table
/// ends at TruncatedAfterSeq though the checkpoint reached CheckpointSeq), or a problem with the checkpoint itself.</summary>
public sealed record AuditVerification(bool Intact, long Checked, long? FirstBrokenSeq, long? TruncatedAfterSeq = null,
    long? CheckpointSeq = null, string? Problem = null);
