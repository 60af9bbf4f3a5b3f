using Gonghui.Modules.Culture.Likes;
using Gonghui.Modules.Culture.Quiz;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Culture;

/// <summary>EF mapping of the Culture module's tables (culture_*).</summary>
internal static class CultureModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<QuestionBank>(e =>
        {
            e.ToTable("culture_banks");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.Property(x => x.CreatedBy).HasMaxLength(100).IsRequired();
        });
        b.Entity<BankQuestion>(e =>
        {
            e.ToTable("culture_questions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Text).HasMaxLength(1000).IsRequired();
            e.Property(x => x.Options).HasMaxLength(1300).IsRequired();
            e.Property(x => x.Answer).HasMaxLength(8).IsRequired();
            e.Ignore(x => x.OptionList);
            e.HasIndex(x => new { x.BankId, x.Position });
        });
        b.Entity<ReadingQuiz>(e =>
        {
            e.ToTable("culture_quizzes");
            e.HasKey(x => x.Id);
            e.Property(x => x.Title).HasMaxLength(200).IsRequired();
        });
        b.Entity<QuizAttempt>(e =>
        {
            e.ToTable("culture_attempts");
            e.HasKey(x => x.Id);
            e.Property(x => x.UnitPath).HasMaxLength(400).IsRequired();
            e.Property(x => x.District).HasMaxLength(400).IsRequired();
            e.Property(x => x.Drawn).HasMaxLength(200 * QuizAttempt.DrawnWidth).IsRequired();
            // One attempt number per participant and quiz: two starts at once make one attempt.
            e.HasIndex(x => new { x.QuizId, x.UserId, x.Number }).IsUnique();
            // The rankings group a quiz's attempts by district or by unit within a scope (district, then path): the index holds every
            // column they read, in district order, so both engines answer from the index alone without sorting by district.
            e.HasIndex(x => new { x.QuizId, x.District, x.UnitPath, x.UnitId, x.Number, x.SubmittedAt, x.Score });
            e.HasIndex(x => new { x.QuizId, x.UnitPath });
        });
        // The report's roll-up of the first attempts (TakerRollup: kept in the transaction that writes them).
        b.Entity<QuizTaker>(e =>
        {
            e.ToTable("culture_quiz_takers");
            e.HasKey(x => new { x.Year, x.UserId, x.UnitPath });
            e.Property(x => x.UnitPath).HasMaxLength(400);
            e.HasIndex(x => new { x.Year, x.Shared, x.UnitPath, x.UserId });
        });
        b.Entity<QuizTakerCount>(e =>
        {
            e.ToTable("culture_quiz_taker_counts");
            e.HasKey(x => new { x.Year, x.Months, x.UnitPath });
            e.Property(x => x.UnitPath).HasMaxLength(400);
        });
        b.Entity<QuizAnswer>(e =>
        {
            e.ToTable("culture_answers");
            e.HasKey(x => new { x.AttemptId, x.QuestionId });
            e.Property(x => x.Choice).HasMaxLength(8).IsRequired();
        });
        b.Entity<LikeCampaign>(e =>
        {
            e.ToTable("culture_like_campaigns");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Kind).HasMaxLength(40).IsRequired();
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
        });
        b.Entity<ItemLike>(e =>
        {
            e.ToTable("culture_likes");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.IpHash).HasMaxLength(32).IsRequired();
            e.Property(x => x.Flag).HasMaxLength(20);
            // One like per voter per item, whatever the timing of the clicks.
            e.HasIndex(x => new { x.ItemId, x.VoterKey }).IsUnique();
            e.HasIndex(x => new { x.CampaignId, x.ItemId });
        });
        Recitations.RecitationModel.Configure(b);
    }
}
