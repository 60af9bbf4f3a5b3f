using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Modules.Organizations.Members;
using Gonghui.Modules.Organizations.Units;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Organizations;

/// <summary>EF mapping of the Organizations module's tables (org_units, enterprises, members, member_transfers).</summary>
internal static class OrganizationsModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<OrgUnit>(e =>
        {
            e.ToTable("org_units");
            e.HasKey(u => u.Id);
            e.Property(u => u.Code).HasMaxLength(24).IsRequired();
            e.Property(u => u.Name).HasMaxLength(200).IsRequired();
            e.Property(u => u.Path).HasMaxLength(400).IsRequired();
            e.Property(u => u.DistrictCode).HasMaxLength(6);
            e.HasIndex(u => u.Code).IsUnique();
            e.HasIndex(u => u.Path);
            e.HasIndex(u => u.ParentId);
        });
        b.Entity<Enterprise>(e =>
        {
            e.ToTable("enterprises");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.Property(x => x.CreditCode).HasMaxLength(18).IsRequired();
            e.Property(x => x.DistrictCode).HasMaxLength(6);
            e.HasIndex(x => x.CreditCode).IsUnique();
            e.HasIndex(x => x.GrassrootsUnionId);
            // The enterprise list's keyset order.
            e.HasIndex(x => new { x.Name, x.Id });
        });
        b.Entity<Member>(e =>
        {
            e.ToTable("members");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100).IsRequired();
            e.Property(x => x.IdNumberCipher).HasMaxLength(200).IsRequired();
            e.Property(x => x.IdNumberHash).HasMaxLength(64).IsRequired();
            e.Property(x => x.IdNumberMasked).HasMaxLength(18).IsRequired();
            e.Property(x => x.PhoneCipher).HasMaxLength(200);
            e.Property(x => x.PhoneHash).HasMaxLength(64);
            e.Property(x => x.PhoneMasked).HasMaxLength(11);
            e.Property(x => x.CardNumber).HasMaxLength(32);
            e.HasIndex(x => x.IdNumberHash).IsUnique();
            e.HasIndex(x => x.PhoneHash);
            // A grassroots union's member list (equality on the union) in the keyset order (name, id).
            e.HasIndex(x => new { x.UnionId, x.Name, x.Id });
            // The member list's keyset order (name, id), city-wide and, filtered by the union's scope path, per district.
            e.HasIndex(x => new { x.Name, x.Id });
            // … filtered by employment type: the type's members in name order (a district's page reads ≈ 21 × (members / district's)
            // entries instead of 21 × (members / district's type's)).
            e.HasIndex(x => new { x.EmploymentType, x.Name, x.Id });
            e.HasIndex(x => x.EnterpriseId);
            e.HasIndex(x => x.CardNumber);
        });
        b.Entity<MemberTransfer>(e =>
        {
            e.ToTable("member_transfers");
            e.HasKey(x => x.Id);
            e.Property(x => x.By).HasMaxLength(100);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.HasIndex(x => x.MemberId);
        });
    }
}
