using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Gonghui.Platform.Http;

/// <summary>How a module words an error code of an outcome, with the outcome's arguments, in the caller's language.</summary>
public delegate string OutcomeText(string code, IReadOnlyList<object?> args);

/// <summary>
/// The one mapping from <see cref="Outcome{T}"/> to HTTP: Ok → 200 with the value; Invalid → 400 validation problem
/// (<c>errors</c>: field → messages); NotFound → 404; Conflict → 409 problem details with the message as <c>detail</c>
/// and the stable <c>code</c> extension. Messages come from the module's text resources through <see cref="OutcomeText"/>;
/// pages use <see cref="ErrorFor{T}"/> and <see cref="ErrorText{T}"/> to show the same words.
/// </summary>
public static class OutcomeHttp
{
    /// <summary>Wording by a module's localizer: the code is the resource key, filled with the outcome's arguments.
    /// A code without a resource (a module's plain-text message) is shown as it is; no localizer shows every code as it is.</summary>
    public static OutcomeText Words(IStringLocalizer? t)
    {
        if (t is null) return AsIs;
        return (code, args) => args.Count == 0 ? t[code].Value : t[code, [.. args.Select(a => a ?? "")]].Value;
    }

    /// <summary>Every code shown as it is: for modules whose outcomes carry their messages (the hotline's English texts).</summary>
    public static readonly OutcomeText AsIs = (code, _) => code;

    /// <summary>200 with the value, or the failure.</summary>
    public static Results<Ok<T>, ValidationProblem, NotFound, ProblemHttpResult> ToHttpResult<T>(this Outcome<T> o, IStringLocalizer? t = null) =>
        o.ToHttpResult(v => TypedResults.Ok(v), Words(t));

    public static Results<Ok<T>, ValidationProblem, NotFound, ProblemHttpResult> ToHttpResult<T>(this Outcome<T> o, OutcomeText text) =>
        o.ToHttpResult(v => TypedResults.Ok(v), text);

    /// <summary>The endpoint's own answer to success (200 with a view of the value, 201 Created, 204), or the failure.</summary>
    public static Results<TOk, ValidationProblem, NotFound, ProblemHttpResult> ToHttpResult<T, TOk>(this Outcome<T> o, Func<T, TOk> ok, IStringLocalizer? t = null)
        where TOk : IResult => o.ToHttpResult(ok, Words(t));

    public static Results<TOk, ValidationProblem, NotFound, ProblemHttpResult> ToHttpResult<T, TOk>(this Outcome<T> o, Func<T, TOk> ok, OutcomeText text)
        where TOk : IResult => o.Kind switch
    {
        OutcomeKind.Ok => ok(o.Value!),
        OutcomeKind.NotFound => TypedResults.NotFound(),
        OutcomeKind.Invalid => TypedResults.ValidationProblem(o.FieldErrors(text)),
        _ => ConflictProblem(o, text),
    };

    /// <summary>An idempotent create or posting: 201 Created at <paramref name="location"/> with the view; 200 with the same view
    /// when the outcome is a replay (nothing was done again); or the failure.</summary>
    public static Results<Created<TView>, Ok<TView>, ValidationProblem, NotFound, ProblemHttpResult> ToCreatedResult<T, TView>(this Outcome<T> o,
        Func<T, string> location, Func<T, TView> view, IStringLocalizer? t = null) => o.Kind switch
    {
        OutcomeKind.Ok when o.Replayed => TypedResults.Ok(view(o.Value!)),
        OutcomeKind.Ok => TypedResults.Created(location(o.Value!), view(o.Value!)),
        OutcomeKind.NotFound => TypedResults.NotFound(),
        OutcomeKind.Invalid => TypedResults.ValidationProblem(o.FieldErrors(Words(t))),
        _ => ConflictProblem(o, Words(t)),
    };

