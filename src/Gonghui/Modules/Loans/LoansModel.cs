using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Loans;

/// <summary>EF mapping of the Loans module's tables (loans_products, loans_loans, loans_repayments, loans_events, loans_idempotency_keys, loans_reminders).</summary>
internal static class LoansModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<LoanProductRecord>(e =>
        {
            e.ToTable("loans_products");
            e.HasKey(x => x.Id);
            e.Property(x => x.Code).HasMaxLength(40).IsRequired();
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.Property(x => x.Purposes).HasMaxLength(1000).IsRequired();
            e.HasIndex(x => x.Code).IsUnique();
            // The two products of the 2020 programme ship with every installation; more are added through the API.
            e.HasData(
                new
                {
                    Id = LoanProductRecord.SmallFirmId, Code = "small-firm", Name = "小微企业创业贷款", ApplicantKind = LoanApplicant.SmallFirm, MinAmountFen = 10_000_00L,
                    MaxAmountFen = 500_000_00L, MinMonths = 6, MaxMonths = 36, AnnualRateBp = 0, GuarantorRequired = true, Purposes = "设备购置;经营周转;技术改造;场地租赁", Active = true,
                },
                new
                {
                    Id = LoanProductRecord.WorkerId, Code = "worker-entrepreneur", Name = "职工创业贷款", ApplicantKind = LoanApplicant.WorkerEntrepreneur, MinAmountFen = 5_000_00L,
                    MaxAmountFen = 200_000_00L, MinMonths = 6, MaxMonths = 24, AnnualRateBp = 0, GuarantorRequired = true, Purposes = "设备购置;经营周转;场地租赁", Active = true,
                });
        });
        b.Entity<Loan>(e =>
        {
            e.ToTable("loans_loans");
            e.HasKey(x => x.Id);
            e.Property(x => x.ApplicantName).HasMaxLength(200).IsRequired();
            e.Property(x => x.Purpose).HasMaxLength(100).IsRequired();
            e.Property(x => x.Guarantor).HasMaxLength(200).IsRequired();
            e.Property(x => x.ContactCipher).HasMaxLength(200);
            e.Property(x => x.ContactMasked).HasMaxLength(11);
            e.Property(x => x.RejectReason).HasMaxLength(500);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.UnitId, x.Status });
            e.HasIndex(x => x.EnterpriseId);
            e.HasIndex(x => x.MemberId);
            e.HasIndex(x => new { x.AppliedAt, x.Id }); // the loan list, keyset order
        });
        b.Entity<LoanRepayment>(e =>
        {
            e.ToTable("loans_repayments");
            e.HasKey(x => x.Id);
            e.Property(x => x.Key).HasMaxLength(150).IsRequired();
            e.Property(x => x.RecordedBy).HasMaxLength(100);
            e.HasIndex(x => x.Key).IsUnique();
            e.HasIndex(x => x.LoanId);
        });
        b.Entity<LoanEvent>(e =>
        {
            e.ToTable("loans_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Kind).HasMaxLength(20).IsRequired();
            e.Property(x => x.Actor).HasMaxLength(100).IsRequired();
            e.Property(x => x.Note).HasMaxLength(500);
            e.HasIndex(x => x.LoanId);
        });
        b.Entity<LoanIdempotencyKey>(e =>
        {
            e.ToTable("loans_idempotency_keys");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(150);
            e.Property(x => x.Action).HasMaxLength(20);
        });
        b.Entity<LoanReminder>(e =>
        {
            e.ToTable("loans_reminders");
            e.HasKey(x => x.Id);
            e.Property(x => x.ApplicantName).HasMaxLength(200).IsRequired();
            e.Property(x => x.ToMasked).HasMaxLength(11);
            e.Property(x => x.Body).HasMaxLength(500).IsRequired();
            e.HasIndex(x => new { x.LoanId, x.InstalmentNo, x.Kind }).IsUnique();
            e.HasIndex(x => new { x.UnitId, x.CreatedAt });
            e.HasIndex(x => new { x.CreatedAt, x.Id }); // the reminder list, keyset order
        });
    }
}
