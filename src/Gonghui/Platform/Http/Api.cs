using Microsoft.AspNetCore.Http.HttpResults;

namespace Gonghui.Platform.Http;

/// <summary>Problem-details helpers shared by every module's endpoints (lists page through <see cref="Keyset"/>).</summary>
public static class Api
{
    public const int MaxPageSize = 200;

    /// <summary>Collects field errors; endpoints return <see cref="Problem"/> when any were added.</summary>
    public sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
        public bool Any => _errors.Count > 0;
        public Errors Add(string field, string message)
        {
            if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
            list.Add(message);
            return this;
        }
        public IReadOnlyDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(k => k.Key, v => v.Value.ToArray());
        public ValidationProblem Problem() => TypedResults.ValidationProblem(ToDictionary());
        public string? FirstFor(string field) => _errors.TryGetValue(field, out var l) ? l[0] : null;

        /// <summary>Adds a domain rule's (field, error code) pairs, each code localized.</summary>
        public Errors AddCodes(IEnumerable<(string Field, string Code)> codes, Microsoft.Extensions.Localization.IStringLocalizer t)
        {
            foreach (var (field, code) in codes) Add(field, t[code]);
            return this;
        }
    }

    /// <summary>409 problem details; a stable <paramref name="code"/> goes to the "code" extension for clients to branch on.</summary>
    public static ProblemHttpResult Conflict(string detail, string? title = null, string? code = null) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: title ?? "Conflict",
            extensions: code is null ? null : new Dictionary<string, object?> { ["code"] = code });
}
