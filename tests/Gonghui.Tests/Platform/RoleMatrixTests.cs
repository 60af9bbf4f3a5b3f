using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Gonghui.Platform.Identity;
using Gonghui.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Tests.Platform;

/// <summary>
/// Least privilege, checked as a table: every API operation and every page, called as every role (and anonymously), must be
/// let through exactly when the role × permission matrix grants every permission the endpoint declares. A difference in
/// either direction fails, naming the endpoint and the role.
/// </summary>
public sealed partial class RoleMatrixTests(SqliteApp app, ITestOutputHelper output) : IClassFixture<SqliteApp>
{
    /// <summary>One demo account per role.</summary>
    private static readonly (string Role, string User)[] Accounts =
    [
        (Roles.FederationAdmin, "admin"), (Roles.DistrictStaff, "dongcheng"), (Roles.GrassrootsStaff, "dc-grassroots"),
        (Roles.HotlineAgent, "agent"), (Roles.Counsellor, "counsellor"), (Roles.FundOfficer, "fundofficer"),
        (Roles.Auditor, "auditor"), (Roles.Evaluator, "evaluator"), (Roles.Judge, "judge"), (Roles.Merchant, "merchant"), (Roles.Lawyer, "lawyer"), (Roles.Worker, "worker"),
    ];

    // Calls that would end the caller's own session or token, which the rest of the table needs: declared, not called.
    private static readonly string[] NotCalled = ["/api/v1/auth/", "/account/logout", "/account/login"];

    private sealed record Target(string Method, string Pattern, string Url, bool Page, bool Anonymous, IReadOnlyList<string> Permissions, bool Multipart = false);

    private List<Target> Targets()
    {
        var targets = new List<Target>();
        foreach (var e in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');
            var page = e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
            if (!page && !IsOurs(pattern)) continue;
            var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var anonymous = e.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var declared = e.Metadata.GetOrderedMetadata<IAuthorizeData>();
            var permissions = declared.Select(d => d.Policy).OfType<string>().Distinct().ToList();
            // An upload that accepts only a form is not even routed for JSON (415): send it a form.
            var multipart = e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Any(c => c.StartsWith("multipart/", StringComparison.Ordinal)) == true;
            foreach (var method in page ? ["GET"] : methods)
                targets.Add(new Target(method, pattern, Url(pattern), page, anonymous, permissions, multipart));
        }
        return targets;
    }

    private static bool IsOurs(string pattern) =>
        pattern.StartsWith("/api/", StringComparison.Ordinal) || pattern.StartsWith("/open311/", StringComparison.Ordinal)
        || pattern.StartsWith("/hardship/ui/", StringComparison.Ordinal) || pattern.StartsWith("/account/", StringComparison.Ordinal)
        || pattern.EndsWith(".xlsx", StringComparison.Ordinal);

    private static string Url(string pattern) => RouteParameter().Replace(pattern, m => m.Groups["name"].Value.ToLowerInvariant() switch
    {
        "format" => "json",
        "fundcode" => "warmth",
        "year" => "2026",
        _ when m.Value.Contains(":int", StringComparison.Ordinal) => "1",
        _ when m.Value.Contains(":guid", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
        _ => "x",
    }).Replace("{*", "").Replace("}", "");

    [GeneratedRegex(@"\{\*?(?<name>[A-Za-z]+)(:[^}]*)?\??\}")]
    private static partial Regex RouteParameter();

    [Fact]
    public void Every_operation_and_page_declares_permissions_from_the_matrix_or_is_public()
    {
        var targets = Targets();
        Assert.True(targets.Count(t => !t.Page) > 100, $"only {targets.Count(t => !t.Page)} operations found");
        Assert.True(targets.Count(t => t.Page) > 50, $"only {targets.Count(t => t.Page)} pages found");
        var offenders = targets
            .Where(t => t.Anonymous ? false : t.Permissions.Count == 0 || t.Permissions.Any(p => !RolePermissions.All.Contains(p)))
            .Select(t => $"{t.Method} {t.Pattern}: [{string.Join(", ", t.Permissions)}]").Distinct().ToList();
        Assert.True(offenders.Count == 0, "Endpoints without a matrix permission (or with a role or policy outside it):\n" + string.Join("\n", offenders));
        var roleBased = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(d => !string.IsNullOrEmpty(d.Roles)))
            .Select(e => e.DisplayName).ToList();
        Assert.True(roleBased.Count == 0, "Endpoints naming roles instead of a permission: " + string.Join(", ", roleBased));
    }

