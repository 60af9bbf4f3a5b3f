using Gonghui.Modules.MemberCard.Merchants;
using Gonghui.Modules.MemberCard.Redemptions;
using Gonghui.Modules.MemberCard.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Money;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.MemberCard.Offers;

public sealed record OfferInput(Guid? MerchantId, string? Name, DateOnly? ValidFrom, DateOnly? ValidTo, OfferChannels? Channels, long? ThresholdFen,
    long? DiscountFen, string? UnionSharePercent, MemberGroups? Groups, int? PerMemberPerDay, int? PerMemberPerMonth, long? BudgetCount, long? BudgetFen,
    bool? ConsumptionAssistance);
public sealed record GroupListInput(MemberGroups? Group, IReadOnlyList<Guid>? MemberIds);
public sealed record OfferView(Guid Id, Guid MerchantId, string MerchantName, MerchantKind MerchantKind, OriginRegion? Origin, string Name, bool Active,
    DateOnly ValidFrom, DateOnly ValidTo, OfferChannels Channels, long ThresholdFen, long DiscountFen, int UnionShareBp, MemberGroups Groups,
    int? PerMemberPerDay, int? PerMemberPerMonth, long BudgetCount, long BudgetFen, long RemainingCount, long RemainingFen, bool ConsumptionAssistance,
    long Reserved, long Confirmed);
/// <summary>An offer as a member sees it: the terms, and how many more times they may use it today and this month.</summary>
public sealed record MyOffer(Guid Id, string Name, string MerchantName, MerchantKind MerchantKind, OriginRegion? Origin, long ThresholdFen, long DiscountFen,
    DateOnly ValidTo, OfferChannels Channels, int? LeftToday, int? LeftThisMonth, bool BudgetLeft);
public sealed record MyRedemption(Guid Id, string OfferName, string MerchantName, RedemptionStatus Status, long BillFen, long DiscountFen, DateTimeOffset At);
public sealed record MyCard(IReadOnlyList<MyOffer> Offers, IReadOnlyList<MyRedemption> Redemptions, long SavedFenThisYear);

/// <summary>Offers (优惠): managers in scope create and pause them; eligibility lists; the member's own offers and uses.</summary>
public sealed class OfferHandlers(GonghuiDb db, CurrentUser me, TimeProvider clock)
{
    public async Task<IReadOnlyList<OfferView>> ListAsync(Guid? merchantId, bool? current, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var today = BeijingTime.Today(clock);
        var q = from o in db.Set<Offer>().AsNoTracking()
                join m in db.Set<Merchant>().AsNoTracking().InScope(scope, m => m.UnitPath) on o.MerchantId equals m.Id
                select new { o, m };
        if (merchantId is { } mid) q = q.Where(x => x.o.MerchantId == mid);
        if (current == true) q = q.Where(x => x.o.Active && x.o.ValidTo >= today);
        var rows = await q.OrderByDescending(x => x.o.ValidTo).ThenBy(x => x.m.Name).Take(500).ToListAsync(ct);
        var ids = rows.Select(r => r.o.Id).ToList();
        var counts = await db.Set<Redemption>().AsNoTracking().Where(r => ids.Contains(r.OfferId)
                && (r.Status == RedemptionStatus.Reserved || r.Status == RedemptionStatus.Confirmed))
            .GroupBy(r => new { r.OfferId, r.Status }).Select(g => new { g.Key.OfferId, g.Key.Status, N = g.LongCount() }).ToListAsync(ct);
        return rows.Select(r => View(r.o, r.m,
            counts.Where(c => c.OfferId == r.o.Id && c.Status == RedemptionStatus.Reserved).Sum(c => c.N),
            counts.Where(c => c.OfferId == r.o.Id && c.Status == RedemptionStatus.Confirmed).Sum(c => c.N))).ToList();
    }

    public async Task<OfferView?> GetAsync(Guid id, CancellationToken ct) => (await ListForAsync(id, ct));

    /// <summary>The current offers of one merchant, for its till (the cashier has no organisation scope: the merchant is theirs).</summary>
    public async Task<IReadOnlyList<OfferView>> OffersAtMerchantAsync(Guid merchantId, CancellationToken ct)
    {
        var today = BeijingTime.Today(clock);
        var rows = await (from o in db.Set<Offer>().AsNoTracking() join m in db.Set<Merchant>().AsNoTracking() on o.MerchantId equals m.Id
                          where o.MerchantId == merchantId && o.Active && o.ValidFrom <= today && o.ValidTo >= today
                          orderby o.ThresholdFen select new { o, m }).Take(20).ToListAsync(ct);
        return rows.Select(r => View(r.o, r.m, 0, 0)).ToList();
    }


