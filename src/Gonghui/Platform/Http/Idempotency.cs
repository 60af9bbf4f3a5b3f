using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Gonghui.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Platform.Http;

/// <summary>
/// A remembered <c>Idempotency-Key</c>: who sent it, the hash of the request it came with, and — once the first request
/// finished — the answer to replay. The row is inserted before the request runs, under the primary key
/// (caller, operation, key), so of concurrent requests with one key exactly one runs; the others wait for its answer.
/// </summary>
public sealed class IdempotencyRecord
{
    private IdempotencyRecord() { }
    public string Caller { get; private set; } = "";
    public string Key { get; private set; } = "";
    public string RequestHash { get; private set; } = "";
    public string Request { get; private set; } = "";
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public int? StatusCode { get; private set; }
    public string? ContentType { get; private set; }
    public string? Location { get; private set; }
    public byte[]? Body { get; private set; }

    public static IdempotencyRecord Start(string caller, string key, string hash, string request, DateTimeOffset now) =>
        new() { Caller = caller, Key = key, RequestHash = hash, Request = request, StartedAt = now };

    public void Complete(int status, string? contentType, string? location, byte[] body, DateTimeOffset now)
    {
        StatusCode = status;
        ContentType = contentType;
        Location = location;
        Body = body;
        CompletedAt = now;
    }

    internal static void Configure(Microsoft.EntityFrameworkCore.ModelBuilder b) => b.Entity<IdempotencyRecord>(e =>
    {
        e.ToTable("platform_idempotency_keys");
        e.HasKey(x => new { x.Caller, x.Request, x.Key });
        e.Property(x => x.Caller).HasMaxLength(100);
        e.Property(x => x.Key).HasMaxLength(Idempotency.MaxKeyLength);
        e.Property(x => x.RequestHash).HasMaxLength(64);
        e.Property(x => x.Request).HasMaxLength(300);
        e.Property(x => x.ContentType).HasMaxLength(200);
        e.Property(x => x.Location).HasMaxLength(2000);
        e.HasIndex(x => x.StartedAt);
    });
}

