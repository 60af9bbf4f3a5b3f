using Gonghui.Modules.Venues.Listing;
using Gonghui.Platform.Charts;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Venues.Coverage;

/// <summary>Venue coverage per district as a chart (issue 14.2): the venues of each type in each district of the caller's scope, from the coverage report.</summary>
internal sealed class CoverageCharts(VenueHandlers venues, IStringLocalizer<VenuesText> V)
{
    public async Task<Outcome<ChartData>> ByDistrictAsync(CancellationToken ct) => Outcome<ChartData>.Ok(ByDistrict(await venues.CoverageAsync(ct)));

    /// <summary>The chart of a report the page already has.</summary>
    public ChartData ByDistrict(CoverageReport report) => new("venues-coverage", V["Chart.Coverage"], V["Chart.Coverage.Desc"], V["Staff.District"],
        [.. report.Rows.Select(r => r.DistrictName)],
        [
            new ChartSeries(V["Type.WorkersHome"], [.. report.Rows.Select(r => (double?)r.WorkersHomes)]),
            new ChartSeries(V["Type.WarmStation"], [.. report.Rows.Select(r => (double?)r.WarmStations)]),
            new ChartSeries(V["Type.MotherBabyRoom"], [.. report.Rows.Select(r => (double?)r.MotherBabyRooms)]),
            new ChartSeries(V["Type.ServiceStation"], [.. report.Rows.Select(r => (double?)r.ServiceStations)]),
        ], ChartUnit.Count, ChartLayout.Categories);

    internal static void Map(IEndpointRouteBuilder app) =>
        app.MapChart<CoverageCharts>("/api/v1/venues/charts/coverage", Permissions.VenuesRead, (c, _, ct) => c.ByDistrictAsync(ct));
}
