using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Culture.Participants;

/// <summary>Database answers the module's handlers act on.</summary>
public static class CultureDb
{
    /// <summary>A unique index refused the row (PostgreSQL 23505, SQLite constraint): a double tap or a concurrent duplicate.</summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Npgsql.PostgresException p => p.SqlState == "23505",
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteErrorCode == 19,
        _ => false,
    };
}
