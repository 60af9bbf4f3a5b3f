using System.Security.Claims;
using Gonghui.Platform.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Gonghui.Platform.Identity;

public static class IdentityModule
{
    public const string BearerScheme = "Bearer";
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    private const string SmartScheme = "GonghuiSmart";

    public static IServiceCollection AddGonghuiIdentity(this IServiceCollection services)
    {
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<GonghuiDb>();

        services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, "Cookie or bearer", o =>
                o.ForwardDefaultSelector = ctx =>
                    ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? BearerScheme : CookieScheme)
            .AddCookie(CookieScheme, o =>
            {
                o.LoginPath = "/login";
                o.AccessDeniedPath = "/denied";
                o.Cookie.Name = "gonghui.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
            })
            .AddBearerToken(BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(8));
        // Decrypting a bearer token costs more than many API calls' own work: remember recent tokens' tickets (the handler
        // still checks each ticket's expiry on every request).
        services.PostConfigure<BearerTokenOptions>(BearerScheme, o => o.BearerTokenProtector = new RecentTicketCache(o.BearerTokenProtector));

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Staff))
            .AddPolicy(Policies.FederationAdmin, p => p.RequireRole(Roles.FederationAdmin))
            .AddPolicy(Policies.Worker, p => p.RequireRole(Roles.Worker));
        foreach (var permission in RolePermissions.All)
            services.AddAuthorizationBuilder().AddPolicy(permission, p => p.RequireRole(RolePermissions.RolesWith(permission)));
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        return services;
    }

    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api")) { ctx.Response.StatusCode = status; return Task.CompletedTask; }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static async Task<ClaimsPrincipal> PrincipalForAsync(UserManager<AppUser> users, AppUser user, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.UserName ?? ""),
            new("display_name", user.DisplayName),
            new(GonghuiClaims.OrgUnit, user.OrgUnitId.ToString()),
        };
        if (user.MemberId is { } m) claims.Add(new Claim(GonghuiClaims.Member, m.ToString()));
        foreach (var r in await users.GetRolesAsync(user)) claims.Add(new Claim(ClaimTypes.Role, r));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public sealed record TokenRequest(string? UserName, string? Password);
    public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

    public static IEndpointRouteBuilder MapGonghuiIdentity(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/auth/token", IssueToken).WithTags("Auth").AllowAnonymous().DisableAntiforgery();
        app.MapPost("/account/login", CookieLogin).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/account/logout", async (HttpContext ctx) =>
        {
            await ctx.SignOutAsync(CookieScheme);
            return Results.LocalRedirect("/login");
        }).ExcludeFromDescription();
        app.MapGet("/culture", (HttpContext ctx, string c, string? returnUrl) =>
        {
            var culture = c is "en-US" or "en" ? "en-US" : "zh-CN";
            ctx.Response.Cookies.Append(Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName,
                Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.MakeCookieValue(new(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(Http.LocalUrl.OrHome(returnUrl));
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, UnauthorizedHttpResult>> IssueToken(
        TokenRequest req, UserManager<AppUser> users, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(req.UserName)) errors["userName"] = ["userName is required."];
        if (string.IsNullOrEmpty(req.Password)) errors["password"] = ["password is required."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var user = await CheckPasswordAsync(users, req.UserName!, req.Password!);
        if (user is null) return TypedResults.Unauthorized();
        var options = bearer.Get(BearerScheme);
        var expires = clock.GetUtcNow().Add(options.BearerTokenExpiration);
        var ticket = new AuthenticationTicket(await PrincipalForAsync(users, user, BearerScheme),
            new AuthenticationProperties { ExpiresUtc = expires, IssuedUtc = clock.GetUtcNow() }, BearerScheme);
        return TypedResults.Ok(new TokenResponse(options.BearerTokenProtector.Protect(ticket), expires));
    }

    private static async Task<IResult> CookieLogin(HttpContext ctx, [FromForm] string userName, [FromForm] string password,
        [FromForm] string? returnUrl, UserManager<AppUser> users)
    {
        var user = await CheckPasswordAsync(users, userName, password);
        var back = Http.LocalUrl.OrHome(returnUrl);
        if (user is null) return Results.LocalRedirect($"/login?error=1&returnUrl={Uri.EscapeDataString(back)}");
        await ctx.SignInAsync(CookieScheme, await PrincipalForAsync(users, user, CookieScheme));
        return Results.LocalRedirect(back);
    }

    private static async Task<AppUser?> CheckPasswordAsync(UserManager<AppUser> users, string userName, string password)
    {
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null || await users.IsLockedOutAsync(user)) return null;
        if (await users.CheckPasswordAsync(user, password)) { await users.ResetAccessFailedCountAsync(user); return user; }
        await users.AccessFailedAsync(user);
        return null;
    }
}

/// <summary>Unprotects bearer tokens through a small cache of recently seen tokens (at most 10,000, each for 5 minutes).</summary>
internal sealed class RecentTicketCache(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (AuthenticationTicket Ticket, long At)> _seen = new(StringComparer.Ordinal);
    private static readonly long Lifetime = 5 * 60 * System.Diagnostics.Stopwatch.Frequency;

    public string Protect(AuthenticationTicket data) => inner.Protect(data);
    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);
    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null) return inner.Unprotect(protectedText, purpose);
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        if (_seen.TryGetValue(protectedText, out var hit) && now - hit.At < Lifetime) return hit.Ticket;
        var ticket = inner.Unprotect(protectedText);
        if (ticket is null) return null;
        if (_seen.Count >= 10_000) _seen.Clear();
        _seen[protectedText] = (ticket, now);
        return ticket;
    }
}
