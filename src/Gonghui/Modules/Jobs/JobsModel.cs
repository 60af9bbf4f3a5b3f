using Gonghui.Modules.Jobs.Applications;
using Gonghui.Modules.Jobs.Campaigns;
using Gonghui.Modules.Jobs.Posts;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Jobs;

/// <summary>EF mapping of the Jobs module's tables (jobs_posts, jobs_applications, jobs_placements, jobs_campaigns).</summary>
internal static class JobsModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<JobPost>(e =>
        {
            e.ToTable("jobs_posts");
            e.HasKey(x => x.Id);
            e.Property(x => x.EmployerName).HasMaxLength(200).IsRequired();
            e.Property(x => x.EmployerCreditCode).HasMaxLength(18).IsRequired();
            e.Property(x => x.ScopePath).HasMaxLength(200).IsRequired();
            e.Property(x => x.DistrictCode).HasMaxLength(6).IsRequired();
            e.Property(x => x.Title).HasMaxLength(100).IsRequired();
            e.Property(x => x.Description).HasMaxLength(4000).IsRequired();
            e.Property(x => x.OccupationCode).HasMaxLength(12).IsRequired();
            e.Property(x => x.OccupationMajor).HasMaxLength(1).IsRequired();
            e.Property(x => x.OccupationMedium).HasMaxLength(4).IsRequired();
            e.Property(x => x.OccupationSmall).HasMaxLength(7).IsRequired();
            e.Property(x => x.Address).HasMaxLength(200).IsRequired();
            e.Property(x => x.CreatedBy).HasMaxLength(100).IsRequired();
            e.Property(x => x.ReviewedBy).HasMaxLength(100);
            e.Property(x => x.ReviewNote).HasMaxLength(500);
            e.Property(x => x.Version).IsConcurrencyToken();
            // The public search: open posts newest first, alone or narrowed by district, occupation group or detailed occupation (see docs/jobs.md).
            // The walk of all open posts carries after its order the columns of the tests it serves without an index of their own:
            // open today (valid_through), the radius's box and distance (lat, lng), the salary wanted and the major group. A row that
            // fails them is dropped in the index (SQLite evaluates them before it seeks the table row, PostgreSQL as index conditions),
            // so a radius search reads from the table only the posts in its box, not every post it passes (docs/jobs.md, "Measured").
            e.HasIndex(x => new { x.Status, x.PostedAt, x.Id, x.ValidThrough, x.Lat, x.Lng, x.SalaryMaxFen, x.OccupationMajor })
                .HasDatabaseName("ix_jobs_posts_open_walk");
            e.HasIndex(x => new { x.DistrictCode, x.Status, x.PostedAt, x.Id });
            e.HasIndex(x => new { x.OccupationMedium, x.Status, x.PostedAt, x.Id });
            e.HasIndex(x => new { x.OccupationSmall, x.Status, x.PostedAt, x.Id });
            e.HasIndex(x => new { x.OccupationCode, x.Status, x.PostedAt, x.Id });
            // Staff lists: an employer's posts, the posts in scope, the review queue, a campaign's posts.
            e.HasIndex(x => new { x.EmployerId, x.CreatedAt, x.Id });
            e.HasIndex(x => new { x.ScopePath, x.CreatedAt, x.Id });
            e.HasIndex(x => new { x.Status, x.CreatedAt, x.Id });
            e.HasIndex(x => new { x.CampaignId, x.PostedAt, x.Id });
        });
        b.Entity<Search.JobPostTerm>(e =>
        {
            // The keyword search's bigram index: the posts holding a term, by term (see Search/JobSearch).
            e.ToTable("jobs_post_terms");
            e.HasKey(x => new { x.Term, x.PostId });
            e.Property(x => x.Term).HasMaxLength(2).IsRequired();
            e.Property(x => x.DistrictCode).HasMaxLength(6).IsRequired();
            // A common term's posts newest first (walked backwards): the first page stops after its rows instead of reading them all;
            // with the district after the order, a keyword with a district drops the term's other districts in the index.
            e.HasIndex(x => new { x.Term, x.PostedAt, x.PostId, x.DistrictCode });
        });
        b.Entity<JobApplication>(e =>
        {
            e.ToTable("jobs_applications");
            e.HasKey(x => x.Id);
            e.Property(x => x.ApplicantName).HasMaxLength(100).IsRequired();
            e.Property(x => x.ScopePath).HasMaxLength(200).IsRequired();
            e.Property(x => x.DecidedBy).HasMaxLength(100);
            e.Property(x => x.Note).HasMaxLength(500);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.PostId, x.MemberId }).IsUnique();
            e.HasIndex(x => new { x.MemberId, x.AppliedAt, x.Id });
            e.HasIndex(x => new { x.PostId, x.AppliedAt, x.Id });
        });
        b.Entity<JobPlacement>(e =>
        {
            e.ToTable("jobs_placements");
            e.HasKey(x => x.Id);
            e.Property(x => x.ScopePath).HasMaxLength(200).IsRequired();
            e.Property(x => x.PlacedBy).HasMaxLength(100).IsRequired();
            // One current placement per person: the database refuses a second, whatever the race.
            e.HasIndex(x => x.MemberId).IsUnique().HasFilter("ended_at IS NULL");
            e.HasIndex(x => x.ApplicationId).IsUnique();
            e.HasIndex(x => new { x.PlacedAt, x.MemberId });
            e.HasIndex(x => x.PostId);
        });
        b.Entity<JobCampaign>(e =>
        {
            e.ToTable("jobs_campaigns");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.Property(x => x.Place).HasMaxLength(200);
            e.Property(x => x.ScopePath).HasMaxLength(200).IsRequired();
            e.Property(x => x.CreatedBy).HasMaxLength(100).IsRequired();
            e.HasIndex(x => new { x.StartsOn, x.Id });
        });
    }
}
