using Gonghui.Modules.Innovation.Alliances;
using Gonghui.Modules.Innovation.Awards;
using Gonghui.Modules.Innovation.Studios;
using Gonghui.Modules.Innovation.Training;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Innovation;

/// <summary>EF mapping of the Innovation module's tables (innovation_studios, _studio_members, _studio_events, _annual_reviews, _patent_awards, _projects, _project_scores).</summary>
internal static class InnovationModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<InnovationStudio>(e =>
        {
            e.ToTable("innovation_studios");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100).IsRequired();
            e.Property(x => x.Field).HasMaxLength(50).IsRequired();
            e.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
            e.Property(x => x.ScopeDistrict).HasMaxLength(400);
            e.Property(x => x.DistrictCode).HasMaxLength(6);
            e.Property(x => x.EnterpriseName).HasMaxLength(200);
            e.Property(x => x.LeaderName).HasMaxLength(100).IsRequired();
            e.Property(x => x.AppliedBy).HasMaxLength(100).IsRequired();
            e.Property(x => x.Reason).HasMaxLength(500);
            // The registry's keyset order (name, id), and one index per filter the list takes by equality, each ending in that order so a
            // first slice (and its capped count) is a walk: a district's scope (equality on ScopeDistrict), level, status, the district filter.
            e.HasIndex(x => new { x.Name, x.Id });
            e.HasIndex(x => new { x.Level, x.Name, x.Id });
            e.HasIndex(x => new { x.Status, x.Name, x.Id });
            e.HasIndex(x => new { x.DistrictCode, x.Name, x.Id });
            e.HasIndex(x => new { x.ScopeDistrict, x.Name, x.Id });
            e.HasIndex(x => new { x.ScopeDistrict, x.Level, x.Name, x.Id });
            e.HasIndex(x => new { x.ScopeDistrict, x.Status, x.Name, x.Id });
            e.HasIndex(x => x.ScopePath);
            e.HasIndex(x => new { x.Status, x.Level });
            e.HasIndex(x => x.LeaderMemberId);
        });
        b.Entity<StudioMember>(e =>
        {
            e.ToTable("innovation_studio_members");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100).IsRequired();
            e.HasIndex(x => new { x.StudioId, x.MemberId }).IsUnique();
            e.HasIndex(x => x.MemberId);
        });
        b.Entity<StudioEvent>(e =>
        {
            e.ToTable("innovation_studio_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Actor).HasMaxLength(100).IsRequired();
            e.Property(x => x.Note).HasMaxLength(500);
            e.HasIndex(x => new { x.StudioId, x.At });
        });
        b.Entity<StudioAnnualReview>(e =>
        {
            e.ToTable("innovation_annual_reviews");
            e.HasKey(x => x.Id);
            e.Property(x => x.RecordedBy).HasMaxLength(100).IsRequired();
            e.HasIndex(x => new { x.StudioId, x.Year }).IsUnique();
        });
        b.Entity<PatentAward>(e =>
        {
            e.ToTable("innovation_patent_awards");
            e.HasKey(x => x.Id);
            e.Property(x => x.PatentNumber).HasMaxLength(20).IsRequired();
            e.Property(x => x.ClaimedNumber).HasMaxLength(20);
            e.Property(x => x.Title).HasMaxLength(200).IsRequired();
            e.Property(x => x.Employer).HasMaxLength(200).IsRequired();
            e.Property(x => x.InventorName).HasMaxLength(100).IsRequired();
            e.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
            e.Property(x => x.ScopeDistrict).HasMaxLength(400);
            e.Property(x => x.FiledBy).HasMaxLength(100).IsRequired();
            e.Property(x => x.DecidedBy).HasMaxLength(100);
            e.Property(x => x.RejectReason).HasMaxLength(500);
            e.Property(x => x.ReversalReason).HasMaxLength(500);
            // One award per patent, ever: a standing claim holds its number (a rejected one sets it to null).
            e.HasIndex(x => x.ClaimedNumber).IsUnique();
            e.HasIndex(x => x.PatentNumber);
            e.HasIndex(x => new { x.FiledAt, x.Id });
            // The list's filters and order (keyset on filed at ↓, id ↓): a district by equality, a year, both (issue 15 bench).
            e.HasIndex(x => new { x.Year, x.FiledAt, x.Id });
            e.HasIndex(x => new { x.ScopeDistrict, x.FiledAt, x.Id });
            e.HasIndex(x => new { x.ScopeDistrict, x.Year, x.FiledAt, x.Id });
            e.HasIndex(x => x.ScopePath);
            e.HasIndex(x => x.MemberId);
            e.HasIndex(x => x.StudioId);
        });
        b.Entity<InnovationProject>(e =>
        {
            e.ToTable("innovation_projects");
            e.HasKey(x => x.Id);
            e.Property(x => x.StudioName).HasMaxLength(100).IsRequired();
            e.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
            e.Property(x => x.Title).HasMaxLength(200).IsRequired();
            e.Property(x => x.Summary).HasMaxLength(2000).IsRequired();
            e.Property(x => x.SubmittedBy).HasMaxLength(100).IsRequired();
            e.Property(x => x.DecidedBy).HasMaxLength(100);
            e.Property(x => x.RejectReason).HasMaxLength(500);
            e.Property(x => x.ReversalReason).HasMaxLength(500);
            e.HasIndex(x => new { x.SubmittedAt, x.Id });
            e.HasIndex(x => x.StudioId);
            e.HasIndex(x => x.ScopePath);
            e.HasIndex(x => new { x.Year, x.Status });
        });
        b.Entity<ProjectScore>(e =>
        {
            e.ToTable("innovation_project_scores");
            e.HasKey(x => x.Id);
            e.Property(x => x.Expert).HasMaxLength(100).IsRequired();
            e.Property(x => x.Comment).HasMaxLength(500);
            e.HasIndex(x => new { x.ProjectId, x.Expert }).IsUnique();
        });
        b.Entity<StudioAlliance>(e =>
        {
            e.ToTable("innovation_alliances");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100).IsRequired();
            e.Property(x => x.Description).HasMaxLength(1000);
            e.Property(x => x.LeadStudioName).HasMaxLength(100).IsRequired();
            e.Property(x => x.CreatedBy).HasMaxLength(100).IsRequired();
            e.HasIndex(x => new { x.Name, x.Id });
        });
        b.Entity<AllianceMember>(e =>
        {
            e.ToTable("innovation_alliance_members");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.AllianceId, x.StudioId }).IsUnique();
            e.HasIndex(x => x.StudioId);
        });
        b.Entity<AllianceProject>(e =>
        {
            e.ToTable("innovation_alliance_projects");
            e.HasKey(x => x.Id);
            e.Property(x => x.Title).HasMaxLength(200).IsRequired();
            e.Property(x => x.Summary).HasMaxLength(2000);
            e.Property(x => x.LeadStudioName).HasMaxLength(100).IsRequired();
            e.Property(x => x.CreatedBy).HasMaxLength(100).IsRequired();
            e.HasIndex(x => new { x.AllianceId, x.CreatedAt, x.Id });
        });
        b.Entity<AllianceProjectStudio>(e =>
        {
            e.ToTable("innovation_alliance_project_studios");
            e.HasKey(x => x.Id);
            e.Property(x => x.StudioName).HasMaxLength(100).IsRequired();
            e.Property(x => x.Contribution).HasMaxLength(500).IsRequired();
            e.Property(x => x.By).HasMaxLength(100).IsRequired();
            e.HasIndex(x => new { x.ProjectId, x.StudioId }).IsUnique();
            e.HasIndex(x => x.StudioId);
        });
        b.Entity<TechNeed>(e =>
        {
            e.ToTable("innovation_needs");
            e.HasKey(x => x.Id);
            e.Property(x => x.Enterprise).HasMaxLength(200).IsRequired();
            e.Property(x => x.Title).HasMaxLength(200).IsRequired();
            e.Property(x => x.Problem).HasMaxLength(2000).IsRequired();
            e.Property(x => x.PostedBy).HasMaxLength(100).IsRequired();
            e.HasIndex(x => new { x.PostedAt, x.Id });
            e.HasIndex(x => x.AllianceId);
        });
        b.Entity<NeedOffer>(e =>
        {
            e.ToTable("innovation_need_offers");
            e.HasKey(x => x.Id);
            e.Property(x => x.StudioName).HasMaxLength(100).IsRequired();
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.By).HasMaxLength(100).IsRequired();
            e.HasIndex(x => new { x.NeedId, x.StudioId }).IsUnique();
        });
        b.Entity<TrainingInstitution>(e =>
        {
            e.ToTable("innovation_training_institutions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.Property(x => x.DistrictCode).HasMaxLength(6);
            e.HasIndex(x => new { x.Name, x.Id });
        });
        b.Entity<TrainingCourse>(e =>
        {
            e.ToTable("innovation_training_courses");
            e.HasKey(x => x.Id);
            e.Property(x => x.InstitutionName).HasMaxLength(200).IsRequired();
            e.Property(x => x.Title).HasMaxLength(200).IsRequired();
            e.HasIndex(x => new { x.Title, x.Id });
            e.HasIndex(x => x.InstitutionId);
        });
        b.Entity<TrainingEnrolment>(e =>
        {
            e.ToTable("innovation_training_enrolments");
            e.HasKey(x => x.Id);
            e.Property(x => x.CourseTitle).HasMaxLength(200).IsRequired();
            e.Property(x => x.MemberName).HasMaxLength(100).IsRequired();
            e.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
            e.Property(x => x.CertificateNo).HasMaxLength(20);
            e.HasIndex(x => new { x.CourseId, x.MemberId }).IsUnique();
            e.HasIndex(x => x.MemberId);
            e.HasIndex(x => x.CertificateNo).IsUnique();
        });
    }
}
