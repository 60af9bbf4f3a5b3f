using Gonghui.Modules.LaborRelations.Bargaining;
using Gonghui.Modules.LaborRelations.Cultivation;
using Gonghui.Modules.LaborRelations.Organizing;
using Gonghui.Modules.LaborRelations.Risk;
using Gonghui.Modules.LaborRelations.Signals;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.LaborRelations;

/// <summary>EF mapping of the LaborRelations tables (labor_signals, labor_layoffs, labor_opinion_items, labor_risk_scores, labor_alerts, labor_alert_events; bargaining: labor_agreements, labor_agreement_rounds; cultivation: labor_cultivated_firms, labor_health_checks, labor_check_findings; organizing: labor_drives, labor_drive_firms, labor_drive_grants).</summary>
internal static class LaborRelationsModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<DriveGrant>(e =>
        {
            e.ToTable("labor_drive_grants");
            e.HasKey(x => x.Id);
            e.Property(x => x.ScopePath).HasMaxLength(200).IsRequired();
            e.Property(x => x.Purpose).HasMaxLength(500).IsRequired();
            e.Property(x => x.ApprovedBy).HasMaxLength(100).IsRequired();
            e.Property(x => x.PaidBy).HasMaxLength(100);
            e.HasIndex(x => new { x.DriveId, x.ApprovedAt });
            e.HasIndex(x => x.ScopePath);
        });
        b.Entity<RiskSignal>(e =>
        {
            e.ToTable("labor_signals");
            e.HasKey(x => x.Id);
            e.Property(x => x.EnterpriseName).HasMaxLength(200).IsRequired();
            e.Property(x => x.Source).HasMaxLength(20).IsRequired();
            e.Property(x => x.SourceRef).HasMaxLength(80).IsRequired();
            e.Property(x => x.Note).HasMaxLength(500);
            e.Property(x => x.ScopePath).HasMaxLength(200).IsRequired();
            e.Property(x => x.DistrictCode).HasMaxLength(6).IsRequired();
            e.Property(x => x.CreatedBy).HasMaxLength(100).IsRequired();
            e.HasIndex(x => new { x.Source, x.SourceRef }).IsUnique();
            e.HasIndex(x => new { x.EnterpriseId, x.OccurredOn });
            e.HasIndex(x => new { x.OccurredOn, x.Kind });
            e.HasIndex(x => new { x.ScopePath, x.OccurredOn });
        });
        b.Entity<LayoffReport>(e =>
        {
            e.ToTable("labor_layoffs");
            e.HasKey(x => x.Id);
            e.Property(x => x.EnterpriseName).HasMaxLength(200).IsRequired();
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.ScopePath).HasMaxLength(200).IsRequired();
            e.Property(x => x.CreatedBy).HasMaxLength(100).IsRequired();
            e.HasIndex(x => new { x.ScopePath, x.CreatedAt });
            e.HasIndex(x => x.EnterpriseId);
        });
        b.Entity<OpinionItem>(e =>
        {
            e.ToTable("labor_opinion_items");
            e.HasKey(x => x.Id);
            e.Property(x => x.Source).HasMaxLength(100).IsRequired();
            e.Property(x => x.Title).HasMaxLength(300).IsRequired();
            e.Property(x => x.Category).HasMaxLength(40).IsRequired();
            e.Property(x => x.Industry).HasMaxLength(100);
            e.Property(x => x.EnterpriseName).HasMaxLength(200);
            e.Property(x => x.DistrictCode).HasMaxLength(6).IsRequired();
            e.Property(x => x.ScopePath).HasMaxLength(200).IsRequired();
            e.Property(x => x.Handling).HasMaxLength(1000);
            e.Property(x => x.DedupKey).HasMaxLength(450).IsRequired();
            e.Property(x => x.CreatedBy).HasMaxLength(100).IsRequired();
            e.HasIndex(x => x.DedupKey).IsUnique();
            e.HasIndex(x => new { x.PublishedOn, x.ScopePath });
            e.HasIndex(x => new { x.ScopePath, x.PublishedOn });
        });
        b.Entity<RiskScore>(e =>
        {
            e.ToTable("labor_risk_scores");
            e.HasKey(x => x.EnterpriseId);
            e.Property(x => x.EnterpriseId).ValueGeneratedNever();
            e.Property(x => x.EnterpriseName).HasMaxLength(200).IsRequired();
            e.Property(x => x.ScopePath).HasMaxLength(200).IsRequired();
            e.Property(x => x.DistrictCode).HasMaxLength(6).IsRequired();
            e.HasIndex(x => new { x.ScopePath, x.Score });
            e.HasIndex(x => new { x.Score, x.EnterpriseId });
        });
        b.Entity<RiskAlert>(e =>
        {
            e.ToTable("labor_alerts");
            e.HasKey(x => x.Id);
            e.Property(x => x.EnterpriseName).HasMaxLength(200).IsRequired();
            e.Property(x => x.DistrictCode).HasMaxLength(6).IsRequired();
            e.Property(x => x.ScopePath).HasMaxLength(200).IsRequired();
            e.Property(x => x.VerifyNote).HasMaxLength(1000);
            e.Property(x => x.ActionNote).HasMaxLength(1000);
            e.Property(x => x.ResultNote).HasMaxLength(1000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Ignore(x => x.IsOpen);
            e.HasIndex(x => new { x.ScopePath, x.State });
            e.HasIndex(x => new { x.EnterpriseId, x.State });
            e.HasIndex(x => new { x.State, x.VerifyBy });
        });
        b.Entity<RiskAlertEvent>(e =>
        {
            e.ToTable("labor_alert_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Actor).HasMaxLength(100).IsRequired();
            e.Property(x => x.Action).HasMaxLength(20).IsRequired();
            e.Property(x => x.Note).HasMaxLength(1200);
            e.HasIndex(x => new { x.AlertId, x.Id });
        });
        b.Entity<CollectiveAgreement>(e =>
        {
            e.ToTable("labor_agreements");
            e.HasKey(x => x.Id);
            e.Property(x => x.Title).HasMaxLength(200).IsRequired();
            e.Property(x => x.EnterpriseName).HasMaxLength(200);
            e.Property(x => x.Sector).HasMaxLength(100);
            e.Property(x => x.DistrictCode).HasMaxLength(6).IsRequired();
            e.Property(x => x.ScopePath).HasMaxLength(200).IsRequired();
            e.Property(x => x.UnionChief).HasMaxLength(50);
            e.Property(x => x.EmployerChief).HasMaxLength(50);
            e.Property(x => x.CreatedBy).HasMaxLength(100).IsRequired();
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.ScopePath, x.RequestedOn });
            e.HasIndex(x => new { x.Status, x.ExpiresOn });
            e.HasIndex(x => x.EnterpriseId);
            e.HasIndex(x => x.RenewsId);
        });
        b.Entity<AgreementRound>(e =>
        {
            e.ToTable("labor_agreement_rounds");
            e.HasKey(x => x.Id);
            e.Property(x => x.Topic).HasMaxLength(200).IsRequired();
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.CreatedBy).HasMaxLength(100).IsRequired();
            e.HasIndex(x => new { x.AgreementId, x.No }).IsUnique();
        });
        b.Entity<CultivatedFirm>(e =>
        {
            e.ToTable("labor_cultivated_firms");
            e.HasKey(x => x.Id);
            e.Property(x => x.EnterpriseName).HasMaxLength(200).IsRequired();
            e.Property(x => x.DistrictCode).HasMaxLength(6).IsRequired();
            e.Property(x => x.ScopePath).HasMaxLength(200).IsRequired();
            e.Property(x => x.LawyerTeam).HasMaxLength(200).IsRequired();
            e.Property(x => x.EndNote).HasMaxLength(500);
            e.Property(x => x.CreatedBy).HasMaxLength(100).IsRequired();
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.ScopePath, x.EnrolledOn });
            e.HasIndex(x => new { x.EnterpriseId, x.Status });
        });
        b.Entity<HealthCheck>(e =>
        {
            e.ToTable("labor_health_checks");
            e.HasKey(x => x.Id);
            e.Property(x => x.CheckedBy).HasMaxLength(200).IsRequired();
            e.Property(x => x.Summary).HasMaxLength(1000);
            e.HasIndex(x => new { x.FirmId, x.CheckedOn });
        });
        b.Entity<CheckFinding>(e =>
        {
            e.ToTable("labor_check_findings");
            e.HasKey(x => x.Id);
            e.Property(x => x.ItemKey).HasMaxLength(40).IsRequired();
            e.Property(x => x.Note).HasMaxLength(500);
            e.Property(x => x.FollowUp).HasMaxLength(500);
            e.HasIndex(x => x.FirmId);
            e.HasIndex(x => x.CheckId);
        });
        b.Entity<OrganizingDrive>(e =>
        {
            e.ToTable("labor_drives");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100).IsRequired();
            e.Property(x => x.DistrictCode).HasMaxLength(6);
            e.Property(x => x.ScopePath).HasMaxLength(200).IsRequired();
            e.Property(x => x.Note).HasMaxLength(500);
            e.Property(x => x.CreatedBy).HasMaxLength(100).IsRequired();
            e.HasIndex(x => new { x.ScopePath, x.StartsOn });
        });
        b.Entity<DriveFirm>(e =>
        {
            e.ToTable("labor_drive_firms");
            e.HasKey(x => new { x.DriveId, x.EnterpriseId });
        });
    }
}
