using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.MemberCard.Merchants;
using Gonghui.Modules.MemberCard.Offers;
using Gonghui.Modules.MemberCard.Public;
using Gonghui.Modules.MemberCard.Redemptions;
using Gonghui.Modules.MemberCard.Rules;
using Gonghui.Modules.MemberCard.Settlements;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Money;
using Gonghui.Platform.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.MemberCard.Demo;

/// <summary>
/// Ten merchants (three shops, two online stores, five 消费扶贫 producers — one per aided region — with their products), the
/// 满99减50 offers of 2020 and of this year, the 消费扶贫 满99减30 offers, eligibility lists (needy and front-line workers),
/// 2020's redemptions (20,000 × Gonghui:Demo:Scale, at least 200) with monthly statements paid through the ledger for
/// January to November (December drawn, waiting to be paid), and the demo account <c>merchant</c> (role Merchant) at the
/// first shop. Bulk-written (RowWriter); full-scale volumes are in the bench, not here.
/// </summary>
internal sealed class MemberCardDemoSeeder : IDemoSeeder
{
    public const string MerchantAccount = "merchant";
    private const string Actor = "demo";

    private static readonly (string Name, MerchantKind Kind, OriginRegion? Origin, string[] Products)[] Shops =
    [
        ("京工超市（东城店）", MerchantKind.Shop, null, []),
        ("首都职工书店", MerchantKind.Shop, null, []),
        ("京华百货（西城店）", MerchantKind.Shop, null, []),
        ("工会会员网上商城", MerchantKind.OnlineStore, null, []),
        ("京惠生活网店", MerchantKind.OnlineStore, null, []),
        ("内蒙古草原牧业合作社", MerchantKind.AidedProducer, OriginRegion.InnerMongolia, ["锡林郭勒羔羊肉 2kg", "牛肉干 500g"]),
        ("承德山区杂粮合作社", MerchantKind.AidedProducer, OriginRegion.Hebei, ["小米 5kg", "板栗 2kg"]),
        ("和田玉枣农民专业合作社", MerchantKind.AidedProducer, OriginRegion.Xinjiang, ["和田大枣 2kg", "核桃 1kg"]),
        ("拉萨净土农牧产品公司", MerchantKind.AidedProducer, OriginRegion.Lhasa, ["青稞挂面 2kg", "牦牛酸奶 12盒"]),
        ("青海高原枸杞合作社", MerchantKind.AidedProducer, OriginRegion.Qinghai, ["柴达木枸杞 500g", "黑枸杞 250g"]),
    ];

    public async Task SeedAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<GonghuiDb>();
        if (await db.Set<Merchant>().AnyAsync(ct)) return;
        var root = await db.UnitRows().Where(u => u.Depth == 0).Select(u => new { u.Id, u.Path }).FirstOrDefaultAsync(ct);
        if (root is null) return;
        var scale = sp.GetRequiredService<IConfiguration>().GetValue<double?>("Gonghui:Demo:Scale") ?? 1.0;
        var clock = sp.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        var today = BeijingTime.Today(clock);
        var members = await db.MemberRows().Where(m => m.Status == MemberStatus.Active).OrderBy(m => m.Id).Select(m => m.Id).Take(5_000).ToListAsync(ct);
        var workerMember = await db.Set<AppUser>().Where(u => u.UserName == "worker").Select(u => u.MemberId).FirstOrDefaultAsync(ct);
        if (members.Count == 0) return;
        var rnd = new Random(2020);
        var rows = new List<(object, string)>();

        var merchants = Shops.Select((s, i) => Merchant.Create(Id(1, i), s.Name, s.Kind, s.Origin, null, $"HYK-2020-{i + 1:D3}", new DateOnly(2020, 1, 1),
            today.AddYears(1), root.Id, root.Path, s.Kind == MerchantKind.OnlineStore ? null : "北京市", now)).ToList();
        rows.AddRange(merchants.Select(m => ((object)m, Actor)));
        for (var i = 0; i < Shops.Length; i++)
            for (var j = 0; j < Shops[i].Products.Length; j++)
                rows.Add((MerchantProduct.Create(Id(2, i * 10 + j), merchants[i].Id, Shops[i].Products[j], Shops[i].Origin!.Value, (59 + rnd.Next(0, 100)) * 100), Actor));

