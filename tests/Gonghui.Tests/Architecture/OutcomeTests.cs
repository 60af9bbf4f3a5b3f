using System.Reflection;
using Gonghui.Platform.Http;

namespace Gonghui.Tests.Architecture;

/// <summary>
/// One way for a use case to say "done, or why not": <see cref="Outcome{T}"/> in Platform/Http, mapped to HTTP once by
/// <see cref="OutcomeHttp"/>. A type elsewhere named like a result (…Outcome…, …Result) that carries a failure (a
/// not-found or conflict flag, an error code or field errors, an outcome status) is a second result type and fails here.
/// Values named …Result that carry no failure (EligibilityResult, an import's row report, enrolment counts) are allowed.
/// </summary>
public class OutcomeTests
{
    private static readonly Assembly App = typeof(Outcome<>).Assembly;

    private static readonly string[] FailureFlags = ["NotFound", "Conflict", "Ok", "IsOk", "Succeeded", "Failed", "Refused", "Missing"];
    private static readonly string[] FailureTexts = ["Error", "Conflict", "Refusal"];

    private static bool NamedLikeAResult(Type t)
    {
        var tick = t.Name.IndexOf('`');  // a type nested in a generic one is generic without an arity in its own name
        var name = tick < 0 ? t.Name : t.Name[..tick];
        return name.Contains("Outcome", StringComparison.Ordinal) || name.EndsWith("Result", StringComparison.Ordinal);
    }

    /// <summary>Why <paramref name="t"/> is a use-case result (a member that carries a failure), or null.</summary>
    private static string? FailureCarrier(Type t)
    {
        if (t.IsEnum) return "it is an outcome status";
        const BindingFlags Public = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static;
        foreach (var p in t.GetProperties(Public).Select(p => (p.Name, Type: p.PropertyType))
                     .Concat(t.GetFields(Public).Select(f => (f.Name, Type: f.FieldType)))
                     .Concat(t.GetMethods(Public).Where(m => m.IsStatic && !m.IsSpecialName && m.ReturnType == t).Select(m => (m.Name, Type: typeof(bool)))))
        {
            if (p.Type == typeof(bool) && FailureFlags.Contains(p.Name)) return $"{p.Name} says it failed";
            if (p.Type == typeof(string) && FailureTexts.Contains(p.Name)) return $"{p.Name} carries an error";
            if (p.Name == "Errors" && IsFieldErrors(p.Type)) return "Errors carries field errors";
            if ((Nullable.GetUnderlyingType(p.Type) ?? p.Type) is { IsEnum: true } e && NamedLikeAResult(e)) return $"{p.Name} is an outcome status";
        }
        return null;
    }

    private static bool IsFieldErrors(Type t) =>
        t == typeof(Api.Errors)
        || typeof(IEnumerable<KeyValuePair<string, string[]>>).IsAssignableFrom(t)
        || typeof(IEnumerable<(string, string)>).IsAssignableFrom(t);

    public static IEnumerable<Type> ResultTypesOutsidePlatformHttp() =>
        App.GetTypes()
            .Where(t => t.Namespace is { } ns && ns.StartsWith("Gonghui.", StringComparison.Ordinal) && ns != "Gonghui.Platform.Http")
            .Where(t => !t.Name.StartsWith('<') && !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)))
            .Where(NamedLikeAResult)
            .Where(t => FailureCarrier(t) is not null);

    [Fact]
    public void No_use_case_result_type_exists_outside_Platform_Http()
    {
        var offenders = ResultTypesOutsidePlatformHttp().Select(t => $"{t.FullName} ({FailureCarrier(t)}): use Gonghui.Platform.Http.Outcome<T>").Order().ToList();
        Assert.True(offenders.Count == 0, "Use-case result types outside Platform/Http:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_rule_recognises_a_result_type_and_spares_a_value()
    {
        Assert.Equal("NotFound says it failed", FailureCarrier(typeof(SampleOutcome)));
        Assert.Equal("Errors carries field errors", FailureCarrier(typeof(SampleResult)));
        Assert.Equal("it is an outcome status", FailureCarrier(typeof(SampleOutcomeStatus)));
        Assert.Null(FailureCarrier(typeof(SampleCountsResult)));
        Assert.True(NamedLikeAResult(typeof(Outcome<int>)));
    }

    private sealed record SampleOutcome(int? Value, bool NotFound);
    private sealed record SampleResult(int? Value, IReadOnlyDictionary<string, string[]> Errors);
    private enum SampleOutcomeStatus { Done, Refused }
    private sealed record SampleCountsResult(int Enrolled, int AlreadyEnrolled, IReadOnlyList<Guid> NotFound);
}