    /// <summary>As <see cref="ToHttpResult{T,TOk}(Outcome{T},Func{T,TOk},OutcomeText)"/> when the answer to success needs a query.</summary>
    public static async Task<Results<TOk, ValidationProblem, NotFound, ProblemHttpResult>> ToHttpResultAsync<T, TOk>(this Outcome<T> o, Func<T, Task<TOk>> ok,
        IStringLocalizer? t = null) where TOk : IResult =>
        o.IsOk ? await ok(o.Value!) : o.ToHttpResult(_ => default(TOk)!, Words(t));

    /// <summary>The failure as problem details (400, 404 or 409), for endpoints that answer success their own way (201 Created, a file).</summary>
    public static Results<ValidationProblem, NotFound, ProblemHttpResult> ToProblem<T>(this Outcome<T> o, IStringLocalizer? t = null) => o.ToProblem(Words(t));

    public static Results<ValidationProblem, NotFound, ProblemHttpResult> ToProblem<T>(this Outcome<T> o, OutcomeText text) => o.Kind switch
    {
        OutcomeKind.Ok => throw new InvalidOperationException("A successful outcome is not a problem."),
        OutcomeKind.NotFound => TypedResults.NotFound(),
        OutcomeKind.Invalid => TypedResults.ValidationProblem(o.FieldErrors(text)),
        _ => ConflictProblem(o, text),
    };

    private static ProblemHttpResult ConflictProblem<T>(Outcome<T> o, OutcomeText text) =>
        Api.Conflict(o.ConflictText(text) ?? "Conflict", o.Title, o.Code);

    /// <summary>Field → worded messages of an invalid outcome (empty otherwise).</summary>
    public static Dictionary<string, string[]> FieldErrors<T>(this Outcome<T> o, OutcomeText text) =>
        (o.Errors ?? new Dictionary<string, string[]>()).ToDictionary(e => e.Key, e => e.Value.Select(c => text(c, o.Args)).ToArray(), StringComparer.Ordinal);

    /// <summary>For pages that collect messages with <see cref="Api.Errors"/>: the field errors, worded (as they are without a localizer).</summary>
    public static Api.Errors ToErrors<T>(this Outcome<T> o, IStringLocalizer? t = null)
    {
        var errors = new Api.Errors();
        foreach (var (field, messages) in o.FieldErrors(Words(t)))
            foreach (var m in messages) errors.Add(field, m);
        return errors;
    }

    /// <summary>The worded message of a conflict: the code's message, then the detail; or the detail alone.</summary>
    public static string? ConflictText<T>(this Outcome<T> o, OutcomeText text) =>
        o.Kind != OutcomeKind.Conflict ? null
        : o.Code is null ? o.Detail
        : o.Detail is null ? text(o.Code, o.Args) : $"{text(o.Code, o.Args)} {o.Detail}";

    /// <summary>For pages: the message for one field, or null when the outcome has none for it.</summary>
    public static string? ErrorFor<T>(this Outcome<T> o, string field, IStringLocalizer? t) => o.ErrorFor(field, Words(t));

    public static string? ErrorFor<T>(this Outcome<T> o, string field, OutcomeText text) =>
        o.Errors is not null && o.Errors.TryGetValue(field, out var codes) && codes.Length > 0 ? text(codes[0], o.Args) : null;

    /// <summary>For pages: every message of a failure in one line (field errors, or the conflict); null when ok, and when
    /// not found unless the module names the code it words "not found" with (<paramref name="notFoundCode"/>).</summary>
    public static string? ErrorText<T>(this Outcome<T> o, IStringLocalizer? t, string? notFoundCode = null) => o.ErrorText(Words(t), notFoundCode);

    public static string? ErrorText<T>(this Outcome<T> o, OutcomeText text, string? notFoundCode = null) => o.Kind switch
    {
        OutcomeKind.Invalid => string.Join(" ", o.FieldErrors(text).SelectMany(e => e.Value)),
        OutcomeKind.Conflict => o.ConflictText(text),
        OutcomeKind.NotFound when notFoundCode is not null => text(notFoundCode, o.Args),
        _ => null,
    };
}
