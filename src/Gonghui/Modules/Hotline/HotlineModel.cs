using Gonghui.Modules.Hotline.Requests;
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
            e.Property(x => x.ResolutionNote).HasMaxLength(2000);
            e.Property(x => x.Pauses).HasMaxLength(2000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.TrackingCode).IsUnique();
            e.HasIndex(x => new { x.ScopePath, x.ReceivedAt });
            e.HasIndex(x => x.ReceivedAt);
            e.HasIndex(x => x.PhoneHash);
            e.HasIndex(x => new { x.State, x.ResolutionDueAt });
            // Covering index: the rates are one index-only GROUP BY over a period's visits.
            e.HasIndex(x => new { x.VisitedAt, x.VisitUnitId, x.VisitReached, x.ContactedInTime, x.VisitSolved, x.VisitSatisfaction });
            e.HasIndex(x => new { x.EnterpriseId, x.Category, x.ReceivedAt });
            e.HasIndex(x => x.LeadUnitId);
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
            e.HasIndex(x => x.UnitPath);
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
        b.Entity<HotlineOutboxMessage>(e =>
        {
            e.ToTable("hotline_outbox");
            e.HasKey(x => x.Id);
            e.Property(x => x.Channel).HasMaxLength(16);
            e.Property(x => x.ToCipher).HasMaxLength(200);
            e.Property(x => x.ToMasked).HasMaxLength(11);
            e.Property(x => x.Body).HasMaxLength(1000);
            e.Property(x => x.LastError).HasMaxLength(1000);
            e.HasIndex(x => new { x.SentAt, x.NextAttemptAt });
        });
        b.Entity<HotlineIdempotencyKey>(e =>
        {
            e.ToTable("hotline_idempotency_keys");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(200);
            e.Property(x => x.Action).HasMaxLength(40);
        });
    }
}
