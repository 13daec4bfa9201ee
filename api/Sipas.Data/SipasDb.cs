using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Sipas.Data;

/// <summary>The one DbContext. Tables live in the <c>sipas</c> schema (Hangfire keeps its own).</summary>
/// <remarks>
/// New migration: <c>dotnet ef migrations add NAME --project api/Sipas.Data --startup-project api/Sipas.Data</c>
/// (the design-time factory uses <c>SIPAS_DATABASE_URL</c> or a local placeholder; no database is needed to add one).
/// </remarks>
public class SipasDb(DbContextOptions<SipasDb> options)
    : IdentityDbContext<SipasUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public const string Schema = "sipas";

    public DbSet<AdministrativeUnit> AdministrativeUnits => Set<AdministrativeUnit>();
    public DbSet<ServiceArea> ServiceAreas => Set<ServiceArea>();
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<ServicePoint> ServicePoints => Set<ServicePoint>();
    public DbSet<QuestionnaireVersion> Questionnaires => Set<QuestionnaireVersion>();
    public DbSet<Wave> Waves => Set<Wave>();
    public DbSet<Target> Targets => Set<Target>();
    public DbSet<ParScoringRule> ParScoringRules => Set<ParScoringRule>();
    public DbSet<Response> Responses => Set<Response>();
    /// <summary>ASP.NET Core Data Protection keys, shared by every API replica (cookies, antiforgery tokens).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Snapshot> Snapshots => Set<Snapshot>();
    public DbSet<SnapshotResult> SnapshotResults => Set<SnapshotResult>();
    public DbSet<SnapshotVerdict> SnapshotVerdicts => Set<SnapshotVerdict>();
    public DbSet<SnapshotChange> SnapshotChanges => Set<SnapshotChange>();
    public DbSet<PaperKeying> PaperKeyings => Set<PaperKeying>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<FieldworkStratum> FieldworkStrata => Set<FieldworkStratum>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<ContactAttempt> ContactAttempts => Set<ContactAttempt>();
    public DbSet<SnapshotReport> SnapshotReports => Set<SnapshotReport>();
    public DbSet<ClientSystem> ClientSystems => Set<ClientSystem>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<ResponseReview> ResponseReviews => Set<ResponseReview>();
    public DbSet<RateCounter> RateCounters => Set<RateCounter>();
    public DbSet<Invitation> Invitations => Set<Invitation>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        model.HasDefaultSchema(Schema);
        DefineIdentity(model);
        DefinePlaces(model);
        DefineQuestionnaires(model);
        DefineResponses(model);
        DefineSnapshots(model);
        DefineKeyings(model);
        DefineClients(model);
        DefineIntegrity(model);
        RestrictDeletes(model);
    }

    /// <summary>
    /// Tables whose rows are parts of their parent and go with it: Identity's claims, logins, tokens and role links of
    /// an account, a snapshot's own figures, verdicts, changes and rendered reports, and pure link tables. Every other foreign key
    /// restricts: deleting a wave, agency, questionnaire, area, commune, service point, target or account that
    /// anything refers to is refused, never carried out by deleting what refers to it (ResponsesKeptTests).
    /// </summary>
    public static readonly IReadOnlySet<string> CascadingTables = new HashSet<string>
    {
        "role_claims", "user_claims", "user_logins", "user_roles", "user_tokens",
        "snapshot_changes", "snapshot_reports", "snapshot_results", "snapshot_verdicts",
        "wave_questionnaires", "wave_agencies", "agency_areas",
    };

    private static void RestrictDeletes(ModelBuilder model)
    {
        foreach (var type in model.Model.GetEntityTypes())
            foreach (var key in type.GetForeignKeys())
                if (!CascadingTables.Contains(type.GetTableName() ?? ""))
                    key.DeleteBehavior = DeleteBehavior.Restrict;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PublishedQuestionnaireGuard.Check(ChangeTracker);
        PublishedSnapshotGuard.Check(this, ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        PublishedQuestionnaireGuard.Check(ChangeTracker);
        PublishedSnapshotGuard.Check(this, ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
    }

    private static void DefineIdentity(ModelBuilder model)
    {
        model.Entity<SipasUser>().ToTable("users");
        model.Entity<IdentityRole<Guid>>().ToTable("roles");
        model.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        model.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        model.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        model.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        model.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");
    }

    private static void DefinePlaces(ModelBuilder model)
    {
        model.Entity<AdministrativeUnit>(e =>
        {
            e.HasKey(u => u.Code);
            e.Property(u => u.Code).HasMaxLength(10);
            e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(u => u.SuccessorCode);
        });
        model.Entity<ServiceArea>(e =>
        {
            e.HasKey(a => a.Code);
            e.Property(a => a.Code).HasMaxLength(20);
        });
        model.Entity<Agency>(e =>
        {
            e.HasIndex(a => a.Code).IsUnique();
            e.Property(a => a.Code).HasMaxLength(80);
            e.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
            e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(a => a.UnitCode);
            e.HasOne<Agency>().WithMany().HasForeignKey(a => a.SuccessorId);
            e.HasMany(a => a.Areas).WithMany().UsingEntity("agency_areas");
        });
        model.Entity<ServicePoint>(e =>
        {
            e.HasIndex(p => p.Code).IsUnique();
            e.Property(p => p.Code).HasMaxLength(20);
            e.HasOne(p => p.Agency).WithMany().HasForeignKey(p => p.AgencyId);
            e.HasOne<ServiceArea>().WithMany().HasForeignKey(p => p.AreaCode);
            e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(p => p.UnitCode);
        });
    }

    private static void DefineQuestionnaires(ModelBuilder model)
    {
        model.Entity<QuestionnaireVersion>(e =>
        {
            e.ToTable("questionnaires");
            e.HasIndex(q => new { q.Code, q.Version }).IsUnique();
            e.Property(q => q.Status).HasConversion<string>().HasMaxLength(20);
            e.Ignore(q => q.Key);
        });
        model.Entity<Wave>(e =>
        {
            e.HasIndex(w => w.Code).IsUnique();
            e.Property(w => w.Code).HasMaxLength(40);
            e.Property(w => w.Status).HasConversion<string>().HasMaxLength(20);
            e.HasMany(w => w.Questionnaires).WithMany().UsingEntity("wave_questionnaires");
            e.HasMany(w => w.Agencies).WithMany().UsingEntity("wave_agencies");
        });
        model.Entity<Target>(e =>
        {
            e.Property(t => t.Indicator).HasMaxLength(20);
            e.Property(t => t.Comparator).HasMaxLength(2);
            e.Property(t => t.ThresholdPercent).HasPrecision(5, 2);
            e.Property(t => t.CreatedBy).HasMaxLength(256);
            e.HasOne<Target>().WithMany().HasForeignKey(t => t.SupersededById);
            e.HasIndex(t => new { t.Indicator, t.Year }).IsUnique().HasFilter("superseded_at IS NULL");
            e.ToTable(t => t.HasCheckConstraint("ck_targets_comparator", "comparator IN ('>', '≥')"));
        });
        model.Entity<ParScoringRule>(e =>
        {
            e.Property(r => r.Indicator).HasMaxLength(20);
            e.Property(r => r.Kind).HasMaxLength(10);
            e.Property(r => r.MaxPoints).HasPrecision(7, 2);
            e.Property(r => r.FromPercent).HasPrecision(5, 2);
            e.Property(r => r.ToPercent).HasPrecision(5, 2);
            e.Property(r => r.LegalBasis).HasMaxLength(300);
            e.Property(r => r.CreatedBy).HasMaxLength(256);
            e.HasOne<ParScoringRule>().WithMany().HasForeignKey(r => r.SupersededById).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(r => new { r.Indicator, r.Year }).IsUnique().HasFilter("superseded_at IS NULL");
            e.ToTable(t =>
            {
                t.HasCheckConstraint("ck_par_scoring_rules_kind", "kind IN ('linear', 'bands')");
                t.HasCheckConstraint("ck_par_scoring_rules_bands", "cardinality(band_min_percent) = cardinality(band_points)");
            });
        });
    }

    private static void DefineResponses(ModelBuilder model)
    {
        model.Entity<Response>(e =>
        {
            e.Property(r => r.Id).ValueGeneratedNever();
            e.Property(r => r.Channel).HasMaxLength(12);
            e.Property(r => r.AreaCode).HasMaxLength(20);
            e.Property(r => r.UnitCode).HasMaxLength(10);
            e.Property(r => r.Stratum).HasMaxLength(120);
            // No foreign keys on the hot table: the one intake path resolves the wave, questionnaire, agency, area, commune
            // and service point of every response before writing it, so a per-row check (and a FOR KEY SHARE lock on the
            // same parent rows from every writer) would repeat it. What a foreign key would also give, that no response is
            // ever removed or orphaned by deleting or re-keying a parent, the trigger sipas.keep_responses() on each parent
            // table gives (migration NoCascades; ResponsesKeptTests).
            e.HasIndex(r => new { r.WaveId, r.QuestionnaireId });
            // A surveyor's interviews around a time (QualityChecks: surveyor-rate); web rows have no entered_by.
            e.HasIndex(r => new { r.EnteredBy, r.SubmittedAt }).HasFilter("entered_by IS NOT NULL");
            // Surveyors' forms of a questionnaire in a wave, newest first (QualityChecks: near-duplicate, low-spread).
            e.HasIndex(r => new { r.WaveId, r.QuestionnaireId, r.ReceivedAt })
                .HasFilter("channel IN ('paper', 'interview', 'import') AND superseded_by IS NULL")
                .HasDatabaseName("ix_responses_surveyor_forms");
            // Repeated dossiers within a wave are found by this index (web and portal ratings carry a dossier hash).
            e.HasIndex(r => new { r.WaveId, r.DossierHash }).HasFilter("dossier_hash IS NOT NULL");
            // One rating per invitation.
            e.HasIndex(r => r.InvitationId).IsUnique().HasFilter("invitation_id IS NOT NULL");
            e.Property(r => r.Review).HasMaxLength(10);
            e.ToTable(t => t.HasCheckConstraint("ck_responses_review", "review IN ('keep', 'exclude')"));
            e.ToTable(t => t.HasCheckConstraint("ck_responses_channel", "channel IN ('web', 'paper', 'interview', 'import', 'portal')"));
        });
    }

    private static void DefineSnapshots(ModelBuilder model)
    {
        model.Entity<Snapshot>(e =>
        {
            e.HasOne(s => s.Wave).WithMany().HasForeignKey(s => s.WaveId);
            e.HasOne<Snapshot>().WithMany().HasForeignKey(s => s.SupersedesId);
            e.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(s => s.Phase).HasMaxLength(40);
            e.Property(s => s.MethodVersion).HasMaxLength(40);
            e.Property(s => s.Frame).HasMaxLength(80);
            e.Property(s => s.RequestedBy).HasMaxLength(256);
            e.Property(s => s.PublishedBy).HasMaxLength(256);
            e.Property(s => s.JobId).HasMaxLength(40);
            e.HasIndex(s => new { s.WaveId, s.RequestedAt });
            e.ToTable(t => t.HasCheckConstraint("ck_snapshots_progress", "progress BETWEEN 0 AND 100"));
        });
        model.Entity<SnapshotResult>(e =>
        {
            e.HasKey(r => new { r.SnapshotId, r.Channel, r.Indicator, r.GroupType, r.GroupCode, r.Section, r.Item });
            e.HasOne<Snapshot>().WithMany().HasForeignKey(r => r.SnapshotId);
            e.Property(r => r.Channel).HasMaxLength(20);
            e.Property(r => r.Indicator).HasMaxLength(20);
            e.Property(r => r.GroupType).HasMaxLength(20);
        });
        model.Entity<SnapshotVerdict>(e =>
        {
            e.HasKey(v => new { v.SnapshotId, v.Indicator });
            e.HasOne<Snapshot>().WithMany().HasForeignKey(v => v.SnapshotId);
            e.HasOne<Target>().WithMany().HasForeignKey(v => v.TargetId);
            e.Property(v => v.Indicator).HasMaxLength(20);
            e.Property(v => v.GroupType).HasMaxLength(20);
            e.Property(v => v.Source).HasMaxLength(20);
            e.Property(v => v.Comparator).HasMaxLength(2);
            e.Property(v => v.Display).HasMaxLength(16);
        });
        model.Entity<SnapshotChange>(e =>
        {
            e.HasKey(c => new { c.SnapshotId, c.Channel, c.Indicator });
            e.HasOne<Snapshot>().WithMany().HasForeignKey(c => c.SnapshotId);
            e.HasOne<Snapshot>().WithMany().HasForeignKey(c => c.PreviousSnapshotId).OnDelete(DeleteBehavior.Restrict);
            e.Property(c => c.Channel).HasMaxLength(20);
            e.Property(c => c.Indicator).HasMaxLength(20);
            e.Property(c => c.PreviousWave).HasMaxLength(40);
        });
        model.Entity<SnapshotReport>(e =>
        {
            e.HasKey(r => new { r.SnapshotId, r.Kind, r.Language });
            e.Property(r => r.Kind).HasMaxLength(40).HasDefaultValue(SnapshotReport.Province);
            e.HasOne<Snapshot>().WithMany().HasForeignKey(r => r.SnapshotId);
            e.Property(r => r.Language).HasMaxLength(2);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.Phase).HasMaxLength(40);
            e.Property(r => r.RequestedBy).HasMaxLength(256);
            e.Property(r => r.JobId).HasMaxLength(40);
            e.ToTable(t =>
            {
                t.HasCheckConstraint("ck_snapshot_reports_language", "language IN ('vi', 'en')");
                t.HasCheckConstraint("ck_snapshot_reports_kind", "kind IN ('province', 'agency-scorecards', 'commune-scorecards', 'sector-land', 'sector-construction', "
                    + "'sector-investment', 'health', 'education')");
                t.HasCheckConstraint("ck_snapshot_reports_progress", "progress BETWEEN 0 AND 100");
            });
        });
    }

    private static void DefineKeyings(ModelBuilder model)
    {
        model.Entity<PaperKeying>(e =>
        {
            e.Property(k => k.Id).ValueGeneratedNever();
            e.Property(k => k.Serial).HasMaxLength(40);
            e.Property(k => k.AreaCode).HasMaxLength(20);
            e.Property(k => k.UnitCode).HasMaxLength(10);
            e.Property(k => k.Stratum).HasMaxLength(120);
            e.Property(k => k.Status).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Wave>().WithMany().HasForeignKey(k => k.WaveId);
            e.HasOne<QuestionnaireVersion>().WithMany().HasForeignKey(k => k.QuestionnaireId);
            e.HasOne<Agency>().WithMany().HasForeignKey(k => k.AgencyId);
            e.HasOne<ServiceArea>().WithMany().HasForeignKey(k => k.AreaCode);
            e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(k => k.UnitCode);
            e.HasOne<SipasUser>().WithMany().HasForeignKey(k => k.KeyedBy);
            e.HasOne<Response>().WithMany().HasForeignKey(k => k.ResponseId);
            e.HasOne<PaperKeying>().WithMany().HasForeignKey(k => k.SupersededBy);
            // The same person never keys a serial twice (blind double entry needs two people).
            e.HasIndex(k => new { k.WaveId, k.Serial, k.KeyedBy }).IsUnique().HasFilter("superseded_by IS NULL");
            e.HasIndex(k => new { k.Status, k.WaveId });
        });
        model.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_entries");
            e.Property(a => a.Entity).HasMaxLength(40);
            e.Property(a => a.EntityId).HasMaxLength(80);
            e.Property(a => a.Action).HasMaxLength(40);
            e.Property(a => a.UserName).HasMaxLength(256);
            e.HasIndex(a => new { a.Entity, a.EntityId });
        });
        model.Entity<FieldworkStratum>(e =>
        {
            e.ToTable("fieldwork_strata");
            e.HasKey(f => new { f.WaveId, f.Stratum });
            e.Property(f => f.Stratum).HasMaxLength(120);
            e.Property(f => f.QuotaMethod).HasMaxLength(80);
            e.HasOne<Wave>().WithMany().HasForeignKey(f => f.WaveId);
        });
        model.Entity<Assignment>(e =>
        {
            e.Property(a => a.Stratum).HasMaxLength(120);
            e.Property(a => a.UnitCode).HasMaxLength(10);
            e.HasOne<Wave>().WithMany().HasForeignKey(a => a.WaveId);
            e.HasOne<SipasUser>().WithMany().HasForeignKey(a => a.UserId);
            e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(a => a.UnitCode);
            e.HasIndex(a => new { a.UserId, a.WaveId });
        });
        model.Entity<ContactAttempt>(e =>
        {
            e.Property(a => a.Id).ValueGeneratedNever();
            e.Property(a => a.Stratum).HasMaxLength(120);
            e.Property(a => a.UnitCode).HasMaxLength(10);
            e.Property(a => a.Disposition).HasMaxLength(20);
            e.HasOne<Wave>().WithMany().HasForeignKey(a => a.WaveId);
            e.HasOne<SipasUser>().WithMany().HasForeignKey(a => a.SurveyorId);
            e.HasOne<AdministrativeUnit>().WithMany().HasForeignKey(a => a.UnitCode);
            e.HasOne<Response>().WithMany().HasForeignKey(a => a.ResponseId);
            e.HasIndex(a => new { a.WaveId, a.Stratum });
            e.HasIndex(a => new { a.WaveId, a.SurveyorId });
            e.ToTable(t => t.HasCheckConstraint("ck_contact_attempts_disposition",
                "disposition IN ('completed', 'refused', 'non-contact', 'ineligible')"));
        });
    }

    private static void DefineClients(ModelBuilder model)
    {
        model.Entity<ClientSystem>(e =>
        {
            e.ToTable("client_systems");
            e.HasIndex(c => c.Code).IsUnique();
            e.HasIndex(c => c.KeyPrefix).IsUnique();
            e.Property(c => c.Code).HasMaxLength(40);
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.KeyPrefix).HasMaxLength(16);
            e.Property(c => c.WebhookUrl).HasMaxLength(500);
            e.Property(c => c.WebhookSecret).HasMaxLength(100);
            e.Property(c => c.CreatedBy).HasMaxLength(256);
        });
        model.Entity<WebhookDelivery>(e =>
        {
            e.ToTable("webhook_deliveries");
            e.HasOne<ClientSystem>().WithMany().HasForeignKey(d => d.ClientId);
            e.HasOne<Snapshot>().WithMany().HasForeignKey(d => d.SnapshotId);
            e.Property(d => d.Event).HasMaxLength(40);
            e.Property(d => d.Url).HasMaxLength(500);
            e.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(d => new { d.ClientId, d.CreatedAt });
            e.HasIndex(d => new { d.SnapshotId, d.ClientId, d.Event }).IsUnique();
        });
    }

    private static void DefineIntegrity(ModelBuilder model)
    {
        model.Entity<ServicePoint>().Property(p => p.OpeningHours).HasMaxLength(200);
        model.Entity<ResponseReview>(e =>
        {
            e.ToTable("response_reviews");
            e.Property(r => r.Id).ValueGeneratedNever();
            e.Property(r => r.Decision).HasMaxLength(10);
            e.Property(r => r.Reason).HasMaxLength(500);
            e.Property(r => r.DecidedBy).HasMaxLength(256);
            e.HasOne<Response>().WithMany().HasForeignKey(r => r.ResponseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ResponseReview>().WithMany().HasForeignKey(r => r.SupersededBy).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(r => r.ResponseId).IsUnique().HasFilter("superseded_by IS NULL");
            e.ToTable(t => t.HasCheckConstraint("ck_response_reviews_decision", "decision IN ('keep', 'exclude')"));
        });
        model.Entity<RateCounter>(e =>
        {
            e.ToTable("rate_counters");
            e.HasKey(c => new { c.Key, c.WindowStart });
            e.Property(c => c.Key).HasMaxLength(200);
            e.HasIndex(c => c.ExpiresAt);
        });
        model.Entity<Invitation>(e =>
        {
            e.ToTable("invitations");
            e.Property(i => i.Id).ValueGeneratedNever();
            e.Property(i => i.AreaCode).HasMaxLength(20);
            e.Property(i => i.UnitCode).HasMaxLength(10);
            e.HasOne<ClientSystem>().WithMany().HasForeignKey(i => i.ClientId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Wave>().WithMany().HasForeignKey(i => i.WaveId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<QuestionnaireVersion>().WithMany().HasForeignKey(i => i.QuestionnaireId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Agency>().WithMany().HasForeignKey(i => i.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ServicePoint>().WithMany().HasForeignKey(i => i.ServicePointId).OnDelete(DeleteBehavior.Restrict);
            // One invitation per dossier and wave: asking again returns the same one.
            e.HasIndex(i => new { i.WaveId, i.DossierHash }).IsUnique();
        });
    }
}
