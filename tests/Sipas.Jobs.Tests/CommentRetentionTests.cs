using System.Security.Cryptography;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Jobs.Tests;

/// <summary>Comments (free-text answers) are cleared after the retention period, everywhere they are kept, and the run is audited.</summary>
public class CommentRetentionTests(JobsDatabase database) : JobTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Guid Old, Guid OldOnlyComment, Guid Recent, Guid Keying, long Audit)> Seed()
    {
        await using var db = Database.NewDb();
        var wave = await TestWaves.CreateAsync(db, "RET-1", 2024, 2);
        var sipas = await db.Questionnaires.FirstAsync(q => q.Code == "sipas-dvhcc" && q.Status == QuestionnaireStatus.Published, Ct);
        var agency = await db.Agencies.FirstAsync(a => a.Code == "so-xay-dung", Ct);
        var now = Database.Clock.GetUtcNow();
        Response Make(int daysAgo, object others) => new()
        {
            Id = Guid.NewGuid(), WaveId = wave.Id, QuestionnaireId = sipas.Id, Channel = Channels.Web, AreaCode = "construction",
            AgencyId = agency.Id, Stratum = "so-xay-dung/construction", SubmittedAt = now.AddDays(-daysAgo), ReceivedAt = now.AddDays(-daysAgo),
            Scores = [.. Enumerable.Repeat((short?)4, sipas.ScoredItems.Length)], OtherAnswers = JsonSerializer.SerializeToDocument(others),
            ContentHash = SHA256.HashData(Guid.NewGuid().ToByteArray()),
        };
        var old = Make(400, new { COMMENT = "Chị Lan ở quầy 3, 0912345678", SEX = "nu" });
        var onlyComment = Make(366, new { COMMENT = "Chậm" });
        var recent = Make(10, new { COMMENT = "Nhanh, tốt", SEX = "nam" });
        var keyer = new SipasUser { Id = Guid.NewGuid(), UserName = "keyer", NormalizedUserName = "KEYER", DisplayName = "keyer", CreatedAt = now };
        db.Users.Add(keyer);
        var keying = new PaperKeying
        {
            Id = Guid.NewGuid(), WaveId = wave.Id, QuestionnaireId = sipas.Id, AgencyId = agency.Id, AreaCode = "construction",
            Stratum = "so-xay-dung/construction", Serial = "P-1", KeyedBy = keyer.Id, KeyedAt = now.AddDays(-500),
            Scores = old.Scores, OtherAnswers = JsonSerializer.SerializeToDocument(new { COMMENT = "Viết tay: rất tốt" }),
        };
        var audit = new AuditEntry
        {
            Entity = AuditEntry.Entities.Response, EntityId = old.Id.ToString(), Action = "create", UserName = "keyer", At = now.AddDays(-400),
            After = JsonSerializer.SerializeToDocument(new { QuestionnaireId = sipas.Id, OtherAnswers = new { COMMENT = "Chị Lan ở quầy 3", SEX = "nu" } }),
        };
        db.AddRange(old, onlyComment, recent, keying, audit);
        await db.SaveChangesAsync(Ct);
        return (old.Id, onlyComment.Id, recent.Id, keying.Id, audit.Id);
    }

    private async Task<ClearOldComments.Cleared?> Run(int? days = null)
    {
        await using var scope = Database.Services.CreateAsyncScope();
        return days is null
            ? await scope.ServiceProvider.GetRequiredService<ClearOldComments>().Run(Ct)
            : await new ClearOldComments(scope.ServiceProvider.GetRequiredService<SipasDb>(), Database.Clock,
                Options.Create(new JobsOptions { CommentRetentionDays = days.Value }), NullLogger<ClearOldComments>.Instance).Run(Ct);
    }

    [Fact]
    public async Task CommentsOlderThanTheRetention_AreClearedEverywhere_TheRestStays_AndTheRunIsAudited()
    {
        var (old, onlyComment, recent, keying, audit) = await Seed();
        await using var before = Database.NewDb();
        var hash = (await before.Responses.SingleAsync(r => r.Id == old, Ct)).ContentHash;

        var cleared = await Run();

        Assert.Equal((2, 1, 1), (cleared!.Responses, cleared.Keyings, cleared.AuditEntries));
        await using var db = Database.NewDb();
        var responses = await db.Responses.AsNoTracking().ToDictionaryAsync(r => r.Id, Ct);
        Assert.Equal("""{"SEX": "nu"}""", responses[old].OtherAnswers!.RootElement.GetRawText().Replace(":\"", ": \""));
        Assert.Null(responses[onlyComment].OtherAnswers);
        Assert.Equal("Nhanh, tốt", responses[recent].OtherAnswers!.RootElement.GetProperty("COMMENT").GetString());
        Assert.All(responses.Values, r => Assert.Equal(22, r.Scores.Count(s => s == 4)));
        Assert.Equal(hash, responses[old].ContentHash);
        Assert.Null((await db.PaperKeyings.AsNoTracking().SingleAsync(k => k.Id == keying, Ct)).OtherAnswers);
        var entries = await db.AuditEntries.AsNoTracking().ToListAsync(Ct);
        var others = entries.Single(e => e.Id == audit).After!.RootElement.GetProperty("OtherAnswers");
        Assert.False(others.TryGetProperty("COMMENT", out _));
        Assert.Equal("nu", others.GetProperty("SEX").GetString());
        var run = Assert.Single(entries, e => e.Entity == "comments");
        Assert.Equal(("clear", Snapshot.Scheduler), (run.Action, run.UserName));
        Assert.Equal(2, run.After!.RootElement.GetProperty("Responses").GetInt32());
        Assert.DoesNotContain(entries, e => (e.After?.RootElement.GetRawText() ?? "").Contains("Chị Lan"));
    }

    [Fact]
    public async Task ASecondRun_ClearsNothing_AndAddsNoAuditEntry()
    {
        await Seed();
        await Run();

        var again = await Run();

        Assert.Equal((0, 0, 0), (again!.Responses, again.Keyings, again.AuditEntries));
        await using var db = Database.NewDb();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Entity == "comments", Ct));
    }

    [Fact]
    public async Task RetentionZero_KeepsEveryComment_AndTheJobIsNotScheduled()
    {
        var (old, _, _, _, _) = await Seed();
        var manager = Database.Services.GetRequiredService<IRecurringJobManager>();

        var result = await Run(days: 0);
        JobsSetup.ScheduleRecurringJobs(manager, new JobsOptions { CommentRetentionDays = 0 });
        var scheduledWhenZero = Scheduled();
        JobsSetup.ScheduleRecurringJobs(manager, new JobsOptions());

        Assert.Null(result);
        await using var db = Database.NewDb();
        Assert.True((await db.Responses.SingleAsync(r => r.Id == old, Ct)).OtherAnswers!.RootElement.TryGetProperty("COMMENT", out _));
        Assert.Null(scheduledWhenZero);
        Assert.Equal(("0 2 * * *", "Asia/Ho_Chi_Minh", typeof(ClearOldComments)), (Scheduled()!.Cron, Scheduled()!.TimeZoneId, Scheduled()!.Job.Type));
    }

    private RecurringJobDto? Scheduled()
    {
        using var connection = Database.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().SingleOrDefault(j => j.Id == JobsSetup.ClearOldCommentsJob);
    }
}
