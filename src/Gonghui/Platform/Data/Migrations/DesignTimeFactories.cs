using Gonghui.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Gonghui.Platform.Data.Migrations;

// The contexts `dotnet ef` (tools/migrations.sh) builds. Part of the composition root: they register every module as
// Program does (Program.AddModules) and hand the modules' EF model configurations to the context, so the migrations
// see the host's model. This file is not generated; tools/migrations.sh regenerates only Sqlite/ and PostgreSql/.

internal sealed class DesignActor : IAuditActor { public string Name => "design"; }

internal static class DesignModel
{
    public static IReadOnlyList<ModelConfiguration> Modules() => Program.AddModules(new ServiceCollection()).ModelConfigurations();
}

internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteGonghuiDb>
{
    public SqliteGonghuiDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteGonghuiDb>().UseSqlite("Data Source=design.db", o => o.MigrationsAssembly(typeof(GonghuiDb).Assembly.FullName))
            .UseModelConfigurations(DesignModel.Modules()).Options, new DesignActor(), TimeProvider.System);
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresGonghuiDb>
{
    public PostgresGonghuiDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresGonghuiDb>().UseNpgsql("Host=localhost;Database=design")
            .UseModelConfigurations(DesignModel.Modules()).Options, new DesignActor(), TimeProvider.System);
}
