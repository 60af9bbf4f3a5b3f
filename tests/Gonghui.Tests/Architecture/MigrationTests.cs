using Gonghui.Platform.Data.Migrations;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Tests.Architecture;

/// <summary>
/// The single Initial migration of each provider is regenerated from the model (tools/migrations.sh) and never edited
/// by hand. A branch that changes the model and forgets to regenerate, or a merge that kept one side's migration
/// (.gitattributes merges these files as "ours"), fails here before it can create a database without the new tables.
/// </summary>
public class MigrationTests
{
    [Fact]
    public void The_SQLite_migration_matches_the_model()
    {
        using var db = new SqliteDesignFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The SQLite model has changes the migration lacks: run tools/migrations.sh and commit the result.");
    }

    [Fact]
    public void The_PostgreSQL_migration_matches_the_model()
    {
        using var db = new PostgresDesignFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The PostgreSQL model has changes the migration lacks: run tools/migrations.sh and commit the result.");
    }

    [Fact]
    public void Each_provider_has_one_migration_with_the_fixed_id()
    {
        using var db = new SqliteDesignFactory().CreateDbContext([]);
        Assert.Equal(["00000000000000_Initial"], db.Database.GetMigrations());
        using var pg = new PostgresDesignFactory().CreateDbContext([]);
        Assert.Equal(["00000000000000_Initial"], pg.Database.GetMigrations());
    }
}
