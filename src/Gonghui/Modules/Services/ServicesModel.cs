using Gonghui.Modules.Services.Campaigns;
using Gonghui.Modules.Services.Projects;
using Gonghui.Modules.Services.Visits;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Services;

/// <summary>EF mapping of the Services module's tables (services_projects, services_visits, services_campaigns, services_campaign_plans, services_campaign_recipients).</summary>
internal static class ServicesModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<ServiceProject>(e =>
        {
            e.ToTable("services_projects");
            e.HasKey(x => x.Id);
            e.Property(x => x.Code).HasMaxLength(20).IsRequired();
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.Property(x => x.ScopePath).HasMaxLength(200).IsRequired();
            e.Property(x => x.District).HasMaxLength(200).IsRequired();
            e.Property(x => x.Description).HasMaxLength(2000);
            e.Property(x => x.FundCode).HasMaxLength(40).IsRequired();
            e.Property(x => x.AppliedBy).HasMaxLength(100).IsRequired();
            e.Property(x => x.DecidedBy).HasMaxLength(100);
            e.Property(x => x.AcceptedBy).HasMaxLength(100);
            e.Property(x => x.RejectReason).HasMaxLength(500);
            e.Property(x => x.EvaluationNote).HasMaxLength(1000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Code).IsUnique();
            // The list: a year's projects newest first, scoped by district (ScopeFilter.InScope with the district column) or path.
            e.HasIndex(x => new { x.Year, x.AppliedAt, x.Id });
            e.HasIndex(x => new { x.District, x.Year, x.AppliedAt, x.Id });
            e.HasIndex(x => new { x.ScopePath, x.Year });
        });
        b.Entity<ServiceVisit>(e =>
        {
            e.ToTable("services_visits");
            e.HasKey(x => x.Id);
            e.Property(x => x.Place).HasMaxLength(200);
            e.Property(x => x.RecordedBy).HasMaxLength(100).IsRequired();
            // One member, one project, one Beijing day = one visit. The same index serves the statistics: per project, a day range,
            // counted from the index alone (project_id, served_on), and the distinct members within it.
            e.HasIndex(x => new { x.ProjectId, x.ServedOn, x.MemberId }).IsUnique();
            // "My services this year": a member's visits by day.
            e.HasIndex(x => new { x.MemberId, x.ServedOn });
            // The visits list (the report's drill-down), newest first: a walk of this index from the period's end, keyset seek (served_at, id).
            e.HasIndex(x => new { x.ServedAt, x.Id });
        });
        // The report's roll-up of the visits (Statistics/VisitRollup: kept in the transaction that writes them).
        b.Entity<Statistics.VisitMonth>(e =>
        {
            e.ToTable("services_visit_months");
            e.HasKey(x => new { x.ProjectId, x.Month });
        });
        b.Entity<ServiceCampaign>(e =>
        {
            e.ToTable("services_campaigns");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.Property(x => x.ScopePath).HasMaxLength(200).IsRequired();
            e.Property(x => x.GiftItem).HasMaxLength(200);
            e.Property(x => x.FundCode).HasMaxLength(40).IsRequired();
            e.Property(x => x.CreatedBy).HasMaxLength(100).IsRequired();
            e.HasIndex(x => new { x.Year, x.CreatedAt, x.Id });
            e.HasIndex(x => x.ScopePath);
        });
        b.Entity<CampaignPlanEntry>(e =>
        {
            e.ToTable("services_campaign_plans");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.CampaignId, x.UnitId, x.Group }).IsUnique();
        });
        b.Entity<CampaignRecipient>(e =>
        {
            e.ToTable("services_campaign_recipients");
            e.HasKey(x => x.Id);
            e.Property(x => x.UnitPath).HasMaxLength(200).IsRequired();
            e.Property(x => x.GiftItem).HasMaxLength(200);
            e.Property(x => x.GiftedBy).HasMaxLength(100);
            e.Property(x => x.Version).IsConcurrencyToken();
            // Each person at most once per campaign.
            e.HasIndex(x => new { x.CampaignId, x.MemberId }).IsUnique();
            // The list per unit (results per unit, a unit's own recipients) and the member's own gifts.
            e.HasIndex(x => new { x.CampaignId, x.UnitPath, x.Id });
            e.HasIndex(x => new { x.CampaignId, x.Id });
            e.HasIndex(x => x.MemberId);
        });
    }
}
