using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Gonghui.Platform.Http;

/// <summary>Settings under Gonghui:Security:PublicRate.</summary>
public sealed class PublicRateLimitOptions
{
    /// <summary>Requests one client address may make to a public look-up per window (an office behind NAT shares one address).</summary>
    public int PermitLimit { get; set; } = 30;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// The rate limit of anonymous look-ups that answer from records (a certificate's verification): a fixed window per client
/// address, in memory per node (ASP.NET Core's rate limiter). Past the limit: 429 problem details with Retry-After, nothing
/// looked up, so guessing codes costs a window per <see cref="PublicRateLimitOptions.PermitLimit"/> tries. An endpoint opts in with
/// <c>.RequireRateLimiting(PublicRateLimit.Policy)</c>, a page with <c>[EnableRateLimiting(PublicRateLimit.Policy)]</c>.
/// </summary>
public static class PublicRateLimit
{
    public const string Policy = "public";

    public static IServiceCollection AddPublicRateLimit(this IServiceCollection services)
    {
        services.AddOptions<PublicRateLimitOptions>().BindConfiguration("Gonghui:Security:PublicRate");
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Policy, ctx =>
            {
                var opts = ctx.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<PublicRateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = opts.PermitLimit, Window = opts.Window, QueueLimit = 0 });
            });
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: $"Too many look-ups from this address: try again in {seconds} s.",
                    extensions: new Dictionary<string, object?> { ["code"] = "rate.limited" }).ExecuteAsync(http);
            };
        });
        return services;
    }
}
