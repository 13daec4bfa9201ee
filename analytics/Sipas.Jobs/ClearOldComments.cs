using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Sipas.Analytics;
using Sipas.Data;

namespace Sipas.Jobs;

/// <summary>
/// Free-text answers (comments) are the one place a citizen may write something personal. They are kept
/// <see cref="JobsOptions.CommentRetentionDays"/> days (<c>Sipas:Jobs:CommentRetentionDays</c>, default 365; 0 keeps
/// them) and then cleared, every night (recurring job <c>clear-old-comments</c>): the text answers of older
/// responses and paper keyings, and the copies in the audit entries of that time. Ratings and every other answer
/// stay; so does the content hash, so a late retry of the same response is still recognised. Each run that clears
/// anything is recorded in <c>sipas.audit_entries</c> (entity <c>comments</c>, action <c>clear</c>, by <c>scheduler</c>).
/// </summary>
public sealed class ClearOldComments(SipasDb db, TimeProvider clock, IOptions<JobsOptions> options, ILogger<ClearOldComments> log)
{
    public sealed record Cleared(DateTimeOffset Before, int Days, int Responses, int Keyings, int AuditEntries);

    public async Task<Cleared?> Run(CancellationToken ct)
    {
        var days = options.Value.CommentRetentionDays;
        if (days <= 0) return null;
        var before = clock.GetUtcNow().AddDays(-days);
        var textItems = (await db.Questionnaires.AsNoTracking().ToListAsync(ct))
            .Select(q => (q.Id, Codes: q.Read().ItemsByCode.Values.Where(i => i.Scale == ItemScale.Text).Select(i => i.Code).ToArray()))
            .Where(q => q.Codes.Length > 0).ToList();

        int responses = 0, keyings = 0, audits = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (questionnaire, codes) in textItems)
        {
            responses += await Execute("""
                UPDATE sipas.responses SET other_answers = NULLIF(other_answers - $1::text[], '{}'::jsonb)
                WHERE questionnaire_id = $2 AND received_at < $3 AND other_answers ?| $1::text[]
                """, codes, questionnaire, before, ct);
            keyings += await Execute("""
                UPDATE sipas.paper_keyings SET other_answers = NULLIF(other_answers - $1::text[], '{}'::jsonb)
                WHERE questionnaire_id = $2 AND keyed_at < $3 AND other_answers ?| $1::text[]
                """, codes, questionnaire, before, ct);
            foreach (var column in new[] { "before", "after" })
                audits += await Execute($"""
                    UPDATE sipas.audit_entries SET {column} = jsonb_set({column}, '{"{OtherAnswers}"}', ({column} -> 'OtherAnswers') - $1::text[])
                    WHERE at < $3 AND ({column} ->> 'QuestionnaireId')::int = $2
                      AND jsonb_typeof({column} -> 'OtherAnswers') = 'object' AND ({column} -> 'OtherAnswers') ?| $1::text[]
                    """, codes, questionnaire, before, ct);
        }
        var cleared = new Cleared(before, days, responses, keyings, audits);
        if (responses + keyings + audits > 0)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                Entity = "comments", EntityId = before.ToString("O"), Action = "clear", UserName = Snapshot.Scheduler,
                At = clock.GetUtcNow(), After = System.Text.Json.JsonSerializer.SerializeToDocument(cleared),
            });
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        log.LogInformation("Comments older than {Days} days cleared: {Responses} responses, {Keyings} keyings, {Audits} audit entries",
            days, responses, keyings, audits);
        return cleared;
    }

    private async Task<int> Execute(string sql, string[] codes, int questionnaire, DateTimeOffset before, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(sql, connection, (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction());
        command.Parameters.AddWithValue(codes);
        command.Parameters.AddWithValue(questionnaire);
        command.Parameters.AddWithValue(before);
        return await command.ExecuteNonQueryAsync(ct);
    }
}
