using System.Globalization;
using Gonghui.Modules.Skills.Rules;
using Gonghui.Platform.Audit;

namespace Gonghui.Modules.Skills.Craftsmen;

public enum SelectionStage { Nominating = 0, Decided = 1, Announcing = 2, Final = 3 }

/// <summary>A year's 北京大工匠 selection: its trades and published terms; nominations, scores, the committee's decision, the announcement.</summary>
public sealed class CraftsmanSelection : IAudited
{
    private CraftsmanSelection() { }

    public Guid Id { get; private set; }
    public int Year { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>The trades, "车工;钳工;…" (30 in 2020).</summary>
    public string Trades { get; private set; } = "";
    public int MaxAge { get; private set; }
    public int MinYearsInTrade { get; private set; }
    public bool FrontLineOnly { get; private set; }
    public int ChallengeWeightPct { get; private set; }
    public int ReviewWeightPct { get; private set; }
    public int WinnersPerTrade { get; private set; }
    public int NomineesPerTrade { get; private set; }
    public int MinCombinedCenti { get; private set; }
    public int AnnouncementWorkingDays { get; private set; }
    /// <summary>What a 大工匠 and a 提名奖 are paid (fen), published with the selection.</summary>
    public long WinnerAwardFen { get; private set; }
    public long NomineeAwardFen { get; private set; }
    /// <summary>Who recorded the committee's decision: the payer must be someone else above the four-eyes threshold.</summary>
    public string? DecidedBy { get; private set; }
    public SelectionStage Stage { get; private set; }
    public DateOnly? AnnouncedOn { get; private set; }
    public DateOnly? AnnouncementEndsOn { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static CraftsmanSelection Create(int year, string name, IEnumerable<string> trades, CraftsmanTerms t, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(), Year = year, Name = name, Trades = string.Join(';', trades), MaxAge = t.MaxAge, MinYearsInTrade = t.MinYearsInTrade,
        FrontLineOnly = t.FrontLineOnly, ChallengeWeightPct = t.ChallengeWeightPct, ReviewWeightPct = t.ReviewWeightPct, WinnersPerTrade = t.WinnersPerTrade,
        NomineesPerTrade = t.NomineesPerTrade, MinCombinedCenti = (int)(t.MinCombined * 100), AnnouncementWorkingDays = t.AnnouncementWorkingDays,
        WinnerAwardFen = t.WinnerAwardFen, NomineeAwardFen = t.NomineeAwardFen, Stage = SelectionStage.Nominating, CreatedAt = at,
    };

    public IReadOnlyList<string> TradeList() => Trades.Split(';', StringSplitOptions.RemoveEmptyEntries);

    public CraftsmanTerms Terms() => new(MaxAge, MinYearsInTrade, FrontLineOnly, ChallengeWeightPct, ReviewWeightPct, WinnersPerTrade, NomineesPerTrade,
        MinCombinedCenti / 100m, AnnouncementWorkingDays, WinnerAwardFen, NomineeAwardFen);

    public void Decide(string by) { Stage = SelectionStage.Decided; DecidedBy = by; }

    public void Announce(DateOnly from, DateOnly until) { Stage = SelectionStage.Announcing; AnnouncedOn = from; AnnouncementEndsOn = until; }

    public void Finish() => Stage = SelectionStage.Final;
}

/// <summary>A candidate nominated by a unit in one trade: eligibility facts, challenge and review scores, proposal, decision, objection.</summary>
public sealed class CraftsmanCandidate : IAudited
{
    private CraftsmanCandidate() { }

    public Guid Id { get; private set; }
    public Guid SelectionId { get; private set; }
    public string Trade { get; private set; } = "";
    public Guid MemberId { get; private set; }
    public string Name { get; private set; } = "";
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public bool FrontLine { get; private set; }
    public int YearsInTrade { get; private set; }
    public string? Story { get; private set; }
    public int? ChallengeCenti { get; private set; }
    /// <summary>The experts' review scores in centimarks, "8550;9000;…".</summary>
    public string ReviewScores { get; private set; } = "";
    public int? CombinedCenti { get; private set; }
    public int? Rank { get; private set; }
    public CraftsmanAward Proposed { get; private set; }
    public CraftsmanAward Award { get; private set; }
    public bool Withdrawn { get; private set; }
    public string? Objection { get; private set; }
    public DateTimeOffset NominatedAt { get; private set; }
    public string NominatedBy { get; private set; } = "";
    /// <summary>The award paid through the fund ledger (fen), its payment entry and time; a reversed payment keeps its reversal entry.</summary>
    public long AmountFen { get; private set; }
    public Guid? PaymentEntryId { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }
    public string? PaidBy { get; private set; }
    public Guid? ReversalEntryId { get; private set; }
    /// <summary>Bumped in SQL at the start of a payment: the per-candidate lock (PostgreSQL row lock).</summary>
    public long LockVersion { get; private set; }

    public bool Paid => PaymentEntryId is not null && ReversalEntryId is null;

    public static CraftsmanCandidate Nominate(Guid selectionId, string trade, Guid memberId, string name, Guid unitId, string unitPath, bool frontLine,
        int yearsInTrade, string? story, DateTimeOffset at, string by) => new()
    {
        Id = Guid.CreateVersion7(), SelectionId = selectionId, Trade = trade, MemberId = memberId, Name = name, UnitId = unitId, UnitPath = unitPath,
        FrontLine = frontLine, YearsInTrade = yearsInTrade, Story = story, NominatedAt = at, NominatedBy = by,
    };

    public void Score(int challengeCenti, IEnumerable<int> reviewCenti)
    {
        ChallengeCenti = challengeCenti;
        ReviewScores = string.Join(';', reviewCenti.Select(c => c.ToString(CultureInfo.InvariantCulture)));
    }

    public IReadOnlyList<decimal> Reviews() =>
        ReviewScores.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture) / 100m).ToList();

