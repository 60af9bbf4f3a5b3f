using System.Security.Claims;
using Gonghui.Platform.Scope;

namespace Gonghui.Platform.Identity;

/// <summary>Resolves an organisation unit's materialised path; implemented by the Organizations module.</summary>
public interface IOrgPathLookup
{
    Task<string?> PathOfAsync(Guid unitId, CancellationToken ct = default);
}

/// <summary>The caller and their organisation scope. Every scoped query filters by <see cref="ScopePathAsync"/>.</summary>
public sealed class CurrentUser(IHttpContextAccessor http, IOrgPathLookup paths)
{
    private string? _scope;

    public ClaimsPrincipal Principal => http.HttpContext?.User ?? new ClaimsPrincipal(new ClaimsIdentity());
    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;
    public string Name => Principal.Identity?.Name ?? "anonymous";
    public Guid? UserId => Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
    public Guid? OrgUnitId => Guid.TryParse(Principal.FindFirstValue(GonghuiClaims.OrgUnit), out var id) ? id : null;
    public Guid? MemberId => Guid.TryParse(Principal.FindFirstValue(GonghuiClaims.Member), out var id) ? id : null;
    public bool IsInRole(string role) => Principal.IsInRole(role);
    public bool IsStaff => Roles.Staff.Any(Principal.IsInRole);

    /// <summary>Whether one of the caller's roles holds the permission in the role × permission matrix.</summary>
    public bool Can(string permission) => RolePermissions.RolesWith(permission).Any(Principal.IsInRole);

    /// <summary>The path prefix of the caller's unit ("/BJ/DC/"); a caller without a unit gets a path that matches nothing.</summary>
    public async Task<string> ScopePathAsync(CancellationToken ct = default)
    {
        if (_scope is not null) return _scope;
        var unit = OrgUnitId;
        _scope = (unit is null || !IsStaff ? null : await paths.PathOfAsync(unit.Value, ct)) ?? "!no-scope!"; // matches no path (paths start with "/"), and PostgreSQL accepts it
        return _scope;
    }

    public async Task<bool> CoversAsync(string path, CancellationToken ct = default) =>
        ScopeFilter.Covers(await ScopePathAsync(ct), path);
}
