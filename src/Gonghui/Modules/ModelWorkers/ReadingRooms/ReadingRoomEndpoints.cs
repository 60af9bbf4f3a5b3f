using Gonghui.Modules.ModelWorkers.Rules;
using Gonghui.Platform.Geo;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.ModelWorkers.ReadingRooms;

/// <summary>Reading rooms under /api/v1/model-workers/reading-rooms: the registry, the public nearest-first list, the selection and the yearly check.</summary>
internal static class ReadingRoomEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/reading-rooms", async Task<IResult> (DemoLevel? named, string? q, string? after, string? before, int? limit, ReadingRoomService s, CancellationToken ct) =>
        {
            var errors = new Api.Errors();
            if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
            return TypedResults.Ok(await s.ListAsync(named, q, request, ct));
        }).RequireAuthorization(Permissions.ModelWorkersRead);
        // Public: where to read, for any worker on the map (names, addresses and hours are public information).
        g.MapGet("/reading-rooms/nearby", async Task<IResult> (double? lat, double? lng, string? crs, int? limit, ReadingRoomService s, CancellationToken ct) =>
        {
            var errors = new Api.Errors();
            if (lat is null or < -90 or > 90) errors.Add("lat", "lat: −90 … 90");
            if (lng is null or < -180 or > 180) errors.Add("lng", "lng: −180 … 180");
            if (!ChinaCoordinates.TryParseCrs(crs, out var c)) errors.Add("crs", "crs: wgs84 | gcj02 | bd09");
            if (limit is < 1 or > 100) errors.Add("limit", "limit: 1 … 100");
            if (errors.Any) return errors.Problem();
            return TypedResults.Ok(await s.NearbyAsync(lat!.Value, lng!.Value, c, limit ?? 20, ct));
        }).AllowAnonymous();
        g.MapPost("/reading-rooms", async (RoomRequest body, ReadingRoomService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.CreateAsync(body, ct)).ToCreatedResult(v => $"/api/v1/model-workers/reading-rooms/{v.Id}", v => v, t)).RequireAuthorization(Permissions.ModelWorkersEdit);
        g.MapGet("/reading-rooms/selections", async (ReadingRoomService s, CancellationToken ct) => TypedResults.Ok(await s.OpenSelectionsAsync(ct)))
            .RequireAuthorization(Permissions.ModelWorkersRead);
        g.MapGet("/reading-rooms/{id:guid}", async (Guid id, ReadingRoomService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.DetailAsync(id, ct)).ToHttpResult(t)).RequireAuthorization(Permissions.ModelWorkersRead);
        g.MapPut("/reading-rooms/{id:guid}", async (Guid id, RoomRequest body, ReadingRoomService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.UpdateAsync(id, body, ct)).ToHttpResult(t)).RequireAuthorization(Permissions.ModelWorkersEdit);
        g.MapPost("/reading-rooms/{id:guid}/selections", async (Guid id, ApplyRequest body, ReadingRoomService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.ApplyAsync(id, body, ct)).ToCreatedResult(v => $"/api/v1/model-workers/reading-rooms/{id}", v => v, t)).RequireAuthorization(Permissions.ModelWorkersEdit);
        g.MapPost("/reading-rooms/selections/{id:guid}/steps", async (Guid id, SelectionStepRequest body, ReadingRoomService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.StepAsync(id, body, ct)).ToHttpResult(t)).RequireAuthorization(Permissions.ModelWorkersManage);
        g.MapPost("/reading-rooms/selections/{id:guid}/checks", async (Guid id, CheckRequest body, ReadingRoomService s, IStringLocalizer<ModelWorkersText> t, CancellationToken ct) =>
            (await s.CheckAsync(id, body, ct)).ToCreatedResult(v => $"/api/v1/model-workers/reading-rooms/selections/{id}", v => v, t)).RequireAuthorization(Permissions.ModelWorkersManage);
    }
}
