using Gonghui.Modules.Culture.Rules;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Culture.Recitations;

public enum WorkStatus { Pending = 0, Published = 1, Rejected = 2 }

/// <summary>A recitation work (云诵读作品): a member's audio or video with its title, the text recited and the unit; public once published.</summary>
public sealed class RecitationWork : IAudited
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string Title { get; private set; } = "";
    public string RecitedText { get; private set; } = "";
    public Guid UserId { get; private set; }
    public Guid? MemberId { get; private set; }
    public string Author { get; private set; } = "";
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public MediaKind Kind { get; private set; }
    public string MediaSha256 { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Bytes { get; private set; }
    public int DurationMs { get; private set; }
    public string? PosterSha256 { get; private set; }
    public WorkStatus Status { get; private set; }
    public DateTimeOffset UploadedAt { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public string? RejectReason { get; private set; }
    /// <summary>The Beijing date it was published (the indicator's period filter).</summary>
    public DateOnly? PublishedOn { get; private set; }
    public int Version { get; private set; }

    private RecitationWork() { }

    public static RecitationWork Upload(string title, string text, Guid userId, Guid? memberId, string author, Guid unitId, string unitPath, MediaKind kind,
        string sha, string contentType, long bytes, int durationMs, string? poster, DateTimeOffset now) => new()
    {
        Title = title, RecitedText = text, UserId = userId, MemberId = memberId, Author = author, UnitId = unitId, UnitPath = unitPath, Kind = kind,
        MediaSha256 = sha, ContentType = contentType, Bytes = bytes, DurationMs = durationMs, PosterSha256 = poster, Status = WorkStatus.Pending, UploadedAt = now,
    };

    /// <summary>Publishing or rejecting is for a work awaiting moderation only; returns the refusal code otherwise.</summary>
    public string? Decide(bool publish, string? reason, string by, DateTimeOffset now)
    {
        if (Status != WorkStatus.Pending) return "work.decided";
        Status = publish ? WorkStatus.Published : WorkStatus.Rejected;
        RejectReason = publish ? null : reason;
        DecidedAt = now;
        DecidedBy = by;
        PublishedOn = publish ? BeijingTime.DateOf(now) : null;
        Version++;
        return null;
    }
}

/// <summary>
/// The works culture.recitation-works counts: published, on a Beijing date in [from, to) (either end open when null). One filter for the
/// figure and for its list's drill-down, so the list counts what the figure counts.
/// </summary>
internal static class PublishedWorks
{
    public static IQueryable<RecitationWork> PublishedBetween(this IQueryable<RecitationWork> query, DateOnly? from, DateOnly? to)
    {
        query = query.Where(w => w.Status == WorkStatus.Published);
        if (from is { } f) query = query.Where(w => w.PublishedOn >= f);
        if (to is { } t) query = query.Where(w => w.PublishedOn < t);
        return query;
    }
}

internal static class RecitationModel
{
    public static void Configure(ModelBuilder b) => b.Entity<RecitationWork>(e =>
    {
        e.ToTable("culture_works");
        e.HasKey(x => x.Id);
        e.Property(x => x.Title).HasMaxLength(100).IsRequired();
        e.Property(x => x.RecitedText).HasMaxLength(4000).IsRequired();
        e.Property(x => x.Author).HasMaxLength(100).IsRequired();
        e.Property(x => x.UnitPath).HasMaxLength(400).IsRequired();
        e.Property(x => x.MediaSha256).HasMaxLength(64).IsRequired();
        e.Property(x => x.PosterSha256).HasMaxLength(64);
        e.Property(x => x.ContentType).HasMaxLength(40).IsRequired();
        e.Property(x => x.DecidedBy).HasMaxLength(100);
        e.Property(x => x.RejectReason).HasMaxLength(500);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.Status, x.Id });
        e.HasIndex(x => new { x.UnitPath, x.Status });
        e.HasIndex(x => x.UserId);
    });
}
