using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Topics;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Hotline;

/// <summary>EF mapping of the hotline tables (hotline_requests, hotline_request_events, hotline_visits, …).</summary>
internal static class HotlineModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<HotlineRequest>(e =>
        {
            e.ToTable("hotline_requests");
            e.HasKey(x => x.Id);
            e.Property(x => x.TrackingCode).HasMaxLength(16).IsRequired();
            e.Property(x => x.Category).HasMaxLength(40).IsRequired();
            e.Property(x => x.SubCategory).HasMaxLength(40);
            e.Property(x => x.Description).HasMaxLength(4000).IsRequired();
            e.Property(x => x.CallerName).HasMaxLength(100);
            e.Property(x => x.PhoneCipher).HasMaxLength(200);
            e.Property(x => x.PhoneHash).HasMaxLength(64);
            e.Property(x => x.PhoneMasked).HasMaxLength(11);
            e.Property(x => x.EnterpriseName).HasMaxLength(200);
            e.Property(x => x.DistrictCode).HasMaxLength(6);
            e.Property(x => x.Address).HasMaxLength(300);
            e.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
            e.Property(x => x.ScopeDistrict).HasMaxLength(400);
            e.Property(x => x.ResolutionNote).HasMaxLength(2000);
            e.Property(x => x.Pauses).HasMaxLength(2000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.TrackingCode).IsUnique();
            // A grassroots union's list, newest first: equality on its path (ScopeFilter.InScope with scopeHoldsNoUnits).
            e.HasIndex(x => new { x.ScopePath, x.ReceivedAt, x.Id });
            // … and filtered by category: without it SQLite walked the category's index and filtered by the path (110 ms a first page).
            e.HasIndex(x => new { x.ScopePath, x.Category, x.ReceivedAt, x.Id });
            // The queue's keyset order (received at, id), newest first.
            e.HasIndex(x => new { x.ReceivedAt, x.Id });
            // The request list filtered by category, newest first (keyset): a range scan, and the capped count reads at most 1,000 entries.
            e.HasIndex(x => new { x.Category, x.ReceivedAt, x.Id });
            // A district's list, newest first, with and without a category: equality on the district, then the keyset order.
            e.HasIndex(x => new { x.ScopeDistrict, x.ReceivedAt, x.Id });
            e.HasIndex(x => new { x.ScopeDistrict, x.Category, x.ReceivedAt, x.Id });
            e.HasIndex(x => x.PhoneHash);
            e.HasIndex(x => new { x.State, x.ResolutionDueAt });
            // Covering index: the rates are one index-only GROUP BY over a period's visits.
            e.HasIndex(x => new { x.VisitedAt, x.VisitUnitId, x.VisitReached, x.ContactedInTime, x.VisitSolved, x.VisitSatisfaction });
            e.HasIndex(x => new { x.EnterpriseId, x.Category, x.ReceivedAt });
            e.HasIndex(x => x.LeadUnitId);
            e.HasIndex(x => x.MergedIntoId);
        });
        b.Entity<HotlineRequestEvent>(e =>
        {
            e.ToTable("hotline_request_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Actor).HasMaxLength(100);
            e.Property(x => x.Action).HasMaxLength(40);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.HasIndex(x => new { x.RequestId, x.At });
        });
        b.Entity<HotlineCoUnit>(e =>
        {
            e.ToTable("hotline_co_units");
            e.HasKey(x => new { x.RequestId, x.UnitId });
            e.Property(x => x.UnitPath).HasMaxLength(400);
            e.Property(x => x.UnitDistrict).HasMaxLength(400);
            // A grassroots union's co-handled requests (equality on the path) and a district's (equality on the district):
            // the list reads them first (HotlineService.VisiblePartsAsync), by index, never by a path prefix.
            e.HasIndex(x => new { x.UnitPath, x.RequestId });
            e.HasIndex(x => new { x.UnitDistrict, x.RequestId });
        });
        b.Entity<HotlineVisit>(e =>
        {
            e.ToTable("hotline_visits");
            e.HasKey(x => x.Id);
            e.Property(x => x.Agent).HasMaxLength(100);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.HasIndex(x => x.RequestId);
        });
        b.Entity<HotlineAlert>(e =>
        {
            e.ToTable("hotline_alerts");
            e.HasKey(x => x.Id);
            e.Property(x => x.Key).HasMaxLength(120);
            e.Property(x => x.Label).HasMaxLength(200);
            e.Property(x => x.Category).HasMaxLength(40);
            e.Property(x => x.DistrictCode).HasMaxLength(6);
            e.Property(x => x.ScopePath).HasMaxLength(400);
            e.HasIndex(x => new { x.Key, x.Category, x.Status });
        });
        b.Entity<HotlineIdempotencyKey>(e =>
        {
            e.ToTable("hotline_idempotency_keys");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(200);
            e.Property(x => x.Action).HasMaxLength(40);
        });
        // Added with attachments, merges, links and monthly topics (migration HotlineMore).
        b.Entity<HotlineAttachment>(e =>
        {
            e.ToTable("hotline_attachments");
            e.HasKey(x => x.Id);
            e.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
            e.Property(x => x.FileName).HasMaxLength(200).IsRequired();
            e.Property(x => x.Kind).HasMaxLength(10);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.UploadedBy).HasMaxLength(100);
            e.HasIndex(x => x.RequestId);
            e.HasIndex(x => x.Sha256);
        });
        b.Entity<HotlineLink>(e =>
        {
            e.ToTable("hotline_links");
            e.HasKey(x => x.Id);
            e.Property(x => x.Reference).HasMaxLength(100).IsRequired();
            e.Property(x => x.Label).HasMaxLength(200);
            e.Property(x => x.TargetPath).HasMaxLength(400);
            e.Property(x => x.LinkedBy).HasMaxLength(100);
            e.HasIndex(x => new { x.RequestId, x.Kind, x.Reference }).IsUnique();
        });
        b.Entity<HotlineTopic>(e =>
        {
            e.ToTable("hotline_topics");
            e.HasKey(x => x.Id);
            e.Property(x => x.Title).HasMaxLength(200).IsRequired();
            e.Property(x => x.Target).HasMaxLength(1000);
            e.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
            e.Property(x => x.LeadUnitPath).HasMaxLength(400).IsRequired();
            e.Property(x => x.Label).HasMaxLength(200);
            e.Property(x => x.Category).HasMaxLength(40);
            e.Property(x => x.Summary).HasMaxLength(2000);
            e.Property(x => x.CreatedBy).HasMaxLength(100);
            e.Property(x => x.ClosedBy).HasMaxLength(100);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Year, x.Month });
            e.HasIndex(x => x.AlertId).IsUnique();
        });
        b.Entity<HotlineTopicNote>(e =>
        {
            e.ToTable("hotline_topic_notes");
            e.HasKey(x => x.Id);
            e.Property(x => x.Author).HasMaxLength(100);
            e.Property(x => x.Text).HasMaxLength(2000);
            e.HasIndex(x => new { x.TopicId, x.At });
        });
    }
}
