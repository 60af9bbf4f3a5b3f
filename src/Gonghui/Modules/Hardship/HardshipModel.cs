using Gonghui.Modules.Hardship.Assistance;
using Gonghui.Modules.Hardship.Campaigns;
using Gonghui.Modules.Hardship.Files;
using Gonghui.Modules.Hardship.Precision;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Hardship;

/// <summary>EF mapping of the Hardship module's tables (hardship_*).</summary>
internal static class HardshipModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<HardshipFile>(e =>
        {
            e.ToTable("hardship_files");
            e.HasKey(x => x.Id);
            e.Ignore(x => x.Causes);
            e.Property(x => x.FileNo).HasMaxLength(20).IsRequired();
            e.Property(x => x.DistrictCode).HasMaxLength(6).IsRequired();
            e.Property(x => x.WorkerName).HasMaxLength(100).IsRequired();
            e.Property(x => x.WorkerIdMasked).HasMaxLength(18).IsRequired();
            e.Property(x => x.PhoneCipher).HasMaxLength(200);
            e.Property(x => x.PhoneMasked).HasMaxLength(11);
            e.Property(x => x.Address).HasMaxLength(300);
            e.Property(x => x.EligibilityRule).HasMaxLength(80);
            e.Property(x => x.FiledBy).HasMaxLength(100);
            e.Property(x => x.ContactName).HasMaxLength(100);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.FileNo).IsUnique();
            // The list: scope by unit, filtered by status/grade/district, newest first.
            e.HasIndex(x => new { x.OrgUnitId, x.FiledAt });
            e.HasIndex(x => new { x.DistrictCode, x.Grade, x.Status, x.OrgUnitId });
            // Lists page in (date, id) order; with the id in the index SQLite walks it and stops after a page
            // instead of sorting every file in scope. The "due" lists are ordered by their due date.
            e.HasIndex(x => new { x.FiledAt, x.Id });
            // Covering for the counts of the filtered lists (the scope join needs org_unit_id): no row look-ups on SQLite.
            e.HasIndex(x => new { x.ReverifyDueAt, x.IsActive, x.OrgUnitId });
            e.HasIndex(x => new { x.VisitDueAt, x.IsActive, x.OrgUnitId });
            e.HasIndex(x => new { x.Status, x.CauseFlags, x.OrgUnitId });
        });
        b.Entity<HouseholdMember>(e =>
        {
            e.ToTable("hardship_household_members");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100).IsRequired();
            e.Property(x => x.IdCipher).HasMaxLength(200).IsRequired();
            e.Property(x => x.IdHash).HasMaxLength(64).IsRequired();
            e.Property(x => x.IdMasked).HasMaxLength(18).IsRequired();
            e.Property(x => x.ActiveIdHash).HasMaxLength(64);
            e.Property(x => x.School).HasMaxLength(200);
            e.HasIndex(x => x.FileId);
            e.HasIndex(x => x.IdHash);
            // NULLs do not collide: only people in active files are unique, city-wide, on both providers.
            e.HasIndex(x => x.ActiveIdHash).IsUnique();
        });
        b.Entity<HardshipEvent>(e =>
        {
            e.ToTable("hardship_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Actor).HasMaxLength(100);
            e.Property(x => x.Kind).HasMaxLength(40);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.IdempotencyKey).HasMaxLength(100);
            e.HasIndex(x => new { x.FileId, x.At });
            e.HasIndex(x => new { x.FileId, x.IdempotencyKey }).IsUnique();
        });
        b.Entity<HardshipDocument>(e =>
        {
            e.ToTable("hardship_documents");
            e.HasKey(x => x.Id);
            e.Property(x => x.Kind).HasMaxLength(40);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.UploadedBy).HasMaxLength(100);
            e.HasIndex(x => x.FileId);
            e.HasIndex(x => x.ApplicationId);
        });
        b.Entity<HardshipAssistance>(e =>
        {
            e.ToTable("hardship_assistance");
            e.HasKey(x => x.Id);
            e.Ignore(x => x.ChildKey);
            e.Property(x => x.Fund).HasMaxLength(40);
            e.Property(x => x.Goods).HasMaxLength(200);
            e.Property(x => x.HandedOverBy).HasMaxLength(100);
            e.Property(x => x.Note).HasMaxLength(500);
            e.Property(x => x.IdempotencyKey).HasMaxLength(100);
            e.Property(x => x.CreatedBy).HasMaxLength(100);
            // Paid and reversed move the report's roll-up: each transition happens once, a concurrent second one fails instead of moving it again.
            e.Property(x => x.Status).IsConcurrencyToken();
            e.HasIndex(x => new { x.FileId, x.Year });
            e.HasIndex(x => new { x.Year, x.Type });
            // The assistance list (the report's drill-down), newest assistance date first: a walk of (on, id) from the period's end.
            e.HasIndex(x => new { x.On, x.Id });
            e.HasIndex(x => x.IdempotencyKey).IsUnique();
            e.HasIndex(x => x.ApplicationId).IsUnique();
        });
        // The report's roll-up of the paid assistance (AssistanceRollup: kept in the transaction that pays or reverses assistance).
        b.Entity<AssistancePaidMonth>(e =>
        {
            e.ToTable("hardship_paid_months");
            e.HasKey(x => new { x.Month, x.UnionId, x.Type });
        });
        b.Entity<AssistancePaidSubject>(e =>
        {
            e.ToTable("hardship_paid_subjects");
            e.HasKey(x => new { x.Year, x.Kind, x.SubjectId, x.UnionId });
            e.HasIndex(x => new { x.Year, x.Shared, x.Kind, x.UnionId, x.SubjectId });
        });
        b.Entity<AssistancePaidUnionYear>(e =>
        {
            e.ToTable("hardship_paid_union_years");
            e.HasKey(x => new { x.Year, x.UnionId });
        });
        b.Entity<EducationCampaign>(e =>
        {
            e.ToTable("hardship_campaigns");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(200);
            e.HasIndex(x => x.Year).IsUnique();
        });
        b.Entity<GrantApplication>(e =>
        {
            e.ToTable("hardship_grant_applications");
            e.HasKey(x => x.Id);
            e.Property(x => x.ChildName).HasMaxLength(100);
            e.Property(x => x.School).HasMaxLength(200);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.SubmittedBy).HasMaxLength(100);
            e.HasIndex(x => new { x.CampaignId, x.ChildMemberId }).IsUnique();
            // The campaign page's keyset order (child's name, id), all or of one status (docs/development.md, "Lists").
            e.HasIndex(x => new { x.CampaignId, x.ChildName, x.Id });
            e.HasIndex(x => new { x.CampaignId, x.Status, x.ChildName, x.Id });
            e.HasIndex(x => x.FileId);
        });
        b.Entity<HardshipEvaluation>(e =>
        {
            e.ToTable("hardship_evaluations");
            e.HasKey(x => x.Id);
            e.Property(x => x.DistrictCode).HasMaxLength(6);
            e.Property(x => x.SampledBy).HasMaxLength(100);
            e.Property(x => x.JudgedBy).HasMaxLength(100);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.HasIndex(x => new { x.Year, x.FileId }).IsUnique();
        });
    }
}
