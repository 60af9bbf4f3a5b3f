using Gonghui.Modules.ModelWorkers.Contest;
using Gonghui.Modules.ModelWorkers.Lectures;
using Gonghui.Modules.ModelWorkers.ReadingRooms;
using Gonghui.Modules.ModelWorkers.Register;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.ModelWorkers;

/// <summary>EF mapping of the ModelWorkers module's tables (model_workers, _care, lecture_topics, lectures, lecture_attendance, lecture_feedback, reading_rooms, _selections, _checks, speech_contests, _entries, _judges, _scores).</summary>
internal static class ModelWorkersModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<ModelWorker>(e =>
        {
            e.ToTable("model_workers");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100).IsRequired();
            e.Property(x => x.Title).HasMaxLength(60).IsRequired();
            e.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
            e.Property(x => x.DistrictCode).HasMaxLength(6);
            e.Property(x => x.Employer).HasMaxLength(200).IsRequired();
            e.Property(x => x.Occupation).HasMaxLength(60).IsRequired();
            e.Property(x => x.RegisteredBy).HasMaxLength(100).IsRequired();
            e.HasIndex(x => x.MemberId).IsUnique();                 // one register row per person
            e.HasIndex(x => new { x.Name, x.Id });                  // the register's keyset order
            e.HasIndex(x => x.ScopePath);
        });
        b.Entity<CareRecord>(e =>
        {
            e.ToTable("model_worker_care");
            e.HasKey(x => x.Id);
            e.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
            e.Property(x => x.Note).HasMaxLength(500);
            e.Property(x => x.OncePerYear).HasMaxLength(40);
            e.Property(x => x.RecordedBy).HasMaxLength(100).IsRequired();
            e.Property(x => x.PaidBy).HasMaxLength(100);
            e.HasIndex(x => new { x.ModelWorkerId, x.On });
            e.HasIndex(x => x.OncePerYear).IsUnique();              // the honour allowance once per person and year (nulls do not collide)
            e.HasIndex(x => new { x.Status, x.PaidAt });
        });
        b.Entity<LectureTopic>(e =>
        {
            e.ToTable("lecture_topics");
            e.HasKey(x => x.Id);
            e.Property(x => x.Title).HasMaxLength(100).IsRequired();
            e.Property(x => x.Summary).HasMaxLength(500);
            e.HasIndex(x => new { x.Year, x.Title }).IsUnique();
        });
        b.Entity<Lecture>(e =>
        {
            e.ToTable("lectures");
            e.HasKey(x => x.Id);
            e.Property(x => x.HostName).HasMaxLength(200).IsRequired();
            e.Property(x => x.DistrictCode).HasMaxLength(6).IsRequired();
            e.Property(x => x.Address).HasMaxLength(200).IsRequired();
            e.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
            e.Property(x => x.SignInCode).HasMaxLength(40);
            e.Property(x => x.RequestedBy).HasMaxLength(100).IsRequired();
            e.Property(x => x.Reason).HasMaxLength(500);
            e.HasIndex(x => new { x.RequestedAt, x.Id });           // the requests list, newest first
            e.HasIndex(x => new { x.SpeakerId, x.StartsAt });       // a speaker's bookings (the clash check) and "my lectures"
            e.HasIndex(x => x.ScopePath);
            e.HasIndex(x => x.SignInCode).IsUnique();
            e.HasIndex(x => new { x.Status, x.StartsAt });
        });
        b.Entity<LectureAttendance>(e =>
        {
            e.ToTable("lecture_attendance");
            e.HasKey(x => x.Id);
            e.Property(x => x.Via).HasMaxLength(8).IsRequired();
            e.HasIndex(x => new { x.LectureId, x.MemberId }).IsUnique();
            e.HasIndex(x => x.At);
        });
        b.Entity<LectureFeedback>(e =>
        {
            e.ToTable("lecture_feedback");
            e.HasKey(x => x.Id);
            e.Property(x => x.Comment).HasMaxLength(500);
            e.HasIndex(x => new { x.LectureId, x.MemberId }).IsUnique();
        });
        b.Entity<ReadingRoom>(e =>
        {
            e.ToTable("reading_rooms");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100).IsRequired();
            e.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
            e.Property(x => x.DistrictCode).HasMaxLength(6);
            e.Property(x => x.Address).HasMaxLength(200).IsRequired();
            e.Ignore(x => x.WeeklyHours);
            e.HasIndex(x => new { x.Name, x.Id });
            e.HasIndex(x => x.ScopePath);
        });
        b.Entity<RoomSelection>(e =>
        {
            e.ToTable("reading_room_selections");
            e.HasKey(x => x.Id);
            e.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.AppliedBy).HasMaxLength(100).IsRequired();
            e.Property(x => x.OpenKey).HasMaxLength(60);
            e.HasIndex(x => x.OpenKey).IsUnique();                  // one open selection per room and level
            e.HasIndex(x => new { x.RoomId, x.Level });
            e.HasIndex(x => new { x.Status, x.AppliedAt });
        });
        b.Entity<RoomCheck>(e =>
        {
            e.ToTable("reading_room_checks");
            e.HasKey(x => x.Id);
            e.Property(x => x.Note).HasMaxLength(500);
            e.Property(x => x.By).HasMaxLength(100).IsRequired();
            e.HasIndex(x => new { x.SelectionId, x.Year }).IsUnique();
        });
        b.Entity<SpeechContest>(e =>
        {
            e.ToTable("speech_contests");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100).IsRequired();
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Year);
        });
        b.Entity<SpeechEntry>(e =>
        {
            e.ToTable("speech_entries");
            e.HasKey(x => x.Id);
            e.Property(x => x.SpeakerName).HasMaxLength(100).IsRequired();
            e.Property(x => x.Title).HasMaxLength(100).IsRequired();
            e.Property(x => x.ScopePath).HasMaxLength(400).IsRequired();
            e.Property(x => x.EnteredBy).HasMaxLength(100).IsRequired();
            e.Property(x => x.CertificateNo).HasMaxLength(20);
            e.Property(x => x.FinalTotal).HasPrecision(7, 2);
            e.HasIndex(x => new { x.ContestId, x.MemberId }).IsUnique();   // one entry per person per contest
            e.HasIndex(x => new { x.ContestId, x.UnitId });
            e.HasIndex(x => x.ScopePath);
        });
        b.Entity<SpeechJudge>(e =>
        {
            e.ToTable("speech_judges");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100).IsRequired();
            e.Property(x => x.Declared).HasMaxLength(2000).IsRequired();
            e.HasIndex(x => new { x.ContestId, x.Round });
        });
        b.Entity<SpeechScore>(e =>
        {
            e.ToTable("speech_scores");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.ContestId, x.Round, x.JudgeId, x.EntryId, x.Criterion }).IsUnique();
        });
    }
}
