using System.Globalization;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Hardship;

/// <summary>
/// Marker for the Hardship module's strings (HardshipText.resx, zh-CN; HardshipText.en.resx, English), and the wording
/// of its outcome codes, shared by the endpoints (problem details) and the pages.
/// </summary>
public sealed class HardshipText
{
    /// <summary>The module's wording of outcome codes: an eligibility refusal is explained with its figures, every other code from the texts.</summary>
    internal static OutcomeText Words(IStringLocalizer<HardshipText> t) => (code, args) =>
        code.StartsWith("eligibility.", StringComparison.Ordinal) && args is [EligibilityResult e] ? Explain(e, t) : t[code].Value;

    internal static Results<Ok<T>, ValidationProblem, NotFound, ProblemHttpResult> Http<T>(Outcome<T> o, IStringLocalizer<HardshipText> t) => o.ToHttpResult(Words(t));

    internal static string Explain(EligibilityResult e, IStringLocalizer<HardshipText> t) =>
        string.Format(CultureInfo.CurrentCulture, t[e.Rule].Value, new Platform.Money.Fen(e.PerPersonIncomeFen),
            e.MinimumLivingFen is { } m ? new Platform.Money.Fen(m).ToString() : "-", e.LowIncomeFen is { } l ? new Platform.Money.Fen(l).ToString() : "-",
            e.AccidentLimitFen is { } a ? new Platform.Money.Fen(a).ToString() : "-");

    /// <summary>The code a page shows after a redirect (it words it itself).</summary>
    internal static string FirstCode<T>(Outcome<T> r) => r.Errors?.Values.First()[0] ?? r.Code ?? "";
}