    private async Task<OfferView?> ListForAsync(Guid id, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var row = await (from o in db.Set<Offer>().AsNoTracking()
                         join m in db.Set<Merchant>().AsNoTracking().InScope(scope, m => m.UnitPath) on o.MerchantId equals m.Id
                         where o.Id == id select new { o, m }).SingleOrDefaultAsync(ct);
        if (row is null) return null;
        var reserved = await db.Set<Redemption>().LongCountAsync(r => r.OfferId == id && r.Status == RedemptionStatus.Reserved, ct);
        var confirmed = await db.Set<Redemption>().LongCountAsync(r => r.OfferId == id && r.Status == RedemptionStatus.Confirmed, ct);
        return View(row.o, row.m, reserved, confirmed);
    }

    public async Task<Outcome<OfferView>> CreateAsync(OfferInput input, CancellationToken ct)
    {
        var share = 0;
        var e = new List<(string Field, string Code)>();
        if (input.UnionSharePercent is not null && !BasisPoints.TryParsePercent(input.UnionSharePercent, out share)) e.Add(("unionSharePercent", "offer.unionShare"));
        if (input.ValidFrom is null) e.Add(("validFrom", "offer.period"));
        if (input.ValidTo is null) e.Add(("validTo", "offer.period"));
        if (input.MerchantId is null) e.Add(("merchantId", "offer.merchant"));
        if (e.Count == 0)
            e.AddRange(OfferRules.Validate(input.Name, input.ValidFrom!.Value, input.ValidTo!.Value, input.Channels ?? OfferChannels.Both, input.ThresholdFen ?? 0,
                input.DiscountFen ?? 0, input.UnionSharePercent is null ? 10_000 : share, input.Groups ?? MemberGroups.AllMembers, input.PerMemberPerDay,
                input.PerMemberPerMonth, input.BudgetCount ?? 0, input.BudgetFen ?? 0));
        if (e.Count > 0) return Outcome<OfferView>.Invalid(e);
        var scope = await me.ScopePathAsync(ct);
        var merchant = await db.Set<Merchant>().AsNoTracking().InScope(scope, m => m.UnitPath).SingleOrDefaultAsync(m => m.Id == input.MerchantId, ct);
        if (merchant is null) return Outcome<OfferView>.Invalid("merchantId", "offer.merchant");
        var o = Offer.Create(Guid.CreateVersion7(), merchant.Id, input.Name!, input.ValidFrom!.Value, input.ValidTo!.Value, input.Channels ?? OfferChannels.Both,
            input.ThresholdFen ?? 0, input.DiscountFen!.Value, input.UnionSharePercent is null ? 10_000 : share, input.Groups ?? MemberGroups.AllMembers,
            input.PerMemberPerDay, input.PerMemberPerMonth, input.BudgetCount!.Value, input.BudgetFen!.Value,
            input.ConsumptionAssistance ?? merchant.Kind == MerchantKind.AidedProducer, clock.GetUtcNow());
        db.Add(o);
        await db.SaveChangesAsync(ct);
        return Outcome<OfferView>.Ok((await GetAsync(o.Id, ct))!);
    }

    /// <summary>Pauses or resumes an offer (a paused offer refuses new redemptions; reservations already held may still be confirmed).</summary>
    public async Task<Outcome<OfferView>> SetActiveAsync(Guid id, bool active, CancellationToken ct)
    {
        if (await GetAsync(id, ct) is null) return Outcome<OfferView>.NotFound();
        var o = await db.Set<Offer>().SingleAsync(x => x.Id == id, ct);
        o.SetActive(active);
        await db.SaveChangesAsync(ct);
        return Outcome<OfferView>.Ok((await GetAsync(id, ct))!);
    }

