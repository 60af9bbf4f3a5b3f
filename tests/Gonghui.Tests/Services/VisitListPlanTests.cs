using System.Data.Common;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Services.Projects;
using Gonghui.Modules.Services.Visits;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Scope;
using Gonghui.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Services;

/// <summary>
/// The plans of a district's visits list (<see cref="VisitHandlers.ListAsync(VisitListFilter, KeysetRequest, CancellationToken)"/>), read with
/// EXPLAIN through the app's own connection (SQLite: the library Microsoft.Data.Sqlite bundles, not the sqlite3 command line's) on the
/// commands the handler sends: the first page, the next page (keyset seek) and a first page of a period. Synthetic year: 17 districts of
/// 20 projects, 40,000 visits ten minutes apart, 2,000 members. Each page must walk the index (served_at, id) newest first and stop after
/// the page, never gather and sort the district's visits: on SQLite without statistics (a database never analysed), after ANALYZE, and
/// with the full-scale year's statistics; on PostgreSQL after ANALYZE. The first page's count must stay driven by the district's projects.
/// </summary>
public abstract class VisitListPlanTests<TApp>(TApp app, ITestOutputHelper output) where TApp : GonghuiApp
{
    private const int Districts = 17, Projects = 340, Members = 2_000, Visits = 40_000;
    private const string District = "/BJ/D07/";
    private const string WalkIndex = "ix_services_visits_served_at_id";
    /// <summary>The first visit, Beijing 2020-01-01 08:00 (in UTC, as the app writes instants); the others follow ten minutes apart.</summary>
    private static readonly DateTimeOffset Start = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private bool Sqlite => app.Provider == DatabaseProvider.Sqlite;

    /// <summary>A command the handler sent: its SQL and its parameters (the command itself is gone once executed).</summary>
    private sealed record Sent(string Sql, IReadOnlyList<DbParameter> Parameters)
    {
        public static Sent Of(DbCommand c) => new(c.CommandText, c.Parameters.Cast<DbParameter>().Select(Copy).ToList());

        /// <summary>The command with <paramref name="prefix"/> (EXPLAIN …) on <paramref name="conn"/>, its parameters bound as the handler bound them.</summary>
        public DbCommand On(DbConnection conn, string prefix)
        {
            var cmd = conn.CreateCommand();
            cmd.CommandText = prefix + Sql;
            foreach (var p in Parameters) cmd.Parameters.Add(Copy(p));
            return cmd;
        }

        private static DbParameter Copy(DbParameter p) => p switch
        {
            ICloneable c => (DbParameter)c.Clone(), // Npgsql: name, value and type
            SqliteParameter s => new SqliteParameter(s.ParameterName, s.Value) { SqliteType = s.SqliteType, Size = s.Size },
            _ => throw new NotSupportedException(p.GetType().Name),
        };
    }

    private sealed class Capture : DbCommandInterceptor
    {
        public List<Sent> Commands { get; } = [];

        private void Add(DbCommand c) => Commands.Add(Sent.Of(c));

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Add(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Add(command);
            return ValueTask.FromResult(result);
        }
    }

