using Microsoft.AspNetCore.Http.HttpResults;

namespace Gonghui.Platform.Http;

/// <summary>One page of a list: items, the page asked for, its size and the total count.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total);

/// <summary>Paging and problem-details helpers shared by every module's endpoints.</summary>
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

    public static bool TryPaging(int? page, int? pageSize, Errors errors, out int p, out int size)
    {
        p = page ?? 1;
        size = pageSize ?? 20;
        if (p < 1) errors.Add("page", "page must be 1 or more.");
        if (size < 1 || size > MaxPageSize) errors.Add("pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        return !errors.Any;
    }

    /// <summary>409 problem details; a stable <paramref name="code"/> goes to the "code" extension for clients to branch on.</summary>
    public static ProblemHttpResult Conflict(string detail, string? title = null, string? code = null) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: title ?? "Conflict",
            extensions: code is null ? null : new Dictionary<string, object?> { ["code"] = code });
}
