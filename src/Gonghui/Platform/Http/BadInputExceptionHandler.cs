using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Platform.Http;

/// <summary>
/// Turns every exception that bad input can cause into a 4xx problem details answer, once for every endpoint:
/// malformed JSON, wrong JSON types and unknown enum values (400 naming the JSON path), a missing or unparsable
/// parameter (400 naming it), malformed multipart and oversized bodies (400 / 413), <see cref="BadInputException"/>
/// (400 naming its field), a unique-key violation on SQLite or PostgreSQL (409), a value too long or out of range
/// for its column (400), a missing referenced row (400) and checked arithmetic overflowing on input (400).
/// Anything else is a bug and stays a 500.
/// </summary>
public sealed partial class BadInputExceptionHandler(IProblemDetailsService problems, ILogger<BadInputExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext ctx, Exception exception, CancellationToken ct)
    {
        if (Classify(exception) is not { } p) return false;
        if (ctx.Response.HasStarted) return false;
        log.LogInformation("Refused bad input on {Method} {Path}: {Status} {Field} {Code}", ctx.Request.Method, ctx.Request.Path, p.Status, p.Field, p.Code);
        ctx.Response.StatusCode = p.Status;
        var details = p.Field is null
            ? new ProblemDetails { Status = p.Status, Title = p.Title, Detail = p.Message }
            : new HttpValidationProblemDetails(new Dictionary<string, string[]> { [p.Field] = [p.Message] }) { Status = p.Status, Title = p.Title };
        details.Extensions["code"] = p.Code;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = ctx, ProblemDetails = details, Exception = exception });
    }

    /// <summary>The answer for an exception, or null when it is not caused by input.</summary>
    public sealed record Problem(int Status, string Title, string? Field, string Message, string Code);

    public static Problem? Classify(Exception e)
    {
        switch (e)
        {
            case BadInputException b:
                return new(400, "Invalid input", b.Field, b.Message, b.Code);
            case BadHttpRequestException bad:
                return FromBadRequest(bad);
            case JsonException j:
                return Json(j);
            case InvalidDataException d: // a malformed or over-long multipart form
                return new(400, "Invalid input", "form", d.Message, "form.malformed");
            case Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException:
                return new(400, "Invalid input", null, "The form's antiforgery token is missing or invalid.", "form.antiforgery");
            case DbUpdateException db when Database(db.InnerException) is { } p:
                return p;
            case OverflowException:
                return new(400, "Invalid input", null, "A number is out of range.", "number.overflow");
        }
        return e.InnerException is { } inner && e is not DbUpdateException ? Classify(inner) : Database(e);
    }

    private static Problem FromBadRequest(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException j) return Json(j);
        if (bad.InnerException is InvalidDataException d) return new(400, "Invalid input", "form", d.Message, "form.malformed");
        var status = bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : 400;
        if (status == 413) return new(413, "Request too large", "body", "The request body is too large.", "body.tooLarge");
        var m = ParameterName().Match(bad.Message);
        var field = m.Success ? m.Groups[1].Value : null;
        var message = bad.Message.Contains("from body", StringComparison.Ordinal) || bad.Message.Contains("JSON", StringComparison.Ordinal)
            ? "A JSON body is required."
            : m.Success ? $"'{field}' is missing or not valid." : "The request is malformed.";
        return new(status, "Invalid input", field ?? (message.StartsWith("A JSON") ? "body" : null), message, "request.malformed");
    }

    private static Problem Json(JsonException j)
    {
        var field = JsonField(j.Path);
        var message = j.InnerException is FormatException or OverflowException || j.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? $"'{field}' has the wrong type or is out of range."
            : "The JSON body is malformed.";
        return new(400, "Invalid input", field, message, "json.invalid");
    }

    /// <summary>"$.items[2].amountFen" → "items[2].amountFen"; the whole body when there is no path.</summary>
    public static string JsonField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "body";
        var p = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return p.Length == 0 ? "body" : p;
    }

    private static Problem? Database(Exception? e)
    {
        switch (e)
        {
            case Npgsql.PostgresException pg:
                return pg.SqlState switch
                {
                    "23505" => new(409, "Conflict", null, "A record with the same key already exists.", "record.duplicate"),
                    "23503" => new(400, "Invalid input", null, "A referenced record does not exist or is still in use.", "record.reference"),
                    "22001" => new(400, "Invalid input", pg.ColumnName is { } c ? Camel(c) : null, "A value is too long.", "value.tooLong"),
                    "22003" or "22008" or "22007" => new(400, "Invalid input", pg.ColumnName is { } c2 ? Camel(c2) : null, "A value is out of range.", "value.outOfRange"),
                    "22P02" or "22021" => new(400, "Invalid input", null, "A value is not valid text or number.", "value.invalid"),
                    _ => null,
                };
            case Microsoft.Data.Sqlite.SqliteException s when s.SqliteErrorCode == 19: // SQLITE_CONSTRAINT
                return s.SqliteExtendedErrorCode switch
                {
                    2067 or 1555 => new(409, "Conflict", null, "A record with the same key already exists.", "record.duplicate"),
                    787 => new(400, "Invalid input", null, "A referenced record does not exist or is still in use.", "record.reference"),
                    _ => null,
                };
            case Microsoft.Data.Sqlite.SqliteException s when s.Message.Contains("integer overflow", StringComparison.Ordinal):
                return new(400, "Invalid input", null, "A number is out of range.", "number.overflow");
        }
        return null;
    }

    private static string Camel(string snake)
    {
        var parts = snake.Split('_', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? snake : parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    [GeneratedRegex("parameter \"[^\"]*?\\b(\\w+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterName();
}
