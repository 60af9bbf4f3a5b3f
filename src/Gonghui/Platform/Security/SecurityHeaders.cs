namespace Gonghui.Platform.Security;

/// <summary>Settings under Gonghui:Security:Headers. Modules add the hosts they load images from (the map's tile host).</summary>
public sealed class SecurityHeadersOptions
{
    /// <summary>Extra img-src sources, e.g. "https://*.tile.openstreetmap.org". Venues adds its tile host itself.</summary>
    public List<string> ImageSources { get; set; } = [];
    /// <summary>Seconds a browser keeps to HTTPS once it saw the header over HTTPS.</summary>
    public int HstsMaxAgeSeconds { get; set; } = 365 * 24 * 3600;

    /// <summary>The origin of a tile URL template ("https://{s}.tile.example.org/{z}/{x}/{y}.png" → "https://*.tile.example.org"), or null.</summary>
    public static string? OriginOfTemplate(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        var s = url.Trim();
        var scheme = s.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0) return null;
        var hostEnd = s.IndexOf('/', scheme + 3);
        var host = hostEnd < 0 ? s[(scheme + 3)..] : s[(scheme + 3)..hostEnd];
        // A {s}, {a-c} or similar placeholder in the host becomes a wildcard label; CSP allows '*' only as the leftmost label.
        var labels = host.Split('.');
        if (labels.Length > 0 && labels[0].Contains('{')) labels[0] = "*";
        if (labels.Skip(1).Any(l => l.Contains('{') || l.Contains('*'))) return null;
        host = string.Join('.', labels);
        if (host.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '*' or ':' or '[' or ']'))) return null;
        return s[..(scheme + 3)] + host;
    }
}

/// <summary>One middleware puts the security headers on every response: CSP, nosniff, referrer policy, framing, HSTS over HTTPS.</summary>
/// <remarks>Pages run Blazor static SSR, which needs no inline script and no eval: script-src is 'self' only. Inline style
/// attributes remain in a few pages (bar widths), so style-src-attr allows them while style elements must come from 'self'.
/// The API reference at /docs/api (Scalar) writes inline scripts and styles and compiles code at run time (eval): it gets a
/// looser policy of its own, on its own path, which serves no data and takes no input; JSON
/// answers under /api get the strictest one. Headers are added when the response starts, so error pages carry them too.</remarks>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, Microsoft.Extensions.Options.IOptions<SecurityHeadersOptions> options)
{
    private readonly string _pages = PagePolicy(options.Value);
    private readonly string _docs = DocsPolicy(options.Value);
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private readonly string _hsts = $"max-age={options.Value.HstsMaxAgeSeconds}; includeSubDomains";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var (self, ctx) = ((SecurityHeadersMiddleware, HttpContext))state;
            self.Apply(ctx);
            return Task.CompletedTask;
        }, (this, context));
        return next(context);
    }

    private void Apply(HttpContext ctx)
    {
        var headers = ctx.Response.Headers;
        var path = ctx.Request.Path;
        headers.ContentSecurityPolicy = path.StartsWithSegments("/api") ? ApiPolicy
            : path.StartsWithSegments("/docs/api") || path.StartsWithSegments("/scalar") ? _docs
            : _pages;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), payment=(), usb=(), geolocation=(self)";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (ctx.Request.IsHttps) headers.StrictTransportSecurity = _hsts;
    }

    internal static string PagePolicy(SecurityHeadersOptions o) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
        + $"img-src {string.Join(' ', new[] { "'self'", "data:" }.Concat(o.ImageSources.Where(s => !string.IsNullOrWhiteSpace(s))).Distinct())}; "
        + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static string DocsPolicy(SecurityHeadersOptions o) =>
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
}
