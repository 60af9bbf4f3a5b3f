using Gonghui.Modules.Insurance.Claims;
using Gonghui.Modules.Insurance.Schemes;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Insurance;

/// <summary>EF mapping of the Insurance module's tables (insurance_schemes, insurance_covers, insurance_claims, insurance_claim_events).</summary>
internal static class InsuranceModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<InsuranceScheme>(e =>
        {
            e.ToTable("insurance_schemes");
            e.HasKey(x => x.Id);
            e.Property(x => x.Code).HasMaxLength(40).IsRequired();
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.Property(x => x.Causes).HasMaxLength(400).IsRequired();
            e.Property(x => x.DisabilityGrades).HasMaxLength(100).IsRequired();
            e.HasIndex(x => x.Code).IsUnique();
            e.HasIndex(x => x.Year);
        });
        b.Entity<InsuranceCover>(e =>
        {
            e.ToTable("insurance_covers");
            e.HasKey(x => x.Id);
            e.Property(x => x.PersonName).HasMaxLength(100).IsRequired();
            e.Property(x => x.IdNumberCipher).HasMaxLength(200);
            e.Property(x => x.IdNumberHash).HasMaxLength(64).IsRequired();
            e.Property(x => x.IdNumberMasked).HasMaxLength(20).IsRequired();
            e.Property(x => x.By).HasMaxLength(100);
            // One cover per person per scheme: the per-person cap cannot be split over two rows.
            e.HasIndex(x => new { x.SchemeId, x.IdNumberHash }).IsUnique();
            e.HasIndex(x => new { x.SchemeId, x.UnionId });
            e.HasIndex(x => x.MemberId);
            e.HasIndex(x => new { x.SchemeId, x.PersonName, x.Id }); // a scheme's cover list, keyset order
        });
        b.Entity<AccidentClaim>(e =>
        {
            e.ToTable("insurance_claims");
            e.HasKey(x => x.Id);
            e.Property(x => x.InsuredName).HasMaxLength(100).IsRequired();
            e.Property(x => x.Cause).HasMaxLength(40).IsRequired();
            e.Property(x => x.Description).HasMaxLength(500);
            e.Property(x => x.Explanation).HasMaxLength(4000);
            e.Property(x => x.RejectReason).HasMaxLength(500);
            e.Property(x => x.SubmittedBy).HasMaxLength(100);
            e.Property(x => x.ReviewedBy).HasMaxLength(100);
            e.Property(x => x.DecidedBy).HasMaxLength(100);
            e.Property(x => x.FileKey).HasMaxLength(200);
            e.Property(x => x.ReviewKey).HasMaxLength(200);
            e.Property(x => x.ApproveKey).HasMaxLength(200);
            e.Property(x => x.PayKey).HasMaxLength(200);
            e.HasIndex(x => new { x.Status, x.SubmittedAt });
            // The claim list's keyset order, newest first.
            e.HasIndex(x => new { x.SubmittedAt, x.Id });
            e.HasIndex(x => x.CoverId);
            e.HasIndex(x => x.MemberId);
            e.HasIndex(x => x.UnionId);
            e.HasIndex(x => x.FileKey).IsUnique();
        });
        b.Entity<AccidentClaimEvent>(e =>
        {
            e.ToTable("insurance_claim_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Actor).HasMaxLength(100);
            e.Property(x => x.Note).HasMaxLength(500);
            e.HasIndex(x => new { x.ClaimId, x.At });
        });
    }
}
