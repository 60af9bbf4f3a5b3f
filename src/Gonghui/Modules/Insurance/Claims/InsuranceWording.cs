using Gonghui.Modules.Funds.Public;
using System.Globalization;
using Gonghui.Modules.Insurance.Claims;
using Gonghui.Modules.Insurance.Schemes;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Money;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Gonghui.Platform.Security;

namespace Gonghui.Modules.Insurance.Claims;

public sealed record InsuranceLineDto(string Code, long AmountFen, long? BaseFen, int? RatioBp, string? Arg, string Text);

/// <summary>The module's words for amounts, rates, explanation lines and outcome codes: one place for the API and the pages.</summary>
internal static class InsuranceWording
{
    internal static string Money(long fen) => new Fen(fen).ToString();

    internal static string Percent(int bp) => (bp / 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>The argument as the reader should see it: caps as money, causes by name, dates and grades as they are.</summary>
    internal static string ArgText(string code, string? arg, IStringLocalizer<InsuranceText> t) => arg is null ? "" : code switch
    {
        "payout.medicalCap" or "payout.personCap" when long.TryParse(arg, CultureInfo.InvariantCulture, out var f) => Money(f),
        "refusal.causeNotCovered" => t["Cause." + arg],
        _ => arg,
    };

    internal static InsuranceLineDto Explain(ExplanationLine l, IStringLocalizer<InsuranceText> t) =>
        new(l.Code, l.AmountFen, l.BaseFen, l.RatioBp, l.Arg,
            t[l.Code, Money(l.AmountFen), l.BaseFen is { } b ? Money(b) : "", l.RatioBp is { } r ? Percent(r) : "", ArgText(l.Code, l.Arg, t)]);

    /// <summary>The module's wording of outcome codes: the argument (a date, a cap, a cause) goes in as <see cref="ArgText"/> shows it.</summary>
    internal static OutcomeText Text(IStringLocalizer<InsuranceText> t) => (code, args) =>
        t[code, "", "", "", ArgText(code, args.Count > 0 ? args[0] as string : null, t)];

    /// <summary>For pages: the message of a failed use case (a field's or the conflict's); "not found" when it found nothing.</summary>
    internal static string Message<T>(Outcome<T> o, IStringLocalizer<InsuranceText> t) => o.ErrorText(Text(t), "notFound")!;
}
