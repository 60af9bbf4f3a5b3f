namespace Gonghui.Platform.Http;

/// <summary>The four answers a use case gives: done, bad input (400), not found or out of scope (404), refused (409).</summary>
public enum OutcomeKind { Ok, Invalid, NotFound, Conflict }

/// <summary>
/// What a use case answers, in every module: a value, or why not. Failures carry stable codes (keys of the module's
/// text resources), never sentences in one language; <see cref="OutcomeHttp"/> turns them into problem details for the
/// API, and pages word the same codes next to the field (<see cref="OutcomeHttp.ErrorFor{T}"/>). Endpoints and pages
/// call the same handler and read the same outcome.
/// </summary>
public sealed record Outcome<T>
{
    private Outcome(OutcomeKind kind) => Kind = kind;

    public OutcomeKind Kind { get; }

    /// <summary>The result when <see cref="IsOk"/>; otherwise default (a failure may still name the record it concerns).</summary>
    public T? Value { get; private init; }

    /// <summary>Field name (as in the API) → error codes, for <see cref="OutcomeKind.Invalid"/>.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; private init; }

    /// <summary>The stable code of a conflict; clients branch on it (the problem's <c>code</c> extension).</summary>
    public string? Code { get; private init; }

    /// <summary>Text after the code's message (e.g. the ledger's reason), or the whole message of a conflict without a code.</summary>
    public string? Detail { get; private init; }

    /// <summary>The problem title of a conflict; "Conflict" when none is set.</summary>
    public string? Title { get; init; }

    /// <summary>Arguments of the message (a date, a cap, the figures of an eligibility rule); the module's wording decides where they go.</summary>
    public IReadOnlyList<object?> Args { get; private init; } = [];

    /// <summary>An idempotent repeat: the value is what the first call produced, nothing was done again.</summary>
    public bool Replayed { get; private init; }

    public bool IsOk => Kind == OutcomeKind.Ok;

    public static Outcome<T> Ok(T value, bool replayed = false) => new(OutcomeKind.Ok) { Value = value, Replayed = replayed };

    public static Outcome<T> NotFound() => new(OutcomeKind.NotFound);

    /// <summary>One field error: the field as the API names it and the code of what is wrong with it.</summary>
    public static Outcome<T> Invalid(string field, string code, params object?[] args) =>
        new(OutcomeKind.Invalid) { Errors = new Dictionary<string, string[]> { [field] = [code] }, Args = args ?? [] };

    /// <summary>Several field errors (field, code), in the order found; a field may have more than one.</summary>
    public static Outcome<T> Invalid(IEnumerable<(string Field, string Code)> errors) =>
        new(OutcomeKind.Invalid) { Errors = errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Code).ToArray(), StringComparer.Ordinal) };

    /// <summary>Field errors collected with <see cref="Api.Errors"/>.</summary>
    public static Outcome<T> Invalid(Api.Errors errors) => new(OutcomeKind.Invalid) { Errors = errors.ToDictionary() };

    /// <summary>Refused with a stable code (409); <paramref name="detail"/>, when given, follows the code's message.</summary>
    public static Outcome<T> Conflict(string code, string? detail = null, params object?[] args) =>
        new(OutcomeKind.Conflict) { Code = code, Detail = detail, Args = args ?? [] };

    /// <summary>Refused (409) with a message and no stable code: for modules whose messages are not yet text resources.</summary>
    public static Outcome<T> Refused(string message) => new(OutcomeKind.Conflict) { Detail = message };

    /// <summary>This failure as the outcome of another use case (a handler passing on what a step it called refused).</summary>
    public Outcome<TOther> As<TOther>() => IsOk
        ? throw new InvalidOperationException("Only a failure can be passed on as another outcome.")
        : new Outcome<TOther>(Kind) { Errors = Errors, Code = Code, Detail = Detail, Title = Title, Args = Args };

    /// <summary>The value turned into another (a view of the entity), or this failure as it is.</summary>
    public Outcome<TOther> Map<TOther>(Func<T, TOther> map) => IsOk ? Outcome<TOther>.Ok(map(Value!), Replayed) : As<TOther>();
}
