using Gonghui.Modules.MemberCard.Merchants;
using Gonghui.Modules.MemberCard.Offers;
using Gonghui.Modules.MemberCard.Redemptions;
using Gonghui.Modules.MemberCard.Settlements;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.MemberCard;

/// <summary>EF mapping of the member card's tables (membercard_merchants, _products, _merchant_staff, _offers, _group_members,
/// _usage, _redemptions, _settlements).</summary>
internal static class MemberCardModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Merchant>(e =>
        {
            e.ToTable("membercard_merchants");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.ContractNo).HasMaxLength(40).IsRequired();
            e.Property(x => x.UnitPath).HasMaxLength(200).IsRequired();
            e.Property(x => x.Address).HasMaxLength(300);
            e.HasIndex(x => x.ContractNo).IsUnique();
            e.HasIndex(x => new { x.UnitPath, x.Name });
        });
        b.Entity<MerchantProduct>(e =>
        {
            e.ToTable("membercard_products");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.HasIndex(x => x.MerchantId);
        });
        b.Entity<MerchantStaff>(e =>
        {
            e.ToTable("membercard_merchant_staff");
            e.HasKey(x => x.UserId);
            e.HasIndex(x => x.MerchantId);
        });
        b.Entity<Offer>(e =>
        {
            e.ToTable("membercard_offers");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100).IsRequired();
            e.HasIndex(x => new { x.MerchantId, x.ValidTo });
        });
        b.Entity<GroupMember>(e =>
        {
            e.ToTable("membercard_group_members");
            e.HasKey(x => new { x.MemberId, x.Group });
        });
        b.Entity<OfferUsage>(e =>
        {
            e.ToTable("membercard_usage");
            e.HasKey(x => new { x.OfferId, x.MemberId, x.Period });
            e.Property(x => x.Period).HasMaxLength(9);
        });
        b.Entity<Redemption>(e =>
        {
            e.ToTable("membercard_redemptions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Till).HasMaxLength(40).IsRequired();
            e.Property(x => x.BillRef).HasMaxLength(60);
            e.Property(x => x.Cashier).HasMaxLength(100).IsRequired();
            e.Ignore(x => x.PayFen);
            // The sweeper (reserved past expiry), the anomaly look-back, the settlement and the figures.
            e.HasIndex(x => new { x.Status, x.ExpiresAtUnix });
            e.HasIndex(x => new { x.MemberId, x.ReservedAtUnix });
            e.HasIndex(x => new { x.MerchantId, x.ConfirmedMonth, x.SettlementId });
            e.HasIndex(x => new { x.MerchantId, x.WithdrawnMonth });
            e.HasIndex(x => x.ConfirmedDay);
            e.HasIndex(x => new { x.OfferId, x.Status });
            e.HasIndex(x => new { x.MerchantId, x.ReservedAtUnix });
        });
        b.Entity<Settlement>(e =>
        {
            e.ToTable("membercard_settlements");
            e.HasKey(x => x.Id);
            e.Property(x => x.UnitPath).HasMaxLength(200).IsRequired();
            e.Property(x => x.DrawnBy).HasMaxLength(100).IsRequired();
            e.Ignore(x => x.PayableFen);
            e.HasIndex(x => new { x.MerchantId, x.Month }).IsUnique();
            e.HasIndex(x => new { x.UnitPath, x.Month });
        });
    }
}
