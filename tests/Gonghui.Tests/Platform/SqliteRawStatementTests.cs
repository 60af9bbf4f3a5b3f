using Gonghui.Platform.Data;
using Microsoft.Data.Sqlite;

namespace Gonghui.Tests.Platform;

public class SqliteRawStatementTests
{
    private static SqliteConnection Open()
    {
        var conn = new SqliteConnection("Data Source=:memory:");
        conn.Open();
        using var create = new SqliteCommand("CREATE TABLE t (k TEXT NOT NULL UNIQUE, s TEXT, n INTEGER, r REAL, b BLOB)", conn);
        create.ExecuteNonQuery();
        return conn;
    }

    private static object?[] Row(SqliteConnection conn, string k)
    {
        using var read = new SqliteCommand("SELECT k, s, n, r, b, typeof(s), typeof(n) FROM t WHERE k = $k", conn);
        read.Parameters.AddWithValue("$k", k);
        using var r = read.ExecuteReader();
        Assert.True(r.Read());
        var values = new object?[r.FieldCount];
        r.GetValues(values!);
        return values;
    }

    [Fact]
    public void Binds_by_position_and_steps_once_per_row()
    {
        using var conn = Open();
        using (var st = SqliteRawStatement.Prepare(conn, "INSERT INTO t (k, s, n, r, b) VALUES (?, ?, ?, ?, ?)"))
        {
            st.Text(1, "a"); st.Text(2, "文本"); st.Int64(3, long.MaxValue); st.Double(4, 1.5); st.Blob(5, [1, 2, 3]);
            st.Step();
            st.Text(1, "b"); st.Text(2, null); st.Null(3); st.Null(4); st.Blob(5, null);
            st.Step();
        }
        Assert.Equal(["a", "文本", long.MaxValue, 1.5, new byte[] { 1, 2, 3 }, "text", "integer"], Row(conn, "a"));
        Assert.Equal(["b", DBNull.Value, DBNull.Value, DBNull.Value, DBNull.Value, "null", "null"], Row(conn, "b"));
    }

    [Fact]
    public void Value_binds_boxed_provider_values_as_Microsoft_Data_Sqlite_does()
    {
        using var conn = Open();
        var id = Guid.Parse("0192f0a4-7b3c-7def-8abc-0123456789ab");
        using (var st = SqliteRawStatement.Prepare(conn, "INSERT INTO t (k, s, n, r, b) VALUES (?, ?, ?, ?, ?)"))
        {
            Assert.True(st.Value(1, "v")); Assert.True(st.Value(2, id)); Assert.True(st.Value(3, true));
            Assert.True(st.Value(4, 2.5f)); Assert.True(st.Value(5, DBNull.Value));
            st.Step();
            Assert.False(st.Value(1, new DateTime(2026, 1, 1))); // not a provider type it knows: nothing bound
        }
        Assert.Equal(["v", "0192F0A4-7B3C-7DEF-8ABC-0123456789AB", 1L, 2.5, DBNull.Value, "text", "integer"], Row(conn, "v"));
        Assert.Equal(id.ToString().ToUpperInvariant(), SqliteRawStatement.GuidText(id));
    }

    [Fact]
    public void A_failing_step_throws_SqliteException_with_the_engine_codes_and_leaves_the_statement_reusable()
    {
        using var conn = Open();
        using var st = SqliteRawStatement.Prepare(conn, "INSERT INTO t (k) VALUES (?)");
        st.Text(1, "dup");
        st.Step();
        var e = Assert.Throws<SqliteException>(st.Step);
        Assert.Equal(19, e.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Equal(2067, e.SqliteExtendedErrorCode); // SQLITE_CONSTRAINT_UNIQUE
        Assert.Contains("UNIQUE constraint failed: t.k", e.Message);
        st.Text(1, "next");
        st.Step();
        Assert.Equal("next", Row(conn, "next")[0]);
    }

    [Fact]
    public void Preparing_bad_sql_or_binding_out_of_range_throws_SqliteException()
    {
        using var conn = Open();
        var prepare = Assert.Throws<SqliteException>(() => SqliteRawStatement.Prepare(conn, "INSERT INTO missing (k) VALUES (?)"));
        Assert.Equal(1, prepare.SqliteErrorCode); // SQLITE_ERROR
        Assert.Contains("no such table: missing", prepare.Message);
        using var st = SqliteRawStatement.Prepare(conn, "INSERT INTO t (k) VALUES (?)");
        Assert.Equal(25, Assert.Throws<SqliteException>(() => st.Int64(2, 1)).SqliteErrorCode); // SQLITE_RANGE
    }
}
