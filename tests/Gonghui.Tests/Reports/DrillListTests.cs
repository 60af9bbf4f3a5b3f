using System.Net;
using System.Text.Json;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Reports.Indicators;
using Gonghui.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Tests.Reports;

/// <summary>
/// The drill-down lists of innovation, culture, the member card and the Great Craftsmen (issue 19), on the demo data: each list's API takes the
/// report's period and unit; bad filters and a unit outside the caller's scope are 400s naming the field; walked page by page, the list
/// holds as many records as its figure for the city, for a district narrowed by unit and for the district's own staff (their scope);
/// the figures that share a list link to it with the same filters. (The 2020 scenario's counts: <c>ReportFidelityTests</c>.)
/// </summary>
public abstract class DrillListTests<TApp>(TApp app) where TApp : GonghuiApp
{
    private static readonly (string Figure, string Api, string Page)[] Lists =
    [
        ("innovation.patents", "/api/v1/innovation/patent-awards", "/innovation/patents"),
        ("innovation.projects", "/api/v1/innovation/projects", "/innovation/projects"),
        ("culture.recitation-works", "/api/v1/culture/works", "/culture/works"),
        ("membercard.redemptions", "/api/v1/member-card/redemptions", "/member-card/redemptions"),
        ("skills.craftsmen", "/api/v1/skills/craftsmen/winners", "/skills/craftsmen/winners"),
        ("skills.craftsmen.nominees", "/api/v1/skills/craftsmen/nominees", "/skills/craftsmen/nominees"),
    ];

    /// <summary>Figures that count or sum the same records as a listed figure, and so link to its list.</summary>
    private static readonly (string Figure, string SameListAs)[] Sharing =
    [
        ("innovation.patents.amount", "innovation.patents"), ("innovation.projects.amount", "innovation.projects"),
        ("membercard.discount", "membercard.redemptions"), ("membercard.union-share", "membercard.redemptions"),
        ("membercard.members", "membercard.redemptions"), ("membercard.assistance-sales", "membercard.redemptions"),
    ];

