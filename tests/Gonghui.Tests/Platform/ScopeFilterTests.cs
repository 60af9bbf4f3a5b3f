using Gonghui.Platform.Scope;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Tests.Platform;

/// <summary>The one scope filter: the same answer in memory and in SQL, and SQL that an index on the path serves.</summary>
public sealed class ScopeFilterTests : IDisposable
{
    private sealed class Row
    {
        public int Id { get; set; }
        public string Path { get; set; } = "";
        public string? Other { get; set; }
        public string? District { get; set; }
    }

    private sealed class Child
    {
        public int Id { get; set; }
        public int RowId { get; set; }
        public Row Row { get; set; } = null!;
    }

    private sealed class Db(DbContextOptions options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder b)
        {
            b.Entity<Row>(e => { e.ToTable("rows"); e.HasIndex(r => r.Path); });
            b.Entity<Child>(e => e.ToTable("children"));
        }
    }

    private static readonly string[] Paths = ["/BJ/", "/BJ/DC/", "/BJ/DC/0001/", "/BJ/DCX/", "/BJ/XC/", "/BJ/XC/0002/", "/BJ/D%/", "/BJ/D_/"];
    private readonly SqliteConnection _conn = new("Data Source=:memory:");
    private readonly Db _db;

    public ScopeFilterTests()
    {
        _conn.Open();
        _db = new Db(new DbContextOptionsBuilder().UseSqlite(_conn).Options);
        _db.Database.EnsureCreated();
        var i = 0;
        _db.AddRange(Paths.Select(p => new Row { Id = ++i, Path = p, Other = p == "/BJ/XC/" ? "/BJ/DC/0001/" : null, District = ScopeFilter.DistrictOf(p) }));
        _db.AddRange(Enumerable.Range(1, Paths.Length).Select(id => new Child { Id = 100 + id, RowId = id }));
        _db.SaveChanges();
    }

    public void Dispose() { _db.Dispose(); _conn.Dispose(); }

    [Theory]
    [InlineData("/BJ/DC/", "/BJ/DC/", true)]
    [InlineData("/BJ/DC/", "/BJ/DC/0001/", true)]
    [InlineData("/BJ/DC/", "/BJ/DCX/", false)]
    [InlineData("/BJ/DC/", "/BJ/", false)]
    [InlineData("/BJ/DC/", null, false)]
    [InlineData("!no-scope!", "/BJ/", false)]
    public void Covers_is_an_ordinal_prefix_test_that_includes_the_node_itself(string scope, string? path, bool expected)
    {
        Assert.Equal(expected, ScopeFilter.Covers(scope, path));
        Assert.Equal(expected && path != scope, ScopeFilter.StrictlyCovers(scope, path));
    }

    [Theory]
    [InlineData("/BJ/DC/")]
    [InlineData("/BJ/")]
    [InlineData("/BJ/XC/0002/")]
    [InlineData("/BJ/D%/")]
    [InlineData("/BJ/D_/")]
    [InlineData("!no-scope!")]
    public void InScope_in_SQL_returns_what_Covers_says_in_memory(string scope)
    {
        var inSql = _db.Set<Row>().InScope(scope, r => r.Path).Select(r => r.Path).OrderBy(p => p).ToList();
        var inMemory = Paths.Where(p => ScopeFilter.Covers(scope, p)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(inMemory, inSql, StringComparer.Ordinal);
        if (scope != "!no-scope!") Assert.Contains(scope, inSql); // a scope holds its own node
    }

    [Theory]
    [InlineData("/BJ/", null)]
    [InlineData("/BJ/DC/", "/BJ/DC/")]
    [InlineData("/BJ/DC/0001/", "/BJ/DC/")]
    [InlineData("/BJ/DC/0001/0002/", "/BJ/DC/")]
    [InlineData("/", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("!no-scope!", null)]
    public void DistrictOf_is_the_path_one_level_below_the_root(string? path, string? district)
    {
        Assert.Equal(district, ScopeFilter.DistrictOf(path));
        if (district is not null) Assert.True(ScopeFilter.Covers(district, path));
    }

    [Theory]
    [InlineData("/BJ/DC/")]
    [InlineData("/BJ/")]
    [InlineData("/BJ/XC/0002/")]
    [InlineData("/BJ/DC/0001/")]
    [InlineData("/BJ/D%/")]
    [InlineData("/BJ/D_/")]
    [InlineData("!no-scope!")]
    public void InScope_by_the_district_column_returns_what_Covers_says(string scope)
    {
        var inSql = _db.Set<Row>().InScope(scope, r => r.Path, r => r.District).Select(r => r.Path).OrderBy(p => p).ToList();
        var inMemory = Paths.Where(p => ScopeFilter.Covers(scope, p)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(inMemory, inSql, StringComparer.Ordinal);
        var sql = _db.Set<Row>().InScope(scope, r => r.Path, r => r.District).ToQueryString();
        // A district is an equality on its column (an index (district, order key) serves the order); below it the prefix stays.
        if (ScopeFilter.DistrictOf(scope) == scope) Assert.DoesNotContain("LIKE", sql);
        else Assert.Contains("LIKE", sql);
    }

    [Fact]
    public void A_scope_that_holds_no_units_is_an_equality_on_the_path()
    {
        var q = _db.Set<Row>().InScope("/BJ/XC/0002/", r => r.Path, r => r.District, scopeHoldsNoUnits: true);
        Assert.Equal(["/BJ/XC/0002/"], q.Select(r => r.Path).ToList());
        Assert.DoesNotContain("LIKE", q.ToQueryString());
        // A district is a district whatever the flag says.
        Assert.Equal(["/BJ/XC/", "/BJ/XC/0002/"], _db.Set<Row>().InScope("/BJ/XC/", r => r.Path, r => r.District, scopeHoldsNoUnits: true)
            .Select(r => r.Path).ToList().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_path_may_sit_on_a_navigation()
    {
        var children = _db.Set<Child>().InScope("/BJ/XC/", c => c.Row.Path).Select(c => c.Row.Path).ToList();
        Assert.Equal(["/BJ/XC/", "/BJ/XC/0002/"], children.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void WhereScoped_rewrites_Covers_inside_a_larger_predicate()
    {
        const string scope = "/BJ/DC/";
        var rows = _db.Set<Row>().WhereScoped(r => ScopeFilter.Covers(scope, r.Path) || ScopeFilter.Covers(scope, r.Other)).Select(r => r.Path).ToList();
        Assert.Equal(["/BJ/DC/", "/BJ/DC/0001/", "/BJ/XC/"], rows.Order(StringComparer.Ordinal));
        var strict = _db.Set<Row>().WhereScoped(r => r.Id > 0 && ScopeFilter.StrictlyCovers(scope, r.Path)).Select(r => r.Path).ToList();
        Assert.Equal(["/BJ/DC/0001/"], strict);
    }

    [Fact]
    public void The_scope_is_a_parameter_and_the_test_a_LIKE_on_SQLite()
    {
        var scope = "/BJ/DC/";
        var sql = _db.Set<Row>().InScope(scope, r => r.Path).ToQueryString();
        Assert.Contains("LIKE", sql);
        Assert.DoesNotContain("/BJ/DC/", sql.Split('\n').Where(l => !l.StartsWith(".param", StringComparison.Ordinal)).Aggregate("", string.Concat));
        Assert.DoesNotContain("instr", sql, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("substr", sql, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_scope_is_a_parameter_and_the_test_a_LIKE_on_PostgreSQL()
    {
        using var db = new Db(new DbContextOptionsBuilder().UseNpgsql("Host=localhost;Database=none").Options);
        var scope = "/BJ/DC/";
        var sql = db.Set<Row>().InScope(scope, r => r.Path).ToQueryString();
        Assert.Contains("LIKE", sql);
        Assert.DoesNotContain("strpos", sql, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("left(", sql, StringComparison.OrdinalIgnoreCase);
        var co = db.Set<Row>().InScope(scope, r => r.Other);
        var composed = db.Set<Row>().WhereScoped(r => ScopeFilter.Covers(scope, r.Path) || co.Any(c => c.Id == r.Id)).ToQueryString();
        Assert.Equal(2, composed.Split("LIKE").Length - 1);
    }
}
