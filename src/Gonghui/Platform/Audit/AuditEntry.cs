using System.Security.Cryptography;
using System.Text;

namespace Gonghui.Platform.Audit;

/// <summary>Marks an entity whose create, update and delete go into the audit trail automatically.</summary>
public interface IAudited;

/// <summary>One append-only, hash-chained audit record.</summary>
public sealed class AuditEntry
{
    public long Seq { get; set; }
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }
    public string PrevHash { get; set; } = "";
    public string Hash { get; set; } = "";

    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public string ComputeHash()
    {
        var text = string.Join('\u001f', Seq, At.UtcTicks, Actor, Action, EntityType, EntityId, Before ?? "\u0000", After ?? "\u0000", PrevHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
