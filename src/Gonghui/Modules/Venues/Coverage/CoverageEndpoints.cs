using Gonghui.Modules.Venues.Rules;
using System.Globalization;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Geo;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Gonghui.Platform.Security;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Gonghui.Modules.Venues.Nearby;
using Gonghui.Modules.Venues.Listing;

namespace Gonghui.Modules.Venues.Coverage;

/// <summary>Venue coverage by district and type, for staff in scope.</summary>
internal static class CoverageEndpoints
{
    public static void Map(RouteGroupBuilder staff) => staff.MapGet("/coverage", Coverage).RequireAuthorization(Permissions.VenuesRead);

    public static async Task<Ok<CoverageReport>> Coverage(VenueHandlers venues, CancellationToken ct) =>
        TypedResults.Ok(await venues.CoverageAsync(ct));
}
