using System.Globalization;
using Gonghui.Components;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Calendars;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Notifications;
using Gonghui.Platform.Http;
using Gonghui.Platform.Passes;
using Gonghui.Platform.Printing;
using Gonghui.Platform.Security;
using Gonghui.Platform.Telemetry;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

namespace Gonghui.Platform;

/// <summary>What every module shares: data, identity, audit, localization, problem details, OpenAPI, health and the UI shell.</summary>
public static class PlatformModule
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en-US")];

    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var settings = DatabaseSettings.From(builder.Configuration);
        services.AddGonghuiData(settings);
        // First of the hosted services: the data-protection key ring and every later one read tables the migrations make.
        services.AddHostedService<DatabaseInitializer>();
        services.AddSingleton(PersonalDataProtector.FromConfiguration(builder.Configuration, settings.DataDir));
        services.AddScoped<IAuditActor, HttpAuditActor>();
        services.AddScoped<Files.FileStore>();
        services.AddGonghuiIdentity();
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = o.SupportedUICultures = Cultures;
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                // API clients may ask for English with Accept-Language; pages follow the switcher's cookie.
                new CustomRequestCultureProvider(ctx => ctx.Request.Path.StartsWithSegments("/api")
                    ? new AcceptLanguageHeaderRequestCultureProvider().DetermineProviderCultureResult(ctx)
                    : Task.FromResult<ProviderCultureResult?>(null)),
            ];
        });
        // Keys in the database, under one application name: a cookie or token issued by one node is read by every other.
        services.AddDataProtection().SetApplicationName("Gonghui").PersistKeysToDbContext<GonghuiDb>();
        services.AddGonghuiTelemetry(builder.Configuration);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            o.SerializerOptions.TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.WithAddedModifier(
                o.SerializerOptions.TypeInfoResolver ?? new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(), Http.JsonInputGuards.Modify);
        });
        services.AddProblemDetails();
        // Bad input throws (in every environment) so that one handler answers it as a 4xx naming the field.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<Http.BadInputExceptionHandler>();
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        services.AddRazorComponents();
        // Chinese text goes out as UTF-8, not as numeric character references (pages a third of the size, readable source).
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddCascadingAuthenticationState();
        services.AddAntiforgery();
        services.AddOptions<SecurityHeadersOptions>().BindConfiguration("Gonghui:Security:Headers");
        services.AddCalendars(); // after the migrations: it loads the uploaded years at start
        services.AddNotifications(); // the SMS gateway and the outbox every module writes its notifications to
        services.AddPasses(); // the member pass (会员码): signed, 60-second, single-use QR tokens for tills and sign-ins
        services.AddSingleton<DemoSeeding>();
        services.AddOptions<Http.IdempotencyOptions>().BindConfiguration("Gonghui:Idempotency");
        services.AddSingleton<Http.IdempotencyPurge>();
        services.AddOptions<Printing.PrintingOptions>().BindConfiguration("Gonghui:Printing");
        services.AddScoped<Printing.PdfPrinter>(); // HTML → PDF with headless Chromium (reports, printables)
        services.AddSingleton<Printing.CertificateCodes>(); // verification codes of printed certificates (training, contest awards)
        services.AddScoped<Printing.CertificateVerifier>(); // the public check of a certificate's number and code (ICertificateRegister per module)
        services.AddPublicRateLimit(); // anonymous look-ups that answer from records: a fixed window per client address
        services.AddHostedService(sp => sp.GetRequiredService<Http.IdempotencyPurge>());

        // `dotnet run` from the source tree runs as Production: without this, assets that live outside wwwroot (the
        // framework's blazor.web.js, scoped CSS bundles) answer 500. A no-op in a published app.
        builder.WebHost.UseStaticWebAssets();
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls("http://127.0.0.1:5080");
        return builder;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseExceptionHandler();
        app.UseGonghuiMetrics(); // /metrics: loopback or the scrape token only, before sign-in (docs/operations.md)
        app.UseStatusCodePages(); // the API: problem details
        // A browser asking for a page gets errors in the site's layout (ErrorPage.razor), not problem JSON.
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api") && AcceptsHtml(ctx.Request), page =>
        {
            page.UseExceptionHandler("/error", createScopeForErrors: true);
            page.UseStatusCodePagesWithReExecute("/error/{0}", createScopeForStatusCodePages: true);
        });
        // Routing after the error handlers, so that a re-executed /error/{code} finds its page.
        app.UseRouting();
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseMiddleware<SessionCheckMiddleware>();
        app.UseAuthorization();
        app.UseRateLimiter(); // after routing: only endpoints and pages that name PublicRateLimit.Policy are limited
        app.UseAntiforgery();
        app.UseMiddleware<Http.Idempotency>(); // after authorization: a refused request takes no key
        app.MapStaticAssets();
        app.MapOpenApi();
        // Without its default web fonts the reference loads nothing from outside (the CSP would refuse them anyway).
        app.MapScalarApiReference("/docs/api", o => o.WithTitle("Gonghui API").DisableDefaultFonts());
        app.MapHealthChecks("/healthz", new() { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new() { Predicate = c => c.Tags.Contains("ready") });
        app.MapGonghuiIdentity();
        app.MapCalendars();
        app.MapPasses();
        app.MapCertificateChecks();
        return app;
    }

    private static bool AcceptsHtml(HttpRequest req) =>
        req.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    /// <summary>Maps the UI: every module's pages live in this assembly and are routed together.</summary>
    public static WebApplication MapUi(this WebApplication app)
    {
        app.MapRazorComponents<App>();
        return app;
    }
}

internal sealed class DatabaseHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
        return await db.Database.CanConnectAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("database unreachable");
    }
}