    private Task<Guid> UnitAsync(string code) => app.WithDbAsync(db => db.UnitRows().Where(u => u.Code == code).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task Bad_filters_and_a_unit_outside_the_callers_scope_are_400s_naming_the_field()
    {
        var dongcheng = await app.ClientAsync("dongcheng");
        var (dc, xc) = (await UnitAsync("DC"), await UnitAsync("XC"));
        foreach (var (_, api, _) in Lists)
        {
            foreach (var (query, field) in new[] { ("from=2020-13-01", "from"), ("to=2020-02-30", "to"), ("from=2020-02-01&to=2020-01-01", "to"), ("from=abc", "from"),
                         ("from=0001-01-01", "from"), ("to=0001-01-01", "to"), ("to=9999-12-31", "to"),
                         ($"unit={xc}", "unit"), ($"unit={Guid.NewGuid()}", "unit"), ("unit=abc", "unit") })
            {
                var res = await dongcheng.GetAsync($"{api}?{query}");
                Assert.True(res.StatusCode == HttpStatusCode.BadRequest, $"{api}?{query}: {res.StatusCode}");
                Assert.Contains($"\"{field}\"", await res.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
            }
            // The caller's own district is within the scope; the federation may narrow to any unit.
            var own = await dongcheng.GetAsync($"{api}?from=2020-01-01&to=2021-01-01&unit={dc}");
            Assert.True(own.StatusCode == HttpStatusCode.OK, $"{api} own district: {own.StatusCode} {await own.Content.ReadAsStringAsync()}");
            Assert.Equal(HttpStatusCode.OK, (await (await app.ClientAsync("admin")).GetAsync($"{api}?unit={xc}")).StatusCode);
            await KeysetPaging.BadInputIs400Async(dongcheng, api);
        }
        // The pages say the same (a notice, not a 500), also at the first day of year 1, whose eve (the notice's last day) is no date.
        foreach (var (_, _, page) in Lists)
            foreach (var query in new[] { "to=0001-01-01", "from=0001-01-01", "from=9999-12-31" })
            {
                var res = await dongcheng.GetAsync($"{page}?{query}");
                Assert.True(res.StatusCode == HttpStatusCode.OK, $"{page}?{query}: {res.StatusCode}");
                Assert.Contains("1900", await res.Content.ReadAsStringAsync());
            }
        // The recitation works are public, their drill-down is staff's: anyone lists them; a unit is within no anonymous caller's scope.
        var anonymous = app.CreateClient();
        // A cursor is the caller's to send: one whose time has another offset than UTC (PostgreSQL refuses to bind it as timestamptz) pages
        // from the same instant, and one at year 1 starts from the beginning; neither is a 500.
        var first = await (await anonymous.GetAsync("/api/v1/culture/works?limit=1")).Content.ReadAsStringAsync();
        Assert.Contains("\"items\"", first, StringComparison.OrdinalIgnoreCase);
        foreach (var time in new[] { "2020-06-01T08:00:00+08:00", "0001-01-01T00:00:00+08:00" })
        {
            var cursor = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(
                JsonSerializer.Serialize(new { K = time, I = Guid.NewGuid(), N = 1, X = true })));
            foreach (var url in new[] { $"/api/v1/culture/works?after={cursor}", $"/culture/works?after={cursor}" })
            {
                var res = await anonymous.GetAsync(url);
                Assert.True(res.StatusCode == HttpStatusCode.OK, $"{time} {url}: {res.StatusCode} {await res.Content.ReadAsStringAsync()}");
            }
        }
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/culture/works?from=2020-01-01&to=2021-01-01")).StatusCode);
        var anonymousUnit = await anonymous.GetAsync($"/api/v1/culture/works?unit={dc}");
        Assert.Equal(HttpStatusCode.BadRequest, anonymousUnit.StatusCode);
        Assert.Contains("\"unit\"", await anonymousUnit.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Each_list_walked_page_by_page_holds_its_figures_records_for_the_city_a_district_and_the_districts_staff()
    {
        var admin = await app.ClientAsync("admin");
        var dongcheng = await app.ClientAsync("dongcheng");
        var dc = await UnitAsync("DC");
        var thisYear = DateTime.UtcNow.Year;
        foreach (var year in new[] { 2020, thisYear })
        {
            async Task<Dictionary<string, FigureDto>> FiguresAsync(string query)
            {
                var res = await admin.GetAsync($"/api/v1/reports/indicators?year={year}{query}");
                Assert.True(res.StatusCode == HttpStatusCode.OK, await res.Content.ReadAsStringAsync());
                return (await res.ReadJsonAsync<IndicatorReportDto>())!.Parts.SelectMany(p => p.Figures).ToDictionary(f => f.Key);
            }
            var city = await FiguresAsync("");
            var district = await FiguresAsync($"&unit={dc}");
            var period = $"from={year}-01-01&to={year + 1}-01-01";
            foreach (var (figure, api, page) in Lists)
            {
                Assert.Equal($"{page}?{period}&unit={dc}", district[figure].DrillHref);
                // The published works are public: the district's staff list the city's unless they narrow to a unit.
                var staff = figure == "culture.recitation-works" ? city[figure].Value : district[figure].Value;
                foreach (var (client, query, expected, who) in new[]
                         {
                             (admin, period, city[figure].Value, "city"), (admin, $"{period}&unit={dc}", district[figure].Value, "Dongcheng by unit"),
                             (dongcheng, period, staff, "Dongcheng's staff"), (dongcheng, $"{period}&unit={dc}", district[figure].Value, "Dongcheng's staff by unit"),
                         })
                {
                    var rows = await KeysetPaging.WalkAsync<JsonElement>(client, $"{api}?{query}", r => r.GetProperty("id").GetGuid(), limit: 50);
                    Assert.True(expected == rows.Count, $"{figure} {year} {who}: figure {expected}, list {rows.Count}");
                }
            }
            foreach (var (figure, same) in Sharing) Assert.Equal(district[same].DrillHref, district[figure].DrillHref);
        }
    }
}

public sealed class DrillListTests_Sqlite(SqliteApp app) : DrillListTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class DrillListTests_Postgres(PostgresApp app) : DrillListTests<PostgresApp>(app), IClassFixture<PostgresApp>;