    public void Ranked(CraftsmanRanked? r)
    {
        CombinedCenti = r is null ? null : (int)(r.Combined * 100);
        Rank = r?.Rank;
        Proposed = r?.Proposed ?? CraftsmanAward.None;
    }

    public void Decide() => Award = Proposed;

    public void MarkPaid(long amountFen, Guid paymentEntryId, DateTimeOffset at, string by)
    {
        AmountFen = amountFen; PaymentEntryId = paymentEntryId; PaidAt = at; PaidBy = by; ReversalEntryId = null;
    }

    /// <summary>The ledger reversed the payment: the award is unpaid again (it may be paid anew under a new key).</summary>
    public void MarkReversed(Guid reversalEntryId) => ReversalEntryId = reversalEntryId;

    /// <summary>An objection upheld during the announcement: the candidate is withdrawn, the next in the trade moves up.</summary>
    public void Withdraw(string objection) { Withdrawn = true; Objection = objection; Award = CraftsmanAward.None; Proposed = CraftsmanAward.None; }
}

/// <summary>
/// The candidates the report counts (skills.craftsmen, skills.craftsmen.nominees): awarded (not withdrawn, an award decided) in a selection
/// announced on a date in [from, to) (either end open when null; stage Announcing or Final). One filter for the figures and for their
/// lists' drill-down, so the list counts what the figure counts.
/// </summary>
internal static class AwardedCandidates
{
    public static IQueryable<CraftsmanCandidate> AnnouncedBetween(this IQueryable<CraftsmanCandidate> candidates, IQueryable<CraftsmanSelection> selections,
        DateOnly? from, DateOnly? to)
    {
        var announced = selections.Where(s => s.Stage == SelectionStage.Announcing || s.Stage == SelectionStage.Final);
        if (from is { } f) announced = announced.Where(s => s.AnnouncedOn >= f);
        if (to is { } t) announced = announced.Where(s => s.AnnouncedOn < t);
        var ids = announced.Select(s => s.Id);
        return candidates.Where(c => !c.Withdrawn && c.Award != CraftsmanAward.None && ids.Contains(c.SelectionId));
    }
}
