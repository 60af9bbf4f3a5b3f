using Gonghui.Platform.Data;
using Gonghui.Platform.Geo;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Gonghui.Modules.Venues.Listing;
using Gonghui.Modules.Venues.Nearby;

namespace Gonghui.Modules.Venues;

/// <summary>Settings under Gonghui:Venues. TileUrl empty: the map shows markers on a plain background.</summary>
public sealed class VenuesOptions
{
    public string TileUrl { get; set; } = "";
    public string TileAttribution { get; set; } = "";
    /// <summary>Where the public map opens when the browser's location is unknown (Tiananmen, WGS-84).</summary>
    public double DefaultLat { get; set; } = 39.9087;
    public double DefaultLng { get; set; } = 116.3975;
}

/// <summary>Service venues on the map: registry, opening hours, the spatial index, public map API and pages.</summary>
public static class VenuesModule
{
    public static IServiceCollection AddVenues(this IServiceCollection services)
    {
        services.AddModelConfiguration("Venues", VenuesModel.Configure);
        services.AddOptions<VenuesOptions>().BindConfiguration("Gonghui:Venues");
        // The map's tiles are images from the tile host: the platform's Content-Security-Policy must allow it.
        services.AddOptions<Platform.Security.SecurityHeadersOptions>().Configure<Microsoft.Extensions.Options.IOptions<VenuesOptions>>((h, v) =>
        {
            if (Platform.Security.SecurityHeadersOptions.OriginOfTemplate(v.Value.TileUrl) is { } origin) h.ImageSources.Add(origin);
        });
        services.AddSingleton<VenueIndex>();
        services.AddScoped<VenueHandlers>();
        services.AddScoped<Nearby.MapSearch>();
        services.AddScoped<Coverage.CoverageCharts>();
        services.AddScoped<Gonghui.Platform.Indicators.IIndicatorSource, Indicators.VenuesIndicators>();
        services.AddScoped<Gonghui.Platform.Home.IHomeTasks, Home.VenuesHomeTasks>();
        services.AddHostedService<VenueIndexLoader>();
        services.AddSingleton<Platform.Data.IDemoSeeder, Demo.VenuesDemoSeeder>();
        services.AddSingleton<Platform.Data.IScenarioSeeder, Demo.VenuesScenarioSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapVenues(this IEndpointRouteBuilder app)
    {
        VenueEndpoints.Map(app.MapGroup("/api/v1/venues").WithTags("Venues"));
        Coverage.CoverageCharts.Map(app);
        app.MapGet("/api/v1/venues.geojson", GeoJson).WithTags("Venues").AllowAnonymous();
        return app;
    }

    /// <summary>Published venues as a GeoJSON FeatureCollection ([lng, lat] in the requested CRS; WGS-84 by default as RFC 7946 asks).</summary>
    internal static Results<Ok<GeoJsonCollection>, Microsoft.AspNetCore.Http.HttpResults.ValidationProblem> GeoJson(
        string? bbox, string? type, string? openNow, string? amenity, string? crs, string? at,
        VenueIndex index, TimeProvider clock, IStringLocalizer<VenuesText> L)
    {
        var errors = new Platform.Http.Api.Errors();
        if (!ChinaCoordinates.TryParseCrs(crs, out var system)) errors.Add("crs", L["venue.crs.unknown"]);
        (double MinLat, double MinLng, double MaxLat, double MaxLng) box = (-90, -180, 90, 180);
        if (bbox is not null && !errors.Any && !NearbyEndpoints.TryParseBox(bbox, system, out box, out var boxError)) errors.Add("bbox", L[boxError!]);
        var filter = NearbyEndpoints.ParseFilter(type, amenity, openNow, at, clock, errors, L, out var nowLocal);
        if (errors.Any) return errors.Problem();
        var cards = index.InBox(box.MinLat, box.MinLng, box.MaxLat, box.MaxLng, filter!, int.MaxValue);
        var features = cards.Select(c =>
        {
            var p = ChinaCoordinates.FromWgs84(new LatLng(c.Lat, c.Lng), system);
            return new GeoJsonFeature("Feature", c.Id, new GeoJsonPoint("Point", [Math.Round(p.Lng, 7), Math.Round(p.Lat, 7)]),
                new GeoJsonProps(c.Name, c.Type, c.Address, c.Hours.IsOpenAt(nowLocal), c.Hours.Is24Hours, c.AmenityNames, c.Phone));
        }).ToList();
        return TypedResults.Ok(new GeoJsonCollection("FeatureCollection", ChinaCoordinates.Name(system), features));
    }
}

public sealed record GeoJsonCollection(string Type, string Crs, List<GeoJsonFeature> Features);
public sealed record GeoJsonFeature(string Type, Guid Id, GeoJsonPoint Geometry, GeoJsonProps Properties);
public sealed record GeoJsonPoint(string Type, double[] Coordinates);
public sealed record GeoJsonProps(string Name, VenueType VenueType, string Address, bool OpenNow, bool Is24Hours, string[] Amenities, string? Phone);
