using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Tests.Platform;

/// <summary>
/// The keyset seek as a row comparison (issue 13.4): <c>(key, id) &lt; (@k, @i)</c> in the SQL of both providers, the same rows as
/// the comparison in memory (ties on the key broken by the id), and on SQLite one index range — not a scan — however many rows share
/// the cursor's key. The lists' own tests (hotline, members) run it on both engines through the API.
/// </summary>
public sealed class RowValueTests : IDisposable
{
    private sealed class Item
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = "";
        public int Group { get; set; }
    }

    private sealed class Db(DbContextOptions options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder b) =>
            b.Entity<Item>(e => { e.ToTable("items"); e.HasIndex(x => new { x.Group, x.Name, x.Id }); });
    }

    private readonly SqliteConnection _conn = new("Data Source=:memory:");
    private readonly Db _db;
    private readonly List<Item> _items;

    public RowValueTests()
    {
        _conn.Open();
        _db = new Db(new DbContextOptionsBuilder().UseSqlite(_conn).UseRowValues().Options);
        _db.Database.EnsureCreated();
        // Many rows per name (ties), two groups, names that differ only by case (ordinal: upper case first).
        var names = new[] { "王伟", "王伟", "王伟", "李娜", "Zhang", "zhang", "王伟", "李娜", "王芳", "王伟" };
        _items = Enumerable.Range(0, 60).Select(i => new Item { Id = Guid.NewGuid(), Name = names[i % names.Length], Group = i % 2 }).ToList();
        _db.AddRange(_items);
        _db.SaveChanges();
    }

    public void Dispose() { _db.Dispose(); _conn.Dispose(); }

    private static int Ordinal(Item a, Item b) { var c = string.CompareOrdinal(a.Name, b.Name); return c != 0 ? c : a.Id.CompareTo(b.Id); }

    [Fact]
    public void Row_comparisons_return_the_rows_past_the_cursor_in_SQL_as_in_memory()
    {
        foreach (var cursor in _items.Where(x => x.Group == 0).Take(12))
        {
            var after = _db.Set<Item>().Where(x => x.Group == 0 && RowValue.GreaterThan(x.Name, x.Id, cursor.Name, cursor.Id))
                .OrderBy(x => x.Name).ThenBy(x => x.Id).Select(x => x.Id).ToList();
            var expected = _items.Where(x => x.Group == 0 && Ordinal(x, cursor) > 0).Order(Comparer<Item>.Create(Ordinal)).Select(x => x.Id).ToList();
            Assert.Equal(expected, after);
            var before = _db.Set<Item>().Where(x => x.Group == 0 && RowValue.LessThan(x.Name, x.Id, cursor.Name, cursor.Id)).Select(x => x.Id).ToList();
            Assert.Equal(_items.Where(x => x.Group == 0 && Ordinal(x, cursor) < 0).Select(x => x.Id).Order(), before.Order());
            // In memory the methods say the same.
            Assert.Equal(expected.Order(), _items.Where(x => x.Group == 0 && RowValue.GreaterThan(x.Name, x.Id, cursor.Name, cursor.Id)).Select(x => x.Id).Order());
        }
    }

    [Fact]
    public void The_keyset_seek_is_one_row_comparison_that_SQLite_serves_as_an_index_range()
    {
        var cursor = _items.First(x => x.Group == 1 && x.Name == "王伟");
        var q = _db.Set<Item>().Where(x => x.Group == 1).Where(Keyset.Seek<Item, string>(x => x.Name, x => x.Id, cursor.Name, cursor.Id, ascending: false))
            .OrderByDescending(x => x.Name).ThenByDescending(x => x.Id).Take(5);
        var sql = q.ToQueryString();
        Assert.Contains("(\"i\".\"Name\", \"i\".\"Id\") < (@", sql);
        Assert.DoesNotContain(" OR ", sql);
        using var cmd = q.CreateDbCommand();
        cmd.CommandText = "EXPLAIN QUERY PLAN " + cmd.CommandText;
        using var r = cmd.ExecuteReader();
        var plan = new List<string>();
        while (r.Read()) plan.Add(r.GetString(3));
        // SEARCH … USING (COVERING) INDEX ix_items_Group_Name_Id (Group=? AND (Name,Id)<(?,?)): one range, and no sort.
        Assert.Contains(plan, p => p.StartsWith("SEARCH", StringComparison.Ordinal) && p.Contains("(Name,Id)<(?,?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, p => p.Contains("TEMP B-TREE", StringComparison.Ordinal));
        var expected = _items.Where(x => x.Group == 1 && Ordinal(x, cursor) < 0).Order(Comparer<Item>.Create(Ordinal)).Reverse().Take(5).Select(x => x.Id);
        Assert.Equal(expected, q.Select(x => x.Id).ToList());
    }

    [Fact]
    public void PostgreSQL_gets_the_same_row_comparison()
    {
        using var db = new Db(new DbContextOptionsBuilder().UseNpgsql("Host=localhost;Database=none").UseRowValues().Options);
        var k = "王伟";
        var i = Guid.NewGuid();
        var sql = db.Set<Item>().Where(x => x.Group == 1 && RowValue.LessThan(x.Name, x.Id, k, i)).ToQueryString();
        Assert.Contains("(i.\"Name\", i.\"Id\") < (@", sql);
    }
}
