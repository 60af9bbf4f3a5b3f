using Gonghui.Modules.Hotline.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Charts;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Hotline.Requests;

/// <summary>
/// The hotline's charts (issue 14.2), for the dashboard, the rates page and their downloads: intake by week and by category
/// over the requests the caller may see, the three rates by month for a unit's subtree, and the ranking of the district
/// (industry) unions. Every figure is counted in the database (GROUP BY), in the caller's scope.
/// </summary>
public sealed class HotlineCharts(HotlineService svc, HotlineRates rates, GonghuiDb db, CurrentUser me, TimeProvider clock, IStringLocalizer<HotlineText> L)
{
    public const int DefaultWeeks = 8;

    /// <summary>The week bounds: <paramref name="weeks"/> weeks of seven days, the last one ending with today (Beijing time).</summary>
    private DateTimeOffset[] WeekBounds(int weeks)
    {
        var end = BeijingTime.StartOfDayUtc(BeijingTime.Today(clock).AddDays(1));
        return [.. Enumerable.Range(0, weeks + 1).Select(i => end.AddDays(-7 * (weeks - i)))];
    }

    /// <summary>Requests received per week (intake), the last <paramref name="weeks"/> weeks.</summary>
    public async Task<Outcome<ChartData>> WeeksAsync(int? weeks, CancellationToken ct)
    {
        var n = weeks ?? DefaultWeeks;
        if (n is < 2 or > 53) return Outcome<ChartData>.Invalid("weeks", "chart.number", 2, 53);
        var bounds = WeekBounds(n);
        var counts = await Buckets.CountAsync((await svc.VisibleAsync(ct)).AsNoTracking(), r => r.ReceivedAt, bounds, ct);
        var labels = bounds[..^1].Select(b => BeijingTime.ToLocal(b).ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return Outcome<ChartData>.Ok(new ChartData("hotline-weeks", string.Format(L["Chart.Weeks"], n), string.Format(L["Chart.Weeks.Desc"], n,
                BeijingTime.FormatDate(bounds[0]), BeijingTime.FormatDate(bounds[^1].AddDays(-1))),
            L["Chart.WeekOf"], labels, [new ChartSeries(L["Chart.Received"], [.. counts.Select(c => (double?)c)])], ChartUnit.Count, ChartLayout.Time));
    }

    /// <summary>Requests received per category over the same weeks, the largest first (at most 12; the rest as one row).</summary>
    public async Task<Outcome<ChartData>> CategoriesAsync(int? weeks, CancellationToken ct)
    {
        var n = weeks ?? DefaultWeeks;
        if (n is < 2 or > 53) return Outcome<ChartData>.Invalid("weeks", "chart.number", 2, 53);
        var bounds = WeekBounds(n);
        var (from, to) = (bounds[0], bounds[^1]);
        var rows = await (await svc.VisibleAsync(ct)).AsNoTracking().Where(r => r.ReceivedAt >= from && r.ReceivedAt < to)
            .GroupBy(r => r.Category).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        var ordered = rows.OrderByDescending(r => r.N).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        var top = ordered.Take(12).Select(r => (Label: svc.Taxonomy.Name(r.Key, Zh), r.N)).ToList();
        if (ordered.Count > 12) top.Add((L["Chart.OtherCategories"], ordered.Skip(12).Sum(r => r.N)));
        return Outcome<ChartData>.Ok(new ChartData("hotline-categories", string.Format(L["Chart.Categories"], n), string.Format(L["Chart.Weeks.Desc"], n,
                BeijingTime.FormatDate(from), BeijingTime.FormatDate(to.AddDays(-1))),
            L["Chart.Category"], [.. top.Select(t => t.Label)], [new ChartSeries(L["Chart.Received"], [.. top.Select(t => (double?)t.N)])],
            ChartUnit.Count, ChartLayout.Categories));
    }

    /// <summary>
    /// The three rates by month of <paramref name="year"/> over the return visits of a unit's subtree (the caller's own unit
    /// when none is named; a unit outside the caller's scope is not found). A month without visits has no figure.
    /// </summary>
    public async Task<Outcome<ChartData>> MonthlyRatesAsync(int? year, Guid? unit, CancellationToken ct)
    {
        var y = year ?? BeijingTime.Year(clock);
        if (ChartEndpoints.CheckYear(y) is { } bad) return bad;
        var scope = await me.ScopePathAsync(ct);
        var target = await db.UnitRows().InScope(scope, u => u.Path).Where(u => unit == null ? u.Path == scope : u.Id == unit)
            .Select(u => new { u.Path, u.Name }).FirstOrDefaultAsync(ct);
        if (target is null) return Outcome<ChartData>.NotFound();
        var months = await rates.MonthlyAsync(y, target.Path, ct);
        var figures = months.Select(c => c.ValidVisits == 0 ? null : rates.Rates(c)).ToList();
        return Outcome<ChartData>.Ok(new ChartData("hotline-rates-monthly", string.Format(L["Chart.RatesMonthly"], target.Name, y),
            string.Format(L["Chart.RatesMonthly.Desc"], target.Name, y), L["Chart.Month"], Buckets.MonthLabels(),
            [
                new ChartSeries(L["Rates.Response"], [.. figures.Select(f => f?.ResponseRate)], SeriesKind.Line),
                new ChartSeries(L["Rates.Resolution"], [.. figures.Select(f => f?.ResolutionRate)], SeriesKind.Line),
                new ChartSeries(L["Rates.Satisfaction"], [.. figures.Select(f => f?.SatisfactionRate)], SeriesKind.Line),
            ], ChartUnit.Fraction, ChartLayout.Time));
    }

    /// <summary>The ranking of the rates page's period: the district and industry unions by score (the units when the scope holds no district).</summary>
    public async Task<Outcome<ChartData>> RankingAsync(DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var today = BeijingTime.Today(clock);
        var f = from ?? new DateOnly(today.Year, 1, 1);
        var t = to ?? today;
        if (t < f) return Outcome<ChartData>.Invalid("to", "chart.toBeforeFrom");
        var report = await rates.ComputeAsync(BeijingTime.StartOfDayUtc(f), BeijingTime.EndOfDayUtc(t), await me.ScopePathAsync(ct), null, ct);
        return Outcome<ChartData>.Ok(Ranking(report, f, t));
    }

    /// <summary>The ranking chart of a computed report (the rates page draws the report it already has).</summary>
    public ChartData Ranking(RatesReport report, DateOnly from, DateOnly to)
    {
        var rows = (report.Districts.Count > 0 ? report.Districts : report.Units.Take(20).ToList()).OrderBy(u => u.Rank).ToList();
        return new ChartData("hotline-ranking", L["Rates.Chart"], string.Format(L["Chart.Ranking.Desc"], from.ToString("yyyy-MM-dd"), to.ToString("yyyy-MM-dd")),
            L["Rates.Unit"], [.. rows.Select(u => $"{u.Rank}. {u.UnitName}")],
            [
                new ChartSeries(L["Rates.Response"], [.. rows.Select(u => (double?)u.ResponseRate)]),
                new ChartSeries(L["Rates.Resolution"], [.. rows.Select(u => (double?)u.ResolutionRate)]),
                new ChartSeries(L["Rates.Satisfaction"], [.. rows.Select(u => (double?)u.SatisfactionRate)]),
            ], ChartUnit.Fraction, ChartLayout.Categories);
    }

    private static bool Zh => System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    /// <summary>The chart downloads (SVG, XLSX), each under the permission of the page that shows the chart.</summary>
    internal static void Map(IEndpointRouteBuilder app)
    {
        const string root = "/api/v1/hotline/charts/";
        app.MapChart<HotlineCharts>(root + "weeks", Permissions.HotlineSupervise, (c, q, ct) =>
            ChartEndpoints.TryInt(q, "weeks", 2, 53, out var w, out var bad) ? c.WeeksAsync(w, ct) : Task.FromResult(bad));
        app.MapChart<HotlineCharts>(root + "categories", Permissions.HotlineSupervise, (c, q, ct) =>
            ChartEndpoints.TryInt(q, "weeks", 2, 53, out var w, out var bad) ? c.CategoriesAsync(w, ct) : Task.FromResult(bad));
        app.MapChart<HotlineCharts>(root + "rates-monthly", Permissions.HotlineSupervise, (c, q, ct) =>
        {
            if (!ChartEndpoints.TryInt(q, "year", 2000, 2100, out var y, out var bad)) return Task.FromResult(bad);
            var u = q["unit"].ToString();
            if (u.Length > 0 && !Guid.TryParse(u, out _)) return Task.FromResult(Outcome<ChartData>.Invalid("unit", "chart.unit"));
            return c.MonthlyRatesAsync(y, u.Length > 0 ? Guid.Parse(u) : null, ct);
        });
        app.MapChart<HotlineCharts>(root + "ranking", Permissions.HotlineSupervise, (c, q, ct) =>
        {
            DateOnly? Date(string name) => DateOnly.TryParseExact(q[name].ToString(), "yyyy-MM-dd", out var d) ? d : null;
            foreach (var name in new[] { "from", "to" })
                if (q[name].ToString().Length > 0 && Date(name) is null) return Task.FromResult(Outcome<ChartData>.Invalid(name, "chart.date"));
            return c.RankingAsync(Date("from"), Date("to"), ct);
        });
    }
}
