using Gonghui.Modules.Legal.Cases;
using Gonghui.Modules.Legal.Roster;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Legal;

/// <summary>EF mapping of the Legal module's tables (legal_cases, legal_claims, legal_limitation_events, legal_firms, legal_lawyers, legal_representations, legal_aid_fees).</summary>
internal static class LegalModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Fees.LegalAidFee>(e =>
        {
            e.ToTable("legal_aid_fees");
            e.HasKey(x => x.Id);
            e.Property(x => x.ScopePath).HasMaxLength(200).IsRequired();
            e.Property(x => x.Note).HasMaxLength(500);
            e.Property(x => x.ApprovedBy).HasMaxLength(100).IsRequired();
            e.Property(x => x.PaidBy).HasMaxLength(100);
            e.HasIndex(x => new { x.CaseId, x.ApprovedAt });
            e.HasIndex(x => x.ScopePath);
        });
        b.Entity<LegalCase>(e =>
        {
            e.ToTable("legal_cases");
            e.HasKey(x => x.Id);
            e.Property(x => x.Number).HasMaxLength(40).IsRequired();
            e.Property(x => x.ScopePath).HasMaxLength(200).IsRequired();
            e.Property(x => x.District).HasMaxLength(10).IsRequired();
            e.Property(x => x.Summary).HasMaxLength(2000).IsRequired();
            e.Property(x => x.WorkerName).HasMaxLength(100).IsRequired();
            e.Property(x => x.WorkerPhoneCipher).HasMaxLength(200);
            e.Property(x => x.WorkerPhoneHash).HasMaxLength(64);
            e.Property(x => x.WorkerPhoneMasked).HasMaxLength(20);
            e.Property(x => x.EmployerName).HasMaxLength(200).IsRequired();
            e.Property(x => x.EmployerCreditCode).HasMaxLength(18);
            e.Property(x => x.Industry).HasMaxLength(100);
            e.Property(x => x.NextDueCode).HasMaxLength(40);
            e.Property(x => x.OutcomeNote).HasMaxLength(500);
            e.Property(x => x.CreatedBy).HasMaxLength(100).IsRequired();
            e.HasIndex(x => x.Number).IsUnique();
            // The list's keyset orders: newest first, and soonest statutory deadline first.
            e.HasIndex(x => new { x.CreatedAt, x.Id });
            e.HasIndex(x => new { x.NextDue, x.Id });
            e.HasIndex(x => new { x.ScopePath, x.CreatedAt });
            e.HasIndex(x => new { x.LawyerId, x.ClosedOn });
            e.HasIndex(x => x.MemberId);
            e.HasIndex(x => x.HotlineRequestId);
            e.HasIndex(x => x.WorkerPhoneHash);
            e.HasIndex(x => new { x.ReceivedOn, x.District });
        });
        b.Entity<LegalClaim>(e =>
        {
            e.ToTable("legal_claims");
            e.HasKey(x => x.Id);
            e.Property(x => x.OverClaimReason).HasMaxLength(500);
            e.HasIndex(x => new { x.CaseId, x.Kind });
        });
        b.Entity<LimitationEventRow>(e =>
        {
            e.ToTable("legal_limitation_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Note).HasMaxLength(500);
            e.HasIndex(x => x.CaseId);
        });
        b.Entity<LawFirm>(e =>
        {
            e.ToTable("legal_firms");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.HasIndex(x => x.Name).IsUnique();
        });
        b.Entity<Lawyer>(e =>
        {
            e.ToTable("legal_lawyers");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100).IsRequired();
            e.Property(x => x.Specialities).HasMaxLength(400).IsRequired();
            e.Property(x => x.Districts).HasMaxLength(400).IsRequired();
            e.HasIndex(x => x.FirmId);
            e.HasIndex(x => x.AccountId);
        });
        b.Entity<FirmRepresentation>(e =>
        {
            e.ToTable("legal_representations");
            e.HasKey(x => x.Id);
            e.Property(x => x.EmployerKey).HasMaxLength(250).IsRequired();
            e.Property(x => x.EmployerName).HasMaxLength(200).IsRequired();
            e.HasIndex(x => new { x.FirmId, x.EmployerKey }).IsUnique();
        });
    }
}