    [Fact]
    public async Task Every_role_reaches_exactly_what_the_matrix_grants()
    {
        var targets = Targets().Where(t => !NotCalled.Any(n => t.Pattern.StartsWith(n, StringComparison.Ordinal))).ToList();
        var clients = new List<(string Role, HttpClient Client)> { ("anonymous", app.CreateClient(new() { AllowAutoRedirect = false })) };
        foreach (var (role, user) in Accounts) clients.Add((role, await app.ClientAsync(user)));

        var differences = new List<string>();
        var calls = 0;
        foreach (var t in targets)
            foreach (var (role, client) in clients)
            {
                var expected = t.Anonymous || (role != "anonymous" && t.Permissions.All(p => RolePermissions.Has(role, p)));
                using var request = new HttpRequestMessage(new HttpMethod(t.Method), t.Url);
                if (t.Method is "POST" or "PUT" or "PATCH")
                    request.Content = t.Multipart ? new MultipartFormDataContent { { new StringContent("x"), "note" } } : new StringContent("{}", Encoding.UTF8, "application/json");
                using var response = await client.SendAsync(request);
                calls++;
                var denied = await DeniedByAuthorizationAsync(response);
                if (denied == expected)
                    differences.Add($"{t.Method} {t.Pattern} as {role}: {(int)response.StatusCode} (matrix {(expected ? "grants" : "refuses")} [{string.Join(", ", t.Permissions)}])");
            }
        var operations = targets.Count(t => !t.Page);
        var pages = targets.Count(t => t.Page);
        output.WriteLine($"role matrix: {operations} operations and {pages} pages x {clients.Count} identities = {calls} calls, {differences.Count} differences");
        TestContext.Current.SendDiagnosticMessage($"role matrix: {operations} operations and {pages} pages x {clients.Count} identities = {calls} calls, {differences.Count} differences");
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    /// <summary>
    /// Refused: 401, a redirect to the sign-in or denied page, or 403 (an out-of-scope record answers 404, bad input 400, so a
    /// granted role never sees 403 from a placeholder call).
    /// </summary>
    private static async Task<bool> DeniedByAuthorizationAsync(HttpResponseMessage r)
    {
        if (r.StatusCode == HttpStatusCode.Unauthorized) return true;
        if (r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found && r.Headers.Location is { } at)
            return at.OriginalString.Contains("/login", StringComparison.Ordinal) || at.OriginalString.Contains("/denied", StringComparison.Ordinal);
        await Task.CompletedTask;
        return r.StatusCode == HttpStatusCode.Forbidden;
    }

    [Fact]
    public void The_security_guide_prints_the_matrix_as_it_is_in_code()
    {
        var doc = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "security.md"));
        var expected = MatrixTable();
        Assert.True(doc.Contains(expected, StringComparison.Ordinal),
            "docs/security.md's table under '## Roles and permissions' differs from RolePermissions.Matrix; replace it with:\n\n" + expected);
    }

    /// <summary>The matrix as a Markdown table: a row per permission, a column per role.</summary>
    public static string MatrixTable()
    {
        var sb = new StringBuilder();
        sb.Append("| permission |");
        foreach (var r in Roles.All) sb.Append(' ').Append(r).Append(" |");
        sb.Append("\n|---|");
        foreach (var _ in Roles.All) sb.Append(":---:|");
        sb.Append('\n');
        foreach (var p in RolePermissions.All)
        {
            sb.Append("| `").Append(p).Append("` |");
            foreach (var r in Roles.All) sb.Append(RolePermissions.Has(r, p) ? " ✓ |" : "   |");
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gonghui.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Gonghui.slnx not found above " + AppContext.BaseDirectory);
    }
}
