using System.Collections.Concurrent;
using System.Security.Claims;
using Gonghui.Platform.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gonghui.Platform.Identity;

/// <summary>One server-side sign-in: a cookie or a bearer token names it by id; revoking it ends the cookie or token at once.</summary>
public sealed class UserSession
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public string Kind { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Absolute end: a sliding cookie is refreshed while used, but never past this.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }

    public const string Cookie = "cookie";
    public const string Bearer = "bearer";
}

/// <summary>Settings under Gonghui:Security:Sessions.</summary>
public sealed class SessionOptions
{
    /// <summary>A cookie session ends this long after sign-in even while in use (idle cookies end after 8 hours).</summary>
    public TimeSpan CookieAbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);
    /// <summary>How long a node trusts a "still live" answer before asking the database again. Revocations on the same node
    /// take effect at once; other nodes see them within this time.</summary>
    public TimeSpan LiveCacheTime { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>Starts, checks and revokes server-side sessions (table identity_sessions).</summary>
public sealed class SessionStore(IServiceScopeFactory scopes, TimeProvider clock, IOptions<SessionOptions> options)
{
    private readonly ConcurrentDictionary<Guid, (bool Live, DateTimeOffset ExpiresAt, long CheckedAt)> _cache = new();

    public async Task<Guid> StartAsync(GonghuiDb db, Guid userId, string kind, DateTimeOffset expiresAt, CancellationToken ct = default)
    {
        var s = new UserSession { Id = Guid.CreateVersion7(), UserId = userId, Kind = kind, CreatedAt = clock.GetUtcNow(), ExpiresAt = expiresAt };
        db.Add(s);
        await db.SaveChangesAsync(ct);
        db.Entry(s).State = EntityState.Detached;
        // Now and then, forget sessions that ended over a week ago (one sign-in in 256 pays for it).
        if (Random.Shared.Next(256) == 0)
        {
            var cutoff = s.CreatedAt.AddDays(-7);
            await db.Set<UserSession>().Where(x => x.ExpiresAt < cutoff).ExecuteDeleteAsync(ct);
        }
        return s.Id;
    }

    public DateTimeOffset CookieExpiry() => clock.GetUtcNow().Add(options.Value.CookieAbsoluteLifetime);

    /// <summary>True while the session exists, is not revoked and has not reached its absolute end.</summary>
    public async Task<bool> IsLiveAsync(Guid id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var ticks = System.Diagnostics.Stopwatch.GetTimestamp();
        if (_cache.TryGetValue(id, out var hit) && (!hit.Live || System.Diagnostics.Stopwatch.GetElapsedTime(hit.CheckedAt, ticks) < options.Value.LiveCacheTime))
            return hit.Live && hit.ExpiresAt > now;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
        var row = await db.Set<UserSession>().AsNoTracking().Where(s => s.Id == id)
            .Select(s => new { s.RevokedAt, s.ExpiresAt }).FirstOrDefaultAsync(ct);
        var live = row is not null && row.RevokedAt is null;
        if (_cache.Count > 50_000) _cache.Clear();
        _cache[id] = (live, row?.ExpiresAt ?? default, ticks);
        return live && row!.ExpiresAt > now;
    }

    /// <summary>Revokes one session; false if there is none of that id for the user.</summary>
    public async Task<bool> RevokeAsync(GonghuiDb db, Guid userId, Guid sessionId, string by, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var n = await db.Set<UserSession>().Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedBy, by), ct);
        _cache[sessionId] = (false, default, System.Diagnostics.Stopwatch.GetTimestamp());
        return n > 0;
    }

    /// <summary>Revokes every live session of a user (an administrator's "sign out everywhere"); returns how many.</summary>
    public async Task<int> RevokeAllAsync(GonghuiDb db, Guid userId, string by, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var ids = await db.Set<UserSession>().AsNoTracking().Where(s => s.UserId == userId && s.RevokedAt == null).Select(s => s.Id).ToListAsync(ct);
        var n = await db.Set<UserSession>().Where(s => s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now).SetProperty(s => s.RevokedBy, by), ct);
        var at = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var id in ids) _cache[id] = (false, default, at);
        return n;
    }

    public static Guid? SessionOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(GonghuiClaims.Session), out var id) ? id : null;
}

/// <summary>Runs after authentication: a cookie or token whose session was revoked, has ended or is unknown counts as
/// anonymous (and a dead cookie is deleted). This is what makes a copied cookie useless after logout.</summary>
public sealed class SessionCheckMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext ctx, SessionStore sessions)
    {
        if (ctx.User.Identity?.IsAuthenticated == true
            && (SessionStore.SessionOf(ctx.User) is not { } id || !await sessions.IsLiveAsync(id, ctx.RequestAborted)))
        {
            var bearer = ctx.User.Identity.AuthenticationType == IdentityModule.BearerScheme;
            ctx.User = new ClaimsPrincipal(new ClaimsIdentity());
            if (!bearer) await ctx.SignOutAsync(IdentityModule.CookieScheme);
        }
        await next(ctx);
    }
}