/// <summary>
/// The platform's one <c>Idempotency-Key</c> mechanism, for every API POST (money moves and record creations alike):
/// a POST under <c>/api/</c> carrying the header runs at most once per (caller, method and path, key). The first
/// request inserts the key with the hash of its query and body, runs, and stores its answer; a retry — or a concurrent
/// twin — with the same key and the same request gets that answer replayed (header <c>Idempotent-Replayed: true</c>);
/// the same key with a different request is a 422. Only a success (below 400) is remembered: a refused request
/// (4xx), a failure (5xx) or an exception forgets the key, so the caller may correct the request and retry with it
/// (as Stripe does: nothing was done, so there is nothing to replay). Endpoints need nothing to take part; they may still read the header (e.g. to derive
/// ledger keys).
/// </summary>
public sealed class Idempotency(RequestDelegate next, IServiceScopeFactory scopes, TimeProvider clock, ILogger<Idempotency> log)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 200;
    /// <summary>How long a twin waits for the first request's answer before it is told to retry (409).</summary>
    public static TimeSpan WaitLimit { get; set; } = TimeSpan.FromSeconds(60);

    public async Task InvokeAsync(HttpContext ctx)
    {
        if (!HttpMethods.IsPost(ctx.Request.Method) || !ctx.Request.Path.StartsWithSegments("/api")
            || !ctx.Request.Headers.TryGetValue(Header, out var values) || ctx.GetEndpoint() is null
            || ctx.Request.Path.StartsWithSegments("/api/v1/auth"))
        {
            await next(ctx);
            return;
        }
        var key = values.ToString().Trim();
        if (key.Length is 0 or > MaxKeyLength || values.Count > 1)
        {
            await WriteProblemAsync(ctx, 400, "Invalid input", $"The {Header} header must be one value of 1 to {MaxKeyLength} characters.", "idempotency.key.invalid", Header);
            return;
        }
        var caller = ctx.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? ctx.User.Identity?.Name ?? "anonymous";
        if (caller.Length > 100) caller = caller[..100];
        var hash = await HashAsync(ctx.Request, ctx.RequestAborted);
        var request = $"{ctx.Request.Method} {ctx.Request.Path}";
        if (request.Length > 300) request = request[..300];

        var deadline = clock.GetUtcNow() + WaitLimit;
        var delay = 20;
        while (true)
        {
            using (var scope = scopes.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
                db.Add(IdempotencyRecord.Start(caller, key, hash, request, clock.GetUtcNow()));
                try
                {
                    await db.SaveChangesAsync(ctx.RequestAborted);
                }
                catch (DbUpdateException e) when (BadInputExceptionHandler.Classify(e)?.Status == 409)
                {
                    db.ChangeTracker.Clear();
                    var seen = await db.Set<IdempotencyRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Caller == caller && r.Request == request && r.Key == key, ctx.RequestAborted);
                    if (seen is null) continue; // the first one failed and let go of the key: try to take it
                    if (seen.RequestHash != hash)
                    {
                        await WriteProblemAsync(ctx, 422, "Idempotency-Key reused",
                            $"This {Header} was used with a different request ({seen.Request}); use a new key for a new request.", "idempotency.key.reused", Header);
                        return;
                    }
                    if (seen.StatusCode is { } status)
                    {
                        await ReplayAsync(ctx, seen, status);
                        return;
                    }
                    if (clock.GetUtcNow() > deadline)
                    {
                        await WriteProblemAsync(ctx, 409, "Request in progress",
                            $"A request with this {Header} is still being processed; retry later with the same key.", "idempotency.inProgress", null);
                        return;
                    }
                    await Task.Delay(delay, ctx.RequestAborted);
                    delay = Math.Min(delay * 2, 250);
                    continue;
                }
            }
            break;
        }

        // This request holds the key: run it, keep its answer.
        var original = ctx.Response.Body;
        using var buffer = new MemoryStream();
        ctx.Response.Body = buffer;
        int statusCode;
        try
        {
            await next(ctx);
            statusCode = ctx.Response.StatusCode;
        }
        catch
        {
            ctx.Response.Body = original;
            await ForgetAsync(caller, request, key);
            throw;
        }
        finally
        {
            ctx.Response.Body = original;
        }
        if (statusCode >= 400) await ForgetAsync(caller, request, key); // refused or failed: nothing happened, a corrected retry may use the key
        else
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
            var record = await db.Set<IdempotencyRecord>().FirstAsync(r => r.Caller == caller && r.Request == request && r.Key == key, CancellationToken.None);
            record.Complete(statusCode, ctx.Response.ContentType, ctx.Response.Headers.Location.ToString() is { Length: > 0 and <= 2000 } l ? l : null,
                buffer.ToArray(), clock.GetUtcNow());
            await db.SaveChangesAsync(CancellationToken.None);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, ctx.RequestAborted);
    }

    private async Task ForgetAsync(string caller, string request, string key)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<GonghuiDb>();
            await db.Set<IdempotencyRecord>().Where(r => r.Caller == caller && r.Request == request && r.Key == key).ExecuteDeleteAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            log.LogWarning(e, "Could not release an Idempotency-Key after a failed request");
        }
    }

    private static async Task ReplayAsync(HttpContext ctx, IdempotencyRecord seen, int status)
    {
        ctx.Response.StatusCode = status;
        if (seen.ContentType is { } ct) ctx.Response.ContentType = ct;
        if (seen.Location is { } loc) ctx.Response.Headers.Location = loc;
        ctx.Response.Headers[ReplayedHeader] = "true";
        if (seen.Body is { Length: > 0 } body) await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted);
    }

    /// <summary>SHA-256 of method, path, query, content type (without a multipart boundary) and body; the body stays readable.</summary>
    private static async Task<string> HashAsync(HttpRequest req, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var contentType = req.ContentType ?? "";
        var boundary = "";
        if (contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)
            && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var mt) && mt.Boundary.HasValue)
        {
            boundary = Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(mt.Boundary).ToString();
            contentType = mt.MediaType.ToString();
        }
        sha.AppendData(Encoding.UTF8.GetBytes($"{req.Method}\n{req.Path}\n{req.QueryString}\n{contentType}\n"));
        req.EnableBuffering();
        var bytes = new byte[81920];
        int n;
        // A multipart body differs between two sends of the same form only in its random boundary: hash it without.
        var carry = Array.Empty<byte>();
        var marker = boundary.Length > 0 ? Encoding.ASCII.GetBytes("--" + boundary) : [];
        while ((n = await req.Body.ReadAsync(bytes, ct)) > 0)
        {
            if (marker.Length == 0) { sha.AppendData(bytes, 0, n); continue; }
            var chunk = new byte[carry.Length + n];
            carry.CopyTo(chunk, 0);
            Array.Copy(bytes, 0, chunk, carry.Length, n);
            var span = chunk.AsSpan();
            int at;
            while ((at = span.IndexOf(marker)) >= 0)
            {
                sha.AppendData(span[..at]);
                span = span[(at + marker.Length)..];
            }
            // A boundary may start in the last bytes and end in the next read: keep them for the next round.
            var keep = Math.Min(marker.Length - 1, span.Length);
            sha.AppendData(span[..^keep]);
            carry = span[^keep..].ToArray();
        }
        sha.AppendData(carry);
        req.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static async Task WriteProblemAsync(HttpContext ctx, int status, string title, string detail, string code, string? field)
    {
        ctx.Response.StatusCode = status;
        var problem = field is null
            ? new ProblemDetails { Status = status, Title = title, Detail = detail }
            : new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail] }) { Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        await ctx.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = ctx, ProblemDetails = problem });
    }
}
