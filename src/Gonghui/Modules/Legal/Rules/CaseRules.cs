using Gonghui.Platform.Calendars;

namespace Gonghui.Modules.Legal.Rules;

/// <summary>What kind of help a case is.</summary>
public enum CaseType { Consultation, Mediation, Arbitration, Litigation }

/// <summary>How the case reached the union.</summary>
public enum CaseChannel { Hotline, WalkIn, Online }

/// <summary>What the worker claims.</summary>
public enum ClaimKind { WageArrears, Overtime, SocialInsurance, Injury, ContractTermination, Compensation }

/// <summary>How a case ended (结案方式).</summary>
public enum CaseDisposition { MediatedAgreement, Award, Judgement, Withdrawn, Referred, Advised }

/// <summary>The dated steps of a case that start or stop a statutory clock.</summary>
public sealed record CaseDates(
    DateOnly ReceivedOn,
    DateOnly? MediationAppliedOn = null,
    DateOnly? MediationEndedOn = null,
    DateOnly? ArbitrationAppliedOn = null,
    DateOnly? AcceptedOn = null,
    bool ExtensionApproved = false,
    DateOnly? AwardedOn = null,
    DateOnly? ClosedOn = null);

/// <summary>One claim's amounts in fen: claimed, recovered, and why more was recovered than claimed (interest, a later increase).</summary>
public sealed record ClaimAmounts(ClaimKind Kind, long ClaimedFen, long? RecoveredFen, string? OverClaimReason);

/// <summary>A case's clocks and checks as pure functions.</summary>
public static class CaseRules
{
    /// <summary>
    /// The statutory deadlines still running for a case: mediation (15 days from the application), acceptance (5 working
    /// days from the arbitration application), the award (45 days from acceptance, 60 with an approved extension), and,
    /// until the worker applies for arbitration, the limitation. A step done or a case closed stops its clock.
    /// </summary>
    public static IReadOnlyList<Deadline> Running(CaseDates c, LimitationResult? limitation, WorkCalendar calendar)
    {
        var list = new List<Deadline>();
        if (c.ClosedOn is not null) return list;
        if (c.MediationAppliedOn is { } m && c.MediationEndedOn is null && c.ArbitrationAppliedOn is null)
            list.Add(Deadline.Of(StatutoryPeriods.Mediation, m, StatutoryClocks.Due(m, StatutoryPeriods.Mediation, calendar), calendar));
        if (c.ArbitrationAppliedOn is { } a && c.AcceptedOn is null)
            list.Add(Deadline.Of(StatutoryPeriods.Acceptance, a, StatutoryClocks.Due(a, StatutoryPeriods.Acceptance, calendar), calendar));
        if (c.AcceptedOn is { } acc && c.AwardedOn is null)
            list.Add(AwardDeadline(acc, c.ExtensionApproved, calendar));
        if (c.ArbitrationAppliedOn is null && limitation is { State: LimitationState.Running, Expires: { } expires })
            list.Add(Deadline.Of(StatutoryPeriods.Limitation, c.ReceivedOn, expires, calendar));
        return list.OrderBy(d => d.Due).ToList();
    }

    /// <summary>The award's deadline: 45 days from acceptance; with an approved extension 15 more, counted from the 45th day.</summary>
    public static Deadline AwardDeadline(DateOnly acceptedOn, bool extended, WorkCalendar calendar)
    {
        if (!extended) return Deadline.Of(StatutoryPeriods.Award, acceptedOn, StatutoryClocks.Due(acceptedOn, StatutoryPeriods.Award, calendar), calendar);
        var first = StatutoryClocks.RawEnd(acceptedOn, StatutoryPeriods.Award, calendar);
        return Deadline.Of(StatutoryPeriods.AwardExtension, acceptedOn, StatutoryClocks.Due(first, StatutoryPeriods.AwardExtension, calendar), calendar);
    }

    /// <summary>The earliest running deadline, or null.</summary>
    public static Deadline? Next(CaseDates c, LimitationResult? limitation, WorkCalendar calendar) =>
        Running(c, limitation, calendar).FirstOrDefault();

