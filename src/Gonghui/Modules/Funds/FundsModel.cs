using Gonghui.Modules.Funds.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Funds;

/// <summary>EF mapping of the Funds module's tables (funds_accounts, funds_entries, funds_lines).</summary>
internal static class FundsModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<LedgerAccount>(e =>
        {
            e.ToTable("funds_accounts");
            e.HasKey(x => x.Id);
            e.Property(x => x.FundCode).HasMaxLength(32).IsRequired();
            e.HasIndex(x => new { x.FundCode, x.OrgUnitId, x.Year, x.Kind }).IsUnique();
            e.HasIndex(x => new { x.OrgUnitId, x.Year });
        });
        b.Entity<LedgerEntry>(e =>
        {
            e.ToTable("funds_entries");
            e.HasKey(x => x.Id);
            e.Property(x => x.FundCode).HasMaxLength(32).IsRequired();
            e.Property(x => x.SourceType).HasMaxLength(60);
            e.Property(x => x.IdempotencyKey).HasMaxLength(200).IsRequired();
            e.Property(x => x.Memo).HasMaxLength(500);
            e.Property(x => x.Actor).HasMaxLength(100).IsRequired();
            e.HasIndex(x => x.IdempotencyKey).IsUnique();
            e.HasIndex(x => new { x.FundCode, x.OrgUnitId, x.Year, x.At, x.Id }); // an account's entries, keyset order
            e.HasIndex(x => new { x.SourceType, x.SourceId });
            // A record is paid at most once: one live (not reversed) payment per source, enforced by the database.
            e.HasIndex(x => new { x.SourceType, x.SourceId }, FundLedger.LivePaymentIndex).IsUnique()
                .HasFilter("kind = 2 AND reversed_by_id IS NULL");
        });
        b.Entity<LedgerLine>(e =>
        {
            e.ToTable("funds_lines");
            e.HasKey(x => x.Id);
            // Covering indexes for reconciliation: per-account and per-entry sums are read from the index alone.
            e.HasIndex(x => new { x.EntryId, x.AccountId, x.Amount });
            e.HasIndex(x => new { x.AccountId, x.Amount });
        });
    }
}