    /// <summary>Adds members to an eligibility list (送清凉 target lists). Members must exist in the registry within the caller's scope.</summary>
    public async Task<Outcome<int>> AddToGroupAsync(GroupListInput input, CancellationToken ct)
    {
        if (input.Group is not { } g || g is MemberGroups.None or MemberGroups.AllMembers || !Enum.IsDefined(g)) return Outcome<int>.Invalid("group", "group.unknown");
        var ids = (input.MemberIds ?? []).Distinct().ToList();
        if (ids.Count is 0 or > 5_000) return Outcome<int>.Invalid("memberIds", "group.members");
        var scope = await me.ScopePathAsync(ct);
        var known = await (from m in db.MemberRows() join u in db.UnitRows().InScope(scope, u => u.Path) on m.UnionId equals u.Id
                           where ids.Contains(m.Id) select m.Id).ToListAsync(ct);
        if (known.Count != ids.Count) return Outcome<int>.Invalid("memberIds", "group.unknownMember", ids.Except(known).First());
        var already = await db.Set<GroupMember>().Where(x => x.Group == g && ids.Contains(x.MemberId)).Select(x => x.MemberId).ToListAsync(ct);
        foreach (var id in ids.Except(already)) db.Add(GroupMember.Of(g, id));
        await db.SaveChangesAsync(ct);
        return Outcome<int>.Ok(ids.Count - already.Count);
    }

    /// <summary>The signed-in member's card: current offers they are eligible for with what is left to them, and their latest uses.</summary>
    public async Task<MyCard?> MineAsync(CancellationToken ct)
    {
        if (me.MemberId is not { } member) return null;
        var today = BeijingTime.Today(clock);
        var status = await db.MemberRows().Where(m => m.Id == member).Select(m => (MemberStatus?)m.Status).SingleOrDefaultAsync(ct);
        var groups = (await db.Set<GroupMember>().AsNoTracking().Where(x => x.MemberId == member).Select(x => x.Group).ToListAsync(ct))
            .Aggregate(status == MemberStatus.Active ? MemberGroups.AllMembers : MemberGroups.None, (a, x) => a | x);
        var offers = await (from o in db.Set<Offer>().AsNoTracking()
                            join m in db.Set<Merchant>().AsNoTracking() on o.MerchantId equals m.Id
                            where o.Active && o.ValidFrom <= today && o.ValidTo >= today && !m.Suspended
                            orderby o.ConsumptionAssistance, o.ThresholdFen
                            select new { o, m.Name, m.Kind, m.Origin }).Take(200).ToListAsync(ct);
        var periods = new[] { RedemptionHandlers.DayPeriod(today), RedemptionHandlers.MonthPeriod(today) };
        var usage = await db.Set<OfferUsage>().AsNoTracking().Where(u => u.MemberId == member && periods.Contains(u.Period))
            .Select(u => new { u.OfferId, u.Period, u.Used }).ToListAsync(ct);
        int Used(Guid offer, string period) => usage.FirstOrDefault(u => u.OfferId == offer && u.Period == period)?.Used ?? 0;
        var mine = offers.Where(x => OfferRules.IsEligible(x.o.Groups, groups) && status == MemberStatus.Active)
            .Select(x => new MyOffer(x.o.Id, x.o.Name, x.Name, x.Kind, x.Origin, x.o.ThresholdFen, x.o.DiscountFen, x.o.ValidTo, x.o.Channels,
                x.o.PerMemberPerDay - Used(x.o.Id, periods[0]), x.o.PerMemberPerMonth - Used(x.o.Id, periods[1]), x.o.RemainingCount > 0)).ToList();
        var uses = await (from r in db.Set<Redemption>().AsNoTracking()
                          join o in db.Set<Offer>() on r.OfferId equals o.Id
                          join m in db.Set<Merchant>() on r.MerchantId equals m.Id
                          where r.MemberId == member
                          orderby r.ReservedAtUnix descending
                          select new MyRedemption(r.Id, o.Name, m.Name, r.Status, r.BillFen, r.DiscountFen, r.ReservedAt)).Take(20).ToListAsync(ct);
        var yearStart = today.Year * 10000 + 101;
        var saved = await db.Set<Redemption>().Where(r => r.MemberId == member && r.Status == RedemptionStatus.Confirmed && r.ConfirmedDay >= yearStart)
            .SumAsync(r => (long?)r.DiscountFen, ct) ?? 0;
        return new MyCard(mine, uses, saved);
    }

    private static OfferView View(Offer o, Merchant m, long reserved, long confirmed) => new(o.Id, o.MerchantId, m.Name, m.Kind, m.Origin, o.Name, o.Active,
        o.ValidFrom, o.ValidTo, o.Channels, o.ThresholdFen, o.DiscountFen, o.UnionShareBp, o.Groups, o.PerMemberPerDay, o.PerMemberPerMonth,
        o.BudgetCount, o.BudgetFen, o.RemainingCount, o.RemainingFen, o.ConsumptionAssistance, reserved, confirmed);
}