    [Fact]
    public async Task A_districts_visits_list_walks_the_served_at_index_and_sorts_nothing_with_or_without_statistics()
    {
        await SeedAsync();
        await app.WithScopeAsync(async sp =>
        {
            // The handler on a context of the app's options with one more interceptor, which keeps the commands it sends.
            var capture = new Capture();
            var actor = sp.GetRequiredService<IAuditActor>();
            GonghuiDb db = Sqlite
                ? new SqliteGonghuiDb(new DbContextOptionsBuilder<SqliteGonghuiDb>(sp.GetRequiredService<DbContextOptions<SqliteGonghuiDb>>()).AddInterceptors(capture).Options, actor, TimeProvider.System)
                : new PostgresGonghuiDb(new DbContextOptionsBuilder<PostgresGonghuiDb>(sp.GetRequiredService<DbContextOptions<PostgresGonghuiDb>>()).AddInterceptors(capture).Options, actor, TimeProvider.System);
            await using var _ = db;
            await db.Database.OpenConnectionAsync();
            var conn = db.Database.GetDbConnection();
            var h = new VisitHandlers(db, sp.GetRequiredService<CurrentUser>(), sp.GetRequiredService<ProjectHandlers>(), TimeProvider.System);

            // The same rows as before: the district's visits newest first, 50 a page, the next page after the cursor.
            var truth = (await (from v in db.Set<ServiceVisit>()
                                join p in db.Set<ServiceProject>().InScope(District, x => x.ScopePath) on v.ProjectId equals p.Id
                                select new { v.Id, v.ServedAt, v.ServedOn }).ToListAsync())
                .OrderByDescending(v => v.ServedAt).ToList(); // ten minutes apart: no ties
            Assert.InRange(truth.Count, Visits / Districts, Visits / Districts + 1);
            var all = new VisitListFilter(null, new DrillFilter(null, null, Guid.NewGuid(), District));
            var first = await h.ListAsync(all, new KeysetRequest(null, null, VisitHandlers.ListPageSize), default);
            Assert.Equal(truth.Take(50).Select(v => v.Id), first.Items.Select(v => v.Id));
            Assert.Equal((Keyset.CountCap, false), (first.TotalEstimate, first.TotalIsExact));
            Assert.All(first.Items, v => Assert.Matches(@"^张\*+$", v.MemberName));
            var next = await h.ListAsync(all, new KeysetRequest(first.Next, null, VisitHandlers.ListPageSize), default);
            Assert.Equal(truth.Skip(50).Take(50).Select(v => v.Id), next.Items.Select(v => v.Id));
            var (from, to) = (new DateOnly(2020, 3, 1), new DateOnly(2020, 6, 1));
            var spring = await h.ListAsync(new VisitListFilter(null, new DrillFilter(from, to, Guid.NewGuid(), District)), new KeysetRequest(null, null, VisitHandlers.ListPageSize), default);
            Assert.Equal(truth.Where(v => v.ServedOn >= from && v.ServedOn < to).Take(50).Select(v => v.Id), spring.Items.Select(v => v.Id));

            var pages = capture.Commands.Where(c => c.Sql.Contains("services_visits", StringComparison.Ordinal) && c.Sql.Contains("ORDER BY", StringComparison.Ordinal)
                                                    && !c.Sql.Contains("COUNT(", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.Equal(3, pages.Count); // first, next, the period's first
            var counts = capture.Commands.Where(c => c.Sql.Contains("services_visits", StringComparison.Ordinal) && c.Sql.Contains("COUNT(", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.NotEmpty(counts);
            output.WriteLine("The first page:\n" + pages[0].Sql + "\nIts count:\n" + counts[0].Sql);

            // The form this replaced: project_id IN (the district's projects), the page sorted in the database.
            var inScope = db.Set<ServiceProject>().InScope(District, x => x.ScopePath).Select(x => x.Id);
            var oldForm = db.Set<ServiceVisit>().AsNoTracking().Where(v => inScope.Contains(v.ProjectId))
                .OrderByDescending(v => v.ServedAt).ThenByDescending(v => v.Id).Take(VisitHandlers.ListPageSize + 1);
            await using var oldCmd = oldForm.CreateDbCommand();
            var old = Sent.Of(oldCmd);

            if (Sqlite) await SqlitePlansAsync(conn, pages, counts, old);
            else await PostgresPlansAsync(conn, pages, old);
        });
    }

    // ------------------------------------------------------------------------------------------------------------------ SQLite

    private sealed record PlanLine(int Id, int Parent, string Detail);

    private static async Task<List<PlanLine>> SqlitePlanAsync(DbConnection conn, Sent c)
    {
        await using var cmd = c.On(conn, "EXPLAIN QUERY PLAN ");
        await using var r = await cmd.ExecuteReaderAsync();
        var plan = new List<PlanLine>();
        while (await r.ReadAsync()) plan.Add(new PlanLine(r.GetInt32(0), r.GetInt32(1), r.GetString(3)));
        return plan;
    }

    private static async Task<object?> ScalarAsync(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync();
    }

    private static async Task ExecAsync(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task SqlitePlansAsync(DbConnection conn, List<Sent> pages, List<Sent> counts, Sent old)
    {
        output.WriteLine($"SQLite {await ScalarAsync(conn, "SELECT sqlite_version()")}");
        // 1. Never analysed: no sqlite_stat1 at all. The old form sorts here (the data and schema show what this test guards against).
        Assert.Equal(0L, await ScalarAsync(conn, "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"));
        var oldPlan = await SqlitePlanAsync(conn, old);
        Print("no statistics, the old form (IN)", oldPlan);
        Assert.Contains(oldPlan, l => l.Detail.Contains("USE TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal));
        await AssertSqliteWalksAsync(conn, pages, counts, "no statistics", strict: true);

        // 2. ANALYZE (what the visit import runs after 100,000 rows or more).
        await ExecAsync(conn, "ANALYZE");
        Print("ANALYZE, the old form (IN)", await SqlitePlanAsync(conn, old));
        await AssertSqliteWalksAsync(conn, pages, counts, "ANALYZE", strict: true);

        // 3. The full-scale year's statistics (4,773,700 visits, 2,743 a project; 1,740 projects, about 102 a district) in place of this
        //    year's, reloaded. The visits must still be walked. (Here nothing is sorted at all; only the walk is asserted: on a hand-written
        //    statement of the same shape with other members' statistics, this SQLite planned the join of the page's rows after the LIMIT
        //    from the projects and sorted the page's at most 51 rows — the LIMIT is a parameter, so it does not know they are few — and the
        //    city's list the same.)
        await ExecAsync(conn, """
            DELETE FROM sqlite_stat1 WHERE tbl IN ('services_visits', 'services_projects');
            INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
              ('services_visits', 'ix_services_visits_served_at_id', '4773700 1 1'),
              ('services_visits', 'ix_services_visits_project_id_served_on_member_id', '4773700 2743 8 1'),
              ('services_visits', 'ix_services_visits_member_id_served_on', '4773700 3 1'),
              ('services_visits', 'sqlite_autoindex_services_visits_1', '4773700 1'),
              ('services_projects', 'sqlite_autoindex_services_projects_1', '1740 1'),
              ('services_projects', 'ix_services_projects_code', '1740 1'),
              ('services_projects', 'ix_services_projects_scope_path_year', '1740 2 2'),
              ('services_projects', 'ix_services_projects_district_year_applied_at_id', '1740 102 102 1 1'),
              ('services_projects', 'ix_services_projects_year_applied_at_id', '1740 1740 1 1');
            ANALYZE sqlite_schema;
            """);
        // Every index of the two tables has its line (a new index needs one here).
        Assert.Equal(0L, await ScalarAsync(conn, """
            SELECT count(*) FROM sqlite_master m WHERE m.type = 'index' AND m.tbl_name IN ('services_visits', 'services_projects')
              AND NOT EXISTS (SELECT 1 FROM sqlite_stat1 s WHERE s.idx = m.name)
            """));
        Print("full-scale statistics, the old form (IN)", await SqlitePlanAsync(conn, old));
        await AssertSqliteWalksAsync(conn, pages, counts, "full-scale statistics", strict: false);
    }

    /// <summary>
    /// Each page walks <see cref="WalkIndex"/> and sorts no visit: no temporary B-tree beside the walk. <paramref name="strict"/>: no
    /// temporary B-tree in the plan at all (not even for the page's own rows after the LIMIT). The count keeps the IN and scans no visits.
    /// </summary>
    private async Task AssertSqliteWalksAsync(DbConnection conn, List<Sent> pages, List<Sent> counts, string state, bool strict)
    {
        foreach (var page in pages)
        {
            var plan = await SqlitePlanAsync(conn, page);
            Print(state + ", a page", plan);
            var text = $"{state}: the page's plan\n" + string.Join("\n", plan.Select(l => l.Detail));
            var walk = plan.SingleOrDefault(l => l.Detail.Contains("INDEX " + WalkIndex, StringComparison.Ordinal));
            Assert.True(walk is not null && Regex.IsMatch(walk.Detail, "^(SCAN|SEARCH) "), $"does not walk {WalkIndex}: {text}");
            Assert.False(plan.Any(l => l.Detail.Contains("TEMP B-TREE", StringComparison.Ordinal) && (strict || l.Parent == walk.Parent)), $"sorts: {text}");
        }
        foreach (var count in counts)
        {
            var plan = await SqlitePlanAsync(conn, count);
            Print(state + ", the count", plan);
            // The IN's list of the district's projects, by which the database reads (the year's count: their ranges of the unique
            // index) or checks (a period's count, analysed: the period's range of (served_at, id)); never a scan of the visits.
            var text = $"{state}: the count's plan\n" + string.Join("\n", plan.Select(l => l.Detail));
            Assert.True(plan.Any(l => l.Detail.StartsWith("LIST SUBQUERY", StringComparison.Ordinal)), $"no IN list: {text}");
            Assert.False(plan.Any(l => Regex.IsMatch(l.Detail, @"^SCAN (s( |$)|.*INDEX ix_services_visits_)")), $"scans the visits: {text}");
        }
    }

    private void Print(string title, List<PlanLine> plan) =>
        output.WriteLine($"-- {title}\n" + string.Join("\n", plan.Select(l => $"  {l.Id,3} {l.Parent,3}  {l.Detail}")));

    // ------------------------------------------------------------------------------------------------------------------ PostgreSQL

    private async Task PostgresPlansAsync(DbConnection conn, List<Sent> pages, Sent old)
    {
        // Statistics as the visit import leaves them (VACUUM (ANALYZE) after 100,000 rows or more): without, autovacuum may analyse at any time.
        await ExecAsync(conn, "ANALYZE services_visits; ANALYZE services_projects; ANALYZE members");
        output.WriteLine("-- the old form (IN)\n" + await PostgresTextPlanAsync(conn, old));
        foreach (var page in pages)
        {
            output.WriteLine("-- a page\n" + await PostgresTextPlanAsync(conn, page));
            await using var cmd = page.On(conn, "EXPLAIN (FORMAT JSON) ");
            var json = JsonDocument.Parse((string)(await cmd.ExecuteScalarAsync())!).RootElement[0].GetProperty("Plan");
            // The scan of the visits, and the Limit above it: nothing between sorts (a Sort above the Limit orders the page's own rows).
            var path = PathTo(json, n => n.TryGetProperty("Relation Name", out var r) && r.GetString() == "services_visits");
            Assert.NotNull(path);
            var scan = path[^1];
            Assert.Equal(WalkIndex, scan.TryGetProperty("Index Name", out var ix) ? ix.GetString() : scan.GetProperty("Node Type").GetString());
            Assert.Equal("Backward", scan.GetProperty("Scan Direction").GetString());
            var limit = path.FindLastIndex(n => n.GetProperty("Node Type").GetString() == "Limit");
            Assert.True(limit >= 0, "no Limit above the visits' scan");
            Assert.DoesNotContain(path.Skip(limit), n => n.GetProperty("Node Type").GetString()!.Contains("Sort", StringComparison.Ordinal));
            Assert.False(AnyNode(path[limit], n => n.GetProperty("Node Type").GetString()!.Contains("Sort", StringComparison.Ordinal)), "a Sort below the Limit");
        }
    }

    private static async Task<string> PostgresTextPlanAsync(DbConnection conn, Sent c)
    {
        await using var cmd = c.On(conn, "EXPLAIN ");
        await using var r = await cmd.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await r.ReadAsync()) lines.Add(r.GetString(0));
        return string.Join("\n", lines);
    }

    private static List<JsonElement>? PathTo(JsonElement node, Func<JsonElement, bool> found)
    {
        if (found(node)) return [node];
        if (!node.TryGetProperty("Plans", out var children)) return null;
        foreach (var child in children.EnumerateArray())
            if (PathTo(child, found) is { } rest) return [node, .. rest];
        return null;
    }

    private static bool AnyNode(JsonElement node, Func<JsonElement, bool> test) =>
        test(node) || (node.TryGetProperty("Plans", out var children) && children.EnumerateArray().Any(c => AnyNode(c, test)));

    // ------------------------------------------------------------------------------------------------------------------ the year

    /// <summary>
    /// The synthetic year, written by SQL in one statement per table: projects i (district i mod 17, every other one owned by a unit below
    /// the district), members, visits i ten minutes apart (project i mod 340, member i mod 2,000: no repeated project, day and member).
    /// Nothing runs ANALYZE.
    /// </summary>
    private async Task SeedAsync()
    {
        var sqlite = Sqlite;
        string Uuid(int kind, string i) => sqlite
            ? $"printf('{kind:D8}-0000-4000-8000-%012X', {i})"
            : $"('{kind:D8}-0000-4000-8000-' || lpad(to_hex({i}), 12, '0'))::uuid";
        string Series(int n) => sqlite
            ? $"(WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < {n - 1}) SELECT i FROM s) AS n"
            : $"generate_series(0, {n - 1}) AS n(i)";
        string Date(string iso) => sqlite ? $"'{iso}'" : $"DATE '{iso}'";
        string Path(string district, string unit) => sqlite
            ? $"printf('/BJ/D%02d/', {district}) || {unit}"
            : $"format('/BJ/D%s/', lpad(({district})::text, 2, '0')) || {unit}";
        string Unit(string i) => sqlite ? $"printf('U%04d/', {i})" : $"format('U%s/', lpad(({i})::text, 4, '0'))";
        // The visit's instant and its Beijing day (the app's SQLite mapping: DateTimeOffset as binary ticks, DateOnly as yyyy-MM-dd).
        var t0 = SqliteBulkInsert.Ticks(Start);
        var step = SqliteBulkInsert.Ticks(Start.AddMinutes(10)) - t0;
        Assert.Equal(2 * step, SqliteBulkInsert.Ticks(Start.AddMinutes(20)) - t0); // linear in the instant
        string At(string i) => sqlite ? $"{t0} + {i} * {step}" : $"TIMESTAMPTZ '2020-01-01 00:00:00+00' + {i} * INTERVAL '10 minutes'";
        string Day(string i) => sqlite
            ? $"date({Start.ToUnixTimeSeconds()} + {i} * 600 + 28800, 'unixepoch')"
            : $"((({At(i)}) AT TIME ZONE 'UTC') + INTERVAL '8 hours')::date";
        var zero = sqlite ? "0" : "TIMESTAMPTZ '2020-01-01 00:00:00+00'";
        string[] statements =
        [
            $"""
            INSERT INTO services_projects (id, code, name, year, owner_unit_id, scope_path, district, tier, category, target_group, budget_fen, fund_code,
              planned_visits, status, applied_at, applied_by, version)
            SELECT {Uuid(1, "i")}, 'FW2020-' || (100000 + i), '送健康进园区', 2020, {Uuid(4, "i")},
              {Path($"i % {Districts}", $"CASE WHEN i % 2 = 0 THEN '' ELSE {Unit("i")} END")}, {Path($"i % {Districts}", "''")},
              1, 0, 0, 100000, 'F', 10, 3, {zero}, 'plan test', 0
            FROM {Series(Projects)}
            """,
            $"""
            INSERT INTO members (id, name, id_number_cipher, id_number_hash, id_number_masked, sex, birth_date, phone_masked, employment_type, union_id,
              joined_on, status, updated_at)
            SELECT {Uuid(2, "i")}, '张三', 'x', 'h' || i, '110***********0000', 1, {Date("1980-01-01")}, '138****8000', 0, {Uuid(4, "i % 100")},
              {Date("2010-01-01")}, 0, {zero}
            FROM {Series(Members)}
            """,
            $"""
            INSERT INTO services_visits (id, project_id, member_id, union_id, served_on, served_at, channel, place, venue_id, recorded_at, recorded_by)
            SELECT {Uuid(3, "i")}, {Uuid(1, $"i % {Projects}")}, {Uuid(2, $"i % {Members}")}, {Uuid(4, $"i % {Members} % 100")}, {Day("i")}, {At("i")},
              0, NULL, NULL, {zero}, 'plan test'
            FROM {Series(Visits)}
            """,
        ];
        await app.WithDbAsync(async db =>
        {
            foreach (var sql in statements) await db.Database.ExecuteSqlRawAsync(sql);
            // Read back through EF: the instants and days are the app's own mapping.
            var last = await db.Set<ServiceVisit>().OrderByDescending(v => v.ServedAt).FirstAsync();
            Assert.Equal(Start.AddMinutes(10 * (Visits - 1)), last.ServedAt);
            Assert.Equal(Gonghui.Platform.Time.BeijingTime.DateOf(last.ServedAt), last.ServedOn);
            return 0;
        });
    }
}

/// <summary>An app on a fresh database with no demo data (migrations only).</summary>
public sealed class EmptySqliteApp : SqliteApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Gonghui:Demo", "false")];
}

/// <summary>An app on a fresh PostgreSQL database with no demo data (migrations only).</summary>
public sealed class EmptyPostgresApp : PostgresApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Gonghui:Demo", "false")];
}

public sealed class VisitListPlanTests_Sqlite(EmptySqliteApp app, ITestOutputHelper output) : VisitListPlanTests<EmptySqliteApp>(app, output), IClassFixture<EmptySqliteApp>;
public sealed class VisitListPlanTests_Postgres(EmptyPostgresApp app, ITestOutputHelper output) : VisitListPlanTests<EmptyPostgresApp>(app, output), IClassFixture<EmptyPostgresApp>;
