using Microsoft.EntityFrameworkCore;

namespace Gonghui.Platform.Notifications;

/// <summary>
/// A notification waiting to be delivered (transactional outbox): a module adds it to the context together with the change
/// it reports, in the same SaveChanges, and <see cref="OutboxDelivery"/> sends it later with retry. The recipient phone is
/// stored encrypted (<see cref="ToCipher"/>, PersonalDataProtector) and masked for display.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>"sms" (to the phone in <see cref="ToCipher"/>) or "unit" (to the duty contact of <see cref="ToUnitId"/>).</summary>
    public string Channel { get; set; } = "sms";
    public string? ToCipher { get; set; }
    public string? ToMasked { get; set; }
    public Guid? ToUnitId { get; set; }
    public string Body { get; set; } = "";
    /// <summary>The record the message is about (a hotline request, …), for the module's own look-ups.</summary>
    public Guid? SubjectId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }

    internal static void Configure(ModelBuilder b) => b.Entity<OutboxMessage>(e =>
    {
        e.ToTable("notification_outbox");
        e.HasKey(x => x.Id);
        e.Property(x => x.Channel).HasMaxLength(16);
        e.Property(x => x.ToCipher).HasMaxLength(200);
        e.Property(x => x.ToMasked).HasMaxLength(11);
        e.Property(x => x.Body).HasMaxLength(1000);
        e.Property(x => x.LastError).HasMaxLength(1000);
        e.HasIndex(x => new { x.SentAt, x.NextAttemptAt });
        e.HasIndex(x => x.SubjectId);
    });
}