        // 2020: 满99减50 at shops and online (the union bears 60%), 满99减30 on 消费扶贫 goods (the union bears it all); this year the same.
        var offers2020 = new List<Offer>();
        var offersNow = new List<Offer>();
        for (var i = 0; i < merchants.Count; i++)
        {
            var aided = merchants[i].Kind == MerchantKind.AidedProducer;
            var groups = aided ? MemberGroups.AllMembers : MemberGroups.AllMembers;
            offers2020.Add(Offer.Create(Id(3, i), merchants[i].Id, aided ? "消费扶贫 满99减30" : "会员专享 满99减50", new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31),
                OfferChannels.Both, 99_00, aided ? 30_00 : 50_00, aided ? 10_000 : 6_000, groups, 1, 4, 1_000_000, 1_000_000_000_00, aided, now));
            offersNow.Add(Offer.Create(Id(4, i), merchants[i].Id, aided ? "消费扶贫 满99减30" : "会员专享 满99减50", new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31),
                OfferChannels.Both, 99_00, aided ? 30_00 : 50_00, aided ? 10_000 : 6_000, groups, 1, 4, 10_000, aided ? 300_000_00 : 500_000_00, aided, now));
        }
        // 夏送清凉: a front-line workers' offer at the first shop, for the list below.
        offersNow.Add(Offer.Create(Id(4, 99), merchants[0].Id, "夏送清凉 一线职工 满50减30", new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31),
            OfferChannels.Till, 50_00, 30_00, 10_000, MemberGroups.FrontLine | MemberGroups.Needy | MemberGroups.ArchivedNeedy, 1, 2, 2_000, 60_000_00, false, now));

        // Eligibility lists: a slice of members on each (送清凉 target lists), the demo worker a front-line worker.
        var listed = new HashSet<(MemberGroups, Guid)>();
        foreach (var (group, share) in new[] { (MemberGroups.ArchivedNeedy, 50), (MemberGroups.Needy, 40), (MemberGroups.FrontLine, 8) })
            foreach (var m in members.Where((_, k) => k % share == 0)) listed.Add((group, m));
        if (workerMember is { } wm) listed.Add((MemberGroups.FrontLine, wm));
        rows.AddRange(listed.Select(x => ((object)GroupMember.Of(x.Item1, x.Item2), Actor)));

        // 2020's redemptions, statements per merchant and month (paid Jan–Nov).
        var count = Math.Max(200, (int)Math.Round(20_000 * scale));
        var redemptions = new List<Redemption>(count);
        var used = new Dictionary<Guid, (long N, long Fen)>();
        for (var k = 0; k < count; k++)
        {
            var mi = rnd.Next(10) < 6 ? rnd.Next(5) : 5 + rnd.Next(5);
            var offer = offers2020[mi];
            var day = new DateOnly(2020, 1, 1).AddDays(rnd.Next(366));
            var at = BeijingTime.ToUtc(day, new TimeOnly(9 + rnd.Next(12), rnd.Next(60)));
            var bill = 99_00 + rnd.Next(0, 30_000);
            var share = OfferRules.UnionShare(offer.DiscountFen, offer.UnionShareBp);
            var member = members[rnd.Next(members.Count)];
            redemptions.Add(Redemption.Confirmed(Id(5, k), offer.Id, offer.MerchantId, member, merchants[mi].Kind == MerchantKind.Shop ? RedemptionChannel.Till : RedemptionChannel.Online,
                merchants[mi].Kind == MerchantKind.Shop ? $"T{1 + rnd.Next(4)}" : "online", bill, offer.DiscountFen, share, at, day.Year * 10000 + day.Month * 100 + day.Day,
                k % 97 == 0 ? AnomalyFlags.SplitBill : AnomalyFlags.None));
            used[offer.Id] = used.TryGetValue(offer.Id, out var u) ? (u.N + 1, u.Fen + offer.DiscountFen) : (1, offer.DiscountFen);
        }
        foreach (var o in offers2020)
            if (used.TryGetValue(o.Id, out var u)) o.Spent(u.N, u.Fen);
        rows.AddRange(offers2020.Select(o => ((object)o, Actor)));
        rows.AddRange(offersNow.Select(o => ((object)o, Actor)));

        var settlements = new List<Settlement>();
        foreach (var g in redemptions.GroupBy(r => (r.MerchantId, Month: r.ConfirmedMonth!.Value)).OrderBy(g => g.Key.Month).ThenBy(g => g.Key.MerchantId))
        {
            var s = Settlement.Draw(Guid.CreateVersion7(), g.Key.MerchantId, g.Key.Month, root.Id, root.Path, g.Count(), g.Sum(r => r.BillFen), g.Sum(r => r.DiscountFen),
                g.Sum(r => r.UnionShareFen), 0, 0, BeijingTime.StartOfMonthUtc(g.Key.Month / 100, g.Key.Month % 100).AddMonths(1).AddDays(3), Actor);
            settlements.Add(s);
            foreach (var r in g) r.SettledIn(s.Id);
        }
        rows.AddRange(redemptions.Select(r => ((object)r, Actor)));
        rows.AddRange(settlements.Select(s => ((object)s, Actor)));
        await RowWriter.InsertAsync(db, rows, now, ct);

        // The merchant's cashier account.
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var cashier = await users.FindByNameAsync(MerchantAccount);
        if (cashier is null)
        {
            cashier = new AppUser { UserName = MerchantAccount, DisplayName = "京工超市收银员", OrgUnitId = root.Id };
            var r = await users.CreateAsync(cashier, "gonghui-demo");
            if (!r.Succeeded) throw new InvalidOperationException(string.Join("; ", r.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(cashier, Roles.Merchant);
        }
        db.Add(MerchantStaff.Of(cashier.Id, merchants[0].Id));
        await db.SaveChangesAsync(ct);

        // Pay January–November through the ledger (the federation's member-card fund for 2020).
        var ledger = sp.GetRequiredService<IFundLedger>();
        var toPay = settlements.Where(s => s.Month < 202012).ToList();
        var need = toPay.Sum(s => s.PayableFen);
        if (need > 0)
        {
            var budget = await ledger.AllocateBudgetAsync(FundCodes.MemberCard, root.Id, 2020, new Fen(need + 10_000_000_00), "demo:membercard:budget:2020", ct);
            if (!budget.IsOk) throw new InvalidOperationException($"Member-card demo budget refused: {budget.Detail}");
            await ledger.AllocateBudgetAsync(FundCodes.MemberCard, root.Id, today.Year, new Fen(5_000_000_00), $"demo:membercard:budget:{today.Year}", ct);
        }
        foreach (var s in toPay)
        {
            var paid = await ledger.PayAsync(FundCodes.MemberCard, root.Id, 2020, new Fen(s.PayableFen), new SourceRef(MemberCardSources.Settlement, s.Id), $"membercard:settlement:{s.Id}", ct);
            if (!paid.IsOk) throw new InvalidOperationException($"Member-card demo statement not paid: {paid.Detail}");
            var entry = paid.Value;
            var at = s.DrawnAt.AddDays(5);
            await db.Set<Settlement>().Where(x => x.Id == s.Id).ExecuteUpdateAsync(x => x.SetProperty(y => y.Status, SettlementStatus.Paid)
                .SetProperty(y => y.LedgerEntryId, entry).SetProperty(y => y.PaidAt, at), ct);
        }
    }

    private static Guid Id(int kind, int i) => new($"0000c4d{kind:D1}-0000-7000-8000-{i:D12}");
}
