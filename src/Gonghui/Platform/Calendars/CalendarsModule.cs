using System.Text;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gonghui.Platform.Calendars;

/// <summary>The working-day calendar: the service every module reads, its table, and the administrators' upload API.</summary>
public static class CalendarsModule
{
    public static IServiceCollection AddCalendars(this IServiceCollection services)
    {
        services.AddSingleton<CalendarService>();
        services.AddHostedService<CalendarService.Refresher>();
        return services;
    }

    internal static void Configure(ModelBuilder b) => b.Entity<CalendarYear>(e =>
    {
        e.ToTable("platform_calendars");
        e.HasKey(c => c.Year);
        e.Property(c => c.Year).ValueGeneratedNever();
        e.Property(c => c.UploadedBy).HasMaxLength(100);
    });

    public static IEndpointRouteBuilder MapCalendars(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/calendars").WithTags("Calendars").RequireAuthorization(Permissions.CalendarsManage);
        g.MapGet("/", (CalendarService c) => TypedResults.Ok(c.Years()));
        g.MapGet("/{year:int}", Get);
        g.MapPut("/{year:int}", Put).DisableAntiforgery();
        return app;
    }

    private static Results<ContentHttpResult, NotFound> Get(int year, CalendarService calendars) =>
        calendars.JsonOf(year) is { } json ? TypedResults.Content(json, "application/json", Encoding.UTF8) : TypedResults.NotFound();

    /// <summary>Uploads a year: the body is the year file (see docs/operations.md); 400 names each wrong entry.</summary>
    private static async Task<Results<Ok<CalendarYearInfo>, ValidationProblem>> Put(int year, HttpRequest request, CalendarService calendars,
        CurrentUser me, TimeProvider clock, IStringLocalizer<CalendarText> t, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var json = await reader.ReadToEndAsync(ct);
        var errors = await calendars.UploadAsync(year, json, me.Name, clock.GetUtcNow(), ct);
        if (errors.Count > 0) return new Api.Errors().AddCodes(errors, t).Problem();
        return TypedResults.Ok(calendars.Years().Single(y => y.Year == year));
    }
}

/// <summary>Marker for the calendar's UI strings (CalendarText.resx, zh-CN; CalendarText.en.resx).</summary>
public sealed class CalendarText;