    /// <summary>
    /// Whether a closed case met every statutory clock it started: mediation ended, acceptance decided and award made by
    /// their deadlines. A case not closed is not counted either way (null).
    /// </summary>
    public static bool? ClosedInTime(CaseDates c, WorkCalendar calendar)
    {
        if (c.ClosedOn is null) return null;
        if (c.MediationAppliedOn is { } m && (c.MediationEndedOn ?? c.ArbitrationAppliedOn ?? c.ClosedOn) is { } mEnd
            && mEnd > StatutoryClocks.Due(m, StatutoryPeriods.Mediation, calendar)) return false;
        if (c.ArbitrationAppliedOn is { } a && (c.AcceptedOn ?? c.ClosedOn) is { } accEnd
            && accEnd > StatutoryClocks.Due(a, StatutoryPeriods.Acceptance, calendar)) return false;
        if (c.AcceptedOn is { } acc && (c.AwardedOn ?? c.ClosedOn) is { } awEnd
            && awEnd > AwardDeadline(acc, c.ExtensionApproved, calendar).Due) return false;
        return true;
    }

    /// <summary>
    /// The case's dates as (field, code): no step before the case was received or in the future, steps in order
    /// (mediation ended after it was applied for, acceptance after the application, award after acceptance), an extension
    /// only after acceptance.
    /// </summary>
    public static IReadOnlyList<(string Field, string Code)> Validate(CaseDates c, DateOnly today)
    {
        var errors = new List<(string, string)>();
        if (c.ReceivedOn > today) errors.Add(("receivedOn", "date-in-future"));
        void Step(string field, DateOnly? d, DateOnly? notBefore, string orderCode)
        {
            if (d is not { } v) return;
            if (v < c.ReceivedOn) errors.Add((field, "before-receipt"));
            else if (notBefore is { } nb && v < nb) errors.Add((field, orderCode));
            if (v > today) errors.Add((field, "date-in-future"));
        }
        Step("mediationAppliedOn", c.MediationAppliedOn, null, "");
        Step("mediationEndedOn", c.MediationEndedOn, c.MediationAppliedOn, "before-mediation-applied");
        if (c.MediationEndedOn is not null && c.MediationAppliedOn is null) errors.Add(("mediationEndedOn", "mediation-not-applied"));
        Step("arbitrationAppliedOn", c.ArbitrationAppliedOn, null, "");
        Step("acceptedOn", c.AcceptedOn, c.ArbitrationAppliedOn, "before-arbitration-applied");
        if (c.AcceptedOn is not null && c.ArbitrationAppliedOn is null) errors.Add(("acceptedOn", "arbitration-not-applied"));
        Step("awardedOn", c.AwardedOn, c.AcceptedOn, "before-accepted");
        if (c.AwardedOn is not null && c.AcceptedOn is null) errors.Add(("awardedOn", "not-accepted"));
        if (c.ExtensionApproved && c.AcceptedOn is null) errors.Add(("extensionApproved", "not-accepted"));
        Step("closedOn", c.ClosedOn, null, "");
        return errors;
    }

    /// <summary>
    /// A claim's amounts as (field, code): claimed and recovered not negative; recovered above claimed only with a reason.
    /// <paramref name="index"/> names the claim in the request (<c>claims[i]</c>).
    /// </summary>
    public static IReadOnlyList<(string Field, string Code)> ValidateClaim(ClaimAmounts claim, int index)
    {
        var errors = new List<(string, string)>();
        var f = $"claims[{index}]";
        if (claim.ClaimedFen < 0) errors.Add((f + ".claimedFen", "amount-negative"));
        if (claim.RecoveredFen is < 0) errors.Add((f + ".recoveredFen", "amount-negative"));
        if (claim.RecoveredFen is { } r && r > claim.ClaimedFen && string.IsNullOrWhiteSpace(claim.OverClaimReason))
            errors.Add((f + ".recoveredFen", "recovered-above-claimed"));
        return errors;
    }

    /// <summary>
    /// The conflict check: a lawyer may not act for a worker against an employer that the lawyer's firm has represented.
    /// Employers compare by <see cref="EmployerKey"/>.
    /// </summary>
    public static bool HasConflict(Guid lawyerFirmId, string employerKey, IEnumerable<(Guid FirmId, string EmployerKey)> representations) =>
        representations.Any(r => r.FirmId == lawyerFirmId && string.Equals(r.EmployerKey, employerKey, StringComparison.Ordinal));

    /// <summary>
    /// How an employer is recognised across cases and representations: its unified social credit code when known,
    /// otherwise its name without spaces and with full-width brackets made half-width (北京某某有限公司（朝阳） = (朝阳)).
    /// </summary>
    public static string EmployerKey(string? creditCode, string name)
    {
        if (!string.IsNullOrWhiteSpace(creditCode)) return "code:" + creditCode.Trim().ToUpperInvariant();
        var n = new string(name.Where(c => !char.IsWhiteSpace(c)).ToArray()).Replace('（', '(').Replace('）', ')');
        return "name:" + n;
    }
}
