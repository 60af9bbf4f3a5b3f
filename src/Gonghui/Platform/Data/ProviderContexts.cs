using Gonghui.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Gonghui.Platform.Data;

// EF's "multiple providers" pattern: one derived context per provider, each with its own migrations folder.

public sealed class SqliteGonghuiDb(DbContextOptions<SqliteGonghuiDb> options, IAuditActor actor, TimeProvider clock)
    : GonghuiDb(options, actor, clock)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder c)
    {
        base.ConfigureConventions(c);
        // SQLite cannot order or compare DateTimeOffset stored as text; UTC ticks sort correctly.
        c.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        c.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresGonghuiDb(DbContextOptions<PostgresGonghuiDb> options, IAuditActor actor, TimeProvider clock)
    : GonghuiDb(options, actor, clock);
