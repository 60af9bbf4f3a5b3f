using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gonghui.Platform.Data;
using Gonghui.Platform.Security;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gonghui.Platform.Audit;

/// <summary>The newest audit entry (seq and hash) as last committed, HMAC-signed.</summary>
public sealed record AuditHead(long Seq, string Hash);

/// <summary>The audit chain's head kept outside the database: audit-checkpoint.json in the data folder, signed with a key
/// derived from the personal-data hash key (which is not in the database either).</summary>
/// <remarks>The hash chain alone shows an altered or removed entry in the middle, but not the newest entries cut off the
/// end: the shortened chain is still a valid chain. The checkpoint remembers how far the chain reached; verify reports a
/// truncation when the table ends before it. The file only moves forward along the same chain: a commit that does not
/// continue from the checkpointed entry (the table was cut and written on) leaves it as it is, as evidence.</remarks>
public sealed class AuditCheckpoint
{
    private readonly string _path;
    private readonly byte[] _key;
    private readonly Lock _gate = new();
    private readonly ILogger<AuditCheckpoint>? _log;

    public AuditCheckpoint(DatabaseSettings settings, PersonalDataProtector protector, ILogger<AuditCheckpoint>? log = null)
        : this(Path.Combine(settings.DataDir, "audit-checkpoint.json"), protector.DeriveKey("gonghui:audit-checkpoint:v1"), log) { }

    public AuditCheckpoint(string path, byte[] key, ILogger<AuditCheckpoint>? log = null)
    {
        _path = path;
        _key = key;
        _log = log;
    }

    public string FilePath => _path;

    private sealed record FileForm(long Seq, string Hash, string Mac);

    private string Mac(long seq, string hash) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{seq}:{hash}")));

    /// <summary>The signed head, or null if there is no file; throws <see cref="InvalidDataException"/> if its signature is wrong.</summary>
    public AuditHead? Read()
    {
        if (!File.Exists(_path)) return null;
        FileForm? f;
        try { f = JsonSerializer.Deserialize<FileForm>(File.ReadAllText(_path)); }
        catch (JsonException) { throw new InvalidDataException("The audit checkpoint is not readable."); }
        if (f is null || f.Mac is null || f.Hash is null
            || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(Mac(f.Seq, f.Hash)), HexOrEmpty(f.Mac)))
            throw new InvalidDataException("The audit checkpoint's signature does not match.");
        return new AuditHead(f.Seq, f.Hash);
    }

    private static byte[] HexOrEmpty(string s)
    {
        try { return Convert.FromHexString(s); } catch (FormatException) { return []; }
    }

    /// <summary>Moves the checkpoint to the last of <paramref name="committed"/> (a chained run of entries just committed),
    /// if that run continues the chain the checkpoint knows.</summary>
    public void Advance(IReadOnlyList<(long Seq, string PrevHash, string Hash)> committed)
    {
        if (committed.Count == 0) return;
        lock (_gate)
        {
            AuditHead? current;
            try { current = Read(); }
            catch (InvalidDataException e) { _log?.LogError("Audit checkpoint left as found: {Reason}", e.Message); return; }
            var last = committed[^1];
            if (current is not null)
            {
                if (last.Seq <= current.Seq) return; // an older commit finishing late (another writer moved it on already)
                var first = committed[0];
                // Where the run covers the checkpointed entry, it must be the same entry.
                string? atCheckpoint = current.Seq == first.Seq - 1 ? first.PrevHash
                    : committed.FirstOrDefault(c => c.Seq == current.Seq) is { Hash: { } h } ? h : null;
                if (atCheckpoint is not null && atCheckpoint != current.Hash)
                {
                    _log?.LogError("Audit chain does not continue from the checkpoint at seq {Seq}: the table was cut or rewritten; checkpoint kept", current.Seq);
                    return;
                }
            }
            Write(new AuditHead(last.Seq, last.Hash));
        }
    }

    /// <summary>Writes the head (atomically: a temporary file renamed over the old one).</summary>
    public void Write(AuditHead head)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var tmp = _path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(new FileForm(head.Seq, head.Hash, Mac(head.Seq, head.Hash))));
        File.Move(tmp, _path, overwrite: true);
    }
}

/// <summary>After a transaction that appended audit entries commits, moves the checkpoint on (never before the commit:
/// a rolled-back append must not leave the checkpoint ahead of the table).</summary>
public sealed class AuditCheckpointInterceptor(AuditCheckpoint checkpoint) : DbTransactionInterceptor
{
    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is GonghuiDb db) checkpoint.Advance(db.TakeAppendedAudit());
    }

    public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is GonghuiDb db) db.TakeAppendedAudit();
    }

    public override Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }
}
