using System.Text;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Money;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Gonghui.Platform.Data;

/// <summary>
/// The one EF Core context. It maps the platform's tables (identity, audit, data-protection keys, idempotency keys,
/// calendars) and applies the modules' configurations it is given in its options (<see cref="ModelConfiguration"/>,
/// registered by each module's <c>Add&lt;Name&gt;()</c>); it knows no module.
/// </summary>
public abstract class GonghuiDb(DbContextOptions options, IAuditActor actor, TimeProvider clock)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>The data-protection key ring (cookies, bearer tokens, antiforgery), shared by every node on the database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // The modules' EF model configurations, handed over in the options (DataModule, the design-time factories).
    private readonly IReadOnlyList<ModelConfiguration> _modules = options.FindExtension<ModelConfigurationsExtension>()?.Configurations ?? [];

    internal IAuditActor Actor => actor;
    internal TimeProvider Clock => clock;

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.Entity<AppUser>().ToTable("identity_users");
        b.Entity<IdentityRole<Guid>>().ToTable("identity_roles");
        b.Entity<IdentityUserRole<Guid>>().ToTable("identity_user_roles");
        b.Entity<IdentityUserClaim<Guid>>().ToTable("identity_user_claims");
        b.Entity<IdentityUserLogin<Guid>>().ToTable("identity_user_logins");
        b.Entity<IdentityUserToken<Guid>>().ToTable("identity_user_tokens");
        b.Entity<IdentityRoleClaim<Guid>>().ToTable("identity_role_claims");
        b.Entity<UserSession>(e =>
        {
            e.ToTable("identity_sessions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Kind).HasMaxLength(10);
            e.Property(x => x.RevokedBy).HasMaxLength(100);
            e.HasIndex(x => x.UserId);
        });
        b.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_entries");
            e.HasKey(a => a.Seq);
            e.Property(a => a.Seq).ValueGeneratedNever();
            e.Property(a => a.Actor).HasMaxLength(100);
            e.Property(a => a.Action).HasMaxLength(40);
            e.Property(a => a.EntityType).HasMaxLength(80);
            e.Property(a => a.EntityId).HasMaxLength(80);
            e.Property(a => a.Hash).HasMaxLength(64);
            e.Property(a => a.PrevHash).HasMaxLength(64);
            e.HasIndex(a => new { a.EntityType, a.EntityId });
        });

        b.Entity<DataProtectionKey>().ToTable("platform_dataprotection_keys");
        Http.IdempotencyRecord.Configure(b);
        Gonghui.Platform.Calendars.CalendarsModule.Configure(b);
        Notifications.OutboxMessage.Configure(b);
        Files.StoredFileModel.Configure(b);
        Passes.PassesModule.Configure(b);

        // The modules' tables, in the order their Add<Name>() registered them (Program.AddModules).
        foreach (var module in _modules)
            module.Configure(b);

        ApplySnakeCase(b);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder c)
    {
        c.Properties<Fen>().HaveConversion<FenConverter>();
        c.Properties<decimal>().HavePrecision(18, 4);
    }

    private static void ApplySnakeCase(ModelBuilder b)
    {
        foreach (var entity in b.Model.GetEntityTypes())
        {
            foreach (var p in entity.GetProperties()) p.SetColumnName(ToSnake(p.Name));
            foreach (var k in entity.GetKeys()) k.SetName(ToSnake(k.GetName() ?? ""));
            foreach (var fk in entity.GetForeignKeys()) fk.SetConstraintName(ToSnake(fk.GetConstraintName() ?? ""));
            foreach (var ix in entity.GetIndexes()) ix.SetDatabaseName(ToSnake(ix.GetDatabaseName() ?? ""));
        }
    }

    internal static string ToSnake(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var ch = name[i];
            if (char.IsUpper(ch))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])))) sb.Append('_');
                sb.Append(char.ToLowerInvariant(ch));
            }
            else sb.Append(ch);
        }
        return sb.ToString();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        ChangeTracker.DetectChanges();
        var pending = AuditTrail.Collect(ChangeTracker, actor.Name, clock.GetUtcNow());
        if (pending.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
        return await AppendAuditAndSaveAsync(pending, () => base.SaveChangesAsync(acceptAllChangesOnSuccess, ct), ct);
    }

    /// <summary>Appends explicit audit entries (moves, imports, exports) together with any pending changes, in one transaction.</summary>
    public async Task<int> SaveChangesWithAuditAsync(IEnumerable<AuditEntry> extra, CancellationToken ct = default)
    {
        ChangeTracker.DetectChanges();
        var pending = AuditTrail.Collect(ChangeTracker, actor.Name, clock.GetUtcNow());
        pending.AddRange(extra);
        return await AppendAuditAndSaveAsync(pending, () => base.SaveChangesAsync(true, ct), ct);
    }

    private async Task<int> AppendAuditAndSaveAsync(List<AuditEntry> pending, Func<Task<int>> save, CancellationToken ct)
    {
        // SQLite has one writer: inside an open transaction (BEGIN IMMEDIATE) this context already holds the database's write lock, so no
        // one can append in between; waiting on the gate there would deadlock with a writer that holds the gate and waits for that lock
        // (a payment's transaction and a concurrent plain save). The fund ledger's SQLite queue skips the same way.
        var gated = IsNpgsql() || Database.CurrentTransaction is null;
        if (gated) await AuditTrail.Gate.WaitAsync(ct);
        try
        {
            var ownTx = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
            try
            {
                if (Database.IsNpgsql())
                    await Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AuditTrail.PgLockKey})", ct);
                var last = await AuditEntries.AsNoTracking().OrderByDescending(a => a.Seq).Select(a => new { a.Seq, a.Hash }).FirstOrDefaultAsync(ct);
                AuditTrail.Chain(this, pending, last?.Seq ?? 0, last?.Hash ?? AuditEntry.Genesis);
                AuditEntries.AddRange(pending);
                var n = await save();
                if (ownTx is not null) await ownTx.CommitAsync(ct);
                return n;
            }
            catch
            {
                // Tracked audit rows must not be retried with a stale chain position.
                foreach (var a in pending) Entry(a).State = EntityState.Detached;
                if (ownTx is not null) TakeAppendedAudit();
                throw;
            }
            finally
            {
                if (ownTx is not null) await ownTx.DisposeAsync();
            }
        }
        finally
        {
            if (gated) AuditTrail.Gate.Release();
        }
    }

    // Audit entries chained in the current transaction, for the checkpoint once it commits (AuditCheckpointInterceptor).
    private readonly List<(long Seq, string PrevHash, string Hash)> _appendedAudit = [];
    private readonly List<AuditEntry> _chaining = [];

    internal void NoteAppendedAudit(IList<AuditEntry> entries, long lastSeq)
    {
        // Entries noted earlier that this run does not follow were rolled back with their transaction: forget them.
        if (_chaining.Count > 0 && _chaining[^1].Seq != lastSeq) _chaining.Clear();
        _chaining.AddRange(entries);
    }

    /// <summary>The (seq, previous hash, hash) of the entries chained since the last call, and forgets them.</summary>
    internal IReadOnlyList<(long Seq, string PrevHash, string Hash)> TakeAppendedAudit()
    {
        _appendedAudit.Clear();
        foreach (var a in _chaining) _appendedAudit.Add((a.Seq, a.PrevHash, a.Hash));
        _chaining.Clear();
        return _appendedAudit.ToArray();
    }

    public bool IsNpgsql() => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";
}

internal sealed class FenConverter() : ValueConverter<Fen, long>(f => f.Value, v => new Fen(v));
