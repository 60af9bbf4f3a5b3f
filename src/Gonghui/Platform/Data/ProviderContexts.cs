using Gonghui.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
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

internal sealed class DesignActor : IAuditActor { public string Name => "design"; }

internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteGonghuiDb>
{
    public SqliteGonghuiDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteGonghuiDb>().UseSqlite("Data Source=design.db", o => o.MigrationsAssembly(typeof(GonghuiDb).Assembly.FullName)).Options, new DesignActor(), TimeProvider.System);
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresGonghuiDb>
{
    public PostgresGonghuiDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresGonghuiDb>().UseNpgsql("Host=localhost;Database=design").Options, new DesignActor(), TimeProvider.System);
}
