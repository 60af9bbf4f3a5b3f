using Microsoft.EntityFrameworkCore;
using Gonghui.Modules.FeeRefunds.Refunds;

namespace Gonghui.Modules.FeeRefunds;

/// <summary>EF mapping of the FeeRefunds module's tables (fee_refunds_fees, fee_refunds_policies, fee_refunds_refunds).</summary>
internal static class FeeRefundsModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<FeeRecord>(e =>
        {
            e.ToTable("fee_refunds_fees");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.EnterpriseId, x.Year }).IsUnique();
            e.HasIndex(x => x.Year);
        });
        b.Entity<RefundPolicy>(e =>
        {
            e.ToTable("fee_refunds_policies");
            e.HasKey(x => x.Id);
            e.Property(x => x.Code).HasMaxLength(40).IsRequired();
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.Property(x => x.Classes).HasMaxLength(100).IsRequired();
            e.HasIndex(x => x.Code).IsUnique();
        });
        b.Entity<RefundPolicyVersion>(e =>
        {
            e.ToTable("fee_refunds_policy_versions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.Property(x => x.Classes).HasMaxLength(100).IsRequired();
            e.Property(x => x.Reason).HasMaxLength(500).IsRequired();
            e.Property(x => x.ChangedBy).HasMaxLength(100).IsRequired();
            // One row per version: of two concurrent edits of the same version, the second insert fails (409).
            e.HasIndex(x => new { x.PolicyId, x.Version }).IsUnique();
        });
        b.Entity<UnionFeeRefund>(e =>
        {
            e.ToTable("fee_refunds_refunds");
            e.HasKey(x => x.Id);
            e.Property(x => x.EnterpriseName).HasMaxLength(200).IsRequired();
            e.Property(x => x.Explanation).HasMaxLength(2000);
            e.Property(x => x.ApprovedBy).HasMaxLength(100);
            e.HasIndex(x => new { x.PolicyId, x.EnterpriseId, x.Year }).IsUnique();
            e.HasIndex(x => new { x.Status, x.Year });
            e.HasIndex(x => x.FundingUnitId);
            e.HasIndex(x => new { x.EnterpriseName, x.Id }); // the refund lists, keyset order
        });
        b.Entity<FeeRefundBatchKey>(e =>
        {
            e.ToTable("fee_refunds_batch_keys");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(150);
            e.Property(x => x.Action).HasMaxLength(20).IsRequired();
        });
    }
}
