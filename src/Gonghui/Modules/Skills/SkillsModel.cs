using Gonghui.Modules.Skills.Contests;
using Gonghui.Modules.Skills.Craftsmen;
using Gonghui.Modules.Skills.TeamContests;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Skills;

/// <summary>EF mapping of the Skills module's tables (skills_*).</summary>
internal static class SkillsModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<SkillsContest>(e =>
        {
            e.ToTable("skills_contests");
            e.HasKey(x => x.Id);
            e.Property(x => x.Code).HasMaxLength(40).IsRequired();
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.HasIndex(x => x.Code).IsUnique();
            e.HasIndex(x => x.Year);
        });
        b.Entity<SkillsTrade>(e =>
        {
            e.ToTable("skills_trades");
            e.HasKey(x => x.Id);
            e.Property(x => x.Code).HasMaxLength(20).IsRequired();
            e.Property(x => x.Name).HasMaxLength(100).IsRequired();
            e.Property(x => x.OccupationCode).HasMaxLength(20);
            e.Property(x => x.SignedOffBy).HasMaxLength(100);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.ContestId, x.Code }).IsUnique();
        });
        b.Entity<SkillsAspect>(e =>
        {
            e.ToTable("skills_aspects");
            e.HasKey(x => x.Id);
            e.Property(x => x.Code).HasMaxLength(20).IsRequired();
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.HasIndex(x => new { x.TradeId, x.Position }).IsUnique();
        });
        b.Entity<SkillsJudge>(e =>
        {
            e.ToTable("skills_judges");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100).IsRequired();
            e.HasIndex(x => x.TradeId);
            e.HasIndex(x => x.UserId);
        });
        b.Entity<SkillsConflict>(e =>
        {
            e.ToTable("skills_conflicts");
            e.HasKey(x => x.Id);
            e.Property(x => x.Reason).HasMaxLength(200).IsRequired();
            e.HasIndex(x => new { x.JudgeId, x.EntryId }).IsUnique();
        });
        b.Entity<SkillsEntry>(e =>
        {
            e.ToTable("skills_entries");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100).IsRequired();
            e.Property(x => x.UnitPath).HasMaxLength(400).IsRequired();
            e.Property(x => x.OccupationCode).HasMaxLength(20);
            e.Property(x => x.RegisteredBy).HasMaxLength(100).IsRequired();
            // One trade per person per contest; a team (a team contest's stage judged as a trade) once per trade.
            e.HasIndex(x => new { x.ContestId, x.MemberId }).IsUnique().HasFilter("team_id IS NULL");
            e.HasIndex(x => new { x.TradeId, x.TeamId }).IsUnique().HasFilter("team_id IS NOT NULL");
            e.HasIndex(x => new { x.TradeId, x.EnteringUnitId });
            e.HasIndex(x => new { x.TradeId, x.StartOrder });
            e.HasIndex(x => x.MemberId);
        });
        b.Entity<SkillsMark>(e =>
        {
            e.ToTable("skills_marks");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.EntryId, x.AspectId, x.JudgeKey }).IsUnique();
            e.HasIndex(x => new { x.TradeId, x.JudgeKey });
        });
        b.Entity<SkillsAppeal>(e =>
        {
            e.ToTable("skills_appeals");
            e.HasKey(x => x.Id);
            e.Property(x => x.Reason).HasMaxLength(1000).IsRequired();
            e.Property(x => x.FiledBy).HasMaxLength(100).IsRequired();
            e.Property(x => x.DecidedBy).HasMaxLength(100);
            e.Property(x => x.Decision).HasMaxLength(1000);
            e.HasIndex(x => new { x.TradeId, x.Status });
        });
        b.Entity<CraftsmanSelection>(e =>
        {
            e.ToTable("skills_craftsman_selections");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.Property(x => x.Trades).HasMaxLength(6000).IsRequired();
            e.Property(x => x.DecidedBy).HasMaxLength(100);
            e.HasIndex(x => x.Year).IsUnique();
        });
        b.Entity<CraftsmanCandidate>(e =>
        {
            e.ToTable("skills_craftsman_candidates");
            e.HasKey(x => x.Id);
            e.Property(x => x.Trade).HasMaxLength(50).IsRequired();
            e.Property(x => x.Name).HasMaxLength(100).IsRequired();
            e.Property(x => x.UnitPath).HasMaxLength(400).IsRequired();
            e.Property(x => x.Story).HasMaxLength(4000);
            e.Property(x => x.ReviewScores).HasMaxLength(1000).IsRequired();
            e.Property(x => x.Objection).HasMaxLength(1000);
            e.Property(x => x.NominatedBy).HasMaxLength(100).IsRequired();
            e.Property(x => x.PaidBy).HasMaxLength(100);
            e.Ignore(x => x.Paid);
            e.HasIndex(x => new { x.SelectionId, x.MemberId }).IsUnique();
            e.HasIndex(x => new { x.SelectionId, x.Trade });
            e.HasIndex(x => x.MemberId);
        });

        // Team contests and staged key-project labour contests.
        b.Entity<TeamContest>(e =>
        {
            e.ToTable("skills_team_contests");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(200).IsRequired();
            e.Property(x => x.Project).HasMaxLength(200);
            e.Property(x => x.CreatedBy).HasMaxLength(100).IsRequired();
            e.HasIndex(x => new { x.CreatedAt, x.Id });
            e.HasIndex(x => new { x.Year, x.CreatedAt, x.Id });
        });
        b.Entity<TeamContestStage>(e =>
        {
            e.ToTable("skills_team_contest_stages");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100).IsRequired();
            e.Property(x => x.ClosedBy).HasMaxLength(100);
            e.HasIndex(x => new { x.ContestId, x.Position }).IsUnique();
        });
        b.Entity<ContestTeam>(e =>
        {
            e.ToTable("skills_contest_teams");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100).IsRequired();
            e.Property(x => x.UnitName).HasMaxLength(200).IsRequired();
            e.Property(x => x.UnitPath).HasMaxLength(400).IsRequired();
            e.Property(x => x.RegisteredBy).HasMaxLength(100).IsRequired();
            e.HasIndex(x => new { x.ContestId, x.RegisteredAt });
        });
        b.Entity<ContestTeamMember>(e =>
        {
            e.ToTable("skills_contest_team_members");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(100).IsRequired();
            e.HasIndex(x => new { x.ContestId, x.MemberId }).IsUnique(); // one team per member and contest
            e.HasIndex(x => x.TeamId);
            e.HasIndex(x => x.MemberId);
        });
        b.Entity<TeamStageMark>(e =>
        {
            e.ToTable("skills_team_stage_marks");
            e.HasKey(x => x.Id);
            e.Property(x => x.EnteredBy).HasMaxLength(100).IsRequired();
            e.HasIndex(x => new { x.StageId, x.TeamId }).IsUnique();
        });
    }
}
