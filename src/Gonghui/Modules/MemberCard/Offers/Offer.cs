using Gonghui.Modules.MemberCard.Rules;
using Gonghui.Platform.Audit;

namespace Gonghui.Modules.MemberCard.Offers;

/// <summary>
/// A member-card offer of one merchant (e.g. 满99减50): its terms (the rule engine's <see cref="OfferTerms"/>) and its budget
/// in count and in fen. <see cref="RemainingCount"/> and <see cref="RemainingFen"/> change only through conditional
/// UPDATEs (<c>… WHERE remaining_count &gt;= 1 AND remaining_fen &gt;= discount</c>), never read-then-write, so that concurrent
/// redemptions can neither overspend nor lose budget.
/// </summary>
public sealed class Offer : IAudited
{
    private Offer() { }
    public Guid Id { get; private set; }
    public Guid MerchantId { get; private set; }
    public string Name { get; private set; } = "";
    public bool Active { get; private set; }
    public DateOnly ValidFrom { get; private set; }
    public DateOnly ValidTo { get; private set; }
    public OfferChannels Channels { get; private set; }
    public long ThresholdFen { get; private set; }
    public long DiscountFen { get; private set; }
    public int UnionShareBp { get; private set; }
    public MemberGroups Groups { get; private set; }
    public int? PerMemberPerDay { get; private set; }
    public int? PerMemberPerMonth { get; private set; }
    public long BudgetCount { get; private set; }
    public long BudgetFen { get; private set; }
    public long RemainingCount { get; private set; }
    public long RemainingFen { get; private set; }
    /// <summary>A 消费扶贫 offer (on aided-region goods): counted apart in the figures.</summary>
    public bool ConsumptionAssistance { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Offer Create(Guid id, Guid merchantId, string name, DateOnly from, DateOnly to, OfferChannels channels, long thresholdFen, long discountFen,
        int unionShareBp, MemberGroups groups, int? perDay, int? perMonth, long budgetCount, long budgetFen, bool assistance, DateTimeOffset now) => new()
    {
        Id = id, MerchantId = merchantId, Name = name.Trim(), Active = true, ValidFrom = from, ValidTo = to, Channels = channels,
        ThresholdFen = thresholdFen, DiscountFen = discountFen, UnionShareBp = unionShareBp, Groups = groups,
        PerMemberPerDay = perDay, PerMemberPerMonth = perMonth, BudgetCount = budgetCount, BudgetFen = budgetFen,
        RemainingCount = budgetCount, RemainingFen = budgetFen, ConsumptionAssistance = assistance, CreatedAt = now,
    };

    public OfferTerms Terms => new(Active, ValidFrom, ValidTo, Channels, ThresholdFen, DiscountFen, UnionShareBp, Groups, PerMemberPerDay, PerMemberPerMonth);

    public void SetActive(bool active) => Active = active;

    /// <summary>Demo and bench rows written in bulk: the budget already used by the redemptions written with them.</summary>
    internal void Spent(long count, long fen)
    {
        RemainingCount = BudgetCount - count;
        RemainingFen = BudgetFen - fen;
    }
}

/// <summary>A member on an eligibility list (送清凉 target lists and the like): the groups beyond "all members".</summary>
public sealed class GroupMember : IAudited
{
    private GroupMember() { }
    public MemberGroups Group { get; private set; }
    public Guid MemberId { get; private set; }

    public static GroupMember Of(MemberGroups group, Guid memberId) => new() { Group = group, MemberId = memberId };
}

/// <summary>How often a member used an offer in a period ("D20261205", "M202612"): raised by a conditional upsert that
/// refuses past the offer's limit, lowered when a redemption is released or its discount withdrawn.</summary>
public sealed class OfferUsage
{
    private OfferUsage() { }
    public Guid OfferId { get; private set; }
    public Guid MemberId { get; private set; }
    public string Period { get; private set; } = "";
    public int Used { get; private set; }
}
