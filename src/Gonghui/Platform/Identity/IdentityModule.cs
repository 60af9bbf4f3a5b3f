using System.Security.Claims;
using Gonghui.Platform.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gonghui.Platform.Identity;

public static class IdentityModule
{
    /// <summary>How long a sign-in (cookie or bearer token) lasts: a working day.</summary>
    private const int SessionHours = 8;
    private static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(SessionHours);

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
                // No lock-out after failed passwords (a stranger could lock any account): SignInThrottle delays instead.
                o.Lockout.AllowedForNewUsers = false;
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
                o.ExpireTimeSpan = SessionLifetime;
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
            })
            .AddBearerToken(BearerScheme, o => o.BearerTokenExpiration = SessionLifetime);
        // Decrypting a bearer token costs more than many API calls' own work: remember recent tokens' tickets (the handler
        // still checks each ticket's expiry on every request).
        services.PostConfigure<BearerTokenOptions>(BearerScheme, o => o.BearerTokenProtector = new RecentTicketCache(o.BearerTokenProtector));

        // Every endpoint and page names a permission of the matrix (Permissions.cs); there are no role policies.
        foreach (var permission in RolePermissions.All)
            services.AddAuthorizationBuilder().AddPolicy(permission, p => p.RequireRole(RolePermissions.RolesWith(permission)));
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddOptions<SessionOptions>().BindConfiguration("Gonghui:Security:Sessions");
        services.AddOptions<SignInThrottleOptions>().BindConfiguration("Gonghui:Security:SignIn");
        services.AddSingleton<SessionStore>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<PasswordCheck>();
        return services;
    }

    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api")) { ctx.Response.StatusCode = status; return Task.CompletedTask; }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static async Task<ClaimsPrincipal> PrincipalForAsync(UserManager<AppUser> users, AppUser user, string scheme, Guid sessionId)
    {
        var claims = new List<Claim>
        {
            new(GonghuiClaims.Session, sessionId.ToString()),
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
        app.MapPost("/api/v1/auth/token", IssueToken).WithTags("Auth").AllowAnonymous().DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        app.MapPost("/api/v1/auth/sessions/current/revoke", RevokeOwn).WithTags("Auth").RequireAuthorization(Permissions.OwnSessions);
        app.MapPost("/api/v1/auth/users/{userId:guid}/sessions/revoke", RevokeUser).WithTags("Auth").RequireAuthorization(Permissions.AccountsManage);
        app.MapPost("/account/login", CookieLogin).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/account/logout", Logout).AllowAnonymous().ExcludeFromDescription()
            .WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute());
        app.MapGet("/culture", (HttpContext ctx, string c, string? returnUrl) =>
        {
            var culture = c is "en-US" or "en" ? "en-US" : "zh-CN";
            ctx.Response.Cookies.Append(Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName,
                Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.MakeCookieValue(new(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(Http.LocalUrl.OrHome(returnUrl));
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    public sealed record RevokedSessions(int Revoked);

    private static string? AddressOf(HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString();

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, UnauthorizedHttpResult, ProblemHttpResult>> IssueToken(
        TokenRequest req, HttpContext ctx, PasswordCheck passwords, SignInThrottle throttle, SessionStore sessions, GonghuiDb db,
        UserManager<AppUser> users, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(req.UserName)) errors["userName"] = ["userName is required."];
        if (string.IsNullOrEmpty(req.Password)) errors["password"] = ["password is required."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (throttle.RetryAfter(req.UserName!, AddressOf(ctx)) is { } wait) return TooManyAttempts(ctx, wait);
        var user = await passwords.CheckAsync(req.UserName!, req.Password!);
        if (user is null) { throttle.Failed(req.UserName!, AddressOf(ctx)); return TypedResults.Unauthorized(); }
        throttle.Succeeded(req.UserName!);
        var options = bearer.Get(BearerScheme);
        var expires = clock.GetUtcNow().Add(options.BearerTokenExpiration);
        var sid = await sessions.StartAsync(db, user.Id, UserSession.Bearer, expires);
        var ticket = new AuthenticationTicket(await PrincipalForAsync(users, user, BearerScheme, sid),
            new AuthenticationProperties { ExpiresUtc = expires, IssuedUtc = clock.GetUtcNow() }, BearerScheme);
        return TypedResults.Ok(new TokenResponse(options.BearerTokenProtector.Protect(ticket), expires));
    }

    private static ProblemHttpResult TooManyAttempts(HttpContext ctx, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        ctx.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many sign-in attempts",
            detail: $"Too many failed sign-ins: try again in {seconds} s.");
    }

    private static async Task<IResult> CookieLogin(HttpContext ctx, [FromForm] string userName, [FromForm] string password,
        [FromForm] string? returnUrl, PasswordCheck passwords, SignInThrottle throttle, SessionStore sessions, GonghuiDb db, UserManager<AppUser> users)
    {
        var back = Http.LocalUrl.OrHome(returnUrl);
        if (throttle.RetryAfter(userName, AddressOf(ctx)) is { } wait)
            return Results.LocalRedirect($"/login?error=throttled&wait={Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))}&returnUrl={Uri.EscapeDataString(back)}");
        var user = await passwords.CheckAsync(userName, password);
        if (user is null)
        {
            throttle.Failed(userName, AddressOf(ctx));
            return Results.LocalRedirect($"/login?error=1&returnUrl={Uri.EscapeDataString(back)}");
        }
        throttle.Succeeded(userName);
        var sid = await sessions.StartAsync(db, user.Id, UserSession.Cookie, sessions.CookieExpiry());
        await ctx.SignInAsync(CookieScheme, await PrincipalForAsync(users, user, CookieScheme, sid));
        return Results.LocalRedirect(back);
    }

    /// <summary>Ends the session on the server too: the same cookie, replayed from elsewhere, no longer signs anybody in.</summary>
    private static async Task<IResult> Logout(HttpContext ctx, SessionStore sessions, GonghuiDb db, CurrentUser me)
    {
        // The antiforgery middleware only records its verdict for endpoints that bind no form: act on it here.
        if (ctx.Features.Get<Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature>() is { IsValid: false })
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form has expired; reload the page.");
        if (SessionStore.SessionOf(ctx.User) is { } sid && me.UserId is { } uid) await sessions.RevokeAsync(db, uid, sid, me.Name);
        await ctx.SignOutAsync(CookieScheme);
        return Results.LocalRedirect("/login");
    }

    /// <summary>Revokes the session the call is made with (a bearer token, or the cookie): it stops working at once.</summary>
    private static async Task<NoContent> RevokeOwn(HttpContext ctx, SessionStore sessions, GonghuiDb db, CurrentUser me)
    {
        if (SessionStore.SessionOf(ctx.User) is { } sid && me.UserId is { } uid) await sessions.RevokeAsync(db, uid, sid, me.Name);
        if (ctx.User.Identity?.AuthenticationType == CookieScheme) await ctx.SignOutAsync(CookieScheme);
        return TypedResults.NoContent();
    }

    /// <summary>An administrator ends every session of an account (a lost phone, a leaked token, a leaver).</summary>
    private static async Task<Results<Ok<RevokedSessions>, NotFound>> RevokeUser(Guid userId, SessionStore sessions, GonghuiDb db, CurrentUser me,
        TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) return TypedResults.NotFound();
        var n = await sessions.RevokeAllAsync(db, userId, me.Name, ct);
        await db.SaveChangesWithAuditAsync([Audit.AuditTrail.Custom(me.Name, "sessions.revoke", nameof(AppUser), userId.ToString(), null,
            new { revoked = n }, clock.GetUtcNow())], ct);
        return TypedResults.Ok(new RevokedSessions(n));
    }
}

/// <summary>Checks a password in the same time whether or not the account exists (no user-name probing by timing).</summary>
public sealed class PasswordCheck(UserManager<AppUser> users)
{
    private static string? s_dummyHash;

    public async Task<AppUser?> CheckAsync(string userName, string password)
    {
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null || await users.IsLockedOutAsync(user))
        {
            // Hash the password anyway, against a hash made by the same hasher with the same work factor.
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), s_dummyHash ??= users.PasswordHasher.HashPassword(new AppUser(),
                Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18))), password);
            return null;
        }
        return await users.CheckPasswordAsync(user, password) ? user : null;
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
