using System.Net;
using Gonghui.Modules.Reports.Indicators;
using Gonghui.Tests.Indicators;
using Gonghui.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Reports;

/// <summary>
/// Issue 19: the page, the XLSX, the PDF, the printable page and the ranking downloads of one caller's report share one build for a minute
/// (<see cref="ReportCache"/>), counted by the cache's <see cref="ReportCache.Builds"/>; the window follows the app's clock (moved by hand
/// here); each scope has its own report; concurrent requests wait for one build. On the indicator tests' apps (their hand-moved clock).
/// </summary>
public abstract class ReportCacheTests<TApp>(TApp app) : IndicatorTests<TApp>(app) where TApp : GonghuiApp, IIndicatorsApp
{
    private ReportCache Cache => App.Services.GetRequiredService<ReportCache>();

    private static async Task<IndicatorReportDto> ReportAsync(HttpClient c, string query)
    {
        var res = await c.GetAsync($"/api/v1/reports/indicators?{query}");
        Assert.True(res.StatusCode == HttpStatusCode.OK, await res.Content.ReadAsStringAsync());
        return (await res.ReadJsonAsync<IndicatorReportDto>())!;
    }

    private static async Task OkAsync(HttpClient c, string url)
    {
        var res = await c.GetAsync(url);
        Assert.True(res.StatusCode == HttpStatusCode.OK, $"{url}: {res.StatusCode} {await res.Content.ReadAsStringAsync()}");
        Assert.True((await res.Content.ReadAsByteArrayAsync()).Length > 0, url);
    }

    [Fact]
    public async Task The_exports_of_one_report_share_one_build_until_the_window_ends()
    {
        FreshDay(); // past any report kept by an earlier test
        var admin = await ClientAsync("admin");
        var before = Cache.Builds;
        await OkAsync(admin, "/api/v1/reports/annual.xlsx?year=2020&quarter=2");
        Assert.Equal(before + 1, Cache.Builds);
        var kept = await ReportAsync(admin, "year=2020&quarter=2&districts=true");
        await OkAsync(admin, "/api/v1/reports/annual.pdf?year=2020&quarter=2");
        await OkAsync(admin, "/reports/print?year=2020&quarter=2");
        await OkAsync(admin, "/api/v1/reports/charts/ranking.svg?year=2020&quarter=2&figure=services.projects");
        await OkAsync(admin, "/api/v1/reports/charts/ranking.xlsx?year=2020&quarter=2&figure=services.projects");
        await OkAsync(admin, "/reports?year=2020&quarter=2");
        Assert.Equal(before + 1, Cache.Builds); // XLSX, JSON, PDF, print, two downloads and the page: one build
        Assert.Equal(kept.BuiltAt, (await ReportAsync(admin, "year=2020&quarter=2&districts=true")).BuiltAt);

        // Without the rankings it is another report; another period too.
        await ReportAsync(admin, "year=2020&quarter=2");
        await ReportAsync(admin, "year=2020&quarter=3&districts=true");
        Assert.Equal(before + 3, Cache.Builds);

        // 59 s later still the same build; at 60 s it is built again.
        Clock.Advance(TimeSpan.FromSeconds(59));
        await OkAsync(admin, "/api/v1/reports/annual.xlsx?year=2020&quarter=2");
        Assert.Equal(before + 3, Cache.Builds);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await OkAsync(admin, "/api/v1/reports/annual.xlsx?year=2020&quarter=2");
        Assert.Equal(before + 4, Cache.Builds);
        var again = await ReportAsync(admin, "year=2020&quarter=2&districts=true");
        Assert.Equal(before + 4, Cache.Builds);
        Assert.Equal(kept.BuiltAt + TimeSpan.FromSeconds(60), again.BuiltAt);
    }

    [Fact]
    public async Task Each_scope_gets_its_own_report_one_caller_after_the_other()
    {
        FreshDay();
        var admin = await ClientAsync("admin");
        var dongcheng = await ClientAsync("dongcheng");
        var xicheng = await ClientAsync("xicheng");
        var before = Cache.Builds;
        static string Figures(IndicatorReportDto r) => string.Join(", ", r.Parts.SelectMany(p => p.Figures).Select(f => $"{f.Key}={f.Value}/{f.Flag}"));
        // The same query from three scopes in a row: three builds, each the caller's own scope.
        var city = await ReportAsync(admin, "year=2020");
        var dc = await ReportAsync(dongcheng, "year=2020");
        var xc = await ReportAsync(xicheng, "year=2020");
        Assert.Equal(before + 3, Cache.Builds);
        var dcId = await UnitIdAsync("DC");
        var xcId = await UnitIdAsync("XC");
        Assert.Equal(dcId, dc.Unit.Id);
        Assert.Equal(xcId, xc.Unit.Id);
        Assert.NotEqual(Figures(city), Figures(dc));
        Assert.NotEqual(Figures(dc), Figures(xc));
        // Each matches what its scope's report is when built on its own (the city's report on the district, built fresh).
        Assert.Equal(Figures(dc), Figures(await ReportAsync(admin, $"year=2020&unit={dcId}")));
        Assert.Equal(Figures(xc), Figures(await ReportAsync(admin, $"year=2020&unit={xcId}")));
        Assert.Equal(before + 5, Cache.Builds);
        // Asked again within the window, each caller still gets their own.
        Assert.Equal(Figures(city), Figures(await ReportAsync(admin, "year=2020")));
        Assert.Equal(dcId, (await ReportAsync(dongcheng, "year=2020")).Unit.Id);
        Assert.Equal(Figures(dc), Figures(await ReportAsync(dongcheng, "year=2020")));
        Assert.Equal(before + 5, Cache.Builds);
        // A district caller never reaches another district's kept report through its unit.
        Assert.Equal(HttpStatusCode.NotFound, (await dongcheng.GetAsync($"/api/v1/reports/indicators?year=2020&unit={xcId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dongcheng.GetAsync($"/api/v1/reports/annual.xlsx?year=2020&unit={xcId}")).StatusCode);
    }

    [Fact]
    public async Task Concurrent_requests_for_one_report_wait_for_one_build()
    {
        FreshDay();
        var admin = await ClientAsync("admin");
        var before = Cache.Builds;
        var all = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => ReportAsync(admin, "year=2020&month=7&districts=true")));
        Assert.Equal(before + 1, Cache.Builds);
        Assert.Single(all.Select(r => r.BuiltAt).Distinct());
        Assert.Single(all.Select(r => r.ElapsedMs).Distinct());
    }

    [Fact]
    public async Task The_language_is_part_of_the_key()
    {
        FreshDay();
        var admin = await ClientAsync("admin");
        var before = Cache.Builds;
        var zh = await ReportAsync(admin, "year=2020&month=8");
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var en = await ReportAsync(admin, "year=2020&month=8");
        Assert.Equal(before + 2, Cache.Builds);
        Assert.NotEqual(zh.Parts[0].Title, en.Parts[0].Title);
        Assert.Equal(zh.Parts.SelectMany(p => p.Figures).Select(f => f.Value), en.Parts.SelectMany(p => p.Figures).Select(f => f.Value));
    }
}

[Collection(IndicatorsCollections.Sqlite)]
public sealed class ReportCacheTests_Sqlite(SqliteIndicatorsApp app) : ReportCacheTests<SqliteIndicatorsApp>(app);

[Collection(IndicatorsCollections.Postgres)]
public sealed class ReportCacheTests_Postgres(PostgresIndicatorsApp app) : ReportCacheTests<PostgresIndicatorsApp>(app);
